"""Printed handouts (Chromium, print media): an actor page and a need page keep the name,
address, phone numbers in full and hours, without the site's chrome."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

CHROME = [
    ".md-header",
    ".md-tabs",
    ".md-sidebar",
    ".md-footer",
    ".brive-pied-urgences",
    ".brive-bandeau-urgences",
    ".brive-recherche",
    ".md-skip",
    ".brive-imprimer",
    ".brive-modifier",
    ".brive-vcard",
    ".md-top",
]


def shown(page: Page, selector: str) -> list[bool]:
    return page.locator(selector).evaluate_all(
        "els => els.map(e => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0)"
    )


def printed(page: Page, url: str) -> str:
    page.goto(url)
    page.emulate_media(media="print")
    for selector in CHROME:
        assert not any(shown(page, selector)), selector
    assert page.pdf(format="A4")[:4] == b"%PDF"
    return page.locator("body").inner_text()


def test_actor_page_prints_as_a_handout(page: Page, demo_url):
    text = printed(page, demo_url + "annuaire/epicerie-fictive-des-essais/")
    for wanted in (
        "Épicerie Fictive des Essais",
        "Appeler le 05 36 49 00 01",
        "12 rue de l'Exemple",
        "19100 Brive-la-Gaillarde",
        "Horaires des sept prochains jours",
        "Sur orientation",
        "Démonstration",  # fictional numbers stay marked as such on paper
    ):
        assert wanted in text, wanted
    assert "Ouvert maintenant" not in text  # paper outlives "now"
    mail = page.locator(".brive-boutons a[href^='mailto:']").first
    after = mail.evaluate("e => getComputedStyle(e, '::after').content")
    assert "mailto:contact@epicerie-fictive.example" in after  # the address, in full
    buttons = page.locator(".brive-boutons .md-button--primary")
    assert buttons.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"


def test_need_page_prints_each_actor_with_address_phone_and_hours(page: Page, demo_url):
    text = printed(page, demo_url + "besoins/alimentation/")
    for wanted in (
        "Manger",
        "Restaurant Social Fictif",
        "Appeler le 05 36 49 00 35",
        "Adresse : 21 rue de la Démonstration, 19100 Brive-la-Gaillarde",
        "Horaires : samedi 28",  # from the build day
    ):
        assert wanted in text, wanted


def test_print_buttons_call_print_and_hide_without_javascript(browser, demo_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(demo_url + "besoins/alimentation/")
    page.evaluate("window.print = () => { window.__imprime = true; }")
    button = page.get_by_role("button", name="Imprimer cette liste")
    button.click()
    assert page.evaluate("window.__imprime") is True
    page.goto(demo_url + "annuaire/epicerie-fictive-des-essais/")
    expect(page.get_by_role("button", name="Imprimer cette fiche")).to_be_visible()
    context.close()

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_url + "besoins/alimentation/")
    expect(page.locator(".brive-imprimer")).to_be_hidden()
    expect(page.locator(".brive-carte").first).to_be_visible()
    context.close()
