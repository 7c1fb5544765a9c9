"""Work split between forked processes gives what one process gives, in the same order."""

from __future__ import annotations

import os
import shutil

import pytest

from brive_solidarite import clock, parallel, render
from brive_solidarite.loading import load_data
from brive_solidarite.parallel import parallel_map
from brive_solidarite.referentiels import material_icons
from brive_solidarite.render import Renderer, Settings
from conftest import ROOT


def square_and_pid(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


def test_results_come_back_in_order_from_several_processes():
    results = parallel_map(square_and_pid, list(range(100)), processes=2, min_items=10)
    assert [r[0] for r in results] == [n * n for n in range(100)]
    assert len({r[1] for r in results}) == 2  # this process and one forked
    assert results[0][1] == os.getpid()


def test_few_items_stay_in_this_process():
    results = parallel_map(square_and_pid, list(range(10)), processes=2, min_items=10)
    assert {r[1] for r in results} == {os.getpid()}


def fails_on_seven(number: int) -> int:
    if number == 7:
        raise ValueError("sept")
    return number


def test_a_failure_in_another_process_is_raised_here():
    items = list(range(20))
    with pytest.raises(RuntimeError, match="sept"):
        parallel_map(fails_on_seven, items[::-1], processes=2, min_items=5)


def test_pages_and_checks_are_the_same_in_one_or_several_processes(tmp_path, monkeypatch):
    # The demo, each actor three times under other ids: enough to split the work.
    folder = shutil.copytree(ROOT / "demo", tmp_path / "donnees")
    for path in sorted((folder / "actors").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for copy in (1, 2):
            renamed = text.replace("nom: ", f"nom: Copie {copy} de ", 1)
            (path.parent / f"{path.stem}-{copy}.yaml").write_text(renamed, encoding="utf-8")
    now = clock.now()
    outputs = []
    for processes in (1, 2):
        monkeypatch.setattr(parallel, "cores", lambda processes=processes: processes)
        data = load_data(folder, now.date())
        renderer = Renderer(
            ROOT / "overrides" / "brive", material_icons(), data, now, Settings(depot="x")
        )
        pages = renderer.all_pages()
        outputs.append(([(p.src_uri, p.html) for p in pages], renderer.icon_css(), data.actors))
    assert len(outputs[0][2]) == 3 * len(list((ROOT / "demo" / "actors").glob("*.yaml")))
    assert outputs[0] == outputs[1]
    assert render.parallel_map is parallel_map  # the renderer uses this very function
