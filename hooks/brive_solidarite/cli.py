"""The command-line tool `brive-solidarite` (SCHEMA.md, "Command line")."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import clock
from .loading import check_folder
from .problems import Problem
from .referentiels import ROOT


def project_root(start: Path | None = None) -> Path:
    """The folder of mkdocs.yml: the nearest one above the current directory, else the repo."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return ROOT


def data_folder(option: str | None) -> Path:
    """--donnees (from the current directory), else BRIVE_DONNEES (from mkdocs.yml's folder),
    else data/."""
    if option:
        return Path(option).resolve()
    return (project_root() / os.environ.get("BRIVE_DONNEES", "data")).resolve()


def cmd_valider(args: argparse.Namespace) -> int:
    folder = data_folder(args.donnees)
    _, problems = check_folder(folder, clock.now().date())
    if args.fichiers:
        wanted = {Path(f).resolve() for f in args.fichiers}
        missing = [f for f in args.fichiers if not Path(f).exists()]
        problems = [p for p in problems if p.path.resolve() in wanted or p.path.parent == folder]
        problems += [Problem(Path(f), 1, "", "fichier introuvable") for f in missing]
    problems.sort()
    for problem in problems:
        print(problem.format())
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(problem.github())
    if problems:
        files = len({p.path for p in problems})
        print(f"{len(problems)} problème(s) dans {files} fichier(s).")
        return 1
    actors = folder / "actors"
    count = len(list(actors.glob("*.yaml"))) if actors.is_dir() else 0
    print(f"Données valides : {count} fiche(s) dans {folder}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="brive-solidarite", description="Outils des données de Brive Solidarité."
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--donnees",
        metavar="DOSSIER",
        help="dossier de données (défaut : BRIVE_DONNEES, sinon data/)",
    )
    sub = parser.add_subparsers(dest="commande", required=True, metavar="COMMANDE")
    valider = sub.add_parser("valider", parents=[common], help="vérifier les fiches")
    valider.add_argument("fichiers", nargs="*", metavar="FICHIER")
    valider.set_defaults(run=cmd_valider)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
