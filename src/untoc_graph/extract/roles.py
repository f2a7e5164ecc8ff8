"""Who did what: the roles the text states for states, organisations and people in the event it
reports, the appearance of each person (title, affiliation and state as stated in this entry),
and the treaty actions it reports (a state ratifying, acceding to, signing an instrument).

Roles are read from cue phrases in English, French and Spanish ("hosted by", "funded by",
"participants from", "organisé par", "financiado por", …) and the entities the text names right
after (or, for verbs such as "X hosted", right before) them: a list of names joined by commas
and "and"/"et"/"y", nothing else between. A role the text does not state is not guessed: a
country merely named stays a mention.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from ..sources import DATE_RE, MONTH_NUMBER
from .cues import Cue
from .records import Coverage, Entity, Mention, Party, Role, TreatyAction

__all__ = ["coverage", "launches", "represented", "roles", "speakers", "treaty_actions"]


ACTORS = frozenset({"country", "organization"})
INSTRUMENTS = frozenset({"instrument"})

#: Between instruments acted on: "to the Convention and to its Protocol", "à la Convention et
#: au Protocole", "a la Convención y al Protocolo".
_TO_INSTRUMENT = re.compile(
    r"^(?:\s|,|[()]|\band\b|\bet\b|\by\b|\bto\b|\bà\b|\bau\b|\baux\b|\ba\b|\bal\b|\bthe\b|"
    r"\bits\b|\bla\b|\ble\b|\bl['’]|\bses\b|\bsu\b|\bsus\b|\bla\b)*$",
    re.I,
)
#: Cue phrases before the role holders, by the property they state.
_AFTER = {
    "host": r"(?:co-)?hosted\s+(?:jointly\s+)?by|at\s+the\s+invitation\s+of|"
    r"(?:à|a)\s+l['’]invitation\s+(?:de|du|des)|(?:por|a)\s+invitación\s+(?:de|del)|"
    r"accueilli[es]*\s+par|"
    r"con\s+el\s+apoyo\s+del\s+país\s+anfitrión,?|(?:fue\s+)?anfitri[oó]n(?:a)?\s+(?:fue|de)?",
    "organizer": r"(?:co-)?organi[sz]ed\s+(?:jointly\s+)?by|convened\s+by|held\s+by|"
    r"(?:organi[sz]ed|held|convened)\s+[^.;]{0,80}?\b(?:together|jointly)\s+with|"
    r"jointly\s+by|organis[ée]+s?\s+(?:conjointement\s+)?par|co-?organis[ée]+s?\s+par|"
    r"(?:co-?)?organizad[oa]s?\s+(?:conjuntamente\s+)?por|convocad[oa]s?\s+por|"
    # "organisé en partenariat entre l'Instance nationale … et l'ONUDC"
    r"(?:organi[sz]ed|organis[ée]+s?|organizad[oa]s?)\s+(?:in\s+partnership|"
    r"en\s+partenariat|en\s+colaboración|en\s+alianza)\s+(?:between|entre)",
    "funder": r"(?:funded|financed|sponsored)\s+(?:jointly\s+|generously\s+)?by|"
    r"with\s+(?:the\s+)?(?:generous\s+)?(?:financial\s+support|funding)\s+(?:of|from)|"
    r"thanks\s+to\s+(?:the\s+)?(?:generous\s+)?(?:financial\s+)?(?:contribution|funding|support)s?\s+(?:of|from)|"
    r"financ[ée]+s?\s+par|grâce\s+au\s+(?:financement|soutien\s+financier)\s+(?:de|du|des)|"
    r"avec\s+(?:le\s+)?(?:soutien|appui)\s+financier\s+(?:de|du|des)|"
    r"financiad[oa]s?\s+por|con\s+(?:el\s+)?(?:apoyo\s+financiero|financiamiento|financiación)\s+(?:de|del)|"
    r"gracias\s+al?\s+(?:apoyo\s+financiero|financiamiento|financiación)\s+(?:de|del)|"
    # the support named without "with": "financial support from", "soutien technique et
    # financier du Canada", "gracias a los recursos de", "donor representatives from"
    r"(?:technical\s+and\s+)?financial\s+(?:and\s+technical\s+)?support\s+(?:of|from)|"
    r"(?:funding|financing|grants?)\s+(?:provided\s+)?(?:from|by)|"
    r"donors?\s+(?:representatives\s+)?from|"
    r"soutien\s+(?:technique\s+et\s+)?financier\s+(?:de|du|des)|"
    r"financement\s+(?:de|du|des)|"
    r"apoyo\s+(?:técnico\s+y\s+)?financiero\s+(?:de|del)|"
    r"(?:recursos|fondos)\s+(?:\w+\s+){0,3}?(?:de|del)",
}
#: Who took part: a noun for people or bodies ("experts", "representatives of prosecution
#: services", "des magistrats", "funcionarios") and, in the same clause, "from"/"of" a list
#: of states.
_PEOPLE = (
    r"participants|delegates|delegations?|experts|officials|officers|representatives|"
    r"practitioners|prosecutors|judges|magistrates|investigators|authorities|police|teams|"
    r"members|staff|organi[sz]ations|agencies|services|ministries|institutions|"
    r"(?:national\s+)?focal\s+points|"
    r"représentants|délégations?|délégués|experts|participants|participantes|"
    r"fonctionnaires|magistrats|responsables|agents|membres|acteurs|équipes|"
    r"representantes|delegaciones|delegados|expert[oa]s|participantes|funcionari[oa]s|"
    r"fiscales|jueces|autoridades|miembros|operadores|equipos|"
    # the officials and services of a state ("Serbian ministers", "douanes suisses",
    # "autorités nigériennes", "Dutch Police"); not its government, which more often funds
    # or partners than takes part
    r"ministers|ambassadors|customs|trainers|authorit(?:y|ies)|departments|"
    r"ministres|ambassadeurs|autorités|douanes|formateurs|départements\s+ministériels|"
    r"ministros|embajadores|aduanas|formadores"
)
_PEOPLE_RE = re.compile(
    rf"\b(?:{_PEOPLE}|gendarmerie|polic[eií]a?|instructeurs|directeurs)\b", re.I
)
#: The preposition right before a list of states: "from", "of", "de", "du", "des", "del".
_FROM = re.compile(
    r"\b(?:from|of|de|du|des|del|d['’]|venus\s+de|provenientes\s+de)\s*(?:the\s+|la\s+|l['’]|el\s+)?$",
    re.I,
)
#: A group of states, then its members in brackets: "from seven ASEAN countries (".
_FROM_GROUP = re.compile(
    r"\b(?:from|of|de|des|del)\s+(?:the\s+|la\s+|les\s+|los\s+)?"
    r"(?:[\w.-]+\s+){0,4}(?:countries|States|nations|pays|États|países|Estados)\s*\(\s*$"
)
_PEOPLE_AFTER = re.compile(
    rf"(?:\s+(?:and|et|y|,)\s+[A-ZÀ-Þ]\w+)*(?:\s+(?:[a-z][\w-]*|Government|Gouvernement|Gobierno))"
    rf"{{0,2}}?\s+(?:{_PEOPLE}|police|policemen|"
    r"policewomen|forces|investigators|troops|counterparts|trainees|trainers)\b",
)
_PEOPLE_BEFORE = re.compile(
    rf"\b(?:{_PEOPLE}|policiers|gendarmes|policías|agentes|polic[eií]a?)\s+$", re.I
)
PEOPLE_WINDOW = 120  # characters before the list where the people who took part are named


#: Clauses that put the list of states under another role or no role at all.
_NOT_PART = re.compile(
    r"\b(?:funded|financed|supported|sponsored|support|contribution|funding|situation|laws?|"
    r"financement|soutien|appui|financiamiento|financiación|apoyo|"
    r"legislation|data|cases?|victims?|migrants|nationals|citizens|embassy|embassies)\b",
    re.I,
)
#: A cue ends at a word's end ("des", not the "de" in it), or after a space.
_AFTER_RE = Cue(
    r"\b(?:" + "|".join(f"(?P<{role}>{cue})" for role, cue in _AFTER.items()) + r")"
    r"(?:(?<=\s)|(?!\w))\s*"
)
#: Verbs after the role holders, the sentence's subject: "UNODC and the Government of X
#: organized …", "UNODC, under its Global Programme, held …". Not followed by "by" (passive).
_BEFORE = {
    "host": Cue(
        r"\b(?:(?:co-)?(?:hosted|hosts|hosting)\b(?!\s+by)|a\s+accueilli|ont\s+accueilli|"
        r"accueille\b|acogió|acogieron|fue\s+(?:la\s+)?sede\b)|"
        # in apposition: "L'école de police du Burkina, hôte de l'atelier"
        r",\s+(?:the\s+)?(?:host|hôte|anfitri[oó]na?)\s+(?:of|de|del)\b"
    ),
    "funder": Cue(
        r"\b(?:generously\s+)?(?:funded|financed|sponsored|a\s+financé|financió|financiaron)\b"
        r"(?!\s+(?:by|par|por)\b)"
    ),
    "organizer": Cue(
        r"\b(?:jointly\s+|also\s+|successfully\s+|recently\s+)?(?:co-)?(?:organi[sz]ed|convened|"
        r"held|ran|conducted|facilitated|delivered|carried\s+out|launched|"
        r"(?:is|are|was|were)\s+(?:organi[sz]ing|holding|running|conducting|hosting)|"
        r"organi[sz]es|holds|runs|conducts|"
        # "l'ONUDC a organisé", "ont donc formé", "a également tenu"
        r"(?:a|ont)\s+(?:(?:donc|également|aussi|ainsi|récemment|déjà|conjointement)\s+)?"
        r"(?:organisé|tenu|animé|lancé|réuni|formé|conduit|mené|présenté)|vient\s+de\s+lancer|"
        r"brought\s+together|trained|rolled\s+out|kicked\s+off|staged|"
        r"organi[sz]e|hold|run|conduct|launch|"
        r"organizó|organizaron|realizó|realizaron|llevó\s+a\s+cabo|celebró|impartió|convocó|"
        r"lanzó|lanzaron|impartieron|promovió|promovieron|puso\s+en\s+marcha|"
        r"pusieron\s+en\s+marcha|presentaron|capacitó|capacitaron|reunió|reunieron|"
        r"celebraron|convocaron|dictó|dictaron|desarrolló|desarrollaron)\b"
        r"(?!\s+(?:by|par|por)\b)"
    ),
}
#: All of them in one pattern, scanned once; the group that matched names the role.
_BEFORE_RE = Cue("|".join(f"(?P<{role}>{verb.exact.pattern})" for role, verb in _BEFORE.items()))
#: A funder cue after "a programme", "a project" states who funds that other work, not the
#: event: "ASEAN-ACT, a programme funded by the Australian Government", "un proyecto financiado
#: por" (while "the initiative is funded by" is the event's own).
_OF_A_PROGRAMME = re.compile(
    r"\b(?:a|an|un|une|una)\s+(?:[\w-]+\s+){0,3}(?:programmes?|programs?|projects?|"
    r"initiatives?|projets?|programas?|proyectos?|iniciativas?)\b[^,.;:()]{0,40}$",
    re.I,
)
#: Who organised with the subject: "held … together with the FIA", "organizó, en colaboración
#: con la Fiscalía …", "en partenariat avec".
_WITH = Cue(
    # "organized a national workshop with UNODC and IOM": with, after the verb and its object
    # ("held a meeting with X" names a counterpart, not a co-organiser)
    r"\b(?:(?:organi[sz]ed|organisé|organizó)\s+"
    r"(?:[\w’'-]+\s+){0,5}?(?:with|avec|con)|together\s+with|jointly\s+with|in\s+(?:partnership|collaboration|cooperation|"
    r"coordination|conjunction)\s+with|en\s+(?:collaboration|partenariat|coopération)\s+avec|"
    r"conjointement\s+avec|junto\s+(?:con|a)|conjuntamente\s+con|"
    r"en\s+(?:colaboración|coordinación|alianza|articulación|conjunto|asociación)\s+con)\s*"
    r"(?:the\s+|la\s+|le\s+|les\s+|l['’]|el\s+|los\s+|las\s+)?"
)
#: What may stand between a subject and its verb: an aside between commas or brackets.
_ASIDE = re.compile(
    r"^\s*(?:(?:,(?:[^,.;]|\.(?!\s)){0,200},|\([^()]{0,200}\))\s*){0,2}"
    # and an auxiliary or adverb: "UNODC has held", "l'ONUDC a organisé", "UNODC ha realizado"
    r"(?:(?:has|have|had|also|jointly|successfully|recently|ha|han|también)\s+)*$",
    re.I,
)
#: "EU-funded", "Japan-supported": the holder written into the adjective.
_FUNDED = re.compile(r"-(?:funded|financed|sponsored|supported)\b", re.I)
#: Words that may stand between the holders of one role: list punctuation and joiners, and the
#: words that introduce a state ("the Government of", "the Republic of").
_JOINER = re.compile(
    r"^(?:\s|,|;(?=\s)|[()]|\([A-Z][\w.&-]{1,15}\)|\band\b|\bor\b|\bet\b|\by\b|\be\b|\bas\s+well\s+as\b|\bthe\b|\bla\b|"
    r"\ble\b|\bles\b|\bl['’]|\bel\b|\blos\b|\blas\b|\bof\b|\bde\b|\bdel\b|\bdu\b|\bdes\b|"
    r"\bd['’]|\bits\b|\bsu\b|\bsus\b|\bses\b|\btheir\b|\bGovernments?\b|\bGobiernos?\b|"
    r"\bGouvernements?\b|\bRepublic\b|\bRepública\b|\bRépublique\b|\bKingdom\b|\bState\b|"
    r"\bStates\b|\bEstado\b|\bÉtat\b|\b[A-Z]\.[A-Z]\.|\bfrom\b|\bpartners?\b|\bdonors?\b|"
    r"\bauthorities\b|\bUnited\s+Nations\b|"
    # "UNODC, through its Global Firearms Programme, and …": the body acts through a part
    r"\bthrough\b|\bvia\b|\bunder\b|\bà\s+travers\b|\ba\s+través\b|\bpor\s+medio\b|"
    r"\bau\s+moyen\b|\bson\b|\bsa\b|\bleur\b|"
    # the preposition said again: "organizada por UNODC … y por el MPF"
    r"\b(?:and|et|y|e)\s+(?:by|par|por)\b)*$",
    re.I,
)
#: A person speaks: "said X", "X said", "noted", "declaró", "a déclaré", "opened by".
_SPEECH = Cue(
    # English: verbs of saying, of leading a session, and the nouns of a speech
    r"\b(?:said|says|noted|stated|stressed|emphasi[sz]ed|highlighted|underlined|underscored|"
    r"remarked|explained|added|recalled|pointed\s+(?:out|to)|told|welcomed|welcoming|opened|"
    r"opening|chaired|moderated|presented|spoke|speaks|speaking|spoken|speakers?|panell?ists?|"
    r"intervened|thanked|briefed|shared|outlined|gave|delivered|addressed|introduced|urged|"
    r"declared|affirmed|warned|described|called\s+(?:on|for|upon)|cited|pledged|referred|"
    r"praised|reiterated|acknowledged|announced|expressed|encouraged|appealed|commended|"
    r"congratulated|observed|argued|insisted|reminded|reaffirmed|assured|concluded|"
    r"summari[sz]ed|hailed|lauded|commented|mentioned|asserted|suggested|proposed|reported|"
    r"trained|led\s+by|press\s+conference|according\s+to|statement|address|presentation|"
    r"remarks|closing|keynote|"
    # French: "a" and a past participle of saying or leading, and the nouns of a speech
    r"a\s+(?:pris\s+la\s+parole|remercié|expliqué|présenté|rappelé|déclaré|souligné|indiqué|"
    r"affirmé|ouvert|présidé|salué|félicité|exprimé|estimé|annoncé|insisté|appelé|invité|"
    r"encouragé|plaidé|réaffirmé|mis\s+en\s+avant|relevé|noté|conclu|animé|modéré|averti|"
    r"dit|évoqué|mentionné|précisé|reconnu|exhorté|partagé)|est\s+intervenue?|"
    r"sont\s+intervenus|selon|déclaré|souligné|discours|allocution|ouverture|intervenants?|"
    # Spanish: verbs of saying in the preterite, singular and plural, and the nouns of a speech
    r"declaró|señaló|afirmó|destacó|subrayó|indicó|expresó|manifestó|explicó|agregó|añadió|"
    r"inauguró|inauguraron|presidió|presentó|presentaron|intervino|intervinieron|agradeció|"
    r"compartió|dijo|advirtió|resaltó|enfatizó|reiteró|reconoció|anunció|instó|felicitó|"
    r"invitó|aseguró|sostuvo|precisó|comentó|mencionó|recordó|expuso|expusieron|apuntó|"
    r"consideró|calificó|pidió|insistió|habló|hablaron|moderó|abrió|abrieron|"
    r"tomó\s+la\s+palabra|dieron\s+la\s+bienvenida|dio\s+la\s+bienvenida|"
    r"hicieron\s+uso\s+de\s+la\s+palabra|hizo\s+uso\s+de\s+la\s+palabra|"
    r"conducid[oa]s?\s+por|discurso|palabras|apertura|inauguración|ponentes?|panelistas?|"
    r"según)\b"
)
_POSSESSIVE = re.compile(r"[’']s\b")  # "Falcone's insight": spoken of, not speaking
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Ms|Mrs|Mme|Mlle|Dr|Dra|Prof|Sr|Sra|Lic|Ing|St|No|Nos|Art|Amb|Gen|Col|Cap|"
    r"Hon|Rev|Jr|vs|etc|e\.g|i\.e|[A-Z])\.|\b(?:[A-Z]\.){2,})$"
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Þ«“\"(])")

#: Treaty actions: the cue, and the action it states.
_ACTIONS = [
    (
        "accession",
        r"acced(?:ed|es|ing)\s+to|accession\s+to|adh[ée]r[ée]?\s+à|a\s+adhéré|"
        r"adhésion\s+(?:à|au|aux)|se\s+adhiri[óo]|adhiri[óo]|adhesión\s+(?:a|al)",
    ),
    (
        "ratification",
        r"ratif(?:ied|ies|ying)|ratification\s+of|a\s+ratifié|ratifi[ée]+|"
        r"ratification\s+(?:de|du|des)|ratific[óo]|ratificaron|ratificación\s+(?:de|del)|"
        # the instrument deposited: "its instrument of ratification", "instrumento de
        # ratificación por parte de Azerbaiyán"
        r"instrument\s+of\s+ratification|instrument\s+de\s+ratification|"
        r"instrumento\s+de\s+ratificación",
    ),
    ("signature", r"sign(?:ed|s|ing)|signature\s+of|a\s+signé|firm[óo]"),
    ("acceptance", r"accept(?:ed|ance\s+of)"),
    ("approval", r"approv(?:ed|al\s+of)"),
    ("succession", r"succe(?:eded|ssion)\s+to"),
    (
        "domestication",
        r"domesticat(?:ed|ion\s+of)|incorporated\s+into\s+(?:its\s+)?national\s+law|"
        r"transpos[ée]+|incorpor[óo]\s+a\s+su\s+legislación",
    ),
]
#: One pattern for all actions, scanned once per sentence; the group that matched names the action.
_ACTION_RE = Cue(
    r"\b(?:" + "|".join(f"(?P<{action}>{cue})" for action, cue in _ACTIONS) + r")(?!\w)"
)
#: "became the 190th State party to", "States parties such as X": being a party.
_PARTY = re.compile(
    r"\bbec(?:ame|omes|oming)\s+(?:the\s+\w+\s+)?(?:State\s+)?part(?:y|ies)\s+to|"
    r"\bdevenu[es]*\s+(?:le\s+\w+\s+)?(?:État\s+)?parties?\s+(?:à|au|aux)|"
    r"\bse\s+convirti[óo]\s+en\s+(?:el\s+\w+\s+)?Estado\s+[Pp]arte\s+(?:de|del|en)|"
    r"(?P<such>\bStates?\s+[Pp]art(?:y|ies)\s+(?:such\s+as|like|including)|"
    r"\bÉtats\s+parties\s+(?:tels\s+que|comme)|\bEstados\s+[Pp]arte\s+(?:como|tales\s+como))",
    re.I,
)
#: "September 4, 2020": a date in US order.
_US_DATE = re.compile(
    rf"\b(?P<month>(?i:{'|'.join(sorted(MONTH_NUMBER, key=len, reverse=True))}))\s+"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?P<day2>)?,?\s+(?P<year>(?:19|20)\d\d)\b"
)
#: "By acceding to …, Comoros": the state named after the action.
_BY_ACTING = re.compile(r"\b(?:by|en|al|con|par|après)\s+$", re.I)
#: "ratification by Uruguay", "por parte de Azerbaiyán", "par le Tchad".
_BY_STATE = re.compile(
    r"\b(?:by|por\s+parte\s+de|par)\s+(?:the\s+|la\s+|le\s+|el\s+|l['’])?$", re.I
)
NEAR = 120  # characters after an action where the instrument it concerns may be named
PARTY_ACTIONS = frozenset({"ratification", "accession", "acceptance", "approval", "succession"})


@lru_cache(maxsize=2)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans; a full stop after an abbreviation or an initial ends none ("Ms. Ana",
    "J. Cardoso", "H.E. Mr."). Kept for the last text: roles, speakers and treaty actions
    read the same one."""
    spans, start = [], 0
    for boundary in _SENTENCE.finditer(text):
        if _ABBREVIATION.search(text, max(0, boundary.start() - 8), boundary.start()):
            continue
        spans.append((start, boundary.start()))
        start = boundary.end()
    spans.append((start, len(text)))
    return tuple(spans)


def _sentence_of(spans: tuple[tuple[int, int], ...], position: int) -> tuple[int, int]:
    """The sentence span that holds ``position`` (the one before it when ``position`` falls
    in the spaces between two sentences)."""
    return spans[max(bisect_right(spans, position, key=_start) - 1, 0)]


def _start(span: tuple[int, int]) -> int:
    return span[0]


def _by_sentence(
    spans: tuple[tuple[int, int], ...], mentions: list[Mention]
) -> dict[tuple[int, int], list[Mention]]:
    """Mentions grouped by the sentence they start in, in text order."""
    grouped: dict[tuple[int, int], list[Mention]] = {}
    for mention in mentions:
        span = _sentence_of(spans, mention.start)
        if span[0] <= mention.start < span[1]:
            grouped.setdefault(span, []).append(mention)
    return grouped


def _following(
    mentions: list[Mention], start: int, stop: int, text: str, kinds: frozenset[str] = ACTORS
) -> list[Mention]:
    """The entities of ``kinds`` named in a list that starts at ``start``: each next one
    separated from the last only by joiners ("A, B and the Government of C")."""
    found, cursor = [], start
    for mention in mentions:
        if mention.start < cursor:
            continue
        gap = text[cursor : mention.start]
        if mention.start >= stop or not (
            _JOINER.match(gap) or (kinds is INSTRUMENTS and _TO_INSTRUMENT.match(gap))
        ):
            break
        if mention.entity.kind in kinds:
            found.append(mention)
        cursor = max(cursor, mention.end)
    return found


def _preceding(mentions: list[Mention], end: int, stop: int, text: str) -> list[Mention]:
    """The actors named in a list that ends at ``end``, read backwards."""
    found, cursor = [], end
    for mention in reversed(mentions):
        if mention.end > cursor:
            continue
        if mention.end <= stop or not _JOINER.match(text[mention.end : cursor]):
            break
        if mention.entity.kind in ACTORS:
            found.append(mention)
        cursor = min(cursor, mention.start)
    return found[::-1]


def _actor_mentions(mentions: Iterable[Mention], field: str = "text") -> list[Mention]:
    """Mentions in a field, outermost first where two overlap (a country inside an
    organisation's name is the organisation's, not a second actor)."""
    chosen: list[Mention] = []
    for mention in sorted(
        (m for m in mentions if m.field == field), key=lambda m: (m.start, -m.end)
    ):
        if chosen and mention.start < chosen[-1].end:
            continue
        chosen.append(mention)
    return chosen


def roles(text: str, mentions: Iterable[Mention], field: str = "text") -> list[Role]:
    """Every role a field (the text, or the headline) states, with the phrase that states it."""
    mentions = tuple(mentions)
    if not any(m.field == field and m.entity.kind in ACTORS for m in mentions):
        return []  # no state or body to hold a role (a programme's is its body's)
    named = _by_owner(_actor_mentions(mentions, field), mentions, text, field)
    found: dict[tuple[str, str], Role] = {}
    countries = [m for m in mentions if m.field == field and m.entity.kind == "country"]
    states = {m.entity.country_code: m.entity for m in mentions if m.entity.kind == "country"}

    def add(prop: str, mention: Mention, start: int, end: int) -> None:
        entity = mention.entity
        exact = text[start:end]
        if prop == "participantState" and entity.kind != "country":
            prop = "attendee"
            # a body of a state that took part ("the Ministry of Interior of Iraq", "the
            # Bolivian police") makes that state a participant too
            inner = [c.entity for c in countries if mention.start <= c.start < mention.end]
            if entity.country_code in states:
                inner.append(states[entity.country_code])
            for state in inner:
                found.setdefault(
                    ("participantState", state.key),
                    Role("participantState", state, start, end, exact, field),
                )
        found.setdefault((prop, entity.key), Role(prop, entity, start, end, exact, field))

    # "Kenyan officers", "Uzbek and Turkmen delegations", "policiers maliens",
    # "funcionarios peruanos": a demonym next to the people who took part
    for mention in countries:
        if not _demonym(mention):
            continue  # the country's name
        after = _PEOPLE_AFTER.match(text, mention.end)
        before = _PEOPLE_BEFORE.search(text, max(0, mention.start - 40), mention.start)
        if after or before:
            start = before.start() if before else mention.start
            end = after.end() if after else mention.end
            add("participantState", mention, start, end)

    spans = _sentences(text)
    for match in _AFTER_RE.finditer(text):
        prop = match.lastgroup
        if prop == "funder" and _OF_A_PROGRAMME.search(
            text, max(0, match.start() - 60), match.start()
        ):
            continue  # "ASEAN-ACT, a programme funded by …": the programme's funder
        holders = _following(named, match.end(), _sentence_of(spans, match.start())[1], text)
        if (
            holders
            and prop == "host"
            and "invit" in match.group().lower()
            and _SPEECH.search(text, holders[-1].end, holders[-1].end + 24)
        ):
            continue  # "por invitación de UNODC, expusieron …": invited to speak, not hosted
        for mention in holders:
            add(prop, mention, match.start(), holders[-1].end)
    taken = 0
    for mention in named:
        if mention.start < taken or mention.entity.kind not in ACTORS:
            continue
        sentence_start, sentence_end = _sentence_of(spans, mention.start)
        # people named before a list already read are that list's, not this one's
        window = max(sentence_start, mention.start - PEOPLE_WINDOW, taken)
        before = _FROM.search(text, max(window, mention.start - 24), mention.start)
        if before is None and text[max(0, mention.start - 2) : mention.start].strip() == "(":
            # "officials from seven ASEAN countries (Cambodia, Indonesia …)"
            before = _FROM_GROUP.search(text, max(window, mention.start - 60), mention.start)
        if before is None:
            continue
        people = list(_PEOPLE_RE.finditer(text, window, before.start()))
        if not people or _NOT_PART.search(text, people[-1].end(), before.start()):
            continue
        holders = _following(named, before.end(), sentence_end, text)
        for holder in holders:
            add("participantState", holder, people[-1].start(), holders[-1].end)
        taken = holders[-1].end if holders else taken
    for mention in named:
        if mention.entity.kind in ACTORS and _FUNDED.match(text, mention.end):
            add("funder", mention, mention.start, mention.end + 7)
    seen: set[tuple[str, tuple[int, int]]] = set()
    for match in _BEFORE_RE.finditer(text):
        prop = match.lastgroup
        sentence_start, sentence_end = span = _sentence_of(spans, match.start())
        if (prop, span) in seen:
            continue  # the first such verb of a sentence is its verb
        seen.add((prop, span))
        before = [m for m in named if sentence_start <= m.start and m.end <= match.start()]
        subject = next(
            (m for m in reversed(before) if _ASIDE.match(text[m.end : match.start()])), None
        )
        subject = _body_of(subject, before, text) if subject else None
        if subject is None or subject.entity.kind not in ACTORS:
            continue
        if subject.entity.kind == "country" and _NOUN_BEFORE.search(
            text, max(0, subject.start - 30), subject.start
        ):
            continue  # a demonym qualifies the subject: "la capital panameña acogió"
        holders = _subjects(_preceding(named, subject.end, sentence_start - 1, text), text)
        for holder in holders:
            add(prop, holder, holders[0].start, match.end())
        if prop == "organizer":  # and those it organised with, in the same sentence
            for cue in _WITH.finditer(text, sentence_start, sentence_end):
                partners = _following(named, cue.end(), sentence_end, text)
                for partner in partners:
                    if partner.entity.kind == "country" and _demonym(partner):
                        continue  # "with Ivorian police": a demonym qualifies a body
                    add(prop, partner, cue.start(), partners[-1].end)
    return list(found.values())


#: A list introduced by a preposition is a complement, not a subject: "Pour les policiers du
#: Burkina Faso, du Mali et du Niger, l'ONUDC a organisé", "En México, UNODC y … organizaron".
_PREPOSITION = re.compile(
    r"\b(?:in|at|from|of|for|with|among|to|en|à|au|aux|de|du|des|d['’]|pour|avec|dans|del|para|"
    r"con|entre|desde)\s+(?:the\s+|la\s+|le\s+|les\s+|l['’]|el\s+|los\s+|las\s+)?$",
    re.I,
)


#: A common noun right before a country's mention makes it an adjective: "la capital panameña".
_NOUN_BEFORE = re.compile(
    r"\b(?!(?:the|la|le|les|el|los|las|of|de|del|du|des|and|et|y|in|en|à|a|au)\s)"
    r"[a-zà-ÿ][a-zà-ÿ]{2,}\s+$"
)


#: A state named through its government or authorities acts itself: "the Government of
#: Colombia and UNODC launched", "national authorities of Mali and Niger organized".
_STATE_OF = re.compile(
    r"\b(?:government|gouvernement|gobierno|governo|authorities|autorités|autoridades|"
    r"republic|république|república|kingdom|royaume|reino)\s+(?:of|de|du|del|d['’])\s+"
    r"(?:the\s+|la\s+|l['’]|el\s+)?$",
    re.I,
)


def _demonym(mention: Mention) -> bool:
    """Whether a country is named by an adjective ("Ivorian", "peruanos") rather than by a
    name of its own ("Côte d'Ivoire", "US", "Estado Plurinacional de Bolivia")."""
    exact = mention.exact
    if exact == mention.entity.name or exact.isupper():
        return False
    return exact[:1].islower() or " " not in exact


def _subjects(holders: list[Mention], text: str) -> list[Mention]:
    """The holders that are the verb's subject: after the last comma of a list that a
    preposition introduces (unless it names a state through its government)."""
    if not holders:
        return holders
    before = max(0, holders[0].start - 30)
    if _STATE_OF.search(text, before, holders[0].start) or not _PREPOSITION.search(
        text, max(0, holders[0].start - 16), holders[0].start
    ):
        return holders
    for index in range(len(holders) - 1, 0, -1):
        if "," in text[holders[index - 1].end : holders[index].start]:
            return holders[index:]
    return []


#: "Global Firearms Programme (GFP) of UNODC", "Programme mondial … de l'ONUDC".
_OF_OWNER = re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?(?:of|de|del|du)\s+(?:the\s+|l['’]|la\s+)?$")


def _by_owner(
    named: list[Mention], mentions: tuple[Mention, ...], text: str, field: str
) -> list[Mention]:
    """Programmes read as the body that runs them, where the entry says which body that is:
    the body inside the name ("UNODC Global Maritime Crime Programme", "INTERPOL Firearms
    Programme"), before it ("UNODC's Global Firearms Programme") or after it ("… Programme
    (GFP) of UNODC"). Every mention of such a programme in the entry ("the GFP carried out")
    then names its body."""
    programmes = [m for m in mentions if m.field == field and m.entity.kind == "programme"]
    if not programmes:
        return named
    bodies = sorted(
        (m for m in mentions if m.field == field and m.entity.kind == "organization"),
        key=lambda m: m.start,
    )
    owners: dict[str, Entity] = {}
    for m in sorted(programmes, key=lambda m: m.start):
        if m.entity.key in owners:
            continue
        inside = [o for o in bodies if m.start <= o.start and o.end <= m.end]
        before = [o for o in bodies if o.end <= m.start][-1:]
        after = [o for o in bodies if o.start >= m.end][:1]
        if inside:
            owners[m.entity.key] = inside[0].entity
        elif before and _OWNER.fullmatch(text[before[0].end : m.start]):
            owners[m.entity.key] = before[0].entity
        elif after and _OF_OWNER.match(text[m.end : after[0].start]):
            owners[m.entity.key] = after[0].entity
    if not owners:
        return named
    return [
        dataclasses.replace(m, entity=owners[m.entity.key]) if m.entity.key in owners else m
        for m in named
    ]


def _body_of(subject: Mention, before: list[Mention], text: str) -> Mention:
    """The body behind a subject that names a part of it: "UNODC's Global Firearms
    Programme ran …" and "UNODC in Guatemala held …" are UNODC's doing."""
    index = before.index(subject)
    previous = before[index - 1] if index else None
    if previous is None or previous.entity.kind != "organization":
        return subject
    gap = text[previous.end : subject.start]
    if subject.entity.kind == "programme" and _OWNER.fullmatch(gap):
        return previous
    if subject.entity.kind == "country" and _LOCATED_IN.fullmatch(gap):
        return previous
    return subject


_OWNER = re.compile(r"[’']s\s+(?:\w+\s+){0,2}")
_LOCATED_IN = re.compile(r"\s+(?:in|en)\s+(?:the\s+)?")


def speakers(text: str, mentions: Iterable[Mention]) -> list[Role]:
    """Persons in a sentence that reports speech ("said", "opened", "declaró", …)."""
    found: dict[str, Role] = {}
    spans = _sentences(text)
    reports: dict[tuple[int, int], bool] = {}
    for mention in mentions:
        if mention.field != "text" or mention.entity.kind != "person":
            continue
        start, end = span = _sentence_of(spans, mention.start)
        if span not in reports:
            reports[span] = _SPEECH.search(text, start, end) is not None
        if reports[span] and not _POSSESSIVE.match(text, mention.end):
            found.setdefault(
                mention.entity.key, Role("speaker", mention.entity, start, end, text[start:end])
            )
    return list(found.values())


#: "Ambassador of Japan to Austria", "Head of the EU Delegation to Peru": the state after "to"
#: is where the person serves, not the one they speak for.
_ACCREDITED = re.compile(
    r"\b(?:to|in|auprès\s+de|ante)\s+(?:the\s+|la\s+|le\s+|l['’]|el\s+)?$", re.I
)


def represented(person: Entity, countries: Iterable[Mention]) -> Entity | None:
    """The state a person speaks for, as this entry states it: the one state their title or
    their national body names ("Minister of Justice of Bolivia", "French Ambassador to
    Serbia", "Ministry of Labour in Colombia"). None for the staff of an international body
    ("UNODC Representative in Colombia") and when the title names several states."""
    affiliation = person.affiliation
    international = affiliation is not None and affiliation.linked and not affiliation.country_code
    if international and affiliation.kind == "organization":
        return None  # an international body: its staff speak for it, not for a state
    title = person.job_title or ""
    found: dict[str, Entity] = {}
    for mention in countries:
        at = title.find(mention.exact)
        if at < 0 or (at and title[at - 1].isalnum()):
            continue
        if not _ACCREDITED.search(title, 0, at) or _is_of_body(title, at):
            found[mention.entity.key] = mention.entity
    if affiliation is not None and affiliation.country_code:
        found.update(
            {
                m.entity.key: m.entity
                for m in countries
                if m.entity.country_code == affiliation.country_code
            }
        )
    return next(iter(found.values())) if len(found) == 1 else None


_MINISTRY = re.compile(r"\b(?:Ministry|Ministerio|Ministère|Minister|Ministro|Ministre)\b[^,;]*$")


def _is_of_body(title: str, at: int) -> bool:
    """ "Ministry of Labour in Colombia": "in" after a national body names its state."""
    return bool(_MINISTRY.search(title, 0, at))


#: An event that launches a publication: "launched the Global Report", "presented the 2024
#: edition", "a lancé", "publie ce jour", "presentó el Informe".
_LAUNCH = Cue(
    r"\b(?:launch(?:ed|es|ing)?|unveil(?:ed|s)?|releas(?:ed|es|ing)|present(?:ed|s|ing)|"
    r"publish(?:ed|es)|lanc(?:e|é|ée|ent|ement)|a\s+lancé|ont\s+lancé|présent(?:e|é|ée|ation)|"
    r"publi(?:e|é|ée|ent|cation)|lanz(?:ó|aron|amiento)|present(?:ó|aron|ación)|publicó)\b"
)


def launches(text: str, mentions: Iterable[Mention], field: str = "text") -> list[Role]:
    """Publications an event launched: each named in a sentence that reports a launch."""
    found: dict[str, Role] = {}
    spans = _sentences(text)
    said: dict[tuple[int, int], bool] = {}
    for mention in mentions:
        if mention.field != field or mention.entity.kind != "publication":
            continue
        start, end = span = _sentence_of(spans, mention.start)
        if span not in said:
            said[span] = _LAUNCH.search(text, start, end) is not None
        if said[span]:
            found.setdefault(
                mention.entity.key,
                Role("launches", mention.entity, start, end, text[start:end], field),
            )
    return list(found.values())


#: A publication's reach: "data from 130 countries", "covers 141 countries", "datos de 130
#: países", "données de 110 pays".
_COVERAGE = Cue(
    r"\b(?:data|information|responses|figures|données|informations|datos|información|"
    r"cover(?:s|ed|ing)?|draw(?:s|n|ing)?\s+on|based\s+on|couvr(?:e|ant)|abarca|cubre)\b"
    r"[^.;]{0,40}?\b(?:from|on|of|in|de|des|du|en)?\s*(?P<count>\d{1,3}(?:,\d{3})?)\s+"
    r"(?:countries|states|member\s+states|pays|états|países|estados)\b"
)


def coverage(text: str, mentions: Iterable[Mention], field: str = "text") -> list[Coverage]:
    """The country coverage each publication's sentence states, the publication named in the
    same sentence (the nearest before the figure, else after it)."""
    publications = [m for m in mentions if m.field == field and m.entity.kind == "publication"]
    if not publications:
        return []
    spans, found = _sentences(text), {}
    for match in _COVERAGE.finditer(text):
        start, end = _sentence_of(spans, match.start())
        here = [m for m in publications if start <= m.start < end]
        named = [m for m in here if m.end <= match.start()][-1:] or here[:1]
        if named:
            count = int(match["count"].replace(",", ""))
            found.setdefault(
                named[0].entity.key,
                Coverage(
                    named[0].entity,
                    count,
                    match.start(),
                    match.end(),
                    text[match.start() : match.end()],
                    field,
                ),
            )
    return list(found.values())


def treaty_actions(
    text: str, mentions: Iterable[Mention], skip: int = 0
) -> tuple[list[TreatyAction], list[Party]]:
    """The treaty actions a text reports — a state, the instruments it acted on, the action,
    and the date when the sentence states one (after ``skip``, the dateline) — and the states
    it says are parties."""
    named = _actor_mentions(mentions)
    actions: dict[tuple[str, str, str], TreatyAction] = {}
    parties: dict[tuple[str, str], Party] = {}
    kinds = {m.entity.kind for m in named}
    if "country" not in kinds or "instrument" not in kinds:
        return [], []
    for (start, end), sentence in _by_sentence(_sentences(text), named).items():
        states = [m for m in sentence if m.entity.kind == "country"]
        if not states or not any(m.entity.kind == "instrument" for m in sentence):
            continue
        cues = list(_ACTION_RE.finditer(text, start, end))
        if cues:
            after = max(start, skip)
            stated = DATE_RE.search(text, after, end) or _US_DATE.search(text, after, end)
            when = _iso(stated) if stated else None
        for cue in cues:
            action = cue.lastgroup
            instruments = [m for m in sentence if m.entity.kind == "instrument"]
            acted_on = _following(sentence, cue.end(), end, text, INSTRUMENTS)
            if not acted_on and action != "signature":  # one signs many other things
                acted_on = [m for m in instruments if cue.end() <= m.start < cue.end() + NEAR][:1]
            if not acted_on and cue.group().lower().startswith("instrument"):
                # "Uruguay became a Party to the Convention when it deposited its instrument
                # of ratification": the instrument named before, in the same sentence
                acted_on = [m for m in instruments if m.end <= cue.start()][-1:]
            # the state acting: the nearest named before the cue ("Bhutan acceded to"),
            # else after it ("By acceding to the Protocol, Comoros", "por parte de Azerbaiyán")
            subject = [s for s in states if s.end <= cue.start()][-1:] or [
                s
                for s in states
                if s.start >= cue.end()
                and not any(i.start <= s.start < i.end for i in instruments)
                and (
                    _BY_ACTING.search(text, max(start, cue.start() - 8), cue.start())
                    or _BY_STATE.search(text, max(start, s.start - 20), s.start)
                )
            ][:1]
            if not subject or not acted_on:
                continue
            state = subject[0]
            for instrument in acted_on:
                key = (state.entity.key, instrument.entity.key, action)
                actions.setdefault(
                    key,
                    TreatyAction(
                        state.entity,
                        instrument.entity,
                        action,
                        when,
                        start,
                        end,
                        text[start:end],
                    ),
                )
                if action in PARTY_ACTIONS:
                    parties.setdefault(
                        (state.entity.key, instrument.entity.key),
                        Party(state.entity, instrument.entity, start, end, text[start:end]),
                    )
        for cue in _PARTY.finditer(text, start, end):
            if cue["such"]:  # "States parties such as A and B"
                holders = _following(sentence, cue.end(), end, text, frozenset({"country"}))
                acted_on = [m for m in sentence if m.entity.kind == "instrument"][:1]
            else:  # "A became the 190th State party to the Protocol"
                holders = [s for s in states if s.end <= cue.start()][-1:]
                acted_on = _following(sentence, cue.end(), end, text, INSTRUMENTS)
            for state in holders:
                for instrument in acted_on:
                    parties.setdefault(
                        (state.entity.key, instrument.entity.key),
                        Party(state.entity, instrument.entity, start, end, text[start:end]),
                    )
    return list(actions.values()), list(parties.values())


def _iso(match: re.Match) -> date | None:
    groups = match.groupdict()
    try:
        return date(
            int(groups["year"]),
            MONTH_NUMBER[groups["month"].lower()][0],
            int(re.match(r"\d+", groups["day2"] or groups["day"]).group()),
        )
    except (ValueError, KeyError, TypeError):
        return None
