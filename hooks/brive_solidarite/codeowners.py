"""The .github/CODEOWNERS file, made from the `mainteneurs` of each actor file.

GitHub asks the owners of a file to review every pull request that changes it
(https://docs.github.com/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners).
The office's team owns everything, and is also listed on each actor file so that it can
still accept a change when the partner's maintainers are away.
"""

from __future__ import annotations

import re

# Until the office creates its GitHub team: a visible placeholder, like the site's address.
PLACEHOLDER_TEAM = "@a-configurer/brive-solidarite"

HEADER = """\
# Qui relit quoi : GitHub demande l'avis de ces comptes sur chaque proposition qui touche
# leurs fichiers. Fichier produit par `brive-solidarite codeowners` à partir du champ
# « mainteneurs » des fiches : ne le modifiez pas à la main, modifiez les fiches puis
# relancez la commande. L'équipe de l'office relit tout ; pour la changer :
# `brive-solidarite codeowners --equipe @organisation/equipe` (ou BRIVE_EQUIPE).
# Un compte ne compte comme relecteur que s'il a accès en écriture au dépôt.
"""


def handle(name: str) -> str:
    """A GitHub account or team as CODEOWNERS writes it: with one leading @."""
    return "@" + name.strip().lstrip("@")


def codeowners_text(actors: dict[str, list[str]], team: str) -> str:
    """`actors`: path of each actor file from the repository root -> its mainteneurs."""
    team = handle(team)
    lines = [*HEADER.splitlines(), "", f"* {team}", ""]
    for path in sorted(actors):
        owners = list(dict.fromkeys(handle(m) for m in actors[path]))
        if owners:
            lines.append(f"/{path} {' '.join([*owners, team])}")
    return "\n".join(lines) + "\n"


def team_in(text: str) -> str | None:
    """The team of an existing CODEOWNERS file (its `*` line), to keep it on regeneration."""
    match = re.search(r"^\*\s+(\S+)", text, re.M)
    return match.group(1) if match else None
