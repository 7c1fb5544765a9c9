"""The published JSON Schema is the documentation: every field described with an example,
codes in line with the national data·inclusion schema, examples valid."""

from __future__ import annotations

import json

import jsonschema
import pytest
from data_inclusion.schema import v1

from brive_solidarite.referentiels import SCHEMA_DIR, referentiels


def fields(schema: dict, path: str = ""):
    for name, sub in schema.get("properties", {}).items():
        yield f"{path}{name}", sub
        yield from fields(sub, f"{path}{name}.")
        if "items" in sub:
            yield from fields(sub["items"], f"{path}{name}[].")
    if isinstance(schema.get("additionalProperties"), dict):
        yield from fields(schema["additionalProperties"], f"{path}*.")


@pytest.mark.parametrize("name", sorted(p.name for p in SCHEMA_DIR.glob("*.schema.json")))
def test_every_field_has_a_french_description_and_an_example(name):
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for path, sub in fields(schema):
        assert sub.get("description"), f"{name}: {path} has no description"
        assert sub.get("examples"), f"{name}: {path} has no example"


def test_examples_are_valid_values():
    schema = json.loads((SCHEMA_DIR / "acteur.schema.json").read_text(encoding="utf-8"))
    for path, sub in fields(schema):
        for example in sub["examples"]:
            errors = list(jsonschema.Draft202012Validator(sub).iter_errors(example))
            assert not errors, (path, example, errors[0].message)


def test_codes_match_the_national_schema():
    ref = referentiels()
    assert set(ref["publics"]) == {e.value for e in v1.Public}
    assert set(ref["reseaux_porteurs"]) == {e.value for e in v1.ReseauPorteur}
    assert set(ref["types_service"]) == {e.value for e in v1.TypeService}
    assert set(ref["thematiques_data_inclusion"]) == {e.value for e in v1.Thematique}


def test_schema_enums_come_from_the_referentiels():
    schema = json.loads((SCHEMA_DIR / "acteur.schema.json").read_text(encoding="utf-8"))
    props = schema["properties"]
    ref = referentiels()
    assert props["type"]["enum"] == list(ref["types"])
    assert props["modalites"]["items"]["enum"] == list(ref["modalites"])
    assert props["publics"]["items"]["enum"] == list(ref["publics"])
    assert props["langues"]["items"]["enum"] == list(ref["langues"])
    assert props["reseaux_porteurs"]["items"]["enum"] == list(ref["reseaux_porteurs"])
    service = props["services"]["items"]["properties"]
    assert service["type_service"]["enum"] == list(ref["types_service"])


def test_needs_map_to_existing_national_thematiques():
    import yaml

    from conftest import ROOT

    needs = yaml.safe_load((ROOT / "data" / "thematiques.yaml").read_text(encoding="utf-8"))
    national = set(referentiels()["thematiques_data_inclusion"])
    for code, need in needs.items():
        assert set(need["data_inclusion"]) <= national, code
    assert needs["hygiene"]["data_inclusion"] == []  # the documented fallback case
