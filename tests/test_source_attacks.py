"""Hostile or careless sources: one bad record never sinks a build.

Each bad field is dropped with a warning that says what was dropped, or the build stops with
one line naming the file and line (exit 2); never a traceback.
"""

import csv
import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from untoc_graph.cli import main
from untoc_graph.pages import read_any, read_records
from untoc_graph.sources import (
    CONTROL,
    SURROGATE,
    SourceError,
    SourceInfo,
    http_iri,
    read_listing,
)

DATED = "Vienna, 8 January 2025. UNODC met officials."
NOT_IRI = "not an absolute http(s) IRI"
BAD_URLS = [
    "https://example.org/a b",
    "https://example.org/<script>",
    'https://example.org/"quoted"',
    "/news/relative.html",
    "javascript:alert(1)",
    "http://[::1/broken-host",
]


@pytest.fixture(autouse=True)
def _lexicon_loaded(lexicon):
    """The CLI's lexicon, compiled once per session rather than once per test."""


def build(path, tmp_path):
    return CliRunner().invoke(
        main, ["build", str(path), "-o", str(tmp_path / "out"), "--no-view", "--no-validate"]
    )


def kept(result, *warnings: str) -> None:
    """The build succeeded, and warned each of ``warnings`` (FILE:LINE: note) in its summary."""
    assert result.exit_code == 0, (result.stderr, result.exception)
    lines = result.stderr.splitlines()
    for warning in warnings:
        assert f"warning: {warning}" in lines


def refused(result, message: str) -> None:
    """The build stopped with exit 2 and exactly one line on stderr."""
    assert result.exit_code == 2, result.stderr
    assert result.stderr.strip().splitlines() == [f"Error: {message}"]


def jsonl(path, *records) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")


def urls_in(out) -> list[str]:
    graph = ox.Store()
    graph.load(path=str(out / "untoc.ttl"), format=ox.RdfFormat.TURTLE)
    url = ox.NamedNode("https://schema.org/url")
    return sorted(q.object.value for q in graph.quads_for_pattern(None, url, None))


# --- URLs --------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", BAD_URLS)
def test_a_json_lines_url_the_graph_cannot_hold_is_dropped_and_the_entry_kept(tmp_path, url):
    path = tmp_path / "news.jsonl"
    jsonl(path, {"title": "Meeting", "text": DATED, "url": url})
    result = build(path, tmp_path)
    kept(result, f"news.jsonl:1: URL {url!r} dropped: {NOT_IRI}")
    assert "1 entries read: 1 articles" in result.stderr
    assert urls_in(tmp_path / "out") == []


@pytest.mark.parametrize(
    "name, feed",
    [
        (
            "news.rss",
            '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
            "<item><title>Launch</title><link>{url}</link>"
            "<description>Athens (Greece), 19 April 2024 - A guide.</description></item>"
            "<item><title>Good</title><link>https://example.org/good</link>"
            "<description>Vienna, 8 January 2025 - A meeting.</description></item>"
            "</channel></rss>",
        ),
        (
            "news.atom",
            '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>'
            '<entry><title>Launch</title><link href="{url}"/>'
            "<summary>Athens (Greece), 19 April 2024 - A guide.</summary></entry>"
            '<entry><title>Good</title><link href="https://example.org/good"/>'
            "<summary>Vienna, 8 January 2025 - A meeting.</summary></entry></feed>",
        ),
    ],
)
@pytest.mark.parametrize("url", BAD_URLS[:3])
def test_a_feed_link_the_graph_cannot_hold_is_dropped_and_the_item_kept(tmp_path, name, feed, url):
    escaped = url.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    path = tmp_path / name
    path.write_text(feed.format(url=escaped), "utf-8")
    result = build(path, tmp_path)
    kept(result, f"{name}:1: URL {url!r} dropped: {NOT_IRI}")
    assert "2 entries read: 2 articles" in result.stderr
    assert urls_in(tmp_path / "out") == ["https://example.org/good"]


def test_a_relative_read_more_link_in_a_page_saved_without_its_url_keeps_the_entry(tmp_path):
    path = tmp_path / "listing.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>News</title></head><body><ul>"
        "<li><h3>Training in Baghdad</h3><p>Baghdad, 2 July 2024 - A training on firearms.</p>"
        '<a href="/news/baghdad.html">Read more</a></li>'
        "<li><h3>Meeting in Vienna</h3><p>Vienna, 8 January 2025 - UNODC met officials.</p>"
        '<a href="https://example.org/vienna.html">Read more</a></li>'
        "</ul></body></html>",
        "utf-8",
    )
    result = build(path, tmp_path)
    kept(
        result,
        "listing.html:1: URL '/news/baghdad.html' dropped: "
        "a relative link, and the page's own URL is not known",
    )
    assert "2 entries read: 2 articles" in result.stderr
    assert urls_in(tmp_path / "out") == ["https://example.org/vienna.html"]


def test_a_relative_read_more_link_is_resolved_when_the_page_url_is_recorded(tmp_path, lexicon):
    path = tmp_path / "listing.html"
    path.write_text(
        '<html><body><li><p>Vienna, 8 January 2025 - UNODC met.</p><a href="/n/1.html">'
        "Read more</a></li></body></html>",
        "utf-8",
    )
    (tmp_path / "sources.json").write_text(
        json.dumps({"listing.html": {"url": "https://example.org/news/"}}), "utf-8"
    )
    _, (entry,) = read_any(path, lexicon.gazetteer.is_place)
    assert entry.url == "https://example.org/n/1.html" and entry.notes == ()


def test_a_sources_json_url_the_graph_cannot_hold_is_dropped_and_the_title_kept(tmp_path):
    path = tmp_path / "listing.txt"
    path.write_text(DATED + "\n", "utf-8")
    (tmp_path / "sources.json").write_text(
        json.dumps({"listing.txt": {"url": "https://example.org/a b", "title": "UNODC news"}}),
        "utf-8",
    )
    result = build(path, tmp_path)
    kept(result, f"listing.txt:1: sources.json: URL 'https://example.org/a b' dropped: {NOT_IRI}")
    assert urls_in(tmp_path / "out") == []
    assert "UNODC news" in (tmp_path / "out" / "untoc.ttl").read_text("utf-8")


def test_read_listing_warns_what_sources_json_lost_on_the_first_entry_only(tmp_path):
    path = tmp_path / "listing.txt"
    path.write_text(DATED + "\nBaghdad, 2 July 2024 - A training.\n", "utf-8")
    (tmp_path / "sources.json").write_text(
        json.dumps({"listing.txt": {"url": "https://example.org/<x>"}}), "utf-8"
    )
    first, second = read_listing(path)
    assert first.notes == (f"sources.json: URL 'https://example.org/<x>' dropped: {NOT_IRI}",)
    assert second.notes == ()


@pytest.mark.parametrize(
    "url, kept_as",
    [
        ("https://www.unodc.org/unodc/en/news.html", "https://www.unodc.org/unodc/en/news.html"),
        ("  http://example.org/x?a=1#top \n", "http://example.org/x?a=1#top"),
        ("https://example.org/café/ünïcode", "https://example.org/café/ünïcode"),
        ("https://example.org/a b", None),
        ("https://example.org/a\u3000b", None),
        ("https://example.org/<x>", None),
        ('https://example.org/"', None),
        ("https://example.org/\x00", None),
        ("https://example.org/%zz", None),
        ("https://", None),
        ("http:/no-host", None),
        ("ftp://example.org/file", None),
        ("mailto:someone@example.org", None),
        ("/relative", None),
        (42, None),
        (None, None),
    ],
)
def test_only_absolute_http_iris_are_kept_as_urls(url, kept_as):
    assert http_iri(url) == kept_as


@given(st.text(max_size=60))
def test_any_text_kept_as_a_url_can_be_written_to_the_graph(text):
    for candidate in (text, "https://example.org/" + text):
        url = http_iri(candidate)
        if url is not None:
            assert ox.NamedNode(url).value == url
            assert url.lower().startswith(("http://", "https://"))
            assert not any(char.isspace() for char in url)


# --- JSON Lines and CSV fields -----------------------------------------------------------------


@pytest.mark.parametrize("field", ["title", "place", "date", "url"])
@pytest.mark.parametrize(
    "value, kind",
    [
        (2025, "a number"),
        (["a", "b"], "an array"),
        ({"a": 1}, "an object"),
        (True, "true or false"),
    ],
)
def test_json_lines_fields_of_the_wrong_type_are_dropped_with_a_warning(
    tmp_path, field, value, kind
):
    path = tmp_path / "news.jsonl"
    jsonl(path, {"title": "Meeting", "text": DATED, field: value})
    result = build(path, tmp_path)
    kept(result, f"news.jsonl:1: field {field!r} dropped: {kind}, not text")
    assert "1 entries read: 1 articles" in result.stderr


def test_a_json_lines_text_of_the_wrong_type_is_dropped_and_the_title_kept(tmp_path, lexicon):
    path = tmp_path / "news.jsonl"
    jsonl(path, {"title": "Meeting", "text": ["Vienna", 8]})
    (entry,) = read_records(path, lexicon.gazetteer.is_place, SourceInfo(path.name))
    assert entry.title == "Meeting" and entry.text == ""
    assert entry.notes == ("field 'text' dropped: an array, not text",)


def test_null_json_lines_fields_count_as_absent(tmp_path, lexicon):
    path = tmp_path / "news.jsonl"
    jsonl(path, {"title": None, "date": None, "place": None, "url": None, "text": DATED})
    (entry,) = read_records(path, lexicon.gazetteer.is_place, SourceInfo(path.name))
    assert entry.title is None and entry.url is None and entry.notes == ()
    assert entry.dateline_date == "8 January 2025"


def test_a_json_lines_record_left_without_text_or_title_is_one_line(tmp_path):
    path = tmp_path / "news.jsonl"
    jsonl(path, {"title": "Fine", "text": DATED}, {"title": 5, "text": None})
    refused(
        build(path, tmp_path),
        f"{path}:2: a record needs a 'text' or a 'title' field "
        "(field 'title' dropped: a number, not text)",
    )


@pytest.mark.parametrize(
    "line, why",
    [
        ("[" * 100_000, "nested too deeply"),
        ('{"text": ' + "[" * 100_000 + "}", "nested too deeply"),
        ('{"text": "x", "n": ' + "1" * 5000 + "}", "Exceeds the limit (4300 digits)"),
    ],
    ids=["nested", "nested-field", "long-number"],
)
def test_a_json_lines_record_json_cannot_read_is_one_line(tmp_path, line, why):
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"text": DATED}) + "\n" + line + "\n", "utf-8")
    result = build(path, tmp_path)
    assert result.exit_code == 2
    (message,) = result.stderr.strip().splitlines()
    assert message.startswith(f"Error: {path}:2: not a JSON object (") and why in message


def test_a_json_lines_string_holding_a_unicode_line_separator_is_one_record(tmp_path, lexicon):
    path = tmp_path / "news.jsonl"
    text = "Vienna, 8 January 2025. One\u2028record\x85still."
    path.write_text(json.dumps({"text": text}, ensure_ascii=False) + "\n", "utf-8")
    (entry,) = read_records(path, lexicon.gazetteer.is_place, SourceInfo(path.name))
    assert entry.line == 1 and entry.text == "Vienna, 8 January 2025. One record still."


def test_a_csv_field_over_the_csv_module_limit_is_kept_whole(tmp_path):
    limit = csv.field_size_limit()
    path = tmp_path / "news.csv"
    long_text = DATED + " UNODC met officials of Iraq." * 6000  # about 174,000 characters
    assert len(long_text) > 131_072
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([["title", "text"], ["Meeting", long_text], ["Next", DATED]])
    result = build(path, tmp_path)
    kept(result)
    assert "2 entries read: 2 articles" in result.stderr
    written = (tmp_path / "out" / "untoc.ttl").read_text("utf-8")
    assert long_text in written
    assert csv.field_size_limit() == limit  # no lasting change to the process


# --- sources.json ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, line, kind",
    [
        ('[{"listing.txt": {"url": "https://example.org/"}}]', 1, "an array"),
        ('\n\n  "listing.txt"\n', 3, "text"),
        ("42", 1, "a number"),
    ],
)
def test_sources_json_that_is_not_an_object_is_one_line(tmp_path, content, line, kind):
    path = tmp_path / "listing.txt"
    path.write_text(DATED + "\n", "utf-8")
    (tmp_path / "sources.json").write_text(content, "utf-8")
    result = build(path, tmp_path)
    assert result.exit_code == 2
    (message,) = result.stderr.strip().splitlines()
    assert message.startswith(
        f"Error: {tmp_path / 'sources.json'}:{line}: holds {kind}; source records must be a JSON "
        'object, like {"listing.txt": '
    )


def test_sources_json_nested_too_deeply_is_one_line(tmp_path):
    path = tmp_path / "listing.txt"
    path.write_text(DATED + "\n", "utf-8")
    (tmp_path / "sources.json").write_text(
        '{\n "listing.txt": {"title": "News"},\n "other.txt": ' + "[" * 100_000 + "\n}", "utf-8"
    )
    refused(
        build(path, tmp_path),
        f"{tmp_path / 'sources.json'}:3: unreadable source records (nested too deeply)",
    )


def test_sources_json_that_is_not_json_is_one_line_with_its_line(tmp_path):
    path = tmp_path / "listing.txt"
    path.write_text(DATED + "\n", "utf-8")
    (tmp_path / "sources.json").write_text('{\n "listing.txt": {"title": "News",}\n}', "utf-8")
    refused(
        build(path, tmp_path),
        f"{tmp_path / 'sources.json'}:2: unreadable source records "
        "(Expecting property name enclosed in double quotes)",
    )


def test_wrong_typed_sources_json_fields_are_dropped_with_a_warning(tmp_path):
    path = tmp_path / "listing.txt"
    path.write_text(DATED + "\n", "utf-8")
    record = {"url": {"href": "https://example.org/"}, "title": ["News"], "language": 5}
    (tmp_path / "sources.json").write_text(json.dumps({"listing.txt": record}), "utf-8")
    result = build(path, tmp_path)
    kept(
        result,
        "listing.txt:1: sources.json: 'url' dropped: an object, not text",
        "listing.txt:1: sources.json: 'title' dropped: an array, not text",
        "listing.txt:1: sources.json: 'language' dropped: a number, not text",
    )
    assert "1 entries read: 1 articles" in result.stderr


def test_a_sources_json_record_that_is_not_an_object_is_dropped_with_a_warning(tmp_path):
    path = tmp_path / "listing.txt"
    path.write_text(DATED + "\n", "utf-8")
    (tmp_path / "sources.json").write_text(
        json.dumps({"listing.txt": "https://example.org/"}), "utf-8"
    )
    kept(
        build(path, tmp_path),
        "listing.txt:1: sources.json: record 'listing.txt' dropped: text, not an object",
    )


def test_sources_json_text_with_escapes_no_literal_can_hold_is_cleaned(tmp_path, lexicon):
    path = tmp_path / "listing.txt"
    path.write_text(DATED + "\n", "utf-8")
    (tmp_path / "sources.json").write_text(
        '{"listing.txt": {"title": "News\\u0000 \\ud800"}}', "utf-8"
    )
    info, (entry,) = read_any(path, lexicon.gazetteer.is_place)
    assert info.title == "News  \ufffd"
    assert entry.notes == (f"sources.json: {CONTROL}", f"sources.json: {SURROGATE}")


# --- a folder of saved pages -------------------------------------------------------------------


PAGE = (
    "<html><head><title>Meeting</title></head><body><h1>Meeting in Vienna</h1>"
    "<p>Vienna, 8 January 2025 - UNODC met officials of many countries.</p></body></html>"
)


@pytest.mark.parametrize(
    "index, line, message",
    [
        ('{"a.html": ', 1, "unreadable page index (Expecting value)"),
        ('\n["a.html"]', 2, "holds an array; page index must be a JSON object, like "),
    ],
)
def test_a_broken_page_index_is_one_line(tmp_path, index, line, message):
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "a.html").write_text(PAGE, "utf-8")
    (folder / "index.json").write_text(index, "utf-8")
    result = build(folder, tmp_path)
    assert result.exit_code == 2
    (shown,) = result.stderr.strip().splitlines()
    assert shown.startswith(f"Error: {folder / 'index.json'}:{line}: {message}")


def test_page_index_urls_the_graph_cannot_hold_are_not_used(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "a.html").write_text(PAGE, "utf-8")
    (folder / "b.html").write_text(PAGE.replace("Vienna", "Bogota"), "utf-8")
    (folder / "index.json").write_text(
        json.dumps(
            {
                "a.html": {"url": "https://example.org/a b", "requested": 7, "encoding": []},
                "b.html": "https://example.org/b",
            }
        ),
        "utf-8",
    )
    kept(build(folder, tmp_path))
    assert urls_in(tmp_path / "out") == ["https://example.org/b"]


# --- line ends and control characters ----------------------------------------------------------


LISTING = [
    "UNODC news",
    "Training on firearms",
    "Baghdad, 2 July 2024 - A training on the Firearms Protocol.",
    "Vienna, 8 January 2025. UNODC met officials.",
    "A title only",
    "Bogota (Colombia), 14 March 2024 - A workshop.",
]


@pytest.mark.parametrize("end", ["\r", "\r\n"])
def test_old_mac_line_ends_split_into_entries_like_lf(tmp_path, lexicon, end):
    lf, other = tmp_path / "lf.txt", tmp_path / "other.txt"
    lf.write_bytes("\n".join(LISTING).encode() + b"\n")
    other.write_bytes(end.join(LISTING).encode() + end.encode())
    _, want = read_any(lf, lexicon.gazetteer.is_place)
    _, got = read_any(other, lexicon.gazetteer.is_place)
    assert len(want) == 3  # "UNODC news" heads the page: it is not an entry
    assert [(e.line, e.title, e.text) for e in got] == [(e.line, e.title, e.text) for e in want]


@pytest.mark.parametrize("name", ["news.csv", "news.jsonl"])
def test_old_mac_line_ends_split_csv_and_json_lines_into_records(tmp_path, lexicon, name):
    path = tmp_path / name
    if name.endswith(".csv"):
        path.write_bytes(b"title,text\rMeeting,Vienna 8 January 2025\rTraining,Baghdad 2 July 2024")
    else:
        path.write_bytes(b'{"text": "Vienna, 8 January 2025."}\r{"text": "Baghdad, 2 July 2024."}')
    _, entries = read_any(path, lexicon.gazetteer.is_place)
    assert [e.line for e in entries] == ([2, 3] if name.endswith(".csv") else [1, 2])


@given(
    st.lists(
        st.text(st.characters(blacklist_characters="\r\n", blacklist_categories=["Cs"])).map(
            str.strip
        ),
        min_size=1,
        max_size=8,
    )
)
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_listing_reads_the_same_with_cr_lf_or_crlf(tmp_path_factory, lexicon, lines):
    read = []
    for end in ["\n", "\r", "\r\n"]:
        path = tmp_path_factory.mktemp("ends") / "listing.txt"
        path.write_bytes(end.join(lines).encode() + end.encode())
        try:
            _, entries = read_any(path, lexicon.gazetteer.is_place)
        except SourceError as error:
            read.append(str(error).removeprefix(str(path)))
        else:
            read.append([(e.id, e.line, e.title, e.text, e.notes) for e in entries])
    assert read[0] == read[1] == read[2]


def test_control_characters_in_csv_and_json_lines_fields_are_removed_with_a_note(tmp_path):
    csv_path, jsonl_path = tmp_path / "news.csv", tmp_path / "news.jsonl"
    csv_path.write_bytes(b"title,text\nMeet\x00ing,Vienna 8 January 2025. UNODC\x00 met\x07.\n")
    jsonl(jsonl_path, {"title": "Meet\x00ing", "text": "Vienna, 8 January 2025. UNODC\x1b met."})
    for path in (csv_path, jsonl_path):
        result = build(path, tmp_path)
        line = 2 if path is csv_path else 1
        kept(result, f"{path.name}:{line}: {CONTROL}")
        written = (tmp_path / "out" / "untoc.ttl").read_text("utf-8")
        assert '"Meet ing"' in written
        assert "\\u0000" not in written and "\x00" not in written


def test_unpaired_surrogate_escapes_in_json_lines_do_not_sink_the_build(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text('{"title": "Meeting \\ud800", "text": "Vienna, 8 January 2025. \\udfff"}\n')
    kept(build(path, tmp_path), f"news.jsonl:1: {SURROGATE}")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=6,
)


@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(["title", "date", "place", "text", "url", "language", "other"]),
            JSON_VALUES | st.sampled_from(BAD_URLS + [DATED, "2024-07-02", "\x00", "\ud800"]),
        ),
        min_size=1,
        max_size=5,
    )
)
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_json_lines_record_is_read_or_refused_in_one_line(tmp_path_factory, lexicon, rows):
    path = tmp_path_factory.mktemp("records") / "news.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    try:
        entries = list(read_records(path, lexicon.gazetteer.is_place, SourceInfo(path.name)))
    except SourceError as error:
        assert str(error).startswith(f"{path}:") and "\n" not in str(error)
        return
    assert len(entries) == len(rows)
    for entry in entries:
        assert entry.url is None or ox.NamedNode(entry.url).value == entry.url
        for text in (entry.title or "", entry.text, entry.dateline_place):
            ox.Literal(text)  # every text can be written to the graph
            assert "\x00" not in text
