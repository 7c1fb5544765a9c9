"""The bad-input corpus: every case of tests/corpus/ is refused with exactly the lines expected.

A case is `<case>.expected` (the problem lines, paths relative to the data folder) and its
input: the file(s) `<case>.*` beside it, the files of the folder `<case>/` (a problem between
files), or a recipe below (bytes that are awkward to commit). Each case runs alone in a copy
of data/ whose actors/ folder holds only the case's file(s); a case named `diagnostic-*` is
instead the folder's diagnostic.yaml (with no actor), `evenements-*` its evenements.yaml.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from brive_solidarite import cli
from conftest import make_data_folder

CORPUS = Path(__file__).parent / "corpus"
NOW = "2026-11-28T12:00"
SUMMARY = re.compile(r"\d+ problème\(s\) dans \d+ fichier\(s\)\.")

RECIPES = {
    "non-utf8": {
        "non-utf8.yaml": "# Cas : octets latin-1.\nnom: Épicerie des Essais\n".encode("latin-1")
    },
    "fichier-trop-gros": {
        "fichier-trop-gros.yaml": b"# Cas : plus de 100 ko.\n# " + b"x" * 120_000 + b"\n"
    },
}
# The command the Python tag of etiquette-python.yaml would run: it must leave no file.
EXECUTED = "etiquette-python-executee"

CASES = sorted(path.stem for path in CORPUS.glob("*.expected"))


def case_inputs(case: str) -> dict[str, bytes]:
    if case in RECIPES:
        return RECIPES[case]
    if (CORPUS / case).is_dir():
        return {path.name: path.read_bytes() for path in sorted((CORPUS / case).iterdir())}
    return {
        path.name: path.read_bytes()
        for path in CORPUS.glob(f"{case}.*")
        if path.suffix != ".expected"
    }


def data_folder(root: Path, actors: dict[str, bytes], case: str = "") -> Path:
    if case.startswith("diagnostic-"):
        folder = make_data_folder(root / "donnees")
        (folder / "diagnostic.yaml").write_bytes(*actors.values())
        return folder
    if case.startswith("evenements-"):  # the agenda's evenements.yaml, likewise
        folder = make_data_folder(root / "donnees")
        (folder / "evenements.yaml").write_bytes(*actors.values())
        return folder
    return make_data_folder(root / "donnees", actors)


def valider(folder: Path, monkeypatch, capsys) -> tuple[int, list[str], str]:
    monkeypatch.setenv("BRIVE_MAINTENANT", NOW)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.chdir(folder)  # paths are printed relative to the current directory
    code = cli.main(["valider", "--donnees", str(folder)])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_refused(case, tmp_path, monkeypatch, capsys):
    inputs = case_inputs(case)
    assert inputs, f"{case}.expected has no input file"
    folder = data_folder(tmp_path, inputs, case)
    code, lines, err = valider(folder, monkeypatch, capsys)
    expected = (CORPUS / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    assert "Traceback" not in "\n".join(lines) + err
    assert err == ""
    assert lines[:-1] == expected
    assert SUMMARY.fullmatch(lines[-1])
    assert code == 1
    assert not list(tmp_path.rglob(EXECUTED))


def test_every_corpus_file_belongs_to_a_case():
    inputs = {path for path in CORPUS.iterdir() if path.suffix != ".expected"}
    orphans = {path.name for path in inputs if path.stem not in CASES}
    assert not orphans
    assert set(RECIPES) <= set(CASES)
