"""Checks of one data file against its JSON Schema and the rules JSON Schema cannot say.

Every message is French and says what is wrong and how to fix it; the caller adds the file,
the line and the field path (see problems.Problem).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Iterator
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import fastjsonschema
import jsonschema
import opening_hours
import phonenumbers

from .problems import Problem
from .referentiels import SCHEMA_DIR
from .yamlsafe import Document, FieldPath, format_path

MARKER = "À COMPLÉTER"

_TYPES = {
    "string": "un texte",
    "integer": "un nombre entier",
    "number": "un nombre",
    "boolean": "true ou false",
    "array": "une liste",
    "object": "un ensemble de champs « nom: valeur »",
    "null": "rien",
}


@cache
def schema_validator(name: str) -> jsonschema.Draft202012Validator:
    """The compiled validator of schema/<name>.schema.json (compiled once per process)."""
    with open(SCHEMA_DIR / f"{name}.schema.json", encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _draft7(node: Any) -> Any:
    # fastjsonschema knows drafts 4 to 7: `dependentRequired` was `dependencies` there.
    if isinstance(node, dict):
        renamed = {"dependentRequired": "dependencies"}
        return {renamed.get(k, k): _draft7(v) for k, v in node.items() if k != "$schema"}
    if isinstance(node, list):
        return [_draft7(item) for item in node]
    return node


@cache
def fast_validator(name: str):
    """schema/<name>.schema.json compiled to Python code: ten times faster than jsonschema
    on a valid file, but its errors cannot be translated. It only says "valid", and a file
    it refuses goes through jsonschema for the messages (tests/test_validation_fast.py
    checks that both agree on every test file)."""
    schema = _draft7(schema_validator(name).schema)
    return fastjsonschema.compile({**schema, "$schema": "http://json-schema.org/draft-07/schema#"})


def is_valid_fast(value: Any, name: str) -> bool:
    try:
        fast_validator(name)(value)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def quote(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(str(text).split())
    return f"« {text[:60]}{'…' if len(text) > 60 else ''} »"


def _example(schema: dict) -> str:
    examples = schema.get("examples")
    if not examples:
        return ""
    example = examples[0]
    shown = example if isinstance(example, str) else json.dumps(example, ensure_ascii=False)
    return f" (ex. {shown})"


def schema_problems(doc: Document, name: str) -> list[Problem]:
    """Problems of `doc` against schema/<name>.schema.json, in French."""
    if is_valid_fast(doc.value, name):
        return []
    found: dict[tuple[FieldPath, str], str] = {}
    for error in schema_validator(name).iter_errors(doc.value):
        fpath = tuple(error.absolute_path)
        for sub_path, message in _translate(error, fpath, doc, name):
            found.setdefault((sub_path, message), message)
    return [
        Problem(doc.path, doc.line(fpath), format_path(fpath), message)
        for (fpath, message) in found
    ]


EMPTY = "valeur vide : remplissez ce champ, ou supprimez la ligne s'il est facultatif"

# Long lists of codes, too long to print in a message: where to find them.
_CODE_HINTS = {"langues": "codes ISO 639-1 à deux lettres, ex. fr, en, ar"}


def nearest(word: str, known: list[str], cutoff: float = 0.6) -> str | None:
    """The known word closest to `word` (a typo's fix), if any is close enough. Codes ask
    for a closer match (0.75) than field names: « logement » is not « isolement »."""
    close = difflib.get_close_matches(word, known, n=1, cutoff=cutoff)
    return close[0] if close else None


def _translate(
    error: jsonschema.ValidationError, fpath: FieldPath, doc: Document, name: str
) -> Iterator[tuple]:
    kind, schema, value = error.validator, error.schema, error.instance
    sub = schema.get("properties", {})
    if isinstance(value, str) and MARKER in value:
        return  # reported by marker_problems
    if kind == "required":
        unknown = [str(key) for key in value if key not in sub]
        typos = {nearest(key, list(sub)) for key in unknown}
        for missing in error.validator_value:
            if missing not in value and missing not in typos:  # else: "vouliez-vous dire"
                hint = _example(sub.get(missing, {}))
                yield fpath, f"le champ obligatoire « {missing} » manque : ajoutez-le{hint}"
    elif kind == "additionalProperties":
        for key in value:
            if key in sub:
                continue
            close = nearest(str(key), list(sub))
            fix = f"vouliez-vous dire « {close} » ?" if close else "supprimez-le"
            yield (*fpath, key), f"champ inconnu « {key} » : {fix}"
    elif kind == "type":
        expected = schema["type"]
        if value is None:
            yield fpath, EMPTY
        elif expected == "string" and isinstance(value, int | float):  # bool too: `ON`
            yield fpath, f'mettez la valeur entre guillemets : "{doc.texts.get(fpath, value)}"'
        elif expected == "array" and not isinstance(value, list | dict):
            yield fpath, f"une liste est attendue : écrivez [{value}]"
        elif expected == "object" and isinstance(value, list):
            yield (
                fpath,
                (
                    "des champs « nom: valeur » sont attendus, pas une liste : retirez les tirets "
                    "« - » en début de ligne"
                ),
            )
        elif isinstance(value, list):
            yield (
                fpath,
                (
                    f"{_TYPES.get(expected, expected)} est attendu, pas une liste {quote(value)} : "
                    "écrivez une seule valeur, sans crochets ni tirets"
                ),
            )
        else:
            yield fpath, f"{_TYPES.get(expected, expected)} est attendu, pas {quote(value)}"
    elif kind == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        close = nearest(str(value), [str(v) for v in error.validator_value], 0.75)
        fix = f"vouliez-vous dire « {close} » ? " if close else ""
        if len(error.validator_value) > 20:
            field = next((p for p in reversed(fpath) if isinstance(p, str)), "")
            hint = _CODE_HINTS.get(field, f"voir la liste dans schema/{name}.schema.json")
            yield fpath, f"{quote(value)} n'est pas un code connu : {fix}{hint}"
        else:
            yield (
                fpath,
                f"{quote(value)} n'est pas une valeur permise : {fix}valeurs possibles : {allowed}",
            )
    elif kind == "pattern":
        if fpath and fpath[-1] in FIELD_CHECKS:
            return  # reported better by the field's own check
        if "propertyNames" in error.schema_path:  # a key of the file, not a value
            yield (
                (*fpath, value),
                f"identifiant {quote(value)} refusé : minuscules, chiffres et tirets seulement{_example(schema)}",
            )
            return
        yield fpath, f"{quote(value)} n'a pas la forme attendue{_example(schema)}"
    elif kind == "minLength":
        if not str(value).strip():
            yield fpath, EMPTY
        else:
            yield (
                fpath,
                (
                    f"texte trop court ({len(value)} caractères, au moins {error.validator_value})"
                    f" : précisez{_example(schema)}"
                ),
            )
    elif kind == "maxLength":
        yield (
            fpath,
            (
                f"texte trop long ({len(value)} caractères, au plus {error.validator_value}) : raccourcissez"
            ),
        )
    elif kind == "minItems":
        yield (
            fpath,
            f"liste vide : donnez au moins {error.validator_value} valeur{_example(schema)}",
        )
    elif kind == "uniqueItems":
        yield fpath, "une valeur est répétée dans la liste : gardez-la une seule fois"
    elif kind in ("minimum", "maximum"):
        if fpath and fpath[-1] in ("latitude", "longitude"):
            yield (
                fpath,
                (
                    f"{value} est hors de la France métropolitaine : vérifiez la coordonnée "
                    "(degrés décimaux, ex. latitude 45.1589, longitude 1.5321)"
                ),
            )
        else:
            word = "au moins" if kind == "minimum" else "au plus"
            yield fpath, f"{value} n'est pas permis : {word} {error.validator_value}"
    elif kind == "dependentRequired":
        for name, needed in error.validator_value.items():
            for other in needed:
                if name in value and other not in value:
                    yield (
                        (*fpath, name),
                        (f"« {name} » demande aussi le champ « {other} » : ajoutez-le"),
                    )
    elif kind == "minProperties":
        yield fpath, "aucune valeur : le fichier doit en contenir au moins une"
    elif kind == "propertyNames":
        yield (
            fpath,
            f"{quote(value)} : les codes s'écrivent en minuscules et tirets (ex. acces-aux-droits)",
        )
    else:
        yield fpath, f"valeur refusée : {error.message}"


def _marker_fix(fpath: FieldPath, schema: dict | None) -> str:
    """What to do with a marker at `fpath`: the schema says whether the field may go."""
    node = schema
    for key in fpath[:-1]:
        node = (node or {}).get("items" if isinstance(key, int) else "properties", {})
        node = node if isinstance(key, int) else node.get(key)
    if node is None:
        return "remplissez ce champ, ou supprimez la ligne s'il est facultatif"
    if isinstance(fpath[-1], int):
        return "remplacez cette valeur, ou retirez-la de la liste"
    if fpath[-1] in node.get("required", []):
        hint = _example(node.get("properties", {}).get(fpath[-1], {}))
        return f"remplissez ce champ, il est obligatoire{hint}"
    return "remplissez ce champ, ou supprimez la ligne : il est facultatif"


def marker_problems(doc: Document, schema: str | None = None) -> list[Problem]:
    """Values still holding the template's « À COMPLÉTER » marker, with the fix that the
    schema/<schema>.schema.json allows (a required field cannot be deleted)."""
    rules = schema_validator(schema).schema if schema else None
    out = []
    for fpath, value in walk(doc.value):
        if isinstance(value, str) and MARKER in value and fpath:
            message = f"« {MARKER} » : {_marker_fix(fpath, rules)}"
            out.append(Problem(doc.path, doc.line(fpath), format_path(fpath), message))
    return out


def walk(value: Any, fpath: FieldPath = ()) -> Iterator[tuple[FieldPath, Any]]:
    yield fpath, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, (*fpath, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk(item, (*fpath, index))


# Field rules that JSON Schema cannot express. Each takes the value (of the right type
# already, see _typed) and returns a French message, or None when the value is fine.


def check_phone(value: str) -> str | None:
    try:
        number = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        return (
            f"{quote(value)} n'est pas un numéro français "
            "(10 chiffres attendus, ex. 05 55 17 71 82)"
        )
    if phonenumbers.region_code_for_number(number) not in FRENCH_REGIONS:
        return f"{quote(value)} n'est pas un numéro français (ex. 05 55 17 71 82)"
    return None


FRENCH_REGIONS = {"FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "NC", "PF", "WF"}

_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


def check_email(value: str) -> str | None:
    if not _EMAIL.match(value) or ".." in value:
        return f"{quote(value)} n'est pas une adresse électronique (ex. contact@association.fr)"
    return None


def check_url(value: str) -> str | None:
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in ("http", "https"):
        return (
            f"{quote(value)} : seules les adresses web commençant par https:// ou http:// "
            "sont acceptées (ex. https://www.association.fr)"
        )
    if not parts.hostname or "." not in parts.hostname or any(c.isspace() for c in value.strip()):
        return f"{quote(value)} n'est pas une adresse web complète (ex. https://www.association.fr)"
    return None


def check_hours(value: str) -> str | None:
    try:
        opening_hours.OpeningHours(value, country="FR")
    except (opening_hours.ParserError, SyntaxError, ValueError) as error:
        where = re.search(r"--> \d+:(\d+)", str(error))
        detail = ""
        if where:  # the parser's column, and what it could not read from there on
            column = int(where.group(1))
            rest = value[column - 1 :].strip()
            detail = f" à la colonne {column}" + (f" ({quote(rest)})" if rest else "")
        return (
            f"horaires illisibles{detail} : utilisez le format OpenStreetMap, jours Mo Tu We Th "
            "Fr Sa Su et heures HH:MM, ex. Mo-Fr 09:00-12:00,14:00-17:00; PH off"
        )
    return None


def parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def check_date(value: str) -> str | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return f"{quote(value)} n'est pas une date : écrivez AAAA-MM-JJ, ex. 2026-11-20"
    if parse_date(value) is None:
        return f"{quote(value)} : cette date n'existe pas, vérifiez le jour et le mois"
    return None


def check_moment(value: str) -> str | None:
    """An event's start or end: a date, or a date and a time (Europe/Paris)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2})?", value):
        return (
            f"{quote(value)} n'est pas une date : écrivez AAAA-MM-JJ, ou AAAA-MM-JJTHH:MM "
            "avec l'heure de Paris, ex. 2016-11-09T10:00"
        )
    day, _, time = value.replace(" ", "T").partition("T")
    if parse_date(day) is None:
        return f"{quote(value)} : cette date n'existe pas, vérifiez le jour et le mois"
    if time and (int(time[:2]) > 23 or int(time[3:]) > 59):
        return f"{quote(value)} : cette heure n'existe pas, écrivez HH:MM de 00:00 à 23:59"
    return None


def check_postcode(value: str) -> str | None:
    if not re.fullmatch(r"\d{5}", value):
        return f'{quote(value)} n\'est pas un code postal : 5 chiffres attendus, ex. "19100"'
    return None


def check_siret(value: str) -> str | None:
    if not re.fullmatch(r"\d{14}", value):
        return (
            f"{quote(value)} n'est pas un SIRET : 14 chiffres sans espaces attendus, "
            'ex. "12345678901237"'
        )
    if value.startswith("356000000"):  # La Poste: the sum of the digits is a multiple of 5
        ok = sum(int(c) for c in value) % 5 == 0
    else:
        total = 0
        for index, char in enumerate(reversed(value)):
            digit = int(char) * (2 if index % 2 else 1)
            total += digit - 9 if digit > 9 else digit
        ok = total % 10 == 0
    if not ok:
        return f"{quote(value)} : la clé du SIRET est fausse, vérifiez les 14 chiffres"
    return None


FIELD_CHECKS = {
    "telephone": check_phone,
    "courriel": check_email,
    "site_web": check_url,
    "acceslibre": check_url,
    "horaires_accueil": check_hours,
    "date_maj": check_date,
    "signee_le": check_date,
    "adoptee_le": check_date,
    "cree_le": check_date,
    "du": check_date,
    "au": check_date,
    "debut": check_moment,  # evenements.yaml
    "fin": check_moment,
    "siret": check_siret,
    "code_postal": check_postcode,
}


def field_problems(doc: Document, today: dt.date) -> list[Problem]:
    """The FIELD_CHECKS of every field of `doc`, wherever it stands, plus rules between fields."""
    out: list[Problem] = []

    def add(fpath: FieldPath, message: str) -> None:
        out.append(Problem(doc.path, doc.line(fpath), format_path(fpath), message))

    for fpath, value in walk(doc.value):
        name = fpath[-1] if fpath else None
        if isinstance(name, str) and isinstance(value, str) and MARKER not in value:
            check = FIELD_CHECKS.get(name)
            message = check(value) if check else None
            if message:
                add(fpath, message)
            elif name in ("date_maj", "signee_le") and parse_date(value) > today:
                add(
                    fpath,
                    f"la date {value} est dans le futur : mettez la date du jour ou une date passée",
                )
        if isinstance(value, dict):
            _relations(value, fpath, add)
    return out


def _relations(item: dict, fpath: FieldPath, add) -> None:
    """Rules between sibling fields: ages, publics, closure dates."""
    low, high = item.get("age_min"), item.get("age_max")
    if isinstance(low, int) and isinstance(high, int) and low > high:
        add(
            (*fpath, "age_min"),
            f"age_min ({low}) est plus grand que age_max ({high}) : inversez-les",
        )
    publics = item.get("publics")
    if isinstance(publics, list) and "tous-publics" in publics and len(publics) > 1:
        add(
            (*fpath, "publics"),
            "« tous-publics » ne se combine pas avec d'autres publics : gardez-le seul, ou retirez-le",
        )
    start, end = item.get("du"), item.get("au")
    if isinstance(start, str) and isinstance(end, str):
        first, last = parse_date(start), parse_date(end)
        if first and last and last < first:
            add(
                (*fpath, "au"),
                f"la fermeture finit ({end}) avant de commencer ({start}) : vérifiez les dates",
            )
