"""What runs on GitHub, checked as far as this machine allows: every workflow parses, has
the right triggers, and names only commands that exist (make targets of the Makefile,
subcommands and options of brive-solidarite, files of the repository); the pre-commit
hooks too; annotations follow GitHub's format."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from brive_solidarite import cli
from conftest import ROOT, make_data_folder

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
# Tools of the runner that the workflows may call, besides the project's own commands.
TOOLS = {"gh", "grep", "mv", "true"}
SHELL_WORDS = {"if", "then", "elif", "else", "fi", "!"}


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return {m.group(1) for m in re.finditer(r"^([A-Za-z][\w.-]*):(?!=)", text, re.M)}


def commands(script: str) -> list[list[str]]:
    """The simple commands of a shell script: words, without redirections, assignments
    and shell keywords."""
    out = []
    script = script.replace("\\\n", " ")
    for line in script.splitlines():
        for part in re.split(r"&&|\|\||;|\||\$\(|\)", line):
            words = shlex.split(part, comments=True)
            clean, skip = [], False
            for word in words:
                if skip:
                    skip = False
                elif re.fullmatch(r"\d?[<>]{1,2}", word):
                    skip = True  # the file of a redirection
                elif re.match(r"^\d?[<>]", word):  # 2>/dev/null
                    continue
                elif clean or (word not in SHELL_WORDS and not re.match(r"^\w+=", word)):
                    clean.append(word)
            if clean and clean[0] not in ("[", "test"):  # a condition runs no program
                out.append(clean)
    return out


def check_command(words: list[str], where: str) -> None:
    program = words[0]
    if program == "make":
        targets = [w for w in words[1:] if not w.startswith("-") and "=" not in w]
        assert targets, f"{where}: make without a target"
        unknown = set(targets) - make_targets()
        assert not unknown, f"{where}: unknown make target(s) {unknown}"
    elif program.endswith("brive-solidarite"):
        assert program in ("brive-solidarite", ".venv/bin/brive-solidarite"), where
        try:
            cli.build_parser().parse_args(words[1:])
        except SystemExit:
            pytest.fail(f"{where}: brive-solidarite refuses {words[1:]}")
    elif "/" in program:
        path = ROOT / program
        assert path.is_file() and os.access(path, os.X_OK), f"{where}: no executable {program}"
    else:
        assert program in TOOLS, f"{where}: unexpected command {program}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_parses_and_names_only_existing_commands(path):
    data = load(path)
    assert data["name"] and data["on"] and data["jobs"]
    for job_id, job in data["jobs"].items():
        assert job["runs-on"].startswith("ubuntu-"), job_id
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), (job_id, step)
            if "uses" in step:
                assert re.fullmatch(r"actions/[\w-]+@v\d+", step["uses"]), step["uses"]
                continue
            for words in commands(step["run"]):
                check_command(words, f"{path.name}: {job_id}: {step.get('name', '')}")


def test_the_parser_sees_every_command():
    assert commands("make check PYTHON=python3 && .venv/bin/x valider > out.md 2>/dev/null") == [
        ["make", "check", "PYTHON=python3"],
        [".venv/bin/x", "valider"],
    ]
    assert commands("n=$(gh issue list --jq '.[0]')\nif grep -q x f; then gh issue close; fi") == [
        ["gh", "issue", "list", "--jq", ".[0]"],
        ["grep", "-q", "x", "f"],
        ["gh", "issue", "close"],
    ]
    assert commands('if [ -n "$n" ]; then true; fi') == [["true"]]
    for wrong in (["make", "publier"], [".ci/absent"], ["curl", "x"]):
        with pytest.raises(AssertionError):
            check_command(wrong, "test")
    for wrong in (["verifier"], ["fraicheur", "--format", "html"]):
        with pytest.raises(pytest.fail.Exception):
            check_command(["brive-solidarite", *wrong], "test")


def jobs(name: str) -> dict:
    return load(ROOT / ".github" / "workflows" / name)["jobs"]


def runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def uses(job: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def test_pull_requests_are_checked_built_tested_and_previewed():
    data = load(ROOT / ".github" / "workflows" / "verifier.yml")
    assert "pull_request" in data["on"]
    job = data["jobs"]["verifier"]
    script = runs(job)
    for command in ("make check", "codeowners --verifier", "make build", ".ci/run"):
        assert command in script
    assert "actions/upload-artifact" in uses(job)
    # Debian's Chromium for the browser tests (.ci/run installs it with apt-get).
    assert job["container"].endswith("bookworm")


def test_main_and_every_night_are_published_on_pages():
    data = load(ROOT / ".github" / "workflows" / "publier.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert len(data["on"]["schedule"][0]["cron"].split()) == 5
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = data["jobs"]["construire"], data["jobs"]["publier"]
    assert ".ci/run" in runs(build) and "make build" in runs(build)
    assert build["container"].endswith("bookworm")
    assert "actions/upload-pages-artifact" in uses(build)
    assert deploy["needs"] == "construire"
    assert uses(deploy) == ["actions/deploy-pages"]


def test_monthly_freshness_issue():
    data = load(ROOT / ".github" / "workflows" / "fraicheur.yml")
    minute, hour, day, month, weekday = data["on"]["schedule"][0]["cron"].split()
    assert day == "1" and month == "*" and weekday == "*"
    assert data["permissions"]["issues"] == "write"
    script = runs(data["jobs"]["fraicheur"])
    assert "brive-solidarite fraicheur --format markdown" in script
    for command in ("gh issue create", "gh issue edit", "--label fraicheur"):
        assert command in script


def test_pre_commit_hooks_run_existing_commands():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert {h["id"] for h in hooks} >= {"brive-valider", "brive-codeowners"}
    for hook in hooks:
        assert re.search(hook["files"], "data/actors/epicerie-fictive.yaml")
        words = shlex.split(hook["entry"])
        if hook.get("pass_filenames", True):
            words.append("data/actors/epicerie-fictive.yaml")
        check_command(words, f"pre-commit: {hook['id']}")


def test_annotations_follow_githubs_format(tmp_path):
    bad = 'nom: "x"\ntype: association\n'
    make_data_folder(tmp_path / "d", {"mon,asso.yaml": bad, "b.yaml": bad.replace("x", "y%")})
    result = subprocess.run(
        [str(Path(sys.executable).parent / "brive-solidarite"), "valider", "--donnees", "d"],
        cwd=tmp_path,
        env={**os.environ, "GITHUB_ACTIONS": "true"},
        capture_output=True,
        text=True,
        check=False,
    )
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    problems = [line for line in result.stdout.splitlines() if re.match(r"^d/actors/", line)]
    assert annotations and len(annotations) == len(problems)
    # https://docs.github.com/actions/reference/workflow-commands-for-github-actions
    for line in annotations:
        assert re.fullmatch(r"::error file=[^,:\s]+,line=[1-9]\d*::\S.*", line), line
    assert any(
        line.startswith("::error file=d/actors/mon%2Casso.yaml,line=") for line in annotations
    )
