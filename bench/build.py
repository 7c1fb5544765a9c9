"""Time `mkdocs build` of our site against a stock Material site of as many pages.

For each N, our site is built from N generated actors, and the stock site from N
hand-written Markdown pages of the same actors kept out of the sidebar (`not_in_nav`).
Runs alternate (ours, stock, ours, stock…). Goal: ratio at most 1.0, linear growth.
"""

from __future__ import annotations

import re
import shutil
import statistics
import tempfile
from pathlib import Path

import yaml
from common import BIN, ENV, ROOT, report, table, timed
from generate import generate

from brive_solidarite.referentiels import referentiels

SIZES, RUNS = (100, 1000, 3000), 5
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


def stock_page(actor: dict, needs: dict, ref: dict) -> str:
    """The actor as a person would write it in Markdown: the same facts, plain headings."""
    lines = [f"# {actor['nom']}", "", f"{ref['types'][actor['type']]} · "]
    lines[-1] += ", ".join(needs[code]["libelle"] for code in actor["thematiques"])
    lines += ["", "## Comment venir", ""]
    lines += [f"- {ref['modalites'][code]['phrase']}" for code in actor["modalites"]]
    for key in ("frais", "frais_precisions", "telephone", "courriel", "site_web"):
        if key in actor:
            lines.append(f"- {key.replace('_', ' ').capitalize()} : {actor[key]}")
    if "lieu" in actor:
        lines.append(f"- Adresse : {actor['lieu'].get('adresse', '')} {actor['lieu']['commune']}")
    lines += ["", "## Horaires", ""] + [f"- {day} : 9 h – 12 h, 14 h – 17 h" for day in WEEK]
    publics = ", ".join(ref["publics"][code] for code in actor.get("publics", ["tous-publics"]))
    access = "oui" if actor.get("accessibilite", {}).get("pmr") else "non précisée"
    lines += ["", f"Pour qui : {publics}. Accès en fauteuil roulant : {access}."]
    lines += ["", "## Présentation", "", actor["description"]]
    for service in actor.get("services", []):
        lines += [f"## {service['nom']}", "", service["description"], ""]
        lines += [f"- Besoins : {', '.join(needs[c]['libelle'] for c in service['thematiques'])}"]
        lines += [f"- {ref['modalites'][c]['phrase']}" for c in service.get("modalites", [])]
        if "horaires_accueil" in service:
            lines += [""] + [f"- {day} : 9 h – 12 h, 14 h – 17 h" for day in WEEK]
        lines += [""]
    lines += ["", f"Informations vérifiées le {actor['date_maj']}. Modifier cette fiche."]
    return "\n".join(lines) + "\n"


def make_stock(folder: Path, data: Path) -> Path:
    pages = folder / "docs" / "pages"
    pages.mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(STOCK_CONFIG, encoding="utf-8")
    (folder / "docs" / "index.md").write_text("# Accueil\n\nUn site Material ordinaire.\n")
    needs = yaml.safe_load((data / "thematiques.yaml").read_text(encoding="utf-8"))
    for path in sorted((data / "actors").glob("*.yaml")):
        actor = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = stock_page(actor, needs, referentiels())
        (pages / f"{path.stem}.md").write_text(text, encoding="utf-8")
    return folder / "mkdocs.yml"


def text_per_page(folder: Path) -> int:
    """Mean characters of visible text in the <article> of the pages under `folder`."""
    sizes = []
    for page in folder.glob("*/index.html"):
        html = page.read_text(encoding="utf-8")
        article = html[html.find("<article") : html.find("</article>")]
        text = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", " ", article, flags=re.S)
        sizes.append(len(" ".join(text.split())))
    return round(sum(sizes) / len(sizes))


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
            texts = f"{text_per_page(base / 'site-ours' / 'annuaire')} / "
            texts += str(text_per_page(base / "site-stock" / "pages"))
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
            shown = {k: ", ".join(f"{t:.2f}" for t in v) for k, v in runs.items()}
            print(f"N={n} : nous {shown['ours']} s ; stock {shown['stock']} s", flush=True)
    header = ["N", "nous (s)", "stock (s)", "ratio", "nous s/1000 (pente)"]
    header += [
        "stock s/1000 (pente)",
        "nous s/1000 (moyenne)",
        "texte visible par page (car.) nous / stock",
    ]
    report("build", table(header, rows))


if __name__ == "__main__":
    main()
