"""Places, countries, instruments named in text, participant figures and event dates, in
English, French and Spanish: what each rule finds, and what it must not find."""

from datetime import date

import pytest

from untoc_graph.extract import extract
from untoc_graph.sources import Entry


def entry(text, title=None, place="", day=""):
    """An entry as the listing reader gives it: ``text`` starts with its dateline, if any."""
    return Entry(
        id="e",
        source="test",
        line=1,
        title=title,
        dateline_place=place,
        dateline_date=day,
        text=text,
    )


def read(lexicon, text, **fields):
    return extract(entry(text, **fields), lexicon)


def countries(x):
    return {m.entity.country_code for m in x.mentions if m.entity.kind == "country"}


def cities(x):
    return {m.entity.name for m in x.mentions if m.entity.kind == "city"}


def instruments(x):
    return {m.entity.notation for m in x.mentions if m.entity.kind == "instrument"}


# --- countries ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # French names after an elided article, and the span is the name alone
        ("L'atelier a réuni des juges de l'Algérie, d'Italie et d’Égypte.", {"DZ", "IT", "EG"}),
        ("Le Royaume du Maroc et la Côte d’Ivoire ont signé.", {"MA", "CI"}),
        # Spanish names written with their article
        ("Asistieron la República Dominicana, el Perú y los Estados Unidos.", {"DO", "PE", "US"}),
        # demonyms, feminine and plural
        ("Les autorités marocaines et des magistrates ivoiriennes y ont pris part.", {"MA", "CI"}),
        ("Participaron fiscales peruanas y jueces colombianos.", {"PE", "CO"}),
        ("Kenyan and Tanzanian officers met Bissau-Guinean police.", {"KE", "TZ", "GW"}),
        # UN short forms and abbreviations
        ("Delegates came from Lao PDR, the Kyrgyz Republic and Viet Nam.", {"LA", "KG", "VN"}),
        ("Lao officials met liaison officers posted in the U.A.E.", {"LA", "AE"}),
        ("The departure of US forces was discussed.", {"US"}),
        ("Kirghizistan et RD Congo ; Kirguizistán y EE.UU.", {"KG", "CD", "US"}),
    ],
)
def test_countries_in_three_languages(lexicon, text, expected):
    assert countries(read(lexicon, text)) == expected


def test_an_elided_article_is_not_part_of_the_mention(lexicon):
    x = read(lexicon, "Des experts de l'Italie sont venus.")
    (mention,) = [m for m in x.mentions if m.entity.kind == "country"]
    assert mention.exact == "Italie"


@pytest.mark.parametrize(
    "text",
    [
        # languages, not countries
        "The guide is available in English, French and Spanish.",
        "Le guide existe en français et en espagnol.",
        "La guía está disponible en español.",
        "Its French version was released.",
        # regions that hold a country's name
        "Officials from other Latin American countries joined.",
        "Piracy in the Western Indian Ocean and the Gulf of Guinea is falling.",
        "The Lake Chad Basin and the Niger Delta are affected.",
        "Les pays du golfe de Guinée se sont réunis.",
        # a currency
        "Ransoms reached US$170 million.",
        # a common word that is also a country's name
        "Reunión regional de expertos sobre armas de fuego.",
        # a person's name
        "Intervino el Sr. Mauricio Zapata.",
    ],
)
def test_what_is_not_a_country(lexicon, text):
    assert countries(read(lexicon, text)) == set()


def test_a_demonym_before_a_title_is_a_country(lexicon):
    text = "H.E. Axel Dittmann, German Ambassador, and the French police attended."
    assert countries(read(lexicon, text)) == {"DE", "FR"}


def test_an_island_that_is_also_a_word_needs_its_island(lexicon):
    assert countries(read(lexicon, "Une mission s'est rendue sur l'île de la Réunion.")) == {"RE"}


# --- cities ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Para ello, los fiscales de Brasil revisaron los casos.",  # "Para" is not Belém
        "In March the United States and Japan met. See all news.",  # months, common words
        "Louise Taylor of the United States Mission spoke.",  # a surname
        "Intervinieron Mercedes Ceballos y Martín Tamayo, de Estados Unidos y Argentina.",
        "Los procuradores de la República del Brasil participaron.",  # a noun after an article
        "The Ministry of Justice of the United States hosted it.",  # a word of a body's name
    ],
)
def test_what_is_not_a_city(lexicon, text):
    assert cities(read(lexicon, text)) == set()


def test_a_surname_is_no_city_anywhere_in_the_text(lexicon):
    text = "Judges Giovanni Falcone and Paolo Borsellino of Italy were killed. Falcone's work."
    assert cities(read(lexicon, text)) == set()


def test_a_big_city_is_not_a_village_of_a_country_named(lexicon):
    x = read(lexicon, "An official of the United States spoke in Vienna.")
    assert {
        (m.entity.name, m.entity.country_code) for m in x.mentions if m.entity.kind == "city"
    } == {("Vienna", "AT")}


# --- instruments -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "La Tunisie est partie à ses Protocoles relatifs à la traite des personnes et au "
            "trafic illicite de migrants.",
            {"TIP", "SOM"},
        ),
        ("Le Niger a ratifié le Protocole relatif aux armes à feu.", {"FIREARMS"}),
        ("Colombia adherirá al Protocolo contra el tráfico ilícito de migrantes.", {"SOM"}),
        ("Colombia adherirá al Protocolo contra el Tráfico de Migrantes por tierra.", {"SOM"}),
        ("Se recordó el Protocolo de Palermo sobre la trata de personas.", {"TIP"}),
        ("Bolivia aplica el Protocolo sobre Armas de Fuego.", {"FIREARMS"}),
        (
            "The review covers its Protocols on human trafficking, migrant smuggling and firearms.",
            {"TIP", "SOM", "FIREARMS"},
        ),
        (
            "States signed two protocols, one to prevent, suppress and punish trafficking in "
            "persons, and the other against the smuggling of migrants by land, sea and air.",
            {"TIP", "SOM"},
        ),
        ("NGOs promote the Palermo Protocols.", {"TIP", "SOM", "FIREARMS"}),
        ("The Palermo Protocol defines exploitation.", {"TIP"}),
        (
            "The United Nations Convention on Transnational Organized Crime was adopted.",
            {"UNTOC"},
        ),
        (
            "México aplica la Convención de las Naciones Unidas contra el Crimen Organizado "
            "Transnacional.",
            {"UNTOC"},
        ),
        # named none: a description, another agreement, a crime
        ("The Organized Crime Convention and its three Protocols were discussed.", {"UNTOC"}),
        ("The Protocols thereto were discussed.", set()),
        ("Ecuador signed a protocol against human trafficking with Peru.", set()),
        ("They adopted a protocol on the referral of trafficking in persons victims.", set()),
        ("Human trafficking and migrant smuggling were discussed.", set()),
    ],
)
def test_instruments_by_name_and_by_subject(lexicon, text, expected):
    assert instruments(read(lexicon, text)) == expected


# --- participant figures -----------------------------------------------------------------------


def figures(lexicon, text):
    x = read(lexicon, "Vienna, 6 June 2024 - " + text, place="Vienna", day="6 June 2024")
    return {(f.count, f.unit, f.qualifier) for f in x.event.figures} if x.event else set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Forty-two participants attended the workshop.", {(42, "participants", None)}),
        ("Veinticinco fiscales asistieron al taller.", {(25, "fiscales", None)}),
        ("Une quarantaine de magistrats ont suivi la formation.", {(40, "magistrats", "about")}),
        ("Una veintena de funcionarios participó en el taller.", {(20, "funcionarios", "about")}),
        ("Some 1,500 delegates attended the conference.", {(1500, "delegates", "some")}),
        (
            "Más de 1.500 participantes asistieron al taller.",
            {(1500, "participantes", "more than")},
        ),
        (
            "Plus de 1 700 participants ont assisté à la conférence.",
            {(1700, "participants", "more than")},
        ),
        (
            "The workshop trained twenty-two diplomatic and consular officials.",
            {(22, "diplomatic and consular officials", None)},
        ),
        ("The training gathered 19 male and 4 female officers.", {(23, "officers", None)}),
        (
            "The meeting drew over 270 participants from 95 countries.",
            {(270, "participants", "over"), (95, "countries", None)},
        ),
    ],
)
def test_participant_figures(lexicon, text, expected):
    assert figures(lexicon, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The workshop drew on data from 130 countries.",  # what a figure covers
        "The meeting recalled that UNODC has trained over 3,000 officers since 2015.",
        "The meeting noted that the Convention counts 190 States parties.",
        "Le séminaire a rappelé que l'ONUDC forme 500 policiers chaque année.",
        "El taller recordó que desde 2018 se formaron 900 fiscales.",
        "The training ran until 4 November 2022 for criminal justice officials.",  # a year
        "One of the participants opened the workshop.",
    ],
)
def test_what_is_not_a_participant_figure(lexicon, text):
    assert figures(lexicon, text) == set()


# --- event dates -----------------------------------------------------------------------------


def dates(lexicon, text, place="", day="", title=None):
    x = read(lexicon, text, place=place, day=day, title=title)
    if x.event is None or x.event.start is None:
        return None
    return x.event.start.isoformat(), x.event.end.isoformat()


@pytest.mark.parametrize(
    ("dateline", "sentence", "expected"),
    [
        ("20 June 2023", "UNODC held a workshop from 12 to 14 June.", ("2023-06-12", "2023-06-14")),
        (
            "20 novembre 2022",
            "L'ONUDC a organisé un atelier du 14 au 16 novembre.",
            ("2022-11-14", "2022-11-16"),
        ),
        (
            "20 de junio de 2023",
            "UNODC organizó un taller del 12 al 14 de junio.",
            ("2023-06-12", "2023-06-14"),
        ),
        ("10 May 2024", "Experts met on 3 and 4 May.", ("2024-05-03", "2024-05-04")),
        ("15 June 2021", "The course ran June 10-12, 2021.", ("2021-06-10", "2021-06-12")),
        (
            "5 September 2017",
            "The conference ran from 30 August to 1 September 2017.",
            ("2017-08-30", "2017-09-01"),
        ),
        (
            "4 de octubre de 2021",
            "El foro se celebró entre el 28 de septiembre y el 1 de octubre.",
            ("2021-09-28", "2021-10-01"),
        ),
        (
            "18 octobre 2019",
            "Le lundi 14 octobre, les experts ont visité le port.",
            ("2019-10-14", "2019-10-14"),
        ),
        # a date in the past, not the event's, then the event "today"
        (
            "20 February 2023",
            "Bhutan today acceded to the Convention, adopted on 15 November 2000.",
            ("2023-02-20", "2023-02-20"),
        ),
        ("18 octobre 2019", "L'ONUDC lance ce jour un projet.", ("2019-10-18", "2019-10-18")),
        ("3 marzo 2023", "UNODC presenta hoy un estudio.", ("2023-03-03", "2023-03-03")),
        # a stated length: "hier" and "de deux jours", "ended today" and "three-day"
        (
            "13 décembre 2013",
            "Les services se sont retrouvés hier pour une conférence de deux jours.",
            ("2013-12-12", "2013-12-13"),
        ),
        (
            "1 October 2015",
            "An advanced three-day course ended today.",
            ("2015-09-29", "2015-10-01"),
        ),
        (
            "4 December 2018",
            "On 27 November 2018, UNODC brought partners together. The two-day exchange ended.",
            ("2018-11-27", "2018-11-28"),
        ),
        # two parts of one event in one sentence
        (
            "5 octobre 2015",
            "L'ONUDC a organisé deux formations, à Bamako du 14 au 18 septembre 2015 puis à "
            "Niamey du 28 septembre au 2 octobre 2015.",
            ("2015-09-14", "2015-10-02"),
        ),
    ],
)
def test_event_dates_stated_in_the_text(lexicon, dateline, sentence, expected):
    text = f"{dateline} – {sentence}"
    assert dates(lexicon, text, day=dateline) == expected


@pytest.mark.parametrize(
    ("dateline", "sentence"),
    [
        # the dateline is not the event's date unless the text says so
        ("6 June 2024", "UNODC published its annual report."),
        # a treaty's entry into force still to come, a deadline
        ("4 November 2003", "The Convention will enter into force on 29 September 2003."),
        ("4 de noviembre de 2003", "El Protocolo entrará en vigor el 28 de enero de 2004."),
        ("2 May 2024", "States are invited to send comments by 30 June."),
        # "to date", "nowadays": no day
        ("12 mai 2024", "À ce jour, 190 États sont parties à la Convention."),
        ("12 de mayo de 2024", "Hoy en día la trata de personas afecta a todos los países."),
        # the dates of the larger event a side event is part of
        (
            "19 de mayo de 2021",
            "UNODC organizó un evento paralelo en el marco de la CCPCJ, que se celebra del 17 "
            "al 21 de mayo en Viena.",
        ),
    ],
)
def test_dates_that_are_not_the_event(lexicon, dateline, sentence):
    assert dates(lexicon, f"{dateline} – {sentence}", day=dateline) is None


def test_a_dateline_range_is_the_event(lexicon):
    text = "Niamey, Niger, 16 to 18 April 2018 – UNODC held a workshop. The Bamako session was on 17 April."
    x = read(lexicon, text, place="Niamey, Niger", day="18 April 2018")
    assert (x.published, x.event.start, x.event.end) == (
        date(2018, 4, 18),
        date(2018, 4, 16),
        date(2018, 4, 18),
    )


def test_a_date_in_the_title_line_is_the_event(lexicon):
    title = "Regional webinar on firearms | 3-5 May 2022 | ONLINE"
    assert dates(lexicon, "UNODC runs a webinar for experts.", title=title) == (
        "2022-05-03",
        "2022-05-05",
    )


# --- where the event took place ------------------------------------------------------------------


def location(lexicon, text, place="", day="", title=None):
    x = read(lexicon, text, place=place, day=day, title=title)
    return x.event.location.name if x.event and x.event.location else None


def test_an_online_event_has_no_city(lexicon):
    text = "Vienna, 6 June 2024 – UNODC held an online workshop on 5 June."
    assert location(lexicon, text, place="Vienna", day="6 June 2024") is None
    text = "Lima, 22 de julio de 2021 – UNODC organizó el taller virtual del 20 de julio."
    assert location(lexicon, text, place="Lima", day="22 de julio de 2021") is None


def test_a_hybrid_event_keeps_its_city(lexicon):
    text = "Vienna, 6 June 2024 – UNODC held a hybrid meeting on 5 June, also online."
    assert location(lexicon, text, place="Vienna", day="6 June 2024") == "Vienna"


def test_a_venue_stated_in_the_text_beats_the_dateline(lexicon):
    text = (
        "Skopje, 3 May 2023 – Officers of North Macedonia met in Ohrid on 2 May with the "
        "Skopje Police Academy."
    )
    assert location(lexicon, text, place="Skopje", day="3 May 2023") == "Ohrid"


def test_where_a_body_sits_is_not_the_venue(lexicon):
    text = (
        "Doha, 13 de abril de 2015 – UNODC organizó un evento paralelo el 13 de abril. "
        "Asistió el jefe de la sección de UNODC en Viena."
    )
    assert location(lexicon, text, place="Doha", day="13 de abril de 2015") == "Doha"


def test_a_venue_named_after_its_city(lexicon):
    text = "Media may attend the launch on 10 July 2020 at the Vienna International Centre."
    assert location(lexicon, text) == "Vienna"
