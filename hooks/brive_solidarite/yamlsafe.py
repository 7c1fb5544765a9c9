"""Strict YAML reading: safe loader, line numbers for every field, French errors.

PyYAML's safe loader already refuses Python tags; we also refuse aliases, duplicate keys,
tab indentation, non-UTF-8 bytes, custom tags and oversized files, and remember the line of
every key so that later checks can point at it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

MAX_BYTES = 100_000
FieldPath = tuple[str | int, ...]

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}


@dataclass
class Document:
    """A parsed YAML file: its value and the line (1-based) of every field path."""

    path: Path
    value: Any
    lines: dict[FieldPath, int] = field(default_factory=dict)
    # Scalars that are not text (numbers, booleans), as written: `01000` is not 512 for people.
    texts: dict[FieldPath, str] = field(default_factory=dict)

    def line(self, fpath: FieldPath) -> int:
        """The line of `fpath`, or of its nearest parent that has one."""
        while fpath and fpath not in self.lines:
            fpath = fpath[:-1]
        return self.lines.get(fpath, 1)


class _Refused(Exception):
    def __init__(self, line: int, message: str, fpath: FieldPath = ()):
        self.line, self.message, self.fpath = line, message, fpath


class _Loader(yaml.SafeLoader):
    fpath: FieldPath = ()  # the field being composed, for messages

    def compose_node(self, parent, index):
        # `index` is the key node of a mapping value, the position of a sequence item,
        # or None for a mapping key (which stays on its mapping's path).
        outer = self.fpath
        if isinstance(index, yaml.ScalarNode):
            self.fpath = (*outer, index.value)
        elif isinstance(index, int):
            self.fpath = (*outer, index)
        try:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise _Refused(
                    event.start_mark.line + 1,
                    f"l'alias YAML « *{event.anchor} » n'est pas accepté : "
                    "recopiez la valeur à cet endroit",
                    self.fpath,
                )
            return super().compose_node(parent, index)
        finally:
            self.fpath = outer


def format_path(fpath: FieldPath) -> str:
    """('services', 0, 'nom') -> 'services[1].nom' (positions counted from 1 for people)."""
    out = ""
    for part in fpath:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def read_yaml(path: Path, raw: bytes | None = None) -> tuple[Document | None, list[Problem]]:
    """Read one YAML file (or `raw`, its bytes). Returns the document, or None and the
    problems that stop reading."""

    def refuse(line: int, message: str, fpath: FieldPath = ()):
        return None, [Problem(path, line, format_path(fpath), message)]

    if raw is None:
        try:
            raw = path.read_bytes()
        except OSError as error:
            return refuse(1, f"fichier illisible ({error.strerror})")
    if len(raw) > MAX_BYTES:
        return refuse(
            1,
            f"le fichier fait {-(-len(raw) // 1000)} ko, plus que la limite de "
            f"{MAX_BYTES // 1000} ko : "
            "raccourcissez la description ou les services",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return refuse(
            line,
            "le fichier n'est pas encodé en UTF-8 (octet "
            f"0x{raw[error.start]:02x}) : enregistrez-le en UTF-8 dans votre éditeur",
        )
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return refuse(1, "le fichier est vide : écrivez au moins les champs obligatoires")
    for number, ln in enumerate(text.splitlines(), 1):
        indent = ln[: len(ln) - len(ln.lstrip(" \t"))]
        if "\t" in indent:
            return refuse(
                number, "tabulation dans l'indentation : indentez avec des espaces seulement"
            )
    # libyaml (C) reads valid files fast; any failure is read again by the pure-Python
    # loader, whose marks and messages the French errors are written for.
    if FastLoader is not None:
        try:
            return _compose(path, text, FastLoader), []
        except (yaml.YAMLError, _Refused, _AliasSeen):
            pass
    try:
        return _compose(path, text, _Loader), []
    except _Refused as error:
        return refuse(error.line, error.message, error.fpath)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.problem == "found unexpected end of stream" and error.context_mark:
            mark = error.context_mark  # an unclosed quote: point at where it opens
        line = mark.line + 1 if mark else 1
        column = f", colonne {mark.column + 1}" if mark else ""
        return refuse(
            line,
            f"YAML invalide ({_yaml_problem(error.problem)}{column}) : vérifiez l'indentation et "
            "mettez entre guillemets les valeurs qui contiennent « : », « # » ou commencent par "
            "un symbole",
        )
    except yaml.YAMLError as error:
        return refuse(1, f"YAML invalide ({error})")


FastLoader = getattr(yaml, "CSafeLoader", None)


class _AliasSeen(Exception):
    """A node met twice: libyaml resolved an alias (the pure-Python loader says where)."""


def _compose(path: Path, text: str, loader_class) -> Document:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise _Refused(1, "le fichier est vide : écrivez au moins les champs obligatoires")
        doc = Document(path, None)
        doc.value = _build(loader, node, (), doc, set())
        return doc
    finally:
        loader.dispose()


# PyYAML's own messages, for the problems people meet most; others are shown as they are.
# (beginning of PyYAML's message, French), the first match wins.
_YAML_PROBLEMS = (
    ("mapping values are not allowed here", "« : » inattendu"),
    ("could not find expected ':'", "« : » manquant après un nom de champ"),
    ("found unexpected end of stream", "guillemet jamais refermé"),
    ("expected <block end>, but found '<scalar>'", "texte inattendu après un guillemet fermant"),
    ("expected <block end>, but found '-'", "tiret « - » mal aligné"),
    ("expected <block end>", "indentation incohérente"),
    ("expected ',' or ']'", "crochet « ] » manquant"),
    ("expected ',' or '}'", "accolade « } » manquante"),
)


def _yaml_problem(problem: str | None) -> str:
    if problem is None:
        return "structure illisible"
    if problem.startswith("found character '") and "that cannot start any token" in problem:
        character = problem.split("'")[1]
        return f"caractère « {character} » interdit au début d'une valeur"
    return next((french for start, french in _YAML_PROBLEMS if problem.startswith(start)), problem)


def _check_tag(node: yaml.Node, fpath: FieldPath) -> None:
    """Refuse custom tags, and standard ones on the wrong kind of node (`!!map texte`)."""
    line = node.start_mark.line + 1
    shown = node.tag.replace("tag:yaml.org,2002:", "!!")
    if node.tag not in _STANDARD_TAGS:
        raise _Refused(
            line,
            f"l'étiquette YAML « {shown} » est refusée (elle ne sera jamais exécutée) : "
            "retirez-la et écrivez une valeur simple",
            fpath,
        )
    kind = {"!!map": yaml.MappingNode, "!!seq": yaml.SequenceNode}.get(shown, yaml.ScalarNode)
    if not isinstance(node, kind):
        raise _Refused(
            line, f"l'étiquette YAML « {shown} » ne convient pas à cette valeur : retirez-la", fpath
        )


def _build(loader, node: yaml.Node, fpath: FieldPath, doc: Document, seen: set[int]) -> Any:
    if id(node) in seen:
        raise _AliasSeen
    seen.add(id(node))
    _check_tag(node, fpath)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(key_line, "un nom de champ doit être un simple mot", fpath)
            _check_tag(key_node, fpath)
            key = key_node.value  # as written: `on:` stays "on", `2026-02-30:` is no date
            if key in result:
                raise _Refused(
                    key_line,
                    f"ce champ apparaît deux fois (déjà ligne {doc.lines[(*fpath, key)]}) : "
                    "gardez-en un seul",
                    (*fpath, key),
                )
            doc.lines[(*fpath, key)] = key_line
            result[key] = _build(loader, value_node, (*fpath, key), doc, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            doc.lines[(*fpath, index)] = item.start_mark.line + 1
            items.append(_build(loader, item, (*fpath, index), doc, seen))
        return items
    try:
        value = loader.construct_object(node)
    except (ValueError, KeyError):  # `2026-02-30`, `!!int douze`: the text, for the checks
        return node.value
    if not isinstance(value, str):
        doc.texts[fpath] = node.value
    if isinstance(value, dt.datetime):
        return node.value  # a date with a time: left as text, the schema asks for AAAA-MM-JJ
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
