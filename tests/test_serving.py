""" "Any static web server": the built folder served by `python -m http.server`, at the root
and under a sub-path, every asset of a page answering, the French 404 page included."""

from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from conftest import build_site, serve


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def assert_page_and_assets(url: str) -> BeautifulSoup:
    status, body = get(url)
    assert status == 200, url
    page = BeautifulSoup(body, "html.parser")
    for tag, attr in (("link", "href"), ("script", "src"), ("img", "src"), ("a", "href")):
        for element in page.find_all(tag):
            target = element.get(attr)
            if not target or target.startswith(("#", "tel:", "sms:", "mailto:", "http")):
                continue
            assert get(urljoin(url, target))[0] == 200, (url, target)
    return page


def test_served_at_the_root(demo_site):
    with serve(demo_site) as base:
        assert_page_and_assets(base)
        assert_page_and_assets(base + "annuaire/epicerie-fictive-des-essais/")
        assert get(base + "page-qui-n-existe-pas/")[0] == 404
        page = assert_page_and_assets(base + "404.html")
        assert "Page introuvable" in page.get_text()


def test_served_under_a_sub_path(tmp_path):
    port_base = tmp_path / "www"
    site = port_base / "sous" / "chemin"
    result = build_site(site, "demo", BRIVE_SITE_URL="http://127.0.0.1/sous/chemin/")
    assert result.returncode == 0, result.stderr
    with serve(port_base) as base:
        root = base + "sous/chemin/"
        assert_page_and_assets(root)
        assert_page_and_assets(root + "besoins/alimentation/")
        assert_page_and_assets(root + "charte/")
        # 404.html is served for any missing path, so its links are root-absolute and must
        # carry the sub-path of site_url.
        page = assert_page_and_assets(root + "404.html")
        stylesheet = page.find("link", rel="stylesheet")["href"]
        assert stylesheet.startswith("/sous/chemin/assets/")
