"""The event an entry reports: its type, dates, place, organisers, what it concerns, and the
participant figures stated; and the Protocols an entry names by what they are about."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from text_to_num import text2num

from ..lexicon import Lexicon, Token
from .cues import gated
from .dates import _MONTHS, _event_dates
from .records import Entity, Event, Figure, Mention

ENTITY_KINDS = frozenset(
    {"instrument", "programme", "organization", "publication", "country", "city", "region"}
)


# Participant figures are found from their unit ("participants", "States Parties", "fiscales")
# back to the number and its qualifier: "over 270 participants", "Forty-two officials", "une
# quarantaine de magistrats", "unos veinticinco fiscales", "some 1,500 delegates".
_PEOPLE = frozenset(
    """participants participantes attendees asistentes delegates délégués delegados
    representatives représentants representantes officials fonctionnaires funcionarios
    funcionarias officers officiers oficiales experts expertes expertos expertas practitioners
    praticiens prosecutors procureurs fiscales judges juges jueces juezas magistrates magistrats
    magistrados magistradas investigators enquêteurs investigadores investigadoras students
    étudiants estudiantes stakeholders policymakers trainees stagiaires inspectors inspecteurs
    inspectores inspectoras policiers policías gendarmes agents agentes members membres miembros
    operadores operadoras journalists journalistes periodistas parliamentarians parlementaires
    parlamentarios diplomats diplomates diplomáticos trainers formateurs formadores formadoras
    instructors instructeurs instructores""".split()
)


# Bodies that take part: counted only when the text says they took part ("participants from 95
# countries", "43 States Parties attended"), not for what a figure covers ("data from 130
# countries", "the Convention counts 190 States parties").
_BODIES = frozenset(
    """countries pays países states états estados organizations organisations organizaciones
    entities institutions agencies""".split()
)


_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand "
    "un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze "
    "seize vingt vingts trente quarante cinquante soixante cent cents mille "
    "uno una dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince "
    "dieciséis diecisiete dieciocho diecinueve veinte veintiuno veintiuna veintidós veintitrés "
    "veinticuatro veinticinco veintiséis veintisiete veintiocho veintinueve treinta cuarenta "
    "cincuenta sesenta setenta ochenta noventa cien ciento doscientos doscientas trescientos "
    "trescientas cuatrocientos quinientos seiscientos setecientos ochocientos novecientos mil"
).split()


_NUMBER_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))


_PARTIES = frozenset(("parties", "partes"))


# "une quarantaine de", "una veintena de", "a dozen": a count given as a round number.
_ROUND = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
    "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100,
    "decena": 10, "docena": 12, "veintena": 20, "treintena": 30, "cuarentena": 40,
    "cincuentena": 50, "centenar": 100, "dozen": 12,
}  # fmt: skip


_QUALIFIERS = {
    "over": "over", "more than": "more than", "around": "around", "about": "about",
    "some": "some", "nearly": "nearly", "almost": "almost", "approximately": "approximately",
    "roughly": "approximately", "an estimated": "approximately", "a total of": "a total of",
    "a total of around": "around", "up to": "up to", "at least": "at least",
    "close to": "nearly", "upwards of": "over", "just over": "over", "fewer than": "fewer than",
    "less than": "fewer than",
    "plus de": "more than", "près de": "nearly", "environ": "about", "quelque": "some",
    "quelques": "some", "au moins": "at least", "jusqu'à": "up to", "jusqu’à": "up to",
    "un total de": "a total of", "pas moins de": "at least",
    "más de": "more than", "cerca de": "nearly", "alrededor de": "around", "unos": "some",
    "unas": "some", "aproximadamente": "approximately", "al menos": "at least",
    "hasta": "up to", "casi": "almost", "poco más de": "over",
}  # fmt: skip


_NUMERISH = frozenset(_UNITS) | frozenset(_ROUND)


_QUALIFIER = "|".join(sorted((re.escape(q) for q in _QUALIFIERS), key=len, reverse=True))


_FIGURE_NUMBER = re.compile(
    rf"(?:(?P<qualifier>{_QUALIFIER})\s+)?"
    rf"(?:(?P<round>(?:une|una|a)\s+(?:{'|'.join(_ROUND)})\s+(?:de\s+|d[’']|of\s+)?)|"
    rf"(?<![\d.,])(?P<number>\d{{1,3}}(?:(?:,|\.|\u202f|\u00a0| )\d{{3}})+|\d+)(?![.,]\d)\s+|"
    rf"\b(?P<words>(?:{_NUMBER_WORD})(?:(?:\s+(?:and|et|y)\s+|[\s-]+)(?:{_NUMBER_WORD}))*)\s+)"
    r"(?P<between>(?:(?!(?:of|the|for|to|in|from|with|by|at|on|de|des|du|la|le|les|los|las|"
    r"del|en|por|para|con|à|au)\s)[^\W\d][\w\-’']*\s+){0,3})$",
    re.I,
)


# A count that is a running total or a reach, not who took part: "has trained over 3,000
# officers since 2015", "to date", "data from 130 countries", "in 30 countries".
_TOTAL = re.compile(
    r"^\s*(?:In|En|Dans|During|Durante|Since|Depuis|Desde)\s+(?:19|20)\d\d\b|"
    r"\b(?:reached|a touché|alcanzó|benefit+ed|ont bénéficié|se beneficiaron)\b|"
    r"\b(?:since|to date|so far|since its launch|every year|each year|a year|per year|annually|"
    r"over the (?:past|last) \w+ years|depuis|à ce jour|jusqu[’']à présent|chaque année|par an|"
    r"desde|hasta la fecha|hasta ahora|cada año|al año|por año)\b",
    re.I,
)


_TOOK_PART = re.compile(
    r"\b(?:took part|taking part|participated|participating|attended|attending|joined|gathered|"
    r"were represented|came together|met|ont participé|ont pris part|ont assisté|représentés|"
    r"réunis|participaron|asistieron|participan|representados|reunidos|se reunieron)\b",
    re.I,
)


_PEOPLE_FROM = re.compile(
    rf"\b(?:{'|'.join(_PEOPLE)})\b[^.;]{{0,40}}\b(?:from|of|de|des|venus de)\s+$", re.I
)


_BEFORE_YEAR = re.compile(rf"(?:\b(?:in|since|of|en|de|del|depuis|desde|{_MONTHS}))\s+$", re.I)


def _number_value(match: re.Match) -> int | None:
    if match["round"]:
        word = re.search(r"\w+(?=\s+(?:de|of)\b|\s*d[’']|\s*$)", match["round"].strip())
        return _ROUND.get(word.group().lower()) if word else None
    if match["number"]:
        return int(re.sub(r"\D", "", match["number"]))
    words = match["words"].lower()
    for language in ("en", "fr", "es"):
        try:
            return text2num(words, language)
        except ValueError:
            continue
    return None


_UNITS = frozenset({*_BODIES, *_PEOPLE, "points"})


def _figures(text: str, tokens: list[Token]) -> Iterator[Figure]:
    ends = None
    counted = set()  # "25 magistrats et procureurs" is one figure
    # every unit is a plural
    units = [i for i, t in enumerate(tokens) if t.text[-1] in "sS" and t.text.lower() in _UNITS]
    for index in units:
        token = tokens[index]
        word = token.text.lower()
        bodies = word in _BODIES
        focal = word == "points" and index and tokens[index - 1].text == "focal"
        if not bodies and word not in _PEOPLE and not focal:
            continue
        # a number (in figures or words) among the six words before the unit
        numbers = [
            j
            for j in range(max(0, index - 6), index)
            if tokens[j].text[0].isdigit() or tokens[j].text.lower().split("-")[0] in _NUMERISH
        ]
        if not numbers:
            continue
        unit_end = token.end
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if bodies and following is not None and following.text.lower() in _PARTIES:
            unit_end = following.end  # "States Parties", "Estados Partes"
        # the number's words ("one hundred and twenty", "treinta y dos"), then at most four
        # words of qualifier before them ("a total of around"): the leftmost start that reads
        run = numbers[-1]
        while run > 0 and (
            tokens[run - 1].text.lower().split("-")[0] in _NUMERISH
            or tokens[run - 1].text in ("and", "et", "y", "-")
        ):
            run -= 1
        match = next(
            (
                m
                for j in range(max(0, run - 4), numbers[-1] + 1)
                if (m := _FIGURE_NUMBER.match(text, tokens[j].start, token.start))
            ),
            None,
        )
        if match is None:
            continue
        count = _number_value(match)
        start = match.start()
        if count is None or count == 0 or start in counted:
            continue
        counted.add(start)
        if (
            match["number"]
            and 1900 <= count <= 2100
            and _BEFORE_YEAR.search(text, max(0, start - 16), start)
        ):
            continue  # a year: "4 November 2022 officials", "in 2022 participants"
        ends = _sentence_ends(text) if ends is None else ends
        low, high = _sentence(text, start, ends)
        if _TOTAL.search(text[low:high], max(0, start - 80 - low), unit_end + 80 - low):
            continue  # a running total or a reach, in the figure's sentence
        if bodies and not (
            _PEOPLE_FROM.search(text, max(low, start - 80), start)
            or _TOOK_PART.search(text, low, high)
        ):
            continue
        unit_text = (match["between"] + text[token.start : unit_end]).strip()
        if other := _male_and_female(text, start):
            count += other  # "19 male and 4 female officers" are 23 officers
            unit_text = _GENDER.sub("", unit_text).strip()
        qualifier = match["qualifier"]
        if match["round"] and not qualifier:
            qualifier = "about"
        yield Figure(
            count,
            unit_text,
            _QUALIFIERS.get(qualifier.lower(), qualifier.lower()) if qualifier else None,
            start,
            unit_end,
            text[start:unit_end],
        )


_GENDER = re.compile(r"^(?:male|men|hommes|hombres|female|women|femmes|mujeres)\s+", re.I)


def _male_and_female(text: str, start: int) -> int:
    """The other half of "19 male and 4 female officers"."""
    before = re.search(
        r"(\d+)\s+(?:male|men|hommes|hombres|female|women|femmes|mujeres)\s+(?:and|et|y)\s+$",
        text[max(0, start - 30) : start],
    )
    return int(before.group(1)) if before else 0


# Where the event took place: a city right after "in", "at", "à", "en" ("held in Ohrid", "à
# Abidjan", "at the Vienna International Centre") …
_LOCATION_CUE = re.compile(r"\b(?:in|at|à|en|a|au|dans)\s+(?:(?:the|la|le|el)\s+)?$", re.I)


# … but not where a body sits ("UNODC en Viena", "the Ministry of Interior in Baghdad",
# "Permanent Representative of Thailand to the UN in Vienna", "based in Bucharest"), nor an
# event to come or long past ("to be launched in New York", "opened for signature in Palermo",
# "were seized in Hải Phòng").
_NOT_THE_VENUE = re.compile(
    r"(?:\b[A-Z]{2,}[\w.]*|\b(?:Office|Mission|Embassy|Ministry|Representative|Delegation|"
    r"Oficina|Misión|Embajada|Ministerio|Representante|Bureau|Ambassade|Délégation|"
    r"Représentante?|Ministère|based|headquartered|basée?|basad[oa]|sede)|"
    r"\b(?:to be|will be|would be|sera|serán?|seront|expected|prévue?s?|previst[oa]s?|"
    r"seized|found|intercepted|arrested|saisie?s?|incautad[oa]s?|signature|born|killed)"
    r"\b[^.,;]{0,30})\s+(?:in|at|à|en|a)\s+(?:(?:the|la|le|el)\s+)?$"
)


# A venue whose name holds its city: "the Vienna International Centre", "Centre international de
# Vienne", "UN Headquarters in Vienna".
_VENUE = re.compile(
    r"\b(?:Centre|Center|Centro|Headquarters|Hotel|Hôtel|Palais|Palace|Palacio|Hall|Campus)\b"
)


# An event held online has no city, unless it is hybrid or some attend in person.
_ONLINE = re.compile(
    r"\b(?:ONLINE|Online|Virtual|Webinar)\b|\bwebinar|\b(?:held|took place|conducted|"
    r"delivered|organi[sz]ed|hosted)\s+(?:(?:entirely|fully)\s+)?(?:online|virtually)\b|"
    r"\b(?:online|virtual)\s+(?:workshop|training|meeting|event|session|course|conference|"
    r"dialogue|seminar|consultation|roundtable|briefing|launch|exchange)|"
    r"\b(?:atelier|formation|réunion|session|conférence|séminaire|événement|cours|table ronde|"
    r"dialogue|lancement)s?\s+(?:en ligne|virtuel(?:le)?s?)|\bwebinaire|par visioconférence|"
    r"\b(?:taller|capacitación|reunión|sesión|conferencia|seminario|evento|curso|diálogo|"
    r"conversatorio|lanzamiento)(?:es|s)?\s+(?:virtual(?:es)?|en línea)|de manera virtual|"
    r"(?:en )?modalidad virtual|por videoconferencia|seminario web"
)


_ONLINE_WORDS = ("online", "virtu", "webin", "visioconf", "videoconf", "en línea", "en ligne")


_HYBRID = re.compile(
    r"\b(?:hybrid|hybride|h[íi]brid[oa]|in person|en personne|en présentiel|presencial)\b",
    re.I,
)


_ORGANIZER_BY = gated(r"\b(?:organi[sz]ed|hosted|convened|co-organi[sz]ed)\s+(?:jointly\s+)?by\b")


_ORGANIZER_VERB = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:hosted|held|organi[sz]ed|convened|launched)\b"
)


_SENTENCE_END = re.compile(r"[.!?;]\s+(?=[^\s\w]*[A-ZÀ-Ý0-9])")


# A full stop that ends an abbreviation, not a sentence: "M. Lapaque", "Mr. Ochoa", "S.E. Mme".
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Sr|Sra|Srta|Dra|Mme|Mlle|St|No|Nº|Prof|H\.E|S\.E))$"
)


def _sentence_ends(text: str) -> list[int]:
    """Where the sentences of a text end."""
    return [
        match.start()
        for match in _SENTENCE_END.finditer(text)
        if not _ABBREVIATION.search(text, max(0, match.start() - 5), match.start())
    ]


def _sentence(text: str, position: int, ends: list[int] | None = None) -> tuple[int, int]:
    """The bounds of the sentence around ``position``."""
    ends = _sentence_ends(text) if ends is None else ends
    index = bisect_left(ends, position)
    start = ends[index - 1] + 1 if index else 0
    return start, ends[index] if index < len(ends) else len(text)


def _online(entry, type_mention: Mention | None) -> bool:
    words = f"{entry.title or ''} | {entry.text}"
    lower = words.lower()
    online = (any(word in lower for word in _ONLINE_WORDS) and _ONLINE.search(words)) or (
        type_mention is not None and type_mention.entity.key.endswith("/webinar")
    )
    return bool(online) and not _HYBRID.search(words)


def _location(entry, mentions, skip, evidence, dateline_entities, type_mention, lexicon):
    """Where the event took place: none when it was held online; else a city the text gives
    as a venue ("held in Ohrid", "à Abidjan", "at the Vienna International Centre") in the
    sentence that dates the event; else the dateline's place; else a venue in the first two
    sentences. A city where a body sits ("UNODC en Viena") or something else happens is no
    venue."""
    if _online(entry, type_mention):
        return None
    text = entry.text
    venues = []
    for m in mentions:
        if m.field != "text" or m.start < skip:
            continue
        before = text[max(0, m.start - 60) : m.start]
        if m.entity.kind == "city":
            if _LOCATION_CUE.search(before[-16:]) and not _NOT_THE_VENUE.search(before):
                venues.append((m.start, m.entity))
        elif m.entity.kind == "organization" and _VENUE.search(m.exact):
            cue = _LOCATION_CUE.search(before[-16:])
            inner = [
                c.entity
                for c in mentions
                if c.entity.kind == "city" and m.start <= c.start and c.end <= m.end
            ]
            city = inner[0] if inner else _city_named_in(m.exact, lexicon)
            if cue and city is not None:
                venues.append((m.start, city))
    low = high = -1
    if evidence is not None and evidence[0] >= skip:
        low, high = _sentence(text, evidence[0])
    dated = [city for position, city in venues if low <= position < high]
    dateline_keys = {e.key for e in dateline_entities}
    # the dateline's city restated as the venue ("met in Bangkok"), then the dated sentence's
    for city in (
        [c for c in dated if c.key in dateline_keys]
        + [c for _, c in venues if c.key in dateline_keys]
        + dated
    ):
        return city
    if dateline_entities:
        return dateline_entities[0]
    opening = _sentence(text, _sentence(text, skip)[1] + 2)[1]
    return next((city for position, city in venues if position < opening), None)


def _city_named_in(name: str, lexicon: Lexicon) -> Entity | None:
    """The city a venue's name begins or ends with ("Vienna International Centre")."""
    from .places import _place_entity

    words = name.split()
    for candidate in (words[0], words[-1]):
        places = lexicon.gazetteer.lookup(candidate)
        if places and places[0].kind == "city" and places[0].population >= 100_000:
            return _place_entity(places[0], lexicon)
    return None


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
    headline = fields[0] if fields[0].name == "headline" else None
    dates = _event_dates(
        text,
        fields[-1].tokens,
        skip,
        published,
        first_day,
        headline.text if headline else None,
        headline.tokens if headline else None,
    )
    start = end = evidence = None
    if dates:
        start, end, evidence = dates
    type_mention = _event_type(mentions, lexicon)
    if type_mention is None and start is None:
        return None
    location = _location(entry, mentions, skip, evidence, dateline_entities, type_mention, lexicon)
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
    figures = tuple(_figures(text, fields[-1].tokens))
    return Event(
        type=type_mention.entity if type_mention else None,
        start=start,
        end=end,
        location=location,
        organizers=tuple(organizers.values()),
        concerns=tuple(concerns.values()),
        figures=figures,
        date_evidence=evidence,
        type_evidence=type_mention,
        super_event=next((m.entity for m in mentions if m.entity.kind == "session"), None),
    )


# --- Protocols named by their subject -----------------------------------------------------------
