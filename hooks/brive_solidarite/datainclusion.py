"""The data·inclusion v1 export (SCHEMA.md, "Mapping to data·inclusion v1"): one structure
per actor, one service per service, and one "accueil" service made from an actor that has
none. What the national schema has no field for (ages, closures, languages, accessibility
details, volunteering, needs without a national thématique) is written into
`publics_precisions` and `description`, as the national pipeline does for Soliguide."""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import hours
from .model import Actor, Fermeture, Lieu, Offer, SiteData
from .publication import page_url, public_lieu, slug
from .referentiels import referentiels

SOURCE = "brive-solidarite"
PLACE_FIELDS = (
    "adresse",
    "complement_adresse",
    "code_postal",
    "commune",
    "code_insee",
    "latitude",
    "longitude",
)


def structure_id(actor: Actor) -> str:
    return f"{SOURCE}--{actor.id}"


def service_ids(actor: Actor) -> list[str]:
    """The ids of the actor's services, in order: the slug of each name, made unique."""
    if not actor.services:
        return [f"{structure_id(actor)}--accueil"]
    seen: set[str] = set()
    out = []
    for service in actor.services:
        base = slug(service.nom) or "service"
        name, n = base, 1
        while name in seen:
            n += 1
            name = f"{base}-{n}"
        seen.add(name)
        out.append(f"{structure_id(actor)}--{name}")
    return out


def structures(data: SiteData, site_url: str, today: dt.date) -> list[dict[str, Any]]:
    return [_structure(actor, site_url, today) for actor in data.actors]


def services(data: SiteData, site_url: str, today: dt.date) -> list[dict[str, Any]]:
    out = []
    for actor in data.actors:
        ids = service_ids(actor)
        if not actor.services:
            nom = f"Accueil — {actor.nom}"
            out.append(
                _service(
                    actor,
                    actor,
                    ids[0],
                    nom if len(nom) <= 150 else actor.nom,
                    data,
                    site_url,
                    today,
                )
            )
        for service, service_id in zip(actor.services, ids, strict=False):
            out.append(_service(actor, service, service_id, service.nom, data, site_url, today))
    return out


def _structure(actor: Actor, site_url: str, today: dt.date) -> dict[str, Any]:
    acces = actor.accessibilite
    return _clean(
        {
            "source": SOURCE,
            "id": structure_id(actor),
            "nom": _nom(actor.nom),
            "date_maj": actor.date_maj.isoformat(),
            "description": _text(actor.description, _notes(actor, today)),
            "lien_source": page_url(site_url, actor.id),
            "siret": actor.siret,
            **_place(actor.lieu),
            "telephone": actor.telephone_e164,
            "courriel": actor.courriel,
            "site_web": actor.site_web,
            "horaires_accueil": _hours(actor, today),
            "accessibilite_lieu": acces.acceslibre if acces else None,
            "reseaux_porteurs": sorted(actor.reseaux_porteurs),
        }
    )


def _service(
    actor: Actor,
    offer: Offer,
    service_id: str,
    nom: str,
    data: SiteData,
    site_url: str,
    today: dt.date,
) -> dict[str, Any]:
    ref = referentiels()
    national = sorted(
        {n for code in offer.thematiques for n in data.thematiques[code].data_inclusion}
    )
    # Needs without a national thématique (hygiene): said in the description instead.
    missing = [
        data.thematiques[c].libelle
        for c in offer.thematiques
        if not data.thematiques[c].data_inclusion
    ]
    notes = _notes(offer, today)
    if missing:
        notes.append("Aussi : " + " ; ".join(missing) + ".")
    modalites = offer.modalites
    return _clean(
        {
            "source": SOURCE,
            "structure_id": structure_id(actor),
            "id": service_id,
            "nom": _nom(nom),
            "description": _text(offer.description, notes),
            "lien_source": page_url(site_url, actor.id),
            "date_maj": actor.date_maj.isoformat(),
            "type": getattr(offer, "type_service", None),
            "thematiques": national,
            "frais": offer.frais,
            "frais_precisions": offer.frais_precisions,
            "publics": list(offer.publics),
            "publics_precisions": _ages(offer),
            **_place(offer.lieu),
            "telephone": offer.telephone_e164,
            "courriel": offer.courriel,
            "modes_accueil": sorted(
                {"a-distance" if m == "a-distance" else "en-presentiel" for m in modalites}
            ),
            "modes_mobilisation": _mobilisation(offer),
            "mobilisable_par": (["usagers"] if set(modalites) - {"sur-orientation"} else [])
            + (["professionnels"] if "sur-orientation" in modalites else []),
            "mobilisation_precisions": " ".join(ref["modalites"][m]["phrase"] for m in modalites),
            "horaires_accueil": _hours(offer, today),
        }
    )


def _mobilisation(offer: Offer) -> list[str]:
    modes = []
    lieu = offer.lieu
    # One can only walk in where the address is public.
    if (
        lieu
        and lieu.adresse
        and not lieu.confidentiel
        and {"sans-rendez-vous", "sur-inscription"} & set(offer.modalites)
    ):
        modes.append("se-presenter")
    if offer.telephone:
        modes.append("telephoner")
    if offer.courriel:
        modes.append("envoyer-un-courriel")
    return modes


def _place(lieu: Lieu | None) -> dict[str, Any]:
    lieu = public_lieu(lieu)
    return {k: getattr(lieu, k) for k in PLACE_FIELDS} if lieu else {}


def _hours(offer: Offer, today: dt.date) -> str | None:
    return hours.with_closures(offer.horaires_accueil, _coming(offer.fermetures, today))


def _coming(closures: list[Fermeture], today: dt.date) -> list[Fermeture]:
    """Closures not over yet: past ones say nothing to a reader any more."""
    return [c for c in closures if c.au is None or c.au >= today]


def _closure_fr(closure: Fermeture) -> str:
    motif = f" ({closure.motif})" if closure.motif else ""
    start = hours.date_fr(closure.du, year=True)
    if closure.au is None:
        return f"à partir du {start}, jusqu'à nouvel ordre{motif}"
    return f"du {start} au {hours.date_fr(closure.au, year=True)} inclus{motif}"


def _notes(offer: Offer, today: dt.date) -> list[str]:
    """What the national schema has no field for, as short French sentences."""
    notes = []
    if offer.horaires_precisions:
        notes.append(f"Horaires : {offer.horaires_precisions}")
    closures = _coming(offer.fermetures, today)
    if closures:
        notes.append("Fermetures : " + " ; ".join(_closure_fr(c) for c in closures) + ".")
    if offer.langues:
        names = [referentiels()["langues"][code] for code in offer.langues]
        notes.append("Langues parlées : " + ", ".join(n[:1].lower() + n[1:] for n in names) + ".")
    acces = offer.accessibilite
    if acces and (acces.pmr is not None or acces.precisions):
        parts = []
        if acces.pmr is not None:
            parts.append(
                "accessible en fauteuil roulant."
                if acces.pmr
                else "pas accessible en fauteuil roulant."
            )
        if acces.precisions:
            parts.append(acces.precisions)
        notes.append("Accessibilité : " + " ".join(parts))
    if offer.benevolat:
        notes.append(f"Bénévolat : {offer.benevolat}")
    return notes


def _ages(offer: Offer) -> str | None:
    low, high = offer.age_min, offer.age_max
    if low is not None and high is not None:
        return f"De {low} à {high} ans."
    if low is not None:
        return f"À partir de {low} ans."
    if high is not None:
        return f"Jusqu'à {high} ans."
    return None


def _text(description: str, notes: list[str]) -> str:
    return "\n\n".join([description.strip(), *notes])


def _nom(nom: str) -> str:
    # The national schema warns on a name ending with a full stop (except "etc.").
    if nom.endswith(".") and not nom.endswith("etc.") and len(nom.rstrip(".")) >= 3:
        return nom.rstrip(".")
    return nom


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty values: absent and empty mean the same to the national platform."""
    return {k: v for k, v in record.items() if v not in (None, "", [])}
