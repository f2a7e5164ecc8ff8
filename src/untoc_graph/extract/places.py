"""Places: countries, regions and cities as entities, the dateline's places, and which city a
name in running text is (or whether it is one at all).

A capitalised word is a place only when nothing better explains it: a language ("in English,
French and Spanish"), a longer place it is part of ("Latin American", "Gulf of Guinea", "Lake
Chad Basin"), a person's name ("Louise Taylor", "Mercedes Ceballos"), an organisation's name
("Ministry of Justice"), or a common word of English, French or Spanish ("See", "Para",
"Reunión")."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from ..gazetteer import Place
from ..lexicon import Lexicon, Token
from ..sources import MONTH_NUMBER, Entry
from ..text import fold
from .fields import _Field
from .records import Entity

REGIONS = "https://w3id.org/untoc-graph/ontology#regions"
_LANGUAGE_NAMES = frozenset(
    """English French Spanish Arabic Russian Chinese Portuguese German Italian Dutch Turkish
    Japanese Korean Persian Swahili Lao
    anglais français espagnol arabe russe chinois portugais allemand italien néerlandais turc
    japonais
    inglés español francés árabe ruso chino portugués alemán italiano neerlandés turco japonés
    Inglés Español Francés""".split()
)
# After a language name: "the French version", "langue", "Spanish-language".
_LANGUAGE_NOUNS = frozenset(
    """language languages version versions translation translations interpretation speakers
    speaking edition editions text texts subtitles original""".split()
)
# Before a language name: "in French", "into Spanish", "en français", "langue française".
_LANGUAGE_BEFORE = frozenset("in into en langue lengua idioma traduit traducido".split())
# A place word that is part of a geographic feature's name: "Gulf of Guinea", "Lake Chad",
# "Niger Delta", "South China Sea", "golfo de México".
_FEATURE_BEFORE = re.compile(
    r"\b(?:Gulf|Bay|Lake|Sea|Strait|Straits|Horn|Golfe|Golfo|Lac|Lago|Mar|Baie|Bahía|Détroit|"
    r"Estrecho|Corne|Cuerno)(?:\s+(?:of|de|du|del|de\s+la|d[’']))?(?:\s+the)?\s+$"
)
_FEATURE_WORDS = frozenset(
    """Gulf Bay Lake Sea Strait Straits Horn Golfe Golfo Lac Lago Mar Baie Bahía Détroit
    Estrecho Corne Cuerno""".split()
)
_FEATURE_AFTER = frozenset(("Delta", "River", "Basin", "Sea", "Valley", "Lake"))
_ARTICLES = frozenset("La Le El Los Las Les The".split())
#: A French or Spanish article never stands before a bare city name ("la República").
_ROMANCE_ARTICLES = frozenset("la el le les los las del al du des au aux".split())
_ELIDED = re.compile(r"[lLdD][’'][^\W\d_]")
_ISLAND = re.compile(r"\b(?:[Îîi]le|[Ii]sla|[Ii]sland)\b")
_HONORIFIC = re.compile(r"(?:Mr|Mrs|Ms|Dr|Sr|Sra|Srta|Dra|Mme|Mlle|M|Don|Doña|Prof|H\.E)\.?$")
_TITLE_CASE = re.compile(r"[A-ZÀ-Þ][a-zß-ÿ’'\-]+$")
#: Words that head an organisation's or a venue's name after a place: "Kenya Prisons Foundation".
_HEAD_WORDS = re.compile(
    r"\b(?:Foundation|Service|Services|Police|Agency|Commission|Council|Authority|Ministry|"
    r"Office|Centre|Center|Institute|University|Academy|School|Association|Network|Court|"
    r"Guard|Forces|Force|Navy|Customs|Directorate|Secretariat|Forum|Declaration|Convention|"
    r"Conference|Programme|Program|Project|Initiative|Process|Group|Committee|Bureau|Unit|"
    r"Department|Chamber|Hotel|Port|Airport|Hall|Prison|Prisons|Board|Federation|Union|Coalition|"
    r"Alliance|Partnership|Society|Club|Company|Corporation|Bank|Times|Post|News)\b"
)


class _Words:
    """Words of English, French and Spanish the places rules need, computed once per lexicon:
    ``lower`` — words the vocabularies write in lower case ("reunión", "justice", "para");
    ``common`` — those, stop words, and month and weekday names; ``known`` — those and every
    word of the vocabularies' labels ("International", "Foundation"). All folded, lower case."""

    def __init__(self, lexicon: Lexicon):
        lower: set[str] = set()
        known: set[str] = set()
        for item in lexicon.vocabulary.items.values():
            if item.kind in ("city", "region", "demonym"):
                continue
            for label in item.labels:
                for word in re.findall(r"[^\W\d_]+", label):
                    known.add(fold(word).lower())
                    if word.islower():
                        lower.add(fold(word))
        common = set(lower) | {fold(name) for name in MONTH_NUMBER}
        common |= {
            fold(day)
            for day in """monday tuesday wednesday thursday friday saturday sunday yesterday
            today tomorrow lundi mardi mercredi jeudi vendredi samedi dimanche hier demain
            lunes martes miércoles jueves viernes sábado domingo ayer hoy mañana""".split()
        }
        for language in ("English", "French", "Spanish"):
            common |= {fold(w).lower() for w in _stoplist(language) if w.isalpha()}
        self.lower = frozenset(lower)
        self.common = frozenset(common)
        self.known = frozenset(known | common)


def _stoplist(language: str) -> list[str]:
    """jusText's stop list of a language (jusText is a dependency of trafilatura), read from
    its data file: importing jusText would import ``urllib.request`` and ``ssl`` (0.4 s)."""
    from importlib.util import find_spec

    try:
        spec = find_spec("justext")
        folder = Path(spec.submodule_search_locations[0]) / "stoplists"
        return (folder / f"{language}.txt").read_text("utf-8").lower().splitlines()
    except (AttributeError, IndexError, TypeError, OSError, ValueError):  # not installed
        return []


def _words(lexicon: Lexicon) -> _Words:
    words = lexicon.memo.get("places:words")
    if words is None:
        words = lexicon.memo["places:words"] = _Words(lexicon)
    return words


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
    """A language, not a country: "in English, French and Spanish", "the French version",
    "en français", "lengua española"; but "French police" and "the French Ministry" are
    France's."""
    if last - first != 1 or tokens[first].text not in _LANGUAGE_NAMES:
        return False
    before = tokens[first - 1].text if first else ""
    after = tokens[last].text if last < len(tokens) else ""
    if after.lower() in _LANGUAGE_NOUNS or before in _LANGUAGE_BEFORE:
        return True
    # in a list of languages: "English, French and Spanish", "anglais et français"
    for index in (first - 2, last + 1):
        if 0 <= index < len(tokens) and tokens[index].text in _LANGUAGE_NAMES:
            between = tokens[min(index, first) + 1 : max(index, first)]
            if all(t.text in (",", "and", "or", "et", "ou", "y", "o", "/") for t in between):
                return True
    return False


def _resolve_city(cities: tuple[Place, ...], context: set[str], strict: bool) -> Place | None:
    """The city a name is: one of a country the entry names, else the largest; in running text
    (``strict``) only when it has a million people, and a town of a country named gives way to
    a city fifty times its size ("Vienna" is Austria's even when the United States is named)."""
    best = cities[0]
    in_context = [
        c
        for c in cities
        if c.country_code in context and (not strict or c.population * 50 >= best.population)
    ]
    if in_context:
        return in_context[0]
    if not strict or best.population >= 1_000_000:
        return best
    return None


def _token_at(tokens: list[Token], start: int) -> int:
    low, high = 0, len(tokens)
    while low < high:
        middle = (low + high) // 2
        if tokens[middle].start < start:
            low = middle + 1
        else:
            high = middle
    return low


def _name_word(token: Token | None, known: frozenset[str], lexicon: Lexicon) -> bool:
    """A capitalised word no vocabulary knows and that is no country or sizeable city: a first
    name or a surname ("Tamayo" is a village too)."""
    if token is None or not _TITLE_CASE.match(token.text):
        return False
    if fold(token.text).lower() in known:
        return False
    places = lexicon.gazetteer.lookup(token.text)
    return not places or (places[0].kind == "city" and places[0].population < 100_000)


def _title_cased(text: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_]{4,}", text)]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _in_a_name(f: _Field, first: int, last: int, lexicon: Lexicon) -> bool:
    """Whether the words ``tokens[first:last]`` are part of a person's name: a capitalised
    unknown word right before them ("Louise Taylor") or right after them ("Mercedes Ceballos")
    when no organisation's head word follows ("Kenya Prisons Foundation")."""
    tokens = f.tokens
    if f.name == "headline" and _title_cased(f.text):
        return False  # "Workshop Strengthens Mali Border Control": every word has a capital
    known = _words(lexicon).known
    before = tokens[first - 1] if first else None
    after = tokens[last] if last < len(tokens) else None
    if _name_word(before, known, lexicon):
        return True
    if _name_word(after, known, lexicon):
        following = f.text[after.end : after.end + 60]
        return not _HEAD_WORDS.match(following.lstrip()) and not _HEAD_WORDS.search(
            " ".join(t.text for t in tokens[last + 1 : last + 4])
        )
    return False


def _named_elsewhere(f: _Field, word: str, lexicon: Lexicon) -> bool:
    """The word is part of a person's name somewhere in the field ("Giovanni Falcone" …
    "Falcone's insight")."""
    for _, start, end, *_ in f.persons:
        if word in f.text[start:end].split():
            return True
    tokens, text = f.tokens, f.text
    position = text.find(word)
    while position >= 0:
        index = _token_at(tokens, position)
        if (
            index < len(tokens)
            and tokens[index].text == word
            and _in_a_name(f, index, index + 1, lexicon)
        ):
            return True
        position = text.find(word, position + 1)
    return False


def _settle_places(f: _Field, lexicon: Lexicon) -> None:
    """Drop the country mentions of a field that something else explains better: a longer
    place ("Latin American", "Western Indian Ocean", "Mexico City Police"), a geographic feature
    ("Gulf of Guinea", "Lake Chad", "Niger Delta"), a currency ("US$"), a person's name ("Sr.
    Mauricio Zapata"), or a
    common word that is also a country's name, which needs a sign that it is the place
    ("Reunión de expertos" is a meeting, "l'île de la Réunion" the island)."""
    if not any(m.entity.kind == "country" for m in f.mentions):
        return
    lower = _words(lexicon).lower
    kept = []
    for m in f.mentions:
        if m.entity.kind == "country":
            if _explained(f, m.start, m.end, lower, lexicon):
                continue
            if _ELIDED.match(m.exact):  # "l'Italie" names Italie
                m = dataclasses.replace(m, start=m.start + 2, exact=m.exact[2:])
        kept.append(m)
    f.mentions = kept


def _explained(f: _Field, start: int, end: int, lower: frozenset[str], lexicon: Lexicon) -> bool:
    text, tokens = f.text, f.tokens
    first = _token_at(tokens, start)
    last = _token_at(tokens, end)
    gazetteer = lexicon.gazetteer
    # a longer place starts or ends with a capitalised word: "Latin American", "Mexico City"
    lefts = [i for i in range(max(0, first - 3), first) if tokens[i].text[:1].isupper()]
    rights = [
        i + 1 for i in range(last, min(len(tokens), last + 3)) if tokens[i].text[:1].isupper()
    ]
    for left in [*lefts, first]:
        for right in [last, *rights]:
            if (left, right) == (first, last):
                continue
            phrase = text[tokens[left].start : tokens[right - 1].end]
            places = gazetteer.lookup(phrase)
            if places and places[0].kind != "country":
                return True
    if any(t.text in _FEATURE_WORDS for t in tokens[max(0, first - 4) : first]) and (
        _FEATURE_BEFORE.search(text, max(0, start - 30), start)
    ):
        return True
    if last < len(tokens) and tokens[last].text in _FEATURE_AFTER:
        return True
    if text[end : end + 1] == "$":
        return True  # a currency: "US$90 billion"
    if last - first == 2 and tokens[first].text in _ARTICLES:
        first += 1  # "La Reunión de Alto Nivel": the article, then a common word
    if last - first == 1:
        word = fold(tokens[first].text)
        if word.lower() in lower and not gazetteer.country_names.get(word.lower()):
            near = text[max(0, start - 20) : end + 10]
            if not _ISLAND.search(near):
                return True
        before = tokens[first - 1] if first else None
        if before is not None and before.text == "." and first >= 2:
            before = tokens[first - 2]  # "Sr." is "Sr" and "."
            if _HONORIFIC.match(before.text):
                return True  # "Sr. Mauricio Zapata"
        elif before is not None and (
            _HONORIFIC.match(before.text) or _name_word(before, _words(lexicon).known, lexicon)
        ):
            return True  # "Mr Jordan Smith", "Peter Jordan"
    return False


def _city_in_text(
    f: _Field,
    start: int,
    end: int,
    cities: tuple[Place, ...],
    context: set[str],
    lexicon: Lexicon,
) -> Place | None:
    """The city a name in running text is, or None when it is no city: see
    :func:`_resolve_city`, and a one-word name is not a city when it is a common word of the
    three languages ("March", "See", "Para"; a primary name of a million people still is:
    "Paris") or follows a French or Spanish article ("la República", "del Pacto"), part of a
    person's name here or elsewhere in the field ("Louise Taylor",
    "Falcone's insight"), or a small town inside an organisation's name ("Ministry of Justice",
    "Permanent Mission")."""
    place = _resolve_city(cities, context, strict=True)
    if place is None:
        return None
    tokens = f.tokens
    first, last = _token_at(tokens, start), _token_at(tokens, end)
    common = _words(lexicon).common
    if last - first == 1:
        word = tokens[first]
        big = place.population >= 1_000_000 and not place.alternate
        if not big and fold(word.text).lower() in common:
            return None
        if first and tokens[first - 1].text in _ROMANCE_ARTICLES:
            return None  # "la República", "del Pacto": a noun, not a town
        if f.text.count(word.text) > 1 or f.persons:
            if _named_elsewhere(f, word.text, lexicon):
                return None
        elif _in_a_name(f, first, last, lexicon):
            return None
    elif _in_a_name(f, first, last, lexicon):
        return None
    inside = any(
        m.start <= start
        and end <= m.end
        and m.entity.kind in ("organization", "programme", "publication")
        for m in f.mentions
    )
    if inside and place.population < 100_000:
        return None
    return place


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
