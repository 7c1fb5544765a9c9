"""The contribution path: `nouveau` and its commented template, the model in the guide,
the "Proposer une nouvelle fiche" link, and the guide's generated field reference."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from brive_solidarite.loading import ID
from brive_solidarite.referentiels import SCHEMA_DIR
from brive_solidarite.schemadoc import actor_fields, example_yaml
from brive_solidarite.template import ESSENTIAL, actor_id, actor_template, new_file_url
from brive_solidarite.validation import MARKER
from brive_solidarite.yamlsafe import format_path, read_yaml
from conftest import ROOT, make_data_folder
from conftest import run_cli as run

MODEL = ROOT / "docs" / "contribuer" / "modele.yaml"
DEPOT = "https://github.com/a-configurer/brive-solidarite"


def schema_labels(schema: dict, prefix: str = ""):
    """Every field of the schema as people name it (lieu.adresse, services[].nom), read from
    the JSON itself, independently of the code under test."""
    for name, sub in schema.get("properties", {}).items():
        label = f"{prefix}{name}"
        yield label
        yield from schema_labels(sub, f"{label}.")
        if sub.get("items", {}).get("type") == "object":
            yield from schema_labels(sub["items"], f"{label}[].")


ACTOR_SCHEMA = json.loads((SCHEMA_DIR / "acteur.schema.json").read_text(encoding="utf-8"))
LABELS = list(schema_labels(ACTOR_SCHEMA))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Épicerie de l'Étoile", "epicerie-de-l-etoile"),
        ("Les Restos du Cœur", "les-restos-du-coeur"),
        ("  CCAS   de  Brive ", "ccas-de-brive"),
        ("L’Atelier — Brive 19", "l-atelier-brive-19"),
        ("Mon_Asso (Brive)", "mon-asso-brive"),
    ],
)
def test_id_from_the_name(name, expected):
    assert actor_id(name) == expected
    assert ID.match(expected)


def marker_fields(path: Path) -> set[str]:
    """The fields of a file whose value is still the marker."""
    doc, problems = read_yaml(path)
    assert doc is not None, problems
    found = set()

    def walk(value, fpath):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*fpath, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*fpath, index))
        elif value == MARKER:
            found.add(format_path(fpath))

    walk(doc.value, ())
    return found


def test_nouveau_writes_the_template_and_valider_lists_exactly_what_is_left(tmp_path):
    make_data_folder(tmp_path / "d")
    result = run(["nouveau", "Épicerie de l'Étoile", "--donnees", "d"], tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "d" / "actors" / "epicerie-de-l-etoile.yaml"
    assert "d/actors/epicerie-de-l-etoile.yaml" in result.stdout
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    schema = (path.parent / first.split("$schema=")[1]).resolve()
    assert schema == (SCHEMA_DIR / "acteur.schema.json").resolve()
    assert "\nnom: Épicerie de l'Étoile\n" in text

    check = run(["valider", "--donnees", "d", "d/actors/epicerie-de-l-etoile.yaml"], tmp_path)
    assert check.returncode == 1
    lines = check.stdout.splitlines()[:-1]
    reported = [re.match(r"^[^:]+:\d+: ([^:]+): (.*)$", line).groups() for line in lines]
    fields = [field for field, _ in reported]
    assert len(fields) == len(set(fields))  # each field once
    assert set(fields) == marker_fields(path)  # exactly the markers, nothing else
    assert all(message.startswith(f"« {MARKER} »") for _, message in reported)
    required = set(ACTOR_SCHEMA["required"]) - {"nom"}  # nom is filled from the command
    assert required <= set(fields)


def test_nouveau_never_overwrites(tmp_path):
    folder = make_data_folder(tmp_path / "d")
    assert run(["nouveau", "Atelier Fictif", "--donnees", "d"], tmp_path).returncode == 0
    path = folder / "actors" / "atelier-fictif.yaml"
    path.write_text("déjà modifié\n", encoding="utf-8")
    again = run(["nouveau", "Atelier fictif", "--donnees", "d"], tmp_path)
    assert again.returncode == 1
    assert "existe déjà" in again.stderr and "rien n'a été écrit" in again.stderr
    assert path.read_text(encoding="utf-8") == "déjà modifié\n"
    (folder / "actors" / "autre-atelier.yml").write_text("x\n", encoding="utf-8")
    assert run(["nouveau", "Autre atelier", "--donnees", "d"], tmp_path).returncode == 1


def test_nouveau_honours_brive_donnees_and_refuses_a_missing_folder(tmp_path):
    project = tmp_path / "projet"
    project.mkdir()
    (project / "mkdocs.yml").write_text("site_name: x\n")
    make_data_folder(project / "mes-donnees")
    result = run(["nouveau", "Atelier Fictif"], project, BRIVE_DONNEES="mes-donnees")
    assert result.returncode == 0, result.stderr
    assert (project / "mes-donnees" / "actors" / "atelier-fictif.yaml").is_file()
    missing = run(["nouveau", "Atelier Fictif", "--donnees", "nulle-part"], tmp_path)
    assert missing.returncode == 1 and "introuvable" in missing.stderr
    assert run(["nouveau", "« … »", "--donnees", "projet/mes-donnees"], tmp_path).returncode == 1


FILLED = {
    "type": "association",
    "description": "Une épicerie de test pour vérifier le modèle des nouvelles fiches.",
    "thematiques": "[alimentation]",
    "modalites": "[sans-rendez-vous]",
    "telephone": '"05 36 49 00 98"',
    "date_maj": "2026-11-20",
}


def test_template_filled_by_hand_validates(tmp_path):
    """What a volunteer does: answer some fields, delete the lines of the others."""
    blocks = actor_template("Épicerie de l'Étoile").split("\n\n")
    kept = [blocks[0]]
    for block in blocks[1:]:
        key = re.search(r"^(\w+):", block, re.M).group(1)
        if key == "nom":
            kept.append(block)
        elif key in FILLED:
            kept.append(block.replace(f"{key}: {MARKER}", f"{key}: {FILLED[key]}"))
    text = "\n\n".join(kept)
    assert MARKER not in text.replace(f"« {MARKER} »", "")  # the header names it, in quotes
    folder = make_data_folder(tmp_path / "d", {"epicerie-de-l-etoile.yaml": text})
    result = run(["valider", "--donnees", str(folder)], tmp_path)
    assert result.returncode == 0, result.stdout


def test_template_with_every_example_validates(tmp_path):
    """Every field kept and given its schema example: the template and the examples agree."""
    examples = {f.label: f.example for f in actor_fields()}
    value = yaml.safe_load(actor_template("Épicerie de l'Étoile"))

    def fill(item, label):
        if isinstance(item, dict):
            return {k: fill(v, f"{label}.{k}" if label else k) for k, v in item.items()}
        if isinstance(item, list):
            return [fill(v, f"{label}[]") for v in item]
        return examples[label] if item == MARKER else item

    text = yaml.safe_dump(fill(value, ""), allow_unicode=True, sort_keys=False)
    folder = make_data_folder(tmp_path / "d", {"epicerie-de-l-etoile.yaml": text})
    result = run(["valider", "--donnees", str(folder)], tmp_path)
    assert result.returncode == 0, result.stdout


def test_template_has_every_field_with_its_description():
    text = actor_template()
    comments = " ".join(
        line.strip().lstrip("#").strip() for line in text.splitlines() if line.strip()
    )
    for field in actor_fields():
        if field.path[0] == "services" and field.depth > 0:
            # A service's other fields are named in one comment instead of repeated.
            assert re.search(rf"\b{field.name}\b", text), field.label
            continue
        assert re.search(rf"^\s*(- )?{field.name}:", text, re.M), field.label
        assert " ".join(field.description.split()) in comments, field.label


def test_examples_are_written_as_the_validator_reads_them(tmp_path):
    for field in actor_fields():
        text = example_yaml(field)
        doc, problems = read_yaml(tmp_path / "x.yaml", text.encode("utf-8"))
        assert doc is not None, (field.label, problems)
        value = doc.value
        for part in field.path:
            value = value[0] if part == "[]" else value[part]
        assert value == field.example, field.label


def test_committed_model_is_the_generated_one():
    expected = actor_template()
    if os.environ.get("BRIVE_GOLDEN") == "ecrire":
        MODEL.write_text(expected, encoding="utf-8")
    assert MODEL.read_text(encoding="utf-8") == expected, (
        "docs/contribuer/modele.yaml n'est pas à jour : BRIVE_GOLDEN=ecrire make test"
    )
    assert expected.startswith("# yaml-language-server: $schema=../../schema/acteur.schema.json")
    assert (MODEL.parent / "../../schema/acteur.schema.json").resolve().is_file()


def test_new_file_link_fits_github_and_carries_the_short_template():
    assert set(ESSENTIAL) <= set(LABELS)
    assert set(ACTOR_SCHEMA["required"]) <= set(ESSENTIAL)
    short = actor_template(only=ESSENTIAL)
    url = new_file_url(DEPOT, short)
    assert len(url.encode("ascii")) < 8000  # GitHub refuses addresses over 8,191 bytes
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{DEPOT}/new/main/data/actors"
    query = parse_qs(parts.query)
    assert query["filename"] == ["ma-structure.yaml"]
    assert query["value"] == [short]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_field_reference_names_every_schema_field(demo_site):
    page = soup(demo_site / "contribuer" / "champs" / "index.html")
    sections = {
        h.code.get_text(): h.find_parent("section")
        for h in page.select("section.brive-champ :is(h3, h4, h5)")
        if h.code is not None
    }
    missing = [label for label in LABELS if label not in sections]
    assert not missing, f"champs absents de la page « Les champs d'une fiche » : {missing}"
    for label in LABELS:
        assert (
            "obligatoire" in sections[label].get_text()
            or "facultatif" in sections[label].get_text()
        )
    for label in ACTOR_SCHEMA["required"]:
        assert "obligatoire" in sections[label].get_text(), label


def test_guide_pages_are_built_and_in_the_navigation(demo_site):
    for name in ("", "corriger/", "ajouter/", "apres/", "erreurs/", "champs/"):
        page = soup(demo_site / "contribuer" / name / "index.html")
        nav = page.select_one("nav.md-nav--primary")
        assert "Contribuer" in nav.get_text(), name
    served = (demo_site / "contribuer" / "modele.yaml").read_text(encoding="utf-8")
    assert served == MODEL.read_text(encoding="utf-8")


def test_new_file_button_opens_github_with_the_template(demo_site):
    page = soup(demo_site / "contribuer" / "ajouter" / "index.html")
    button = page.find(lambda tag: tag.name == "a" and "Proposer une nouvelle fiche" in tag.text)
    assert button["href"] == new_file_url(DEPOT, actor_template(only=ESSENTIAL))
