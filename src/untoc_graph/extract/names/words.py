"""The words around people's names, in English, French and Spanish: honorifics, titles and
roles, particles, cues of speech, and the words a name never holds."""

from __future__ import annotations

import re

from nameparser.config import CONSTANTS

#: A capitalised word or acronym.
_CAP = r"[A-ZÀ-Þ][\w’'\-]*"


def _letters(test) -> str:
    ranges = (range(0x41, 0x250), range(0x1E00, 0x1F00))
    return "".join(chr(c) for r in ranges for c in r if test(chr(c)))


_UP = f"[{_letters(str.isupper)}]"


_LOW = f"[{_letters(str.islower)}]"


# A word of a name ("Lale-Demoz", "McNally", "O'Brien", "Yeşilkaya") or an initial ("J.").
# It starts with a capital letter so that the pattern is searched fast; a match that starts
# inside a word ("d'Ivoire") is dropped by :func:`find_persons`.
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
