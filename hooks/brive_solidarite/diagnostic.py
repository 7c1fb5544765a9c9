"""The territorial diagnosis (diagnostic.yaml, optional): sourced, dated indicators.

The JSON Schema says which fields exist and which are required (a source with its title and
address); the rules below say what it cannot: every indicator tells when its figure is
from (a date, a period, or `date_inconnue: true` said plainly), and the dates and addresses
are real ones.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from .hours import MOIS
from .problems import Problem
from .validation import (
    check_url,
    field_problems,
    marker_problems,
    parse_date,
    quote,
    schema_problems,
)
from .yamlsafe import Document, format_path, read_yaml

DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
NO_DATE = (
    'ni date ni période : ajoutez date (ex. "2021" ou "2016-11-09"), periode '
    "(ex. 2018-2020) ou, si la source ne le dit pas, date_inconnue: true"
)


@dataclass(frozen=True)
class Source:
    titre: str
    url: str


@dataclass(frozen=True)
class Indicateur:
    titre: str
    constat: str
    source: Source
    quand: str  # "2021", "9 novembre 2016", "2018-2020", or "date inconnue"
    sorte: str  # what `quand` is: "date", "periode" or "inconnue"
    valeur: str | None = None
    precision_date: str | None = None


@dataclass(frozen=True)
class Rubrique:
    titre: str
    indicateurs: tuple[Indicateur, ...]


@dataclass(frozen=True)
class Diagnostic:
    titre: str
    rubriques: tuple[Rubrique, ...]
    introduction: str | None = None


def read_diagnostic(path: Path, today: dt.date) -> tuple[Document | None, list[Problem]]:
    """diagnostic.yaml read and checked: the document (None when it has problems) and
    every problem, those of the schema and those of the rules below in one run."""
    doc, problems = read_yaml(path)
    if doc is None:
        return None, problems
    problems = (
        schema_problems(doc, "diagnostic")
        + marker_problems(doc, "diagnostic")
        + field_problems(doc, today)
        + diagnostic_problems(doc)
    )
    return (None if problems else doc), problems


def diagnostic_problems(doc: Document) -> list[Problem]:
    """What the schema cannot say. Runs on any document (the schema's problems are
    reported beside these), so it skips what is not of the expected shape."""
    out: list[Problem] = []

    def add(fpath: tuple, message: str) -> None:
        out.append(Problem(doc.path, doc.line(fpath), format_path(fpath), message))

    for fpath, item in _indicators(doc.value):
        unknown = item.get("date_inconnue") is True
        date = item.get("date")
        if date is None and "periode" not in item and not unknown:
            add(fpath, NO_DATE)
        if unknown and date is not None:
            add(
                (*fpath, "date_inconnue"),
                "date_inconnue: true mais une date est donnée : gardez l'une ou l'autre",
            )
        if isinstance(date, str) and not DATE.match(date):
            add(
                (*fpath, "date"),
                f"{quote(date)} n'est pas une date : écrivez AAAA, AAAA-MM ou AAAA-MM-JJ "
                'entre guillemets, ex. "2021" ou "2016-11-09"',
            )
        elif isinstance(date, str) and date_text(date) is None:
            add(
                (*fpath, "date"),
                f"{quote(date)} : cette date n'existe pas, vérifiez le jour et le mois",
            )
        source = item.get("source")
        url = source.get("url") if isinstance(source, dict) else None
        message = check_url(url) if isinstance(url, str) else None
        if message:
            add((*fpath, "source", "url"), message)
    return out


def _indicators(value) -> list[tuple[tuple, dict]]:
    """(path, indicator) of every indicator that is a mapping."""
    found = []
    rubriques = value.get("rubriques") if isinstance(value, dict) else None
    for r, rubrique in enumerate(rubriques if isinstance(rubriques, list) else []):
        items = rubrique.get("indicateurs") if isinstance(rubrique, dict) else None
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                found.append((("rubriques", r, "indicateurs", i), item))
    return found


def date_text(value: str) -> str | None:
    """'2016-11-09' -> '9 novembre 2016', '2016-11' -> 'novembre 2016', '2021' -> '2021';
    None when it is no real date."""
    match = DATE.match(value)
    if not match:
        return None
    year, month, day = match.groups()
    if day:
        date = parse_date(value)
        return f"{date.day} {MOIS[date.month - 1]} {date.year}" if date else None
    if month:
        return f"{MOIS[int(month) - 1]} {year}" if 1 <= int(month) <= 12 else None
    return year


def build_diagnostic(value: dict) -> Diagnostic:
    """The model of a valid diagnostic.yaml."""

    def indicateur(item: dict) -> Indicateur:
        if "date" in item:
            quand, sorte = date_text(item["date"]), "date"
        elif "periode" in item:
            quand, sorte = item["periode"], "periode"
        else:
            quand, sorte = "date inconnue", "inconnue"
        return Indicateur(
            titre=item["titre"],
            constat=item["constat"],
            source=Source(item["source"]["titre"], item["source"]["url"]),
            quand=quand,
            sorte=sorte,
            valeur=item.get("valeur"),
            precision_date=item.get("precision_date"),
        )

    return Diagnostic(
        titre=value["titre"],
        introduction=value.get("introduction"),
        rubriques=tuple(
            Rubrique(r["titre"], tuple(indicateur(i) for i in r["indicateurs"]))
            for r in value["rubriques"]
        ),
    )
