"""Time `brive-solidarite valider` on 3,000 generated actors (goal: under 10 s)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import NOW, ROOT, generate

N, RUNS, GOAL = 3000, 3, 10.0
OUT = ROOT / "bench" / "out"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = [header, ["---"] * len(header), *rows]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines) + "\n"


def report(name: str, text: str) -> None:
    print(text)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}.md").write_text(text, encoding="utf-8")


def main() -> int:
    env = {**os.environ, "BRIVE_MAINTENANT": NOW, "NO_MKDOCS_2_WARNING": "1"}
    command = [str(ROOT / ".venv" / "bin" / "brive-solidarite"), "valider", "--donnees"]
    times = []
    with tempfile.TemporaryDirectory(prefix="brive-valider-") as tmp:
        generate(Path(tmp), N)
        for _ in range(RUNS):
            start = time.perf_counter()
            result = subprocess.run([*command, tmp], env=env, capture_output=True, timeout=300)
            times.append(time.perf_counter() - start)
            if result.returncode != 0:
                sys.exit(f"valider a échoué :\n{result.stdout.decode()[-2000:]}")
    median = statistics.median(times)
    verdict = "oui" if median < GOAL else "NON"
    report(
        "valider",
        table(
            ["commande", "fiches", "médiane (s)", "min (s)", f"< {GOAL:g} s"],
            [[f"`{' '.join(command[1:])}`", str(N), f"{median:.2f}", f"{min(times):.2f}", verdict]],
        ),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
