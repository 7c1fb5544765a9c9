"""The map (assets/brive-carte.js) in Chromium, on the demo build.

Tiles come from OpenStreetMap, another host: nothing of the map (Leaflet, markers, tiles)
may be fetched before the visitor clicks "Afficher la carte". There is no network here: the
tests answer tile requests with a blank image. Expected markers come from the demo YAML."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Page, Route, expect
from test_browser_a11y import axe_source, axe_violations  # noqa: F401 (a fixture)

from conftest import serve

pytestmark = pytest.mark.browser

DEMO = Path(__file__).resolve().parents[1] / "demo"
TILES = "https://tile.openstreetmap.org/**"
# A 1x1 transparent PNG.
BLANK = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c63f8ffff3f0005fe02fea7d6a4b20000000049454e44ae426082"
)
MARKERS = "#brive-geo-carte .leaflet-marker-icon"


def demo_actors() -> dict[str, dict]:
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((DEMO / "actors").glob("*.yaml"))
    }


def on_map(actor: dict) -> bool:
    """An actor with coordinates whose place is not confidential."""
    lieu = actor.get("lieu") or {}
    return "latitude" in lieu and "longitude" in lieu and not lieu.get("confidentiel")


def needs(actor: dict) -> set[str]:
    return set(actor["thematiques"]).union(
        *(s.get("thematiques", []) for s in actor.get("services", []))
    )


MAPPED = {i: a for i, a in demo_actors().items() if on_map(a)}
CONFIDENTIAL = {i: a for i, a in demo_actors().items() if (a.get("lieu") or {}).get("confidentiel")}


def blank_tiles(route: Route) -> None:
    route.fulfill(status=200, content_type="image/png", body=BLANK)


def open_map(page: Page) -> None:
    page.route(TILES, blank_tiles)
    page.get_by_role("button", name="Afficher la carte").click()
    expect(page.locator("#brive-geo-carte")).to_be_visible()
    expect(page.locator(MARKERS).first).to_be_visible()


def marker(page: Page, actor_id: str):
    return page.get_by_role("button", name=MAPPED[actor_id]["nom"], exact=True)


def open_popup(page: Page, actor_id: str) -> None:
    """From the keyboard: markers close to each other overlap, a click may hit another."""
    marker(page, actor_id).focus()
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-popup")).to_have_count(1)  # the last one has faded out
    expect(page.locator(".leaflet-popup")).to_be_visible()


def test_the_markers_file_has_every_public_place_and_no_confidential_one(demo_site):
    assert CONFIDENTIAL and all("latitude" in a["lieu"] for a in CONFIDENTIAL.values())
    geojson = json.loads((demo_site / "donnees" / "acteurs.geojson").read_text(encoding="utf-8"))
    assert {f["properties"]["id"] for f in geojson["features"]} == set(MAPPED)
    text = json.dumps(geojson, ensure_ascii=False)
    for actor in CONFIDENTIAL.values():
        assert actor["lieu"]["adresse"] not in text
        assert str(actor["lieu"]["latitude"]) not in text


def test_nothing_of_the_map_before_the_click_then_only_tiles_off_this_host(page: Page, demo_url):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(demo_url + "annuaire/")
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("button", name="Afficher la carte")).to_be_visible()
    expect(page.locator("#brive-geo")).to_contain_text("OpenStreetMap")
    assert {urlsplit(u).hostname for u in requested} == {"127.0.0.1"}
    assert not [u for u in requested if "leaflet" in u or "geojson" in u or "carte.css" in u]
    assert page.evaluate("typeof window.L") == "undefined"
    assert demo_url + "assets/brive-carte.js" in requested

    before = len(requested)
    open_map(page)
    page.wait_for_load_state("networkidle")
    after = requested[before:]
    assert demo_url + "assets/vendor/leaflet/leaflet.js" in after
    assert demo_url + "assets/vendor/leaflet/leaflet.css" in after
    assert demo_url + "donnees/acteurs.geojson" in after
    assert demo_url + "assets/brive-carte.css" in after
    tiles = [u for u in after if urlsplit(u).hostname != "127.0.0.1"]
    assert tiles and all(u.startswith("https://tile.openstreetmap.org/") for u in tiles)
    assert page.evaluate("L.version") == "1.9.4"
    expect(page.locator("#brive-geo-carte")).to_contain_text("OpenStreetMap")  # attribution


def test_one_marker_per_public_place_none_for_a_confidential_one(page: Page, demo_url):
    page.goto(demo_url + "annuaire/")
    open_map(page)
    expect(page.locator(MARKERS)).to_have_count(len(MAPPED))
    names = sorted(m.get_attribute("alt") for m in page.locator(MARKERS).all())
    assert names == sorted(a["nom"] for a in MAPPED.values())
    for actor in CONFIDENTIAL.values():
        assert actor["nom"] not in names
    others = len(demo_actors()) - len(MAPPED)
    expect(page.locator("#brive-geo-etat")).to_have_text(
        f"{len(MAPPED)} lieux sur la carte ; {others} autres acteurs de la liste sans adresse publique."
    )


def test_popup_from_the_keyboard_links_to_the_actor_page(page: Page, demo_url):
    page.goto(demo_url + "annuaire/")
    page.route(TILES, blank_tiles)
    page.focus("#brive-geo-bouton")
    page.keyboard.press("Enter")
    expect(page.locator(MARKERS)).to_have_count(len(MAPPED))
    expect(page.locator("#brive-geo-bouton")).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")  # the map itself, then its places
    expect(page.locator("#brive-geo-carte")).to_be_focused()
    expect(page.locator("#brive-geo-carte")).to_have_accessible_name("Carte des lieux de la liste.")
    page.keyboard.press("Tab")
    expect(page.locator(MARKERS).first).to_be_focused()

    actor_id = "epicerie-fictive-des-essais"
    marker(page, actor_id).focus()
    page.keyboard.press("Enter")
    link = page.locator(".leaflet-popup .brive-geo__nom a")
    expect(link).to_be_focused()
    expect(link).to_have_text(MAPPED[actor_id]["nom"])
    assert link.evaluate("a => a.href") == demo_url + f"annuaire/{actor_id}/"
    expect(page.locator(".leaflet-popup-close-button")).to_have_accessible_name("Fermer")
    page.keyboard.press("Escape")
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    expect(marker(page, actor_id)).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # follows the link
    page.wait_for_url(demo_url + f"annuaire/{actor_id}/")
    expect(page.locator("h1")).to_contain_text(MAPPED[actor_id]["nom"])


def test_partner_text_in_popups_never_runs(page: Page, demo_url):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(demo_url + "annuaire/")
    open_map(page)
    injected = [i for i in MAPPED if i.startswith("test-injection-")]
    assert len(injected) >= 2
    for actor_id in injected:
        open_popup(page, actor_id)
        popup = page.locator(".leaflet-popup-content")
        expect(popup.locator(".brive-geo__nom a")).to_have_text(MAPPED[actor_id]["nom"])
        lieu = MAPPED[actor_id]["lieu"]
        expect(popup).to_contain_text(lieu["adresse"])
        if "complement_adresse" in lieu:
            expect(popup).to_contain_text(lieu["complement_adresse"])
        assert popup.locator("img, svg, script, b").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == []


def test_the_map_follows_the_directory_filters(page: Page, demo_url):
    page.goto(demo_url + "annuaire/?besoin=alimentation")
    open_map(page)
    expected = [a for a in MAPPED.values() if "alimentation" in needs(a)]
    assert 0 < len(expected) < len(MAPPED)
    expect(page.locator(MARKERS)).to_have_count(len(expected))
    page.locator("#brive-filtres details").evaluate("d => { d.open = true; }")
    page.select_option("#brive-f-besoin", "")
    expect(page.locator(MARKERS)).to_have_count(len(MAPPED))


def test_a_need_page_maps_its_own_actors(page: Page, demo_url):
    page.goto(demo_url + "besoins/hebergement/")
    open_map(page)
    expected = sorted(a["nom"] for a in MAPPED.values() if "hebergement" in needs(a))
    expect(page.locator(MARKERS)).to_have_count(len(expected))
    assert sorted(m.get_attribute("alt") for m in page.locator(MARKERS).all()) == expected


def test_closing_hides_the_map_and_reopening_fetches_nothing_again(page: Page, demo_url):
    page.goto(demo_url + "annuaire/")
    open_map(page)
    button = page.locator("#brive-geo-bouton")
    expect(button).to_have_text("Masquer la carte")
    button.click()
    expect(page.locator("#brive-geo-zone")).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "false")
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    button.click()
    expect(page.locator(MARKERS)).to_have_count(len(MAPPED))
    assert not [u for u in requested if "leaflet" in u or "geojson" in u]


def test_without_javascript_no_map_and_the_whole_list(browser, demo_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(demo_url + "annuaire/")
    expect(page.locator("#brive-geo")).to_be_hidden()
    expect(page.get_by_role("button", name="Afficher la carte")).to_have_count(0)
    expect(page.locator("#brive-liste .brive-carte:visible")).to_have_count(len(demo_actors()))
    assert not [u for u in requested if "leaflet" in u or "geojson" in u]
    context.close()


def test_actor_pages_do_not_load_the_map_script(page: Page, demo_url):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(demo_url + "annuaire/epicerie-fictive-des-essais/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "carte" in u.rsplit("/", 1)[-1] or "leaflet" in u]


def test_under_a_sub_path(page: Page, demo_site):
    """Every address of the map is relative: the same build works below any path."""
    with serve(demo_site.parent) as base:
        page.goto(base + f"{demo_site.name}/annuaire/")
        open_map(page)
        expect(page.locator(MARKERS)).to_have_count(len(MAPPED))
        assert page.evaluate("L.version") == "1.9.4"
        icon = page.locator(MARKERS).first.get_attribute("src")
        assert icon.startswith(base + f"{demo_site.name}/assets/vendor/leaflet/images/")


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_open_map_fits_and_axe_finds_nothing(page: Page, demo_url, axe_source, width):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(demo_url + "annuaire/")
    open_map(page)
    open_popup(page, "test-injection-html")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page, axe_source) == []
