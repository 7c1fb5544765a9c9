"""Shared fixtures: a fixed clock, data folders made from the real meta files, built sites."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
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


def copy_repository(target: Path) -> Path:
    """What a build reads of this repository, copied to `target` (to build it changed)."""
    target.mkdir()
    for name in ("mkdocs.yml", "hooks", "overrides", "docs", "schema", "data", "demo"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, symlinks=True)
        else:
            shutil.copy2(source, target / name)
    return target


CLI = Path(sys.executable).parent / "brive-solidarite"  # the installed console script


def run_cli(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """`brive-solidarite ARGS` as a partner runs it, from `cwd`."""
    return subprocess.run(
        [str(CLI), *args],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


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


# Browser tests (pytest-playwright) drive Debian's Chromium. They skip on a machine without
# it, but never under CI=true, where .ci/run installs it.
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium manquant (/usr/bin/chromium) : .ci/run doit l'installer")
        pytest.skip("Chromium absent : apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(folder: Path):
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "http.server",
            str(port),
            "--bind",
            "127.0.0.1",
            "--directory",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(base, timeout=2).close()
                break
            time.sleep(0.05)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def demo_url(demo_site):
    """The demo site served on 127.0.0.1 by python -m http.server."""
    with serve(demo_site) as base:
        yield base
