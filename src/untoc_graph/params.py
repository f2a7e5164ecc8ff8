"""Named-query parameters as users type them: a country by name (English, French or Spanish),
ISO code in any case, prefixed name or IRI; an instrument by notation or name; a programme or
any entity by label, acronym, prefixed name or IRI; a region by name in any case.

Values are resolved against the graph's own labels (and the vocabularies' labels in three
languages). A value that names nothing is a :class:`QueryError` that suggests the closest
names: "no country 'Irak' in the graph; did you mean Iraq (IQ)?".
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

import pyoxigraph as ox

from .query import NamedQuery, QueryError
from .text import fold

__all__ = ["resolve_values", "accepted"]

_PREFIXES = """PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX gn: <http://www.geonames.org/ontology#>
PREFIX ug: <https://w3id.org/untoc-graph/ontology#>
"""
#: Per parameter name: the graph's (value, label) pairs it can take, and how a value reads.
_CHOICES = {
    "country": "SELECT DISTINCT ?value ?label WHERE { ?c a schema:Country ; gn:countryCode ?value ; schema:name ?label }",
    "instrument": "SELECT DISTINCT ?value ?label WHERE { ?i skos:notation ?value ; schema:name ?label }",
    "region": "SELECT DISTINCT ?value ?label WHERE { ?r skos:inScheme ug:regions ; schema:name ?value . BIND(?value AS ?label) }",
    "programme": "SELECT DISTINCT ?value ?label WHERE { ?value a ug:Programme ; schema:name ?label }",
}


#: What a user may type for a parameter, by name (or by kind for IRIs), as `queries -v` says.
ACCEPTED = {
    "country": "a name in English, French or Spanish, an ISO code in any case, or an IRI: Iraq, Irak, iq",
    "instrument": "a notation or a name in English, French or Spanish: TIP, Trafficking in Persons Protocol, Protocole relatif aux armes à feu",
    "region": "a region's name, in any case: West and Central Africa, latin america",
    "programme": "a name, acronym, prefixed name or IRI: REVMOD, programme:revmod",
    "iri": "a label, acronym, prefixed name or IRI: Iraq, UNODC, country:IQ",
}


def accepted(name: str, kind: str) -> str | None:
    """What the named queries' parameter ``name`` (of ``kind``) accepts, or None when it takes
    its value as written."""
    return ACCEPTED.get(name) or (ACCEPTED["iri"] if kind == "iri" else None)


def _key(text: str) -> str:
    return " ".join(fold(text).lower().split())


def resolve_values(
    store: ox.Store, query: NamedQuery, values: dict[str, str], aliases: Callable[[], dict]
) -> dict[str, str]:
    """``values`` with each one the user typed turned into what ``query`` expects.
    ``aliases`` gives the vocabularies' labels (folded, lower case) to IRIs, when needed."""
    kinds = {param.name: param.kind for param in query.params}
    resolved = dict(values)
    for name, value in values.items():
        if name in _CHOICES:
            resolved[name] = _choose(store, name, value, aliases)
        elif kinds.get(name) == "iri":
            resolved[name] = _entity(store, name, value, aliases)
    return resolved


def _choose(store, name: str, value: str, aliases) -> str:
    rows = store.query(_PREFIXES + _CHOICES[name], use_default_graph_as_union=True)
    pairs = [(row["value"].value, row["label"].value) for row in rows]
    wanted = _key(value)
    tail = _key(value.rsplit("/", 1)[-1].rsplit(":", 1)[-1])  # an IRI or a prefixed name
    by_key: dict[str, str] = {}
    for found, label in pairs:
        for key in (_key(found), _key(found.rsplit("/", 1)[-1]), _key(label)):
            by_key.setdefault(key, found)
    if wanted not in by_key and tail not in by_key:
        # the vocabularies' labels in three languages: "Irak", "Protocole relatif aux armes à feu"
        targets = {f.rsplit("/", 1)[-1]: f for f, _ in pairs} | {f: f for f, _ in pairs}
        elsewhere = _country_names() if name == "country" else aliases()
        for label, iri in elsewhere.items():
            target = targets.get(iri) or targets.get(iri.rsplit("/", 1)[-1])
            if target is not None:
                by_key.setdefault(label, target)
    for key in (wanted, tail):
        if key in by_key:
            return by_key[key]
    names = {_key(label): (label, found) for found, label in pairs}
    names |= {_key(found.rsplit("/", 1)[-1]): (label, found) for found, label in pairs}
    close = difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.5)
    shown = []
    for key in close:
        label, found = names[key]
        short = found.rsplit("/", 1)[-1]
        shown.append(label if _key(short) == _key(label) else f"{label} ({short})")
    hint = "; did you mean " + " or ".join(shown) + "?" if shown else ""
    raise QueryError(f"no {name} {value!r} in the graph{hint}")


def _country_names() -> dict[str, str]:
    """Country names in English, French and Spanish (CLDR, through babel), to ISO codes."""
    from babel import Locale

    return {
        _key(label): code
        for language in ("en", "fr", "es")
        for code, label in Locale(language).territories.items()
        if len(code) == 2 and code.isalpha()
    }


def _entity(store, name: str, value: str, aliases) -> str:
    from .explain import ExplainError, resolve

    try:
        return resolve(store, value, aliases()).value
    except ExplainError as error:
        raise QueryError(f"parameter {name}: {error}") from None
