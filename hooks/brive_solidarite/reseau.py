"""Who works on what, for the network's pages (/reseau/, /benevolat/): one row per actor or
service answering a need, and the calls for volunteers by need."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Actor, Offer, Service, SiteData


@dataclass(frozen=True)
class Ligne:
    """An actor answering a need itself (service None) or through one of its services."""

    actor: Actor
    service: Service | None = None

    @property
    def offer(self) -> Offer:
        return self.service or self.actor

    @property
    def sur_orientation(self) -> bool:
        return "sur-orientation" in self.offer.modalites


def network_rows(data: SiteData, code: str) -> list[Ligne]:
    """The rows of need `code`: the actor when it has the need itself, then each of its
    services that has it (a service inherits its actor's needs unless it gives its own)."""
    rows: list[Ligne] = []
    for actor, services in data.actors_for(code):
        if code in actor.thematiques:
            rows.append(Ligne(actor))
        rows += [Ligne(actor, s) for s in services]
    return rows


@dataclass(frozen=True)
class Appel:
    """A call for volunteers, written by an actor or by one of its services."""

    actor: Actor
    texte: str
    service: Service | None = None


def volunteer_calls(data: SiteData) -> dict[str, list[Appel]]:
    """The calls for volunteers under each need of whoever wrote them, needs in the order
    of thematiques.yaml, needs without a call left out. A service's call counts only when
    the service writes its own (it inherits its actor's otherwise)."""
    by_need: dict[str, list[Appel]] = {code: [] for code in data.thematiques}
    for actor in data.actors:
        if actor.benevolat:
            for code in actor.thematiques:
                by_need[code].append(Appel(actor, actor.benevolat))
        for service in actor.services:
            if "benevolat" in service.own and service.benevolat:
                for code in service.thematiques:
                    by_need[code].append(Appel(actor, service.benevolat, service))
    return {code: calls for code, calls in by_need.items() if calls}


def network_pages(renderer) -> list:
    """The pages of the "Réseau" section: who does what, volunteering, the diagnosis."""
    data = renderer.data
    calls = volunteer_calls(data)
    signataires = sorted(
        (a for a in data.actors if a.charte_signee_le), key=lambda a: a.charte_signee_le
    )
    return [
        renderer.page(
            "reseau/index.md",
            "reseau.html",
            "Le réseau : qui fait quoi",
            "Pour les professionnels : les acteurs de chaque besoin, comment orienter une personne.",
            search=False,  # every actor has its own page in the index
            needs=[(code, network_rows(data, code)) for code in data.thematiques],
            signataires=signataires,
        ),
        renderer.page(
            "benevolat/index.md",
            "benevolat.html",
            "Devenir bénévole",
            "Les associations de Brive qui cherchent des bénévoles, et comment proposer votre temps.",
            calls=calls,
            count=len({call.actor.id for appels in calls.values() for call in appels}),
        ),
        renderer.page(
            "diagnostic/index.md",
            "diagnostic.html",
            "Diagnostic territorial",
            "Les chiffres publiés sur la solidarité à Brive, avec leur source et leur date.",
        ),
    ]
