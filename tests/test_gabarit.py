"""The actor pages' theme page, rendered once with markers and filled per actor
(gabarit.py): exact when the theme prints the values as they are, refused otherwise."""

from __future__ import annotations

import pytest
from jinja2 import Environment

from brive_solidarite.gabarit import MARKERS, VALUES, Shell, ShellError
from brive_solidarite.render import page_meta

# What Material does with a page's values (autoescape off, values printed as they are).
THEME = (
    '<title>{{ title }} - Site</title><meta name="description" content="{{ description }}">'
    '<link rel="canonical" href="https://x.example/annuaire/{{ id }}/">'
    '<div class="md-header__topic">{{ title }}</div><article>{{ contenu }}</article>'
)


def render(template: str, **values: str) -> str:
    values.setdefault("title", values.get("titre", ""))
    return Environment(autoescape=False).from_string(template).render(**values)


def test_the_filled_page_is_the_page_rendered_with_the_values():
    shell = Shell(render(THEME, **MARKERS))
    for name in ("Épicerie « La Main Tendue »", 'A & B <script>alert("x")</script>', "l'Été"):
        meta = page_meta(name, f"{name} : aide alimentaire", listed=False)
        values = {
            "titre": meta["title"],
            "description": meta["description"],
            "id": "epicerie-main-tendue",
            "contenu": "<h1>Épicerie &amp; co</h1><p>Colis</p>\n",
        }
        assert shell.fill(**values) == render(THEME, **values)


@pytest.mark.parametrize(
    "altered",
    [
        "{{ title | striptags }}",  # unescapes: « A &amp; B » would be printed « A & B »
        "{{ title | e }}",  # escapes twice
        "{{ title | truncate(60) }}",
        "{{ title | truncate(15) }}",  # cut before the end of the marker's name
        "{{ title[:10] }}",
        "{{ title[-20:] }}",
        "{{ title | upper }}",
        "{{ title | title }}",
        "{{ description | lower }}",
        "{{ contenu | striptags }}",
    ],
)
def test_a_theme_that_changes_a_value_is_refused(altered):
    template = THEME + f"<span>{altered}</span>"
    with pytest.raises(ShellError, match="telle quelle"):
        Shell(render(template, **MARKERS))


def test_a_theme_that_does_not_print_a_value_is_refused():
    with pytest.raises(ShellError, match="« description »"):
        Shell(render(THEME.replace("{{ description }}", ""), **MARKERS))


def test_the_markers_are_values_of_their_kind():
    # Escaped once, like every generated page's title and description (render.page_meta).
    meta = page_meta(VALUES["titre"], VALUES["description"])
    assert (meta["title"], meta["description"]) == (MARKERS["titre"], MARKERS["description"])
    assert len(VALUES["titre"]) > 300  # longer than any truncation
    assert MARKERS["contenu"].startswith("<h1>")  # Material adds a title to a body without one
