"""Pagefind indexes copies of the pages reduced to what it reads (recherche.py): the index
must be the one it makes from the whole pages."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pagefind_bin

from brive_solidarite.recherche import search_copy


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
        command = [str(pagefind_bin.get_executable()), "--site", str(whole), "--silent"]
        subprocess.run([*command, "--output-path", str(output)], check=True, capture_output=True)
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
