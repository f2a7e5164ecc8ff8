"""The records extraction produces: entities, their mentions, figures, the event, and the
extraction of one entry. Plain frozen data, shared by every stage after extraction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..sources import Entry

__all__ = [
    "Entity",
    "Mention",
    "Figure",
    "Event",
    "Role",
    "TreatyAction",
    "Party",
    "Extraction",
]


@dataclass(frozen=True)
class Entity:
    """Something an entry names: a place, organisation, person, instrument, programme, …"""

    kind: str
    key: str
    name: str
    linked: bool = True
    iri: str | None = None
    types: tuple[str, ...] = ()
    notation: str | None = None
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    job_title: str | None = None
    affiliation: Entity | None = None
    part_of: str | None = None
    container: Entity | None = None
    scheme: str | None = None
    edition_of: Entity | None = None  # a publication's edition: the work it is an edition of
    version: str | None = None  # the edition, as the entry writes it ("2024")


@dataclass(frozen=True)
class Mention:
    """An entity named at ``[start, end)`` of the article's text (or of its headline)."""

    entity: Entity
    start: int
    end: int
    exact: str
    field: str = "text"


@dataclass(frozen=True)
class Figure:
    """A stated number of participants: "over 270 participants", "43 States Parties"."""

    count: int
    unit: str
    qualifier: str | None
    start: int
    end: int
    exact: str


@dataclass(frozen=True)
class Event:
    """The event an entry reports."""

    type: Entity | None
    start: date | None
    end: date | None
    location: Entity | None
    organizers: tuple[Entity, ...] = ()
    concerns: tuple[Entity, ...] = ()
    figures: tuple[Figure, ...] = ()
    date_evidence: tuple[int, int, str] | None = None
    type_evidence: Mention | None = None
    super_event: Entity | None = None


@dataclass(frozen=True)
class Role:
    """A role the text states for an entity in the entry's event: ``property`` is one of
    organizer, host, funder, participantState, attendee, speaker; ``exact`` is the phrase that
    states it, at ``[start, end)`` of ``field`` (the text, or the headline)."""

    property: str
    entity: Entity
    start: int
    end: int
    exact: str
    field: str = "text"


@dataclass(frozen=True)
class TreatyAction:
    """A state's action on an instrument (signature, ratification, accession, acceptance,
    approval, succession, domestication), with its date when the sentence states one."""

    state: Entity
    instrument: Entity
    action: str
    date: date | None
    start: int
    end: int
    exact: str


@dataclass(frozen=True)
class Party:
    """A statement that a state is, or became, a party to an instrument."""

    state: Entity
    instrument: Entity
    start: int
    end: int
    exact: str


@dataclass(frozen=True)
class Coverage:
    """How many countries a publication's data covers, as a sentence states it ("data from
    130 countries"): a figure of the publication, never of the event's participants."""

    publication: Entity
    countries: int
    start: int
    end: int
    exact: str
    field: str = "text"


@dataclass(frozen=True)
class Extraction:
    entry: Entry
    published: date | None
    language: str
    dateline_places: tuple[Entity, ...]
    mentions: tuple[Mention, ...]
    event: Event | None
    warnings: tuple[str, ...] = field(default=())
    roles: tuple[Role, ...] = ()
    treaty_actions: tuple[TreatyAction, ...] = ()
    parties: tuple[Party, ...] = ()
    coverage: tuple[Coverage, ...] = ()

    def entities(self, kind: str) -> list[Entity]:
        """The distinct entities of a kind, in order of first mention."""
        seen: dict[str, Entity] = {}
        for mention in self.mentions:
            if mention.entity.kind == kind:
                seen.setdefault(mention.entity.key, mention.entity)
        return list(seen.values())
