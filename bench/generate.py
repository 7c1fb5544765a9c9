"""Fictional data folders for the benchmarks: `python bench/generate.py DOSSIER N`.

Everything is invented: names "… Fictive n°123 des Essais", telephone numbers of the
05 36 49 fiction range, .example addresses. The same seed writes the same files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import unicodedata
from pathlib import Path

import yaml

from brive_solidarite.referentiels import referentiels

ROOT = Path(__file__).resolve().parents[1]
NOW = "2026-11-28T10:00"  # BRIVE_MAINTENANT of every benchmark (the tests' clock too)
TODAY = dt.date(2026, 11, 28)  # date_maj and signatures fall in the year before it
META = ("thematiques.yaml", "urgences.yaml", "office.yaml", "charte.yaml")

KINDS = [  # (start of the name, type)
    ("Association Fictive", "association"),
    ("Épicerie Solidaire Fictive", "association"),
    ("Collectif Imaginaire", "association"),
    ("Centre Communal Fictif", "ccas"),
    ("Maison de Quartier Fictive", "collectivite"),
    ("Service Public Imaginaire", "service-public"),
    ("Caisse Fictive", "organisme-social"),
    ("Centre de Santé Fictif", "etablissement-sante"),
    ("Bailleur Social Fictif", "bailleur-social"),
    ("Atelier Fictif", "autre"),
]
PLACES = ["des Essais", "de Démonstration", "du Quartier Imaginaire", "de l'Exemple", "des Tests"]
COMMUNES = [  # (commune, code postal, code INSEE): Brive and its neighbours
    ("Brive-la-Gaillarde", "19100", "19031"),
    ("Brive-la-Gaillarde", "19100", "19031"),
    ("Brive-la-Gaillarde", "19100", "19031"),
    ("Malemort", "19360", "19123"),
    ("Ussac", "19270", "19274"),
    ("Saint-Pantaléon-de-Larche", "19600", "19229"),
]
STREETS = ["rue de l'Exemple", "avenue du Cas-Pratique", "place de la Démonstration"]
STREETS += ["impasse des Essais", "boulevard Imaginaire", "allée du Prototype"]
HOURS = [  # OpenStreetMap opening_hours, in the forms partners write
    "Mo-Fr 09:00-12:00,14:00-17:00; PH off",
    "Tu,Th 14:00-17:00",
    "24/7",
    "Mo-Sa 08:30-12:30",
    "We 14:00-18:00; Sa 09:00-12:00",
    "Sep-Jun Mo,We 09:30-11:30,14:00-16:00",
    "Th[2] 18:00-20:00",
    "week 1-53/2 We 14:00-17:00",
    'Mo-Fr 09:00-17:00; Sa 09:00-12:00 "sur rendez-vous"',
    "Mo-Fr 08:00-18:00; PH off; Dec 24-Dec 31 off",
    "Tu-Sa 10:00-18:00; Jul-Aug Tu-Sa 10:00-13:00",
    "Fr[-1] 14:00-17:00",
]
NEEDS = {  # one sentence per need, for descriptions
    "alimentation": "Colis alimentaires et produits frais à petit prix, sur justificatif de ressources.",
    "hebergement": "Mise à l'abri, hébergement d'urgence et aide pour trouver un logement durable.",
    "hygiene": "Douches, machines à laver et kits d'hygiène, sans condition.",
    "sante": "Consultations, prévention et orientation vers les soins, même sans couverture maladie.",
    "acces-aux-droits": "Aide aux démarches : papiers, domiciliation, dossiers CAF, conseils juridiques.",
    "emploi": "Accompagnement vers l'emploi, CV, formation et chantiers d'insertion.",
    "isolement": "Un café, des visites à domicile et des sorties pour rompre l'isolement.",
    "famille": "Soutien aux parents, garde ponctuelle et activités pour les enfants.",
    "vetements": "Vestiaire solidaire : vêtements, chaussures et linge de maison.",
    "budget": "Aide pour le budget, les dettes et les factures d'énergie.",
    "mobilite": "Location de vélos et de scooters, aide au permis de conduire.",
    "numerique": "Accès à un ordinateur, aide aux démarches en ligne, ateliers d'initiation.",
    "violences": "Écoute confidentielle et mise à l'abri des victimes de violences.",
    "francais": "Cours de français pour adultes, tous niveaux, en petits groupes.",
    "culture-loisirs": "Sorties culturelles, sport et départs en vacances à prix réduit.",
}
EXTRAS = [
    "**Venez comme vous êtes** : l'accueil est anonyme et gratuit.",
    "Une équipe de bénévoles vous reçoit et prend le temps de vous écouter.",
    "Pensez à apporter une pièce d'identité si vous en avez une.",
    "Ce qu'il faut savoir :\n\n- l'accueil est confidentiel ;\n- un interprète peut être présent.",
    "Plus d'informations sur [notre site](https://infos.essais-fictifs.example.org).",
]
SERVICES = ["Permanence", "Atelier", "Distribution", "Accueil", "Accompagnement", "Aide"]
SERVICES += ["Groupe de parole", "Point d'information"]
MOTIFS = ["Congés de fin d'année", "Travaux", "Inventaire", "Formation de l'équipe", None]
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"]
LANGUES = ["en", "ar", "es", "pt", "ro", "ru", "uk", "fa", "ps", "tr", "it", "de"]


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def siret(rng: random.Random) -> str:
    """A 14-digit number of the fictional 999 range with a valid Luhn key."""
    body = "999" + "".join(rng.choice("0123456789") for _ in range(10))
    for key in "0123456789":
        total = 0
        for index, char in enumerate(reversed(body + key)):
            digit = int(char) * (2 if index % 2 else 1)
            total += digit - 9 if digit > 9 else digit
        if total % 10 == 0:
            return body + key
    raise AssertionError("unreachable")


def phone(rng: random.Random) -> str:
    return f"05 36 49 {rng.randrange(100):02d} {rng.randrange(100):02d}"


def day(rng: random.Random, before: int, after: int = 0) -> str:
    return (TODAY + dt.timedelta(days=rng.randint(-before, after))).isoformat()


def lieu(rng: random.Random, confidential: bool = False) -> dict:
    commune, code_postal, code_insee = rng.choice(COMMUNES)
    place = {"adresse": f"{rng.randint(1, 120)} {rng.choice(STREETS)}"}
    if rng.random() < 0.2:
        place["complement_adresse"] = f"Bâtiment {rng.choice('ABCD')}"
    place |= {"code_postal": code_postal, "commune": commune, "code_insee": code_insee}
    if rng.random() < 0.7:
        place["latitude"] = round(rng.uniform(45.13, 45.18), 4)
        place["longitude"] = round(rng.uniform(1.49, 1.56), 4)
    if confidential:
        place["confidentiel"] = True
    return place


def fermetures(rng: random.Random) -> list[dict]:
    out = []
    for _ in range(rng.choice([1, 1, 2])):
        start = TODAY + dt.timedelta(days=rng.randint(-20, 60))
        closure = {"du": start.isoformat()}
        if rng.random() < 0.9:
            closure["au"] = (start + dt.timedelta(days=rng.randint(0, 20))).isoformat()
        if motif := rng.choice(MOTIFS):
            closure["motif"] = motif
        out.append(closure)
    return out


def service(rng: random.Random, name: str, codes: list[str], ref: dict) -> dict:
    need = rng.choice(codes)
    item = {
        "nom": name,
        "description": NEEDS[need],
        "type_service": rng.choice(list(ref["types_service"])),
        "thematiques": [need],
    }
    if rng.random() < 0.5:
        item["modalites"] = rng.sample(list(ref["modalites"]), 1)
    if rng.random() < 0.4:
        item["horaires_accueil"] = rng.choice(HOURS)
    if rng.random() < 0.15:
        item["lieu"] = lieu(rng, confidential=rng.random() < 0.5)
        item["telephone"] = phone(rng)
    return item


def actor(rng: random.Random, number: int, codes: list[str], ref: dict) -> tuple[str, dict]:
    start, kind = rng.choice(KINDS)
    nom = f"{start} n°{number} {rng.choice(PLACES)}"
    ident = slug(nom)
    needs = rng.sample(codes, rng.choice([1, 1, 2, 2, 3]))
    text = [f"{nom} accueille les habitants de Brive et des environs."]
    text += [NEEDS[c] for c in needs] + rng.sample(EXTRAS, rng.randint(0, 2))
    a: dict = {"nom": nom}
    if rng.random() < 0.3:
        a["sigle"] = "".join(w[0] for w in nom.split() if w[0].isupper())
    a |= {"type": kind, "description": "\n\n".join(text) + "\n", "thematiques": needs}
    if rng.random() < 0.6:
        others = [p for p in ref["publics"] if p != "tous-publics"]
        a["publics"] = (
            ["tous-publics"] if rng.random() < 0.3 else rng.sample(others, rng.randint(1, 3))
        )
        if "jeunes" in a["publics"]:
            a |= {"age_min": 16, "age_max": 25}
    a["modalites"] = rng.sample(list(ref["modalites"]), rng.randint(1, 2))
    if rng.random() < 0.8:
        a["frais"] = rng.choice(["gratuit", "gratuit", "gratuit", "payant"])
        if a["frais"] == "payant":
            a["frais_precisions"] = f"Participation de {rng.randint(1, 5) * 5} % du prix."
    if rng.random() < 0.85:
        a["lieu"] = lieu(rng, confidential=rng.random() < 0.05)
    if rng.random() < 0.8:
        a["telephone"] = phone(rng)
    if rng.random() < 0.7:
        a["courriel"] = f"contact@{ident}.example"
    if rng.random() < 0.4:
        a["site_web"] = f"https://{ident}.example.org"
    if not {"telephone", "courriel", "site_web"} & a.keys():
        a["telephone"] = phone(rng)
    if rng.random() < 0.9:
        a["horaires_accueil"] = rng.choice(HOURS)
    if rng.random() < 0.2:
        a["horaires_precisions"] = "Fermé le premier lundi du mois."
    if rng.random() < 0.2:
        a["fermetures"] = fermetures(rng)
    if rng.random() < 0.5:
        a["langues"] = ["fr", *rng.sample(LANGUES, rng.randint(0, 4))]
    if rng.random() < 0.5:
        a["accessibilite"] = {"pmr": rng.random() < 0.7}
        if rng.random() < 0.3:
            a["accessibilite"]["precisions"] = "Rampe d'accès côté parking, boucle magnétique."
    if rng.random() < 0.25:
        a["reseaux_porteurs"] = rng.sample(list(ref["reseaux_porteurs"]), rng.randint(1, 2))
    if rng.random() < 0.3:
        a["siret"] = siret(rng)
    names = rng.sample(SERVICES, rng.choice([0, 0, 0, 0, 1, 1, 1, 2, 2, 3]))
    if names:
        a["services"] = [service(rng, f"{n} du {rng.choice(DAYS)}", needs, ref) for n in names]
    if rng.random() < 0.5:
        a["charte"] = {"signee_le": day(rng, 364)}
    if rng.random() < 0.2:
        a["benevolat"] = "Nous cherchons des bénévoles pour l'accueil, quelques heures par mois."
    if rng.random() < 0.3:
        a["mainteneurs"] = [f"mainteneur-fictif-{number}"]
    a["date_maj"] = day(rng, 364)
    if rng.random() < 0.3:
        a["sources"] = [f"Appel téléphonique à l'accueil, {a['date_maj']}"]
    return ident, a


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list(dumper: yaml.SafeDumper, value: list) -> yaml.Node:
    flow = all(isinstance(item, str) for item in value)  # [a, b] as partners write them
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(list, _list)


def generate(folder: Path, n: int, seed: int = 0) -> Path:
    """Write a complete data folder with `n` fictional actors into `folder`."""
    actors = folder / "actors"
    if actors.exists() and any(actors.iterdir()):
        raise FileExistsError(f"{actors} contient déjà des fiches")
    actors.mkdir(parents=True, exist_ok=True)
    for name in META:
        shutil.copy(ROOT / "data" / name, folder / name)
    shutil.copytree(ROOT / "data" / "charte", folder / "charte", dirs_exist_ok=True)
    (folder / "DONNEES-FICTIVES").write_text("Données générées par bench/generate.py.\n")
    codes = list(yaml.safe_load((folder / "thematiques.yaml").read_text(encoding="utf-8")))
    rng, ref = random.Random(seed), referentiels()
    for number in range(1, n + 1):
        ident, values = actor(rng, number, codes, ref)
        text = yaml.dump(
            values,
            Dumper=_Dumper,
            allow_unicode=True,
            sort_keys=False,
            width=1000,
        )
        header = "# yaml-language-server: $schema=../../schema/acteur.schema.json\n"
        (actors / f"{ident}.yaml").write_text(header + text, encoding="utf-8")
    return folder


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dossier", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--graine", type=int, default=0, help="seed (default 0)")
    args = parser.parse_args()
    generate(args.dossier, args.n, args.graine)
    print(f"{args.n} fiches fictives dans {args.dossier}")
