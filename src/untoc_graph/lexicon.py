"""One fast phrase matcher compiled from the vocabularies and the gazetteer.

Text is split into word tokens; every label of every vocabulary item and every place name is
compiled into a table keyed by its folded token sequence. Matching looks up, at each token, the
longest phrase starting there — a dictionary probe per candidate length, bounded by the longest
label that starts with that token — so its cost grows with the text, not with the vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from .gazetteer import Gazetteer, Place, fold
from .vocabulary import VocabItem, Vocabulary

__all__ = ["Lexicon", "Token", "Hit", "tokenize", "default_lexicon"]

_TOKEN = re.compile(r"\w+(?:[’'.&\-]\w+)*|[^\w\s]")
_FOOTNOTE = re.compile(r"^([^\W\d]{3,})\d$")  # "FAO1", "Sea1": a word with a footnote number
_POSSESSIVE = re.compile(r"(?<=\w)[’']s$")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    key: str


def tokenize(text: str) -> list[Token]:
    """Word and punctuation tokens with their character offsets; "UK’s" gives "UK" and "’s"."""
    tokens = []
    for match in _TOKEN.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        possessive = _POSSESSIVE.search(word)
        if possessive:
            cut = start + possessive.start()
            tokens.append(Token(text[start:cut], start, cut, fold(text[start:cut])))
            tokens.append(Token(text[cut:end], cut, end, "'s"))
        else:
            footnote = _FOOTNOTE.match(word)
            tokens.append(Token(word, start, end, fold(footnote.group(1) if footnote else word)))
    return tokens


@dataclass(frozen=True, slots=True)
class Hit:
    """A phrase of the text found in the lexicon: token range and what it may denote."""

    first: int
    last: int  # exclusive
    items: tuple[VocabItem, ...]
    places: tuple[Place, ...]


def _variants(label: str) -> set[str]:
    """The label, and its sentence-initial form when it starts in lower case."""
    variants = {label}
    if label[:1].islower():
        variants.add(label[0].upper() + label[1:])
    if label.startswith(("the ", "The ")):
        variants.add(label[4:])
    return variants


class Lexicon:
    """Vocabulary items and places by the token sequences that name them."""

    def __init__(self, vocabulary: Vocabulary | None = None, gazetteer: Gazetteer | None = None):
        self.vocabulary = vocabulary or Vocabulary()
        self.gazetteer = gazetteer or Gazetteer(self.vocabulary)
        self.items: dict[str, list[VocabItem]] = {}
        self.places: dict[str, tuple[Place, ...]] = {}
        self.longest: dict[str, int] = {}
        for item in self.vocabulary.matchable():
            for label in item.labels:
                for variant in _variants(label):
                    key = self._register(variant)
                    bucket = self.items.setdefault(key, [])
                    if item not in bucket:
                        bucket.append(item)
        for name, places in self.gazetteer.names.items():
            key = self._register(name)
            self.places[key] = tuple(places)

    def _register(self, label: str) -> str:
        keys = [t.key for t in tokenize(label)]
        key = " ".join(keys)
        if keys and len(keys) > self.longest.get(keys[0], 0):
            self.longest[keys[0]] = len(keys)
        return key

    def scan(self, tokens: list[Token], kinds: frozenset[str] | None = None) -> Iterator[Hit]:
        """Longest, leftmost, non-overlapping phrases of the lexicon in a token list.

        ``kinds`` restricts the search to some item and place kinds ("country", "instrument", …).
        """
        i, count = 0, len(tokens)
        while i < count:
            longest = self.longest.get(tokens[i].key, 0)
            for n in range(min(longest, count - i), 0, -1):
                key = " ".join(t.key for t in tokens[i : i + n])
                items = tuple(self.items.get(key, ()))
                places = self.places.get(key, ())
                if kinds is not None:
                    items = tuple(x for x in items if x.kind in kinds)
                    places = tuple(p for p in places if p.kind in kinds)
                if items or places:
                    yield Hit(i, i + n, items, places)
                    i += n
                    break
            else:
                i += 1


@cache
def default_lexicon() -> Lexicon:
    """The lexicon of the shipped vocabularies and gazetteer, compiled once per process."""
    return Lexicon()
