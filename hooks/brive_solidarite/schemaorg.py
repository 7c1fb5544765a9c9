"""schema.org JSON-LD for an actor's page: the organisation, its place, its opening hours
and its services as offers. The template embeds it with the json_script filter, so that no
partner text can close the script element.

Opening hours come from opening-hours-py, evaluated day by day: a schedule that repeats
every week becomes plain weekly specifications; a seasonal one becomes a few dated runs of
weeks; anything more irregular (Mo[1], every other week) is given for the next weeks only,
with dates. Public holidays and closures are special opening hours."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

import opening_hours

from .clock import PARIS
from .hours import parse
from .model import Actor, Fermeture, Lieu, Offer, Service, SiteData
from .publication import page_url, public_lieu
from .referentiels import referentiels

GOVERNMENT = {"collectivite", "ccas", "service-public"}
TYPES = {"association": "NGO", "etablissement-sante": "MedicalOrganization"}
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKS = 53  # how far a schedule is looked at
FEW_RUNS = 4  # a year in at most this many runs of identical weeks: seasonal
SHORT_WEEKS = 8  # an irregular schedule is given for this many weeks


def organization_type(actor_type: str) -> str:
    if actor_type in GOVERNMENT:
        return "GovernmentOrganization"
    return TYPES.get(actor_type, "Organization")


def organization(actor: Actor, data: SiteData, site_url: str, today: dt.date) -> dict[str, Any]:
    url = page_url(site_url, actor.id)
    kind = organization_type(actor.type)
    out: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": kind,
        "@id": f"{url}#organisation",
        "name": actor.nom,
        "alternateName": actor.sigle,
        "description": actor.description,
        "url": actor.site_web or url,
        "mainEntityOfPage": url,
        "telephone": actor.telephone_e164,
        "email": actor.courriel,
        "knowsLanguage": actor.langues,
    }
    if actor.siret:
        out["identifier"] = {"@type": "PropertyValue", "propertyID": "SIRET", "value": actor.siret}
    if actor.lieu:
        out["location"] = place(actor.lieu, actor, today)
    elif actor.horaires_accueil:
        # No place to hang the hours on: they are the hours of the contact point.
        regular, special = opening_specifications(actor.horaires_accueil, actor.fermetures, today)
        out["contactPoint"] = _clean(
            {
                "@type": "ContactPoint",
                "telephone": actor.telephone_e164,
                "email": actor.courriel,
                "hoursAvailable": regular + special,
            }
        )
    out["makesOffer"] = [_offer(s, kind, data, today) for s in actor.services]
    return _clean(out)


def place(lieu: Lieu, offer: Offer, today: dt.date) -> dict[str, Any]:
    """A Place with what may be published of `lieu`, and the offer's hours."""
    lieu = public_lieu(lieu)
    street = ", ".join(x for x in (lieu.adresse, lieu.complement_adresse) if x)
    out: dict[str, Any] = {
        "@type": "Place",
        "address": _clean(
            {
                "@type": "PostalAddress",
                "streetAddress": street,
                "postalCode": lieu.code_postal,
                "addressLocality": lieu.commune,
                "addressCountry": "FR",
            }
        ),
    }
    coordinates = lieu.public_coordinates
    if coordinates:
        out["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": coordinates[0],
            "longitude": coordinates[1],
        }
    if offer.accessibilite and offer.accessibilite.pmr is not None:
        out["amenityFeature"] = {
            "@type": "LocationFeatureSpecification",
            "name": "Accès en fauteuil roulant",
            "value": offer.accessibilite.pmr,
        }
    if offer.horaires_accueil:
        regular, special = opening_specifications(offer.horaires_accueil, offer.fermetures, today)
        out["openingHoursSpecification"] = regular
        out["specialOpeningHoursSpecification"] = special
    return _clean(out)


def _offer(service: Service, kind: str, data: SiteData, today: dt.date) -> dict[str, Any]:
    ref = referentiels()
    # What the service shares with its actor is said once, on the organisation.
    own = service.own
    located = service.lieu and own & {"lieu", "horaires_accueil", "fermetures", "accessibilite"}
    phone = {
        "@type": "ContactPoint",
        "telephone": service.telephone_e164 if "telephone" in own else None,
    }
    if not service.lieu and service.horaires_accueil and own & {"horaires_accueil", "fermetures"}:
        regular, special = opening_specifications(
            service.horaires_accueil, service.fermetures, today
        )
        phone.update(telephone=service.telephone_e164, hoursAvailable=regular + special)
    phone = _clean(phone)
    channel = _clean(
        {
            "@type": "ServiceChannel",
            "serviceLocation": place(service.lieu, service, today) if located else None,
            "servicePhone": phone if len(phone) > 1 else None,
            "serviceUrl": service.site_web if "site_web" in own else None,
            "availableLanguage": service.langues if "langues" in own else None,
        }
    )
    item = {
        "@type": "GovernmentService" if kind == "GovernmentOrganization" else "Service",
        "name": service.nom,
        "description": service.description,
        "serviceType": ref["types_service"].get(service.type_service or ""),
        "category": [data.thematiques[c].libelle for c in service.thematiques],
        "audience": {
            "@type": "Audience",
            "audienceType": ", ".join(ref["publics"][p] for p in service.publics),
        },
        "availableChannel": channel if len(channel) > 1 else None,
    }
    offer: dict[str, Any] = {"@type": "Offer", "itemOffered": _clean(item)}
    if service.frais == "gratuit":
        offer.update(price=0, priceCurrency="EUR")
    offer["description"] = service.frais_precisions
    return _clean(offer)


def opening_specifications(
    expression: str, closures: list[Fermeture], today: dt.date
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(openingHoursSpecification, specialOpeningHoursSpecification) of an OSM expression."""
    monday = today - dt.timedelta(days=today.weekday())
    days = _days(expression, monday, None)
    weeks = [days[w * 7 : (w + 1) * 7] for w in range(WEEKS)]
    runs, limited = _runs(weeks), False
    if len(runs) > FEW_RUNS:
        runs, limited = _runs(weeks[:SHORT_WEEKS]), True
    regular = []
    for first, last, pattern in runs:
        validity = {}
        if limited or len(runs) > 1:
            validity = {
                "validFrom": (monday + dt.timedelta(weeks=first)).isoformat(),
                "validThrough": (monday + dt.timedelta(weeks=last, days=6)).isoformat(),
            }
        regular += _weekly(pattern, validity)

    special = []
    if "PH" in expression:  # public holidays: the days the French calendar changes
        with_holidays = _days(expression, monday, "FR")
        horizon = (SHORT_WEEKS if limited else WEEKS) * 7
        for index in range(horizon):
            day = monday + dt.timedelta(days=index)
            if day >= today and days[index] != with_holidays[index]:
                special += _dated(day, day, with_holidays[index])
    for closure in closures:
        if closure.au is None or closure.au >= today:
            special += _dated(closure.du, closure.au, (), closure.motif)
    return regular, special


@lru_cache(maxsize=4096)  # pure; the same expressions recur across actors and services
def _days(expression: str, monday: dt.date, country: str | None) -> tuple[tuple, ...]:
    """The opening spans ("09:00", "12:00") of each day of WEEKS weeks from `monday`; a span
    that runs past midnight is cut there (closing "23:59")."""
    schedule = parse(expression, country=country)
    start = dt.datetime.combine(monday, dt.time(), PARIS)
    days: list[list[tuple[str, str]]] = [[] for _ in range(WEEKS * 7)]
    for begin, end, state, _ in schedule.intervals(start, start + dt.timedelta(weeks=WEEKS)):
        if state != opening_hours.State.OPEN:
            continue
        while begin < end:
            index = (begin.date() - monday).days
            if index >= len(days):
                break
            midnight = dt.datetime.combine(begin.date() + dt.timedelta(days=1), dt.time(), PARIS)
            stop = min(end, midnight)
            closes = "23:59" if stop == midnight else _clock(stop)
            days[index].append((_clock(begin), closes))
            begin = stop
    return tuple(tuple(day) for day in days)


def _clock(moment: dt.datetime) -> str:
    """Hours and minutes, "09:00": f"{moment:%H:%M}" goes through strftime, 2 times slower."""
    return f"{moment.hour:02}:{moment.minute:02}"


def _runs(weeks: list[tuple]) -> list[tuple[int, int, tuple]]:
    """Consecutive identical weeks, as (first week, last week, the week's days)."""
    runs: list[tuple[int, int, tuple]] = []
    for index, week in enumerate(weeks):
        if runs and runs[-1][2] == week:
            runs[-1] = (runs[-1][0], index, week)
        else:
            runs.append((index, index, week))
    return runs


def _weekly(week: tuple, validity: dict[str, str]) -> list[dict[str, Any]]:
    """One specification per opening span, with the days of the week that have it."""
    spans: dict[tuple[str, str], list[int]] = {}
    for index, day in enumerate(week):
        for span in day:
            spans.setdefault(span, []).append(index)
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"https://schema.org/{DAYS[i]}" for i in indexes],
            "opens": opens,
            "closes": closes,
            **validity,
        }
        for (opens, closes), indexes in sorted(spans.items(), key=lambda s: (s[1][0], s[0]))
    ]


def _dated(
    start: dt.date, end: dt.date | None, spans: tuple, motif: str | None = None
) -> list[dict[str, Any]]:
    """Hours for a date range; no span means closed (opens and closes at 00:00)."""
    validity = {"validFrom": start.isoformat()}
    if end is not None:
        validity["validThrough"] = end.isoformat()
    if motif:
        validity["description"] = motif
    return [
        {"@type": "OpeningHoursSpecification", "opens": opens, "closes": closes, **validity}
        for opens, closes in (spans or (("00:00", "00:00"),))
    ]


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v not in (None, "", [], {})}
