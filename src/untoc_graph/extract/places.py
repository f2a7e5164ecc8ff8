"""Places: countries, regions and cities as entities, the dateline's places, and which city a
name in running text is (or whether it is one at all)."""

from __future__ import annotations

import re

from ..gazetteer import Place
from ..lexicon import Lexicon, Token
from ..sources import Entry
from .records import Entity

REGIONS = "https://w3id.org/untoc-graph/ontology#regions"
_LANGUAGE_NAMES = frozenset(
    [
        "English",
        "French",
        "Spanish",
        "Arabic",
        "Russian",
        "Chinese",
        "Portuguese",
        "German",
        "Italian",
        "Dutch",
        "Turkish",
        "Japanese",
        "Korean",
        "Persian",
        "Swahili",
    ]
)


def _place_entity(place: Place, lexicon: Lexicon | None = None) -> Entity:
    if place.kind == "country":
        return Entity(
            "country",
            place.key,
            place.name,
            country_code=place.key,
            geonames_id=place.geonames_id,
        )
    if place.kind == "region":
        return Entity("region", place.key, place.name, iri=place.key, scheme=REGIONS)
    linked = place.geonames_id is not None
    country = lexicon.gazetteer.countries.get(place.country_code or "") if lexicon else None
    return Entity(
        "city",
        place.key,
        place.name,
        linked=linked,
        iri=None if linked else place.key,
        country_code=place.country_code,
        latitude=place.latitude,
        longitude=place.longitude,
        geonames_id=place.geonames_id,
        container=_place_entity(country) if country else None,
    )


def _is_language(tokens: list[Token], first: int, last: int) -> bool:
    """ "French" in "in English, French and Spanish" names a language, not France."""
    if last - first != 1 or tokens[first].text not in _LANGUAGE_NAMES:
        return False
    following = tokens[last].text if last < len(tokens) else ""
    return not following[:1].isupper()


def _resolve_city(cities: tuple[Place, ...], context: set[str], strict: bool) -> Place | None:
    in_context = [c for c in cities if c.country_code in context]
    if in_context:
        return in_context[0]
    best = cities[0]
    if not strict or best.population >= 1_000_000:
        return best
    return None


def _dateline_places(
    entry: Entry, text: str, lexicon: Lexicon, context: set[str], warnings: list[str]
):
    place_text = entry.dateline_place
    if not place_text:
        return []
    hint = re.search(r"\(([^)]+)\)|,\s*(.+)$", place_text)
    hint_name = (hint.group(1) or hint.group(2)).strip() if hint else None
    main = place_text[: hint.start()].strip() if hint else place_text
    hint_country = next(
        (p for p in lexicon.gazetteer.lookup(hint_name or "") if p.kind == "country"), None
    )
    scope = set(context) | ({hint_country.key} if hint_country else set())
    limit = len(entry.dateline) + len(place_text) + 4
    found = []
    for name in (n.strip() for n in main.split("/")):
        candidates = lexicon.gazetteer.lookup(name)
        start = text.find(name, 0, limit)
        place = None
        if candidates and candidates[0].kind in ("country", "region"):
            place = candidates[0]
        elif candidates:
            place = _resolve_city(
                tuple(c for c in candidates if c.kind == "city"), scope, strict=False
            )
        if place is None:
            warnings.append(f"unknown dateline place {name!r}")
            continue
        found.append(
            (_place_entity(place, lexicon), start, start + len(name) if start >= 0 else -1)
        )
    if hint_country:
        start = text.find(hint_name, 0, limit)
        found.append(
            (_place_entity(hint_country), start, start + len(hint_name) if start >= 0 else -1)
        )
    return found
