"""Pages out of the navigation share their tabs and sidebars (overrides/main.html): the
shortcut must not change a single byte of the site."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from conftest import MKDOCS, NOW, copy_repository


def test_shared_blocks_are_what_each_page_renders_alone(tmp_path: Path, demo_site: Path):
    copy = copy_repository(tmp_path / "depot")
    main = copy / "overrides" / "main.html"
    text = main.read_text(encoding="utf-8")
    assert text.count("page.meta.brive_partage") == 2
    main.write_text(text.replace("page.meta.brive_partage", "false"), encoding="utf-8")
    alone = tmp_path / "site"
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "--config-file", str(copy / "mkdocs.yml"), "-d", str(alone)],
        env={
            **os.environ,
            "BRIVE_MAINTENANT": NOW,
            "BRIVE_DONNEES": "demo",
            "NO_MKDOCS_2_WARNING": "1",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    pages = sorted(p.relative_to(demo_site) for p in demo_site.rglob("*.html"))
    assert len(pages) > 50
    assert pages == sorted(p.relative_to(alone) for p in alone.rglob("*.html"))
    for page in pages:
        built = (demo_site / page).read_text(encoding="utf-8")
        assert built == (alone / page).read_text(encoding="utf-8"), page
