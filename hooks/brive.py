"""MkDocs adapter over the pure core in brive_solidarite/: each event moves data between
MkDocs objects and the core, and does nothing else."""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

import pagefind_bin
from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

# Import siblings at the top: the hooks folder is on sys.path only while this module is
# first imported (see PITFALLS.md).
from brive_solidarite import clock
from brive_solidarite.assets import minify
from brive_solidarite.exports import build_exports
from brive_solidarite.loading import load_data
from brive_solidarite.problems import DataError
from brive_solidarite.referentiels import SCHEMA_DIR, material_icons
from brive_solidarite.render import Renderer, Settings

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
    renderer.pages = {page.src_uri: page for page in renderer.all_pages()}


def on_files(files: Files, config) -> Files:
    renderer: Renderer = config.extra["brive_build"]
    for page in renderer.pages.values():
        if files.get_file_from_path(page.src_uri) is not None:
            raise PluginError(
                f"docs/{page.src_uri} existe déjà : cette page est générée, supprimez le fichier."
            )
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
    icons = minify("brive-icones.css", renderer.icon_css())
    files.append(File.generated(config, "assets/brive-icones.css", content=icons))
    files.append(File.generated(config, "annuaire/horaires.json", content=renderer.cards_json()))
    for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
        files.append(File.generated(config, f"schema/{schema.name}", abs_src_path=str(schema)))
    # Open data (/donnees/) and contact cards, built from the same model as the pages.
    exports = build_exports(renderer.data, renderer.settings.site_url, renderer.today)
    for path, content in exports.items():
        files.append(File.generated(config, path, content=content))
    return files


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


def on_post_build(config) -> None:
    # The search index: Pagefind reads the built pages (those marked data-pagefind-body).
    # The binary of the pagefind[bin] package, called directly: `python -m pagefind` would
    # start one more Python only to exec it.
    command = [str(pagefind_bin.get_executable()), "--site", config.site_dir, "--silent"]
    if COMMAND["name"] == "serve":
        # Live reload: MkDocs serves nothing until the build ends; the page comes first, the
        # search index a second later (README "Performances", reload).
        subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PluginError(f"Index de recherche (Pagefind) en échec :\n{result.stderr}")


def on_env(env, config, files):
    # Material's templates too: compiled once, not at every build (0.3 s of a live reload).
    env.bytecode_cache = FileSystemBytecodeCache()
    renderer: Renderer = config.extra["brive_build"]
    env.globals["brive"] = {
        "data": renderer.data,
        "demo": renderer.data.demo,
        "depot": renderer.settings.depot,
        "partage": renderer.shared,
    }
    return env
