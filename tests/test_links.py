"""A hand-written page may link to a generated page, actor pages included (they are written
apart from MkDocs' page loop, but in `files` while MkDocs checks the links)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from conftest import MKDOCS, NOW, ROOT, copy_repository


def test_markdown_links_to_an_actor_page_and_a_need_page_pass_the_strict_build(tmp_path: Path):
    copy = copy_repository(tmp_path / "depot")
    page = copy / "docs" / "a-propos.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\n\nVoir [l'accueil de jour](annuaire/accueil-de-jour-fictif-des-essais.md)"
        + " et [se nourrir](besoins/alimentation.md).\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    command = [*MKDOCS, "build", "--strict", "-f", str(copy / "mkdocs.yml"), "-d", str(site)]
    env = {**os.environ, "BRIVE_MAINTENANT": NOW, "BRIVE_DONNEES": "demo"}
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    html = (site / "a-propos" / "index.html").read_text(encoding="utf-8")
    assert 'href="../annuaire/accueil-de-jour-fictif-des-essais/"' in html
    assert 'href="../besoins/alimentation/"' in html
    assert (site / "annuaire" / "accueil-de-jour-fictif-des-essais" / "index.html").is_file()


def test_the_theme_files_copied_are_those_mkdocs_lists(tmp_path: Path):
    # hooks/brive.py lists the theme's files without walking dot folders (_ThemeLoader).
    import brive
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files
    from mkdocs.theme import Theme

    custom = tmp_path / "overrides"
    for name in (".cache", "assets/.partiel/x.css", "assets/.y.js", "assets/ok.css", "a/b/c.txt"):
        (custom / name).parent.mkdir(parents=True, exist_ok=True)
        (custom / name).write_text("/* */", encoding="utf-8")
    config = load_config(str(ROOT / "mkdocs.yml"))
    lists = []
    for quick in (False, True):
        config["theme"] = Theme(name="material", custom_dir=str(custom), language="fr")
        if quick:
            brive._list_theme_files_quickly(config.theme)
        files = Files([])
        files.add_files_from_theme(config.theme.get_env(), config)
        lists.append([(f.src_uri, f.abs_src_path) for f in files])
    assert lists[0] == lists[1]
    assert {"assets/ok.css", "a/b/c.txt"} <= {uri for uri, _ in lists[1]}
    assert len(lists[1]) > 40  # Material's scripts, styles and images
