"""The "Réseau" section (reseau.py): who does what, volunteering and the territorial diagnosis,
checked on the parsed HTML of the demo build against the data files."""

from __future__ import annotations

import re

import phonenumbers
import yaml
from test_site import content, demo_actors, soup

from conftest import ROOT, build_site, make_data_folder

NEEDS = yaml.safe_load((ROOT / "data" / "thematiques.yaml").read_text(encoding="utf-8"))
ACTOR_FIELDS = ("modalites", "telephone", "courriel")


def expected_rows(code: str) -> list[tuple[str, str | None, dict]]:
    """(actor id, service name or None, the row's effective fields) for need `code`, in the
    order of the page: actors by name, the actor itself before its services."""
    rows = []
    for actor_id, actor in demo_actors().items():
        own = {k: actor.get(k) for k in ACTOR_FIELDS}
        direct = code in actor["thematiques"]
        if direct:
            rows.append((actor_id, None, own))
        for service in actor.get("services", []):
            if code in service.get("thematiques", actor["thematiques"]):
                rows.append((actor_id, service["nom"], {**own, **service}))
    return rows


def e164(number: str) -> str:
    return phonenumbers.format_number(
        phonenumbers.parse(number, "FR"), phonenumbers.PhoneNumberFormat.E164
    )


def page_rows(page, code: str) -> list[tuple[str, str | None, object]]:
    section = page.find(id=f"besoin-{code}").find_parent("section")
    rows = []
    for tr in section.select("table.brive-reseau-table tbody tr"):
        actor_id = tr.th.a["href"].split("/")[-2]
        service = tr.select_one("td[data-label=Service]").get_text(strip=True)
        name = service.removeprefix("« ").removesuffix(" »") if service.startswith("«") else None
        rows.append((actor_id, name, tr))
    return rows


def test_network_page_has_a_table_per_need_with_every_actor_and_service(demo_site):
    page = content(soup(demo_site / "reseau" / "index.html"))
    assert [s.h2["id"] for s in page.select("section.brive-reseau-besoin")] == [
        f"besoin-{code}" for code in NEEDS
    ]
    total = 0
    for code in NEEDS:
        expected = expected_rows(code)
        found = page_rows(page, code)
        assert {(a, s) for a, s, _ in found} == {(a, s) for a, s, _ in expected}, code
        assert len(found) == len(expected), code
        total += len(found)
    assert total > len(demo_actors())  # actors answer several needs, some by a service


def test_network_rows_say_how_to_refer_a_person(demo_site):
    page = content(soup(demo_site / "reseau" / "index.html"))
    checked = 0
    for code in NEEDS:
        fields = {(a, s): f for a, s, f in expected_rows(code)}
        for actor_id, service, tr in page_rows(page, code):
            wanted = fields[(actor_id, service)]
            links = [a["href"] for a in tr.select("td[data-label='Pour orienter'] a")]
            expected = []
            if wanted["telephone"]:
                expected.append(f"tel:{e164(wanted['telephone'])}")
            if wanted["courriel"]:
                expected.append(f"mailto:{wanted['courriel']}")
            assert links == expected, (code, actor_id, service)
            access = tr.select_one("td[data-label=Accueil]").get_text(" ", strip=True)
            assert ("Sur orientation" in access) == ("sur-orientation" in wanted["modalites"])
            checked += 1
    assert checked


def test_network_page_says_who_receives_on_referral(demo_site):
    page = content(soup(demo_site / "reseau" / "index.html"))
    seen = 0
    for code in NEEDS:
        section = page.find(id=f"besoin-{code}").find_parent("section")
        summary = section.select_one(".brive-reseau-orientation").get_text(" ", strip=True)
        referral = [
            (a, s) for a, s, f in expected_rows(code) if "sur-orientation" in f["modalites"]
        ]
        marked = [
            (a, s)
            for a, s, tr in page_rows(page, code)
            if "brive-reseau-ligne--orientation" in tr.get("class", [])
        ]
        assert set(marked) == set(referral) and len(marked) == len(referral), code
        if referral:
            assert summary.startswith("Sur orientation"), code
            for actor_id, service in referral:
                assert demo_actors()[actor_id]["nom"] in summary
                if service:
                    assert f"« {service} »" in summary
            seen += 1
        else:
            assert summary.startswith("Aucun acteur ne reçoit sur orientation"), code
    assert seen


def test_network_page_lists_charter_signatories_with_dates(demo_site):
    page = content(soup(demo_site / "reseau" / "index.html"))
    signed = {i: a["charte"]["signee_le"] for i, a in demo_actors().items() if a.get("charte")}
    items = page.select(".brive-signataires li")
    assert {li.a["href"].split("/")[-2] for li in items} == set(signed)
    dates = [signed[li.a["href"].split("/")[-2]] for li in items]
    assert dates == sorted(dates)  # oldest signature first
    for li in items:
        date = signed[li.a["href"].split("/")[-2]]
        assert li.get_text(" ", strip=True).endswith(str(date.year))


def test_network_page_is_printable_and_in_the_navigation(demo_site):
    page = soup(demo_site / "reseau" / "index.html")
    button = content(page).select_one(".brive-imprimer button")
    assert button.get_text(strip=True) == "Imprimer ce tableau"
    tabs = {a.get_text(strip=True): a["href"] for a in page.select(".md-tabs__link")}
    assert tabs["Réseau"] == "./"
    section = {a.get_text(strip=True): a["href"] for a in page.select("nav.md-nav--primary a")}
    assert section["Le réseau : qui fait quoi"] == "./"
    assert section["Devenir bénévole"] == "../benevolat/"
    assert section["Diagnostic territorial"] == "../diagnostic/"


def volunteer_calls() -> dict[str, list[tuple[str, str | None, str]]]:
    calls: dict[str, list] = {code: [] for code in NEEDS}
    for actor_id, actor in demo_actors().items():
        if actor.get("benevolat"):
            for code in actor["thematiques"]:
                calls[code].append((actor_id, None, actor["benevolat"]))
        for service in actor.get("services", []):
            if service.get("benevolat"):
                for code in service.get("thematiques", actor["thematiques"]):
                    calls[code].append((actor_id, service["nom"], service["benevolat"]))
    return {code: found for code, found in calls.items() if found}


def name_of(actor_id: str) -> str:
    return " ".join(demo_actors()[actor_id]["nom"].split())


def test_volunteer_page_lists_every_call_under_its_needs(demo_site):
    page = content(soup(demo_site / "benevolat" / "index.html"))
    calls = volunteer_calls()
    sections = page.select("section.brive-benevolat-besoin")
    assert [s.h3["id"] for s in sections] == [f"besoin-{code}" for code in calls]
    for section in sections:
        code = section.h3["id"].removeprefix("besoin-")
        found = []
        for li in section.select("ul.brive-appels > li"):
            actor_id = li.a["href"].removeprefix("../annuaire/").removesuffix("/")
            line = " ".join(li.get_text().split())
            service = (
                line.split("service « ", 1)[1].split(" »")[0] if ", service «" in line else None
            )
            found.append((actor_id, service, line))
        wanted = calls[code]
        assert len(found) == len(wanted), code
        for actor_id, service, text in wanted:
            prefix = name_of(actor_id) + (f", service « {service} »" if service else "")
            line = f"{prefix} : {' '.join(text.split())}"
            assert (actor_id, service, line) in found, (code, line)
    # Partner text stays text: the hostile call is printed, not turned into a link.
    assert '<a href="javascript:alert(9)">Rejoignez-nous</a>' in page.get_text()
    assert "Aidez-nous {{ 7*7 }} heures" in page.get_text()


def test_volunteer_page_tells_the_programme_and_how_to_offer_time(demo_site):
    page = content(soup(demo_site / "benevolat" / "index.html"))
    text = page.get_text(" ", strip=True)
    assert "« Une visite, un sourire »" in text
    assert "fin de l'année 2015" in text and "une quarantaine de personnes âgées" in text
    assert page.select_one("a[href='tel:+33555177182']").get_text() == "05 55 17 71 82"
    assert page.select_one("a[href='../contact/']")


def test_diagnostic_shows_every_indicator_with_its_source_and_date(demo_site):
    page = content(soup(demo_site / "diagnostic" / "index.html"))
    data = yaml.safe_load((ROOT / "data" / "diagnostic.yaml").read_text(encoding="utf-8"))
    expected = [i for r in data["rubriques"] for i in r["indicateurs"]]
    items = page.select("li.brive-indicateur")
    assert [h.get_text(strip=True) for h in page.select("section > h2")] == [
        r["titre"] for r in data["rubriques"]
    ]
    assert len(items) == len(expected)
    for li, indicator in zip(items, expected, strict=True):
        assert li.h3.get_text(strip=True) == indicator["titre"]
        source = li.select_one(".brive-indicateur__source a")
        assert source["href"] == indicator["source"]["url"]
        assert source.get_text(strip=True) == indicator["source"]["titre"]
        when = li.select_one(".brive-indicateur__date").get_text(" ", strip=True)
        if indicator.get("date_inconnue"):
            assert when.startswith("Date inconnue")
        elif "periode" in indicator:
            assert when.startswith(f"Période : {indicator['periode']}")
        else:
            assert when.startswith("Date : ")
        if "valeur" in indicator:
            assert li.select_one(".brive-indicateur__valeur").get_text() == indicator["valeur"]
    # The seed's exact dates: the 2016 synthesis and the undated "aller-vers" article.
    texts = [li.get_text(" ", strip=True) for li in items]
    assert any("18 %" in t and "Date inconnue" in t for t in texts)
    assert any("Date : 9 novembre 2016" in t for t in texts)
    assert any("65 associations" in t and "Date : 2021" in t for t in texts)


def test_without_calls_nor_diagnostic_the_pages_say_so(tmp_path):
    actor = (ROOT / "demo" / "actors" / "ligne-ecoute-imaginaire.yaml").read_text(encoding="utf-8")
    actor = "\n".join(line for line in actor.splitlines() if not line.startswith("benevolat:"))
    folder = make_data_folder(tmp_path / "donnees", {"ligne-ecoute-imaginaire.yaml": actor})
    result = build_site(tmp_path / "site", folder)
    assert result.returncode == 0, result.stderr
    benevolat = content(soup(tmp_path / "site" / "benevolat" / "index.html"))
    assert not benevolat.select("ul.brive-appels")
    assert "Aucune organisation de l'annuaire ne publie d'appel à bénévoles" in benevolat.get_text()
    diagnostic = content(soup(tmp_path / "site" / "diagnostic" / "index.html"))
    assert "Aucun indicateur n'est encore publié." in diagnostic.get_text()
    reseau = content(soup(tmp_path / "site" / "reseau" / "index.html"))
    assert [tr.th.a["href"] for tr in reseau.select("tbody tr")] == [
        "../annuaire/ligne-ecoute-imaginaire/"
    ] * len(yaml.safe_load(actor)["thematiques"])
    assert "Aucune organisation n'a encore signé la charte." in reseau.get_text()


def test_an_indicator_without_source_fails_the_build_in_french(tmp_path):
    folder = make_data_folder(tmp_path / "donnees")
    text = (ROOT / "data" / "diagnostic.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    del data["rubriques"][0]["indicateurs"][1]["source"]
    (folder / "diagnostic.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    result = build_site(tmp_path / "site", folder)
    assert result.returncode == 1
    assert "Données invalides" in result.stderr
    assert re.search(
        r"diagnostic\.yaml:\d+: rubriques\[1\]\.indicateurs\[2\]: "
        r"le champ obligatoire « source » manque : ajoutez-le",
        result.stderr,
    )
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "diagnostic").exists()
