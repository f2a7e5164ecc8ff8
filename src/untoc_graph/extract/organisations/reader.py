"""A field read token by token for the names of bodies: where a name starts, left of its head."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from ...lexicon import Lexicon
from ..fields import _Field
from ..records import Mention
from .words import (
    _CALENDAR,
    _DOTTED,
    _EN_LINKS,
    _ROMANCE_LINKS,
    ACCENTED_HEADS,
    HEADS,
    ROLE_WORDS,
    STARTERS,
    _demonyms,
    _is_acronym,
    _is_cap,
)


class _Reader:
    """One field's tokens with what is already known about each of them."""

    def __init__(self, f: _Field, lexicon: Lexicon):
        self.f = f
        self.tokens = f.tokens
        self.starts = [t.start for t in f.tokens]
        self.known = sorted(
            (m for m in f.mentions if m.entity.kind not in ("topic", "event-type")),
            key=lambda m: (m.start, -m.end),
        )
        self.topic_ends = {m.end for m in f.mentions if m.entity.kind == "topic"}
        self.places = {m.start: m for m in self.known if m.entity.kind in ("country", "region")}
        self.places.update({s: e for s, e, _ in f.cities})
        self.cities = {s for s, _, _ in f.cities}
        self.demonyms = _demonyms(lexicon)
        self._covering: dict[int, Mention] | None = None

    def index(self, offset: int) -> int:
        """The token that starts at or holds a character offset."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def mention(self, i: int) -> Mention | None:
        """The known name (not a topic or event type) that holds token i, if any."""
        if self._covering is None:
            covering: dict[int, Mention] = {}
            tokens, starts = self.tokens, self.starts
            for m in self.known:
                k = bisect_left(starts, m.start)
                while k < len(tokens) and tokens[k].start < m.end:
                    covering.setdefault(tokens[k].start, m)
                    k += 1
            self._covering = covering
        return self._covering.get(self.tokens[i].start)

    def person(self, i: int) -> bool:
        token = self.tokens[i]
        return any(a <= token.start < b for a, b in self.f.blocked)

    def is_head(self, i: int) -> bool:
        word = self.tokens[i].text
        return (self.tokens[i].key in HEADS and _is_cap(word)) or word in ACCENTED_HEADS

    def place_kind(self, i: int) -> str | None:
        place = self.places.get(self.tokens[i].start)
        if place is None:
            return None
        return place.entity.kind if isinstance(place, Mention) else "city"

    def place_end(self, i: int) -> int | None:
        """Where a place named from token i ends (a country, region or city), or None."""
        place = self.places.get(self.tokens[i].start)
        if place is None:
            return None
        return place.end if isinstance(place, Mention) else place


def _left(r: _Reader, head: int) -> int:
    """The first token of a name whose head is token ``head``, in English order: the
    capitalised words before the head ("Kenya Coast Guard Service", "UNODC Civil Society
    Unit", "General Prosecutor's Office")."""
    tokens = r.tokens
    first = head
    i = head - 1
    words = 0
    crossed = None  # where an "and" was crossed: "Organized Crime and Trafficking Branch"
    owner = False  # whether a "'s" was crossed: "Chief Prosecutor's Office" names a title
    while i >= 0 and words < 7:
        token = tokens[i]
        text = token.text
        if tokens[i + 1].start - token.end > 1:
            break
        known = r.mention(i)
        if known is not None:
            kind = known.entity.kind
            if kind not in ("country", "region", "organization", "programme"):
                break
            if known.end != token.end or (kind == "programme" and not _is_acronym(known.exact)):
                break
            first = i = r.index(known.start)
            i -= 1
            words += 1
            if kind in ("organization", "programme"):
                break
            continue
        if text in ("'s", "’s"):
            if i == 0 or not _is_cap(tokens[i - 1].text) or r.mention(i - 1) is not None:
                break
            before = tokens[i - 1]
            if before.key in HEADS or before.text in STARTERS or _is_acronym(before.text):
                break
            first = i = i - 1
            i -= 1
            words += 1
            owner = True
            continue
        if text == "." and i > 0 and _DOTTED.match(tokens[i - 1].text):
            if tokens[i - 1].end == token.start:
                first = i = i - 1
                i -= 1
                continue
            break
        if text == ")" and i >= 3 and tokens[i - 2].text == "(" and _is_acronym(tokens[i - 1].text):
            if _is_cap(tokens[i - 3].text):
                i -= 3
                continue
            break
        if text in ("&", "and", "in", "y", "et") and i > 0:
            before, after = tokens[i - 1], tokens[i + 1]
            if (
                _is_cap(before.text)
                and not _is_acronym(before.text)
                and r.mention(i - 1) is None
                and before.text not in STARTERS
                and _is_cap(after.text)
                and not _name_ends_at(r, i - 1)
            ):
                crossed = crossed if crossed is not None else i
                i -= 1
                continue
            break
        if not _is_cap(text) or not text[0].isalnum():
            break
        if text in STARTERS or token.key in _CALENDAR or r.person(i):
            break
        if text in ROLE_WORDS and not owner:
            break
        first = i
        i -= 1
        words += 1
    # "… of Public Security and General Department of Customs": what stands before the "and"
    # is the end of another name.
    linked = first > 0 and tokens[first - 1].text.lower() in _EN_LINKS | _ROMANCE_LINKS
    if crossed is not None and first < crossed and linked:
        first = crossed + 1
    while first < head and tokens[first].text.lower() in ("and", "in", "&", "y", "et"):
        first += 1
    return first


def _name_ends_at(r: _Reader, i: int) -> bool:
    """Whether the capitalised words ending at token i hold a head word: "State Customs
    Committee | and National Guards of Uzbekistan" are two bodies."""
    while i >= 0 and _is_cap(r.tokens[i].text) and r.tokens[i].text[0].isalnum():
        if r.is_head(i):
            return True
        i -= 1
    return False


def _past_known(r: _Reader, i: int) -> int:
    """The token after a known name that starts at token i, or i + 1."""
    known = r.mention(i)
    if known is not None and known.entity.kind in _NAME_KINDS and known.end > r.tokens[i].end:
        return r.index(known.end - 1) + 1
    return i + 1


_NAME_KINDS = frozenset({"organization", "programme", "instrument", "country", "region"})
