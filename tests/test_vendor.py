"""Leaflet, vendored for the map: the committed copy in docs/assets/vendor/leaflet/ is the
npm package of package-lock.json, byte for byte (`make vendor` refreshes it)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "docs" / "assets" / "vendor" / "leaflet"
PACKAGE = ROOT / "node_modules" / "leaflet"
# Committed file -> its source in the npm package.
FILES = {
    "leaflet.js": "dist/leaflet.js",
    "leaflet.css": "dist/leaflet.css",
    "LICENSE": "LICENSE",
    **{f"images/{p.name}": f"dist/images/{p.name}" for p in (VENDOR / "images").glob("*.png")},
}


def locked_version() -> str:
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    return lock["packages"]["node_modules/leaflet"]["version"]


def test_the_package_is_pinned_exactly():
    declared = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert declared["dependencies"]["leaflet"] == locked_version()
    assert re.fullmatch(r"1\.9\.\d+", locked_version())


def test_the_copy_is_the_locked_version():
    """Holds without node_modules: the version written in the copied files."""
    assert f"leaflet {locked_version()}\n" in (VENDOR / "VERSION").read_text(encoding="utf-8")
    script = (VENDOR / "leaflet.js").read_text(encoding="utf-8")
    assert f'.version="{locked_version()}"' in script
    assert {"marker-icon.png", "marker-icon-2x.png", "marker-shadow.png"} <= {
        p.name for p in (VENDOR / "images").glob("*.png")
    }


def test_the_copy_is_byte_identical_to_the_npm_package():
    if not PACKAGE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("node_modules/leaflet manquant : `npm ci` (lancé par `make test`)")
        pytest.skip("node_modules absent : lancez `npm ci` (make test le fait)")
    installed = json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))
    assert installed["version"] == locked_version(), "npm ci, puis make vendor"
    sources = {p.name for p in (PACKAGE / "dist" / "images").glob("*.png")}
    assert {p.name for p in (VENDOR / "images").glob("*.png")} == sources
    stale = [
        name
        for name, source in FILES.items()
        if (VENDOR / name).read_bytes() != (PACKAGE / source).read_bytes()
    ]
    assert stale == [], "copie différente du paquet npm : lancez `make vendor`"
