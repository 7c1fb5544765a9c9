"""What a visitor downloads (gzip), on a site of 3,000 generated actors served on 127.0.0.1:
an actor page's first load, and one search query. Goals: a page at most 75 KB, a query at
most 160 KB, nothing of the search before it is used, no request to another host.

Chromium (Debian's /usr/bin/chromium) through Playwright; sizes are the files' gzip sizes,
as a compressing web server would send them.
"""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from common import BIN, ENV, report, served, table, timed
from generate import generate
from playwright.sync_api import sync_playwright

N, PORT = 3000, 8791
QUERIES = ("hebergement", "manger", "association")
PAGE_GOAL, QUERY_GOAL = 75, 160  # KB


def gzip_kb(site: Path, url: str) -> float:
    path = site / urlsplit(url).path.lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return len(gzip.compress(path.read_bytes(), 9)) / 1024


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory(prefix="brive-poids-") as tmp:
        generate(Path(tmp) / "donnees", N)
        site = Path(tmp) / "site"
        build = [str(BIN / "mkdocs"), "build", "-q", "-d", str(site)]
        timed(build, env={**ENV, "BRIVE_DONNEES": str(Path(tmp) / "donnees")})
        actor = sorted(p.name for p in (site / "annuaire").iterdir() if p.is_dir())[0]
        with served(site, PORT) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(viewport={"width": 390, "height": 844})
            urls: list[str] = []
            page.on("requestfinished", lambda request: urls.append(request.url))
            page.goto(f"{base}annuaire/{actor}/", wait_until="networkidle")
            first = sum(gzip_kb(site, u) for u in urls)
            searched = [u for u in urls if "pagefind" in u]
            hosts = {urlsplit(u).hostname for u in urls}
            ok = first <= PAGE_GOAL and not searched and hosts == {"127.0.0.1"}
            rows.append(
                [
                    f"fiche `/annuaire/{actor}/`",
                    f"{len(urls)}",
                    f"{first:.1f}",
                    f"≤ {PAGE_GOAL} ko, sans recherche",
                    "oui" if ok else "NON",
                ]
            )
            for query in QUERIES:
                urls.clear()
                page.goto(f"{base}recherche/?q={query}")
                page.wait_for_selector(".brive-recherche__liste li")
                page.wait_for_load_state("networkidle")
                used = [u for u in urls if "pagefind" in u]
                weight = sum(gzip_kb(site, u) for u in used)
                rows.append(
                    [
                        f"requête « {query} »",
                        f"{len(used)}",
                        f"{weight:.1f}",
                        f"≤ {QUERY_GOAL} ko",
                        "oui" if weight <= QUERY_GOAL else "NON",
                    ]
                )
            browser.close()
    header = ["ce qui est chargé", "requêtes", "ko gzip", "objectif", "atteint"]
    report("poids", f"Site de {N} fiches générées, téléphone de 390 px.\n\n" + table(header, rows))


if __name__ == "__main__":
    main()
