"""The command line as partners and CI run it: data folder resolution, file subsets,
GitHub annotations, and the real data folders."""

from __future__ import annotations

import pytest

from brive_solidarite import cli
from conftest import ROOT, make_data_folder
from conftest import run_cli as run

GOOD = """\
nom: Atelier Fictif des Tests
type: association
description: Un atelier fictif qui sert aux tests de la ligne de commande.
thematiques: [numerique]
modalites: [sans-rendez-vous]
telephone: "05 36 49 00 99"
date_maj: 2026-11-01
"""
BAD = GOOD.replace('"05 36 49 00 99"', '"05 55"')


@pytest.mark.parametrize("folder", ["data", "demo"])
def test_real_folders_are_valid_today(folder, monkeypatch):
    monkeypatch.delenv("BRIVE_MAINTENANT")  # the real date: data must never be "in the future"
    result = run(["valider", "--donnees", folder], ROOT, BRIVE_MAINTENANT="")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("Données valides")


def test_all_problems_of_all_files_in_one_run(tmp_path):
    folder = make_data_folder(
        tmp_path / "d",
        {
            "a.yaml": BAD,
            "b.yaml": BAD.replace("Tests", "Essais"),
            "c.yaml": GOOD.replace("Tests", "Autres"),
        },
    )
    result = run(["valider", "--donnees", str(folder)], tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "d/actors/a.yaml:6: telephone: « 05 55 » n'est pas un numéro français (10 chiffres attendus, ex. 05 55 17 71 82)",
        "d/actors/b.yaml:6: telephone: « 05 55 » n'est pas un numéro français (10 chiffres attendus, ex. 05 55 17 71 82)",
    ]
    assert lines[-1] == "2 problème(s) dans 2 fichier(s)."


def test_given_files_only_but_cross_file_checks_on_the_whole_folder(tmp_path):
    make_data_folder(
        tmp_path / "d", {"a.yaml": GOOD, "b.yaml": GOOD, "c.yaml": BAD.replace("Tests", "C")}
    )
    result = run(["valider", "--donnees", "d", "d/actors/a.yaml"], tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2  # c.yaml's problem is not shown; the clash with b.yaml is
    assert lines[0].startswith(
        "d/actors/a.yaml:1: nom: « Atelier Fictif des Tests » est déjà le nom de b.yaml"
    )
    ok = run(["valider", "--donnees", "d", "d/actors/c.yaml"], tmp_path)
    assert "c.yaml:6: telephone" in ok.stdout and "a.yaml" not in ok.stdout


def test_github_annotations(tmp_path):
    make_data_folder(tmp_path / "d", {"a.yaml": BAD})
    result = run(["valider", "--donnees", "d"], tmp_path, GITHUB_ACTIONS="true")
    assert (
        "::error file=d/actors/a.yaml,line=6::telephone: « 05 55 » n'est pas un numéro français"
        in result.stdout
    )


def test_brive_donnees_is_relative_to_the_folder_of_mkdocs_yml(tmp_path):
    project = tmp_path / "projet"
    (project / "sous" / "dossier").mkdir(parents=True)
    (project / "mkdocs.yml").write_text("site_name: x\n")
    make_data_folder(project / "mes-donnees", {"a.yaml": BAD})
    result = run(["valider"], project / "sous" / "dossier", BRIVE_DONNEES="mes-donnees")
    assert result.returncode == 1
    assert "mes-donnees/actors/a.yaml:6: telephone" in result.stdout


def test_donnees_option_is_relative_to_the_current_directory(tmp_path):
    make_data_folder(tmp_path / "ici", {"a.yaml": GOOD})
    result = run(["valider", "--donnees", "ici"], tmp_path, BRIVE_DONNEES="ailleurs")
    assert result.returncode == 0, result.stdout


def test_missing_folder_is_a_clear_error(tmp_path):
    result = run(["valider", "--donnees", "nulle-part"], tmp_path)
    assert result.returncode == 1
    assert "dossier de données introuvable" in result.stdout


def test_main_returns_exit_codes(tmp_path, capsys):
    folder = make_data_folder(tmp_path / "d", {"a.yaml": GOOD})
    assert cli.main(["valider", "--donnees", str(folder)]) == 0
    (folder / "actors" / "b.yaml").write_text(BAD.replace("Tests", "B"))
    assert cli.main(["valider", "--donnees", str(folder)]) == 1


def test_unknown_icon_in_thematiques(tmp_path):
    folder = make_data_folder(tmp_path / "d")
    path = folder / "thematiques.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("material/bed", "material/lit-imaginaire"),
        encoding="utf-8",
    )
    result = run(["valider", "--donnees", "d"], tmp_path)
    assert result.returncode == 1
    assert "d/thematiques.yaml:" in result.stdout
    assert "hebergement.icone: icône « material/lit-imaginaire » inconnue" in result.stdout
