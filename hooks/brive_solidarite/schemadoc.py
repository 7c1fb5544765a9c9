"""The actor schema as a list of documented fields, for the template that `nouveau` writes
and for the field reference of the contributor guide: both read the descriptions and
examples of schema/acteur.schema.json, so neither can drift from it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from .referentiels import SCHEMA_DIR, referentiels

# Field name -> its labelled codes in referentiels.yaml.
_LABELS = {
    "type": "types",
    "modalites": "modalites",
    "frais": "frais",
    "publics": "publics",
    "reseaux_porteurs": "reseaux_porteurs",
    "langues": "langues",
    "type_service": "types_service",
}


# What the schema's one-line descriptions cannot say, for people filling a file by hand.
HINTS = {
    "description": (
        "Sur plusieurs lignes : écrivez « description: | » puis le texte à la ligne "
        "suivante, décalé de deux espaces."
    ),
    "horaires_accueil": (
        "Jours : Mo lundi, Tu mardi, We mercredi, Th jeudi, Fr vendredi, Sa samedi, "
        "Su dimanche. Un point-virgule sépare deux règles. PH off : fermé les jours fériés."
    ),
    "mainteneurs": (
        "Ces personnes sont prévenues et peuvent accepter les changements de la fiche "
        "(fichier .github/CODEOWNERS)."
    ),
    "date_maj": "Mettez la date du jour à chaque vérification, même si rien n'a changé.",
}


@dataclass(frozen=True)
class Field:
    path: tuple[str, ...]  # ("services", "[]", "nom"): "[]" stands for "each item of the list"
    schema: dict[str, Any]
    required: bool

    @property
    def name(self) -> str:
        return self.path[-1]

    @property
    def label(self) -> str:
        """services[].nom, lieu.adresse: how people and messages name the field."""
        return ".".join(self.path).replace(".[]", "[]")

    @property
    def anchor(self) -> str:
        return "champ-" + "-".join(p for p in self.path if p != "[]").replace("_", "-")

    @property
    def depth(self) -> int:
        return len([p for p in self.path if p != "[]"]) - 1

    @property
    def description(self) -> str:
        return self.schema.get("description", "")

    @property
    def kind(self) -> str:
        """text, integer, number, boolean, list, object, objects (a list of blocks)."""
        kind = self.schema.get("type", "string")
        if kind == "array":
            return "objects" if self.schema["items"].get("type") == "object" else "list"
        return {"string": "text"}.get(kind, kind)

    @property
    def children(self) -> dict[str, Any]:
        inner = self.schema["items"] if self.kind == "objects" else self.schema
        return inner.get("properties", {})

    @property
    def example(self) -> Any:
        examples = self.schema.get("examples")
        return examples[0] if examples else None

    @property
    def codes(self) -> list[str]:
        """The values allowed, when the schema lists them."""
        inner = self.schema.get("items", {}) if self.kind == "list" else self.schema
        return list(inner.get("enum", []))

    def code_labels(self) -> dict[str, str]:
        """Each allowed code and its French label (the code itself when there is none)."""
        labels = referentiels().get(_LABELS.get(self.name, ""), {})
        out = {}
        for code in self.codes:
            label = labels.get(code, code)
            out[code] = label["libelle"] if isinstance(label, dict) else label
        return out


@cache
def actor_schema() -> dict[str, Any]:
    with open(SCHEMA_DIR / "acteur.schema.json", encoding="utf-8") as f:
        return json.load(f)


def actor_fields() -> list[Field]:
    """Every field of an actor file, nested ones included, in the schema's order."""
    return list(_walk(actor_schema(), ()))


def _walk(schema: dict[str, Any], prefix: tuple[str, ...]):
    required = set(schema.get("required", []))
    for name, sub in schema.get("properties", {}).items():
        field = Field((*prefix, name), sub, name in required)
        yield field
        if field.kind == "object":
            yield from _walk(sub, field.path)
        elif field.kind == "objects":
            yield from _walk(sub["items"], (*field.path, "[]"))


def yaml_value(value: Any, flow: bool = False) -> str:
    """A value as written in a YAML file, on one line: lists in brackets, and quotes only
    where YAML would otherwise read something else than the text (numbers, yes/no…).
    `flow`: inside brackets, where commas and brackets need quotes too."""
    if isinstance(value, list):
        return "[" + ", ".join(yaml_value(v, True) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {yaml_value(v, True)}" for k, v in value.items()) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if not isinstance(value, str):
        return json.dumps(value)
    if _is_date(value):
        return value  # AAAA-MM-JJ is written as is, like in the data files
    try:
        plain = yaml.safe_load(value) == value and not value.replace(" ", "").isdigit()
    except yaml.YAMLError:
        plain = False
    if plain and not (flow and any(c in value for c in ",[]{}")):
        return value
    return json.dumps(value, ensure_ascii=False)


def _is_date(text: str) -> bool:
    return len(text) == 10 and text[4] == text[7] == "-" and text.replace("-", "").isdigit()


_KINDS = {
    "text": "un texte",
    "integer": "un nombre entier, sans guillemets",
    "number": "un nombre, avec un point pour les décimales",
    "boolean": "true (oui) ou false (non)",
    "list": "une liste entre crochets, les valeurs séparées par des virgules",
    "object": "un bloc : les champs ci-dessous, à la ligne, décalés de deux espaces",
    "objects": "une liste de blocs, chacun commençant par un tiret « - »",
}


def kind_label(field: Field) -> str:
    """What kind of value the field takes, in plain French."""
    if field.schema.get("pattern") == r"^\d{4}-\d{2}-\d{2}$":
        return "une date AAAA-MM-JJ"
    if field.codes and field.kind == "text":
        return "un code de la liste ci-dessous"
    if field.codes or field.name == "thematiques":  # the needs: codes of thematiques.yaml
        return "une liste de codes entre crochets, séparés par des virgules"
    return _KINDS[field.kind]


def example_yaml(field: Field) -> str:
    """The field's example as it stands in a file, inside its parent blocks."""
    if field.example is None:
        return ""
    lines = _block(field.name, field.example)
    parents = list(field.path[:-1])
    while parents:
        part = parents.pop()
        if part == "[]":
            lines = [f"{parents.pop()}:", f"  - {lines[0]}", *(f"    {x}" for x in lines[1:])]
        else:
            lines = [f"{part}:", *(f"  {x}" for x in lines)]
    return "\n".join(lines)


def _block(name: str, value: Any) -> list[str]:
    if isinstance(value, dict):
        return [f"{name}:", *(f"  {x}" for k, v in value.items() for x in _block(k, v))]
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        out = [f"{name}:"]
        for item in value:
            inner = [x for k, v in item.items() for x in _block(k, v)]
            out += [f"  - {inner[0]}", *(f"    {x}" for x in inner[1:])]
        return out
    return [f"{name}: {yaml_value(value)}"]
