"""Pagefind indexes copies of the pages reduced to what it reads (recherche.py): the index
must be the one it makes from the whole pages."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import tempfile
from html import unescape
from pathlib import Path

import pagefind_bin

from brive_solidarite.recherche import IGNORED, pagefind_command, search_copy


def test_the_index_is_the_one_pagefind_makes_from_the_whole_pages(demo_site: Path, tmp_path):
    # The whole pages, in folders made in the order the hook makes them (Pagefind numbers
    # pages in the order it finds them), on the same kind of file system.
    memory = "/dev/shm" if os.access("/dev/shm", os.W_OK) else tmp_path
    whole = Path(tempfile.mkdtemp(dir=memory))
    try:
        pages = [p.relative_to(demo_site) for p in demo_site.rglob("*.html")]
        pages = [p for p in pages if p.parts[0] != "pagefind"]
        for folder in sorted({page.parent for page in pages}):
            (whole / folder).mkdir(parents=True, exist_ok=True)
        for page in pages:
            shutil.copyfile(demo_site / page, whole / page)
        output = tmp_path / "pagefind"
        command = pagefind_command(str(pagefind_bin.get_executable()), str(whole), str(output))
        subprocess.run(command, check=True, capture_output=True)
    finally:
        shutil.rmtree(whole)
    built = sorted(
        p.relative_to(demo_site / "pagefind")
        for p in (demo_site / "pagefind").rglob("*")
        if p.is_file()
    )
    assert len([p for p in built if p.parts[0] == "fragment"]) > 40  # one per indexed page
    assert built == sorted(p.relative_to(output) for p in output.rglob("*") if p.is_file())
    for name in built:
        assert (demo_site / "pagefind" / name).read_bytes() == (output / name).read_bytes(), name


def test_a_search_copy_keeps_language_title_and_marked_body_only():
    page = (
        '<!doctype html><html lang="fr" class="no-js"><head><meta charset="utf-8">'
        "<title>Épicerie &amp; co - Brive Solidarité</title><script>var x</script></head>"
        '<body><header>Menu</header><article class="md-content__inner">'
        "<div data-pagefind-body><h1>Épicerie &amp; co</h1><p>Colis</p></div>"
        "</article><footer>Pied</footer></body></html>"
    )
    assert search_copy(page) == (
        '<!doctype html><html lang="fr" class="no-js"><head><meta charset="utf-8">'
        "<title>Épicerie &amp; co - Brive Solidarité</title></head>"
        "<body><div data-pagefind-body><h1>Épicerie &amp; co</h1><p>Colis</p></div></body></html>"
    )
    assert search_copy(page.replace(" data-pagefind-body", "")) is None  # not indexed
    odd = "<html><body><div data-pagefind-body>x</div></body></html>"
    assert search_copy(odd) == odd  # not the theme's page: given whole


def test_news_posts_are_indexed_and_every_page_has_the_skip_links_target(demo_site: Path):
    pages = [p for p in demo_site.rglob("*.html") if "pagefind" not in p.parts]
    indexed = [p for p in pages if "<div data-pagefind-body>" in p.read_text(encoding="utf-8")]
    posts = list((demo_site / "actualites").glob("20*/*/index.html"))
    assert len(posts) >= 4 and set(posts) <= set(indexed)
    entry = json.loads((demo_site / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["fr"]["page_count"] == len(indexed)
    for page in pages:  # the blog's and the 404's templates included
        html = page.read_text(encoding="utf-8")
        if 'href="#contenu"' in html:
            assert html.count('id="contenu"') == 1, page


def test_the_sitemap_lists_the_pages_mkdocs_does_not_render(demo_site: Path):
    # Actor pages and generated pages out of the navigation are written apart (hooks/brive.py).
    sitemap = (demo_site / "sitemap.xml").read_text(encoding="utf-8")
    for folder in ("annuaire", "besoins"):
        for page in (demo_site / folder).glob("*/index.html"):
            assert f"/{folder}/{page.parent.name}/</loc>" in sitemap, page
    assert sitemap.count("<loc>") == len(
        [p for p in demo_site.rglob("index.html") if "pagefind" not in p.parts]
    )


def test_the_content_partial_is_materials_inside_the_search_marker():
    # overrides/partials/content.html copies Material's: it must follow a new Material.
    import material

    theirs = Path(material.__file__).parent / "templates" / "partials" / "content.html"
    ours = Path(__file__).parents[1] / "overrides" / "partials" / "content.html"
    kept = [
        line
        for line in theirs.read_text().splitlines()
        if not line.startswith(("{#", "  This", "-#}"))
    ]
    assert kept and "\n".join(kept) in ours.read_text()


def _fragments(site: Path) -> dict[str, str]:
    """Each indexed page's text as Pagefind keeps it for excerpts, by URL."""
    texts = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        fragment = json.loads(raw[raw.index(b"{") :])
        texts[fragment["url"]] = fragment["content"]
    return texts


def test_dated_lines_and_repeated_buttons_are_left_out_of_the_index(demo_site: Path):
    pages = [p for p in demo_site.rglob("index.html") if "pagefind" not in p.parts]
    html = "\n".join(p.read_text(encoding="utf-8") for p in pages)
    for selector in IGNORED:  # each still names something the pages have
        name = selector.split()[0].removeprefix(".")
        assert re.search(rf'class="(?:[^"]* )?{name}(?: [^"]*)?"', html), selector
    texts = _fragments(demo_site)
    actors = [p for p in (demo_site / "annuaire").glob("*/index.html")]
    assert len(actors) > 20
    seen = {"Horaires des sept prochains jours": 0, "Enregistrer le contact": 0, "tel": 0}
    for page in actors:
        text, html = texts[f"/annuaire/{page.parent.name}/"], page.read_text(encoding="utf-8")
        title = re.sub(r"<[^>]+>", "", html[html.index("<h1>") + 4 : html.index("</h1>")])
        assert text.startswith(unescape(title)), page  # the page is there, its name first
        for shown in ("Horaires des sept prochains jours", "Enregistrer le contact"):
            assert shown not in text, (page, shown)
            seen[shown] += shown in html
        for dated in ("Ouvert maintenant", "Fermé —", "aujourd'hui"):
            assert dated not in text, (page, dated)
        for number in re.findall(r'href="tel:[^"]*">.*?Appeler le ([0-9 ]+)</a>', html):
            assert f"Appeler le {number}" in text, page  # a number finds its page
            seen["tel"] += 1
    assert min(seen.values()) > 20  # on the pages, not in the index
