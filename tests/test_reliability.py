"""Nothing lost, nothing injected: bad input, repeated runs, crashes."""

import os
import signal
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from untoc_graph import terms as T
from untoc_graph.cli import main
from untoc_graph.extract import extract
from untoc_graph.pipeline import build, ingest, reconcile, remove
from untoc_graph.sources import CONTROL, NOT_UTF8, SourceError, read_listing
from untoc_graph.store import open_store

ENTRIES = (
    "Vienna, 8 January 2025. UNODC met in Vienna.\nBaghdad, 2 July 2024 - A training in Baghdad.\n"
)


def read(path, lexicon):
    return list(read_listing(path, lexicon.gazetteer.is_place))


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_single_byte_encodings_are_read_with_a_note(tmp_path, lexicon, encoding):
    path = tmp_path / "old.txt"
    path.write_bytes("Bogotá, 14 March 2024. Señor Núñez met officials.\n".encode(encoding))
    (entry,) = read(path, lexicon)
    assert entry.text == "Bogotá, 14 March 2024. Señor Núñez met officials."
    assert entry.notes == (NOT_UTF8,)
    assert NOT_UTF8 in extract(entry, lexicon).warnings


def test_utf16_with_bom_is_read(tmp_path, lexicon):
    path = tmp_path / "wide.txt"
    path.write_bytes("Vienne, 8 novembre 2024. L’ONUDC a réuni des experts.\n".encode("utf-16"))
    (entry,) = read(path, lexicon)
    assert entry.dateline_date == "8 novembre 2024" and entry.notes == ()


def test_invalid_bytes_in_one_entry_do_not_sink_the_others(tmp_path, lexicon):
    path = tmp_path / "mixed.txt"
    path.write_bytes(
        b"Vienna, 8 January 2025. Fine.\nVienna, 9 January 2025. Bad \xff\xfe byte.\n"
        b"Vienna, 10 January 2025. Fine too.\n"
    )
    found = read(path, lexicon)
    assert [e.line for e in found] == [1, 2, 3]
    assert [bool(e.notes) for e in found] == [False, True, False]


def test_an_html_page_is_refused_clearly(tmp_path, lexicon):
    path = tmp_path / "page.html"
    path.write_text(
        "<!DOCTYPE html>\n<html><body><p>Vienna, 8 January 2025. News.</p></body></html>\n"
    )
    with pytest.raises(SourceError, match=r"page\.html: is an HTML page, not a text listing; save"):
        read(path, lexicon)


def test_binary_file_is_refused(tmp_path, lexicon):
    path = tmp_path / "image.png"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(SourceError, match="is a binary file"):
        read(path, lexicon)


def test_control_characters_are_removed_with_a_note(tmp_path, lexicon):
    path = tmp_path / "ctrl.txt"
    path.write_text("Vienna, 8 January 2025. UNODC\x07 met\x1b officials.\n")
    (entry,) = read(path, lexicon)
    assert entry.text == "Vienna, 8 January 2025. UNODC met officials." and entry.notes == (
        CONTROL,
    )


def test_right_to_left_text_is_kept(tmp_path, lexicon):
    text = "Vienna, 8 January 2025. مكتب الأمم المتحدة المعني بالمخدرات والجريمة עם שותפים."
    path = tmp_path / "rtl.txt"
    path.write_text(text + "\n")
    (entry,) = read(path, lexicon)
    assert entry.text == text
    assert extract(entry, lexicon).published.isoformat() == "2025-01-08"


def test_a_50_mb_single_line_becomes_one_article(tmp_path, lexicon):
    path = tmp_path / "huge.txt"
    filler = "UNODC met officials in Vienna. " * (50 * 1024 * 1024 // 31)
    path.write_text("Vienna, 8 January 2025. " + filler + "\n")
    result = build([path], tmp_path / "out", lexicon=lexicon, validate=False)
    assert result.articles == 1
    assert any("entities were looked for in its first 100,000 only" in w for w in result.warnings)
    store = open_store(tmp_path / "out" / "store")
    (text,) = [q.object.value for q in store.quads_for_pattern(None, T.SCHEMA.text, None)]
    assert len(text) > 50_000_000


def test_unreadable_entries_still_become_articles_with_warnings(tmp_path, lexicon):
    path = tmp_path / "odd.txt"
    lines = [
        "Vienna, 31 February 2024. An impossible date.",
        "Vienna, 8 January 2025. A good entry.",
        "A paragraph with no date at all, " * 12,
        "A title only",
    ]
    path.write_text("\n".join(lines) + "\n")
    result = build([path], tmp_path / "out", lexicon=lexicon, validate=False)
    assert result.entries == result.articles == 4
    assert "odd.txt:1: impossible dateline date '31 February 2024'" in result.warnings
    assert "odd.txt:4: title only: the entry has no text" in result.warnings
    assert "odd.txt:3: no dateline date" in result.warnings
    store = open_store(tmp_path / "out" / "store")
    warned = {q.subject for q in store.quads_for_pattern(None, T.UG.warning, None)}
    assert len(warned) == 3
    strict = CliRunner().invoke(
        main, ["build", str(path), "-o", str(tmp_path / "o2"), "--strict", "--no-validate"]
    )
    assert strict.exit_code == 1 and "warning: odd.txt:1: impossible dateline date" in strict.stderr


def test_ingest_is_idempotent_and_touches_only_its_graph(tmp_path, lexicon, corpus):
    out = tmp_path / "out"
    build([corpus], out, lexicon=lexicon, validate=False)
    before = {q for q in open_store(out / "store").quads_for_pattern(None, None, None)}
    extra = tmp_path / "extra.txt"
    extra.write_text(ENTRIES)
    first = ingest([extra], out, lexicon=lexicon, validate=False)
    assert first.notes[0].startswith("added <https://w3id.org/untoc-graph/id/source/extra-txt>")
    after_first = {q for q in open_store(out / "store").quads_for_pattern(None, None, None)}
    again = ingest([extra], out, lexicon=lexicon, validate=False)
    assert again.unchanged and again.warnings == first.warnings
    assert {q for q in open_store(out / "store").quads_for_pattern(None, None, None)} == after_first
    both = ingest([extra, corpus], out, lexicon=lexicon, validate=False)  # one read, not redone
    assert both.unchanged
    extra.write_text(ENTRIES + "Bogota, 14 March 2024. A meeting in Bogota.\n")
    updated = ingest([extra], out, lexicon=lexicon, validate=False)
    assert updated.notes[0].startswith("replaced <")
    now = {q for q in open_store(out / "store").quads_for_pattern(None, None, None)}
    corpus_graph = ox.NamedNode(
        "https://w3id.org/untoc-graph/id/source/unodc-organized-crime-news-txt"
    )
    assert {q for q in now if q.graph_name == corpus_graph} == before
    # remove withdraws the source completely, and only what nothing else mentions
    graph, count, result = remove("extra.txt", out, validate=False)
    final = {q for q in open_store(out / "store").quads_for_pattern(None, None, None)}
    assert final == before
    bogota = ox.NamedNode("https://w3id.org/untoc-graph/id/city/3688689")
    assert any(q.subject == bogota for q in final)  # still mentioned by the bundled corpus
    back = ingest([extra], out, lexicon=lexicon, validate=False)  # removed: read again
    assert not back.unchanged and back.notes[0].startswith("added <")


def test_an_unchanged_ingest_does_no_work_and_a_change_anywhere_undoes_that(
    tmp_path, lexicon, monkeypatch
):
    import json

    from untoc_graph import batches

    out, listing = tmp_path / "out", tmp_path / "extra.txt"
    listing.write_text(ENTRIES)
    build([listing], out, lexicon=lexicon, validate=False)
    ttl, record = (out / "untoc.ttl").read_bytes(), json.loads((out / "inputs.json").read_text())

    def no_reading(*args):
        raise AssertionError("the sources were read again")

    with monkeypatch.context() as patch:
        patch.setattr(batches, "_prepare", no_reading)
        assert ingest([listing], out, validate=False).unchanged
    assert (out / "untoc.ttl").read_bytes() == ttl
    said = CliRunner().invoke(main, ["ingest", str(listing), "-o", str(out)])
    assert said.exit_code == 0 and "unchanged: every source is as it was last read" in said.stderr
    # what the record holds no longer describes the store: read again
    (out / "inputs.json").write_text(json.dumps({**record, "stamp": "0" * 64}))
    assert not ingest([listing], out, lexicon=lexicon, validate=False).unchanged
    # another version of the tool, or of a library it reads with: read again
    (out / "inputs.json").write_text(json.dumps({**record, "recipe": "an older one"}))
    assert not ingest([listing], out, lexicon=lexicon, validate=False).unchanged
    assert ingest([listing], out, lexicon=lexicon, validate=False).unchanged
    # the listing's sources.json changes what it is (its URL, title, language): read again
    (tmp_path / "sources.json").write_text('{"extra.txt": {"language": "fr"}}')
    assert not ingest([listing], out, lexicon=lexicon, validate=False).unchanged
    (out / "inputs.json").write_text("{not json")  # unreadable: read again, never a traceback
    assert not ingest([listing], out, lexicon=lexicon, validate=False).unchanged


def test_two_builds_are_byte_identical(tmp_path, lexicon, corpus):
    build([corpus], tmp_path / "a", lexicon=lexicon, validate=False)
    build([corpus], tmp_path / "b", lexicon=lexicon, validate=False)
    for name in ("untoc.ttl", "graph.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


@pytest.mark.parametrize("delay", [0.3, 1.5, 3.0, 5.0, 7.0])
def test_a_killed_build_leaves_the_previous_outputs_intact(tmp_path, corpus, delay):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "untoc_graph", "build", str(corpus), "-o", str(out), "-q"]
    subprocess.run(command, check=True, capture_output=True)
    turtle = (out / "untoc.ttl").read_bytes()
    quads = set(open_store(out / "store").quads_for_pattern(None, None, None))
    changed = tmp_path / "changed.txt"
    changed.write_text(corpus.read_text() + "Vienna, 1 December 2025. One more entry.\n")
    process = subprocess.Popen(
        [*command[:4], str(changed), *command[5:]],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    reconcile(out)  # what the next build, ingest or remove does first
    store = open_store(out / "store")
    ttl_now = (out / "untoc.ttl").read_bytes()
    now = set(store.quads_for_pattern(None, None, None))
    # either the old outputs, whole, or (if the kill came late) the new ones, whole
    if now == quads:
        assert ttl_now == turtle
    else:
        assert (
            sum(1 for q in now if q.predicate == T.RDF.type and q.object == T.SCHEMA.NewsArticle)
            == 52
        )
    # and the Turtle file describes the store's graph: as many quads, the same ones
    parsed = {q.triple for q in ox.parse(ttl_now, format=ox.RdfFormat.TURTLE)}
    assert len(list(ox.parse(ttl_now, format=ox.RdfFormat.TURTLE))) == len(store)
    assert parsed == {q.triple for q in now}
    assert not [p.name for p in out.iterdir() if p.name.startswith((".untoc.ttl.", ".store."))]


lines = st.lists(
    st.one_of(
        st.text(max_size=120),
        st.sampled_from(
            [
                "Vienna, 8 January 2025. UNODC met in Vienna.",
                "![]() |",
                "Read more",
                "14 March 2024, Bogota (Colombia) - A meeting.",
                "A title",
                "",
                "Header:",
                "9-12 October 2023, Bangkok, Thailand - Text.",
                "Vienne, 8 novembre 2024.",
            ]
        ),
    ),
    max_size=12,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=lines)
def test_any_text_in_no_exception_out_every_entry_accounted(tmp_path_factory, lexicon, lines):
    path = tmp_path_factory.mktemp("any") / "l.txt"
    path.write_bytes("\n".join(lines).encode("utf-8", "replace"))
    try:
        found = read(path, lexicon)
    except SourceError as error:
        assert "no news entry" in str(error) or "binary" in str(error) or "HTML" in str(error)
        return
    numbers = [e.line for e in found]
    assert numbers == sorted(set(numbers))
    for entry in found:
        x = extract(entry, lexicon)
        for mention in x.mentions:
            source = entry.text if mention.field == "text" else entry.title
            assert 0 <= mention.start <= mention.end <= len(source)
            assert source[mention.start : mention.end] == mention.exact


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400))
def test_random_bytes_never_crash_the_reader(tmp_path_factory, lexicon, data):
    path = tmp_path_factory.mktemp("bytes") / "b.txt"
    path.write_bytes(data)
    try:
        for entry in read(path, lexicon):
            extract(entry, lexicon)
    except SourceError:
        pass
