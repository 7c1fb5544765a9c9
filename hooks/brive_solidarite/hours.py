"""Opening hours: the OpenStreetMap string plus closures, read for people in French.

Parsing and evaluation are done by opening-hours-py (with French public holidays);
closures are added to the expression as date-range `off` rules, the same string that the
data·inclusion export publishes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import opening_hours

from .clock import PARIS
from .model import Fermeture

JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MOIS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
_OSM_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
ANNOUNCE_DAYS = 15  # a closure is announced this many days before it starts


def date_fr(day: dt.date, year: bool = False) -> str:
    """mardi 2 décembre (2026)"""
    text = f"{JOURS[day.weekday()]} {'1er' if day.day == 1 else day.day} {MOIS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def time_fr(moment: dt.datetime | dt.time) -> str:
    """9 h, 12 h 30"""
    return f"{moment.hour} h" + (f" {moment.minute:02d}" if moment.minute else "")


def _osm_date(day: dt.date) -> str:
    return f"{day.year} {_OSM_MONTHS[day.month - 1]} {day.day:02d}"


def with_closures(hours: str | None, closures: list[Fermeture]) -> str | None:
    """The OSM expression with each closure as a date-range `off` rule."""
    if not hours:
        return None
    rules = [hours.strip().rstrip(";")]
    for closure in closures:
        end = f"-{_osm_date(closure.au)}" if closure.au else "+"
        rules.append(f"{_osm_date(closure.du)}{end} off")
    return "; ".join(rules)


# Changes further away than this count as never: without a bound, an open-ended closure
# makes next_change search for seconds (measured: 3 s for one call).
HORIZON_DAYS = 366


@lru_cache(maxsize=4096)  # an immutable schedule; the same hours recur across actors
def parse(expression: str, country: str | None = "FR") -> opening_hours.OpeningHours:
    return opening_hours.OpeningHours(
        expression, country=country, timezone=PARIS, max_interval_days=HORIZON_DAYS
    )


@dataclass(frozen=True)
class Day:
    date: dt.date
    name: str
    text: str  # "9 h – 12 h, 14 h – 17 h" or "Fermé"
    today: bool
    open: bool


@dataclass(frozen=True)
class Status:
    state: str  # ouvert | ferme | fermeture | inconnu
    text: str


def _day_text(schedule: opening_hours.OpeningHours, day: dt.date) -> tuple[str, bool]:
    """The opening spans of one day ("9 h – 12 h, 14 h – 17 h"), and whether it opens."""
    start = dt.datetime.combine(day, dt.time(), PARIS)
    spans, unknown = [], False
    for begin, end, state, comment in schedule.intervals(start, start + dt.timedelta(days=1)):
        if state == opening_hours.State.OPEN:
            until = "24 h" if end.date() > day else time_fr(end)
            note = f" ({comment})" if comment else ""
            spans.append(f"{time_fr(begin)} – {until}{note}")
        elif state == opening_hours.State.UNKNOWN:
            unknown = True
    text = ", ".join(spans) or ("Horaires à confirmer" if unknown else "Fermé")
    return ("Ouvert 24 h/24" if text == "0 h – 24 h" else text), bool(spans)


def week(hours: str | None, closures: list[Fermeture], now: dt.datetime) -> list[Day]:
    """The seven days from today (so a page built on Saturday still has today's row on
    Monday, until the next daily build): the usual hours of each day, and the days a
    closure or a public holiday shuts."""
    if not hours:
        return []
    usual = parse(hours)
    without_holidays = parse(hours, country=None)  # PH never matches
    days = []
    for offset in range(7):
        day = now.date() + dt.timedelta(days=offset)
        text, is_open = _day_text(usual, day)
        if is_open and current_closure(closures, day):
            text, is_open = f"Fermé exceptionnellement (d'habitude : {text})", False
        elif not is_open and _day_text(without_holidays, day)[1]:
            text = "Fermé (jour férié)"
        days.append(Day(day, JOURS[day.weekday()], text, day == now.date(), is_open))
    return days


def current_closure(closures: list[Fermeture], today: dt.date) -> Fermeture | None:
    for closure in closures:
        if closure.du <= today and (closure.au is None or today <= closure.au):
            return closure
    return None


def announced_closures(closures: list[Fermeture], today: dt.date) -> list[Fermeture]:
    """Closures under way or starting within ANNOUNCE_DAYS days, in date order."""
    horizon = today + dt.timedelta(days=ANNOUNCE_DAYS)
    return sorted(
        (c for c in closures if c.du <= horizon and (c.au is None or c.au >= today)),
        key=lambda c: c.du,
    )


def closure_text(closure: Fermeture, today: dt.date) -> str:
    motif = f" ({closure.motif})" if closure.motif else ""
    if closure.du <= today:
        if closure.au is None:
            return f"Fermé exceptionnellement jusqu'à nouvel ordre{motif}"
        return f"Fermé exceptionnellement jusqu'au {date_fr(closure.au)} inclus{motif}"
    if closure.au is None:
        return f"Fermeture à partir du {date_fr(closure.du)}, jusqu'à nouvel ordre{motif}"
    if closure.au == closure.du:
        return f"Fermeture le {date_fr(closure.du)}{motif}"
    return f"Fermeture du {date_fr(closure.du)} au {date_fr(closure.au)} inclus{motif}"


def _when(moment: dt.datetime, now: dt.datetime) -> str:
    days = (moment.date() - now.date()).days
    if days == 0:
        return f"à {time_fr(moment)}"
    if days == 1:
        return f"demain à {time_fr(moment)}"
    if days < 7:
        return f"{JOURS[moment.weekday()]} à {time_fr(moment)}"
    return f"le {date_fr(moment.date())} à {time_fr(moment)}"


def status(hours: str | None, closures: list[Fermeture], now: dt.datetime) -> Status:
    """ "Ouvert maintenant — ferme à 12 h", "Fermé — ouvre mardi à 9 h", and closures."""
    closure = current_closure(closures, now.date())
    if closure is not None:
        return Status("fermeture", closure_text(closure, now.date()))
    expression = with_closures(hours, closures)
    if not expression:
        return Status("inconnu", "Horaires non communiqués")
    schedule = parse(expression)
    state = schedule.state(now)[0]
    change = schedule.next_change(now)
    if state == opening_hours.State.OPEN:
        if change is None:
            return Status("ouvert", "Ouvert maintenant, 24 h/24")
        return Status("ouvert", f"Ouvert maintenant — ferme {_when(change, now)}")
    if state == opening_hours.State.UNKNOWN:
        return Status("inconnu", "Horaires à confirmer : appelez avant de venir")
    if change is None:
        return Status("ferme", "Fermé")
    return Status("ferme", f"Fermé — ouvre {_when(change, now)}")


# The browser refreshes "open now" from intervals computed here, with the same parser:
# pages are built once a day, the intervals cover two weeks to spare.
BROWSER_DAYS = 14


def browser_schedule(
    hours: str | None, closures: list[Fermeture], now: dt.datetime, days: int = BROWSER_DAYS
) -> dict | None:
    """The open intervals (ISO datetimes with the Paris offset) of the next `days` days,
    closures applied, and each closure's text while under way; None when the hours are
    missing or partly unknown (the page then keeps its build-time text)."""
    expression = with_closures(hours, closures)
    if not expression:
        return None
    end = now + dt.timedelta(days=days)
    schedule = parse(expression)
    intervals: list[list[str]] = []
    for begin, until, state, _comment in schedule.intervals(now, end):
        if state == opening_hours.State.UNKNOWN:
            return None
        if state != opening_hours.State.OPEN:
            continue
        begin, until = begin.astimezone(PARIS), until.astimezone(PARIS)
        if intervals and intervals[-1][1] == begin.isoformat():
            intervals[-1][1] = until.isoformat()  # one span across midnight
        else:
            intervals.append([begin.isoformat(), until.isoformat()])
    change = schedule.next_change(end)
    return {
        "fin": end.astimezone(PARIS).isoformat(),  # past this, the page says "see the table"
        "intervalles": intervals,
        # The first change after the horizon: "ouvre le mercredi 7 avril", "24 h/24".
        "ensuite": change.astimezone(PARIS).isoformat() if change else None,
        "fermetures": [
            {
                "du": c.du.isoformat(),
                "au": c.au.isoformat() if c.au else None,
                "texte": closure_text(c, c.du),
            }
            for c in closures
            if c.au is None or c.au >= now.date()
        ],
    }
