"""Parallel, streaming builds: the output does not depend on the number of processes, and
ingest and remove give the Turtle and store a full build would."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from untoc_graph import batches, build, ingest, open_store, remove
from untoc_graph.mapping import Minter
from untoc_graph.turtle import turtle_sections


@pytest.fixture(scope="module")
def big(tmp_path_factory, corpus):
    """The bundled corpus twelve times over (612 entries): several batches per worker."""
    path = tmp_path_factory.mktemp("big") / "big.txt"
    lines = corpus.read_text("utf-8").splitlines()
    header, entries = lines[0], lines[1:]
    path.write_text("\n".join([header] + entries * 12) + "\n", "utf-8")
    return path


def quads(output) -> set[ox.Quad]:
    return set(open_store(output / "store").quads_for_pattern(None, None, None))


@pytest.mark.parametrize("jobs", [2, 3])
def test_parallel_builds_write_the_same_bytes(tmp_path, big, lexicon, jobs):
    one = build([big], tmp_path / "one", lexicon=lexicon, validate=False)
    many = build([big], tmp_path / "many", lexicon=lexicon, validate=False, jobs=jobs)
    assert one.entries == many.entries == 612
    turtle = (tmp_path / "one" / "untoc.ttl").read_bytes()
    assert turtle == (tmp_path / "many" / "untoc.ttl").read_bytes()
    assert one.warnings == many.warnings and one.triples == many.triples
    assert quads(tmp_path / "one") == quads(tmp_path / "many")


def test_the_turtle_has_one_section_per_source_and_holds_the_store(tmp_path, corpus, lexicon):
    other = tmp_path / "other.txt"
    other.write_text("Bogota, 14 March 2024. UNODC held a workshop on the Firearms Protocol.\n")
    build([corpus, other], tmp_path / "out", lexicon=lexicon, validate=False)
    turtle = tmp_path / "out" / "untoc.ttl"
    _, sections = turtle_sections(turtle)
    mint = Minter()
    assert list(sections) == [mint.source(corpus.name).value, mint.source("other.txt").value]
    parsed = {q.triple for q in ox.parse(path=str(turtle), format=ox.RdfFormat.TURTLE)}
    assert parsed == {q.triple for q in quads(tmp_path / "out")}


def test_ingest_and_remove_give_what_a_build_gives(tmp_path, corpus, lexicon):
    other = tmp_path / "other.txt"
    other.write_text("Bogota, 14 March 2024. UNODC held a workshop on the Firearms Protocol.\n")
    build([corpus, other], tmp_path / "whole", lexicon=lexicon, validate=False)
    build([corpus], tmp_path / "grown", lexicon=lexicon, validate=False)
    ingest([other], tmp_path / "grown", lexicon=lexicon, validate=False, jobs=2)
    whole = (tmp_path / "whole" / "untoc.ttl").read_bytes()
    assert (tmp_path / "grown" / "untoc.ttl").read_bytes() == whole
    assert quads(tmp_path / "grown") == quads(tmp_path / "whole")
    remove(corpus.name, tmp_path / "whole", validate=False)
    build([other], tmp_path / "alone", lexicon=lexicon, validate=False)
    alone = (tmp_path / "alone" / "untoc.ttl").read_bytes()
    assert (tmp_path / "whole" / "untoc.ttl").read_bytes() == alone
    assert quads(tmp_path / "whole") == quads(tmp_path / "alone")


def test_ingest_rewrites_a_missing_turtle_from_the_store(tmp_path, corpus, lexicon):
    other = tmp_path / "other.txt"
    other.write_text("Bogota, 14 March 2024. UNODC held a workshop on the Firearms Protocol.\n")
    build([corpus], tmp_path / "out", lexicon=lexicon, validate=False)
    (tmp_path / "out" / "untoc.ttl").unlink()
    ingest([other], tmp_path / "out", lexicon=lexicon, validate=False)
    turtle = tmp_path / "out" / "untoc.ttl"
    parsed = {q.triple for q in ox.parse(path=str(turtle), format=ox.RdfFormat.TURTLE)}
    assert parsed == {q.triple for q in quads(tmp_path / "out")}
    assert len(turtle_sections(turtle)[1]) == 2


def test_a_store_loaded_in_slices_holds_the_same_quads(tmp_path, big, lexicon, monkeypatch):
    build([big], tmp_path / "whole", lexicon=lexicon, validate=False, view=False)
    monkeypatch.setattr(batches, "LOAD_BYTES", 200_000)  # a dozen slices
    build([big], tmp_path / "sliced", lexicon=lexicon, validate=False, view=False)
    assert quads(tmp_path / "sliced") == quads(tmp_path / "whole")
