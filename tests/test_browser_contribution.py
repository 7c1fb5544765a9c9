"""The contributor guide on a phone (390 px wide), as a volunteer reads it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

GUIDE = ["", "corriger/", "ajouter/", "apres/", "erreurs/", "champs/"]


@pytest.fixture
def phone(page: Page) -> Page:
    page.set_viewport_size({"width": 390, "height": 844})
    return page


@pytest.mark.parametrize("name", GUIDE)
def test_guide_page_fits_a_phone(phone, demo_url, name):
    phone.goto(f"{demo_url}contribuer/{name}")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"contribuer/{name} déborde : {width} px"
    # Body text at least 16 px (UX.md).
    size = phone.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.md-content p')).fontSize)"
    )
    assert size >= 16


def test_new_file_button_is_big_and_near_the_top(phone, demo_url):
    phone.goto(f"{demo_url}contribuer/ajouter/")
    button = phone.get_by_role("link", name="Proposer une nouvelle fiche")
    box = button.bounding_box()
    assert box["height"] >= 44
    assert box["y"] + box["height"] <= 844  # in the first screen of a phone
    assert button.get_attribute("href").startswith(
        "https://github.com/a-configurer/brive-solidarite/new/main/data/actors?filename="
    )


def test_field_index_links_are_tap_targets(phone, demo_url):
    phone.goto(f"{demo_url}contribuer/champs/")
    links = phone.locator(".brive-champs-sommaire a")
    assert links.count() > 20
    for index in range(links.count()):
        assert links.nth(index).bounding_box()["height"] >= 44
    links.filter(has_text="horaires_accueil").click()
    assert phone.url.endswith("#champ-horaires-accueil")
