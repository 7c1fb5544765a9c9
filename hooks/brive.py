"""MkDocs adapter over the pure core in brive_solidarite/: each event moves data between
MkDocs objects and the core. The actor pages are written here, outside MkDocs' page loop
(on_pre_build, on_env): README "Architecture" and "Performances"."""

from __future__ import annotations

import atexit
import gc
import logging
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

import pagefind_bin
from jinja2 import FileSystemBytecodeCache, FileSystemLoader
from mkdocs.commands.build import _build_page
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import write_file

# Import siblings at the top: the hooks folder is on sys.path only while this module is
# first imported (see PITFALLS.md).
from brive_solidarite import clock
from brive_solidarite.assets import minify
from brive_solidarite.exports import actor_files, build_exports
from brive_solidarite.gabarit import VALUES, Shell, ShellError
from brive_solidarite.loading import load_data
from brive_solidarite.parallel import Background, can_fork
from brive_solidarite.problems import DataError
from brive_solidarite.recherche import pagefind_command, search_copy
from brive_solidarite.referentiels import SCHEMA_DIR, material_icons
from brive_solidarite.render import GeneratedPage, Renderer, Settings, actor_src_uri, page_meta

log = logging.getLogger("mkdocs.plugins.brive")


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _data_folder(config) -> Path:
    return (_root(config) / config.extra["brive"]["donnees"]).resolve()


def on_serve(server, config, builder):
    # `watch:` lists data/ and demo/; BRIVE_DONNEES may name any other folder.
    server.watch(str(_data_folder(config)))
    return server


def on_pre_build(config) -> None:
    _list_theme_files_quickly(config.theme)
    # Validate before MkDocs cleans site/: a refused build leaves the previous site intact.
    settings = config.extra["brive"]
    folder = _data_folder(config)
    now = clock.now()
    try:
        data = load_data(folder, now.date())
    except DataError as error:
        raise PluginError(
            "Données invalides, le site n'a pas été construit :\n" + error.report(_root(config))
        ) from None
    log.info("Brive Solidarité : %d fiche(s) lue(s) dans %s", len(data.actors), folder)
    if not config.use_directory_urls:
        raise PluginError("use_directory_urls doit rester à true (liens des pages générées).")
    config.extra["brive_build"] = renderer = Renderer(
        _root(config) / "overrides" / "brive",
        material_icons(),
        data,
        now,
        Settings(
            depot=settings["depot"].rstrip("/"), site_url=config.site_url or Settings.site_url
        ),
    )
    # The actor pages, most of the work (README "Performances"). On several cores, their
    # bodies are rendered from now on by forked processes, which, once the theme's page
    # is known (on_env), put them into it and write them while MkDocs writes the others.
    renderer.env.get_template("acteur.html")  # compiled once, before the fork
    config.extra["brive_fiches"] = (
        Background(
            lambda actor: (
                actor.id,
                *renderer.actor_page(actor),
                actor_files(actor, renderer.settings.site_url),
            ),
            renderer.data.actors,
            then=_write_actor_page,
            logger="mkdocs",
        )
        if can_fork()
        else None
    )
    # The other generated pages too, in one more process, while MkDocs cleans the site and
    # lists its files (on_files waits for them).
    config.extra["brive_pages"] = Background(
        lambda _: _site_outputs(renderer), [None], processes=1 if can_fork() else 0, logger="mkdocs"
    )


class _ThemeLoader(FileSystemLoader):
    """The theme's loader, but for the list of its files, which skips dot folders.

    MkDocs copies the theme's static files, which it lists by walking the theme folders
    and filtering each name: Material's `.icons/` holds 14,000 files, all filtered out as
    dot paths, and filtering them took 0.1 s of every build. Templates still load from dot
    folders (Material includes its icons); tests/test_links.py checks the list is the same.
    """

    def list_templates(self) -> list[str]:
        found = set()
        for root in self.searchpath:
            for folder, children, names in os.walk(root, followlinks=self.followlinks):
                children[:] = [name for name in children if not name.startswith(".")]
                relative = Path(folder).relative_to(root).as_posix()
                prefix = "" if relative == "." else relative + "/"
                found.update(prefix + name for name in names if not name.startswith("."))
        return sorted(found)


def _list_theme_files_quickly(theme) -> None:
    """MkDocs' theme environment (before it lists the theme's files), with _ThemeLoader."""
    get_env = type(theme).get_env

    def env():
        made = get_env(theme)
        made.loader = _ThemeLoader(theme.dirs)
        return made

    theme.get_env = env


def _site_outputs(renderer: Renderer) -> tuple[list[GeneratedPage], frozenset[str], str]:
    """The generated pages but the actors', the icons they use, /annuaire/horaires.json."""
    pages = renderer.site_pages()
    return pages, renderer.icons_used(), renderer.cards_json()


def on_files(files: Files, config) -> Files:
    renderer: Renderer = config.extra["brive_build"]
    # Open data (/donnees/), built from the same model as the pages, while they are rendered.
    exports = build_exports(renderer.data, renderer.settings.site_url, renderer.today)
    try:
        [(pages, icons, cards)] = config.extra.pop("brive_pages").wait()
    except RuntimeError as error:
        raise PluginError(f"Pages générées en échec :\n{error}") from None
    renderer.pages = {page.src_uri: page for page in pages}
    renderer.add_icons(icons)
    actor_pages = [actor_src_uri(actor.id) for actor in renderer.data.actors]
    for src_uri in [*renderer.pages, *actor_pages]:
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(
                f"docs/{src_uri} existe déjà : cette page est générée, supprimez le fichier."
            )
    for src_uri in actor_pages:
        # In `files` while MkDocs checks links (a news post may link to an actor page);
        # rendered and written by this hook (on_env), which takes them out again.
        file = File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        _ActorPage(None, file, config)
        files.append(file)
    for page in renderer.pages.values():
        # Directory pages stay out of the navigation: Material renders the whole navigation
        # into every page, which makes thousands of listed pages quadratic (DESIGN.md).
        inclusion = InclusionLevel.UNDEFINED if page.listed else InclusionLevel.NOT_IN_NAV
        files.append(
            File.generated(config, page.src_uri, content=page.front_matter, inclusion=inclusion)
        )
    # Our own assets are served minified (the sources stay readable); vendored ones as is.
    for file in [f for f in files if f.src_uri.startswith("assets/brive")]:
        files.remove(file)
        text = minify(file.src_uri, Path(file.abs_src_path).read_text(encoding="utf-8"))
        files.append(File.generated(config, file.src_uri, content=text))
    files.append(File.generated(config, "annuaire/horaires.json", content=cards))
    for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
        files.append(File.generated(config, f"schema/{schema.name}", abs_src_path=str(schema)))
    for path, content in exports.items():
        files.append(File.generated(config, path, content=content))
    return files


class _ActorPage(Page):
    """An actor page as MkDocs reads it: no Markdown to convert (hooks/brive.py writes it)."""

    def render(self, config, files) -> None:
        self.content, self.toc = "", get_toc([])


def on_page_content(html: str, page, config, files) -> str:
    # Generated bodies are HTML already: they skip Python-Markdown, whose raw-HTML parsing
    # was a third of the build time at 1,000 actors.
    generated = config.extra["brive_build"].pages.get(page.file.src_uri)
    return generated.html if generated else html


# The command this process runs ("build", "serve"…), set once by on_startup. Not per-build
# state (STYLE.md, 6): it does not change while the process lives.
COMMAND = {"name": "build"}


def on_startup(command: str, dirty: bool) -> None:
    COMMAND["name"] = command


def on_shutdown() -> None:
    # The command ends (MkDocs calls this only at the end of build, serve and gh-deploy):
    # spare the exit a last pass of the collector over every object (0.08 s).
    gc.freeze()


def on_nav(nav, config, files):
    config.extra["brive_nav"] = nav  # for the actor pages (on_env)
    return nav


@event_priority(-100)  # the last on_env: the actor pages get the final environment
def on_env(env, config, files):
    # Material's templates too: compiled once, not at every build (0.3 s of a live reload).
    env.bytecode_cache = FileSystemBytecodeCache()
    env.auto_reload = False  # a new environment at every build: no need to check files
    renderer: Renderer = config.extra["brive_build"]
    # What Pagefind reads of each page (recherche.py), in memory where the system has it.
    memory = "/dev/shm" if _room_in("/dev/shm", 20_000 * len(files)) else None
    config.extra["brive_recherche"] = staging = tempfile.mkdtemp(prefix="brive-", dir=memory)
    atexit.register(shutil.rmtree, staging, ignore_errors=True)  # if the build fails
    actors = renderer.data.actors
    # Actor pages leave `files`: MkDocs would render them one by one, on one core.
    pages = [files.get_file_from_path(actor_src_uri(a.id)).page for a in actors]
    # Pagefind numbers pages in the order it finds them, which is the folders' order on
    # disk: made now, in order, so that the index is the same whoever writes a page first.
    documents = files.documentation_pages()  # actor pages included, until they leave
    for folder in sorted({Path(f.dest_uri).parent for f in documents}):
        (Path(staging) / folder).mkdir(parents=True, exist_ok=True)
    theme = (config, documents, config.extra["brive_nav"], env)
    # The other generated pages out of the navigation (needs, guide…) leave `files` too:
    # MkDocs' own function renders them in a forked process while MkDocs renders the rest.
    apart = [
        f.page
        for f in documents
        if f.src_uri in renderer.pages and not renderer.pages[f.src_uri].listed
    ]
    for page in apart + pages:
        files.remove(page.file)
    env.globals["brive"] = {
        "data": renderer.data,
        "demo": renderer.data.demo,
        "depot": renderer.settings.depot,
        "partage": renderer.shared,
        "hors_fichiers": apart + pages,  # pages MkDocs does not render, for sitemap.xml
    }
    env.get_template("main.html")  # compiled once, before the fork
    config.extra["brive_hors_nav"] = Background(
        lambda page: _build_page(page, *theme), apart, logger="mkdocs"
    )
    background: Background | None = config.extra["brive_fiches"]
    if background is None:  # one process: MkDocs renders each page (the reference)
        for page, actor in zip(pages, actors, strict=True):
            _build_actor_page(page, renderer.actor_page(actor)[0], *theme)
            _write_files(actor_files(actor, renderer.settings.site_url), Path(config.site_dir))
        return env
    # Several: the theme's page with markers for values (gabarit.py), filled by each process.
    shell_page = Page(None, File.generated(config, actor_src_uri(VALUES["id"]), content=""), config)
    meta = page_meta(VALUES["titre"], VALUES["description"], listed=False)
    shell = GeneratedPage(shell_page.file.src_uri, shell_page.url, meta, VALUES["contenu"])
    _build_actor_page(shell_page, shell, *theme)
    html = Path(shell_page.file.abs_dest_path).read_text(encoding="utf-8")
    for folder in (config.site_dir, staging):
        shutil.rmtree(Path(folder) / shell_page.url, ignore_errors=True)
    try:
        background.send((Shell(html), meta, config.site_dir, staging))
    except ShellError as error:
        raise PluginError(f"Pages des acteurs : {error}") from None
    return env


def _room_in(folder: str, size: int) -> bool:
    """Whether `folder` is writable with `size` bytes free (a container's /dev/shm may
    hold 64 MB only)."""
    try:
        return os.access(folder, os.W_OK) and shutil.disk_usage(folder).free > size
    except OSError:
        return False


def _build_actor_page(page: Page, generated: GeneratedPage, config, pages, nav, env) -> None:
    """What MkDocs does for a page of `files` (read, render, build), for a generated one.
    _build_page is MkDocs' own (private: mkdocs is pinned, requirements.lock)."""
    page.markdown, page.meta, page.content = "", generated.meta, generated.html
    page.toc = get_toc([])
    _build_page(page, config, pages, nav, env)


def _write_actor_page(rendered, message) -> frozenset[str]:
    """In a forked process: the actor page rendered (on_pre_build) written in the theme's
    page (on_env), its copy for Pagefind and its other files. Returns the icons it uses."""
    (actor_id, page, icons, files), (shell, meta, site_dir, staging) = rendered, message
    values = {"titre": page.meta["title"], "description": page.meta["description"]}
    if {**page.meta, "title": meta["title"], "description": meta["description"]} != meta:
        raise ShellError(f"{page.src_uri} : options de page différentes du gabarit ({page.meta})")
    if not (values["titre"] and values["description"] and "<h1" in page.html):
        raise ShellError(f"{page.src_uri} : titre, description ou <h1> manquant (gabarit)")
    html = shell.fill(id=actor_id, contenu=page.html, **values)
    path = page.url + "index.html"
    write_file(html.encode("utf-8", errors="xmlcharrefreplace"), str(Path(site_dir) / path))
    _write_search_copy(html, Path(staging), path)
    _write_files(files, Path(site_dir))
    return icons


def _write_files(files: dict[str, bytes], site_dir: Path) -> None:
    for path, content in files.items():
        write_file(content, str(site_dir / path))


def _write_search_copy(html: str, staging: Path, path: str) -> None:
    copy = search_copy(html)
    if copy is not None:
        write_file(copy.encode("utf-8", errors="xmlcharrefreplace"), str(staging / path))


def on_post_page(output: str, page, config) -> str:
    _write_search_copy(output, Path(config.extra["brive_recherche"]), page.file.dest_uri)
    return output


def on_build_error(error) -> None:
    # No config here: the processes of the failed build, if any, are found by their class.
    Background.stop_all()


def on_post_build(config) -> None:
    renderer: Renderer = config.extra["brive_build"]
    background: Background | None = config.extra.pop("brive_fiches")
    try:
        config.extra.pop("brive_hors_nav").wait()
        for icons in background.wait() if background else []:
            renderer.add_icons(icons)
    except (RuntimeError, ShellError) as error:
        raise PluginError(f"Pages générées en échec :\n{error}") from None
    # The icons of every page, known once they are all written.
    css = minify("brive-icones.css", renderer.icon_css())
    (Path(config.site_dir) / "assets" / "brive-icones.css").write_text(css, encoding="utf-8")
    # The search index: Pagefind reads the copies of the pages made for it (recherche.py)
    # and writes into the site. The binary of the pagefind[bin] package, called directly:
    # `python -m pagefind` would start one more Python only to exec it.
    staging = config.extra.pop("brive_recherche")
    output = str(Path(config.site_dir) / "pagefind")
    command = pagefind_command(str(pagefind_bin.get_executable()), staging, output)

    def index() -> subprocess.CompletedProcess:
        try:
            return subprocess.run(command, capture_output=True, text=True)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    if COMMAND["name"] == "serve":
        # Live reload: MkDocs serves nothing until the build ends; the page comes first, the
        # search index a second later (README "Performances", reload).
        threading.Thread(target=index, daemon=True).start()
        return
    result = index()
    if result.returncode != 0:
        raise PluginError(f"Index de recherche (Pagefind) en échec :\n{result.stderr}")
