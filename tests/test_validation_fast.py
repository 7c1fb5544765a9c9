"""The compiled validator (fastjsonschema) only lets valid files skip jsonschema: it must
never call valid a file that jsonschema refuses (the file's problems would be lost)."""

from __future__ import annotations

import marshal

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
    monkeypatch.setattr(validation, "cache_dir", lambda: tmp_path / "cache")
    values = [v.values[0] for v in documents()]

    def verdicts() -> list[bool]:
        validation.fast_validator.cache_clear()
        return [is_valid_fast(value, name) for value in values for name in SCHEMAS]

    compiled = verdicts()
    assert len(list((tmp_path / "cache").iterdir())) == len(SCHEMAS)
    assert True in compiled and False in compiled

    def no_compiling(schema):
        raise AssertionError("compiled again instead of read from the cache")

    with monkeypatch.context() as patch:
        patch.setattr(validation.fastjsonschema, "compile_to_code", no_compiling)
        assert verdicts() == compiled  # read back from the disk
    # A damaged or foreign file is compiled again, not trusted.
    kept = sorted((tmp_path / "cache").iterdir())
    kept[0].write_bytes(b"\x00abime")
    kept[1].write_bytes(marshal.dumps(("f", "print(1)")))
    assert verdicts() == compiled
    validation.fast_validator.cache_clear()
