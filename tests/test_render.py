"""Pure rendering helpers: sanitising partner Markdown, JSON for scripts, relative links."""

import json

import pytest

from brive_solidarite.render import json_script, markdown_to_safe_html, page_url, relative_url


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
