"""The agenda: the events of evenements.yaml (optional), as the agenda page's lists, an
Atom feed (RFC 4287) and an iCalendar file (RFC 5545).

Event text comes from a data file: it is escaped for each format here (ElementTree for
XML, `ics_text` for iCalendar) and by Jinja's autoescape on the page. iCalendar escapes
TEXT values and folds lines as vCard does (RFC 5545 3.3.11 and 3.1, RFC 6350 3.4 and 3.2):
both files use vcard.py's `escape` and `fold`.
"""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

from .clock import PARIS
from .hours import date_fr, time_fr
from .model import Evenement
from .problems import Problem
from .validation import check_url
from .vcard import escape as ics_text
from .vcard import fold
from .yamlsafe import Document, format_path

FEED = "actualites/agenda.xml"
CALENDAR = "actualites/agenda.ics"
PAGE = "actualites/agenda.md"
SITEMAP = "actualites/sitemap.xml"
TITLE = "Agenda de Brive Solidarité"
ATOM = "http://www.w3.org/2005/Atom"
# Identifiers that never change, whatever the site's address: UUIDs derived from the id.
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://brive-solidarite/evenements/")


def parse_moment(text: str) -> dt.date | dt.datetime:
    """2016-11-29 → a date (a whole day); 2016-11-09T10:00 → a datetime in Europe/Paris."""
    text = text.replace(" ", "T")
    if "T" in text:
        return dt.datetime.fromisoformat(text).replace(tzinfo=PARIS)
    return dt.date.fromisoformat(text)


def _valid_moment(text) -> bool:
    try:
        parse_moment(text)
    except (TypeError, ValueError):
        return False
    return True


def event_problems(doc: Document) -> list[Problem]:
    """Rules of evenements.yaml between fields, after the schema and the field checks."""
    out: list[Problem] = []

    def add(fpath: tuple, message: str) -> None:
        out.append(Problem(doc.path, doc.line(fpath), format_path(fpath), message))

    for key, event in doc.value.items():
        start, end = event.get("debut"), event.get("fin")
        if end is not None and _valid_moment(start) and _valid_moment(end):
            first, last = parse_moment(start), parse_moment(end)
            if isinstance(first, dt.datetime) != isinstance(last, dt.datetime):
                add(
                    (key, "fin"),
                    "écrivez debut et fin de la même façon : deux dates (AAAA-MM-JJ), ou deux "
                    "dates avec l'heure (AAAA-MM-JJTHH:MM)",
                )
            elif last < first:
                add(
                    (key, "fin"),
                    f"l'événement finit ({end}) avant de commencer ({start}) : vérifiez les dates",
                )
        if isinstance(event.get("source"), str):
            message = check_url(event["source"])
            if message:
                add((key, "source"), message)
    return out


def build_events(doc: Document) -> list[Evenement]:
    """The events of a checked evenements.yaml, by start (whole days first on a day)."""
    events = [
        Evenement(
            id=key,
            titre=value["titre"],
            debut=parse_moment(value["debut"]),
            fin=parse_moment(value["fin"]) if "fin" in value else None,
            lieu=value.get("lieu"),
            description=value.get("description"),
            source=value.get("source"),
            lien=value.get("lien"),
            fichier=doc.path,
            ligne_lien=doc.line((key, "lien")),
        )
        for key, value in doc.value.items()
    ]
    return sorted(events, key=lambda e: (_day(e.debut), _instant(e.debut), e.id))


def link_problems(events: list[Evenement], docs_dir: Path) -> list[Problem]:
    """Each `lien` names a page of docs/ (checked before the build writes anything)."""
    return [
        Problem(
            event.fichier,
            event.ligne_lien,
            f"{event.id}.lien",
            (
                f"« {event.lien} » : aucune page docs/{event.lien} : donnez le fichier d'une "
                "page du site, ex. actualites/posts/2016-11-09-seance-d-installation.md"
            ),
        )
        for event in events
        if event.lien and not (docs_dir / event.lien).is_file()
    ]


def _day(moment: dt.date | dt.datetime) -> dt.date:
    return moment.date() if isinstance(moment, dt.datetime) else moment


def _instant(moment: dt.date | dt.datetime) -> dt.datetime:
    """A whole day counts from its midnight in Paris."""
    if isinstance(moment, dt.datetime):
        return moment
    return dt.datetime.combine(moment, dt.time(), tzinfo=PARIS)


def uid(event: Evenement) -> str:
    return str(uuid.uuid5(_NAMESPACE, event.id))


def when_fr(event: Evenement) -> str:
    """« mercredi 9 novembre 2016 à 10 h », « du … au … »: only what the file says."""

    def one(moment) -> str:
        text = date_fr(_day(moment), year=True)
        return f"{text} à {time_fr(moment)}" if isinstance(moment, dt.datetime) else text

    start, end = event.debut, event.fin
    if end is None:
        return one(start)
    if isinstance(start, dt.datetime) and start.date() == end.date():
        return f"{date_fr(start.date(), year=True)} de {time_fr(start)} à {time_fr(end)}"
    if end == start:
        return one(start)
    return f"du {one(start)} au {one(end)}"


def split(events: list[Evenement], today: dt.date) -> tuple[list[Evenement], list[Evenement]]:
    """(coming, past): an event is coming until the end of its last day; past ones come
    most recent first."""
    coming = [e for e in events if _day(e.fin or e.debut) >= today]
    past = [e for e in events if _day(e.fin or e.debut) < today]
    return coming, past[::-1]


def _absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def _summary(event: Evenement) -> str:
    """The plain text of an event, for the feed and the calendar."""
    lines = [when_fr(event)[0].upper() + when_fr(event)[1:] + "."]
    if event.lieu:
        lines.append(f"Lieu : {event.lieu}")
    if event.description:
        lines.append(event.description)
    if event.source:
        lines.append(f"Source : {event.source}")
    return "\n".join(lines)


def event_url(event: Evenement, site_url: str, links: dict[str, str]) -> str:
    """The news post about the event if any (its final URL from `links`), else its place
    on the agenda page."""
    if event.lien and event.lien in links:
        return _absolute(site_url, links[event.lien])
    return _absolute(site_url, f"actualites/agenda/#{event.id}")


def _atom_date(moment: dt.date | dt.datetime) -> str:
    return _instant(moment).isoformat(timespec="seconds")


def atom_feed(
    events: list[Evenement], site_url: str, now: dt.datetime, links: dict[str, str]
) -> str:
    """The Atom feed of the agenda, newest start first. An entry's `updated` is the start
    of its event: the file keeps no other date."""
    ET.register_namespace("", ATOM)

    def sub(parent, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = text
        return element

    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "fr"})
    sub(feed, "title", TITLE)
    sub(feed, "subtitle", "Les événements du réseau Brive Solidarité, à Brive-la-Gaillarde.")
    sub(feed, "id", f"urn:uuid:{uuid.uuid5(_NAMESPACE, 'flux:agenda')}")
    sub(feed, "updated", now.isoformat(timespec="seconds"))
    sub(feed, "link", rel="self", type="application/atom+xml", href=_absolute(site_url, FEED))
    sub(
        feed,
        "link",
        rel="alternate",
        type="text/html",
        href=_absolute(site_url, "actualites/agenda/"),
    )
    author = sub(feed, "author")
    sub(author, "name", "Brive Solidarité")
    for event in sorted(events, key=lambda e: _instant(e.debut), reverse=True):
        entry = sub(feed, "entry")
        sub(entry, "title", event.titre)
        sub(entry, "id", f"urn:uuid:{uid(event)}")
        sub(entry, "updated", _atom_date(event.debut))
        sub(
            entry, "link", rel="alternate", type="text/html", href=event_url(event, site_url, links)
        )
        if event.source:
            sub(entry, "link", rel="related", href=event.source)
        sub(entry, "content", _summary(event), type="text")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _ics_moment(name: str, moment: dt.date | dt.datetime) -> str:
    if isinstance(moment, dt.datetime):  # in UTC: no VTIMEZONE needed
        return f"{name}:{moment.astimezone(dt.UTC).strftime('%Y%m%dT%H%M%SZ')}"
    return f"{name};VALUE=DATE:{moment.strftime('%Y%m%d')}"


def icalendar(
    events: list[Evenement], site_url: str, now: dt.datetime, links: dict[str, str]
) -> str:
    """The agenda as iCalendar. Without a known end, DTSTART only: RFC 5545 (3.6.1) then
    reads a whole day for a date and an instant for a date-time; no end is invented."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Brive Solidarité//Agenda//FR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{ics_text(TITLE)}",
        f"X-WR-CALNAME:{ics_text(TITLE)}",
        f"URL:{_absolute(site_url, 'actualites/agenda/')}",
    ]
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid(event)}",
            f"DTSTAMP:{stamp}",
            _ics_moment("DTSTART", event.debut),
        ]
        if event.fin is not None:
            end = event.fin
            if not isinstance(end, dt.datetime):  # DTEND of a date is exclusive
                end = end + dt.timedelta(days=1)
            lines.append(_ics_moment("DTEND", end))
        lines.append(f"SUMMARY:{ics_text(event.titre)}")
        if event.lieu:
            lines.append(f"LOCATION:{ics_text(event.lieu)}")
        lines.append(f"DESCRIPTION:{ics_text(_summary(event))}")
        lines.append(f"URL:{event_url(event, site_url, links)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def section_sitemap(urls: list[str], site_url: str) -> bytes:
    """actualites/sitemap.xml: the news pages. Material's JavaScript fetches sitemap.xml
    beside every <link rel="alternate"> of a page (its language switcher), so the feed's
    link asks for this file on every page: a small file here, not a 404 nor the whole
    site's sitemap."""
    ns = "http://www.sitemaps.org/schemas/sitemap/0.9"
    ET.register_namespace("", ns)
    urlset = ET.Element(f"{{{ns}}}urlset")
    for url in sorted(urls):
        ET.SubElement(ET.SubElement(urlset, f"{{{ns}}}url"), f"{{{ns}}}loc").text = _absolute(
            site_url, url
        )
    text = '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(urlset, encoding="unicode")
    return (text + "\n").encode("utf-8")


def build_agenda_files(
    events: list[Evenement], site_url: str, now: dt.datetime, links: dict[str, str]
) -> dict[str, bytes]:
    """The published files: path → content (bytes: the calendar's CRLF stay as they are)."""
    return {
        FEED: atom_feed(events, site_url, now, links).encode("utf-8"),
        CALENDAR: icalendar(events, site_url, now, links).encode("utf-8"),
    }
