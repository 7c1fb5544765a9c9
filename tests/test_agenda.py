"""News (Material's blog plugin, /actualites/) and the agenda (evenements.yaml): the Atom feed
parsed as XML, the calendar parsed by the `icalendar` package, the pages parsed as HTML,
the build refusing a link to a missing page, hostile event text kept as text everywhere.
The French refusals of a bad evenements.yaml are cases of tests/corpus/ (evenements-*)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest
import yaml
from bs4 import BeautifulSoup

from brive_solidarite import agenda, cli
from conftest import ROOT, build_site, make_data_folder

SITE_URL = "https://brive-solidarite.a-configurer.invalid/"  # the default of mkdocs.yml
A = "{http://www.w3.org/2005/Atom}"
POSTS = {
    "actualites/2016/creation-de-brive-solidarite/": "27 octobre 2016",
    "actualites/2016/seance-d-installation/": "9 novembre 2016",
    "actualites/2021/le-reseau-en-2021/": "1 janvier 2021",
    "actualites/2025/reunion-pleniere-aller-vers/": "1 janvier 2025",
}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def real_events() -> dict:
    return yaml.safe_load((ROOT / "data" / "evenements.yaml").read_text(encoding="utf-8"))


# --- iCalendar text rules (RFC 5545, 3.1 and 3.3.11) ---------------------------------------


def test_ics_text_escapes_backslash_semicolon_comma_and_newlines():
    assert agenda.ics_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


def test_fold_keeps_75_octets_and_whole_characters():
    line = "DESCRIPTION:" + "é" * 100 + "x" * 50
    folded = agenda.fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join([parts[0], *(p[1:] for p in parts[1:])]) == line  # unfolds to the line
    assert agenda.fold("SUMMARY:court") == "SUMMARY:court"


# --- the demo build -----------------------------------------------------------------------


def test_news_index_lists_every_post_with_its_french_date(demo_site):
    page = soup(demo_site / "actualites" / "index.html")
    links = {a["href"] for a in page.select("a[href]")}
    for url in POSTS:
        assert url.removeprefix("actualites/") in links
        assert (demo_site / url / "index.html").is_file()
    text = page.get_text(" ", strip=True)
    for date in POSTS.values():
        assert date in text
    # the agenda, its calendar and its feed, from the news index
    hrefs = {a["href"] for a in page.select("a[href]")}
    assert {"agenda/", "agenda.ics", "agenda.xml"} <= hrefs


@pytest.mark.parametrize("url", POSTS)
def test_each_post_is_dated_in_french_and_links_its_sources(demo_site, url):
    page = soup(demo_site / url / "index.html")
    content = page.select_one(".md-content")
    assert POSTS[url] in content.get_text(" ", strip=True)
    heading = content.find(id="sources") or content.find(id="source")
    assert heading is not None, url
    sources = heading.find_next("ul").select("a[href^='http://www.brivemag.fr/']")
    assert sources, url
    assert page.find("html")["lang"] == "fr"


def test_news_pages_announce_the_feed_and_others_do_not(demo_site):
    # Elsewhere the link would cost one more request per page (Material fetches a
    # sitemap.xml beside it): the feed is announced where it is about.
    for path in ("index.html", "charte/index.html", "annuaire/index.html"):
        assert soup(demo_site / path).find("link", rel="alternate") is None, path
    for path in (
        "actualites/index.html",
        "actualites/agenda/index.html",
        "actualites/2016/seance-d-installation/index.html",
    ):
        link = soup(demo_site / path).find("link", rel="alternate", type="application/atom+xml")
        assert link is not None, path
        target = (demo_site / path).parent / link["href"]
        assert target.resolve() == (demo_site / "actualites" / "agenda.xml").resolve()
        # Material fetches sitemap.xml beside each rel=alternate link: it must exist.
        assert (target.parent / "sitemap.xml").is_file()


def test_agenda_page_lists_past_and_coming_events(demo_site):
    page = soup(demo_site / "actualites" / "agenda" / "index.html")
    events = real_events()
    items = page.select("li.brive-evenement")
    assert {li["id"] for li in items} == set(events)
    install = page.find(id="seance-installation-2016")
    assert install.h3.get_text(strip=True) == events["seance-installation-2016"]["titre"]
    assert "mercredi 9 novembre 2016 à 10 h" in install.get_text(" ", strip=True)
    article = install.find("a", string="Lire l'article")
    assert article["href"] == "../../actualites/2016/seance-d-installation/"
    groups = page.find(id="groupes-de-travail-2016")
    assert "mardi 29 novembre 2016" in groups.get_text(" ", strip=True)
    # at the tests' date (2026-11-28) both are past: under « Passés », most recent first
    past = page.find("h2", string="Passés").find_next("ul")
    assert [li["id"] for li in past.select("li")] == [
        "groupes-de-travail-2016",
        "seance-installation-2016",
    ]
    assert page.find("a", href="../../actualites/agenda.ics")
    assert page.find("a", href="../../actualites/agenda.xml")


def test_atom_feed_parses_with_absolute_links_and_dates(demo_site):
    feed = ET.parse(demo_site / "actualites" / "agenda.xml").getroot()
    assert feed.tag == f"{A}feed"
    assert feed.findtext(f"{A}title") == "Agenda de Brive Solidarité"
    self_link = feed.find(f"{A}link[@rel='self']")
    assert self_link.get("href") == SITE_URL + "actualites/agenda.xml"
    entries = {e.findtext(f"{A}title"): e for e in feed.findall(f"{A}entry")}
    events = real_events()
    assert set(entries) == {e["titre"] for e in events.values()}
    install = entries[events["seance-installation-2016"]["titre"]]
    assert install.findtext(f"{A}updated") == "2016-11-09T10:00:00+01:00"
    assert (
        install.find(f"{A}link[@rel='alternate']").get("href")
        == SITE_URL + "actualites/2016/seance-d-installation/"
    )
    assert (
        install.find(f"{A}link[@rel='related']").get("href").startswith("http://www.brivemag.fr/")
    )
    ids = [e.findtext(f"{A}id") for e in entries.values()]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    for entry in entries.values():
        dt.datetime.fromisoformat(entry.findtext(f"{A}updated"))
        for link in entry.findall(f"{A}link"):
            assert link.get("href").startswith(("https://", "http://"))


def test_calendar_parses_as_rfc_5545(demo_site):
    raw = (demo_site / "actualites" / "agenda.ics").read_bytes()
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in b"".join(lines)  # CRLF only
    assert all(len(line) <= 75 for line in lines)
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == len(real_events())
    by_summary = {str(e["SUMMARY"]): e for e in events.values()}
    install = by_summary["Séance d'installation de Brive Solidarité"]
    start = install.decoded("DTSTART")
    assert start == dt.datetime(2016, 11, 9, 10, 0, tzinfo=agenda.PARIS)
    assert "DTEND" not in install and "DURATION" not in install  # the end is not known
    assert str(install["LOCATION"]) == "Salle d'honneur de la mairie, Brive-la-Gaillarde"
    assert str(install["URL"]) == SITE_URL + "actualites/2016/seance-d-installation/"
    assert install.decoded("DTSTAMP").tzinfo is not None
    groups = by_summary["Début des groupes de travail de Brive Solidarité"]
    assert groups.decoded("DTSTART") == dt.date(2016, 11, 29)  # a whole day
    assert "DTEND" not in groups
    # the UID is the same from one build to the next: derived from the event's id
    assert set(events) == {
        agenda.uid(agenda.Evenement(id=key, titre="", debut=dt.date.today()))
        for key in real_events()
    }


def test_real_data_builds_the_agenda(real_site):
    assert (real_site / "actualites" / "agenda" / "index.html").is_file()
    feed = ET.parse(real_site / "actualites" / "agenda.xml").getroot()
    assert len(feed.findall(f"{A}entry")) == len(real_events())


# --- a bad file ---------------------------------------------------------------------------


def valider(folder: Path, monkeypatch, capsys) -> tuple[int, list[str]]:
    monkeypatch.setenv("BRIVE_MAINTENANT", "2026-11-28T12:00")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.chdir(folder)
    code = cli.main(["valider", "--donnees", str(folder)])
    return code, capsys.readouterr().out.splitlines()


# The refusals of a bad evenements.yaml, message by message: tests/corpus/evenements-*.


def test_the_events_file_is_optional(tmp_path, monkeypatch, capsys):
    folder = make_data_folder(tmp_path / "donnees")
    code, lines = valider(folder, monkeypatch, capsys)
    assert code == 0, lines


def test_a_bad_events_file_stops_the_build_before_writing(tmp_path):
    folder = make_data_folder(tmp_path / "donnees")
    (folder / "evenements.yaml").write_text(
        "reunion:\n  titre: Réunion du réseau\n  debut: 2026-02-30\n", encoding="utf-8"
    )
    site = tmp_path / "site"
    result = build_site(site, folder)
    assert result.returncode == 1
    assert "Données invalides, le site n'a pas été construit" in result.stderr
    assert (
        "evenements.yaml:3: reunion.debut: « 2026-02-30 » : cette date n'existe pas, "
        "vérifiez le jour et le mois"
    ) in result.stderr
    assert not site.exists()


def test_a_link_to_a_missing_page_stops_the_build_before_writing(tmp_path):
    folder = make_data_folder(tmp_path / "donnees")
    (folder / "evenements.yaml").write_text(
        "reunion:\n  titre: Réunion du réseau\n  debut: 2026-12-09\n"
        "  lien: actualites/posts/n-existe-pas.md\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    site.mkdir()
    (site / "ancien.html").write_text("le site d'avant", encoding="utf-8")
    result = build_site(site, folder)
    assert result.returncode == 1
    assert (
        "evenements.yaml:4: reunion.lien: « actualites/posts/n-existe-pas.md » : aucune page "
        "docs/actualites/posts/n-existe-pas.md : donnez le fichier d'une page du site, "
        "ex. actualites/posts/2016-11-09-seance-d-installation.md"
    ) in result.stderr
    assert [p.name for p in site.iterdir()] == ["ancien.html"]  # nothing touched


# --- hostile text -------------------------------------------------------------------------

HOSTILE_TITLE = "<script>alert('titre')</script> Réunion; salle A, étage 2 \\ fin"
HOSTILE_TEXT = "Ligne 1 <img src=x onerror=alert(1)>\nLigne 2 ]]> & {{ 7*7 }}"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("agenda-hostile")
    folder = make_data_folder(root / "donnees")
    events = {
        "piege": {
            "titre": HOSTILE_TITLE,
            "debut": "2026-12-09T18:30",
            "fin": "2026-12-09T20:00",
            "lieu": "Salle <b>des fêtes</b>, 1; rue, Brive",
            "description": HOSTILE_TEXT,
            "source": "https://exemple.invalid/?a=1&b=<2>",
        }
    }
    (folder / "evenements.yaml").write_text(
        yaml.safe_dump(events, allow_unicode=True), encoding="utf-8"
    )
    site = root / "site"
    result = build_site(site, folder)
    assert result.returncode == 0, result.stderr
    return site


def test_hostile_event_text_stays_text_on_the_page(hostile_site):
    page = soup(hostile_site / "actualites" / "agenda" / "index.html")
    item = page.find(id="piege")
    assert item.find("script") is None and item.find("img") is None and item.find("b") is None
    assert item.h3.get_text() == HOSTILE_TITLE
    assert HOSTILE_TEXT.replace("\n", " ") in " ".join(item.get_text().split("\n"))
    assert "{{ 7*7 }}" in item.get_text() and "49" not in item.get_text()
    assert "mercredi 9 décembre 2026 de 18 h 30 à 20 h" in item.get_text(" ", strip=True)
    # coming, at the tests' date
    coming = page.find("h2", string="À venir").find_next("ul")
    assert coming.find(id="piege")


def test_hostile_event_text_is_escaped_in_the_feed(hostile_site):
    feed = ET.parse(hostile_site / "actualites" / "agenda.xml").getroot()
    (entry,) = feed.findall(f"{A}entry")
    assert entry.findtext(f"{A}title") == HOSTILE_TITLE
    assert HOSTILE_TEXT in entry.findtext(f"{A}content")
    assert (
        entry.find(f"{A}link[@rel='related']").get("href") == "https://exemple.invalid/?a=1&b=<2>"
    )
    assert (
        entry.find(f"{A}link[@rel='alternate']").get("href")
        == SITE_URL + "actualites/agenda/#piege"
    )


def test_hostile_event_text_is_escaped_in_the_calendar(hostile_site):
    raw = (hostile_site / "actualites" / "agenda.ics").read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    (event,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert str(event["SUMMARY"]) == HOSTILE_TITLE
    assert str(event["LOCATION"]) == "Salle <b>des fêtes</b>, 1; rue, Brive"
    assert HOSTILE_TEXT in str(event["DESCRIPTION"])
    assert event.decoded("DTSTART") == dt.datetime(2026, 12, 9, 18, 30, tzinfo=agenda.PARIS)
    assert event.decoded("DTEND") == dt.datetime(2026, 12, 9, 20, 0, tzinfo=agenda.PARIS)
    assert b"SUMMARY:<script>alert('titre')</script> R\xc3\xa9union\\; salle A\\, " in raw
