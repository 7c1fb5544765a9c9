"""The generated pages of the contributor guide: the ones that depend on the schema (the
field reference) or on the repository's address (the "Proposer une nouvelle fiche" link).
The other guide pages are written by hand in docs/contribuer/."""

from __future__ import annotations

from typing import Any

from .schemadoc import HINTS, Field, actor_fields, example_yaml, kind_label
from .template import ESSENTIAL, actor_template, new_file_url

GUIDE_HIDE = ["toc"]  # keep the guide's navigation, like its hand-written pages


def contribution_pages(renderer) -> list:
    """`renderer`: the build's render.Renderer (not imported here: it imports this module)."""
    settings = renderer.settings
    short = actor_template(only=ESSENTIAL)
    return [
        renderer.page(
            "contribuer/ajouter.md",
            "ajouter.html",
            "Ajouter une organisation",
            "Proposer la fiche d'une nouvelle organisation dans l'annuaire.",
            hide=GUIDE_HIDE,
            new_file_url=new_file_url(settings.depot, short, settings.branche),
        ),
        renderer.page(
            "contribuer/champs.md",
            "champs.html",
            "Les champs d'une fiche",
            "Chaque champ d'une fiche de l'annuaire expliqué, avec un exemple.",
            hide=GUIDE_HIDE,
            fields=reference_entries(),
        ),
    ]


def reference_entries() -> list[dict[str, Any]]:
    """What the field reference shows of each field, nested ones included."""
    fields = actor_fields()
    return [_entry(f, fields) for f in fields]


def _entry(field: Field, fields: list[Field]) -> dict[str, Any]:
    # A service's field that the actor has too: the same rules, said once.
    same = None
    if field.path[0] == "services" and field.depth > 0:
        label = field.label.removeprefix("services[].")
        same = next(
            (f for f in fields if f.label == label and f.description == field.description), None
        )
    return {
        "label": field.label,
        "name": field.name,
        "anchor": field.anchor,
        "depth": field.depth,
        "required": field.required,
        "description": field.description,
        "hint": HINTS.get(field.name),
        "kind": kind_label(field),
        "codes": field.code_labels(),
        "needs": field.name == "thematiques",
        "example": example_yaml(field),
        "same_as": {"label": same.label, "anchor": same.anchor} if same else None,
    }
