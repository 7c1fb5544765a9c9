"""The compiled validator (fastjsonschema) only lets valid files skip jsonschema: it must
never call valid a file that jsonschema refuses (the file's problems would be lost)."""

from __future__ import annotations

import pytest

from brive_solidarite import validation
from brive_solidarite.referentiels import SCHEMA_DIR
from brive_solidarite.validation import is_valid_fast, schema_validator
from brive_solidarite.yamlsafe import read_yaml
from conftest import ROOT

SCHEMAS = sorted(p.name.removesuffix(".schema.json") for p in SCHEMA_DIR.glob("*.json"))
FILES = sorted(
    p
    for folder in ("tests/corpus", "demo", "data")
    for p in (ROOT / folder).rglob("*.y*ml")
    if p.is_file()
)


def documents():
    for path in FILES:
        doc, _ = read_yaml(path)
        if doc is not None:
            yield pytest.param(doc.value, id=str(path.relative_to(ROOT)))


@pytest.mark.parametrize("value", list(documents()))
def test_fast_and_full_validation_agree(value):
    # Every file against every schema: the mismatched pairs are many different invalid cases.
    for name in SCHEMAS:
        valid = not any(schema_validator(name).iter_errors(value))
        assert is_valid_fast(value, name) == valid, name


def test_the_agreement_is_tested_on_valid_and_invalid_actors():
    verdicts = {is_valid_fast(v.values[0], "acteur") for v in documents()}
    assert verdicts == {True, False}
    assert len(FILES) > 100


def test_the_compiled_validators_kept_on_disk_are_those_compiled(tmp_path, monkeypatch):
    monkeypatch.setattr(validation, "CACHE_DIR", tmp_path / "cache")
    values = [v.values[0] for v in documents()]
    verdicts = []
    for _ in range(2):  # compiled and kept, then read back
        validation.fast_validator.cache_clear()
        verdicts.append([is_valid_fast(value, name) for value in values for name in SCHEMAS])
    validation.fast_validator.cache_clear()
    assert len(list((tmp_path / "cache").iterdir())) == len(SCHEMAS)
    assert verdicts[0] == verdicts[1]
    assert True in verdicts[0] and False in verdicts[0]
    # A damaged file is compiled again, not trusted.
    for kept in (tmp_path / "cache").iterdir():
        kept.write_bytes(b"\x00abime")
    assert [is_valid_fast(value, name) for value in values for name in SCHEMAS] == verdicts[0]
    validation.fast_validator.cache_clear()
