"""A contact card (vCard 4.0, RFC 6350) per actor, for "Enregistrer le contact".

Text values are escaped as RFC 6350 section 3.4 says (backslash, comma, semicolon, line
breaks), so that no partner text can start a property of its own; long lines are folded
at 75 octets (section 3.2). A confidential place gives its commune only."""

from __future__ import annotations

import re

from .model import Actor
from .publication import page_url, public_lieu, site_root, vcard_path


def escape(text: str) -> str:
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return re.sub(r"\r\n|\r|\n", "\\\\n", text)


def _uri(value: str) -> str:
    # URIs are not text values: no escaping, but never a line break.
    return re.sub(r"[\r\n]", "", value)


def fold(line: str) -> str:
    """Lines of at most 75 octets, continued by CRLF and a space, never inside a character."""
    if len(line) * 4 <= 75 or len(line.encode("utf-8")) <= 75:
        return line  # most lines: nothing to fold
    out, current = [], b""
    limit = 75
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            out.append(current)
            current, limit = b"", 74  # the leading space counts
        current += encoded
    out.append(current)
    return "\r\n ".join(part.decode("utf-8") for part in out)


def vcard(actor: Actor, site_url: str) -> bytes:
    url = page_url(site_url, actor.id)
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "KIND:org",
        f"FN:{escape(actor.nom)}",
        f"ORG:{escape(actor.nom)}",
    ]
    if actor.sigle:
        lines.append(f"NICKNAME:{escape(actor.sigle)}")
    if actor.telephone:
        lines.append(f"TEL;VALUE=uri;TYPE=work,voice:tel:{actor.telephone_e164}")
    if actor.courriel:
        lines.append(f"EMAIL;TYPE=work:{escape(actor.courriel)}")
    if actor.site_web:
        lines.append(f"URL;TYPE=work:{_uri(actor.site_web)}")
    lines.append(f"URL:{_uri(url)}")
    lieu = public_lieu(actor.lieu)
    if lieu:
        # ADR: post office box; extended address; street; locality; region; code; country.
        parts = (
            "",
            lieu.complement_adresse,
            lieu.adresse,
            lieu.commune,
            "",
            lieu.code_postal,
            "France",
        )
        lines.append("ADR;TYPE=work:" + ";".join(escape(p or "") for p in parts))
        if lieu.public_coordinates:
            lines.append("GEO:geo:{},{}".format(*lieu.public_coordinates))
    lines += [
        f"SOURCE:{_uri(site_root(site_url) + vcard_path(actor.id))}",
        f"REV:{actor.date_maj:%Y%m%d}T000000Z",
        "END:VCARD",
    ]
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")
