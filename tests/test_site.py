"""One strict build of the demo and one of the real data, checked on parsed HTML."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import phonenumbers
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import MKDOCS, ROOT, build_site, make_data_folder

DEMO = ROOT / "demo"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def demo_actors() -> dict[str, dict]:
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((DEMO / "actors").glob("*.yaml"))
    }


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def content(page: BeautifulSoup):
    return page.select_one("article.md-content__inner")


def test_every_actor_has_its_page_with_its_name(demo_site):
    for actor_id, actor in demo_actors().items():
        page = soup(demo_site / "annuaire" / actor_id / "index.html")
        assert content(page).h1.get_text(" ", strip=True).startswith(actor["nom"])
        assert page.title.get_text() == f"{actor['nom']} - Brive Solidarité"


def test_directory_lists_every_actor_once(demo_site):
    page = soup(demo_site / "annuaire" / "index.html")
    links = [a["href"] for a in page.select("li.brive-carte h3 a")]
    assert sorted(links) == sorted(f"../annuaire/{actor_id}/" for actor_id in demo_actors())


def test_each_need_page_lists_exactly_the_actors_that_answer_it(demo_site):
    needs = yaml.safe_load((ROOT / "data" / "thematiques.yaml").read_text(encoding="utf-8"))
    actors = demo_actors()
    for code in needs:
        expected = {
            actor_id
            for actor_id, a in actors.items()
            if code in a["thematiques"]
            or any(code in s.get("thematiques", []) for s in a.get("services", []))
        }
        page = soup(demo_site / "besoins" / code / "index.html")
        found = {a["href"].split("/")[-2] for a in page.select("li.brive-carte h3 a")}
        assert found == expected, code


def test_need_page_names_the_service_that_answers(demo_site):
    actors = demo_actors()
    for actor_id, actor in actors.items():
        for service in actor.get("services", []):
            for code in set(service.get("thematiques", [])) - set(actor["thematiques"]):
                page = soup(demo_site / "besoins" / code / "index.html")
                card = page.find("a", href=f"../../annuaire/{actor_id}/").find_parent("li")
                assert f"« {service['nom']} »" in card.get_text(" ", strip=True)
                return
    pytest.fail("the demo has no service reaching a need its actor lacks")


def test_confidential_addresses_appear_nowhere(demo_site):
    secrets = []
    for actor in demo_actors().values():
        for lieu in [actor.get("lieu")] + [s.get("lieu") for s in actor.get("services", [])]:
            if lieu and lieu.get("confidentiel"):
                secrets += [lieu[k] for k in ("adresse", "complement_adresse") if lieu.get(k)]
                secrets += [str(lieu[k]) for k in ("latitude", "longitude") if k in lieu]
    assert secrets, "the demo should have a confidential address with coordinates"
    for path in demo_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".csv", ".geojson", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for secret in secrets:
                assert secret not in text, (path, secret)


def test_tel_links_are_e164_of_the_file_number(demo_site):
    for actor_id, actor in demo_actors().items():
        if "telephone" not in actor:
            continue
        number = phonenumbers.format_number(
            phonenumbers.parse(actor["telephone"], "FR"), phonenumbers.PhoneNumberFormat.E164
        )
        page = soup(demo_site / "annuaire" / actor_id / "index.html")
        button = content(page).select_one(".brive-boutons a[href^='tel:']")
        assert button["href"] == f"tel:{number}"
        assert button.get_text(strip=True).startswith("Appeler le 05 36 49")


def test_current_and_coming_closures_show_a_banner(demo_site):
    today = "2026-11-28"
    shown = 0
    for actor_id, actor in demo_actors().items():
        page = soup(demo_site / "annuaire" / actor_id / "index.html")
        banners = content(page).select(".brive-fiche > .brive-fermeture")
        current = [
            f
            for f in actor.get("fermetures", [])
            if str(f["du"]) <= today and ("au" not in f or str(f["au"]) >= today)
        ]
        if current:
            assert "Fermé exceptionnellement" in banners[0].get_text(), actor_id
            assert "fermeture" in content(page).select_one("[data-brive-statut]")["class"][1]
            shown += 1
        if not actor.get("fermetures"):
            assert not banners, actor_id
    assert shown >= 1


def test_stale_entries_are_marked(demo_site):
    for actor_id, actor in demo_actors().items():
        page = content(soup(demo_site / "annuaire" / actor_id / "index.html"))
        stale = str(actor["date_maj"]) < "2025-11-28"
        assert bool(page.select(".brive-badge-a-verifier")) == stale, actor_id


def test_edit_links_point_at_the_yaml_in_the_repository(demo_site):
    for actor_id in demo_actors():
        page = soup(demo_site / "annuaire" / actor_id / "index.html")
        link = page.select_one(".brive-modifier a")
        assert link.get_text(strip=True) == "Modifier cette fiche"
        assert link["href"].endswith(f"/edit/main/data/actors/{actor_id}.yaml")


def test_demo_band_on_every_page(demo_site):
    for path in html_pages(demo_site):
        band = soup(path).select_one(".brive-demo")
        assert band is not None and "fictifs" in band.get_text(), path


def test_real_site_has_no_demo_band_and_the_office(real_site):
    home = soup(real_site / "index.html")
    assert home.select_one(".brive-demo") is None
    contact = soup(real_site / "contact" / "index.html")
    assert contact.find("a", href="tel:+33555177182") is not None
    text = contact.get_text(" ", strip=True)
    for name in ("Michel Blancher", "Christelle Poquet", "Isabelle Bouygues"):
        assert name in text


def test_emergency_numbers_on_every_page(demo_site):
    numbers = [
        u["numero"]
        for u in yaml.safe_load((ROOT / "data" / "urgences.yaml").read_text(encoding="utf-8"))
    ]
    for path in html_pages(demo_site):
        footer = soup(path).select_one("#urgences")
        hrefs = {a["href"] for a in footer.select("a")}
        for number in numbers:
            assert f"tel:{number}" in hrefs or f"sms:{number}" in hrefs, (path, number)
    assert "sms:114" in hrefs


def test_search_box_in_every_header(demo_site):
    for path in html_pages(demo_site):
        form = soup(path).select_one("header form[role=search]")
        assert form.select_one("input[name=q]") is not None, path
        target = (path.parent / form["action"]).resolve()
        if path.name != "404.html":  # root-absolute there, see test_serving.py
            assert (target / "index.html").is_file(), (path, form["action"])
    assert (demo_site / "pagefind" / "pagefind.js").is_file()


def test_home_has_a_tile_per_need_with_counts(demo_site):
    home = soup(demo_site / "index.html")
    needs = yaml.safe_load((ROOT / "data" / "thematiques.yaml").read_text(encoding="utf-8"))
    tiles = home.select("a.brive-tuile")
    assert [t["href"] for t in tiles] == [f"besoins/{code}/" for code in needs]
    assert all(re.search(r"\d+ acteurs?$", t.get_text(" ", strip=True)) for t in tiles)


def test_charter_articles_and_signatories(demo_site):
    page = content(soup(demo_site / "charte" / "index.html"))
    articles = sorted((ROOT / "data" / "charte").glob("*.md"))
    headings = [h.get_text(strip=True) for h in page.select("h2[id^=article-]")]
    assert len(headings) == len(articles) and headings[0].startswith("Article 1 — ")
    signed = {i for i, a in demo_actors().items() if a.get("charte")}
    listed = {a["href"].split("/")[-2] for a in page.select(".brive-signataires a")}
    assert listed == signed and signed


def test_injection_payloads_stay_text(demo_site):
    for path in html_pages(demo_site):
        page = soup(path)
        for script in page.find_all("script"):
            if script.get("type") in ("application/json", "application/ld+json"):
                json.loads(script.string)  # data for scripts, never code
            else:
                assert "alert" not in (script.string or ""), path
        for element in page.find_all(True):
            for name, value in element.attrs.items():
                assert not name.lower().startswith("on"), (path, element.name, name)
                if name in ("href", "src", "action", "formaction"):
                    assert not value.strip().lower().startswith(("javascript:", "data:")), (
                        path,
                        value,
                    )
        article = content(page)
        assert article is None or article.find(["iframe", "style", "object"]) is None, path
        for form in article.find_all("form") if article else []:
            assert form.get("role") == "search" and form["action"] == "./", path  # our own


def test_template_syntax_in_partner_text_is_not_evaluated(demo_site):
    for actor_id, actor in demo_actors().items():
        if "{{" in actor["nom"] or "{{" in actor["description"]:
            text = content(soup(demo_site / "annuaire" / actor_id / "index.html")).get_text()
            assert "{{ 7*7 }}" in text
            return
    pytest.fail("the demo should have an actor with template syntax in its text")


def test_hostile_name_is_escaped_in_title_and_meta(demo_site):
    for actor_id, actor in demo_actors().items():
        if "<" not in actor["nom"]:
            continue
        page = soup(demo_site / "annuaire" / actor_id / "index.html")
        assert page.title.get_text() == f"{actor['nom']} - Brive Solidarité"
        assert content(page).h1.get_text(" ", strip=True).startswith(actor["nom"])
        return
    pytest.fail("the demo should have an actor whose name carries markup")


def test_every_internal_link_resolves(demo_site):
    for path in html_pages(demo_site):
        if path.name == "404.html":
            continue  # root-absolute links by design; served and checked in test_serving.py
        page = soup(path)
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in page.find_all(tag):
                url = element.get(attr)
                if not url or urlsplit(url).scheme or url.startswith(("#", "//")):
                    continue
                target = (path.parent / unquote(urlsplit(url).path)).resolve()
                if target.is_dir():
                    target = target / "index.html"
                assert target.is_file(), (path.relative_to(demo_site), url)


def test_french_404(demo_site):
    page = soup(demo_site / "404.html")
    assert page.html["lang"] == "fr"
    assert "Page introuvable" in page.get_text()


def test_invalid_data_fails_the_build_in_french_and_writes_nothing(tmp_path):
    folder = make_data_folder(
        tmp_path / "donnees", {"mauvais.yaml": "nom: X\ntelephone: '05 55'\n"}
    )
    site = tmp_path / "site"
    site.mkdir()
    (site / "ancien.html").write_text("ancien site")
    result = build_site(site, folder)
    assert result.returncode == 1
    assert "Données invalides" in result.stderr
    assert "mauvais.yaml:2: telephone: « 05 55 » n'est pas un numéro français" in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in site.iterdir()] == ["ancien.html"]


def test_an_empty_actors_folder_still_builds(tmp_path):
    folder = make_data_folder(tmp_path / "donnees")
    result = build_site(tmp_path / "site", folder)
    assert result.returncode == 0, result.stderr
    assert (
        "L'annuaire est encore vide" in (tmp_path / "site" / "annuaire" / "index.html").read_text()
    )


def test_schema_is_published(demo_site):
    assert (demo_site / "schema" / "acteur.schema.json").read_bytes() == (
        ROOT / "schema" / "acteur.schema.json"
    ).read_bytes()


def test_a_hand_written_page_never_silently_replaces_a_generated_one(tmp_path):
    project = tmp_path / "projet"
    for name in ("docs", "overrides", "hooks", "data", "demo", "schema"):
        shutil.copytree(
            ROOT / name, project / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "docs" / "annuaire").mkdir()
    (project / "docs" / "annuaire" / "index.md").write_text("# Écrasée\n")
    result = subprocess.run(
        [
            *MKDOCS,
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(tmp_path / "site"),
        ],
        env={**os.environ, "BRIVE_DONNEES": str(ROOT / "demo"), "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "docs/annuaire/index.md existe déjà : cette page est générée" in result.stderr
