"""Pure rendering helpers: sanitising partner Markdown, JSON for scripts, relative links."""

import json
import random
from pathlib import Path

import markdown
import pytest
import yaml

from brive_solidarite.render import (
    json_script,
    markdown_to_safe_html,
    page_url,
    plain_paragraphs,
    relative_url,
)


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        ('<script>alert("x")</script>', "<script"),
        ("<img src=x onerror=alert(1)>", "onerror"),
        ("[clic](javascript:alert(1))", "javascript:"),
        ("[clic](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
        ('<a href="#" onclick="alert(1)">x</a>', "onclick"),
        ("<iframe src='https://example.org'></iframe>", "<iframe"),
        ("<style>body{display:none}</style>", "<style"),
        ('<p style="position:fixed">x</p>', "style="),
    ],
)
def test_partner_markdown_is_sanitised(text, forbidden):
    assert forbidden not in markdown_to_safe_html(text).lower()


def test_partner_markdown_keeps_plain_formatting():
    html = markdown_to_safe_html(
        "# Titre\n\n**Gras**, [site](https://exemple.example) et\n\n- un\n- deux"
    )
    assert "<h3>Titre</h3>" in html  # never a second h1 on the page
    assert "<strong>Gras</strong>" in html
    assert 'href="https://exemple.example"' in html and 'rel="noopener noreferrer nofollow"' in html
    assert "<li>un</li>" in html


def test_json_script_cannot_close_its_script_element():
    value = {"nom": "</script><script>alert(1)</script>", "et": "a & b"}
    text = json_script(value)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == value


@pytest.mark.parametrize(
    ("target", "page", "expected"),
    [
        ("besoins/sante/", "annuaire/x/", "../../besoins/sante/"),
        ("besoins/sante/", "", "besoins/sante/"),
        ("", "annuaire/x/", "../../"),
        ("annuaire/", "annuaire/", "../annuaire/"),
        ("", "", "./"),
        ("charte/#article-2", "annuaire/x/", "../../charte/#article-2"),
    ],
)
def test_relative_url(target, page, expected):
    assert relative_url(target, page) == expected


def test_page_url():
    assert page_url("index.md") == ""
    assert page_url("annuaire/index.md") == "annuaire/"
    assert page_url("annuaire/epicerie.md") == "annuaire/epicerie/"


# Characters that mean something to Markdown or HTML, spaces and line ends among letters.
PIECES = list("abcé 0123456789.,;:!?'\"()«»°%€/-_*`[]<>&#|~=+{}\\\n\t\u00a0") + [
    "\n\n",
    "  ",
    "1. ",
    "- ",
    "> ",
    "    ",
    "http://x.example",
    "&amp;",
]


def _descriptions() -> list[str]:
    root = Path(__file__).resolve().parents[1]
    texts = []
    for path in [*root.glob("demo/actors/*.yaml"), *root.glob("tests/golden/*.yaml")]:
        actor = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts += [actor.get("description", "")]
        texts += [s.get("description", "") for s in actor.get("services", [])]
    return texts


def test_plain_paragraphs_are_what_markdown_makes_of_them():
    converter = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    rng = random.Random(2016)
    texts = _descriptions() + ["Une phrase.\n\nUne autre, « citée » : 50 % !\n"]
    texts += ["".join(rng.choices(PIECES, k=rng.randint(1, 40))) for _ in range(20000)]
    fast = 0
    for text in texts:
        html = plain_paragraphs(text)
        if html is not None:
            fast += 1
            assert html == converter.reset().convert(text), repr(text)
    assert fast > 500  # the shortcut was taken, and checked, often enough to mean something
