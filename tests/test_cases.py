"""Golden cases as data: each folder of ``tests/cases`` holds a listing (``input.txt``) and the
Turtle its build must give (``expected.ttl``), compared as graphs. To add a case, write its
listing, build it (``untoc-graph build input.txt -o OUT --no-view``), read OUT/untoc.ttl
through, and keep it as ``expected.ttl`` once every triple is right."""

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from untoc_graph.pipeline import build

CASES = sorted(p for p in (Path(__file__).parent / "cases").iterdir() if p.is_dir())


def test_there_are_cases():
    assert len(CASES) >= 10


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.name)
def test_case(case, tmp_path, lexicon):
    build([case / "input.txt"], tmp_path, lexicon=lexicon, validate=False, view=False)
    got = Graph().parse(tmp_path / "untoc.ttl")
    expected = Graph().parse(case / "expected.ttl")
    if not isomorphic(got, expected):
        _, missing, extra = graph_diff(to_isomorphic(expected), to_isomorphic(got))
        lines = [f"- {' '.join(t.n3() for t in triple)}" for triple in sorted(missing)[:20]]
        lines += [f"+ {' '.join(t.n3() for t in triple)}" for triple in sorted(extra)[:20]]
        pytest.fail(f"{case.name}: the build differs from expected.ttl\n" + "\n".join(lines))
