"""Instruments, programmes, known organisations and other named works: vocabulary items as
entities, what is named inside a longer name, and publications, sessions and Convention
articles by their form."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..lexicon import Lexicon, Token
from ..vocabulary import VocabItem
from .fields import _Field
from .places import _place_entity
from .records import Entity

#: Looked for again inside longer names ("Norwegian … Agency", "UNODC Regional Office …").
INNER_KINDS = frozenset({"country", "instrument"})
ORGANIZATIONS = frozenset({"organization"})
SCHEMA_CREATIVE_WORK = "https://schema.org/CreativeWork"
_TITLE_WORD = r"[A-Z][\w’'\-]*"
#: Publications by their form: "Legislative Guide on …", "Global Report on … 2022", "Toolkit on …".
_PUBLICATION = re.compile(
    rf"(?P<name>(?:(?:Legislative|Global|Practical|Model|Technical)\s+)?"
    rf"(?:Guide|Report|Toolkit|Handbook|Manual|Law|Study|Digest|Compendium|Guidelines)"
    rf"\s+(?:on|for|to)\s+(?:the\s+)?{_TITLE_WORD}"
    rf"(?:\s+(?:(?:on|of|in|the|and|for|to|against|with|a)\s+)*{_TITLE_WORD})*(?:\s+(?:19|20)\d\d)?)"
)
#: Named sessions: "12th Session of the COP", "68th annual Commission on the Status of Women",
#: "9th Our Ocean Conference", "15th meeting of the … Working Group …"; and by code: "CCPCJ33",
#: "UNGA 78", "OOC-9".
_SESSION = re.compile(
    rf"\b\d{{1,3}}(?:st|nd|rd|th)\s+(?:(?:annual|regular|special|ordinary)\s+)?"
    rf"(?:(?:[Ss]ession|[Mm]eeting)\s+of\s+the\s+{_TITLE_WORD}(?:\s+(?:(?:on|of|the|and|for)\s+)*{_TITLE_WORD})*"
    rf"|(?:{_TITLE_WORD}\s+){{0,3}}(?:Commission|Conference|Congress|Forum|Assembly)"
    rf"(?:\s+(?:(?:on|of|the|and|for)\s+)*{_TITLE_WORD})*)"
)
_SESSION_CODE = re.compile(r"\b(?:CCPCJ|CND|UNGA|COP|CoP|CSW|OOC)[- ]?\d{1,3}\b")
_ARTICLE = re.compile(r"\b(?:Article|article|Artículo|artículo)\s+(?P<number>\d{1,2})\b")


def _item_entity(item: VocabItem) -> Entity:
    return Entity(
        item.kind,
        item.iri,
        item.name,
        iri=item.iri,
        types=item.types,
        notation=item.notation,
        scheme=item.scheme,
    )


def _inner(f: _Field, lexicon: Lexicon, first: int, last: int) -> None:
    """Countries and instruments named inside a longer name ("Norwegian … Agency"), and the
    body whose acronym leads it ("UNODC Regional Office for Central Asia" names UNODC)."""
    tokens = f.tokens[first:last]
    key = tuple((t.key, t.text.isupper()) for t in tokens)
    found = lexicon.memo.get(key)
    if found is None:
        found = lexicon.memo[key] = list(_inner_hits(tokens, lexicon))
    for hit_first, hit_last, entity in found:
        f.add(entity, tokens[hit_first].start, tokens[hit_last - 1].end)


def _inner_hits(tokens: list[Token], lexicon: Lexicon) -> Iterator[tuple[int, int, Entity]]:
    for hit in lexicon.scan(tokens, INNER_KINDS):
        if hit.first == 0 and hit.last == len(tokens):
            continue
        if hit.items:
            yield hit.first, hit.last, _item_entity(hit.items[0])
        elif hit.places and hit.places[0].kind == "country":
            yield hit.first, hit.last, _place_entity(hit.places[0])
    leading = next(lexicon.scan(tokens[:-1], ORGANIZATIONS), None)
    acronym = leading is not None and all(t.text.isupper() for t in tokens[: leading.last])
    if acronym and leading.first == 0:
        yield 0, leading.last, _item_entity(leading.items[0])
