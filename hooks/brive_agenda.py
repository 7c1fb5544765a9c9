"""MkDocs adapter of the agenda (brive_solidarite/agenda.py): its page, its Atom feed and its
iCalendar file. A hook of its own because its on_files must run after the blog plugin's
(priority -50), which gives the news posts their final URLs: events link to them."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

# Import siblings at the top (see PITFALLS.md, "Hooks").
from brive_solidarite import agenda
from brive_solidarite.problems import DataError
from brive_solidarite.render import Renderer


def on_pre_build(config) -> None:
    # Runs after hooks/brive.py's (listed first), before site/ is cleaned: an event that
    # links to a missing page stops the build with nothing written.
    renderer: Renderer = config.extra["brive_build"]
    problems = agenda.link_problems(renderer.data.evenements, Path(config.docs_dir))
    if problems:
        root = Path(config.config_file_path).resolve().parent
        raise PluginError(
            "Données invalides, le site n'a pas été construit :\n"
            + DataError(problems).report(root)
        )


@event_priority(-60)  # after the blog plugin's on_files (-50)
def on_files(files: Files, config) -> Files:
    renderer: Renderer = config.extra["brive_build"]
    events = renderer.data.evenements
    links = {e.lien: files.get_file_from_path(e.lien).url for e in events if e.lien}
    coming, past = agenda.split(events, renderer.today)
    page = renderer.page(
        agenda.PAGE,
        "agenda.html",
        "Agenda",
        f"Les événements du réseau {renderer.data.office.nom}.",
        listed=False,
        coming=coming,
        past=past,
        links=links,
        when=agenda.when_fr,
    )
    if files.get_file_from_path(page.src_uri) is not None:
        raise PluginError(
            f"docs/{page.src_uri} existe déjà : cette page est générée, supprimez le fichier."
        )
    renderer.pages[page.src_uri] = page  # hooks/brive.py puts its HTML in (on_page_content)
    files.append(
        File.generated(
            config, page.src_uri, content=page.front_matter, inclusion=InclusionLevel.NOT_IN_NAV
        )
    )
    published = agenda.build_agenda_files(events, renderer.settings.site_url, renderer.now, links)
    # Posts too, which the blog plugin keeps out of documentation_pages() until its on_nav.
    news = [f.url for f in files if f.is_documentation_page() and f.url.startswith("actualites/")]
    published[agenda.SITEMAP] = agenda.section_sitemap(news, renderer.settings.site_url)
    for path, content in published.items():
        files.append(File.generated(config, path, content=content))
    return files
