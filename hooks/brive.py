"""MkDocs adapter over the pure core in brive_solidarite/: each event moves data between
MkDocs objects and the core, and does nothing else."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

# Import siblings at the top: the hooks folder is on sys.path only while this module is
# first imported (see PITFALLS.md).
from brive_solidarite import clock
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
    log.info("Brive Solidarité : %d fiches lues dans %s", len(data.actors), folder)
    if not config.use_directory_urls:
        raise PluginError("use_directory_urls doit rester à true (liens des pages générées).")
    config.extra["brive_build"] = Renderer(
        _root(config) / "overrides" / "brive",
        material_icons(),
        data,
        now,
        Settings(depot=settings["depot"].rstrip("/")),
    )


def on_files(files: Files, config) -> Files:
    renderer: Renderer = config.extra["brive_build"]
    for page in renderer.all_pages():
        if files.get_file_from_path(page.src_uri) is not None:
            raise PluginError(
                f"docs/{page.src_uri} existe déjà : cette page est générée, supprimez le fichier."
            )
        # Directory pages stay out of the navigation: Material renders the whole navigation
        # into every page, which makes thousands of listed pages quadratic (DESIGN.md).
        inclusion = InclusionLevel.UNDEFINED if page.listed else InclusionLevel.NOT_IN_NAV
        files.append(
            File.generated(config, page.src_uri, content=page.content, inclusion=inclusion)
        )
    for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
        files.append(File.generated(config, f"schema/{schema.name}", abs_src_path=str(schema)))
    return files


def on_env(env, config, files):
    renderer: Renderer = config.extra["brive_build"]
    env.globals["brive"] = {
        "data": renderer.data,
        "demo": renderer.data.demo,
        "depot": renderer.settings.depot,
    }
    return env
