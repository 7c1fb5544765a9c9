"""What Pagefind reads of a built page.

Pagefind indexes only what a page marks with data-pagefind-body
(overrides/partials/content.html), but parses the whole page to find it: the theme's
header, menus and scripts are two thirds of an actor page. The hook gives it a copy of each page reduced to its language, title and
marked body, in a folder kept in memory, and writes the index into the site
(README "Performances"; tests/test_search_index.py checks that the index is the same).
"""

from __future__ import annotations

import re

BODY = "<div data-pagefind-body>"
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
