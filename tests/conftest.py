"""Shared fixtures: a fixed clock, data folders made from the real meta files, built sites."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOW = "2026-11-28T10:00"  # a Saturday, Europe/Paris
MKDOCS = [sys.executable, "-m", "mkdocs"]


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setenv("BRIVE_MAINTENANT", NOW)


def make_data_folder(target: Path, actors: dict[str, str | bytes] | None = None) -> Path:
    """A data folder with the real thematiques, urgences, office and charter, and `actors`."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("thematiques.yaml", "urgences.yaml", "office.yaml", "charte.yaml"):
        shutil.copy(ROOT / "data" / name, target / name)
    shutil.copytree(ROOT / "data" / "charte", target / "charte")
    (target / "actors").mkdir()
    for name, text in (actors or {}).items():
        raw = text if isinstance(text, bytes) else text.encode("utf-8")
        (target / "actors" / name).write_bytes(raw)
    return target


def build_site(site_dir: Path, donnees: str | Path, **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of this repository, as a user runs it."""
    full_env = {
        **os.environ,
        "BRIVE_MAINTENANT": NOW,
        "BRIVE_DONNEES": str(donnees),
        "NO_MKDOCS_2_WARNING": "1",
        **env,
    }
    return subprocess.run(
        [
            *MKDOCS,
            "build",
            "--strict",
            "--config-file",
            str(ROOT / "mkdocs.yml"),
            "-d",
            str(site_dir),
        ],
        env=full_env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("demo") / "site"
    result = build_site(site, "demo")
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("real") / "site"
    result = build_site(site, "data", BRIVE_MAINTENANT="")  # the real data, at the real date
    assert result.returncode == 0, result.stderr
    return site
