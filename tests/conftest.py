from pathlib import Path

import pytest

from untoc_graph.build import build, default_sources
from untoc_graph.lexicon import Lexicon, default_lexicon

HERE = Path(__file__).parent
GOLD = HERE / "gold" / "bundled-corpus.jsonl"


@pytest.fixture(scope="session")
def gold_path() -> Path:
    return GOLD


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return default_lexicon()


@pytest.fixture(scope="session")
def corpus() -> Path:
    return default_sources()[0]


@pytest.fixture(scope="session")
def built(tmp_path_factory, lexicon):
    """The bundled corpus built once for the whole session."""
    output = tmp_path_factory.mktemp("build")
    result = build(default_sources(), output, lexicon=lexicon)
    return result, output


@pytest.fixture
def listing(tmp_path):
    """Write a small listing file and return its path."""

    def write(text: str, name: str = "listing.txt", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return write
