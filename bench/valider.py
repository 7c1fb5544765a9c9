"""Time `brive-solidarite valider` on 3,000 generated actors (goal: under 10 s)."""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

from common import BIN, ENV, report, table, timed
from generate import generate

N, RUNS, GOAL = 3000, 3, 10.0


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="brive-valider-") as tmp:
        generate(Path(tmp), N)
        command = [str(BIN / "brive-solidarite"), "valider", "--donnees", tmp]
        times = [timed(command, env=ENV) for _ in range(RUNS)]
    median = statistics.median(times)
    row = ["`brive-solidarite valider --donnees TMP`", str(N), f"{median:.2f}"]
    row += [f"{min(times):.2f}", "oui" if median < GOAL else "NON"]
    header = ["commande", "fiches", "médiane (s)", "min (s)", f"< {GOAL:g} s"]
    report("valider", table(header, [row]))


if __name__ == "__main__":
    main()
