"""Time a live reload of `mkdocs serve`: from an edited actor file to its page showing it.

The 200 generated actors live in bench/out/ (inside the repository, gitignored), outside
the `watch:` list of mkdocs.yml: an edit that is never seen is reported as "non surveillé".
Goal: under 3 s.
"""

from __future__ import annotations

import shutil
import socket
import statistics
import subprocess
import time
import urllib.request
import uuid
from pathlib import Path

from common import BIN, ENV, OUT, ROOT, report, table
from generate import generate

N, REPEATS, GOAL = 200, 5, 3.0
START_TIMEOUT, EDIT_TIMEOUT = 300.0, 60.0  # seconds
DATA = OUT / "reload-donnees"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, marker: str, timeout: float) -> float | None:
    """The moment (perf_counter) `marker` is first seen at `url`, or None after `timeout`."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if marker in response.read().decode("utf-8"):
                    return time.perf_counter()
        except OSError:  # not up yet, or rebuilding
            pass
        time.sleep(0.05)
    return None


def edit_and_wait(actor: Path, url: str, timeout: float) -> float | None:
    """Put a new marker at the start of the description; seconds until the page shows it."""
    marker = f"Marqueur{uuid.uuid4().hex}"
    text = actor.read_text(encoding="utf-8")
    text = text.replace("description: |\n", f"description: |\n  {marker}\n", 1)
    start = time.perf_counter()
    actor.write_text(text, encoding="utf-8")
    seen = wait_for(url, marker, timeout)
    return None if seen is None else seen - start


def main() -> None:
    shutil.rmtree(DATA, ignore_errors=True)
    generate(DATA, N)
    actor = sorted((DATA / "actors").glob("*.yaml"))[0]
    original = actor.read_text(encoding="utf-8")
    port = free_port()
    url = f"http://127.0.0.1:{port}/annuaire/{actor.stem}/"
    where = str(DATA.relative_to(ROOT))
    env = {**ENV, "BRIVE_DONNEES": where}
    command = [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"]
    times: list[float | None] = []
    with open(OUT / "reload-serve.log", "w") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        try:
            if wait_for(url, "</html>", START_TIMEOUT) is None:
                raise SystemExit("le serveur ne répond pas, voir bench/out/reload-serve.log")
            for _ in range(REPEATS):
                times.append(edit_and_wait(actor, url, EDIT_TIMEOUT))
                if times[-1] is None:
                    break  # not watched: waiting again would tell nothing more
                time.sleep(2)  # let the server settle before the next edit
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=15)
            actor.write_text(original, encoding="utf-8")
    seen = [t for t in times if t is not None]
    if len(seen) < len(times):
        verdict, median = f"NON SURVEILLÉ (rien après {EDIT_TIMEOUT:g} s)", "–"
    else:
        median = f"{statistics.median(seen):.2f}"
        verdict = "oui" if statistics.median(seen) < GOAL else "NON"
    row = [f"`BRIVE_DONNEES={where} mkdocs serve`", str(N)]
    row += [", ".join("–" if t is None else f"{t:.2f}" for t in times), median, verdict]
    header = ["commande", "fiches", "essais (s)", "médiane (s)", f"< {GOAL:g} s"]
    report("reload", table(header, [row]))


if __name__ == "__main__":
    main()
