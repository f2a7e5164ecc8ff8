"""A field of an entry (its headline or its text) as the extractor works on it: its tokens,
the mentions found so far, the city candidates still to be decided, and the spans that person
names have claimed."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..gazetteer import Place
from ..lexicon import Token
from .records import Entity, Mention


@dataclass
class _Field:
    name: str
    text: str
    tokens: list[Token]
    mentions: list[Mention] = field(default_factory=list)
    cities: list[tuple[int, int, tuple[Place, ...]]] = field(default_factory=list)
    blocked: list[tuple[int, int]] = field(default_factory=list)
    persons: list = field(default_factory=list)

    def free(self, start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in self.blocked)

    def add(self, entity: Entity, start: int, end: int) -> Mention:
        mention = Mention(entity, start, end, self.text[start:end], self.name)
        self.mentions.append(mention)
        return mention
