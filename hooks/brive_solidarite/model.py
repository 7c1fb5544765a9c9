"""The model: what the data folder says, once validated. Plain dataclasses, no behaviour
beyond small derived values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import phonenumbers

if TYPE_CHECKING:
    from .diagnostic import Diagnostic

# The fields a service may set and otherwise inherits from its actor (SCHEMA.md, Services).
INHERITED = (
    "thematiques",
    "publics",
    "age_min",
    "age_max",
    "modalites",
    "frais",
    "frais_precisions",
    "lieu",
    "telephone",
    "courriel",
    "site_web",
    "horaires_accueil",
    "horaires_precisions",
    "fermetures",
    "langues",
    "accessibilite",
    "benevolat",
)

# A service that sets the first field does not inherit the second: the actor's details
# would describe the actor's own value, not the service's.
LINKED = {"frais": "frais_precisions", "horaires_accueil": "horaires_precisions"}


@dataclass(frozen=True)
class Lieu:
    commune: str
    adresse: str | None = None
    complement_adresse: str | None = None
    code_postal: str | None = None
    code_insee: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    confidentiel: bool = False

    @property
    def public_coordinates(self) -> tuple[float, float] | None:
        if self.confidentiel or self.latitude is None or self.longitude is None:
            return None
        return (self.latitude, self.longitude)


@dataclass(frozen=True)
class Fermeture:
    du: dt.date
    au: dt.date | None = None
    motif: str | None = None


@dataclass(frozen=True)
class Accessibilite:
    pmr: bool | None = None
    precisions: str | None = None
    acceslibre: str | None = None


@dataclass
class Offer:
    """What an actor and its services have in common."""

    description: str
    thematiques: list[str] = field(default_factory=list)
    publics: list[str] = field(default_factory=lambda: ["tous-publics"])
    age_min: int | None = None
    age_max: int | None = None
    modalites: list[str] = field(default_factory=list)
    frais: str | None = None
    frais_precisions: str | None = None
    lieu: Lieu | None = None
    telephone: str | None = None
    courriel: str | None = None
    site_web: str | None = None
    horaires_accueil: str | None = None
    horaires_precisions: str | None = None
    fermetures: list[Fermeture] = field(default_factory=list)
    langues: list[str] = field(default_factory=list)
    accessibilite: Accessibilite | None = None
    benevolat: str | None = None

    @property
    def telephone_e164(self) -> str | None:
        return e164(self.telephone) if self.telephone else None


@dataclass
class Service(Offer):
    nom: str = ""
    type_service: str | None = None
    own: frozenset[str] = frozenset()  # the fields the service sets itself


@dataclass
class Actor(Offer):
    id: str = ""
    source: Path = Path()
    nom: str = ""
    type: str = "autre"
    sigle: str | None = None
    reseaux_porteurs: list[str] = field(default_factory=list)
    siret: str | None = None
    services: list[Service] = field(default_factory=list)
    charte_signee_le: dt.date | None = None
    mainteneurs: list[str] = field(default_factory=list)
    date_maj: dt.date = dt.date.min
    sources: list[str] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)  # the file as written, for exports

    @property
    def all_thematiques(self) -> set[str]:
        found = set(self.thematiques)
        for service in self.services:
            found.update(service.thematiques)
        return found


@dataclass(frozen=True)
class Thematique:
    code: str
    libelle: str
    description: str
    icone: str
    mots_cles: tuple[str, ...]
    data_inclusion: tuple[str, ...]


@dataclass(frozen=True)
class Urgence:
    numero: str
    libelle: str
    description: str
    sms: bool


@dataclass(frozen=True)
class Personne:
    nom: str
    role: str
    source: str | None = None


@dataclass(frozen=True)
class Office:
    nom: str
    telephone: str
    commune: str
    ancien_nom: str | None = None
    presentation: str | None = None
    courriel: str | None = None
    adresse: str | None = None
    code_postal: str | None = None
    cree_le: str | None = None
    personnes: tuple[Personne, ...] = ()
    motifs_contact: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def telephone_e164(self) -> str:
        return e164(self.telephone)


@dataclass(frozen=True)
class Article:
    numero: int
    slug: str
    titre: str
    texte: str  # Markdown


@dataclass(frozen=True)
class Charte:
    titre: str
    statut: str
    version: str
    articles: tuple[Article, ...]
    adoptee_le: str | None = None
    preambule: str | None = None


@dataclass(frozen=True)
class Evenement:
    """An event of the agenda. `debut` and `fin` are dates (whole days) or aware datetimes
    (Europe/Paris); `lien` is a page of the site, by its file in docs/."""

    id: str
    titre: str
    debut: dt.date | dt.datetime
    fin: dt.date | dt.datetime | None = None
    lieu: str | None = None
    description: str | None = None
    source: str | None = None
    lien: str | None = None
    fichier: Path = Path()
    ligne_lien: int = 1  # where `lien` is written, for the build's check of the page


@dataclass
class SiteData:
    folder: Path
    demo: bool
    thematiques: dict[str, Thematique]
    urgences: list[Urgence]
    office: Office
    charte: Charte
    actors: list[Actor]  # sorted by name
    evenements: list[Evenement] = field(default_factory=list)  # by start; evenements.yaml
    diagnostic: Diagnostic | None = None  # diagnostic.yaml is optional

    def actors_for(self, code: str) -> list[tuple[Actor, list[Service]]]:
        """Actors answering need `code`, with the services through which they do."""
        out = []
        for actor in self.actors:
            services = [s for s in actor.services if code in s.thematiques]
            if code in actor.thematiques or services:
                out.append((actor, services))
        return out


@cache  # pure, and called for every page an actor appears on
def e164(number: str) -> str:
    parsed = phonenumbers.parse(number, "FR")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


@cache
def national(number: str) -> str:
    """05 55 17 71 82, whatever spacing the partner used."""
    parsed = phonenumbers.parse(number, "FR")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)


def build(cls, values: dict[str, Any], **extra):
    """A dataclass from a validated mapping, ignoring keys it does not have."""
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in values.items() if k in names}, **extra)
