"""Load a data folder: read every file, check it all, build the model or report every problem.

The validation command, the build and the tests all call `load_data` or `check_folder`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

from . import model as m
from .agenda import build_events, event_problems
from .diagnostic import build_diagnostic, read_diagnostic
from .parallel import parallel_map
from .problems import DataError, Problem
from .referentiels import material_icons
from .validation import field_problems, marker_problems, nearest, parse_date, schema_problems
from .yamlsafe import Document, format_path, read_yaml

ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ARTICLE = re.compile(r"^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
DEMO_MARKER = "DONNEES-FICTIVES"


def normalise_name(name: str) -> str:
    """How two names are compared: no case, no accents, no extra spaces."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def check_folder(folder: Path, today: dt.date) -> tuple[dict[str, Any], list[Problem]]:
    """Read and check the whole folder. Returns the parsed documents and every problem."""
    problems: list[Problem] = []
    docs: dict[str, Any] = {}
    if not folder.is_dir():
        problems.append(
            Problem(
                folder,
                1,
                "",
                "dossier de données introuvable : vérifiez --donnees ou BRIVE_DONNEES",
            )
        )
        return docs, problems

    for name, schema in (
        ("thematiques", "thematiques"),
        ("urgences", "urgences"),
        ("office", "office"),
        ("charte", "charte"),
    ):
        doc = _read_checked(folder / f"{name}.yaml", schema, today, problems)
        if doc is not None:
            docs[name] = doc
    # Optional: the diagnosis page says so when the file is absent.
    if (folder / "diagnostic.yaml").exists():
        doc, found = read_diagnostic(folder / "diagnostic.yaml", today)
        problems.extend(found)
        if doc is not None:
            docs["diagnostic"] = doc
    # Optional: without it, the agenda is empty.
    if (folder / "evenements.yaml").exists():
        doc = _read_checked(folder / "evenements.yaml", "evenements", today, problems)
        found = event_problems(doc) if doc is not None else []
        problems.extend(found)
        if doc is not None and not found:
            docs["evenements"] = doc
    if "thematiques" in docs:
        _check_icons(docs["thematiques"], problems)
    codes = set(docs["thematiques"].value) if "thematiques" in docs else None
    docs["articles"] = _read_articles(folder / "charte", today, problems)
    docs["actors"] = _read_actors(folder / "actors", codes, today, problems)
    return docs, problems


def _check_icons(doc: Document, problems: list[Problem]) -> None:
    icons = material_icons()
    for code, need in doc.value.items():
        if not (icons / f"{need['icone']}.svg").is_file():
            problems.append(
                Problem(
                    doc.path,
                    doc.line((code, "icone")),
                    f"{code}.icone",
                    (
                        f"icône « {need['icone']} » inconnue : choisissez un nom de "
                        "https://pictogrammers.com/library/mdi/ précédé de material/, ex. material/food-apple"
                    ),
                )
            )


def _read_checked(
    path: Path, schema: str, today: dt.date, problems: list[Problem], raw: bytes | None = None
) -> Document | None:
    if raw is None and not path.is_file():
        problems.append(
            Problem(
                path,
                1,
                "",
                "fichier manquant : il fait partie du dossier de données (voir SCHEMA.md)",
            )
        )
        return None
    doc, found = read_yaml(path, raw)
    if doc is None:
        problems.extend(found)
        return None
    found = schema_problems(doc, schema) + marker_problems(doc, schema) + field_problems(doc, today)
    problems.extend(found)
    return None if found else doc


def _read_articles(folder: Path, today: dt.date, problems: list[Problem]) -> list[tuple]:
    articles: list[tuple] = []
    if not folder.is_dir():
        return articles
    seen: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        match = ARTICLE.match(path.name)
        if not match:
            problems.append(
                Problem(
                    path,
                    1,
                    "",
                    "nom de fichier refusé : écrivez NN-titre-court.md (ex. 01-dialogue.md)",
                )
            )
            continue
        number, slug = match.groups()
        if number in seen:
            problems.append(
                Problem(
                    path,
                    1,
                    "",
                    f"le numéro {number} est déjà pris par {seen[number].name} : renumérotez",
                )
            )
            continue
        seen[number] = path
        text = path.read_bytes().decode("utf-8", errors="replace")
        parts = re.match(r"^---\n(.*?\n)---\n(.*)$", text, re.S)
        if not parts:
            problems.append(
                Problem(path, 1, "", "en-tête manquant : commencez par ---, titre: …, ---")
            )
            continue
        # One blank line first, so that line numbers are those of the file.
        doc = _read_checked(path, "article", today, problems, raw=("\n" + parts.group(1)).encode())
        if doc is not None:
            articles.append((int(number), slug, doc.value["titre"], parts.group(2)))
    return articles


def _read_actors(
    folder: Path, codes: set[str] | None, today: dt.date, problems: list[Problem]
) -> list[Document]:
    docs: list[Document] = []
    if not folder.is_dir():
        return docs
    paths: list[Path] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):  # .gitkeep, editor files
            continue
        if path.suffix not in (".yaml", ".yml") or not path.is_file():
            problems.append(
                Problem(
                    path,
                    1,
                    "",
                    "seuls des fichiers .yaml (une fiche par fichier) vont dans ce dossier",
                )
            )
            continue
        # A badly named file is still read, so that all its problems come in one run.
        if not ID.match(path.stem):
            problems.append(
                Problem(
                    path,
                    1,
                    "",
                    (
                        f"nom de fichier « {path.name} » refusé : minuscules, chiffres et tirets seulement, "
                        f"ex. {_suggest_id(path.stem)}.yaml"
                    ),
                )
            )
        elif path.suffix == ".yml":
            problems.append(
                Problem(path, 1, "", f"extension .yml : renommez le fichier en {path.stem}.yaml")
            )
        paths.append(path)

    def check(path: Path) -> tuple[Document | None, list[Problem]]:
        found: list[Problem] = []
        doc = _read_checked(path, "acteur", today, found)
        if doc is not None:
            found += _actor_rules(doc, codes)
        return (None if found else doc), found

    # Each file on its own, on every core (thousands of files); then what is between files.
    for doc, found in parallel_map(check, paths):
        problems.extend(found)
        if doc is not None:
            docs.append(doc)
    _duplicate_names(docs, problems)
    return docs


def _suggest_id(stem: str) -> str:
    return "-".join(normalise_name(stem).replace("_", " ").split()) or "mon-association"


def _actor_rules(doc: Document, codes: set[str] | None) -> list[Problem]:
    """Rules of one actor file that need the other files (codes) or the whole file."""
    out: list[Problem] = []
    value = doc.value

    def add(fpath, message):
        out.append(Problem(doc.path, doc.line(fpath), format_path(tuple(fpath)), message))

    items = [((), value)] + [(("services", i), s) for i, s in enumerate(value.get("services", []))]
    if codes is not None:
        for prefix, item in items:
            for index, code in enumerate(item.get("thematiques", [])):
                if code not in codes:
                    close = nearest(code, sorted(codes), 0.75)
                    fix = f"vouliez-vous dire « {close} » ? " if close else ""
                    add(
                        (*prefix, "thematiques", index),
                        f"« {code} » n'est pas un besoin connu : {fix}valeurs possibles : {', '.join(sorted(codes))}",
                    )
    seen: dict[str, int] = {}
    for index, service in enumerate(value.get("services", [])):
        key = normalise_name(service["nom"])
        if key in seen:
            add(
                ("services", index, "nom"),
                f"deux services s'appellent « {service['nom']} » (aussi services[{seen[key] + 1}]) : "
                "donnez-leur des noms différents",
            )
        seen.setdefault(key, index)
    if not any(_reachable(item) for _, item in items):
        add(
            (),
            "aucun moyen de vous joindre : donnez au moins telephone, courriel, site_web "
            "ou une adresse (lieu.adresse) non confidentielle",
        )
    return out


def _reachable(item: dict) -> bool:
    lieu = item.get("lieu") or {}
    return bool(
        item.get("telephone")
        or item.get("courriel")
        or item.get("site_web")
        or (lieu.get("adresse") and not lieu.get("confidentiel"))
    )


def _duplicate_names(docs: list[Document], problems: list[Problem]) -> None:
    by_name: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        by_name[normalise_name(doc.value["nom"])].append(doc)
    for group in by_name.values():
        if len(group) < 2:
            continue
        for doc in group:
            others = ", ".join(d.path.name for d in group if d is not doc)
            problems.append(
                Problem(
                    doc.path,
                    doc.line(("nom",)),
                    "nom",
                    (
                        f"« {doc.value['nom']} » est déjà le nom de {others} : deux fiches ne peuvent pas "
                        "porter le même nom (fusionnez-les ou précisez le nom)"
                    ),
                )
            )
        for doc in group:
            docs.remove(doc)


def load_data(folder: Path, today: dt.date) -> m.SiteData:
    """The model of `folder`, or DataError with every problem of every file."""
    docs, problems = check_folder(folder, today)
    if problems:
        raise DataError(problems)
    return _build_model(folder, docs)


def _build_model(folder: Path, docs: dict[str, Any]) -> m.SiteData:
    thematiques = {
        code: m.Thematique(
            code,
            t["libelle"],
            t["description"],
            t["icone"],
            tuple(t["mots_cles"]),
            tuple(t["data_inclusion"]),
        )
        for code, t in docs["thematiques"].value.items()
    }
    office = dict(docs["office"].value)
    office["personnes"] = tuple(m.Personne(**p) for p in office.get("personnes", []))
    for key in ("motifs_contact", "sources"):
        office[key] = tuple(office.get(key, []))
    charte = dict(docs["charte"].value)
    charte["articles"] = tuple(m.Article(*a) for a in sorted(docs["articles"]))
    actors = sorted((_actor(doc) for doc in docs["actors"]), key=lambda a: normalise_name(a.nom))
    return m.SiteData(
        folder=folder,
        demo=(folder / DEMO_MARKER).exists(),
        thematiques=thematiques,
        urgences=[m.Urgence(**u) for u in docs["urgences"].value],
        office=m.build(m.Office, office),
        charte=m.build(m.Charte, charte),
        actors=actors,
        diagnostic=build_diagnostic(docs["diagnostic"].value) if "diagnostic" in docs else None,
        evenements=build_events(docs["evenements"]) if "evenements" in docs else [],
    )


def _offer_values(item: dict[str, Any]) -> dict[str, Any]:
    values = dict(item)
    if "lieu" in values:
        values["lieu"] = m.build(m.Lieu, values["lieu"])
    if "accessibilite" in values:
        values["accessibilite"] = m.build(m.Accessibilite, values["accessibilite"])
    if "fermetures" in values:
        values["fermetures"] = [
            m.Fermeture(
                parse_date(f["du"]), parse_date(f["au"]) if f.get("au") else None, f.get("motif")
            )
            for f in values["fermetures"]
        ]
    return values


def _actor(doc: Document) -> m.Actor:
    values = _offer_values(doc.value)
    services = []
    for raw in doc.value.get("services", []):
        own = _offer_values(raw)
        skipped = {m.LINKED[k] for k in raw if k in m.LINKED}
        inherited = {
            k: values[k] for k in m.INHERITED if k in values and k not in raw and k not in skipped
        }
        services.append(m.build(m.Service, {**inherited, **own}, own=frozenset(raw)))
    values["services"] = services
    values["date_maj"] = parse_date(values["date_maj"])
    charte = values.pop("charte", None)
    return m.build(
        m.Actor,
        values,
        id=doc.path.stem,
        source=doc.path,
        raw=doc.value,
        charte_signee_le=parse_date(charte["signee_le"]) if charte else None,
    )
