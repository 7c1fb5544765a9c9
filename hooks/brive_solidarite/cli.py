"""The command-line tool `brive-solidarite` (SCHEMA.md, "Command line")."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml

from . import clock
from .codeowners import PLACEHOLDER_TEAM, codeowners_text, team_in
from .freshness import as_markdown, as_text, stale_entries
from .loading import check_folder
from .problems import Problem
from .referentiels import ROOT, SCHEMA_DIR
from .template import actor_id, actor_template


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


def cmd_nouveau(args: argparse.Namespace) -> int:
    folder = data_folder(args.donnees)
    ident = actor_id(args.nom)
    if not ident:
        return _fail(f"« {args.nom} » : le nom doit contenir des lettres ou des chiffres")
    if not folder.is_dir():
        return _fail(
            f"{folder} : dossier de données introuvable, vérifiez --donnees ou BRIVE_DONNEES"
        )
    actors = folder / "actors"
    path = actors / f"{ident}.yaml"
    shown = _shown(path)
    for existing in (path, path.with_suffix(".yml")):
        if existing.exists():
            return _fail(
                f"{_shown(existing)} existe déjà : rien n'a été écrit. Modifiez ce fichier, "
                "ou choisissez un autre nom si c'est une autre organisation."
            )
    actors.mkdir(exist_ok=True)
    schema_ref = Path(os.path.relpath(SCHEMA_DIR / "acteur.schema.json", actors)).as_posix()
    with open(path, "x", encoding="utf-8") as f:  # "x": never overwrite
        f.write(actor_template(args.nom, schema_ref))
    print(f"Fiche créée : {shown}")
    print(
        "Remplacez chaque « À COMPLÉTER » par votre réponse (ou supprimez la ligne d'un champ "
        "facultatif), puis vérifiez avec :"
    )
    print(f"  brive-solidarite valider {shown}")
    return 0


def cmd_fraicheur(args: argparse.Namespace) -> int:
    folder = data_folder(args.donnees)
    if not folder.is_dir():
        return _fail(
            f"{folder} : dossier de données introuvable, vérifiez --donnees ou BRIVE_DONNEES"
        )
    today = clock.now().date()
    docs, problems = check_folder(folder, today)
    if problems:
        files = len({p.path for p in problems})
        print(
            f"Attention : {files} fichier(s) avec des problèmes, laissés de côté "
            "(lancez brive-solidarite valider).",
            file=sys.stderr,
        )
    actors = {doc.path.stem: doc.value for doc in docs.get("actors", [])}
    entries = stale_entries(actors, today, repository(args.depot))
    write = as_markdown if args.format == "markdown" else as_text
    print(write(entries, today), end="")
    return 0


def cmd_codeowners(args: argparse.Namespace) -> int:
    folder = data_folder(args.donnees)
    root = project_root()
    output = Path(args.sortie).resolve() if args.sortie else root / ".github" / "CODEOWNERS"
    try:
        base = folder.relative_to(root)
    except ValueError:
        return _fail(f"{folder} n'est pas dans le dépôt {root} : CODEOWNERS ne peut pas le nommer")
    docs, problems = check_folder(folder, clock.now().date())
    if problems:
        for problem in sorted(problems):
            print(problem.format(), file=sys.stderr)
        return _fail("données invalides : corrigez-les d'abord, CODEOWNERS n'a pas été écrit")
    current = output.read_text(encoding="utf-8") if output.is_file() else ""
    team = args.equipe or os.environ.get("BRIVE_EQUIPE") or team_in(current) or PLACEHOLDER_TEAM
    actors = {
        (base / "actors" / doc.path.name).as_posix(): doc.value.get("mainteneurs", [])
        for doc in docs["actors"]
    }
    text = codeowners_text(actors, team)
    if args.verifier:
        if text == current:
            print(f"{_shown(output)} est à jour.")
            return 0
        return _fail(f"{_shown(output)} n'est pas à jour : lancez brive-solidarite codeowners")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    print(
        f"{_shown(output)} écrit ({sum(1 for m in actors.values() if m)} fiche(s) avec mainteneurs)."
    )
    return 0


def repository(option: str | None) -> str:
    """--depot, else BRIVE_DEPOT, else extra.brive.depot of mkdocs.yml: the same address as
    the site's "Modifier cette fiche" links."""
    if option:
        return option.rstrip("/")
    if os.environ.get("BRIVE_DEPOT"):
        return os.environ["BRIVE_DEPOT"].rstrip("/")
    config = project_root() / "mkdocs.yml"
    if config.is_file():
        with open(config, encoding="utf-8") as f:
            settings = yaml.load(f, Loader=_ConfigLoader) or {}
        depot = settings.get("extra", {}).get("brive", {}).get("depot")
        if depot:
            return str(depot).rstrip("/")
    return "https://github.com/a-configurer/brive-solidarite"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: `!ENV [NAME, default]` as MkDocs does, other tags as nothing."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node):
    names = (
        loader.construct_sequence(node)
        if isinstance(node, yaml.SequenceNode)
        else [loader.construct_scalar(node)]
    )
    *variables, default = names if len(names) > 1 else [*names, None]
    return next((os.environ[v] for v in variables if os.environ.get(v)), default)


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _shown(path: Path) -> str:
    """A path as the user can type it: relative to the current directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def build_parser() -> argparse.ArgumentParser:
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

    nouveau = sub.add_parser(
        "nouveau", parents=[common], help="créer la fiche d'une organisation à partir du modèle"
    )
    nouveau.add_argument("nom", metavar="NOM", help="nom de l'organisation, entre guillemets")
    nouveau.set_defaults(run=cmd_nouveau)

    fraicheur = sub.add_parser(
        "fraicheur", parents=[common], help="lister les fiches non vérifiées depuis 12 mois"
    )
    fraicheur.add_argument(
        "--format", choices=["texte", "markdown"], default="texte", help="markdown : pour une issue"
    )
    fraicheur.add_argument(
        "--depot", metavar="URL", help="dépôt des liens de modification (défaut : BRIVE_DEPOT)"
    )
    fraicheur.set_defaults(run=cmd_fraicheur)

    owners = sub.add_parser(
        "codeowners", parents=[common], help="écrire .github/CODEOWNERS depuis les mainteneurs"
    )
    owners.add_argument(
        "--equipe",
        metavar="@ORGANISATION/EQUIPE",
        help=f"équipe de l'office (défaut : BRIVE_EQUIPE, sinon celle du fichier, sinon {PLACEHOLDER_TEAM})",
    )
    owners.add_argument("--sortie", metavar="FICHIER", help="défaut : .github/CODEOWNERS du dépôt")
    owners.add_argument(
        "--verifier",
        action="store_true",
        help="ne rien écrire ; échouer si le fichier n'est pas à jour",
    )
    owners.set_defaults(run=cmd_codeowners)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
