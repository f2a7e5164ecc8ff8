"""What a publication launch names, and how far the Convention reaches ("190 States
parties")."""

from __future__ import annotations

from collections.abc import Iterable

from ..cues import Cue
from ..records import Coverage, Mention, Role
from .sentences import _sentence_of
from .speakers import _LAUNCH
from .words import _sentences


def launches(text: str, mentions: Iterable[Mention], field: str = "text") -> list[Role]:
    """Publications an event launched: each named in a sentence that reports a launch."""
    found: dict[str, Role] = {}
    spans = _sentences(text)
    said: dict[tuple[int, int], bool] = {}
    for mention in mentions:
        if mention.field != field or mention.entity.kind != "publication":
            continue
        start, end = span = _sentence_of(spans, mention.start)
        if span not in said:
            said[span] = _LAUNCH.search(text, start, end) is not None
        if said[span]:
            found.setdefault(
                mention.entity.key,
                Role("launches", mention.entity, start, end, text[start:end], field),
            )
    return list(found.values())


#: A publication's reach: "data from 130 countries", "covers 141 countries", "datos de 130
#: países", "données de 110 pays".
_COVERAGE = Cue(
    r"\b(?:data|information|responses|figures|données|informations|datos|información|"
    r"cover(?:s|ed|ing)?|draw(?:s|n|ing)?\s+on|based\s+on|couvr(?:e|ant)|abarca|cubre)\b"
    r"[^.;]{0,40}?\b(?:from|on|of|in|de|des|du|en)?\s*(?P<count>\d{1,3}(?:,\d{3})?)\s+"
    r"(?:countries|states|member\s+states|pays|états|países|estados)\b"
)


def coverage(text: str, mentions: Iterable[Mention], field: str = "text") -> list[Coverage]:
    """The country coverage each publication's sentence states, the publication named in the
    same sentence (the nearest before the figure, else after it)."""
    publications = [m for m in mentions if m.field == field and m.entity.kind == "publication"]
    if not publications:
        return []
    spans, found = _sentences(text), {}
    for match in _COVERAGE.finditer(text):
        start, end = _sentence_of(spans, match.start())
        here = [m for m in publications if start <= m.start < end]
        named = [m for m in here if m.end <= match.start()][-1:] or here[:1]
        if named:
            count = int(match["count"].replace(",", ""))
            found.setdefault(
                named[0].entity.key,
                Coverage(
                    named[0].entity,
                    count,
                    match.start(),
                    match.end(),
                    text[match.start() : match.end()],
                    field,
                ),
            )
    return list(found.values())
