"""Open data: the files of /donnees/, the data·inclusion export, JSON-LD and contact cards.

Pure tests on the demo model first, then assertions on the strictly built demo site."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
import yaml
from bs4 import BeautifulSoup
from data_inclusion.schema import v1

from brive_solidarite import datainclusion, schemaorg
from brive_solidarite.exports import CSV_COLUMNS, _cell
from brive_solidarite.loading import load_data
from brive_solidarite.model import Fermeture, e164
from brive_solidarite.vcard import escape, fold
from conftest import ROOT

DEMO = ROOT / "demo"
SITE_URL = "https://brive-solidarite.a-configurer.invalid/"  # mkdocs.yml's default
TODAY = dt.date(2026, 11, 28)  # conftest.NOW, a Saturday


@pytest.fixture(scope="module")
def demo():
    return load_data(DEMO, TODAY)


@pytest.fixture(scope="module")
def actors() -> dict[str, dict]:
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((DEMO / "actors").glob("*.yaml"))
    }


def secrets(actors: dict[str, dict]) -> list[str]:
    """Every confidential address, complement and coordinate of the demo, services included."""
    found = []
    for actor in actors.values():
        for lieu in [actor.get("lieu")] + [s.get("lieu") for s in actor.get("services", [])]:
            if lieu and lieu.get("confidentiel"):
                found += [lieu[k] for k in ("adresse", "complement_adresse") if lieu.get(k)]
                found += [str(lieu[k]) for k in ("latitude", "longitude") if k in lieu]
    return found


def read_json(site, path):
    return json.loads((site / path).read_text(encoding="utf-8"))


def jsonld(site, actor_id) -> tuple[str, dict]:
    page = BeautifulSoup(
        (site / "annuaire" / actor_id / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) == 1, actor_id
    return scripts[0].string, json.loads(scripts[0].string)


def unfold(card: str) -> list[str]:
    return card.replace("\r\n ", "").split("\r\n")


# --- acteurs.json, acteurs.csv, acteurs.geojson ------------------------------------------


def test_acteurs_json_is_each_file_as_written_plus_id_and_url(demo_site, demo, actors):
    records = read_json(demo_site, "donnees/acteurs.json")
    assert [r["id"] for r in records] == [a.id for a in demo.actors]  # the directory's order
    assert sorted(r["id"] for r in records) == sorted(actors)  # each actor exactly once
    for record in records:
        original = json.loads(json.dumps(actors[record["id"]], default=str))
        assert record["url"] == f"{SITE_URL}annuaire/{record['id']}/"
        assert record["nom"] == original["nom"]
        assert len(record.get("services", [])) == len(original.get("services", []))
        if not (original.get("lieu") or {}).get("confidentiel"):
            assert record.get("lieu") == original.get("lieu")
        else:
            assert set(record["lieu"]) <= {"commune", "code_insee", "confidentiel"}


def test_acteurs_csv_opens_with_accents_and_columns(demo_site, actors):
    raw = (demo_site / "donnees" / "acteurs.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert list(rows[0]) == [name for name, _ in CSV_COLUMNS]
    assert sorted(r["id"] for r in rows) == sorted(actors)  # each actor exactly once
    by_id = {r["id"]: r for r in rows}
    assert by_id["epicerie-fictive-des-essais"]["nom"] == "Épicerie Fictive des Essais"
    assert (
        by_id["epicerie-fictive-des-essais"]["complement_adresse"] == "Bâtiment B, rez-de-chaussée"
    )
    assert by_id["epicerie-fictive-des-essais"]["telephone"] == "05 36 49 00 01"
    assert by_id["refuge-fictif-pour-femmes"]["adresse"] == ""
    assert by_id["refuge-fictif-pour-femmes"]["latitude"] == ""
    assert by_id["refuge-fictif-pour-femmes"]["lieu_confidentiel"] == "oui"
    for actor_id, actor in actors.items():
        row = by_id[actor_id]
        expected = actor["nom"]
        assert row["nom"] == ("'" + expected if expected[0] in "=+-@" else expected)
        # Multi-line Markdown survives the round trip (RFC 4180 quoting).
        assert row["description"] == actor["description"]


def test_csv_neutralises_spreadsheet_formulas(demo_site):
    raw = (demo_site / "donnees" / "acteurs.csv").read_text(encoding="utf-8-sig")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(raw, newline=""), delimiter=";")}
    assert rows["test-injection-nom"]["frais_precisions"].startswith("'=HYPERLINK(")
    for row in rows.values():
        for value in row.values():
            assert not value.startswith(("=", "+", "@")), value
    assert _cell("-2+3") == "'-2+3" and _cell("@SOMME(1)") == "'@SOMME(1)"
    assert _cell(-4.48) == -4.48  # a longitude west of Greenwich is a number, not a formula
    assert _cell(True) == "oui" and _cell(None) == ""


def test_geojson_has_exactly_the_public_points(demo_site, actors):
    collection = read_json(demo_site, "donnees/acteurs.geojson")
    assert collection["type"] == "FeatureCollection"
    expected = {
        actor_id: (a["lieu"]["longitude"], a["lieu"]["latitude"])
        for actor_id, a in actors.items()
        if "latitude" in a.get("lieu", {}) and not a["lieu"].get("confidentiel")
    }
    found = {
        f["properties"]["id"]: tuple(f["geometry"]["coordinates"]) for f in collection["features"]
    }
    assert len(collection["features"]) == len(found)
    assert found == expected  # [longitude, latitude], as RFC 7946 orders them
    assert all(f["geometry"]["type"] == "Point" for f in collection["features"])


def test_json_exports_have_one_record_per_line(demo_site):
    # Readable and compared line by line: a changed actor is a changed line.
    for path in (
        "donnees/acteurs.json",
        "donnees/acteurs.geojson",
        "donnees/data-inclusion/structures.json",
        "donnees/data-inclusion/services.json",
    ):
        value = read_json(demo_site, path)
        records = value["features"] if isinstance(value, dict) else value
        lines = (demo_site / path).read_text(encoding="utf-8").removesuffix("\n").split("\n")
        assert len(records) > 20 and len(lines) == len(records) + 2, path
        for line, record in zip(lines[1:-1], records, strict=True):
            assert json.loads(line.removesuffix(",")) == record, path


# --- data·inclusion ----------------------------------------------------------------------


def test_data_inclusion_structures_one_per_actor_and_valid(demo_site, actors):
    records = read_json(demo_site, "donnees/data-inclusion/structures.json")
    assert sorted(r["id"] for r in records) == sorted(
        f"brive-solidarite--{actor_id}" for actor_id in actors
    )
    for record in records:
        assert set(record) <= set(v1.Structure.model_fields), record["id"]
        v1.Structure.model_validate(record, context={"ignore_warnings": False})
        assert record["source"] == "brive-solidarite"
        actor_id = record["id"].removeprefix("brive-solidarite--")
        assert record["lien_source"] == f"{SITE_URL}annuaire/{actor_id}/"
        if "telephone" in actors[actor_id]:
            assert record["telephone"] == e164(actors[actor_id]["telephone"])


def test_data_inclusion_services_cover_every_actor_and_validate(demo_site, actors):
    records = read_json(demo_site, "donnees/data-inclusion/services.json")
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))
    structures = {r["structure_id"] for r in records}
    assert structures == {f"brive-solidarite--{actor_id}" for actor_id in actors}
    for record in records:
        assert set(record) <= set(v1.Service.model_fields), record["id"]
        v1.Service.model_validate(record, context={"ignore_warnings": False})
        assert record["id"].startswith(record["structure_id"] + "--")
        assert re.fullmatch(r"brive-solidarite--[a-z0-9-]+--[a-z0-9-]+", record["id"])
    for actor_id, actor in actors.items():
        mine = [r for r in records if r["structure_id"] == f"brive-solidarite--{actor_id}"]
        if actor.get("services"):
            assert len(mine) == len(actor["services"]), actor_id
        else:
            assert [r["id"] for r in mine] == [f"brive-solidarite--{actor_id}--accueil"]


def test_service_ids_are_slugs_of_names(demo):
    epicerie = next(a for a in demo.actors if a.id == "epicerie-fictive-des-essais")
    assert datainclusion.service_ids(epicerie) == [
        "brive-solidarite--epicerie-fictive-des-essais--colis-d-urgence-fictif",
        "brive-solidarite--epicerie-fictive-des-essais--atelier-cuisine-imaginaire",
    ]
    hostile = next(a for a in demo.actors if a.id == "test-injection-nom")
    assert datainclusion.service_ids(hostile)[0].endswith("--svg-onload-alert-service-nom")


def test_thematiques_go_through_the_mapping_with_the_hygiene_fallback(demo):
    services = datainclusion.services(demo, SITE_URL, TODAY)
    bains = next(a for a in demo.actors if a.id == "bains-douches-imaginaires")
    for actor in demo.actors:
        offers = actor.services or [actor]
        for offer, service_id in zip(offers, datainclusion.service_ids(actor), strict=True):
            record = next(r for r in services if r["id"] == service_id)
            expected = {n for c in offer.thematiques for n in demo.thematiques[c].data_inclusion}
            assert set(record.get("thematiques", [])) == expected, service_id
            if "hygiene" in offer.thematiques:
                assert "Aussi : Se laver, laver son linge." in record["description"]
    assert demo.thematiques["hygiene"].data_inclusion == ()
    assert any("hygiene" in s.thematiques for s in bains.services)


def test_data_inclusion_folds_what_has_no_national_field(demo):
    services = {r["id"]: r for r in datainclusion.services(demo, SITE_URL, TODAY)}
    structures = {r["id"]: r for r in datainclusion.structures(demo, SITE_URL, TODAY)}
    epicerie = structures["brive-solidarite--epicerie-fictive-des-essais"]
    # The closure under way is a date-range `off` rule and a sentence.
    assert epicerie["horaires_accueil"] == "Tu,Th 14:00-17:00; 2026 Nov 28-2026 Dec 10 off"
    assert (
        "Fermetures : du samedi 28 novembre 2026 au jeudi 10 décembre 2026 inclus"
        in (epicerie["description"])
    )
    assert "Langues parlées : français, anglais." in epicerie["description"]
    assert "Rampe côté parking" in epicerie["description"]
    cuisine = services["brive-solidarite--epicerie-fictive-des-essais--atelier-cuisine-imaginaire"]
    assert "Bénévolat : Nous cherchons une personne pour animer" in cuisine["description"]
    aged = [a for a in demo.actors if a.age_min is not None and not a.services]
    assert aged, "the demo should have an actor with an age range and no service"
    record = services[datainclusion.service_ids(aged[0])[0]]
    assert str(aged[0].age_min) in record["publics_precisions"]


def test_modalites_map_to_national_modes(demo):
    services = {r["id"]: r for r in datainclusion.services(demo, SITE_URL, TODAY)}
    colis = services["brive-solidarite--epicerie-fictive-des-essais--colis-d-urgence-fictif"]
    assert colis["mobilisable_par"] == ["professionnels"]  # sur-orientation, inherited
    assert colis["modes_accueil"] == ["en-presentiel"]
    refuge = services["brive-solidarite--refuge-fictif-pour-femmes--accueil"]
    assert refuge["modes_accueil"] == ["a-distance", "en-presentiel"]
    assert refuge["mobilisable_par"] == ["usagers", "professionnels"]
    assert "se-presenter" not in refuge["modes_mobilisation"]  # its address is secret
    assert {"adresse", "latitude", "longitude", "code_postal"}.isdisjoint(refuge)
    assert refuge["commune"] == "Brive-la-Gaillarde"


# --- schema.org JSON-LD ------------------------------------------------------------------


def test_every_actor_page_has_json_ld_of_the_right_type(demo_site, actors):
    expected_types = {
        "collectivite": "GovernmentOrganization",
        "ccas": "GovernmentOrganization",
        "service-public": "GovernmentOrganization",
        "association": "NGO",
        "etablissement-sante": "MedicalOrganization",
    }
    for actor_id, actor in actors.items():
        text, data = jsonld(demo_site, actor_id)
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == expected_types.get(actor["type"], "Organization"), actor_id
        assert data["name"] == actor["nom"]
        assert data["mainEntityOfPage"] == f"{SITE_URL}annuaire/{actor_id}/"
        if "telephone" in actor:
            assert data["telephone"] == e164(actor["telephone"])
        if "courriel" in actor:
            assert data["email"] == actor["courriel"]
        offers = data.get("makesOffer", [])
        assert [o["itemOffered"]["name"] for o in offers] == [
            s["nom"] for s in actor.get("services", [])
        ]
        service_type = (
            "GovernmentService" if data["@type"] == "GovernmentOrganization" else "Service"
        )
        assert all(o["itemOffered"]["@type"] == service_type for o in offers)
        # Partner text cannot close the script element nor open another.
        assert "<" not in text and ">" not in text and "&" not in text


def test_json_ld_place_hours_and_closures(demo_site):
    _, data = jsonld(demo_site, "epicerie-fictive-des-essais")
    place = data["location"]
    assert place["@type"] == "Place"
    assert place["address"]["streetAddress"].startswith("12 rue de l'Exemple")
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 45.1589, "longitude": 1.5321}
    assert place["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["https://schema.org/Tuesday", "https://schema.org/Thursday"],
            "opens": "14:00",
            "closes": "17:00",
        }
    ]
    closure = place["specialOpeningHoursSpecification"][0]
    assert (closure["validFrom"], closure["validThrough"]) == ("2026-11-28", "2026-12-10")
    assert closure["opens"] == closure["closes"] == "00:00"


def test_json_ld_of_a_confidential_place_gives_the_commune_only(demo_site):
    _, data = jsonld(demo_site, "refuge-fictif-pour-femmes")
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Brive-la-Gaillarde",
        "addressCountry": "FR",
    }
    assert "geo" not in data["location"]


def test_opening_specifications_weekly_with_public_holidays():
    regular, special = schemaorg.opening_specifications(
        "Mo-Fr 09:00-12:00,14:00-17:00; PH off", [], TODAY
    )
    weekdays = [f"https://schema.org/{d}" for d in schemaorg.DAYS[:5]]
    assert [(s["dayOfWeek"], s["opens"], s["closes"]) for s in regular] == [
        (weekdays, "09:00", "12:00"),
        (weekdays, "14:00", "17:00"),
    ]
    christmas = [s for s in special if s["validFrom"] == "2026-12-25"]
    assert christmas == [
        {
            "@type": "OpeningHoursSpecification",
            "opens": "00:00",
            "closes": "00:00",
            "validFrom": "2026-12-25",
            "validThrough": "2026-12-25",
        }
    ]


def test_opening_specifications_overnight_and_always_open():
    regular, _ = schemaorg.opening_specifications("Mo-Su 19:00-08:00", [], TODAY)
    every_day = [f"https://schema.org/{d}" for d in schemaorg.DAYS]
    assert [(s["dayOfWeek"], s["opens"], s["closes"]) for s in regular] == [
        (every_day, "00:00", "08:00"),
        (every_day, "19:00", "23:59"),
    ]
    regular, _ = schemaorg.opening_specifications("24/7", [], TODAY)
    assert [(s["dayOfWeek"], s["opens"], s["closes"]) for s in regular] == [
        (every_day, "00:00", "23:59")
    ]


def test_opening_specifications_seasonal_and_irregular_are_dated():
    regular, _ = schemaorg.opening_specifications("Apr-Oct We 15:00-17:30", [], TODAY)
    assert regular == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["https://schema.org/Wednesday"],
            "opens": "15:00",
            "closes": "17:30",
            "validFrom": "2027-04-05",
            "validThrough": "2027-10-31",
        }
    ]
    regular, _ = schemaorg.opening_specifications("Mo[1] 14:00-16:00", [], TODAY)
    assert [(s["validFrom"], s["validThrough"]) for s in regular] == [
        ("2026-12-07", "2026-12-13"),
        ("2027-01-04", "2027-01-10"),
    ]
    _, special = schemaorg.opening_specifications(
        "Sa 10:00-12:00", [Fermeture(dt.date(2027, 2, 1), None, "Travaux")], TODAY
    )
    assert special == [
        {
            "@type": "OpeningHoursSpecification",
            "opens": "00:00",
            "closes": "00:00",
            "validFrom": "2027-02-01",
            "description": "Travaux",
        }
    ]


# --- vCard -------------------------------------------------------------------------------


def test_vcard_escaping_and_folding():
    assert escape("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"
    line = "NOTE:" + "é" * 100
    folded = fold(line)
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_every_actor_has_a_contact_card(demo_site, actors):
    for actor_id, actor in actors.items():
        page = (demo_site / "annuaire" / actor_id / "index.html").read_text(encoding="utf-8")
        link = BeautifulSoup(page, "html.parser").find(
            "a", href="../../annuaire/" + actor_id + "/contact.vcf"
        )
        assert link is not None and "Enregistrer le contact" in link.get_text(), actor_id
        raw = (demo_site / "annuaire" / actor_id / "contact.vcf").read_bytes()
        card = raw.decode("utf-8")
        assert all(len(line) <= 75 for line in raw.split(b"\r\n")), actor_id
        assert "\n" not in card.replace("\r\n", "")  # no bare line break from partner text
        lines = unfold(card)
        assert lines[:2] == ["BEGIN:VCARD", "VERSION:4.0"] and lines[-2:] == ["END:VCARD", ""]
        assert f"FN:{escape(actor['nom'])}" in lines
        if "telephone" in actor:
            assert f"TEL;VALUE=uri;TYPE=work,voice:tel:{e164(actor['telephone'])}" in lines
        names = [line.split(":", 1)[0].split(";")[0] for line in lines if line]
        assert set(names) <= {
            "BEGIN", "VERSION", "KIND", "FN", "ORG", "NICKNAME", "TEL", "EMAIL", "URL", "ADR",
            "GEO", "SOURCE", "REV", "END",
        }, actor_id  # fmt: skip
    refuge = unfold(
        (demo_site / "annuaire/refuge-fictif-pour-femmes/contact.vcf").read_bytes().decode()
    )
    assert "ADR;TYPE=work:;;;Brive-la-Gaillarde;;;France" in refuge
    assert not any(line.startswith("GEO") for line in refuge)


# --- the whole site ----------------------------------------------------------------------


def test_nothing_confidential_in_any_output(demo_site, actors):
    hidden = secrets(actors)
    assert len(hidden) >= 6, "the demo should hide actor and service places"
    checked = 0
    for path in demo_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".geojson", ".vcf"):
            text = path.read_text(encoding="utf-8", errors="replace")
            checked += 1
            for secret in hidden:
                assert secret not in text, (path, secret)
    assert checked > 2 * len(actors)


def test_data_page_documents_and_links_every_file(demo_site):
    page = BeautifulSoup(
        (demo_site / "donnees" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    article = page.select_one("article.md-content__inner")
    text = article.get_text(" ", strip=True)
    for words in (
        "Licence Ouverte / Open Licence version 2.0",
        "samedi 28 novembre 2026",
        "point-virgule",
        "UTF-8",
        "Se laver, laver son linge",
        "apostrophe",
    ):
        assert words in text, words
    hrefs = {a["href"] for a in article.find_all("a")}
    for path in (
        "acteurs.json",
        "acteurs.csv",
        "acteurs.geojson",
        "data-inclusion/structures.json",
        "data-inclusion/services.json",
    ):
        assert f"../donnees/{path}" in hrefs, path
        assert (demo_site / "donnees" / path).is_file()
    for name, _ in CSV_COLUMNS:
        assert article.find("code", string=name) is not None, name
    home = BeautifulSoup((demo_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert (
        home.select_one(".brive-liens-legaux a[href='donnees/']").get_text() == "Données ouvertes"
    )
