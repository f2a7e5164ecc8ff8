from datetime import date

import pytest

from untoc_graph.extract import extract
from untoc_graph.sources import read_listing


def one(listing, lexicon, text):
    (entry,) = read_listing(listing(text + "\n"), lexicon.gazetteer.is_place)
    return extract(entry, lexicon)


def keys(x, kind):
    return [e.key for e in x.entities(kind)]


def names(x, kind):
    return [e.name for e in x.entities(kind)]


@pytest.mark.parametrize(
    ("text", "published", "places"),
    [
        ("Vienna (Austria), 1 November 2021 – UNODC met.", date(2021, 11, 1), ["2761369"]),
        (
            "Pacific Harbour, 16 July 2024 – Experts met.",
            date(2024, 7, 16),
            ["https://w3id.org/untoc-graph/id/place/pacific-harbour"],
        ),
        ("14 March 2024, Bogota (Colombia) - UNODC met.", date(2024, 3, 14), ["3688689"]),
        (
            "Vienna/Abidjan, 10 November 2023 - UNODC met.",
            date(2023, 11, 10),
            ["2761369", "2293538"],
        ),
        ("31 May 2024, Samarkand (Uzbekistan) - UNODC met.", date(2024, 5, 31), ["1216265"]),
        ("Vienne, 8 novembre 2024. L'ONUDC a tenu une réunion.", date(2024, 11, 8), ["2761369"]),
        (
            "Bogotá, 14 de marzo de 2024. La UNODC celebró un taller.",
            date(2024, 3, 14),
            ["3688689"],
        ),
        ("16 November 2023, Male (Maldives) - UNODC met.", date(2023, 11, 16), ["1282027"]),
    ],
)
def test_dateline_date_and_places(listing, lexicon, text, published, places):
    x = one(listing, lexicon, text)
    assert x.published == published
    assert [p.key for p in x.dateline_places] == places
    assert not x.warnings


def test_language_follows_the_dateline(listing, lexicon):
    assert one(listing, lexicon, "Vienne, 8 novembre 2024. Texte.").language == "fr"
    assert one(listing, lexicon, "Bogotá, 14 de marzo de 2024. Texto.").language == "es"


@pytest.mark.parametrize(
    ("dateline", "sentence", "start", "end"),
    [
        ("Vienna, 6 June 2024", "On 22-24 May, UNODC held a workshop.", "2024-05-22", "2024-05-24"),
        (
            "Cuenca, 9 February 2023",
            "A workshop took place from 7 until 9 February.",
            "2023-02-07",
            "2023-02-09",
        ),
        (
            "Vienna, 25 July 2024",
            "Dialogues took place on 10 and 15 July.",
            "2024-07-10",
            "2024-07-15",
        ),
        ("Bogota, 14 March 2024", "UNODC met on 27-29 February.", "2024-02-27", "2024-02-29"),
        (
            "Vienna, 20 September 2024",
            "The training will be held this October 14-18.",
            "2024-10-14",
            "2024-10-18",
        ),
        (
            "Vienna, 8 January 2025",
            "The meeting on 10 December was a success.",
            "2024-12-10",
            "2024-12-10",
        ),
        (
            "Tashkent, 4 March 2024",
            "On February 14-15, 2024, UNODC convened a meeting.",
            "2024-02-14",
            "2024-02-15",
        ),
        (
            "Vienna, 3 July 2023",
            "held from 12 June until 23 June 2023.",
            "2023-06-12",
            "2023-06-23",
        ),
    ],
)
def test_event_dates_with_years_from_the_dateline(listing, lexicon, dateline, sentence, start, end):
    x = one(listing, lexicon, f"{dateline}. {sentence}")
    assert (x.event.start.isoformat(), x.event.end.isoformat()) == (start, end)


def test_impossible_dateline_date_is_a_warning(listing, lexicon):
    x = one(listing, lexicon, "Vienna, 31 February 2024. UNODC met.")
    assert x.published is None
    assert any("impossible dateline date" in w for w in x.warnings)


@pytest.mark.parametrize(
    "text",
    [
        "Vienna, 1 May 2024. The female officers and male officers met. Read more",
        "Vienna, 1 May 2024. Mobile teams were trained. Nice results followed. Split decisions. Of note is the plan.",
    ],
)
def test_words_that_look_like_places_are_not_places(listing, lexicon, text):
    x = one(listing, lexicon, text)
    assert keys(x, "city") == ["2761369"]  # Vienna only


def test_male_with_its_country_is_the_capital_of_the_maldives(listing, lexicon):
    x = one(
        listing, lexicon, "Vienna, 1 May 2024. UNODC was in Male, the Maldives, to host a meeting."
    )
    assert "1282027" in keys(x, "city")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cartagena, 1 May 2024. Officials from Spain met.", "ES"),
        ("Cartagena, 1 May 2024. Officials from Colombia met.", "CO"),
        ("Cuenca, 9 February 2023. The city of Cuenca, Ecuador hosted it.", "EC"),
        ("Athens (Greece), 19 April 2024. A guide was launched.", "GR"),
        ("Vienna, 1 May 2024. Officials met.", "AT"),
    ],
)
def test_ambiguous_places_resolved_by_context(listing, lexicon, text, expected):
    x = one(listing, lexicon, text)
    assert x.dateline_places[0].country_code == expected


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("the Iraqi Ministry of Interior", "IQ"),
        ("a Swiss Governmental Expert", "CH"),
        ("the Norwegian Development Cooperation Agency", "NO"),
        ("the Federal Republic of Germany", "DE"),
        ("the United Kingdom", "GB"),
        ("la République fédérale d'Allemagne", "DE"),
        ("les autorités ivoiriennes", "CI"),
        ("el Gobierno de México", "MX"),
        ("Côte d’Ivoire", "CI"),
    ],
)
def test_countries_by_name_demonym_and_long_form(listing, lexicon, phrase, code):
    x = one(listing, lexicon, f"Vienna, 1 May 2024. Support came from {phrase} this year.")
    assert code in keys(x, "country")


def test_regions_are_places_not_countries(listing, lexicon):
    x = one(
        listing,
        lexicon,
        "Vienna, 1 May 2024. Experts from West and Central Africa, the Pacific and South-Eastern Europe met.",
    )
    assert keys(x, "country") == []
    assert len(x.entities("region")) == 3


@pytest.mark.parametrize(
    ("phrase", "notation"),
    [
        ("the Palermo Convention", "UNTOC"),
        ("the Organized Crime Convention", "UNTOC"),
        (
            "the Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children",
            "TIP",
        ),
        ("the Firearms Protocol", "FIREARMS"),
        ("the Smuggling of Migrants Protocol", "SOM"),
        ("le Protocole relatif aux armes à feu", "FIREARMS"),
        ("la Convención de Palermo", "UNTOC"),
    ],
)
def test_instruments_under_their_names(listing, lexicon, phrase, notation):
    x = one(listing, lexicon, f"Vienna, 1 May 2024. States discussed {phrase} today.")
    assert [e.notation for e in x.entities("instrument")] == [notation]


def test_a_crime_topic_is_not_a_protocol(listing, lexicon):
    x = one(
        listing,
        lexicon,
        "Vienna, 1 May 2024. Human trafficking and migrant smuggling were discussed.",
    )
    assert x.entities("instrument") == []
    assert {e.key.rsplit("/", 1)[-1] for e in x.entities("topic")} >= {
        "trafficking-in-persons",
        "migrant-smuggling",
    }


def test_convention_article_is_part_of_the_convention(listing, lexicon):
    x = one(
        listing,
        lexicon,
        "Vienna, 1 May 2024. The implementation of Article 27 of the Convention was discussed.",
    )
    (article,) = x.entities("article")
    assert article.name == "Article 27" and article.part_of.endswith("instrument/UNTOC")


def test_person_with_role_and_affiliation(listing, lexicon):
    x = one(
        listing,
        lexicon,
        "Vienna, 1 March 2024. “Words,” noted Mr. John Brandolino, Director of UNODC’s Division for Treaty Affairs, during the briefing.",
    )
    (person,) = x.entities("person")
    assert person.name == "John Brandolino"
    assert person.job_title == "Director of UNODC’s Division for Treaty Affairs"
    assert person.affiliation.name == "Division for Treaty Affairs"


def test_unknown_organisations_are_kept_unlinked(listing, lexicon):
    x = one(
        listing,
        lexicon,
        "Vienna, 1 May 2024. The Ministry of Justice of Kenya and the Kenya Prisons Foundation met.",
    )
    unknown = {e.name: e.linked for e in x.entities("organization")}
    assert unknown == {"Ministry of Justice of Kenya": False, "Kenya Prisons Foundation": False}


def test_participant_figures_are_numbers(listing, lexicon):
    x = one(
        listing,
        lexicon,
        "Vienna, 6 June 2024. The training week registered over 270 participants from 95 countries.",
    )
    figures = {(f.count, f.unit, f.qualifier) for f in x.event.figures}
    assert figures == {(270, "participants", "over"), (95, "countries", None)}


def test_event_type_prefers_the_most_specific(listing, lexicon):
    x = one(
        listing, lexicon, "Vienna, 1 May 2024. At the meeting, a side event on firearms took place."
    )
    assert x.event.type.key.endswith("event-type/side-event")


def test_evidence_spans_quote_the_text(listing, lexicon):
    x = one(
        listing,
        lexicon,
        "Baghdad, 2 July 2024 - A workshop was organized by the Iraqi Ministry of Interior and UNODC.",
    )
    for mention in x.mentions:
        source = x.entry.text if mention.field == "text" else x.entry.title
        assert source[mention.start : mention.end] == mention.exact
