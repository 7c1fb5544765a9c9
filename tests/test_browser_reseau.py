"""The network page printed as a handout (Chromium, print media): every table with the
phone numbers in full, without the site's chrome, even when printed from a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from test_browser_print import printed

pytestmark = pytest.mark.browser


def test_network_page_prints_every_table_with_its_contacts(page: Page, demo_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(demo_url + "reseau/")
    page.evaluate("window.print = () => { window.__imprime = true; }")
    page.get_by_role("button", name="Imprimer ce tableau").click()
    assert page.evaluate("window.__imprime") is True
    text = printed(page, demo_url + "reseau/")
    for wanted in (
        "Le réseau : qui fait quoi",
        "Pour orienter une personne",
        "Manger : 10 lignes",
        "Restaurant Social Fictif",
        "05 36 49 00 35",
        "Sur orientation",
        "Signataires de la charte",
        "Démonstration",
    ):
        assert wanted in text, wanted
    tables = page.locator("table.brive-reseau-table")
    assert tables.count() == page.locator("section.brive-reseau-besoin h2").count()
    # A table prints as a table: the phone layout stacks rows on screens only.
    assert tables.first.evaluate("e => getComputedStyle(e).display") == "table"
    assert not any(
        page.locator(".brive-reseau-sommaire").evaluate_all(
            "els => els.map(e => getComputedStyle(e).display !== 'none')"
        )
    )
