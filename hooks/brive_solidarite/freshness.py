"""Entries nobody has checked for a year: the list `brive-solidarite fraicheur` prints for
the office's coordinator, and the rule behind the "à vérifier" badge of the site."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .hours import date_fr

STALE_DAYS = 365  # "12 months": the site's badge and this list use the same rule


def is_stale(date_maj: dt.date, today: dt.date) -> bool:
    return (today - date_maj).days > STALE_DAYS


@dataclass(frozen=True)
class StaleEntry:
    id: str
    nom: str
    date_maj: dt.date
    mainteneurs: tuple[str, ...]  # with their @
    lien: str  # GitHub's editor on the file


def edit_url(depot: str, actor_id: str, branch: str = "main") -> str:
    """The same link as "Modifier cette fiche" on the actor's page."""
    return f"{depot.rstrip('/')}/edit/{branch}/data/actors/{actor_id}.yaml"


def stale_entries(actors: dict[str, dict], today: dt.date, depot: str) -> list[StaleEntry]:
    """`actors`: id -> the actor file's values. Oldest check first."""
    out = []
    for actor_id, value in actors.items():
        checked = dt.date.fromisoformat(str(value["date_maj"]))
        if is_stale(checked, today):
            owners = tuple("@" + m.lstrip("@") for m in value.get("mainteneurs", []))
            out.append(
                StaleEntry(actor_id, value["nom"], checked, owners, edit_url(depot, actor_id))
            )
    return sorted(out, key=lambda e: (e.date_maj, e.id))


def _title(entries: list[StaleEntry], today: dt.date) -> str:
    when = date_fr(today, year=True)
    if not entries:
        return (
            f"Aucune fiche à vérifier au {when} : toutes ont été vérifiées depuis moins de 12 mois."
        )
    return f"{len(entries)} fiche(s) non vérifiée(s) depuis plus de 12 mois, au {when} :"


def as_text(entries: list[StaleEntry], today: dt.date) -> str:
    lines = [_title(entries, today)]
    for e in entries:
        owners = ", ".join(e.mainteneurs) or "aucun mainteneur"
        lines.append(f"- {e.nom} — vérifiée le {e.date_maj.isoformat()} — {owners} — {e.lien}")
    return "\n".join(lines) + "\n"


def as_markdown(entries: list[StaleEntry], today: dt.date) -> str:
    """The body of the monthly issue: mentioning the maintainers notifies them."""
    lines = [_title(entries, today)]
    if entries:
        lines += ["", "| Fiche | Vérifiée le | Mainteneurs | Modifier |", "|---|---|---|---|"]
        for e in entries:
            owners = " ".join(e.mainteneurs) or "—"
            lines.append(
                f"| {_cell(e.nom)} | {date_fr(e.date_maj, year=True)} | {owners} | "
                f"[modifier {e.id}.yaml]({e.lien}) |"
            )
        lines += [
            "",
            "Pour chaque fiche : relisez-la avec l'organisation (un appel suffit), corrigez ce qui a "
            "changé et mettez `date_maj` à la date du jour, même si rien n'a changé.",
        ]
    lines += ["", "_Liste produite chaque mois par `brive-solidarite fraicheur`._"]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Partner text in a Markdown table cell: no pipes, no markup, one line."""
    text = " ".join(text.split()).replace("|", "/")
    for char in "\\`*_[]<>#":
        text = text.replace(char, "\\" + char)
    return text
