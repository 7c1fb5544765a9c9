"""What the benchmark scripts share: paths, environment, timing and Markdown tables."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

from generate import NOW, ROOT

OUT = ROOT / "bench" / "out"
BIN = ROOT / ".venv" / "bin"
# As a user runs it: Python keeps the compiled modules of the hooks (a shell that sets
# PYTHONDONTWRITEBYTECODE would have them compiled again at every build, 0.1 s).
ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "BRIVE_MAINTENANT": NOW,
    "NO_MKDOCS_2_WARNING": "1",
}


def timed(command: list[str], timeout: float = 600, **kwargs) -> float:
    """Seconds taken by `command`, which must succeed."""
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, **kwargs)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(
            f"échec de {' '.join(command)} :\n{(result.stdout + result.stderr)[-3000:]}"
        )
    return seconds


@contextlib.contextmanager
def served(site: Path, port: int):
    """`site` served by `python -m http.server` on 127.0.0.1:`port`; yields its address."""
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "-d", str(site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(0.5)  # let it bind before the first request
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = [header, ["---"] * len(header), *rows]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines) + "\n"


def stamp() -> str:
    """The code measured: commit, uncommitted changes, date, cores."""
    git = ["git", "-C", str(ROOT), "describe", "--always", "--dirty=+modifications"]
    commit = subprocess.run(git, capture_output=True, text=True, check=False).stdout.strip()
    return f"Mesuré sur {commit or '?'} le {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cœurs.\n"


def report(name: str, text: str) -> None:
    """Print `text` with its stamp and write it to bench/out/<name>.md."""
    text += "\n" + STAMP
    print(text)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}.md").write_text(text, encoding="utf-8")


STAMP = stamp()  # taken when the script starts: the code may change while it runs
