"""The enumerations of the data contract, read from referentiels.yaml beside this module."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_DIR = ROOT / "schema"


@cache
def referentiels() -> dict:
    # Read-only package data: caching it across builds is safe.
    with open(Path(__file__).with_name("referentiels.yaml"), encoding="utf-8") as f:
        return yaml.safe_load(f)


def material_icons() -> Path:
    """The icon folder of Material for MkDocs (material/<name>.svg), found without
    importing the theme."""
    spec = importlib.util.find_spec("material")
    return Path(spec.origin).parent / "templates" / ".icons"
