"""A hand-written page may link to a generated page, actor pages included (they are written
apart from MkDocs' page loop, but in `files` while MkDocs checks the links)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from conftest import MKDOCS, NOW, copy_repository


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
