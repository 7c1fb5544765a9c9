"""Work split between forked processes gives what one process gives, in the same order."""

from __future__ import annotations

import logging
import os
import shutil
import time
from pathlib import Path

import pytest

from brive_solidarite.parallel import Background, parallel_map
from conftest import ROOT, build_site

PARENT = os.getpid()


def square_and_pid(number: int) -> tuple[int, int]:
    time.sleep(0.002)  # long enough for the forked process to take its share
    return number * number, os.getpid()


def test_results_come_back_in_order_from_several_processes():
    results = parallel_map(square_and_pid, list(range(200)), processes=2, min_items=10)
    assert [r[0] for r in results] == [n * n for n in range(200)]
    assert len({r[1] for r in results}) == 2  # this process and one forked
    assert PARENT in {r[1] for r in results}


def test_few_items_stay_in_this_process():
    results = parallel_map(square_and_pid, list(range(10)), processes=2, min_items=10)
    assert {r[1] for r in results} == {PARENT}


def fails_elsewhere(number: int) -> int:
    time.sleep(0.002)
    if os.getpid() != PARENT:
        raise ValueError("sept")
    return number


def test_a_failure_in_another_process_is_raised_here():
    with pytest.raises(RuntimeError, match="ValueError: sept"):
        parallel_map(fails_elsewhere, list(range(200)), processes=2, min_items=5)


def test_background_results_wait_for_the_message_sent_later():
    background = Background(square_and_pid, list(range(60)), processes=1, then=add_message)
    time.sleep(0.2)  # the forked process has computed its share, and waits
    background.send(1000)
    results = background.wait()
    assert [r[0] for r in results] == [n * n + 1000 for n in range(60)]
    assert {r[1] for r in results} - {PARENT}  # some came from the forked process


def add_message(result: tuple[int, int], message: int) -> tuple[int, int]:
    return result[0] + message, result[1]


def test_background_without_other_processes_computes_in_wait():
    background = Background(square_and_pid, [1, 2, 3], processes=0, then=add_message)
    background.send(10)
    assert background.wait() == [(11, PARENT), (14, PARENT), (19, PARENT)]


def test_stop_all_ends_the_forked_processes():
    background = Background(square_and_pid, list(range(50)), processes=2, then=add_message)
    processes = [process for process, _ in background._children]
    assert all(process.is_alive() for process in processes)
    Background.stop_all()  # what the hook does when the build fails (on_build_error)
    assert not any(process.is_alive() for process in processes)


def test_the_site_is_the_same_built_by_one_or_several_processes(tmp_path: Path):
    # The demo, each actor three times under other ids: enough to share out the work. One
    # process: MkDocs renders each actor page. Several: the theme's page is rendered once
    # with markers and filled in other processes (hooks/brive.py, gabarit.py).
    folder = shutil.copytree(ROOT / "demo", tmp_path / "donnees")
    for path in sorted((folder / "actors").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for copy in (1, 2):
            renamed = text.replace("nom: ", f"nom: Copie {copy} de ", 1)
            (path.parent / f"{path.stem}-{copy}.yaml").write_text(renamed, encoding="utf-8")
    sites = {}
    for processes in ("1", "3"):
        sites[processes] = site = tmp_path / f"site-{processes}"
        result = build_site(site, folder, BRIVE_PROCESSUS=processes)
        assert result.returncode == 0, result.stderr
    files = sorted(p.relative_to(sites["1"]) for p in sites["1"].rglob("*") if p.is_file())
    assert len([f for f in files if f.parts[0] == "annuaire" and f.name == "index.html"]) > 120
    assert files == sorted(p.relative_to(sites["3"]) for p in sites["3"].rglob("*") if p.is_file())
    for name in files:
        assert (sites["1"] / name).read_bytes() == (sites["3"] / name).read_bytes(), name


def warns_elsewhere(number: int) -> int:
    time.sleep(0.002)
    if os.getpid() != PARENT:
        logging.getLogger("essai.enfant").warning("avertissement %d", number)
    return number


def test_warnings_logged_in_another_process_are_logged_here(caplog):
    # MkDocs counts warnings (strict) with a handler of this process.
    with caplog.at_level(logging.WARNING, logger="essai"):
        results = Background(warns_elsewhere, list(range(100)), processes=1, logger="essai").wait()
    assert results == list(range(100))
    logged = [r for r in caplog.records if r.name == "essai.enfant"]
    assert logged and all(r.getMessage().startswith("avertissement ") for r in logged)
