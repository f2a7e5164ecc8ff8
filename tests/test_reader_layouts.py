"""The listing reader on every dateline layout, on header and footer lines, and on its
invariant: every character of an entry's lines but the trailer is in its title or its text."""

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from untoc_graph.sources import DATE_RE, MONTH_NUMBER, normalize_space, read_listing

PLACES = {
    "Vienna", "Austria", "Bangkok", "Thailand", "Abidjan", "Ouagadougou", "Lomé", "Togo",
    "Quito", "Lima", "Viena", "Ecuador", "Dakar", "Senegal", "Mexico City", "Mexico", "Geneva",
    "New York", "Pretoria", "Dushanbe", "Tajikistan", "Tashkent", "Uzbekistan", "Cairo", "Egypt",
    "Bogotá", "Colombia", "Ciudad de Panamá", "Panamá", "Sétif", "Mostaganem", "El Oued",
    "Algérie", "Bucharest", "Lahore", "Kyrgyz Republic", "Belgrade", "Serbia", "Nagarkot",
}  # fmt: skip


def known(name: str) -> bool:
    return name in PLACES


def read(listing, text: str):
    return list(read_listing(listing(text), known))


def published(entry) -> str | None:
    """The publication date the extractor reads from an entry (the last day of a range)."""
    if re.fullmatch(r"\d{4}-\d\d-\d\d", entry.dateline_date):
        return entry.dateline_date
    match = DATE_RE.search(entry.dateline_date)
    if match is None:
        return None
    day = int(re.match(r"\d+", match["day2"] or match["day"]).group())
    month = MONTH_NUMBER[match["month"].lower()][0]
    return date(int(match["year"]), month, day).isoformat()


# --- dateline layouts --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "place", "places", "iso", "dateline"),
    [
        ("Vienna, 8 January 2025. Text.", "Vienna", ["Vienna"], "2025-01-08", "Vienna, 8 January 2025"),
        ("Dushanbe, Tajikistan – 24 September 2024 – Text.", "Dushanbe, Tajikistan",
         ["Dushanbe", "Tajikistan"], "2024-09-24", "Dushanbe, Tajikistan – 24 September 2024"),
        ("Tashkent, Uzbekistan 3 May 2023 - Text.", "Tashkent, Uzbekistan",
         ["Tashkent", "Uzbekistan"], "2023-05-03", "Tashkent, Uzbekistan 3 May 2023"),
        ("June 3, 2020 - Text.", "", [], "2020-06-03", "June 3, 2020"),
        ("Junio 3, 2020 - Texto.", "", [], "2020-06-03", "Junio 3, 2020"),
        ("Bucharest, December 4th, 2012 - Text.", "Bucharest", ["Bucharest"], "2012-12-04",
         "Bucharest, December 4th, 2012"),
        ("Vienna, Austria, June 10, 2021 – Text.", "Vienna, Austria", ["Vienna", "Austria"],
         "2021-06-10", "Vienna, Austria, June 10, 2021"),
        ("Lima, Ecuador, 12 to 14 June 2023 - Text.", "Lima, Ecuador", ["Lima", "Ecuador"],
         "2023-06-14", "Lima, Ecuador, 12 to 14 June 2023"),
        ("Mexico City, Mexico, 30 August to 1 September 2017 - Text.", "Mexico City, Mexico",
         ["Mexico City", "Mexico"], "2017-09-01", "Mexico City, Mexico, 30 August to 1 September 2017"),
        ("9-12 October 2023, Bangkok, Thailand: Text.", "Bangkok, Thailand", ["Bangkok", "Thailand"],
         "2023-10-12", "9-12 October 2023"),
        ("Du 14 au 16 novembre 2022, Lomé (Togo) : Texte.", "Lomé (Togo)", ["Lomé", "Togo"],
         "2022-11-16", "Du 14 au 16 novembre 2022"),
        ("Del 12 al 14 de junio de 2023, Quito, Ecuador: Texto.", "Quito, Ecuador",
         ["Quito", "Ecuador"], "2023-06-14", "Del 12 al 14 de junio de 2023"),
        ("Dakar, le 5 juin 2023 – Texte.", "Dakar", ["Dakar"], "2023-06-05", "Dakar, le 5 juin 2023"),
        ("25th February 2014 - Cairo, Egypt - Text.", "Cairo, Egypt", ["Cairo", "Egypt"],
         "2014-02-25", "25th February 2014"),
        ("22 March 2022 - Text.", "", [], "2022-03-22", "22 March 2022"),
        ("March 2021 - Text.", "", [], None, "March 2021"),
        ("GENEVA, 12 March (UN Information Service) - Text.", "Geneva", ["GENEVA"], None,
         "GENEVA, 12 March"),
        ("Lahore, 24 April – Text.", "Lahore", ["Lahore"], None, "Lahore, 24 April"),
        ("Pretoria - On 15-16 November, experts met.", "Pretoria", ["Pretoria"], None, "Pretoria"),
        ("Vienna/Abidjan, 10 November 2023 - Text.", "Vienna/Abidjan", ["Vienna", "Abidjan"],
         "2023-11-10", "Vienna/Abidjan, 10 November 2023"),
        ("Quito, Lima, Viena, 19 de mayo de 2021 – Texto.", "Quito/Lima/Viena",
         ["Quito", "Lima", "Viena"], "2021-05-19", "Quito, Lima, Viena, 19 de mayo de 2021"),
        ("Sétif, Mostaganem et El Oued, Algérie – 24 mai 2021 – Texte.",
         "Sétif/Mostaganem/El Oued, Algérie", ["Sétif", "Mostaganem", "El Oued", "Algérie"],
         "2021-05-24", "Sétif, Mostaganem et El Oued, Algérie – 24 mai 2021"),
        ("VIENNA/NEW YORK 6 June (UN Information Service) - Text.", "Vienna/New York",
         ["VIENNA", "NEW YORK"], None, "VIENNA/NEW YORK 6 June"),
        ("Nagarkot, Nepal/31 October 2025: Text.", "Nagarkot, Nepal", ["Nagarkot", "Nepal"], "2025-10-31",
         "Nagarkot, Nepal/31 October 2025"),
        ("Kyrgyz Republic – 7 June 2017 – Text.", "Kyrgyz Republic", ["Kyrgyz Republic"],
         "2017-06-07", "Kyrgyz Republic – 7 June 2017"),
        ("28 July 2022, Islamabad – UNODC held a workshop.", "Islamabad", ["Islamabad"],
         "2022-07-28", "28 July 2022"),
        ("Ciudad de Panamá, del 4 al 5 de febrero de 2014 – Texto.", "Ciudad de Panamá",
         ["Ciudad de Panamá"], "2014-02-05", "Ciudad de Panamá, del 4 al 5 de febrero de 2014"),
        ("Vienna, 19 November 2024.Commemorating the day.", "Vienna", ["Vienna"], "2024-11-19",
         "Vienna, 19 November 2024"),
        ("Vienna, Monday 8 January 2025 - Text.", "Vienna", ["Vienna"], "2025-01-08",
         "Vienna, Monday 8 January 2025"),
        ("Santo Domingo, 30 de noviembre de 2021 – Texto.", "Santo Domingo", ["Santo Domingo"],
         "2021-11-30", "Santo Domingo, 30 de noviembre de 2021"),
        ("Bogotá D.C., 2 de agosto de 2019. Texto.", "Bogotá", ["Bogotá D.C."], "2019-08-02",
         "Bogotá D.C., 2 de agosto de 2019"),
    ],
)  # fmt: skip
def test_dateline_layouts_after_a_title(listing, body, place, places, iso, dateline):
    (entry,) = read(listing, f"A title\n{body}\n")
    assert (entry.title, entry.text) == ("A title", body)
    assert entry.dateline_place == place
    assert list(entry.dateline_places) == places
    assert published(entry) == iso
    assert entry.dateline == dateline
    assert bool(entry.notes) == (iso is None)


@pytest.mark.parametrize(
    ("line", "title", "place", "iso"),
    [
        ("Experts meet on firearms Dakar, Senegal, 25-27 February 2014 - Text.",
         "Experts meet on firearms", "Dakar, Senegal", "2014-02-27"),
        ("Data collection in Mali Abidjan/Ouagadougou, 6-10 May 2019 - Text.",
         "Data collection in Mali", "Abidjan/Ouagadougou", "2019-05-10"),
        ("What role for labour inspectors? Bangkok, Thailand, 7 March 2018 - Text.",
         "What role for labour inspectors?", "Bangkok, Thailand", "2018-03-07"),
        ("Une première pour la police Dakar, Senegal – 31 janvier 2019 – Texte.",
         "Une première pour la police", "Dakar, Senegal", "2019-01-31"),
        ("Campaign presented to attorneys general 24 September 2011 - Text.",
         "Campaign presented to attorneys general", "", "2011-09-24"),
        ("Cooperation in Mexico and Central America 3 de noviembre de 2009 - Texto.",
         "Cooperation in Mexico and Central America", "", "2009-11-03"),
        ("Strategy discussed 12-13 July 2023, Belgrade, Serbia. Text.", "Strategy discussed",
         "Belgrade, Serbia", "2023-07-13"),
        ("Cybercrime workshop Bangkok (Thailand), 26 March 2018 - Text.", "Cybercrime workshop",
         "Bangkok (Thailand)", "2018-03-26"),
    ],
)  # fmt: skip
def test_a_title_running_into_its_dateline(listing, line, title, place, iso):
    (entry,) = read(listing, "Vienna, 8 January 2025 - An entry before.\n" + line + "\n")[1:]
    assert (entry.title, entry.dateline_place, published(entry)) == (title, place, iso)
    assert f"{entry.title} {entry.text}" == line


def test_a_date_in_the_title_line_is_the_dateline_when_the_body_has_none(listing):
    (entry,) = read(listing, "Regional webinar | 3-5 May 2022 | ONLINE\nThe webinar met.\n")
    assert entry.title == "Regional webinar | 3-5 May 2022 | ONLINE"
    assert (published(entry), entry.dateline_place, entry.dateline) == ("2022-05-05", "", "")
    (entry,) = read(listing, "Taller | 3-5 de mayo | Lima\nEl taller reunió a expertos.\n")
    assert (published(entry), entry.dateline_place) == (None, "Lima")


def test_the_body_dateline_wins_over_a_date_in_the_title(listing):
    (entry,) = read(listing, "Webinar | 3-5 May 2022\nVienna, 6 May 2022 - The webinar met.\n")
    assert published(entry) == "2022-05-06"


def test_an_entry_made_elsewhere_finds_its_dateline_from_its_date():
    from untoc_graph.sources import Entry

    entry = Entry("id", "feed", 1, "A title", "", "3 Junio 2020", "Junio 3, 2020 - Texto.")
    assert entry.dateline == "Junio 3, 2020"
    entry = Entry("id", "feed", 1, "A title", "Vienna", "8 January 2025", "Vienna, 8 January 2025.")
    assert entry.dateline == "Vienna, 8 January 2025"


# --- entries without a dateline ----------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "UNODC organized a roundtable in Erbil on 15 December 2019 to begin the project.",
        "On 4 September 2020, Bolivia deposited its instrument of accession.",
        "From 5 to 16 March 2018, the UNODC Regional Office held a training.",
        "Officials from three ministries met in Vienna, 5 May 2022 - the first meeting.",
        "Officials met on 5 May 2022 - the first meeting of its kind.",
        "Officials from the Supreme Court met.",
    ],
)
def test_a_title_and_a_body_without_a_dateline_are_one_entry_with_all_their_text(listing, body):
    (entry,) = read(listing, f"Officials trained in Iraq\n{body} Read more\n")
    assert (entry.title, entry.text) == ("Officials trained in Iraq", body)
    assert (entry.dateline_date, entry.dateline_place, entry.dateline) == ("", "", "")
    assert entry.notes == ("no dateline at the start of the text: no publication date",)


def test_a_title_ending_in_a_full_stop_still_heads_its_body(listing):
    (entry,) = read(listing, "UNODC trains judges in Mali.\nVienna, 3 May 2022 - Judges met.\n")
    assert (entry.title, published(entry)) == ("UNODC trains judges in Mali.", "2022-05-03")


def test_a_dateline_on_a_line_of_its_own_dates_the_paragraph_after_it(listing):
    (entry,) = read(listing, "A title\n14 March 2024\nUNODC met officials.\n")
    assert (entry.title, entry.text) == ("A title", "14 March 2024 UNODC met officials.")
    assert (entry.dateline, published(entry)) == ("14 March 2024", "2024-03-14")


def test_entries_of_every_kind_side_by_side(listing):
    found = read(
        listing,
        "Latest news\n"
        "First title\nVienna, 8 January 2025 - First text.\n"
        "Vienna, 9 January 2025 - A body without a title.\n"
        "Run-in title Bangkok, 10 January 2025 - Third text.\n"
        "Fourth title\nA body without a dateline, dated 11 January 2025 in its sentence.\n"
        "A paragraph with neither title nor dateline.\n"
        "A last title alone\n"
        "See all news\n",
    )
    assert [(e.line, e.title) for e in found] == [
        (2, "First title"),
        (4, None),
        (5, "Run-in title"),
        (6, "Fourth title"),
        (8, None),
        (9, "A last title alone"),
    ]
    assert [published(e) for e in found] == ["2025-01-08", "2025-01-09", "2025-01-10"] + [None] * 3
    assert found[4].notes == ("no title and no dateline: the line is read as text",)


# --- header, footer and noise lines ----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Latest news from the Global Firearms Programme",
        "Stories and features on UNODC's work against organized crime",
        "GLO.ACT – Stories from the field",
        "UNODC and Trafficking in Persons: News, Events and Publications",
        "Actualités",
        "Noticias",
        "Communiqués de presse",
        "Press releases",
        "For information only - not an official document.",
        "Find the latest events and features on our work here:",
        "More stories on firearms trafficking can be found on the following pages.",
    ],
)
def test_header_lines_are_not_entries(listing, line):
    (entry,) = read(listing, f"{line}\nA title\nVienna, 8 January 2025 - Text.\n")
    assert (entry.line, entry.title) == (2, "A title")


@pytest.mark.parametrize(
    "title",
    [
        "Media advisory: Launch of the World Wildlife Crime Report",
        "Study visit to Lisbon",
        "Bhutan joins UNTOC and the Trafficking in Persons Protocol",
        "Ten years on",
    ],
)
def test_a_first_title_that_looks_like_a_heading_in_part_is_kept(listing, title):
    (entry,) = read(listing, f"Press releases\n{title}\nThe report will be presented in Vienna.\n")
    assert (entry.line, entry.title) == (2, title)


@pytest.mark.parametrize(
    "line",
    [
        "See all news",
        "See all stories",
        "View all press releases",
        "Toutes les actualités",
        "Ver todas las noticias",
        "Back to top",
        "Retour en haut",
        "Volver arriba",
        "© United Nations Office on Drugs and Crime",
        "© Nations Unies",
        "© United Nations Information Service Vienna | Back to top",
        "Photo: UNODC",
        "Photo : ONUDC",
        "Share this story",
        "Browse the full archive of organized crime stories",
        "More news »",
        "News on firearms and cybercrime are available on the following pages:",
        "More on human trafficking can be found on these pages.",
        "* *** *",
        "![]() |",
        "1 2 3 Next ›",
        "« Précédent | Suivant »",
        "Page 2 of 5",
    ],
)
def test_footer_and_noise_lines_are_not_entries(listing, line):
    found = read(listing, f"A title\nVienna, 8 January 2025 - Text.\n{line}\n")
    assert [(e.line, e.title, e.text) for e in found] == [
        (1, "A title", "Vienna, 8 January 2025 - Text.")
    ]


@pytest.mark.parametrize(
    "line", ["Photo: UNODC", "Share this story", "COMMUNIQUÉ DE PRESSE", "![]() |", "* *** *"]
)
def test_noise_between_a_title_and_its_body_is_skipped(listing, line):
    (entry,) = read(listing, f"A title\n{line}\nVienna, 8 January 2025 - Text.\n")
    assert (entry.title, entry.line, published(entry)) == ("A title", 1, "2025-01-08")


def test_a_listing_of_furniture_only_holds_no_entry(listing):
    from untoc_graph.sources import SourceError

    with pytest.raises(SourceError, match="holds no news entry"):
        read(listing, "Latest news\nSee all news\nBack to top\n© United Nations\n")


# --- the invariant, on generated listings ------------------------------------------------------

WORDS = (
    "officials experts border police review national strategy training meeting judges "
    "prosecutors customs networks victims protection cooperation regional plan law"
).split()
word = st.sampled_from(WORDS)
CITIES = ["Vienna", "Bangkok", "Abidjan", "Lomé", "Quito", "Dakar", "Mexico City", "Pretoria"]
COUNTRIES = ["Austria", "Thailand", "Togo", "Ecuador", "Senegal", "Mexico"]
MONTHS = {
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
}


@st.composite
def titles(draw) -> str:
    first = draw(st.sampled_from(["UNODC", "Experts", "Officials", "Mali", "Regional"]))
    rest = draw(st.lists(word, min_size=1, max_size=10))
    end = draw(st.sampled_from(["", "", "?", "!"]))
    return " ".join([first, *rest]) + end


@st.composite
def bodies(draw) -> str:
    """Sentences, some with a date inside ("… met on 5 May 2022 - and …")."""
    sentences = []
    for _ in range(draw(st.integers(1, 3))):
        words = draw(st.lists(word, min_size=3, max_size=14))
        if draw(st.booleans()):
            day, year = draw(st.integers(1, 28)), draw(st.integers(2000, 2030))
            words.insert(
                len(words) // 2, f"on {day} {draw(st.sampled_from(['May', 'June']))} {year} -"
            )
        sentences.append(
            draw(st.sampled_from(["The", "Officials", "UNODC", "Experts"]))
            + " "
            + " ".join(words)
            + "."
        )
    return " ".join(sentences)


@st.composite
def dates(draw) -> tuple[str, str | None]:
    """A dateline date as written and the publication date it gives."""
    lang = draw(st.sampled_from(["en", "fr", "es"]))
    month_number = draw(st.integers(1, 12))
    month = MONTHS[lang].split()[month_number - 1]
    day, year = draw(st.integers(1, 27)), draw(st.integers(2000, 2030))
    iso = date(year, month_number, day).isoformat()
    last = date(year, month_number, day + 1).isoformat()
    de = "de " if lang == "es" else ""
    forms = [
        (f"{day} {de}{month} {de}{year}", iso),
        (f"{day}-{day + 1} {de}{month} {de}{year}", last),
        (f"{month.capitalize()} {day}, {year}", iso),
        (f"{month.capitalize()} {year}", None),
        (f"{day} {de}{month}", None),
    ]
    if lang == "en":
        forms.append((f"{day} to {day + 1} {month} {year}", last))
    if lang == "fr":
        forms.append((f"Du {day} au {day + 1} {month} {year}", last))
    if lang == "es":
        forms.append((f"Del {day} al {day + 1} de {month} de {year}", last))
    return draw(st.sampled_from(forms))


@st.composite
def datelines(draw) -> tuple[str, str | None, list[str]]:
    """A dateline as written, its publication date and its place names."""
    written, iso = draw(dates())
    city = draw(st.sampled_from(CITIES))
    country = draw(st.sampled_from(COUNTRIES))
    second = draw(st.sampled_from([c for c in CITIES if c != city]))
    sep = draw(st.sampled_from([" - ", " – ", ". ", ": ", " — "]))
    layouts = [
        (f"{city}, {written}{sep}", [city]),
        (f"{city}, {country} – {written} –", [city, country]),
        (f"{city}, {country} {written} -", [city, country]),
        (f"{city}/{second}, {written}{sep}", [city, second]),
        (f"{city} ({country}), {written}{sep}", [city, country]),
        (f"{written}, {city}, {country}:", [city, country]),
        (f"{written}{sep}", []),
    ]
    if written[0].isdigit() and iso:
        layouts.append((f"{city}, le {written} –", [city]))
    layout, places = draw(st.sampled_from(layouts))
    return layout.rstrip(), iso, places


@st.composite
def entries(draw) -> dict:
    """One entry: its lines and what reading them must give."""
    title, body = draw(titles()), draw(bodies())
    trailer = draw(st.sampled_from(["", "", " Read more", " Lire la suite", " Leer más"]))
    kind = draw(st.sampled_from(["titled", "undated", "run-in", "untitled", "title-date"]))
    dateline, iso, places = draw(datelines())
    if kind == "titled":
        return {
            "lines": [title, f"{dateline} {body}{trailer}"],
            "title": title,
            "text": f"{dateline} {body}",
            "date": iso,
            "places": places,
        }
    if kind == "untitled":
        return {
            "lines": [f"{dateline} {body}{trailer}"],
            "title": None,
            "text": f"{dateline} {body}",
            "date": iso,
            "places": places,
        }
    if kind == "run-in":
        written, iso = draw(dates().filter(lambda d: d[1] is not None))
        city = draw(st.sampled_from(CITIES))
        line = f"{title} {city}, {written} - {body}"
        return {
            "lines": [line + trailer],
            "title": title,
            "text": f"{city}, {written} - {body}",
            "date": iso,
            "places": [city],
        }
    if kind == "title-date":
        written, iso = draw(dates().filter(lambda d: d[0][0].isdigit()))
        headline = f"{title} | {written} | ONLINE"
        return {
            "lines": [headline, body + trailer],
            "title": headline,
            "text": body,
            "date": iso,
            "places": [],
        }
    return {
        "lines": [title, body + trailer],
        "title": title,
        "text": body,
        "date": None,
        "places": [],
    }


HEADERS = ["", "", "Latest news", "Actualités", "Noticias", "Press releases"]
FOOTERS = ["", "", "See all news", "Back to top", "Volver arriba", "© United Nations"]
NOISE = ["![]() |", "Photo: UNODC", "Share this story", "* *** *"]


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    listed=st.lists(entries(), min_size=1, max_size=6),
    header=st.sampled_from(HEADERS),
    footer=st.sampled_from(FOOTERS),
    noise=st.lists(st.sampled_from(NOISE), max_size=3),
    data=st.data(),
)
def test_every_generated_entry_is_read_whole_and_once(
    tmp_path_factory, listed, header, footer, noise, data
):
    lines = [header] if header else []
    expected = []
    for entry in listed:
        if noise and data.draw(st.booleans()):
            lines.append(noise[0])
        expected.append((len(lines) + 1, entry))
        lines += entry["lines"]
    lines += [footer] if footer else []
    path = tmp_path_factory.mktemp("listing") / "l.txt"
    path.write_text("\n".join(lines) + "\n")
    found = list(read_listing(path, known))
    assert [e.line for e in found] == [line for line, _ in expected]
    for entry, (line, generated) in zip(found, expected, strict=True):
        assert entry.title == generated["title"]
        assert entry.text == generated["text"]
        assert published(entry) == generated["date"]
        assert list(entry.dateline_places) == generated["places"]
        # the invariant: the entry's lines, less the trailer, are its title and its text
        own = lines[line - 1 : line - 1 + len(generated["lines"])]
        written = re.sub(r"\s*(Read more|Lire la suite|Leer más)$", "", " ".join(own))
        assert " ".join(filter(None, [entry.title, entry.text])) == normalize_space(written)
        assert entry.text.startswith(entry.dateline)
