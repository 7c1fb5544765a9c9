"""The coordinator's tools: `fraicheur` (entries not checked for 12 months) and
`codeowners` (.github/CODEOWNERS from the actors' maintainers)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from brive_solidarite import cli
from brive_solidarite.codeowners import PLACEHOLDER_TEAM, codeowners_text
from brive_solidarite.freshness import StaleEntry, as_markdown, stale_entries
from conftest import ROOT, make_data_folder
from conftest import run_cli as run

DEPOT = "https://github.com/exemple/annuaire"


def actor(nom: str, date_maj: str, mainteneurs: list[str] | None = None) -> str:
    text = f"""\
nom: {nom}
type: association
description: Une organisation fictive qui sert aux tests de maintenance.
thematiques: [numerique]
modalites: [sans-rendez-vous]
courriel: contact@fictif.example
date_maj: {date_maj}
"""
    if mainteneurs is not None:
        text += f"mainteneurs: [{', '.join(mainteneurs)}]\n"
    return text


# The clock is 2026-11-28 (conftest.NOW): a year ago is 2025-11-28.
ACTORS = {
    "juste-un-an.yaml": actor("Atelier Juste Un An", "2025-11-28"),
    "un-an-et-un-jour.yaml": actor("Atelier Un An Et Un Jour", "2025-11-27", ["carole"]),
    "tres-ancien.yaml": actor("Atelier Très Ancien", "2024-01-15", ["alice", '"@bob"']),
    "recent.yaml": actor("Atelier Récent", "2026-11-01", ["alice"]),
}


def test_fraicheur_lists_entries_older_than_twelve_months(tmp_path):
    make_data_folder(tmp_path / "d", ACTORS)
    result = run(["fraicheur", "--donnees", "d"], tmp_path, BRIVE_DEPOT=DEPOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "2 fiche(s) non vérifiée(s) depuis plus de 12 mois, au samedi 28 novembre 2026 :",
        "- Atelier Très Ancien — vérifiée le 2024-01-15 — @alice, @bob — "
        f"{DEPOT}/edit/main/data/actors/tres-ancien.yaml",
        "- Atelier Un An Et Un Jour — vérifiée le 2025-11-27 — @carole — "
        f"{DEPOT}/edit/main/data/actors/un-an-et-un-jour.yaml",
    ]
    # One day later, the entry checked exactly a year before is stale too.
    later = run(["fraicheur", "--donnees", "d"], tmp_path, BRIVE_MAINTENANT="2026-11-29T08:00")
    assert later.stdout.startswith("3 fiche(s)")
    assert "Atelier Juste Un An" in later.stdout


def test_fraicheur_markdown_for_the_monthly_issue(tmp_path):
    make_data_folder(tmp_path / "d", ACTORS)
    result = run(
        ["fraicheur", "--donnees", "d", "--format", "markdown", "--depot", DEPOT], tmp_path
    )
    assert result.returncode == 0
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    assert rows[0] == "| Fiche | Vérifiée le | Mainteneurs | Modifier |"
    assert rows[1] == (
        "| Atelier Très Ancien | lundi 15 janvier 2024 | @alice @bob | "
        f"[modifier tres-ancien.yaml]({DEPOT}/edit/main/data/actors/tres-ancien.yaml) |"
    )
    assert len(rows) == 3


def test_fraicheur_with_nothing_stale_says_so_as_the_workflow_expects(tmp_path):
    make_data_folder(tmp_path / "d", {"recent.yaml": ACTORS["recent.yaml"]})
    result = run(["fraicheur", "--donnees", "d", "--format", "markdown"], tmp_path)
    assert result.returncode == 0
    workflow = (ROOT / ".github" / "workflows" / "fraicheur.yml").read_text(encoding="utf-8")
    pattern = re.search(r"grep -q '\^([^']+)' fraicheur\.md", workflow).group(1)
    assert result.stdout.startswith(pattern)


def test_fraicheur_default_links_follow_mkdocs_yml(tmp_path, monkeypatch):
    monkeypatch.delenv("BRIVE_DEPOT", raising=False)
    monkeypatch.chdir(ROOT)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=cli._ConfigLoader)
    assert cli.repository(None) == config["extra"]["brive"]["depot"].rstrip("/")
    monkeypatch.setenv("BRIVE_DEPOT", DEPOT + "/")
    assert cli.repository(None) == DEPOT


def test_partner_text_stays_text_in_the_issue():
    entry = StaleEntry("x", "A | B *gras* [lien](javascript:x)", dt.date(2024, 1, 1), (), "u")
    row = as_markdown([entry], dt.date(2026, 1, 1)).splitlines()[4]
    assert row.startswith("| A / B \\*gras\\* \\[lien\\](javascript:x) |")


def test_site_badge_and_fraicheur_agree(demo_site):
    badges = set()
    for page in (demo_site / "annuaire").glob("*/index.html"):
        if BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
            ".brive-badge-a-verifier"
        ):
            badges.add(page.parent.name)
    values = {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in (ROOT / "demo" / "actors").glob("*.yaml")
    }
    listed = {e.id for e in stale_entries(values, dt.date(2026, 11, 28), DEPOT)}
    assert badges == listed and listed


def project_with(tmp_path: Path, actors: dict[str, str]) -> Path:
    project = tmp_path / "projet"
    project.mkdir()
    (project / "mkdocs.yml").write_text("site_name: x\n")
    make_data_folder(project / "donnees", actors)
    return project


def owners_of(text: str) -> dict[str, list[str]]:
    lines = [line.split() for line in text.splitlines() if line and not line.startswith("#")]
    return {line[0]: line[1:] for line in lines}


def test_codeowners_follows_the_maintainers(tmp_path):
    project = project_with(tmp_path, ACTORS)
    result = run(["codeowners", "--donnees", "donnees"], project)
    assert result.returncode == 0, result.stderr
    written = (project / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    team = PLACEHOLDER_TEAM
    assert owners_of(written) == {
        "*": [team],
        "/donnees/actors/recent.yaml": ["@alice", team],
        "/donnees/actors/tres-ancien.yaml": ["@alice", "@bob", team],
        "/donnees/actors/un-an-et-un-jour.yaml": ["@carole", team],
    }
    assert run(["codeowners", "--donnees", "donnees", "--verifier"], project).returncode == 0

    # A new maintainer: the committed file is out of date until the command runs again.
    path = project / "donnees" / "actors" / "juste-un-an.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "mainteneurs: [dora]\n")
    stale = run(["codeowners", "--donnees", "donnees", "--verifier"], project)
    assert stale.returncode == 1 and "n'est pas à jour" in stale.stderr
    assert (project / ".github" / "CODEOWNERS").read_text(encoding="utf-8") == written


def test_codeowners_team_option_env_and_kept_from_the_file(tmp_path):
    project = project_with(tmp_path, ACTORS)
    output = project / ".github" / "CODEOWNERS"
    run(["codeowners", "--donnees", "donnees", "--equipe", "office/relecture"], project)
    assert owners_of(output.read_text())["*"] == ["@office/relecture"]
    run(["codeowners", "--donnees", "donnees"], project)  # the team stays
    assert owners_of(output.read_text())["*"] == ["@office/relecture"]
    run(["codeowners", "--donnees", "donnees"], project, BRIVE_EQUIPE="@ville/solidarite")
    assert owners_of(output.read_text())["/donnees/actors/recent.yaml"] == [
        "@alice",
        "@ville/solidarite",
    ]


def test_codeowners_refuses_invalid_data(tmp_path):
    project = project_with(tmp_path, {"a.yaml": "nom: x\n"})
    result = run(["codeowners", "--donnees", "donnees"], project)
    assert result.returncode == 1
    assert "données invalides" in result.stderr
    assert not (project / ".github" / "CODEOWNERS").exists()


def test_committed_codeowners_is_up_to_date_with_data(monkeypatch):
    monkeypatch.delenv("BRIVE_MAINTENANT")  # the real date, as in CI
    monkeypatch.chdir(ROOT)
    committed = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    maintainers = {}
    for path in sorted((ROOT / "data" / "actors").glob("*.yaml")):
        value = yaml.safe_load(path.read_text(encoding="utf-8"))
        maintainers[f"data/actors/{path.name}"] = value.get("mainteneurs", [])
    team = owners_of(committed)["*"][0]
    assert committed == codeowners_text(maintainers, team), (
        ".github/CODEOWNERS n'est pas à jour : lancez .venv/bin/brive-solidarite codeowners"
    )
    assert cli.main(["codeowners", "--verifier"]) == 0
