"""What may leave the site about an actor: its absolute address, its places with the
confidential parts removed, stable slugs. Every export, the JSON-LD and the contact cards go
through here, so that a confidential address has one way out to guard: none."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from .model import Lieu


def site_root(site_url: str) -> str:
    return site_url.rstrip("/") + "/"


def page_url(site_url: str, actor_id: str) -> str:
    """Absolute address of an actor's page."""
    return f"{site_root(site_url)}annuaire/{actor_id}/"


def vcard_path(actor_id: str) -> str:
    """Where an actor's contact card is published, relative to the site root."""
    return f"annuaire/{actor_id}/contact.vcf"


def public_lieu(lieu: Lieu | None) -> Lieu | None:
    """The place as it may be published: a confidential one keeps its commune only (and
    the commune's INSEE code, which says no more than its name)."""
    if lieu is None or not lieu.confidentiel:
        return lieu
    return Lieu(commune=lieu.commune, code_insee=lieu.code_insee, confidentiel=True)


def _public_raw_lieu(lieu: dict[str, Any]) -> dict[str, Any]:
    if not lieu.get("confidentiel"):
        return dict(lieu)
    kept = {k: lieu[k] for k in ("commune", "code_insee") if k in lieu}
    return {**kept, "confidentiel": True}


def public_raw(raw: dict[str, Any]) -> dict[str, Any]:
    """An actor file's mapping, as written, with its confidential places reduced."""
    out = dict(raw)
    if "lieu" in out:
        out["lieu"] = _public_raw_lieu(out["lieu"])
    if "services" in out:
        out["services"] = [
            {**s, "lieu": _public_raw_lieu(s["lieu"])} if "lieu" in s else dict(s)
            for s in out["services"]
        ]
    return out


def slug(text: str) -> str:
    """ASCII words joined by hyphens: "Colis d'urgence" -> "colis-d-urgence"."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "-".join(re.findall(r"[a-z0-9]+", text))
