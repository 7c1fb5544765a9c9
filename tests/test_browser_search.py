"""Search in a real browser (Chromium): French words, lazy loading, no-JS fallback, keyboard,
and partner text that never runs."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def results(page: Page, query: str) -> list[str]:
    """Type in the header box; the titles of the results shown."""
    page.fill("#brive-q", query)
    expect(page.locator("#brive-q-etat")).to_contain_text("pour « ")
    # The count is written before the results' texts arrive: wait for them.
    if "Aucun résultat" not in page.locator("#brive-q-etat").inner_text():
        expect(page.locator("#brive-q-resultats .brive-recherche__liste a").first).to_be_visible()
    return page.locator("#brive-q-resultats .brive-recherche__liste a").all_inner_texts()


@pytest.fixture
def home(page: Page, demo_url):
    page.goto(demo_url + "annuaire/")
    return page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hebergement", "Dormir, se loger"),  # no accent finds « hébergement »
        ("ecoute", "Ligne d'Écoute Imaginaire"),  # « d'écoute »: after an apostrophe
        ("association", "Jardin Partagé Imaginaire"),  # only « L'association » in its text
        ("manger", "Manger"),  # everyday words, through thematiques.yaml's keywords
        ("dormir", "Dormir, se loger"),
        ("douche", "Se laver, laver son linge"),
        ("papiers", "Papiers, droits et démarches"),
    ],
)
def test_french_queries(home, query, expected):
    titles = results(home, query)
    if query == "association":  # many hits: look at the full results page
        home.goto(home.url.split("annuaire/")[0] + "recherche/?q=association")
        expect(home.locator("#brive-resultats-etat")).to_contain_text("résultat")
        # The count is written first, the results once their texts are fetched.
        links = home.locator("#brive-resultats .brive-recherche__liste a")
        expect(links.first).to_be_visible()
        titles = links.all_inner_texts()
    assert expected in titles, titles


def test_nothing_of_the_search_is_fetched_before_use_and_nothing_off_this_host(
    page: Page, demo_url
):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(demo_url + "annuaire/epicerie-fictive-des-essais/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requests if "pagefind" in u]
    results(page, "manger")
    assert [u for u in requests if "pagefind" in u]
    assert {urlsplit(u).hostname for u in requests} == {"127.0.0.1"}


def test_enter_opens_the_results_page_and_keyboard_reaches_results(home):
    home.fill("#brive-q", "douche")
    expect(home.locator("#brive-q-resultats li").first).to_be_visible()
    home.keyboard.press("ArrowDown")
    focused = home.evaluate("document.activeElement.textContent")
    assert focused == "Bains-Douches Imaginaires"
    home.keyboard.press("Escape")
    expect(home.locator("#brive-q-resultats")).to_be_hidden()
    home.focus("#brive-q")
    home.keyboard.press("Enter")
    home.wait_for_url(re.compile(r"/recherche/\?q=douche$"))
    expect(home.locator("#brive-q-page")).to_have_value("douche")
    expect(home.locator("#brive-resultats .brive-recherche__liste a").first).to_have_text(
        "Bains-Douches Imaginaires"
    )


def test_no_result_says_what_to_do(home):
    assert results(home, "zzzyyyxxx") == []
    expect(home.locator("#brive-q-etat")).to_contain_text("Aucun résultat")


def test_partner_markup_in_results_never_runs(home):
    dialogs: list[str] = []
    home.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    titles = results(home, "alert")
    assert titles  # the injection demo entries are found...
    assert any("<script>" in t for t in titles)  # ...and their markup shows as text
    home.wait_for_timeout(300)
    assert dialogs == []
    assert (
        home.locator(
            "#brive-q-resultats script, #brive-q-resultats img, #brive-q-resultats svg"
        ).count()
        == 0
    )


def test_results_page_without_javascript(browser, demo_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_url + "annuaire/")
    page.fill("#brive-q", "manger")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/recherche/\?q=manger$"))
    expect(page.locator("noscript, .brive-tuiles").first).to_be_attached()
    expect(page.locator("a.brive-tuile", has_text="Manger")).to_be_visible()
    context.close()


def test_results_page_shows_ten_then_more_on_request(page: Page, demo_url):
    page.goto(demo_url + "recherche/?q=association")
    links = page.locator("#brive-resultats .brive-recherche__liste li > a")
    expect(links).to_have_count(10)
    expect(page.locator("#brive-resultats-etat")).to_contain_text("voici les 10 premiers")
    page.get_by_role("button", name=re.compile(r"^Afficher \d+ autres? résultats?$")).click()
    expect(links.nth(10)).to_be_focused()
    assert links.count() > 10
