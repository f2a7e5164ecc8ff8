"""The phrases that state roles and treaty actions, in English, French and Spanish: cues
before and after the holders, people who take part, speech, and the seven treaty actions."""

from __future__ import annotations

import re
from functools import lru_cache

from ...sources import MONTH_NUMBER
from ..cues import Cue, gated

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
_BEFORE_RE = Cue("|".join(f"(?P<{role}>{verb.pattern})" for role, verb in _BEFORE.items()))


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
_PARTY = gated(
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
