"""`mkdocs serve` (make serve, make demo): the site, its live reload, its search index."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import NOW, ROOT, free_port


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        return None


def wait_for(url: str, wanted: str, seconds: float = 120) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        text = fetch(url)
        if text is not None and wanted in text:
            return True
        time.sleep(0.3)
    return False


def test_serve_rebuilds_an_edited_actor_and_indexes_the_site(tmp_path):
    folder = shutil.copytree(ROOT / "demo", tmp_path / "donnees")  # links become files
    actor = folder / "actors" / "epicerie-fictive-des-essais.yaml"
    port = free_port()
    env = {**os.environ, "BRIVE_DONNEES": str(folder), "BRIVE_MAINTENANT": NOW}
    env["NO_MKDOCS_2_WARNING"] = "1"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        page = f"{base}annuaire/{actor.stem}/"
        assert wait_for(page, "</html>")
        # The search index comes after the page, in the background.
        assert wait_for(base + "pagefind/pagefind-entry.json", '"languages"', 60)
        text = actor.read_text(encoding="utf-8")
        actor.write_text(text.replace("nom: ", "nom: Rechargée ", 1), encoding="utf-8")
        assert wait_for(page, "Rechargée ", 60)
        # The rebuild emptied the site first: this index is the new one.
        assert wait_for(base + "pagefind/pagefind-entry.json", '"languages"', 60)
    finally:
        server.terminate()
        server.wait(timeout=30)
