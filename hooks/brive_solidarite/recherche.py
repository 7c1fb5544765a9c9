"""What Pagefind reads of a built page.

Pagefind indexes only what a page marks with data-pagefind-body
(overrides/partials/content.html), but parses the whole page to find it: the theme's
header, menus and scripts are two thirds of an actor page. The hook gives it a copy of each page reduced to its language, title and
marked body, in a folder kept in memory, and writes the index into the site
(README "Performances"; tests/test_search_index.py checks that the index is the same).
Parts of the pages are left out of the index (IGNORED), not out of the pages.
"""

from __future__ import annotations

import re

BODY = "<div data-pagefind-body>"
# Not indexed: what is written as of the build day (open now, the week's hours), which a
# result would show out of date, and the links every actor page repeats ("Écrire", "Site
# web", "Enregistrer le contact", "Modifier cette fiche"), which would fill the excerpts.
# Phone numbers stay: a number read on a letter finds its page. Pagefind's selectors: the
# pages themselves are unchanged. (The need pages' cards are left out whole, besoin.html.)
IGNORED = (
    ".brive-statut",
    ".brive-horaires",
    '.brive-boutons a:not([href^="tel:"])',
    ".brive-vcard",
    ".brive-imprimer",
    ".brive-geo",
    ".brive-verification",
    ".brive-modifier",
)
_HTML = re.compile(r"<html\b[^>]*>")
_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)


def search_copy(html: str) -> str | None:
    """The page as Pagefind needs it; None for a page it does not index (no marked body)."""
    start = html.find(BODY)
    if start < 0:
        return None
    end = html.rfind("</article>")  # the theme's: a body may hold articles of its own
    language, title = _HTML.search(html), _TITLE.search(html)
    if end < start or language is None or title is None:
        return html  # not the theme's page: given whole
    return (
        f'<!doctype html>{language.group(0)}<head><meta charset="utf-8">{title.group(0)}</head>'
        f"<body>{html[start:end]}</body></html>"
    )


def pagefind_command(executable: str, site: str, output: str) -> list[str]:
    """The Pagefind command that indexes the pages under `site` into `output`."""
    return [
        executable,
        "--site",
        site,
        "--output-path",
        output,
        "--exclude-selectors",
        ", ".join(IGNORED),
        "--silent",
    ]
