"""Opening hours read for people, at fixed moments (Europe/Paris, French public holidays)."""

import datetime as dt

import pytest

from brive_solidarite import hours
from brive_solidarite.clock import PARIS
from brive_solidarite.model import Fermeture

OFFICE = "Mo-Fr 09:00-12:00,14:00-17:00; PH off"


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=PARIS)


@pytest.mark.parametrize(
    ("moment", "state", "text"),
    [
        ("2026-11-30T10:00", "ouvert", "Ouvert maintenant — ferme à 12 h"),
        ("2026-11-30T12:30", "ferme", "Fermé — ouvre à 14 h"),
        ("2026-11-30T18:00", "ferme", "Fermé — ouvre demain à 9 h"),
        ("2026-11-28T10:00", "ferme", "Fermé — ouvre lundi à 9 h"),  # a Saturday
        ("2026-12-25T10:00", "ferme", "Fermé — ouvre lundi à 9 h"),  # Christmas, a Friday
        ("2027-05-06T10:00", "ferme", "Fermé — ouvre demain à 9 h"),  # Ascension Thursday
    ],
)
def test_status(moment, state, text):
    found = hours.status(OFFICE, [], at(moment))
    assert (found.state, found.text) == (state, text)


def test_status_skips_a_closure_and_says_until_when():
    closure = Fermeture(dt.date(2026, 11, 25), dt.date(2026, 12, 2), "Travaux")
    found = hours.status(OFFICE, [closure], at("2026-11-30T10:00"))
    assert found.state == "fermeture"
    assert found.text == "Fermé exceptionnellement jusqu'au mercredi 2 décembre inclus (Travaux)"
    after = hours.status(OFFICE, [closure], at("2026-12-03T08:00"))
    assert after.text == "Fermé — ouvre à 9 h"


def test_open_ended_closure():
    closure = Fermeture(dt.date(2026, 11, 1))
    assert hours.status(OFFICE, [closure], at("2027-03-01T10:00")).text == (
        "Fermé exceptionnellement jusqu'à nouvel ordre"
    )


def test_no_hours_and_round_the_clock():
    assert hours.status(None, [], at("2026-11-30T10:00")).state == "inconnu"
    assert hours.status("24/7", [], at("2026-11-30T03:00")).text == "Ouvert maintenant, 24 h/24"


def test_week_table_marks_today_holidays_and_closures():
    closure = Fermeture(dt.date(2026, 12, 24), dt.date(2026, 12, 24))
    days = hours.week(OFFICE, [closure], at("2026-12-23T08:00"))
    # Seven days from today, a Wednesday: a page built today still has today's row later.
    assert [d.name for d in days] == list(hours.JOURS[2:] + hours.JOURS[:2])
    assert days[0].date == dt.date(2026, 12, 23)
    assert days[0].text == "9 h – 12 h, 14 h – 17 h"
    assert [d.today for d in days] == [True, False, False, False, False, False, False]
    assert days[1].text == "Fermé exceptionnellement (d'habitude : 9 h – 12 h, 14 h – 17 h)"
    assert not days[1].open
    assert days[2].text == "Fermé (jour férié)"  # Christmas
    assert days[3].text == "Fermé"


def test_week_minutes_and_full_days():
    days = hours.week("Tu 08:30-12:15; Su 00:00-24:00", [], at("2026-11-30T10:00"))  # Monday
    assert days[1].text == "8 h 30 – 12 h 15"
    assert days[6].text == "Ouvert 24 h/24"


def test_announced_closures_window():
    today = dt.date(2026, 11, 28)
    past = Fermeture(dt.date(2026, 10, 1), dt.date(2026, 10, 5))
    soon = Fermeture(dt.date(2026, 12, 7), dt.date(2026, 12, 11), "Inventaire")
    later = Fermeture(dt.date(2026, 12, 20), dt.date(2027, 1, 2))
    assert hours.announced_closures([past, soon, later], today) == [soon]
    assert hours.closure_text(soon, today) == (
        "Fermeture du lundi 7 décembre au vendredi 11 décembre inclus (Inventaire)"
    )


def test_closures_become_osm_off_rules():
    closures = [
        Fermeture(dt.date(2026, 12, 24), dt.date(2027, 1, 2)),
        Fermeture(dt.date(2027, 3, 1)),
    ]
    assert hours.with_closures("Mo-Fr 09:00-12:00;", closures) == (
        "Mo-Fr 09:00-12:00; 2026 Dec 24-2027 Jan 02 off; 2027 Mar 01+ off"
    )


def test_french_dates():
    assert hours.date_fr(dt.date(2026, 12, 1)) == "mardi 1er décembre"
    assert hours.date_fr(dt.date(2026, 11, 20), year=True) == "vendredi 20 novembre 2026"


def test_browser_schedule_intervals_with_closures_and_holidays():
    closure = Fermeture(dt.date(2026, 12, 2), dt.date(2026, 12, 2), "Formation")
    found = hours.browser_schedule(OFFICE, [closure], at("2026-11-28T10:00"))
    assert found["fin"] == "2026-12-12T10:00:00+01:00"
    spans = found["intervalles"]
    assert spans[0] == ["2026-11-30T09:00:00+01:00", "2026-11-30T12:00:00+01:00"]
    assert not [s for s in spans if s[0].startswith("2026-12-02")]  # the closure
    assert len(spans) == 2 * 9  # ten weekdays of two spans, less the closed Wednesday
    assert found["ensuite"] == "2026-12-14T09:00:00+01:00"  # first opening past the horizon
    assert found["fermetures"] == [
        {"du": "2026-12-02", "au": "2026-12-02", "texte": hours.closure_text(closure, closure.du)}
    ]
    # Christmas is a public holiday: no span on 25 December.
    christmas = hours.browser_schedule(OFFICE, [], at("2026-12-20T10:00"))
    assert not [s for s in christmas["intervalles"] if s[0].startswith("2026-12-25")]


def test_browser_schedule_round_the_clock_and_missing_hours():
    found = hours.browser_schedule("24/7", [], at("2026-11-28T10:00"))
    assert found["intervalles"] == [[found["intervalles"][0][0], found["fin"]]]
    assert found["ensuite"] is None  # "Ouvert maintenant, 24 h/24"
    assert hours.browser_schedule(None, [], at("2026-11-28T10:00")) is None
    night = hours.browser_schedule("Mo-Su 22:00-02:00", [], at("2026-11-28T10:00"))
    assert night["intervalles"][0] == ["2026-11-28T22:00:00+01:00", "2026-11-29T02:00:00+01:00"]
    past = Fermeture(dt.date(2026, 8, 1), dt.date(2026, 8, 20))
    assert hours.browser_schedule(OFFICE, [past], at("2026-11-28T10:00"))["fermetures"] == []
    # Unknown spans: the page keeps its build-time text ("Horaires à confirmer").
    assert hours.browser_schedule("Sa 10:00-12:00 unknown", [], at("2026-11-28T09:00")) is None
