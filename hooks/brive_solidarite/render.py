"""Rendering: the model becomes page bodies through Jinja templates with autoescape.

Python passes data, never HTML strings; the one exception is a description rendered from
its Markdown and cleaned by nh3, passed as already-safe markup.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import markdown
import nh3
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from . import exports, hours, schemaorg
from .contribution import contribution_pages
from .freshness import is_stale
from .model import Actor, SiteData, national
from .referentiels import referentiels
from .reseau import network_pages

HIDE = ["navigation", "toc"]  # Material's sidebars: generated pages need neither

_ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "code",
    "h3",
    "h4",
    "hr",
    "abbr",
}


# Text that Markdown would only cut into paragraphs: no character that means something to
# Markdown or HTML, no line that begins or ends with a space or a list marker.
_PLAIN = re.compile(r"[^*_`\\\[\]<>&#|~=+{}\x00-\x09\x0b-\x1f\x7f]*")
_NOT_PLAIN_LINE = re.compile(r"^(?:\s|[-+>]|\d+\.)|\s$", re.MULTILINE)


def plain_paragraphs(text: str) -> str | None:
    """What Markdown makes of `text` if it is plain paragraphs (most descriptions), without
    running Markdown (a third of an actor page's time); None for anything else."""
    if not _PLAIN.fullmatch(text):
        return None
    paragraphs = text.strip("\n").split("\n\n")
    if any(not p or _NOT_PLAIN_LINE.search(p) for p in paragraphs):
        return None
    return "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def markdown_to_safe_html(text: str, converter: markdown.Markdown | None = None) -> Markup:
    """Partner Markdown rendered, then cleaned: no raw HTML, scripts, events or odd links."""
    html = plain_paragraphs(text)
    if html is None:
        converter = converter or markdown.Markdown(extensions=["sane_lists"], output_format="html")
        html = converter.reset().convert(text)
    html = re.sub(r"<(/?)h[1-6]>", r"<\1h3>", html)  # keep the page's own heading levels
    clean = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "abbr": {"title"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return Markup(clean)


def json_script(value: Any) -> Markup:
    """JSON safe to embed in <script type="application/json">: no <, >, & left as such."""
    text = json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def relative_url(target: str, page: str) -> str:
    """Link from the page at URL `page` (e.g. 'annuaire/x/') to `target` ('besoins/y/'), both
    relative to the site root: up to the root, then down (works under any sub-path)."""
    return "../" * page.count("/") + target if (page or target) else "./"


@dataclass(frozen=True)
class Settings:
    depot: str  # repository address, for edit links
    branche: str = "main"
    # The public address (site_url): absolute links in JSON-LD and the open data files.
    site_url: str = "https://brive-solidarite.a-configurer.invalid/"


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # e.g. annuaire/x.md
    url: str  # e.g. annuaire/x/
    meta: dict[str, Any]  # the page's front matter: title, description, Material's options
    html: str  # the body, rendered by Jinja: it bypasses Markdown (big pages, and no need)
    source: Path | None = None  # the data file it comes from
    listed: bool = True  # in the site navigation

    @property
    def front_matter(self) -> str:
        """The page's Markdown source: its front matter only (JSON values are YAML)."""
        lines = [
            f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in self.meta.items()
        ]
        return "---\n" + "\n".join(lines) + "\n---\n"


def actor_src_uri(actor_id: str) -> str:
    return f"annuaire/{actor_id}.md"


def page_meta(
    title: str, description: str, hide: list[str] = HIDE, search: bool = True, listed: bool = True
) -> dict[str, Any]:
    """A generated page's front matter. Title and description end up in <title> and <meta>,
    which Material prints unescaped: escaped here, once, on one line."""
    meta: dict[str, Any] = {
        "title": str(escape(" ".join(title.split()))),
        "description": str(escape(" ".join(description.split()))),
        "hide": hide,
    }
    if not search:
        meta["search"] = {"exclude": True}
    if not listed:  # out of the navigation: shares its tabs and sidebars (main.html)
        meta["brive_partage"] = True
    return meta


def page_url(src_uri: str) -> str:
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


class Renderer:
    """Renders every generated page of one build."""

    def __init__(
        self, templates: Path, icons: Path, data: SiteData, now: dt.datetime, settings: Settings
    ):
        self.data, self.now, self.settings, self.icons = data, now, settings, icons
        self._memo: dict[tuple, Any] = {}
        # The three status icons, which the browser may switch to on any page.
        self._icons_used: set[str] = {
            "material/clock-check-outline",
            "material/clock-outline",
            "material/clock-remove-outline",
        }
        self._markdown = markdown.Markdown(extensions=["sane_lists"], output_format="html")
        self.pages: dict[str, GeneratedPage] = {}  # filled by the caller from site_pages()
        self.today = now.date()
        self.env = Environment(
            loader=FileSystemLoader(templates),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            extensions=["jinja2.ext.do"],
            # Compiled templates kept in the user's temporary folder, checked against their
            # source: a build (a live reload) does not compile them again.
            bytecode_cache=FileSystemBytecodeCache(),
            # A renderer lives for one build: templates are not checked again for changes
            # at every use (thousands of file system calls).
            auto_reload=False,
        )
        self.env.filters.update(
            date_fr=hours.date_fr,
            national=national,
            markdown=lambda text: markdown_to_safe_html(text, self._markdown),
            json_script=json_script,
        )
        self.env.globals.update(
            data=data,
            ref=referentiels(),
            today=self.today,
            now=now,
            settings=settings,
            hours=hours,
            status=self.status,
            week=self.week,
            stale=self.stale,
            closures=self.closures,
            icon=self.icon,
            horaires_json=self.horaires_json,
            parse_date=dt.date.fromisoformat,
            jsonld=lambda actor: schemaorg.organization(actor, data, settings.site_url, self.today),
        )

    def shared(self, name: str, url: str, caller) -> str:
        """The theme's block `name` as rendered for the first page out of the navigation in
        the folder of `url` (`caller` renders it): the same for all of them."""
        key = ("shared", name, url.rstrip("/").rpartition("/")[0])
        if key not in self._memo:
            self._memo[key] = caller()
        return self._memo[key]

    def icon(self, name: str) -> Markup:
        """An icon of Material's set (material/phone), hidden from screen readers. It is drawn
        by icon_css(): one cached stylesheet instead of the same SVG inlined on every page."""
        self._icons_used.add(name)
        css_name = name.replace("/", "-")
        return Markup(
            f'<span class="brive-icone brive-icone--{css_name}" aria-hidden="true"></span>'
        )

    def icons_used(self) -> frozenset[str]:
        return frozenset(self._icons_used)

    def add_icons(self, names: frozenset[str]) -> None:
        """Icons used by pages rendered in another process (hooks/brive.py)."""
        self._icons_used |= names

    def icon_css(self) -> str:
        """The stylesheet of the icons used by the pages rendered so far (add_icons: those
        of pages rendered in other processes)."""
        rules = []
        for name in sorted(self._icons_used):
            svg = (self.icons / f"{name}.svg").read_text(encoding="utf-8").strip()
            rules.append(
                f".brive-icone--{name.replace('/', '-')}"
                f'{{--brive-icone:url("data:image/svg+xml,{quote(svg)}")}}'
            )
        return "\n".join(rules) + "\n"

    # An actor shows on its page, the directory and each of its needs, and many actors and
    # services have the same hours: computed once per hours and closures.
    def _hours(self, name: str, offer, compute: Callable) -> Any:
        key = (name, offer.horaires_accueil, tuple(offer.fermetures))
        if key not in self._memo:
            self._memo[key] = compute(offer.horaires_accueil, offer.fermetures, self.now)
        return self._memo[key]

    def status(self, offer) -> hours.Status:
        return self._hours("status", offer, hours.status)

    def week(self, offer) -> list[hours.Day]:
        return self._hours("week", offer, hours.week)

    def closures(self, offer) -> list[tuple[str, str]]:
        return [
            ("en-cours" if c.du <= self.today else "a-venir", hours.closure_text(c, self.today))
            for c in hours.announced_closures(offer.fermetures, self.today)
        ]

    def horaires_json(self, actor: Actor) -> dict[str, Any]:
        """What the browser needs to refresh "open now" and closures on an actor page: the
        open intervals computed here (`navigateur`), and the OpenStreetMap hours they come
        from. The closures are in the intervals and in the JSON-LD; nothing twice (every
        byte of an actor page counts, README "Performances")."""

        def entry(offer) -> dict[str, Any]:
            return {
                "horaires": offer.horaires_accueil,
                "navigateur": self.browser_schedule(offer),
            }

        return {
            "id": actor.id,
            "calcule_le": self.now.isoformat(),
            **entry(actor),
            "services": [{"nom": s.nom, **entry(s)} for s in actor.services],
        }

    def browser_schedule(self, offer) -> dict[str, Any] | None:
        return self._hours("browser", offer, hours.browser_schedule)

    def cards_json(self) -> str:
        """/annuaire/horaires.json: what the directory and need cards refresh from."""
        return json.dumps(
            {
                "calcule_le": self.now.isoformat(),
                "acteurs": {a.id: self.browser_schedule(a) for a in self.data.actors},
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    def stale(self, actor: Actor) -> bool:
        return is_stale(actor.date_maj, self.today)

    def page(
        self, src_uri: str, template: str, title: str, description: str, **context: Any
    ) -> GeneratedPage:
        """One generated page. `source`, `listed`, `search` (False: left out of the
        search index) and `hide` (Material's sidebars to hide, default HIDE) in `context`
        are about the page, the rest goes to the template."""
        url = page_url(src_uri)
        source, listed = context.pop("source", None), context.pop("listed", True)
        searched = context.pop("search", True)
        hide = context.pop("hide", HIDE)

        def link(target: str) -> str:
            return relative_url(target, url)

        body = self.env.get_template(template).render(link=link, **context)
        body = "\n".join(line for line in body.splitlines() if line.strip())
        meta = page_meta(title, description, hide, searched, listed)
        return GeneratedPage(src_uri, url, meta, body + "\n", source, listed)

    def actor_summary(self, actor: Actor) -> str:
        """One line that says what the actor is for."""
        needs = [self.data.thematiques[c].libelle for c in actor.thematiques]
        return " · ".join([referentiels()["types"][actor.type], ", ".join(needs)])

    def actor_page(self, actor: Actor) -> tuple[GeneratedPage, frozenset[str]]:
        """An actor's page, and the icons used so far: the hook renders them in forked
        processes (hooks/brive.py, from on_pre_build), which send back the icons they
        used."""
        page = self.page(
            actor_src_uri(actor.id),
            "acteur.html",
            actor.nom,
            self.actor_summary(actor),
            source=actor.source,
            listed=False,
            actor=actor,
        )
        return page, self.icons_used()

    def site_pages(self) -> list[GeneratedPage]:
        """Every generated page but the actor pages (actor_page, one by one)."""
        data = self.data
        office = data.office
        pages = [
            self.page(
                "index.md",
                "accueil.html",
                "Accueil",
                office.presentation or office.nom,
                search=False,
            ),
            self.page(
                "annuaire/index.md",
                "annuaire.html",
                "Annuaire",
                f"Tous les acteurs de {office.nom}.",
                search=False,  # every actor has its own page in the index
            ),
            self.page(
                "besoins/index.md",
                "besoins.html",
                "Besoins",
                "Trouver de l'aide selon votre besoin.",
            ),
            self.page("charte/index.md", "charte.html", "Charte", data.charte.titre),
            self.page("contact/index.md", "contact.html", "Contact", f"Joindre {office.nom}."),
            self.page(
                "donnees/index.md",
                "donnees.html",
                "Données ouvertes",
                f"L'annuaire de {office.nom} en JSON, CSV, GeoJSON et au format data·inclusion.",
                listed=False,
                catalogue=exports.catalogue(data),
            ),
            self.page(
                "recherche/index.md",
                "recherche.html",
                "Rechercher",
                "Rechercher une aide, une association à Brive.",
                listed=False,
                search=False,
            ),
            self.page(
                "urgences/index.md",
                "urgences.html",
                "Numéros d'urgence",
                "Gratuits, 24 h/24.",
                listed=False,
            ),
        ]
        for code, thematique in data.thematiques.items():
            pages.append(
                self.page(
                    f"besoins/{code}.md",
                    "besoin.html",
                    thematique.libelle,
                    thematique.description,
                    listed=False,
                    thematique=thematique,
                    entries=data.actors_for(code),
                )
            )
        pages += contribution_pages(self)  # the contributor guide's generated pages
        pages += network_pages(self)  # the "Réseau" section: who does what, volunteers
        return pages
