"""Golden files: YAML actor → generated page (Markdown + HTML body), at a fixed moment.

Run with BRIVE_GOLDEN=ecrire to rewrite the expected files after a deliberate change, then
read the diff.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from markupsafe import Markup

from brive_solidarite.clock import PARIS
from brive_solidarite.loading import load_data
from brive_solidarite.render import Renderer, Settings
from conftest import ROOT, make_data_folder

GOLDEN = Path(__file__).parent / "golden"
NOW = dt.datetime(2026, 11, 30, 10, 0, tzinfo=PARIS)  # a Monday
CASES = sorted(p.stem for p in GOLDEN.glob("*.yaml"))


class PlainIcons(Renderer):
    def icon(self, name: str) -> Markup:  # keep the golden files readable
        return Markup(f'<svg data-icon="{name}"></svg>')


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = make_data_folder(tmp_path_factory.mktemp("golden") / "donnees")
    for case in CASES:
        shutil.copy(GOLDEN / f"{case}.yaml", folder / "actors" / f"{case}.yaml")
    data = load_data(folder, NOW.date())
    renderer = PlainIcons(
        ROOT / "overrides" / "brive",
        Path(),
        data,
        NOW,
        Settings(depot="https://depot.example/brive"),
    )
    actor_pages = [renderer.actor_page(actor)[0] for actor in data.actors]
    return {page.src_uri: page.front_matter + page.html for page in actor_pages}


@pytest.mark.parametrize("case", CASES)
def test_actor_page(case, pages):
    found = pages[f"annuaire/{case}.md"]
    expected = GOLDEN / f"{case}.md"
    if os.environ.get("BRIVE_GOLDEN") == "ecrire":
        expected.write_text(found, encoding="utf-8")
    assert found == expected.read_text(encoding="utf-8")
