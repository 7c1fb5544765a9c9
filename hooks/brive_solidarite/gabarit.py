"""The theme's page around the actor pages, rendered once instead of once per actor.

Material's template costs about as much per page as the page's own body. All actor pages
sit in one folder (same relative links) and differ only by their title, description,
address and body: the hook renders one page whose values are markers, and each actor page
is that page with the markers replaced (hooks/brive.py, README "Performances").

This is only exact if the theme prints the values as they are, and tests none of them.
The markers contain what escaping, `striptags`, a change of case or a truncation would
alter (& < > " ', capitals, more than 300 characters): Shell refuses a page where one of
them was altered, even in part. What the theme tests (a body with its <h1>, a title and a
description that are not empty) holds for the markers and is checked for each actor
(hooks/brive.py).
"""

from __future__ import annotations

import re

from markupsafe import escape

# One marker per value, as the page's data give it (VALUES: titles and descriptions are
# text on one line, ids are slugs, bodies begin with their <h1>) and as the theme must
# print it (MARKERS: titles and descriptions escaped once).
_CORE = {name: f"bRiVe-GaBaRiT-{name}" for name in ("titre", "description", "contenu")}
_CORE["id"] = "brive-gabarit-id"
_TEXT = ' & <b>"l\'Été" ' + "Àb" * 160
VALUES = {
    "titre": _CORE["titre"] + _TEXT,
    "description": _CORE["description"] + _TEXT,
    "id": _CORE["id"],
    "contenu": f"<h1>{_CORE['contenu']}{escape(_TEXT)}</h1>",
}
MARKERS = {
    **VALUES,
    "titre": str(escape(VALUES["titre"])),
    "description": str(escape(VALUES["description"])),
}
_PATTERN = re.compile("|".join(re.escape(marker) for marker in MARKERS.values()))


class ShellError(ValueError):
    pass


class Shell:
    """A page rendered with MARKERS as its values; fill() gives the page of other values."""

    def __init__(self, html: str):
        for name, marker in MARKERS.items():
            found, whole = html.lower().count(_CORE[name].lower()), html.count(marker)
            if whole == 0 or found != whole:
                raise ShellError(
                    f"le thème n'affiche pas la valeur « {name} » telle quelle "
                    f"({whole} fois intacte sur {found}) : pages des acteurs impossibles à "
                    "construire sur un seul gabarit."
                )
        names = {marker: name for name, marker in MARKERS.items()}
        self._parts = _PATTERN.split(html)
        self._names = [names[marker] for marker in _PATTERN.findall(html)]
        # What is left of a marker cut short, whatever the cut: refused too.
        if any(
            "bRiVe" in part or "brive-gabarit" in part.lower() or "ÀbÀb" in part
            for part in self._parts
        ):
            raise ShellError(
                "le thème n'affiche pas une valeur telle quelle (valeur coupée) : pages des "
                "acteurs impossibles à construire sur un seul gabarit."
            )

    def fill(self, **values: str) -> str:
        out = [self._parts[0]]
        for name, part in zip(self._names, self._parts[1:], strict=True):
            out += (values[name], part)
        return "".join(out)
