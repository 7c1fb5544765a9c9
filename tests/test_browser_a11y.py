"""Accessibility in a real browser (Chromium): axe-core on every kind of page, keyboard use,
visible focus, the skip link, 320 px wide and 200 % zoom.

axe-core comes from the npm registry at the version pinned in package-lock.json (`npm ci`,
run by `make test`); it is injected by the tests only and never served by the site.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# One page of every kind in the demo build. "recherche" waits for its results.
PAGES = {
    "accueil": "",
    "annuaire": "annuaire/",
    "fiche avec services et fermeture": "annuaire/epicerie-fictive-des-essais/",
    "fiche confidentielle": "annuaire/refuge-fictif-pour-femmes/",
    "injection html": "annuaire/test-injection-html/",
    "injection jinja": "annuaire/test-injection-jinja/",
    "injection nom": "annuaire/test-injection-nom/",
    "besoin": "besoins/alimentation/",
    "besoins": "besoins/",
    "charte": "charte/",
    "contact": "contact/",
    "urgences": "urgences/",
    "recherche avec résultats": "recherche/?q=manger",
    "à propos": "a-propos/",
    "mentions légales": "mentions-legales/",
    "accessibilité": "accessibilite/",
    "données personnelles": "donnees-personnelles/",
    "contribuer": "contribuer/",
    "contribuer : corriger": "contribuer/corriger/",
    "contribuer : ajouter": "contribuer/ajouter/",
    "contribuer : après": "contribuer/apres/",
    "contribuer : erreurs": "contribuer/erreurs/",
    "contribuer : champs": "contribuer/champs/",
    "données ouvertes": "donnees/",
    "reseau": "reseau/",
    "benevolat": "benevolat/",
    "diagnostic": "diagnostic/",
    "actualites": "actualites/",
    "actualite": "actualites/2016/seance-d-installation/",
    "agenda": "actualites/agenda/",
    "404": "404.html",  # http.server does not serve it for missing pages: open it directly
}


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("axe-core manquant : `npm ci` (lancé par `make test`) doit l'installer")
        pytest.skip("axe-core absent : lancez `npm ci` (make test le fait)")
    return AXE.read_text(encoding="utf-8")


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    if "recherche/?q=" in url:
        expect(page.locator("#brive-resultats .brive-recherche__liste a").first).to_be_visible()


def axe_violations(page: Page, axe_source: str) -> list[str]:
    """Run axe-core (WCAG 2.0/2.1 A and AA) on the page; one readable line per failing node."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    violations = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return result.violations.flatMap(v => v.nodes.map(n =>
                `${v.id} (${v.impact}) ${n.target.join(" ")} : ${n.failureSummary}`));
        }""",
        WCAG_TAGS,
    )
    return violations


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_axe_finds_no_violation(page: Page, demo_url, axe_source, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, demo_url + path)
    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_with_the_header_search_results_open(page: Page, demo_url, axe_source, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(demo_url + "annuaire/epicerie-fictive-des-essais/")
    page.focus("#brive-q")  # on a phone the field shows once focused
    page.keyboard.type("manger")
    expect(page.locator("#brive-q-resultats .brive-recherche__liste a").first).to_be_visible()
    assert axe_violations(page, axe_source) == []


def test_stock_material_violations_are_gone(page: Page, demo_url):
    """Stock Material has a search dialog without a name and a low-contrast "Made with"
    line (PITFALLS.md): ours replaces both."""
    page.goto(demo_url)
    assert page.locator(".md-search, [data-md-component=search]").count() == 0
    expect(page.locator("form[role=search] #brive-q")).to_have_accessible_name(
        "Rechercher une aide, une association"
    )
    assert "Made with" not in page.locator("footer").inner_text()


def test_skip_link_is_first_and_moves_focus_to_the_content(page: Page, demo_url):
    for path in ("annuaire/epicerie-fictive-des-essais/", "a-propos/"):
        page.goto(demo_url + path)
        page.keyboard.press("Tab")
        skip = page.locator(":focus")
        expect(skip).to_have_text("Aller au contenu")
        expect(skip).to_be_visible()
        assert page.locator("a.md-skip:visible").count() == 1  # Material's is hidden
        page.keyboard.press("Enter")
        expect(page.locator("#contenu")).to_be_focused()
        page.keyboard.press("Tab")  # the next stop is in the page's own content
        assert page.evaluate("!!document.activeElement.closest('.md-content')")


def tab_through(page: Page, limit: int = 250) -> list[dict]:
    """Press Tab until focus comes back to the start; what each stop is and how it looks."""
    stops: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(
            """() => {
                const e = document.activeElement;
                const s = getComputedStyle(e);
                return {
                    text: (e.innerText || e.value || e.getAttribute("aria-label") || "").trim(),
                    tag: e.tagName, id: e.id, href: e.getAttribute("href") || "",
                    ring: (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0)
                          || s.boxShadow !== "none",
                    visible: e.matches(":focus-visible"),
                };
            }"""
        )
        if stops and stop == stops[0]:
            break
        stops.append(stop)
    return stops


def test_every_feature_of_an_actor_page_is_reachable_with_tab_and_shows_focus(page: Page, demo_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(demo_url + "annuaire/epicerie-fictive-des-essais/")
    stops = tab_through(page)
    texts = [s["text"] for s in stops]
    expected = [
        "Aller au contenu",
        "Rechercher",  # the button; the field has no text yet
        "Appeler le 05 36 49 00 01",
        "Écrire",
        "Site web",
        "Itinéraire",
        "Enregistrer le contact",
        "Imprimer cette fiche",
        "Modifier cette fiche",
        "Signaler une erreur",
        "Mentions légales",
    ]
    for text in expected:
        assert any(t.endswith(text) for t in texts), (text, texts)
    assert "brive-q" in [s["id"] for s in stops]
    assert any(s["href"].startswith("tel:115") for s in stops)  # the emergency band
    assert [s for s in stops if s["visible"] and not s["ring"]] == []


def test_need_page_print_button_and_cards_are_reachable_with_tab(page: Page, demo_url):
    page.goto(demo_url + "besoins/alimentation/")
    stops = tab_through(page)
    texts = [s["text"] for s in stops]
    assert any(t.endswith("Imprimer cette liste") for t in texts), texts
    assert "Restaurant Social Fictif" in texts
    assert [s for s in stops if s["visible"] and not s["ring"]] == []


@pytest.mark.parametrize(
    "selector", ["#brive-q", ".brive-bouton", ".brive-tuile", ".md-tabs__link"]
)
def test_focus_is_visible_on_keyboard_focus(page: Page, demo_url, selector):
    page.set_viewport_size({"width": 1280, "height": 900})
    path = "annuaire/epicerie-fictive-des-essais/" if selector == ".brive-bouton" else ""
    page.goto(demo_url + path)
    target = page.locator(selector).first
    # Tab until the target has focus, so that :focus-visible applies as for a keyboard user.
    for _ in range(120):
        page.keyboard.press("Tab")
        if target.evaluate("e => e === document.activeElement"):
            break
    else:
        pytest.fail(f"{selector} jamais atteint avec Tab")
    ring = target.evaluate(
        """e => { const s = getComputedStyle(e);
            return {outline: s.outlineStyle + " " + s.outlineWidth, shadow: s.boxShadow,
                    visible: e.matches(":focus-visible")}; }"""
    )
    assert ring["visible"], ring
    assert ring["outline"].split()[0] != "none" or ring["shadow"] != "none", ring


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_horizontal_scroll_at_320_px(page: Page, demo_url, path):
    page.set_viewport_size({"width": 320, "height": 640})
    open_page(page, demo_url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


CLIPPED = """() => [...document.querySelectorAll(
        ".md-content p, .md-content li, .md-content a, .md-content td, .md-content th,"
        + ".md-content h1, .md-content h2, .md-content h3, .md-content label, .md-content button,"
        + ".md-banner p, .md-footer a")]
    .filter(e => e.offsetParent !== null && !e.closest(".brive-visually-hidden"))
    .filter(e => {
        const s = getComputedStyle(e);
        const clips = ["hidden", "clip"].includes(s.overflowX) || s.textOverflow === "ellipsis";
        return clips && e.scrollWidth > e.clientWidth + 1;
    })
    .map(e => e.tagName + " " + e.textContent.trim().slice(0, 60))"""


@pytest.mark.parametrize(
    "path",
    [
        "",
        "annuaire/",
        "annuaire/epicerie-fictive-des-essais/",
        "besoins/alimentation/",
        "recherche/?q=manger",
        "contribuer/champs/",
        "reseau/",
    ],
)
def test_200_percent_zoom(browser, demo_url, path):
    """200 % zoom of a 1280 px window: a 640 px-wide CSS viewport, twice the pixels."""
    context = browser.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    page = context.new_page()
    open_page(page, demo_url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 640
    assert page.evaluate(CLIPPED) == []
    context.close()
