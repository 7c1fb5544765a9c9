"""Time `mkdocs build` of our site against a stock Material site of as many pages.

For each N, our site is built from N generated actors, and the stock site from N
hand-written Markdown pages of the same actors kept out of the sidebar (`not_in_nav`).
Runs alternate (ours, stock, ours, stock…). Goal: ratio at most 1.0, linear growth.
"""

from __future__ import annotations

import json
import shutil
import statistics
import tempfile
from collections import Counter
from pathlib import Path

import yaml
from common import BIN, ENV, ROOT, report, table, timed
from generate import generate

SIZES, RUNS = (100, 1000, 3000), 3
STOCK_CONFIG = """\
site_name: Site Material de référence
theme:
  name: material
  language: fr
  font: false
plugins:
  - search:
      lang: fr
nav:
  - Accueil: index.md
not_in_nav: |
  /pages/
"""
WEEK = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def stock_page(actor: dict) -> str:
    """The actor as a person would write it in Markdown: the same facts, plain headings."""
    lines = [f"# {actor['nom']}", "", actor["description"], "## Comment venir", ""]
    lines += [f"- {code}" for code in actor["modalites"]]
    for key in ("frais", "frais_precisions", "telephone", "courriel", "site_web"):
        if key in actor:
            lines.append(f"- {key.replace('_', ' ').capitalize()} : {actor[key]}")
    if "lieu" in actor:
        lines.append(f"- Adresse : {actor['lieu'].get('adresse', '')} {actor['lieu']['commune']}")
    lines += ["", "## Horaires", ""] + [f"- {day} : 9 h – 12 h, 14 h – 17 h" for day in WEEK]
    for service in actor.get("services", []):
        lines += ["", f"## {service['nom']}", "", service["description"], ""]
        lines += [f"- Besoins : {', '.join(service['thematiques'])}"]
    return "\n".join(lines) + "\n"


def make_stock(folder: Path, data: Path) -> Path:
    pages = folder / "docs" / "pages"
    pages.mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(STOCK_CONFIG, encoding="utf-8")
    (folder / "docs" / "index.md").write_text("# Accueil\n\nUn site Material ordinaire.\n")
    for path in sorted((data / "actors").glob("*.yaml")):
        actor = yaml.safe_load(path.read_text(encoding="utf-8"))
        (pages / f"{path.stem}.md").write_text(stock_page(actor), encoding="utf-8")
    return folder / "mkdocs.yml"


def text_per_page(site: Path, prefix: str) -> int:
    """Mean characters of search-index text of the pages under `prefix`."""
    sizes: Counter[str] = Counter()
    for doc in json.loads((site / "search" / "search_index.json").read_text())["docs"]:
        page = doc["location"].split("#")[0]
        if page.startswith(prefix) and page != prefix:
            sizes[page] += len(doc["title"]) + len(doc["text"])
    return round(sum(sizes.values()) / len(sizes))


def build(config: Path, site: Path, env: dict) -> float:
    shutil.rmtree(site, ignore_errors=True)
    command = [str(BIN / "mkdocs"), "build", "--strict", "-f", str(config), "-d", str(site)]
    return timed(command, timeout=900, env=env, cwd=config.parent)


def main() -> None:
    rows, previous = [], None
    with tempfile.TemporaryDirectory(prefix="brive-build-") as tmp:
        for n in SIZES:
            base = Path(tmp) / str(n)
            data = generate(base / "data", n)
            stock = make_stock(base / "stock", data)
            ours_env = {**ENV, "BRIVE_DONNEES": str(data)}
            runs = {"ours": [], "stock": []}
            if previous is None:  # one untimed warm-up of each (disk cache, .pyc files)
                build(ROOT / "mkdocs.yml", base / "site-ours", ours_env)
                build(stock, base / "site-stock", ENV)
            for _ in range(RUNS):
                runs["ours"].append(build(ROOT / "mkdocs.yml", base / "site-ours", ours_env))
                runs["stock"].append(build(stock, base / "site-stock", ENV))
            ours, ref = statistics.median(runs["ours"]), statistics.median(runs["stock"])
            texts = f"{text_per_page(base / 'site-ours', 'annuaire/')} / "
            texts += str(text_per_page(base / "site-stock", "pages/"))
            if previous:
                n0, ours0, ref0 = previous
                slopes = [
                    f"{(t - t0) / (n - n0) * 1000:.2f}" for t, t0 in ((ours, ours0), (ref, ref0))
                ]
            else:
                slopes = ["–", "–"]
            rows.append(
                [str(n), f"{ours:.2f}", f"{ref:.2f}", f"{ours / ref:.2f}", *slopes]
                + [f"{ours / n * 1000:.2f}", texts]
            )
            previous = (n, ours, ref)
            print(f"N={n} : nous {runs['ours']}, stock {runs['stock']}", flush=True)
    header = ["N", "nous (s)", "stock (s)", "ratio", "nous s/1000 (pente)"]
    header += ["stock s/1000 (pente)", "nous s/1000 (moyenne)", "texte/page nous / stock"]
    report("build", table(header, rows))


if __name__ == "__main__":
    main()
