"""Sentences, and the lists of actors a cue introduces or closes, read forwards or backwards."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from ..records import Mention
from .words import _JOINER, _TO_INSTRUMENT, ACTORS, INSTRUMENTS


def _sentence_of(spans: tuple[tuple[int, int], ...], position: int) -> tuple[int, int]:
    """The sentence span that holds ``position`` (the one before it when ``position`` falls
    in the spaces between two sentences)."""
    return spans[max(bisect_right(spans, position, key=_start) - 1, 0)]


def _start(span: tuple[int, int]) -> int:
    return span[0]


def _by_sentence(
    spans: tuple[tuple[int, int], ...], mentions: list[Mention]
) -> dict[tuple[int, int], list[Mention]]:
    """Mentions grouped by the sentence they start in, in text order."""
    grouped: dict[tuple[int, int], list[Mention]] = {}
    for mention in mentions:
        span = _sentence_of(spans, mention.start)
        if span[0] <= mention.start < span[1]:
            grouped.setdefault(span, []).append(mention)
    return grouped


def _following(
    mentions: list[Mention], start: int, stop: int, text: str, kinds: frozenset[str] = ACTORS
) -> list[Mention]:
    """The entities of ``kinds`` named in a list that starts at ``start``: each next one
    separated from the last only by joiners ("A, B and the Government of C")."""
    found, cursor = [], start
    for mention in mentions:
        if mention.start < cursor:
            continue
        gap = text[cursor : mention.start]
        if mention.start >= stop or not (
            _JOINER.match(gap) or (kinds is INSTRUMENTS and _TO_INSTRUMENT.match(gap))
        ):
            break
        if mention.entity.kind in kinds:
            found.append(mention)
        cursor = max(cursor, mention.end)
    return found


def _preceding(mentions: list[Mention], end: int, stop: int, text: str) -> list[Mention]:
    """The actors named in a list that ends at ``end``, read backwards."""
    found, cursor = [], end
    for mention in reversed(mentions):
        if mention.end > cursor:
            continue
        if mention.end <= stop or not _JOINER.match(text[mention.end : cursor]):
            break
        if mention.entity.kind in ACTORS:
            found.append(mention)
        cursor = min(cursor, mention.start)
    return found[::-1]


def _actor_mentions(mentions: Iterable[Mention], field: str = "text") -> list[Mention]:
    """Mentions in a field, outermost first where two overlap (a country inside an
    organisation's name is the organisation's, not a second actor)."""
    chosen: list[Mention] = []
    for mention in sorted(
        (m for m in mentions if m.field == field), key=lambda m: (m.start, -m.end)
    ):
        if chosen and mention.start < chosen[-1].end:
            continue
        chosen.append(mention)
    return chosen
