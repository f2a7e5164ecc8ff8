import json

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from untoc_graph.sources import NOT_UTF8, SourceError, read_listing
from untoc_graph.sources.entries import http_iri
from untoc_graph.sources.furniture import _section_heading


def known(name: str) -> bool:
    return name in {"Vienna", "Ocho Rios", "Thimphu", "Bangkok", "Abidjan", "Mostar"}


def entries(path):
    return list(read_listing(path, known))


def test_bundled_corpus_has_every_entry_of_the_gold_file(corpus, gold_path):
    expected = [
        json.loads(line)["line"] for line in gold_path.read_text().splitlines() if line.strip()
    ]
    assert [e.line for e in entries(corpus)] == expected


def test_header_footer_and_noise_lines_are_not_entries(listing):
    path = listing(
        "Find the latest events and features here:\n"
        "![]() |\n"
        "Vienna, 8 January 2025. We spoke to experts. Read more\n"
        "![]() |\n"
        "News on human trafficking are available on the following pages:\n"
    )
    (entry,) = entries(path)
    assert entry.text == "Vienna, 8 January 2025. We spoke to experts."
    assert entry.title is None


def test_title_line_followed_by_dateline_line(listing):
    path = listing(
        "A Practitioner’s Tale\nVienna, 8 January 2025. We spoke to Dr. Islas. Read more\n"
    )
    (entry,) = entries(path)
    assert entry.title == "A Practitioner’s Tale"
    assert entry.line == 1
    assert entry.dateline_place == "Vienna"
    assert entry.dateline_date == "8 January 2025"
    assert entry.text.startswith("Vienna, 8 January 2025.")


def test_title_running_into_the_dateline(listing):
    path = listing(
        "UNTOC Review Mechanism's latest milestone: launch of the last group of 64 reviews "
        "Vienna, 1 November 2022 - The Review Mechanism marks today a milestone. Read more |\n"
    )
    (entry,) = entries(path)
    assert (
        entry.title
        == "UNTOC Review Mechanism's latest milestone: launch of the last group of 64 reviews"
    )
    assert entry.dateline == "Vienna, 1 November 2022"
    assert entry.text.endswith("marks today a milestone.")


@pytest.mark.parametrize(
    ("line", "place", "date", "title"),
    [
        ("Vienna, 8 January 2025. Text.", "Vienna", "8 January 2025", None),
        ("14 March 2024, Bogota (Colombia) - Text.", "Bogota (Colombia)", "14 March 2024", None),
        ("Vienna (Austria), 1 November 2021 – Text.", "Vienna (Austria)", "1 November 2021", None),
        ("Vienna/Abidjan, 10 November 2023 - Text.", "Vienna/Abidjan", "10 November 2023", None),
        (
            "9-12 October 2023, Bangkok, Thailand - Text.",
            "Bangkok, Thailand",
            "9-12 October 2023",
            None,
        ),
        ("18 April 2018 - Text.", "", "18 April 2018", None),
        ("Vienne, 8 novembre 2024. Texte.", "Vienne", "8 novembre 2024", None),
        ("Bogotá, 14 de marzo de 2024. Texto.", "Bogotá", "14 de marzo de 2024", None),
        ("Vienna, 19 November 2024.Commemorating the day.", "Vienna", "19 November 2024", None),
        (
            "Jamaica: A step closer Ocho Rios, 3 February 2023 - Text.",
            "Ocho Rios",
            "3 February 2023",
            "Jamaica: A step closer",
        ),
        (
            "Why gender matters Vienna (Austria), 16 October 2023 - Text.",
            "Vienna (Austria)",
            "16 October 2023",
            "Why gender matters",
        ),
        (
            "Bosnia discusses its Strategy 12-13 July 2023, Mostar, Bosnia and Herzegovina. Text.",
            "Mostar, Bosnia and Herzegovina",
            "12-13 July 2023",
            "Bosnia discusses its Strategy",
        ),
    ],
)
def test_dateline_forms(listing, line, place, date, title):
    (entry,) = entries(listing(line + "\n"))
    assert (entry.dateline_place, entry.dateline_date, entry.title) == (place, date, title)


@pytest.mark.parametrize("trailer", [" Read more", " Read More", " Read more |", " Read more|"])
def test_trailers_are_stripped(listing, trailer):
    (entry,) = entries(listing(f"Vienna, 8 January 2025. Some text.{trailer}\n"))
    assert entry.text == "Vienna, 8 January 2025. Some text."


def test_title_without_dateline_is_kept_as_an_entry(listing):
    path = listing("A title alone\nVienna, 8 January 2025. Text.\nAnother title alone\n")
    found = entries(path)
    assert [e.title for e in found] == ["A title alone", "Another title alone"]
    assert found[1].text == ""


def test_same_entry_twice_gets_two_ids(listing):
    path = listing("Vienna, 8 January 2025. Text.\nVienna, 8 January 2025. Text.\n")
    first, second = entries(path)
    assert first.id != second.id


def test_missing_file(tmp_path):
    with pytest.raises(SourceError, match=r"missing\.txt: no such file"):
        entries(tmp_path / "missing.txt")


def test_empty_listing(listing):
    with pytest.raises(SourceError, match=r"empty\.txt: holds no news entry"):
        entries(listing("", "empty.txt"))


def test_directory(tmp_path):
    with pytest.raises(SourceError, match="is a directory"):
        entries(tmp_path)


def test_a_line_in_windows_1252_is_read_with_a_note(listing):
    path = listing(
        "Vienna, 8 January 2025. Text.\nZürich, 9 January 2025. Café.\n",
        "latin.txt",
        encoding="cp1252",
    )
    first, second = entries(path)
    assert second.text == "Zürich, 9 January 2025. Café."
    assert second.notes == (NOT_UTF8,) and first.notes == ()


word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)
words = st.lists(word, min_size=1, max_size=6).map(" ".join)


@given(
    title=words,
    body=words,
    day=st.integers(1, 28),
    month=st.sampled_from(["January", "March", "October"]),
    year=st.integers(2000, 2030),
)
def test_any_title_and_body_round_trip(tmp_path_factory, title, body, day, month, year):
    # a line of section words only ("Feature", "News and events") is a heading, not a title
    assume(not _section_heading(title.capitalize()))
    path = tmp_path_factory.mktemp("h") / "l.txt"
    path.write_text(f"{title.capitalize()}\nVienna, {day} {month} {year}. {body}. Read more\n")
    (entry,) = entries(path)
    assert entry.title == title.capitalize()
    assert entry.dateline_date == f"{day} {month} {year}"
    assert entry.text == f"Vienna, {day} {month} {year}. {body}."


@pytest.mark.parametrize(
    ("link", "fetched", "canonical"),
    [
        # the listing links to the URL the page was fetched from; the page names another
        (
            "http://unodc.org/en/x.html",
            "http://unodc.org/en/x.html",
            "https://www.unodc.org/en/x.html",
        ),
        # the listing links to the canonical URL; the page was fetched from another host
        (
            "https://www.unodc.org/en/x.html",
            "https://mirror.example.org/x.html",
            "https://www.unodc.org/en/x.html",
        ),
        # scheme, www., case and a trailing slash differ between the link and the page
        ("https://WWW.unodc.org/en/x/", "http://unodc.org/en/x", "http://unodc.org/en/x"),
    ],
)
def test_listing_entry_and_its_page_are_one_article(tmp_path, link, fetched, canonical):
    from untoc_graph.pages import read_pages

    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "news.html").write_text(
        "<html><body><div><h3>A workshop</h3><p>Vienna, 2 May 2024. A workshop was held. "
        f'<a href="{link}">Read more</a></p></div><div><h3>Other</h3><p>Vienna, 3 May 2024. '
        'Another one. <a href="https://www.unodc.org/en/y.html">Read more</a></p></div></body></html>'
    )
    (folder / "x.html").write_text(
        f'<html><head><link rel="canonical" href="{canonical}"></head><body><h1>A workshop</h1>'
        "<p>Vienna, 2 May 2024. A workshop on the Firearms Protocol was held for "
        "thirty officials, with the full text of the article.</p></body></html>"
    )
    (folder / "index.json").write_text(
        json.dumps({"news.html": "https://www.unodc.org/en/news.html", "x.html": fetched})
    )
    _, entries = read_pages(folder, lambda name: name == "Vienna")
    assert len(entries) == 2 and "Another one" in entries[1].text
    assert "thirty officials" in entries[0].text and entries[0].url == http_iri(link)
    assert entries[0].title == "A workshop"  # the page's, which the listing's entry lacked
