"""The open data files of a build, by path relative to the site root: acteurs.json, .csv and
.geojson, the data·inclusion export and a contact card per actor. Also what /donnees/ says
about them. Confidential places go through publication.public_lieu: only their commune
leaves the site.

CSV choices (documented on /donnees/): UTF-8 with a byte order mark and `;` between
columns, what a French Excel expects to open accents and columns right (LibreOffice asks);
RFC 4180 quoting by the csv module; a text cell starting with = + - @ (or a tab or carriage
return) gets a leading apostrophe, so that no spreadsheet runs it as a formula (OWASP,
"CSV Injection"); numbers are written as numbers, with a decimal point."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from . import datainclusion
from .model import Actor, SiteData, national
from .publication import page_url, public_lieu, public_raw, vcard_path
from .referentiels import SCHEMA_DIR
from .vcard import vcard

CSV_DELIMITER = ";"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEP, TEXT_SEP = ", ", " | "  # between codes; between free texts

# (column, what it holds), in the order of the file.
CSV_COLUMNS = (
    ("id", "Identifiant de la fiche (nom du fichier), stable"),
    ("url", "Adresse de la fiche sur ce site"),
    ("nom", "Nom de l'organisation"),
    ("sigle", "Sigle ou nom court"),
    ("type", "Nature de l'organisation (association, ccas, collectivite, service-public…)"),
    ("description", "Présentation, au format Markdown"),
    ("thematiques", "Besoins auxquels répond l'organisation (codes, séparés par des virgules)"),
    ("thematiques_avec_services", "Les mêmes, plus ceux de ses services"),
    ("publics", "Publics (codes data·inclusion)"),
    ("age_min", "Âge minimum, en années"),
    ("age_max", "Âge maximum, en années"),
    ("modalites", "Comment on accède à l'aide (sans-rendez-vous, sur-orientation…)"),
    ("frais", "gratuit ou payant"),
    ("frais_precisions", "Précisions sur le coût"),
    ("adresse", "Numéro et rue (vide pour un lieu confidentiel)"),
    ("complement_adresse", "Bâtiment, étage… (vide pour un lieu confidentiel)"),
    ("code_postal", "Code postal (vide pour un lieu confidentiel)"),
    ("commune", "Commune"),
    ("code_insee", "Code INSEE de la commune"),
    ("latitude", "Latitude WGS84 (vide pour un lieu confidentiel)"),
    ("longitude", "Longitude WGS84 (vide pour un lieu confidentiel)"),
    ("lieu_confidentiel", "oui : l'adresse n'est pas publiée (mise à l'abri)"),
    ("telephone", "Téléphone, au format 05 55 17 71 82"),
    ("courriel", "Adresse électronique"),
    ("site_web", "Site web"),
    ("horaires_accueil", "Horaires au format OpenStreetMap opening_hours"),
    ("horaires_precisions", "Précisions sur les horaires"),
    ("fermetures", "Fermetures temporaires, séparées par « | »"),
    ("langues", "Langues parlées sur place (codes ISO 639-1)"),
    ("accessibilite_pmr", "oui ou non : accessible en fauteuil roulant"),
    ("accessibilite_precisions", "Précisions sur l'accessibilité"),
    ("acceslibre", "Fiche acceslibre du lieu"),
    ("reseaux_porteurs", "Réseaux nationaux (codes data·inclusion)"),
    ("siret", "Numéro SIRET"),
    ("services", "Noms des services, séparés par « | »"),
    ("charte_signee_le", "Date de signature de la charte de Brive Solidarité"),
    ("benevolat", "Appel à bénévoles"),
    ("date_maj", "Date de la dernière vérification de la fiche"),
)


def build_exports(data: SiteData, site_url: str, today: dt.date) -> dict[str, bytes]:
    """Every open data file of the site, by path relative to its root (each actor's own
    files: actor_files)."""
    files = {
        "donnees/acteurs.json": _json(actors_json(data, site_url)),
        "donnees/acteurs.csv": actors_csv(data, site_url),
        "donnees/acteurs.geojson": _json(actors_geojson(data, site_url)),
        "donnees/data-inclusion/structures.json": _json(
            datainclusion.structures(data, site_url, today)
        ),
        "donnees/data-inclusion/services.json": _json(
            datainclusion.services(data, site_url, today)
        ),
    }
    return files


def actor_files(actor: Actor, site_url: str) -> dict[str, bytes]:
    """The files of one actor beside its page: its contact card (vCard)."""
    return {vcard_path(actor.id): vcard(actor, site_url)}


def _json(value: list | dict) -> bytes:
    """One record per line (an actor, a service, a GeoJSON feature): readable, compared
    line by line, and written by json's encoder in C (indent= takes its Python one, three
    times slower: 0.4 s of the main process at 3,000 actors)."""
    if isinstance(value, dict):  # GeoJSON: its features one per line
        head = {key: item for key, item in value.items() if key != "features"}
        text = json.dumps(head, ensure_ascii=False)[:-1] + (", " if head else "") + '"features": '
        return (text + _lines(value["features"]) + "}\n").encode("utf-8")
    return (_lines(value) + "\n").encode("utf-8")


def _lines(records: list) -> str:
    if not records:
        return "[]"
    return "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n]"


def actors_json(data: SiteData, site_url: str) -> list[dict[str, Any]]:
    """Each actor file as written (confidential places reduced), plus its id and page."""
    return [{"id": a.id, "url": page_url(site_url, a.id), **public_raw(a.raw)} for a in data.actors]


def actors_geojson(data: SiteData, site_url: str) -> dict[str, Any]:
    features = []
    for actor in data.actors:
        lieu = public_lieu(actor.lieu)
        coordinates = lieu.public_coordinates if lieu else None
        if coordinates is None:
            continue
        properties = {
            "id": actor.id,
            "nom": actor.nom,
            "url": page_url(site_url, actor.id),
            "type": actor.type,
            "thematiques": sorted(actor.all_thematiques),
            "adresse": lieu.adresse,
            "complement_adresse": lieu.complement_adresse,
            "code_postal": lieu.code_postal,
            "commune": lieu.commune,
            "telephone": actor.telephone_e164,
            "horaires_accueil": actor.horaires_accueil,
        }
        features.append(
            {
                "type": "Feature",
                "id": actor.id,
                # GeoJSON (RFC 7946) orders a position longitude first.
                "geometry": {"type": "Point", "coordinates": [coordinates[1], coordinates[0]]},
                "properties": {k: v for k, v in properties.items() if v is not None},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def actors_csv(data: SiteData, site_url: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([name for name, _ in CSV_COLUMNS])
    for actor in data.actors:
        row = _csv_row(actor, site_url)
        writer.writerow([_cell(row.get(name)) for name, _ in CSV_COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value  # numbers stay numbers: a negative longitude is not a formula


def _csv_row(actor: Actor, site_url: str) -> dict[str, Any]:
    lieu = public_lieu(actor.lieu)
    acces = actor.accessibilite
    closures = [
        f"du {c.du.isoformat()}"
        + (f" au {c.au.isoformat()}" if c.au else " (sans fin)")
        + (f" : {c.motif}" if c.motif else "")
        for c in actor.fermetures
    ]
    row: dict[str, Any] = {
        "id": actor.id,
        "url": page_url(site_url, actor.id),
        "nom": actor.nom,
        "sigle": actor.sigle,
        "type": actor.type,
        "description": actor.description,
        "thematiques": LIST_SEP.join(actor.thematiques),
        "thematiques_avec_services": LIST_SEP.join(sorted(actor.all_thematiques)),
        "publics": LIST_SEP.join(actor.publics),
        "age_min": actor.age_min,
        "age_max": actor.age_max,
        "modalites": LIST_SEP.join(actor.modalites),
        "frais": actor.frais,
        "frais_precisions": actor.frais_precisions,
        "telephone": national(actor.telephone) if actor.telephone else None,
        "courriel": actor.courriel,
        "site_web": actor.site_web,
        "horaires_accueil": actor.horaires_accueil,
        "horaires_precisions": actor.horaires_precisions,
        "fermetures": TEXT_SEP.join(closures),
        "langues": LIST_SEP.join(actor.langues),
        "accessibilite_pmr": acces.pmr if acces else None,
        "accessibilite_precisions": acces.precisions if acces else None,
        "acceslibre": acces.acceslibre if acces else None,
        "reseaux_porteurs": LIST_SEP.join(actor.reseaux_porteurs),
        "siret": actor.siret,
        "services": TEXT_SEP.join(s.nom for s in actor.services),
        "charte_signee_le": actor.charte_signee_le.isoformat() if actor.charte_signee_le else None,
        "benevolat": actor.benevolat,
        "date_maj": actor.date_maj.isoformat(),
    }
    if lieu:
        for name in ("adresse", "complement_adresse", "code_postal", "commune", "code_insee"):
            row[name] = getattr(lieu, name)
        row["latitude"], row["longitude"] = lieu.public_coordinates or (None, None)
        row["lieu_confidentiel"] = lieu.confidentiel
    return row


def catalogue(data: SiteData) -> dict[str, Any]:
    """What /donnees/ says about the files: counts, fields, the CSV's choices."""
    schema = json.loads((SCHEMA_DIR / "acteur.schema.json").read_text(encoding="utf-8"))
    return {
        "acteurs": len(data.actors),
        "services": sum(max(1, len(a.services)) for a in data.actors),
        "points": sum(1 for a in data.actors if a.lieu and a.lieu.public_coordinates),
        "champs_json": [(k, v.get("description", "")) for k, v in schema["properties"].items()],
        "colonnes_csv": CSV_COLUMNS,
        "separateur": CSV_DELIMITER,
        "sans_equivalent": [t for t in data.thematiques.values() if not t.data_inclusion],
    }
