"""The commented template of a new actor file: what `brive-solidarite nouveau` writes, what
docs/contribuer/modele.yaml holds and what the "Proposer une nouvelle fiche" link pre-fills.

Every field of the schema is there with its French description and example (a service's
fields that repeat the actor's are named in one comment); every value still to be given is
the marker « À COMPLÉTER », which the validator refuses wherever it stands, so that
`valider` lists exactly what is left to do.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from .schemadoc import HINTS, Field, actor_fields, yaml_value
from .validation import MARKER

SCHEMA_REF = "../../schema/acteur.schema.json"  # from data/actors/ (and docs/contribuer/)
GUIDE = "Guide : page « Contribuer » du site Brive Solidarité."

HEADER = f"""\
# Fiche d'une organisation pour le site Brive Solidarité.
# - Remplacez chaque « {MARKER} » par votre réponse.
# - Un champ facultatif sans réponse : supprimez sa ligne (et les lignes en retrait
#   dessous, pour un bloc comme lieu:).
# - Les lignes qui commencent par # sont des explications : gardez-les ou supprimez-les.
# {GUIDE}
"""

# A service takes what it does not say from its actor: the template shows the fields that
# only a service has, and names the others in a comment instead of repeating them all.
SERVICE_KEYS = ("nom", "description", "type_service")


def actor_id(name: str) -> str:
    """The file name (without .yaml) for an organisation's name: lowercase, no accents,
    hyphens between words. « Épicerie de l'Étoile » -> epicerie-de-l-etoile."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("œ", "oe").replace("æ", "ae")
    return "-".join(re.findall(r"[a-z0-9]+", text))


# The short template of the "Proposer une nouvelle fiche" link: GitHub refuses addresses
# longer than 8,191 bytes (https://github.com/github/docs/issues/5136), too short for
# every field; the others are in the guide and in docs/contribuer/modele.yaml.
ESSENTIAL = (
    "nom",
    "type",
    "description",
    "thematiques",
    "publics",
    "modalites",
    "frais",
    "lieu",
    "lieu.adresse",
    "lieu.complement_adresse",
    "lieu.code_postal",
    "lieu.commune",
    "telephone",
    "courriel",
    "site_web",
    "horaires_accueil",
    "mainteneurs",
    "date_maj",
)
SHORT_NOTE = (
    "# Modèle court : les champs les plus utiles. D'autres existent (services, fermetures,\n"
    "# langues, accessibilité…) : voir « Les champs d'une fiche » dans le guide.\n"
)


def actor_template(
    name: str | None = None, schema_ref: str = SCHEMA_REF, only: tuple[str, ...] | None = None
) -> str:
    """The text of a new actor file; `name` fills `nom` when given; `only` keeps these
    fields (labels such as lieu.adresse) instead of all of them."""
    header = HEADER + (SHORT_NOTE if only else "")
    lines = [f"# yaml-language-server: $schema={schema_ref}", "#", *header.splitlines()]
    fields = [f for f in actor_fields() if only is None or f.label in only]
    for field in fields:
        if field.depth == 0:
            lines.append("")
            lines += _field_lines(field, fields, name)
    return "\n".join(lines) + "\n"


def _field_lines(
    field: Field, fields: list[Field], name: str | None, indent: str = ""
) -> list[str]:
    out = [f"{indent}# {line}" for line in comment(field)]
    children = [
        f for f in fields if f.path[: len(field.path)] == field.path and f.depth == field.depth + 1
    ]
    key = f"{indent}{field.name}:"
    if field.kind == "object":
        out.append(key)
        for child in children:
            out += _field_lines(child, fields, name, indent + "  ")
    elif field.kind == "objects":
        out.append(key)
        if field.name == "services":
            others = ", ".join(c.name for c in children if c.name not in SERVICE_KEYS)
            note = (
                f"Un service peut aussi avoir ses propres {others} : mêmes règles que pour la "
                "fiche. Ce qu'il ne précise pas, il le reprend de la fiche."
            )
            out += [f"{indent}  # {line}" for line in _wrap(note)]
            children = [c for c in children if c.name in SERVICE_KEYS]
        for index, child in enumerate(children):
            inner = _field_lines(child, fields, name, indent + "    ")
            if index == 0:  # the first key of the item carries the "- "
                last = len(inner) - 1
                inner[last] = f"{indent}  - {inner[last].lstrip()}"
                inner[:last] = [f"{indent}  {line.lstrip()}" for line in inner[:last]]
            out += inner
    else:
        value = yaml_value(name) if field.path == ("nom",) and name else MARKER
        out.append(f"{key} {value}")
    return out


def comment(field: Field) -> list[str]:
    """The French explanation above a field: required or not, what it is, an example."""
    if field.required:
        where = " dans ce bloc" if field.depth else ""
        status = f"OBLIGATOIRE{where}."
    else:
        status = "Facultatif."
    lines = [f"{status} {field.description}"]
    if field.name in HINTS:
        lines.append(HINTS[field.name])
    codes = field.code_labels()
    if codes and len(codes) <= 15 and not all(c in field.description for c in codes):
        lines.append("Valeurs possibles : " + ", ".join(codes) + ".")
    elif len(codes) > 15:
        lines.append("Liste des codes : page « Les champs d'une fiche » du guide.")
    if field.example is not None and field.kind not in ("object", "objects"):
        lines.append(f"Exemple : {yaml_value(field.example)}")
    return [wrapped for line in lines for wrapped in _wrap(line)]


def _wrap(text: str, width: int = 86) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


def new_file_url(depot: str, text: str, branch: str = "main") -> str:
    """GitHub's "new file" page in data/actors/, pre-filled with `text`."""
    return (
        f"{depot.rstrip('/')}/new/{branch}/data/actors"
        f"?filename=ma-structure.yaml&value={quote(text, safe='')}"
    )
