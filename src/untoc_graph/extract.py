"""Extraction: an :class:`Entry` becomes an :class:`Extraction`.

Everything the graph says about an entry is decided here, by rules that can be read and
explained: dateline date and places, the event's dates, type, place, organisers and figures,
and every entity the entry names, each with the character span it was read from. The function
:func:`extract` is pure: it reads only the entry and a compiled :class:`Lexicon`.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from .gazetteer import Place
from .lexicon import Lexicon, Token, tokenize
from .sources import DATE_RE, MONTH_NUMBER, Entry
from .vocabulary import VocabItem

__all__ = ["Entity", "Mention", "Figure", "Event", "Extraction", "extract", "slug"]


@dataclass(frozen=True)
class Entity:
    """Something an entry names: a place, organisation, person, instrument, programme, …"""

    kind: str
    key: str
    name: str
    linked: bool = True
    iri: str | None = None
    types: tuple[str, ...] = ()
    notation: str | None = None
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    job_title: str | None = None
    affiliation: Entity | None = None
    part_of: str | None = None
    container: Entity | None = None
    scheme: str | None = None


@dataclass(frozen=True)
class Mention:
    """An entity named at ``[start, end)`` of the article's text (or of its headline)."""

    entity: Entity
    start: int
    end: int
    exact: str
    field: str = "text"


@dataclass(frozen=True)
class Figure:
    """A stated number of participants: "over 270 participants", "43 States Parties"."""

    count: int
    unit: str
    qualifier: str | None
    start: int
    end: int
    exact: str


@dataclass(frozen=True)
class Event:
    """The event an entry reports."""

    type: Entity | None
    start: date | None
    end: date | None
    location: Entity | None
    organizers: tuple[Entity, ...] = ()
    concerns: tuple[Entity, ...] = ()
    figures: tuple[Figure, ...] = ()
    date_evidence: tuple[int, int, str] | None = None
    type_evidence: Mention | None = None
    super_event: Entity | None = None


@dataclass(frozen=True)
class Extraction:
    entry: Entry
    published: date | None
    language: str
    dateline_places: tuple[Entity, ...]
    mentions: tuple[Mention, ...]
    event: Event | None
    warnings: tuple[str, ...] = field(default=())

    def entities(self, kind: str) -> list[Entity]:
        """The distinct entities of a kind, in order of first mention."""
        seen: dict[str, Entity] = {}
        for mention in self.mentions:
            if mention.entity.kind == kind:
                seen.setdefault(mention.entity.key, mention.entity)
        return list(seen.values())


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


# --- entities from the lexicon -------------------------------------------------------------

MAX_TEXT = 100_000  # characters of an entry read for entities; longer ones are kept whole

ITEM_PRIORITY = ("instrument", "programme", "organization", "publication", "topic", "event-type")
#: Entities claim the words that name them; longest match wins among them.
ENTITY_KINDS = frozenset(
    {"instrument", "programme", "organization", "publication", "country", "city", "region"}
)
#: Topics and event types are cues, found in a scan of their own: they may overlap entities
#: ("Trafficking in Persons Protocol" is about trafficking in persons).
CUE_KINDS = frozenset({"topic", "event-type"})
#: Looked for again inside longer names ("Norwegian … Agency", "UNODC Regional Office …").
INNER_KINDS = frozenset({"country", "instrument"})
ORGANIZATIONS = frozenset({"organization"})


def _item_entity(item: VocabItem) -> Entity:
    return Entity(
        item.kind,
        item.iri,
        item.name,
        iri=item.iri,
        types=item.types,
        notation=item.notation,
        scheme=item.scheme,
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


# --- patterns ------------------------------------------------------------------------------

_CAP = r"[A-ZÀ-Þ][\w’'\-]*"
_NAME = (
    r"[A-ZÀ-Þ][a-zà-ÿ’'\-]+(?:\s+(?:(?:de|del|da|van|von|bin|al|la)\s+)?[A-ZÀ-Þ][a-zà-ÿ’'\-]+){0,4}"
)
_HONORIFIC = re.compile(
    rf"\b(?:Mr|Ms|Mrs|Dr|Prof|H\.E|Judge|Ambassador|Mme|M|Sra?|Dra?)\.?\s+(?P<name>{_NAME})"
)
ROLE_WORDS = (
    "founder|co-founder|Founder|Director|Executive Director|Chief|Head|Minister|Professor|"
    "President|Secretary|Ambassador|Senior|Deputy|Officer|Coordinator|Chair|Chairperson|"
    "Representative|Adviser|Advisor|Expert|Judge|Prosecutor|Commissioner|Special Rapporteur|"
    "Researcher|Lecturer|Consultant|Manager|Directora?|Jefe|Jefa|directeur|directrice"
)
# "Victoria Ibiwoye, founder of …": a comma and a role, then the name is read backwards.
_COMMA_ROLE = re.compile(rf",\s+(?=(?:the\s+)?(?:{ROLE_WORDS})\b)")
_NAME_BEFORE = re.compile(rf"\b{_CAP}(?:\s+{_CAP}){{1,3}}$")
_ROLE = re.compile(
    r",\s+(?P<role>[^,.;“”\"]{3,110}?)(?=,|\.(?:\s|$)|;|\s+(?:said|says|noted|stated)\b)"
)
_ROLE_WORD = re.compile(rf"\b(?:{ROLE_WORDS})\b", re.I)
_NOT_A_NAME = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "For",
        "Of",
        "And",
        "From",
        "To",
        "By",
        "With",
        "This",
        "That",
        "These",
        "Those",
        "UNODC",
        "UN",
        "United",
    ]
)
_ORG_HEAD = (
    r"Ministry|Ministère|Ministerio|Permanent Missions?|Embassy|University|Universidad|"
    r"Université|Department|Agency|Commission|Council|Institute|Academy|Foundation|"
    r"Association|Centre|Center|Secretariat|Directorate|Police|Court|Parliament|Office"
)
# Unknown organisations by their form, found from their head word: "[Iraqi] Ministry of
# Interior", "Permanent Mission of Iraq to the United Nations", "[One African Child]
# Foundation [for Creative Learning]". The words before the head are matched backwards.
_ORG_OF = re.compile(
    rf"\b(?:{_ORG_HEAD})\s+(?:of|for|on|de|del|du)\s+(?:the\s+)?"
    rf"{_CAP}(?:\s+(?:(?:of|for|on)(?:\s+the)?|to\s+the|and|de(?:\s+la)?|del|y|et)?\s*{_CAP})*"
)
_ORG_OF_BEFORE = re.compile(rf"(?:{_CAP}\s+){{1,3}}$")
_ORG_TAIL = re.compile(
    r"\b(?:Foundation|Institute|University|Agency|Association|Centre|Center|Academy|Network|"
    r"Commission)\b"
)
_ORG_TAIL_BEFORE = re.compile(rf"(?:{_CAP}\s+(?:(?:of|for|and|de|on)\s+)?){{1,5}}$")
_ORG_TAIL_AFTER = re.compile(rf"\s+(?:for|of|on)\s+{_CAP}(?:\s+(?:and\s+)?{_CAP}){{0,4}}")
_NUMBER_WORDS = {
    word: number
    for number, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
# Participant figures are found from their unit ("participants", "States Parties") back to the
# number and its qualifier: "over 270 participants", "fifteen officials", "43 States Parties".
_FIGURE_UNIT = re.compile(
    r"\b(?:participants|countries|States(?:\s+[Pp]arties)?|officials|students|stakeholders|"
    r"experts|delegates|representatives|focal points|organizations|organisations|entities|"
    r"practitioners|policymakers|judges|prosecutors|investigators|attendees|participantes|"
    r"países|pays)\b"
)
_FIGURE_NUMBER = re.compile(
    r"(?:(?P<qualifier>over|more than|More than|Over|around|about|some|nearly|almost|"
    r"approximately|a total of around|a total of|up to)\s+)?"
    r"\b(?P<number>\d{1,3}(?:,\d{3})+|\d+|"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r")\s+(?:[^\W\d][\w\-]*\s+){0,3}?$"
)


def _figures(text: str) -> Iterator[Figure]:
    for unit in _FIGURE_UNIT.finditer(text):
        window = max(0, unit.start() - 80)
        number = _FIGURE_NUMBER.search(text, window, unit.start())
        if number is None:
            continue
        start = number.start()
        unit_text = text[number.end("number") : unit.end()].strip()
        yield Figure(
            _number(number["number"]),
            unit_text,
            number["qualifier"],
            start,
            unit.end(),
            text[start : unit.end()],
        )


SCHEMA_CREATIVE_WORK = "https://schema.org/CreativeWork"
REGIONS = "https://w3id.org/untoc-graph/ontology#regions"
_TITLE_WORD = r"[A-Z][\w’'\-]*"
#: Publications by their form: "Legislative Guide on …", "Global Report on … 2022", "Toolkit on …".
_PUBLICATION = re.compile(
    rf"(?P<name>(?:(?:Legislative|Global|Practical|Model|Technical)\s+)?"
    rf"(?:Guide|Report|Toolkit|Handbook|Manual|Law|Study|Digest|Compendium|Guidelines)"
    rf"\s+(?:on|for|to)\s+(?:the\s+)?{_TITLE_WORD}"
    rf"(?:\s+(?:(?:on|of|in|the|and|for|to|against|with|a)\s+)*{_TITLE_WORD})*(?:\s+(?:19|20)\d\d)?)"
)
#: Named sessions: "12th Session of the COP", "68th annual Commission on the Status of Women",
#: "9th Our Ocean Conference", "15th meeting of the … Working Group …"; and by code: "CCPCJ33",
#: "UNGA 78", "OOC-9".
_SESSION = re.compile(
    rf"\b\d{{1,3}}(?:st|nd|rd|th)\s+(?:(?:annual|regular|special|ordinary)\s+)?"
    rf"(?:(?:[Ss]ession|[Mm]eeting)\s+of\s+the\s+{_TITLE_WORD}(?:\s+(?:(?:on|of|the|and|for)\s+)*{_TITLE_WORD})*"
    rf"|(?:{_TITLE_WORD}\s+){{0,3}}(?:Commission|Conference|Congress|Forum|Assembly)"
    rf"(?:\s+(?:(?:on|of|the|and|for)\s+)*{_TITLE_WORD})*)"
)
_SESSION_CODE = re.compile(r"\b(?:CCPCJ|CND|UNGA|COP|CoP|CSW|OOC)[- ]?\d{1,3}\b")
_ARTICLE = re.compile(r"\b(?:Article|article|Artículo|artículo)\s+(?P<number>\d{1,2})\b")
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

# Event dates in running text: "On 23-25 July", "from 7 until 9 February 2023",
# "on 10 and 15 July", "February 14-15, 2024", "this October 14-18", "15 to 17 April".
_MONTHS = "|".join(sorted(MONTH_NUMBER, key=len, reverse=True))
_M = rf"(?:(?-i:January|February|March|April|May|June|July|August|September|October|November|December)|(?i:{_MONTHS}))"
_D = r"(?:[0-3]?\d)(?:st|nd|rd|th|er)?(?!\d)"
_Y = r"(?:19|20)\d\d"
_LINK = r"\s*(?:-|–|—|and|to|until|till|through|au|al|y|et)\s*"
_RANGE_DAY_FIRST = re.compile(
    rf"\b(?P<d1>{_D})(?:\s+(?:de\s+)?(?P<m1>{_M}))?(?:,?\s+(?P<y1>{_Y}))?{_LINK}"
    rf"(?P<d2>{_D})\s+(?:de\s+)?(?P<m2>{_M})(?:,?\s+(?:de\s+)?(?P<y2>{_Y}))?"
)
_DAY_FIRST = re.compile(rf"\b(?P<d1>{_D})\s+(?:de\s+)?(?P<m1>{_M})(?:,?\s+(?:de\s+)?(?P<y1>{_Y}))?")
_MONTH_FIRST = re.compile(
    rf"\b(?P<m1>{_M})\s+(?P<d1>{_D})(?:{_LINK}(?P<d2>{_D}))?(?:,?\s+(?P<y1>{_Y}))?"
)
_TODAY = re.compile(r"\b(?:today|aujourd'hui|hoy)\b")
_LOCATION_CUE = re.compile(r"\b(?:in|at|held in|took place in|was in|en|à|a)\s+$")
_ORGANIZER_BY = re.compile(
    r"\b(?:organi[sz]ed|hosted|convened|co-organi[sz]ed)\s+(?:jointly\s+)?by\b"
)
_ORGANIZER_VERB = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:hosted|held|organi[sz]ed|convened|launched)\b"
)


def _number(text: str) -> int:
    return _NUMBER_WORDS.get(text.lower()) or int(text.replace(",", ""))


def _month(name: str) -> int:
    return MONTH_NUMBER[name.lower()][0]


def _resolve_year(month: int, day: int, published: date | None, year: str | None) -> date:
    if year:
        return date(int(year), month, day)
    if published is None:
        raise ValueError("no year")
    candidate = date(published.year, month, day)
    if (candidate - published).days > 200:
        candidate = date(published.year - 1, month, day)
    elif (published - candidate).days > 200:
        candidate = date(published.year + 1, month, day)
    return candidate


def _date_matches(text: str, tokens: list[Token], skip: int) -> list[tuple]:
    """Date expressions after ``skip``, in text order (the longest first where two start
    together). Every one holds a month name, so each is tried only where it can start: at a
    month, or at most four tokens before it ("23 - 25 July", "7 until 9 February")."""
    found = {}
    for index, token in enumerate(tokens):
        if token.start < skip or token.key.lower() not in MONTH_NUMBER:
            continue
        for first in range(max(0, index - 4), index + 1):
            position = tokens[first].start
            if position < skip:
                continue
            for pattern in (_RANGE_DAY_FIRST, _DAY_FIRST, _MONTH_FIRST):
                match = pattern.match(text, position)
                if match:
                    found[match.span()] = (
                        match.start(),
                        match.start() - match.end(),
                        pattern,
                        match,
                    )
    return sorted(found.values(), key=lambda f: f[:2])


def _text_dates(text: str, tokens: list[Token], skip: int, published: date | None):
    """The first date or date range stated in ``text`` after offset ``skip``."""
    for _, _, pattern, match in _date_matches(text, tokens, skip):
        g = match.groupdict()
        try:
            if pattern is _RANGE_DAY_FIRST:
                m2 = _month(g["m2"])
                m1 = _month(g["m1"]) if g["m1"] else m2
                year = g["y1"] or g["y2"]
                end = _resolve_year(
                    m2, int(re.match(r"\d+", g["d2"]).group()), published, g["y2"] or year
                )
                start = date(end.year - (m1 > m2), m1, int(re.match(r"\d+", g["d1"]).group()))
                if g["y1"]:
                    start = start.replace(year=int(g["y1"]))
            else:
                m1 = _month(g["m1"])
                start = _resolve_year(
                    m1, int(re.match(r"\d+", g["d1"]).group()), published, g["y1"]
                )
                end = start
                if g.get("d2"):
                    end = start.replace(day=int(re.match(r"\d+", g["d2"]).group()))
        except ValueError:
            continue
        if end < start:
            continue
        return start, end, (match.start(), match.end(), match.group())
    return None


def _dateline_date(entry: Entry, warnings: list[str]) -> tuple[date | None, date | None, str]:
    """Publication date (the last day of a range), the range's first day, and the language."""
    iso = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", entry.dateline_date)
    if iso:  # a date field of a feed or data file
        try:
            day = date(*(int(part) for part in iso.groups()))
        except ValueError:
            warnings.append(f"impossible date {entry.dateline_date!r}")
            return None, None, "en"
        return day, day, "en"
    match = DATE_RE.search(entry.dateline_date) if entry.dateline_date else None
    if match is None:
        warnings.append("no dateline date")
        return None, None, "en"
    month, language = MONTH_NUMBER[match["month"].lower()]
    try:
        last = date(
            int(match["year"]), month, int(re.match(r"\d+", match["day2"] or match["day"]).group())
        )
        first = date(int(match["year"]), month, int(re.match(r"\d+", match["day"]).group()))
    except ValueError:
        warnings.append(f"impossible dateline date {entry.dateline_date!r}")
        return None, None, language
    return last, first, language


# --- the extractor -------------------------------------------------------------------------


@dataclass
class _Field:
    name: str
    text: str
    tokens: list[Token]
    mentions: list[Mention] = field(default_factory=list)
    cities: list[tuple[int, int, tuple[Place, ...]]] = field(default_factory=list)
    blocked: list[tuple[int, int]] = field(default_factory=list)
    persons: list = field(default_factory=list)

    def free(self, start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in self.blocked)

    def add(self, entity: Entity, start: int, end: int) -> Mention:
        mention = Mention(entity, start, end, self.text[start:end], self.name)
        self.mentions.append(mention)
        return mention


def _name_spans(text: str) -> Iterator[tuple[int, int]]:
    for match in _HONORIFIC.finditer(text):
        yield match.span("name")
    for comma in _COMMA_ROLE.finditer(text):
        name = _NAME_BEFORE.search(text, max(0, comma.start() - 80), comma.start())
        if name:
            yield name.span()


def _persons(f: _Field) -> list[tuple[str, int, int, str | None, int | None]]:
    """Person names with the role stated after them: (name, start, end, role, role start)."""
    found = []
    for start, end in _name_spans(f.text):
        name = f.text[start:end]
        if name.split()[0] in _NOT_A_NAME or any(s <= start < e for _, s, e, _, _ in found):
            continue
        role_match = _ROLE.match(f.text, end)
        role = role_match["role"].strip() if role_match else None
        if role and not _ROLE_WORD.search(role):
            role = None
        found.append((name, start, end, role, role_match.start("role") if role else None))
    return found


_PLURAL = re.compile(r"^(?P<head>.*?Mission)s of (?P<a>.+?) and (?P<b>.+?) (?P<tail>to .+)$")


def _split_plural(name: str) -> list[str]:
    """ "Permanent Missions of Iraq and Italy to the United Nations" names two missions."""
    match = _PLURAL.match(name)
    if not match:
        return [name]
    return [f"{match['head']} of {match[x]} {match['tail']}" for x in ("a", "b")]


def _org_matches(text: str) -> Iterator[tuple[int, int]]:
    for match in _ORG_OF.finditer(text):
        before = _ORG_OF_BEFORE.search(text, max(0, match.start() - 80), match.start())
        yield (before.start() if before else match.start()), match.end()
    for match in _ORG_TAIL.finditer(text):
        before = _ORG_TAIL_BEFORE.search(text, max(0, match.start() - 100), match.start())
        if before:
            after = _ORG_TAIL_AFTER.match(text, match.end())
            yield before.start(), after.end() if after else match.end()


def _unknown_orgs(f: _Field) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for start, end in _org_matches(f.text):
        words = f.text[start:end].split()
        while words and words[0] in ("The", "the", "A", "An", "In", "On", "By"):
            start = f.text.index(words[1], start + len(words[0])) if len(words) > 1 else end
            words = words[1:]
        if len(words) < 2 or any(a <= start < b or a < end <= b for a, b in spans):
            continue
        spans.append((start, end))
    return spans


def _scan_field(f: _Field, lexicon: Lexicon) -> None:
    persons = _persons(f)
    for _, start, end, _, _ in persons:
        f.blocked.append((start, end))
    org_spans = _unknown_orgs(f)
    tokens = f.tokens
    for hit in lexicon.scan(tokens, CUE_KINDS):
        start, end = tokens[hit.first].start, tokens[hit.last - 1].end
        f.add(_item_entity(hit.items[0]), start, end)
    for hit in lexicon.scan(tokens, ENTITY_KINDS):
        start, end = tokens[hit.first].start, tokens[hit.last - 1].end
        if not f.free(start, end):
            continue
        items = sorted(hit.items, key=lambda i: ITEM_PRIORITY.index(i.kind))
        if items:
            f.add(_item_entity(items[0]), start, end)
            if items[0].kind in ("programme", "organization", "publication"):
                _inner(f, lexicon, hit.first, hit.last)
            continue
        place = hit.places[0]
        if place.kind == "country":
            if _is_language(tokens, hit.first, hit.last):
                continue
            f.add(_place_entity(place), start, end)
        elif place.kind == "region":
            f.add(_place_entity(place), start, end)
            _inner(f, lexicon, hit.first, hit.last)
        else:
            cities = tuple(p for p in hit.places if p.kind == "city")
            f.cities.append((start, end, cities))
    covered = [
        (m.start, m.end)
        for m in f.mentions
        if m.entity.kind in ("organization", "programme", "publication")
    ]
    for start, end in org_spans:
        overlaps = [(a, b) for a, b in covered if a < end and start < b]
        if not f.free(start, end) or any(
            not (start <= a and b <= end) or (a, b) == (start, end) for a, b in overlaps
        ):
            continue
        # A known body inside the new name is named too only when its acronym leads it
        # ("UNODC Liaison Office …"); "… Mission of Iraq to the United Nations" names no UN.
        f.mentions = [
            m
            for m in f.mentions
            if not (
                m.entity.kind == "organization"
                and start <= m.start
                and m.end <= end
                and not (m.start == start and m.exact.isupper())
            )
        ]
        for name in _split_plural(f.text[start:end]):
            f.add(Entity("organization", slug(name), name, linked=False), start, end)
    f.persons = persons
    for article in _ARTICLE.finditer(f.text):
        number = article["number"]
        entity = Entity(
            "article",
            f"UNTOC/article/{number}",
            f"Article {number}",
            part_of="https://w3id.org/untoc-graph/id/instrument/UNTOC",
            types=("https://w3id.org/untoc-graph/ontology#ConventionArticle",),
        )
        f.add(entity, article.start(), article.end())
    for match in _PUBLICATION.finditer(f.text):
        name = match["name"]
        if f.free(match.start("name"), match.end("name")):
            entity = Entity(
                "publication", slug(name), name, linked=False, types=(SCHEMA_CREATIVE_WORK,)
            )
            f.add(entity, match.start("name"), match.end("name"))
    for pattern in (_SESSION, _SESSION_CODE):
        for match in pattern.finditer(f.text):
            name = match.group()
            f.add(Entity("session", slug(name), name, linked=False), match.start(), match.end())


def _add_persons(fields: list[_Field]) -> None:
    """One person per name in an entry: "Dr. Islas" in the text is the headline's
    "Dr. Laura Diorella Islas Limiñana"; a role stated anywhere is the person's."""
    found = [(f, *p) for f in fields for p in f.persons]
    by_name: dict[str, Entity] = {}
    for f, name, _start, _end, role, role_start in sorted(found, key=lambda p: -len(p[1])):
        full = next((n for n in by_name if set(name.split()) <= set(n.split())), name)
        affiliation = None
        if role:
            inside = [
                m.entity
                for m in f.mentions
                if m.entity.kind == "organization"
                and role_start <= m.start < role_start + len(role)
            ]
            affiliation = inside[-1] if inside else None
        known = by_name.get(full)
        if known is None or (role and not known.job_title):
            by_name[full] = Entity(
                "person", slug(full), full, linked=False, job_title=role, affiliation=affiliation
            )
    for f, name, start, end, _, _ in found:
        full = next((n for n in by_name if set(name.split()) <= set(n.split())), name)
        f.add(by_name[full], start, end)


def _inner(f: _Field, lexicon: Lexicon, first: int, last: int) -> None:
    """Countries and instruments named inside a longer name ("Norwegian … Agency"), and the
    body whose acronym leads it ("UNODC Regional Office for Central Asia" names UNODC)."""
    tokens = f.tokens[first:last]
    key = tuple((t.key, t.text.isupper()) for t in tokens)
    found = lexicon.memo.get(key)
    if found is None:
        found = lexicon.memo[key] = list(_inner_hits(tokens, lexicon))
    for hit_first, hit_last, entity in found:
        f.add(entity, tokens[hit_first].start, tokens[hit_last - 1].end)


def _inner_hits(tokens: list[Token], lexicon: Lexicon) -> Iterator[tuple[int, int, Entity]]:
    for hit in lexicon.scan(tokens, INNER_KINDS):
        if hit.first == 0 and hit.last == len(tokens):
            continue
        if hit.items:
            yield hit.first, hit.last, _item_entity(hit.items[0])
        elif hit.places and hit.places[0].kind == "country":
            yield hit.first, hit.last, _place_entity(hit.places[0])
    leading = next(lexicon.scan(tokens[:-1], ORGANIZATIONS), None)
    acronym = leading is not None and all(t.text.isupper() for t in tokens[: leading.last])
    if acronym and leading.first == 0:
        yield 0, leading.last, _item_entity(leading.items[0])


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


def extract(entry: Entry, lexicon: Lexicon) -> Extraction:
    """Read one entry: its dateline, the entities it names, and the event it reports."""
    warnings: list[str] = list(entry.notes)
    whole = entry
    if len(entry.text) > MAX_TEXT:
        warnings.append(
            f"the entry is {len(entry.text):,} characters long; entities were looked "
            f"for in its first {MAX_TEXT:,} only"
        )
        entry = dataclasses.replace(entry, text=entry.text[:MAX_TEXT])
    published, first_day, language = _dateline_date(entry, warnings)
    if not entry.text:
        warnings.append("title only: the entry has no text")
    fields = [_Field("text", entry.text, tokenize(entry.text))]
    if entry.title:
        fields.insert(0, _Field("headline", entry.title, tokenize(entry.title)))
    for f in fields:
        _scan_field(f, lexicon)
    _add_persons(fields)
    context = {
        m.entity.country_code for f in fields for m in f.mentions if m.entity.kind == "country"
    }
    text_field = fields[-1]
    dateline = _dateline_places(entry, entry.text, lexicon, context, warnings)
    dateline_entities = tuple(
        e for e, _, _ in dateline if e.kind != "country" or len(dateline) == 1
    )
    dateline_spans = [(s, e) for _, s, e in dateline if s >= 0]
    for entity, start, end in dateline:
        if start >= 0:
            text_field.add(entity, start, end)
            if entity.country_code:
                context.add(entity.country_code)
    for f in fields:
        for start, end, cities in f.cities:
            if f is text_field and any(a <= start < b for a, b in dateline_spans):
                continue
            place = _resolve_city(cities, context, strict=True)
            if place is not None:
                f.add(_place_entity(place, lexicon), start, end)
    mentions = tuple(
        sorted(
            (m for f in fields for m in f.mentions),
            key=lambda m: (m.field != "headline", m.start, m.end),
        )
    )
    event = _event(entry, fields, mentions, published, first_day, dateline_entities, lexicon)
    return Extraction(
        whole, published, language, dateline_entities, mentions, event, tuple(warnings)
    )


def _event_type(mentions: tuple[Mention, ...], lexicon: Lexicon) -> Mention | None:
    """The most specific event type named, the headline's first: a type that is broader than
    another one named (meeting ⊃ side event) gives way to it."""
    names = [(m.field, m.start, m.end) for m in mentions if m.entity.kind in ENTITY_KINDS]
    cues = [
        m
        for m in mentions
        if m.entity.kind == "event-type"
        and not any(f == m.field and a <= m.start and m.end <= b for f, a, b in names)
    ]
    ancestors: set[str] = set()
    for cue in cues:
        pending = list(lexicon.vocabulary[cue.entity.iri].broader)
        while pending:
            iri = pending.pop()
            if iri not in ancestors:
                ancestors.add(iri)
                pending += (
                    lexicon.vocabulary[iri].broader if iri in lexicon.vocabulary.items else []
                )
    return next((m for m in cues if m.entity.iri not in ancestors), None)


def _event(
    entry, fields, mentions, published, first_day, dateline_entities, lexicon
) -> Event | None:
    text = entry.text
    skip = len(entry.dateline)
    dates = _text_dates(text, fields[-1].tokens, skip, published)
    start = end = None
    evidence = None
    if dates:
        start, end, evidence = dates
    elif first_day and published and first_day != published:
        start, end = first_day, published
        evidence = (0, len(entry.dateline), entry.dateline)
    elif published and (today := _TODAY.search(text, skip)):
        start = end = published
        evidence = (today.start(), today.end(), today.group())
    type_mention = _event_type(mentions, lexicon)
    if type_mention is None and start is None:
        return None
    location = None
    for m in mentions:
        cue = _LOCATION_CUE.search(text[max(0, m.start - 16) : m.start])
        if m.field == "text" and m.entity.kind == "city" and m.start >= skip and cue:
            location = m.entity
            break
    if location is None and dateline_entities:
        location = dateline_entities[0]
    organizers: dict[str, Entity] = {}
    for by in _ORGANIZER_BY.finditer(text):
        stop = text.find(".", by.end())
        stop = len(text) if stop < 0 else stop
        for m in mentions:
            if (
                m.field == "text"
                and m.entity.kind == "organization"
                and by.end() <= m.start < min(stop, by.end() + 160)
            ):
                organizers.setdefault(m.entity.key, m.entity)
    for m in mentions:
        if (
            m.field == "text"
            and m.entity.kind == "organization"
            and _ORGANIZER_VERB.match(text, m.end)
        ):
            organizers.setdefault(m.entity.key, m.entity)
    concerns: dict[str, Entity] = {}
    for m in mentions:
        if m.entity.kind in ("instrument", "programme", "topic"):
            concerns.setdefault(m.entity.key, m.entity)
    figures = tuple(_figures(text))
    return Event(
        type_mention.entity if type_mention else None,
        start,
        end,
        location,
        tuple(organizers.values()),
        tuple(concerns.values()),
        figures,
        evidence,
        type_mention,
        next((m.entity for m in mentions if m.entity.kind == "session"), None),
    )
