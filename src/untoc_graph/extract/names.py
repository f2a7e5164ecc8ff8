"""Names of persons, in English, French and Spanish.

A capitalised run of words is a person only with evidence around it that it names one:

- an honorific or a title before it, alone or in a chain ("Mr.", "S.E. Mme", "Dra.",
  "His Excellency", "UNODC Deputy Executive Director", "Police Lieutenant General", "Ambassador");
- a role before it ("the Minister of Justice of Bolivia, Pedro Soto", "le Ministre de la Justice,
  M. …", "la Representante de UNODC en Colombia, …", "Bolivia's Minister of Justice Pedro Soto",
  "la consultora nacional …", "los fiscales … y …") or after it, in apposition ("…, Chief of …",
  "…, a legal expert at …", "…, del Ministerio de …", "… of the Supreme Judicial Council");
- speech attributed to it ("said …", "… said", "Zambia's Mary Banda told …", "declaró …",
  "a déclaré", "according to …", "remarks by …", "interview with …", "… on behalf of …",
  "…: “…”"), or a list it continues.

Words of titles, bodies and their subjects ("Executive Director", "Ministry", "Prevention"), a
place the gazetteer knows and a vocabulary item are never a name. Names are cleaned of the
titles and honorifics that lead them, and in an entry one person stands for every form of a
name: with or without a middle name, a surname alone after a title.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from nameparser.config import CONSTANTS

from ..lexicon import Lexicon
from ..text import fold, slug
from .fields import _Field
from .records import Entity

#: A capitalised word or acronym.
_CAP = r"[A-ZÀ-Þ][\w’'\-]*"


def _letters(test) -> str:
    ranges = (range(0x41, 0x250), range(0x1E00, 0x1F00))
    return "".join(chr(c) for r in ranges for c in r if test(chr(c)))


_UP = f"[{_letters(str.isupper)}]"
_LOW = f"[{_letters(str.islower)}]"
# A word of a name ("Lale-Demoz", "McNally", "O'Brien", "Yeşilkaya") or an initial ("J.").
# It starts with a capital letter so that the pattern is searched fast; a match that starts
# inside a word ("d'Ivoire") is dropped by :func:`_persons`.
_WORD = rf"{_UP}(?:(?:['’]{_UP})?{_LOW}+(?:{_UP}{_LOW}+)?(?:-{_UP}?{_LOW}+)*|\.(?=\s))"
#: Lowercase particles inside a name ("Stacy de la Torre", "Francisco José do Nascimento",
#: "Sandrine Gbialy épouse Bigorra"), from the name parser's list of surname prefixes.
PARTICLES = frozenset(
    p
    for p in CONSTANTS.prefixes
    if p.isalpha() and p.islower() and len(p) <= 5
    if p not in {"af", "av", "bar", "bat", "bon", "op", "san", "santa", "st", "ste", "te", "vel"}
) | {"épouse", "née", "veuve", "ould"}
_PARTICLE = "|".join(sorted(PARTICLES, key=len, reverse=True))
# "Ahmed al-Hashimi", "Miguel d'Escoto": a particle joined to the surname.
_JOINED = "|".join(
    sorted((p for p in CONSTANTS.prefixes if p.endswith("-")), key=len, reverse=True) + ["d'", "d’"]
)
_RUN = re.compile(rf"{_WORD}(?:[ \t]+(?:(?:{_PARTICLE})[ \t]+){{0,2}}(?:{_JOINED})?{_WORD})*")
_INSIDE_WORD = frozenset(".'’-_")
_SENTENCE_MARKS = frozenset(["", ".", ":", "–", "—", "-", "”", "»", '"'])


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Honorifics: they lead a name and are never part of it.
HONORIFICS = _words(
    "mr mrs ms mx miss mister dr dra drs doctor doctora docteur prof profa pr professor "
    "professeur profesor profesora h.e s.e hrh h.r.h excellency excellence excelencia excmo "
    "excma exmo exma hon honorable honourable rt sir dame lord lady m mm mme mmes mlle me "
    "monsieur madame mademoiselle madam maître maitre sr sra srta sres sras señor señora "
    "señorita don doña dña lic licda licdo ing arq abg abog sheikh sheikha shaikh shaikha "
    "sheik cheikh prince princess compañero compañera camarada "
    "princesse princesa king queen"
)
#: Titles and roles a person holds, in the three languages (singular and plural).
ROLES = _words(
    # English
    "director directors director-general chief head heads minister ministers secretary "
    "secretary-general under-secretary under-secretary-general president vice-president chair "
    "chairman chairwoman chairperson co-chair officer coordinator co-ordinator coordinators "
    "representative representatives adviser advisor expert experts specialist analyst "
    "consultant manager ambassador envoy attaché attache consul commissioner judge judges "
    "magistrate magistrates prosecutor prosecutors attorney attorney-general "
    "solicitor counsel counsellor counselor advocate lawyer lawyers governor mayor senator "
    "congressman congresswoman parliamentarian speaker founder co-founder ceo cfo professor "
    "lecturer researcher researchers fellow rapporteur inspector superintendent commander "
    "general colonel lieutenant major captain sergeant admiral brigadier commodore marshal "
    "agent investigator investigators detective instructor trainer trainers facilitator "
    "moderator spokesperson spokesman spokeswoman delegate leader administrator registrar "
    "principal dean rector chancellor premier ranger constable mentor coach activist "
    "journalist academic academics scholar economist criminologist official officials "
    "member chargé chargée "
    # French
    "directeur directrice directeurs chef cheffe ministre ministres vice-ministre secrétaire "
    "président présidente vice-président vice-présidente représentant représentante "
    "coordonnateur coordonnatrice coordinateur coordinatrice conseiller conseillère experte "
    "consultante responsable ambassadeur ambassadrice commissaire juge juges magistrat "
    "magistrats procureur procureure avocat avocate gouverneur maire préfet préfète député "
    "députée sénateur sénatrice fondateur fondatrice professeure chercheur chercheuse "
    "inspecteur inspectrice commandant général capitaine officier porte-parole administrateur "
    "administratrice délégué déléguée adjoint adjointe doyen recteur haut-commissaire "
    "formateur formatrice modérateur modératrice membre substitut "
    # Spanish
    "directora directores jefe jefa ministro ministra viceministro viceministra secretario "
    "secretaria subsecretario subsecretaria presidenta vicepresidente vicepresidenta "
    "representante coordinador coordinadora asesor asesora experto experta especialista "
    "consultor consultora oficial encargado encargada embajador embajadora comisionado "
    "comisionada comisario comisaria juez jueza jueces magistrado magistrada fiscal fiscales "
    "procurador procuradora abogado abogada gobernador gobernadora alcalde alcaldesa senador "
    "senadora diputado diputada congresista fundador fundadora profesora investigador "
    "investigadora inspectora comandante coronel capitán teniente titular vocero vocera "
    "portavoz delegado delegada administrador administradora canciller intendente defensor "
    "defensora rectora decano decana cónsul agregado agregada mentora instructora "
    "capacitador capacitadora facilitador facilitadora moderador moderadora miembro académico "
    "académica académicos adjunto adjunta sargento subcomisario subdirector subdirectora "
    "superintendente gerente analista ponente panelista relator relatora integrante"
)
#: Titles after which a surname alone is a person ("Minister Sereni", "Judge Falcone").
PERSONAL_TITLES = HONORIFICS | _words(
    "minister ministre ministro ministra vice-minister president présidente presidente "
    "presidenta ambassador ambassadeur ambassadrice embajador embajadora judge juge juez "
    "jueza commissioner commissaire comisionado senator sénateur senador senadora "
    "governor gouverneur gobernador secretary-general professor professeur profesor general "
    "général colonel coronel captain capitaine capitán commander commandant lieutenant "
    "teniente admiral counselor counsellor advocate"
)
#: Words that describe a person in apposition: "…, a trafficking survivor and …"
PERSON_NOUNS = _words(
    "survivor survivors victim victims mother father wife husband son daughter student "
    "students graduate participant resident citizen volunteer worker woman man girl boy "
    "superviviente sobreviviente víctima madre padre estudiante survivante victime mère père "
    "étudiant étudiante"
)
# Titles of the name parser that name no role here, or are ordinary words in these texts.
_NOT_TITLES = _words(
    "discovery knowledge mystery information intelligence security analytics strategy "
    "marketing computer software tax risk credit travel radio television film opera rock "
    "blues baseball soccer voice business award-winning first united states national federal "
    "royal high state district division legal social financial special technical military "
    "international english british uk us civil criminal police customs revenue corporate "
    "political municipal host model master pilot count mother father brother sister saint "
    "sainte his her most right air army navy bench field flag flying foreign group wing "
    "banner player personality law judicial appellate supreme superior operating petty rear "
    "warrant staff senior associate assistant deputy executive vice chief designated heir "
    "hereditary grand great member mag me ill kingdom family familie mathematics theater "
    "theatre classical literary private pro met charge presiding excellent primate bearer "
    "docket biblical behavioral advertising burlesque comic printer resident pioneer critic "
    "collector controller developer designer servant prime"
)
NAME_TITLES = frozenset(
    t for t in CONSTANTS.titles if t.isalpha() and len(t) > 2 and t not in _NOT_TITLES
)
#: A cue inside a capitalised run: a title before the name.
_CUES = HONORIFICS | ROLES | NAME_TITLES

#: Capitalised words that are not names: heads of organisation names, the words of their
#: subjects, places and regions, documents and events, in the three languages.
NOT_NAMES = _words(
    "ministry ministries ministère ministerio ministério department departamento département "
    "office offices oficina bureau agency agence agencia commission comisión comissão "
    "committee comité comite council conseil consejo secretariat secrétariat secretaría "
    "subsecretaría forum foro institute institut instituto university université universidad "
    "universidade academy académie academia school école escuela college foundation "
    "fondation fundación network networks réseau red association asociación associação "
    "centre center centro authority autorité autoridad directorate direction dirección "
    "court cour corte tribunal tribunals chamber chambre cámara prosecution fiscalía "
    "procuraduría defensoría contraloría cancillería gendarmería gendarmerie service services "
    "servicio serviço police policía polícia navy army armada guard guardia coast customs "
    "douane douanes aduana aduanas union unión organization organisation organización "
    "organizações group groupe grupo team unit unité unidad division división section "
    "sección branch programme programmes program programa projet proyecto projeto project "
    "initiative iniciativa campaign campagne campaña mechanism mécanisme mecanismo platform "
    "plataforme plataforma observatory observatoire observatorio fund fonds fondo alliance "
    "alianza coalition federation federación fédération republic república république "
    "kingdom royaume reino state states estado estados état états government gouvernement "
    "gobierno governo parliament parlement parlamento congress congreso congrès assembly "
    "assemblée asamblea senate sénat senado embassy ambassade embajada mission missions "
    "misión delegation délégation delegación nations naciones unidas unies united "
    "international internacional internationale national nacional nationale nationales "
    "regional régional régionale global mondial mondiale mundial federal fédéral fédérale "
    "conference conférence conferencia convention convención protocol protocole protocolo "
    "treaty tratado traité law ley loi act strategy estrategia stratégie plan report rapport "
    "informe study estudio étude survey guide guía handbook manual toolkit declaration "
    "declaración déclaration resolution résolution resolución agenda day día journée week "
    "semana semaine year année año summit sommet cumbre session sesión meeting réunion "
    "reunión workshop atelier taller seminar séminaire seminario course curso cours "
    "training formation capacitación event evento webinar dialogue diálogo panel roundtable "
    "justice justicia interior intérieur security seguridad sécurité affairs asuntos affaires "
    "foreign exteriores étrangères relations relaciones defence defense defensa défense "
    "health salud santé labour labor trabajo travail education educación éducation finance "
    "finances finanzas economy economía économie trade commerce comercio development "
    "desarrollo développement social home public pública público publique human humanos "
    "humaine rights derechos droits crime crimes delito delitos crimen drugs drug drogas "
    "drogue drogues trafficking trata traite smuggling tráfico trafic migrants migrantes "
    "persons personas personnes migration migración immigration inmigración emigration "
    "corruption corrupción terrorism terrorismo terrorisme firearms arms armas armes weapons "
    "cybercrime money laundering organized organised organizada organisée transnational "
    "transnacional transnationale criminal penal pénale investigation investigación enquête "
    "enquêtes intelligence inteligencia renseignement prevention prevención prévention "
    "control contrôle border borders fronteras frontera frontière frontières maritime "
    "marítimo sea mer ocean océano gulf golfo golfe bay bahía islands îles river "
    "río lake mountains north south east west northern southern eastern western central "
    "norte sur este oeste nord sud est ouest africa afrique áfrica african america "
    "amérique américa americas américas asia asie asian europe europa european pacific "
    "pacífico pacifique atlantic atlántico middle oriente orient latin latina latine "
    "caribbean caribe caraïbes balkans sahel mediterranean city ciudad ville province "
    "provincia region región région regions district municipality county capital "
    "headquarters sede siège hotel hôtel palace palacio palais building room covid operations "
    "internet online web website read more photo see back top news noticias actualités "
    "press release communiqué comunicado media advisory story stories cartel cartels goals "
    "goal agenda coordination cooperation cooperación coopération assistance support "
    "implementation review examen trust strengthening new nouveau nueva nuevo general "
    "generale supreme suprema suprême high higher superior superieur superiore joint "
    "conjunto conjunta permanent permanente special especial spécial spéciale task force "
    "fuerza forces fuerzas working action acción action plan scheme system sistema "
    "système portal database base guidelines principles rules reglas règles model "
    "standards code código prize award premio prix prison prisons prisión prisiones women men children youth mujeres "
    "hombres niños niñas femmes hommes enfants jeunes jóvenes people peoples peuples pueblos "
    "contre contra para pour sur sobre entre against lutte lucha fight combat combating "
    "illicit illicite ilícito ilícita circulation prolifération proliferation encuentro "
    "binacional bilateral multilateral operadores operators reform reforma réforme area área "
    "zone zona sector secteur especially notamment especialmente economic económico "
    "économique community comunidad communauté corps free watch aid relief care vision rescue "
    "partners solutions"
)
#: Heads of the names of bodies a person belongs to: "… of the Supreme Judicial Council".
ORG_HEADS = _words(
    "ministry ministère ministerio ministério department departamento département office "
    "oficina bureau agency agence agencia commission comisión committee comité council "
    "conseil consejo secretariat secrétariat secretaría subsecretaría forum institute "
    "institut instituto university université universidad universidade academy académie "
    "academia school école escuela college foundation fondation fundación network réseau red "
    "association asociación centre center centro authority autorité autoridad directorate "
    "direction dirección court cour corte tribunal chamber cámara fiscalía procuraduría "
    "defensoría contraloría cancillería gendarmería gendarmerie service servicio police "
    "policía polícia navy army armada guard guardia customs douane douanes aduana aduanas "
    "union unión organization organisation organización group groupe grupo unit unité unidad "
    "division división section sección branch initiative iniciativa alliance alianza "
    "coalition federation federación fédération government gouvernement gobierno "
    "parliament parlement parlamento congress congreso assembly assemblée asamblea senate "
    "embassy ambassade embajada mission misión delegation délégation delegación"
)
#: Words that qualify a title and are no part of a name: "Deputy Head", "Goodwill Ambassador".
MODIFIERS = _words(
    "deputy executive assistant associate acting vice senior junior chief legal liaison "
    "goodwill haut haute alto alta adjoint adjointe principal regional resident résident "
    "residente permanent permanente interim"
)
# A word no name is made of: "Fortalecimiento", "Institucional", "Prevention".
_ABSTRACT = re.compile(
    r"(?:tion|sion|ción|sión|ções|miento|ness|ship|ism|ismo|ology|ología|ologie|ional|"
    r"idad|ité)$"
)
_NOT_IN_NAME = NOT_NAMES | ROLES | NAME_TITLES | MODIFIERS
#: Words that open a sentence before a name and are no part of it.
_FUNCTION_WORDS = _words(
    "the a an in on at for of and from to by with this that these those it its their his "
    "her our we they he she as after before during since under over among between through "
    "while when where following also but however today yesterday tomorrow last next both "
    "each every all some many several most other such first second third then thus "
    "meanwhile moreover le la les un une des du de dans en au aux pour par avec sur selon "
    "lors depuis après avant ce cette ces il elle ils elles nous leur el los las una unos "
    "unas con por para según durante tras desde entre sobre bajo ante mientras además "
    "también este esta estos estas ese esa dear"
)
_LEADING = NOT_NAMES | _FUNCTION_WORDS
#: A run made only of these words holds no name.
_NO_NAME_HERE = _LEADING | _NOT_IN_NAME | _CUES
_TIME = _words(
    "january february march april may june july august september october november december "
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre "
    "noviembre diciembre monday tuesday wednesday thursday friday saturday sunday lundi "
    "mardi mercredi jeudi vendredi samedi dimanche lunes martes miércoles jueves viernes "
    "sábado domingo"
)
# A sentence-opening verb: "Speaking …", "Intervinieron …", "Inauguró …".
_VERB_FORM = re.compile(r"(?:ing|aron|ieron|eron|[óí])$")
#: Irregular Spanish preterites that open a sentence before a name ("Intervino Ana Ruiz").
_IRREGULAR_VERBS = frozenset(
    "intervino dijo expuso propuso hizo condujo introdujo tuvo estuvo vino".split()
)

_ADJECTIVES = _words(
    "nacional regional general générale generale adjunto adjunta adjoint adjointe principal "
    "senior superior especial special spécial spéciale jefe national nationale federal "
    "fédéral internacional international ejecutivo ejecutiva exécutif exécutive résident "
    "resident residente permanent permanente provincial local técnico técnica jurídico "
    "jurídica former new outgoing incoming acting ancien ancienne nouveau nouvel nouvelle "
    "nuevo nueva actual interim intérim"
)
_ARTICLES = _words("the a an la le les l' l’ el los las un une una its his her their sa son su sus")
_OF_WORDS = _words("of for on de del du des")
_CONJUNCTIONS = _words(
    "and y e et while with by from including as mientras con como que avec par dont ainsi "
    "junto along joined together"
)
# Words a clause that ends in a title may open with: "…, and the Minister of …, X", "las
# palabras del viceministro de Justicia, X".
_CLAUSE_OPENERS = _ARTICLES | _CONJUNCTIONS | _words("del al du au aux des")
_HONORIFIC_ABBREVIATIONS = _words(
    "Mr Mrs Ms Mx Dr Dra Drs Prof Profa Pr H.E H.E. S.E S.E. HRH H.R.H MM Mme Mmes Mlle Me Sr "
    "Sra Srta Sres Sras Lic Licda Licdo Ing Excmo Excma Exmo Exma Hon Dña"
)
_SAY_BEFORE = _words(
    "said says added adds noted notes warned warns explained explains stressed stresses asked "
    "told wrote declaró dijo afirmó explicó señaló añadió agregó advirtió subrayó destacó "
    "según selon"
)
_SAY_BEFORE_PAIRS = frozenset(
    [("according", "to"), ("a", "déclaré"), ("a", "ajouté"), ("a", "souligné"), ("acuerdo", "con")]
    + [
        (who, verb)
        for who in ("speakers", "panellists", "panelists", "ponentes", "intervenants")
        for verb in ("included", "were", "incluyeron", "fueron", "étaient")
    ]
)
# "remarks by …", "opened by …", "palabras de …", "présidé par …"
_SPOKEN = {
    "by": _words(
        "remarks statement statements speech speeches address presentation presentations "
        "introduction introductions welcome intervention interventions keynote message opened "
        "chaired co-chaired moderated delivered presented introduced welcomed facilitated given "
        "signed led headed represented accompanied joined interviewed"
    ),
    "from": _words("message messages statement greetings letter"),
    "with": _words("interview interviews conversation conversations q&a"),
    "con": _words("entrevista conversación diálogo"),
    "avec": _words("entretien entrevue conversation"),
    "de": _words(
        "palabras discurso intervención presentación cargo allocution discours intervention mot"
    ),
    "d'": _words("allocution discours intervention mot"),
    "por": _words("moderado moderada presidido presidida inaugurado inaugurada"),
    "par": _words("présidé présidée ouvert ouverte animé animée modéré modérée"),
}
_SAY_EN = (
    r"said|says|say|told|tells|noted|notes|stated|added|adds|explained|explains|stressed|"
    r"stresses|emphasi[sz]ed|underlined|underscored|highlighted|warned|warns|urged|urges|"
    r"recalled|remarked|observed|announced|commented|affirmed|declared|argued|insisted|"
    r"pointed out|called|welcomed|thanked|opened|presented|praised|congratulated|commended|"
    r"reiterated|acknowledged|expressed|described|delivered|spoke|addressed|chaired|"
    r"moderated|introduced|concluded|shared|asked|replied|pledged|referred|mentioned|"
    r"recogni[sz]ed|reminded|wrote|believes|believed"
)
_SAY_FR = (
    r"a (?:déclaré|dit|souligné|estimé|rappelé|indiqué|affirmé|expliqué|ajouté|insisté|"
    r"salué|félicité|remercié|présenté|ouvert|présidé|noté|précisé|annoncé|appelé|exprimé|"
    r"plaidé|encouragé|invité|conclu|mis en garde|pris la parole|qualifié|souhaité)|"
    r"est intervenue?|déclare|souligne|estime|rappelle|explique|ajoute|affirme|insiste"
)
_SAY_ES = (
    r"declaró|dijo|afirmó|explicó|señaló|indicó|destacó|subrayó|agregó|añadió|sostuvo|"
    r"expresó|manifestó|aseguró|recordó|advirtió|agradeció|felicitó|presentó|inauguró|"
    r"expuso|resaltó|enfatizó|comentó|precisó|apuntó|consideró|celebró|reconoció|pidió|"
    r"instó|moderó|intervino|habló|saludó|clausuró|reiteró|informó|anunció|calificó"
)
_SAY_AFTER = re.compile(
    rf"\s+(?:(?:has|had|also|then|later|further|again|a également|a aussi|también|"
    rf"además|ya)\s+)?(?:{_SAY_EN}|{_SAY_FR}|{_SAY_ES})\b"
)
_ON_BEHALF = re.compile(
    r",?\s+(?:(?:spoke\s+)?on\s+behalf\s+of|representing|en\s+nombre\s+de|en\s+representación"
    r"\s+de|au\s+nom\s+de|en\s+représentation\s+de)\b"
)
_WHO = re.compile(
    r",\s+(?:who|whose|quien|qui)\b|,\s+(?:aged\s+)?\d{1,2}\s+(?:years?\s+old|años|ans)\b"
)
# "… of the Supreme Judicial Council", "…, del Ministerio de Trabajo", "…, de UNODC Brasil"
_OF_BODY = re.compile(
    rf"(?:,\s+|\s+)(?:of|from|at|de|del|du|des)\s+(?:(?:the|la|le|l['’]|el|los|las|les)\s*)?"
    rf"(?P<body>{_CAP}(?:\s+(?:{_CAP}|of|for|on|de|del|la|du|des|and|y|et)){{0,6}})"
)
_ROLE_AFTER = re.compile(
    r",\s+(?P<role>[^,.;“”\"]{3,160}?)"
    rf"(?=,|\.(?:\s|$)|;|\s+(?:{_SAY_EN}|{_SAY_FR}|{_SAY_ES})\b)"
)
# "…, Ambassador of Italy Mr Luigi Ferrari, …" is the title of the next person in a list.
_NAMES_ANOTHER = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|H\.E|S\.E|Mme|Sra?|Dra)\b\.?\s+[A-Z]")
_LEADING_ARTICLE = re.compile(r"(?:the|a|an|un|une|una|el|la|le)\s+", re.I)
_CLAUSE_END = re.compile(r"[,;:()]|\.\s")
_LIST_JOIN = re.compile(r"\s*,\s*|\s*(?:,\s*)?(?:and|y|e|et)\s+")
# "Ana Rojas: “…”": a name that opens a quotation.
_QUOTED = re.compile(r"\s*:\s*[“\"«]")
_SENTENCE = re.compile(r"[.!?]\s|[;:]\s|\s[–—-]\s")
_NOT_IN_ROLE = re.compile(
    rf"\b(?:{_SAY_EN}|{_SAY_ES}|which|who|que|qui|quien|where|donde|où|that|is|are|was|were|"
    rf"has|have|had|est|sont|était|es|son|fue|fueron|era)\b|;"
)
# Words after which an apposition no longer describes the person: "…, un colloque sur …"
_APPOSITION_STOP = _words(
    "of on for in at to from with by about de des du del en sur à au aux con para por sobre "
    "dans pour avec"
)
_APPOSITION_OPENERS = (
    _ARTICLES | _ADJECTIVES | MODIFIERS | PERSON_NOUNS | _words("our your un une una uno")
)
_ROLE_PREFIX = re.compile(r"^(?:vice|sub|sous|co|under|deputy)-?")
_PUNCTUATION = "“”\"'’.,;:()«»"


class Person(NamedTuple):
    """A person's name at ``[start, end)`` and the role stated with it, as written."""

    name: str
    start: int
    end: int
    role: str | None
    role_start: int | None


def _title_case(text: str) -> bool:
    """A headline With Every Word Capitalised, where capitals tell nothing."""
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _is_honorific(token: str) -> bool:
    return token.rstrip(".").lower() in HONORIFICS


def _is_cue(token: str) -> bool:
    word = token.rstrip(".").lower()
    return word in _CUES or ("-" in word and word.rsplit("-", 1)[-1] in _CUES)


def _is_role(word: str) -> bool:
    """A title ("Director", "viceministra", "Under-Secretary-General", "sous-directeur")."""
    word = word.strip(_PUNCTUATION).lower()
    if word in ROLES or ("-" in word and word.rsplit("-", 1)[-1] in ROLES):
        return True
    bare = _ROLE_PREFIX.sub("", word)
    return bare != word and bare in ROLES


def _not_name(token: str) -> bool:
    """A word that is no part of a person's name: "Ministry", "Deputy", "Prevention"."""
    word = token.lower()
    if word in _NOT_IN_NAME or _ABSTRACT.search(word):
        return True
    return "-" in word and any(part in _NOT_IN_NAME for part in word.split("-"))


def _tokens(text: str, start: int, end: int) -> list[tuple[str, int]]:
    """The words of ``text[start:end]`` with their offsets."""
    tokens = []
    for word in text[start:end].split():
        start = text.find(word, start)
        tokens.append((word, start))
        start += len(word)
    return tokens


def _before(text: str, pos: int, count: int = 4) -> list[tuple[str, int]]:
    """The last words before ``pos``, with their offsets."""
    window = max(0, pos - 15 * count)
    words = []
    for word in reversed(text[window:pos].split()[-count:]):
        pos = text.rfind(word, window, pos)
        words.append((word, pos))
    words.reverse()
    return words


def _honorific_before(word: str) -> bool:
    """Whether the word just before a name is an honorific: "Mr.", "Sra.", "S.E.", "M."."""
    word = word.lstrip('(“"«')
    if word == "M." or word in ("H.", "E."):
        return True
    return word.rstrip(".") in _HONORIFIC_ABBREVIATIONS or word in _HONORIFIC_ABBREVIATIONS


def _role_before(words: list[tuple[str, int]]) -> int | None:
    """Where a role just before the name starts: "el coronel …", "la consultora nacional …",
    "los fiscales …", "le Secrétaire général …", "la señora …"."""
    lower = [w.lower() for w, _ in words]
    for size in range(min(3, len(words))):
        role = -1 - size
        title = lower[role]
        if (
            _is_role(title) or title in NAME_TITLES or (len(title) > 3 and title in HONORIFICS)
        ) and all(w in _ADJECTIVES for w in lower[len(lower) + role + 1 :]):
            return words[role][1]
    return None


def _role_of_before(text: str, start: int) -> int | None:
    """Where "Minister of " starts when the run at ``start`` is its subject and a name:
    "Minister of Justice Pedro Soto", "Ministre de la Justice Marie Dupont"."""
    words = _before(text, start, 6)
    lower = [w.lower() for w, _ in words]
    while lower and lower[-1] in _ARTICLES:
        lower.pop()
    if not lower or lower[-1] not in _OF_WORDS:
        return None
    i = len(lower) - 2
    if i < 0 or not _is_role(lower[i]):
        return None
    while i > 0 and (lower[i - 1] in MODIFIERS or _is_role(lower[i - 1])):
        i -= 1
    return words[i][1]


def _said_before(words: list[tuple[str, int]]) -> bool:
    lower = [w.lower() for w, _ in words]
    if not lower:
        return False
    last = lower[-1]
    if last in _SAY_BEFORE or last.startswith(("d'après", "d’après")):
        return True
    if len(lower) > 1 and (lower[-2], last) in _SAY_BEFORE_PAIRS:
        return True
    spoken = _SPOKEN.get(last.replace("’", "'"))
    return bool(spoken and len(lower) > 1 and lower[-2] in spoken)


def _clause_role(text: str, comma: int, persons: list[Person]) -> tuple[str, int] | None:
    """The role a clause ends with just before a name: "the Minister of Justice of Bolivia, …",
    "el Representante de UNODC en Colombia, …"; never reaching back past another person."""
    window_start = max(0, comma - 160, persons[-1].end if persons else 0)
    sentence = window_start
    for match in _SENTENCE.finditer(text, window_start, comma):
        sentence = match.end()
    words = _tokens(text, sentence, comma)
    for i, (word, start) in enumerate(words):
        lower = word.strip(_PUNCTUATION).lower()
        if not _is_role(lower) or (lower.endswith("s") and lower[:-1] in ROLES):
            continue  # plural roles name groups, not the person that follows
        if i + 1 < len(words):
            following = words[i + 1][0].strip(_PUNCTUATION).lower()
            if following in ORG_HEADS:
                continue  # "the General Assembly": a body, not a role
        j = i
        while j > 0 and i - j < 3:
            previous = words[j - 1][0]
            if not (previous[:1].isupper() or previous.lower() in _ADJECTIVES):
                break
            j -= 1
        if j > 0:
            previous = words[j - 1][0]
            if previous[-1] not in ",;:(" and previous.lower() not in _CLAUSE_OPENERS:
                continue
        if comma - start > 160 or _NOT_IN_ROLE.search(text, start, comma):
            continue
        return text[start:comma].strip(), start
    return None


def _apposition(text: str, end: int) -> bool:
    """ "…, Chief of …", "…, a legal expert at …", "…, UNODC's Director …": a role among the
    first words after the comma, before any preposition."""
    start = end + 1
    stop = _CLAUSE_END.search(text, start, start + 160)
    words = text[start : stop.start() if stop else start + 160].split()[:5]
    if not words:
        return False
    if _is_honorific(words[0]) and not (len(words) > 1 and words[1].islower()):
        return False  # "…, H.E. Mr. …" lists another person; "…, Professor of …" is a title
    first = words[0].strip(_PUNCTUATION)
    if first.islower() and not (
        first in _APPOSITION_OPENERS or _is_role(first) or first in NAME_TITLES
    ):
        return False  # "…, welcomed the experts", "…, who …": a verb, no title
    for word in words:
        word = word.strip(_PUNCTUATION).lower()
        if word in _APPOSITION_STOP:
            return False
        if word.endswith(("'s", "’s")):
            continue
        if word in ROLES or word in NAME_TITLES or word in PERSON_NOUNS:
            return True
        if "-" in word and word.rsplit("-", 1)[-1] in ROLES:
            return True
        if "/" in word and any(part in ROLES or part in NAME_TITLES for part in word.split("/")):
            return True
    return False


def _of_body(text: str, end: int) -> bool:
    """ "… of the Supreme Judicial Council", "…, del Ministerio de …", "…, de UNODC" """
    match = _OF_BODY.match(text, end)
    if not match:
        return False
    return any(
        w.lower() in ORG_HEADS or (len(w) > 1 and w.replace("-", "").replace(".", "").isupper())
        for w in match["body"].split()[:7]
    )


def _in_vocabulary(name: str, lexicon: Lexicon | None) -> bool:
    """A body, programme or topic a vocabulary knows is no person."""
    return lexicon is not None and fold(" ".join(name.split())) in lexicon.items


def _is_country(name: str, lexicon: Lexicon | None, primary: bool = True) -> bool:
    """A country by its own name ("Turkmenistan"), or by any of its names when not
    ``primary`` ("de Kenia"); "Mauricio" (Mauritius in Spanish) is a first name first."""
    return lexicon is not None and any(
        p.kind == "country" and (not primary or p.name == name)
        for p in lexicon.gazetteer.lookup(name)
    )


def _comma_before(text: str, start: int) -> int | None:
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i if i >= 0 and text[i] == "," else None


def _acronym_before(text: str, start: int) -> int:
    """Where the acronyms and possessives just before ``start`` begin: "UNODC ", "SELEC "."""
    for word, offset in reversed(_before(text, start, 2)):
        bare = word.removesuffix("'s").removesuffix("’s")
        if not (len(bare) > 1 and bare[0].isupper() and bare[-1].isupper()):
            break
        start = offset
    return start


def _evidence_around(
    text: str, start: int, end: int, single: bool, said_whose: bool, persons: list[Person]
) -> tuple[str, bool, str | None, int | None]:
    """What around a name shows it names a person: the evidence, whether it is strong enough
    for a surname alone, and the role it states (text and start)."""
    before = _before(text, start)
    if before and _honorific_before(before[-1][0]):
        return "honorific", True, None, None
    if (found := _role_before(before)) is not None:
        return "role before", False, text[found:start].strip(), found
    if single:
        return "", False, None, None
    # "the head of UNODC Ana Rojas": a role of a body named by its acronym
    acronym = _acronym_before(text, start)
    if acronym != start and (found := _role_of_before(text, acronym)) is not None:
        return "role of", False, text[found:start].strip(), found
    if said_whose:
        evidence = "body after"
    elif persons and _LIST_JOIN.fullmatch(text, persons[-1].end, start):
        evidence = "list"
    elif _said_before(before):
        evidence = "said before"
    elif text[end : end + 1] == "," and _apposition(text, end):
        evidence = "apposition"
    elif _WHO.match(text, end):
        evidence = "who"
    elif _QUOTED.match(text, end):
        evidence = "quoted"
    elif _SAY_AFTER.match(text, end):
        evidence = "said after"
    elif _ON_BEHALF.match(text, end):
        evidence = "on behalf"
    elif _of_body(text, end):
        evidence = "of body"
    elif (comma := _comma_before(text, start)) is not None and (
        clause := _clause_role(text, comma, persons)
    ):
        return "role clause", False, *clause
    else:
        evidence = ""
    return evidence, False, None, None


def _judge(
    text: str,
    start: int,
    end: int,
    lexicon: Lexicon | None,
    titled: bool,
    persons: list[Person],
    led: bool,
) -> Person | None:
    """The person the capitalised run at ``[start, end)`` names, if it names one with
    evidence; ``led`` tells that an honorific stands right before the run."""
    lowered = text[start:end].lower().split()
    if _NO_NAME_HERE.issuperset(lowered):
        return None  # "Executive Director", "Global Programme", "West Africa"
    if lowered[-1] in NOT_NAMES and not any(w in _CUES or w in PARTICLES for w in lowered):
        return None  # "Constructive Dialogue", "Afghan Opiate Trade Programme"
    tokens = _tokens(text, start, end)
    if len(tokens) > 1 and text[end : end + 1] == "." and _is_honorific(tokens[-1][0]):
        tokens.pop()  # "… Operations Mr. Aldo Lale-Demoz": the honorific leads the next name
    role = role_start = None
    evidence = ""
    strong = False
    # A title inside the run: the first cue followed by a name ("UNODC Deputy Executive
    # Director Ana Rojas", "Police Lieutenant General …", "Mme Gbialy", "Comisionado Mayor
    # Manuel García Secretario Ejecutivo").
    cue = after = None
    if not titled:
        for i in range(len(tokens) - 1):
            if _is_cue(tokens[i][0]) and not _is_cue(tokens[i + 1][0]):
                name_tokens, after = _name_end(tokens[i + 1 :], lexicon)
                if name_tokens:
                    cue = i
                    break
    if cue is not None:
        head = tokens[cue][0].rstrip(".").lower()
        strong = head in PERSONAL_TITLES or head.rsplit("-", 1)[-1] in PERSONAL_TITLES
        evidence = "title"
        chain = [(t, s) for t, s in tokens[: cue + 1] if not _is_honorific(t)]
        while chain and chain[0][0].lower() in _FUNCTION_WORDS:
            chain.pop(0)
        if chain:
            role_start = chain[0][1]
            if role_start == start:
                subject_of = _role_of_before(text, start)
                role_start = subject_of if subject_of is not None else _acronym_before(text, start)
            role = text[role_start : chain[-1][1] + len(chain[-1][0])]
    elif led:
        # "Mr. De La Torre": after an honorific the name starts at once, particles and all
        evidence, strong = "honorific", True
        name_tokens, after = _name_end(tokens, lexicon)
    else:
        name_tokens = _strip_leading(text, start, tokens, lexicon)
        if name_tokens and len(name_tokens) < len(tokens):
            subject_of = _role_of_before(text, start)
            if subject_of is not None:
                evidence = "role of"
                role_start = subject_of
                role = text[role_start : name_tokens[0][1]].strip()
        name_tokens, after = _name_end(name_tokens, lexicon)
    if not name_tokens:
        return None
    first_token, name_start = name_tokens[0]
    last_token, last_start = name_tokens[-1]
    name_end = last_start + len(last_token)
    words = [t for t, _ in name_tokens if t not in PARTICLES]
    if not words or words[-1].endswith(".") or first_token in PARTICLES:
        return None
    if not evidence and (first_token.lower() in _CUES or first_token.lower() in _LEADING):
        return None
    single = len(words) == 1
    if not single and lexicon is not None and lexicon.gazetteer.is_place(text[name_start:name_end]):
        return None  # "Costa Rica" is no person, whatever is said around it
    if not evidence:
        evidence, strong, role, role_start = _evidence_around(
            text, name_start, name_end, single, after, persons
        )
    if not evidence or (single and (not strong or _is_country(words[0], lexicon))):
        return None
    name = text[name_start:name_end]
    if not single and _in_vocabulary(name, lexicon):
        return None
    return Person(
        name, name_start, name_end, *_role(text, name_start, name_end, role, role_start, persons)
    )


def _strip_leading(
    text: str, start: int, tokens: list[tuple[str, int]], lexicon: Lexicon | None
) -> list[tuple[str, int]]:
    """The run without the words that open it and are no part of a name: "The", "On
    Monday", "Foreign Affairs" (after "Minister of"), a sentence-opening verb
    ("Intervinieron"), a country ("Turkmenistan Hideki Hosaka")."""
    at_sentence = start == 0 or text[max(0, start - 2) : start].strip() in _SENTENCE_MARKS
    name_tokens = tokens
    while name_tokens:
        lower = name_tokens[0][0].lower()
        longer = len(name_tokens) > 2
        if not (
            lower in _LEADING
            or (longer and lower in _TIME)
            or (
                longer
                and at_sentence
                and name_tokens is tokens
                and (_VERB_FORM.search(lower) or lower in _IRREGULAR_VERBS)
            )
            or (longer and _is_country(name_tokens[0][0], lexicon))
        ):
            break
        name_tokens = name_tokens[1:]
    return name_tokens


def _name_end(
    tokens: list[tuple[str, int]], lexicon: Lexicon | None
) -> tuple[list[tuple[str, int]], bool]:
    """Where the name in a run ends ("Ana Rojas de la Policía Nacional", "Manuel García
    Secretario Ejecutivo", "Mary Mugwanja de Kenia"; no name in "Ghada Waly Foundation"), and
    whether the body that follows it in the run says whose it is (evidence of a person)."""
    for i, (token, _) in enumerate(tokens):
        if token in PARTICLES:
            tail = " ".join(t for t, _ in tokens[i + 1 :])
            if i >= 2 and tail and _is_country(tail, lexicon, primary=False):
                return tokens[:i], False
            continue
        if not _not_name(token):
            continue
        j = i
        while j > 0 and tokens[j - 1][0] in PARTICLES:
            j -= 1
        if sum(t not in PARTICLES for t, _ in tokens[:j]) < 2:
            return [], False
        lower = token.lower()
        if j < i and lower in ORG_HEADS:
            return tokens[:j], True
        if (
            j == i
            and (_is_role(lower) or lower in MODIFIERS)
            and any(_is_role(t) for t, _ in tokens[i:])
        ):
            return tokens[:j], False  # a title, but "Swiss Governmental Expert" is no name
        return [], False
    return tokens, False


def _role(
    text: str,
    start: int,
    end: int,
    role: str | None,
    role_start: int | None,
    persons: list[Person],
) -> tuple[str | None, int | None]:
    """The role stated with a name: in apposition after it ("…, Chief of …"), else the one
    already found before it, else a clause before it and the honorifics that lead it ("Le
    Ministre de la Justice, M. …", "la Directora Ejecutiva de la UNODC, la Señora …")."""
    if text[end : end + 1] == ",":
        after = _ROLE_AFTER.match(text, end)
        if after and _apposition(text, end) and not _NAMES_ANOTHER.search(after["role"]):
            role, role_start = after["role"], after.start("role")
            article = _LEADING_ARTICLE.match(role)
            if article:  # "…, a prosecutor in Quito" holds the title "prosecutor in Quito"
                role, role_start = role[article.end() :], role_start + article.end()
            return role.rstrip(), role_start
    if role is not None:
        return role, role_start
    lead = start
    for word, offset in reversed(_before(text, start, 3)):
        if not (_honorific_before(word) or _is_honorific(word) or word.lower() in _ARTICLES):
            break
        lead = offset
    comma = _comma_before(text, lead)
    clause = _clause_role(text, comma, persons) if comma is not None else None
    return clause or (None, None)


def _key(name: str) -> frozenset[str]:
    """The words of a name, folded, without initials: "J. Cardoso" ⊆ "João Cardoso"."""
    words = fold(name).lower().replace("-", " ").split()
    return frozenset(w for w in words if not (len(w) == 2 and w.endswith(".")))


def _persons(f: _Field, lexicon: Lexicon | None = None) -> list[Person]:
    """Person names in a field, each with the role stated with it (before or after)."""
    text = f.text
    titled = f.name == "headline" and _title_case(text)
    found: list[Person] = []
    alone: list[tuple[int, int]] = []
    led_at = -1  # where a name would start after the last honorific ("Mr. ", "Sra. ")
    for run in _RUN.finditer(text):
        start = run.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in _INSIDE_WORD):
            # "H.E. Mr. Ivica Dacic", "(UNODC). Jorge Rios": the run starts inside a word
            space = run.group().find(" ")
            if space < 0 or not (run := _RUN.match(text, start + space + 1)):
                continue
            start = run.start()
        word = run.group()
        led = start == led_at
        if " " in word:
            person = _judge(text, start, run.end(), lexicon, titled, found, led)
            if person is not None:
                found.append(person)
        elif word in _HONORIFIC_ABBREVIATIONS:
            led_at = run.end() + (text[run.end() : run.end() + 1] == ".")
            while led_at < len(text) and text[led_at] in " \t":
                led_at += 1
        elif word.lower() not in _NO_NAME_HERE:
            # A word alone is a person after an honorific ("Mr. Fedotov"); before "said"
            # only when the field names the same person in full ("Arguijo agradeció").
            if led:
                if not _not_name(word) and not _is_country(word, lexicon):
                    role = _role(text, start, run.end(), None, None, found)
                    found.append(Person(word, start, run.end(), *role))
            else:
                alone.append((start, run.end()))
    if alone and found:
        surnames = {w for p in found for w in _key(p.name)}
        for start, end in alone:
            word = text[start:end]
            if fold(word).lower() in surnames and _SAY_AFTER.match(text, end):
                found.append(Person(word, start, end, None, None))
    return [_own_role(p, found) for p in found]


def _own_role(person: Person, persons: list[Person]) -> Person:
    """A role cut where another person's name starts: in "…, Deputy Head of the Embassy of
    Japan Hideki Hosaka spoke" the title ends before the next person."""
    if person.role is None:
        return person
    end = person.role_start + len(person.role)
    cut = min(
        (p.start for p in persons if person.role_start < p.start < end and p is not person),
        default=None,
    )
    if cut is None:
        return person
    role = person.role[: cut - person.role_start].rstrip(" ,;")
    return person._replace(role=role) if role else person._replace(role=None, role_start=None)


def _add_persons(fields: list[_Field]) -> None:
    """One person per name in an entry: "Dr. Islas" in the text is the headline's
    "Dr. Laura Diorella Islas Limiñana"; a role stated anywhere is the person's."""
    found = [(f, *p) for f in fields for p in f.persons]
    by_name: dict[str, Entity] = {}
    keys: dict[str, frozenset[str]] = {}

    def full_name(name: str) -> str:
        key = _key(name)
        return next((n for n, k in keys.items() if key <= k), name)

    for f, name, _start, _end, role, role_start in sorted(found, key=lambda p: -len(p[1])):
        full = full_name(name)
        keys.setdefault(full, _key(full))
        affiliation = None
        if role:
            window_end = role_start + len(role)
            inside = [
                m.entity
                for m in f.mentions
                if m.entity.kind == "organization" and role_start <= m.start < window_end
            ]
            affiliation = inside[-1] if inside else None
        known = by_name.get(full)
        if known is None or (role and not known.job_title):
            by_name[full] = Entity(
                "person", slug(full), full, linked=False, job_title=role, affiliation=affiliation
            )
    for f, name, start, end, _, _ in found:
        f.add(by_name[full_name(name)], start, end)
