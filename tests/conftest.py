import contextlib
from pathlib import Path

import pytest

from untoc_graph.lexicon import Lexicon, default_lexicon
from untoc_graph.pipeline import build, default_sources

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


@pytest.fixture(scope="session")
def fixture_store(tmp_path_factory) -> Path:
    """The hand-written graph of tests/fixtures/graph.trig, loaded once into a store on disk."""
    import pyoxigraph as ox

    path = tmp_path_factory.mktemp("fixture") / "store"
    store = ox.Store(str(path))
    store.load(path=str(HERE / "fixtures" / "graph.trig"), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    return path


@pytest.fixture(scope="session")
def dev_built(tmp_path_factory, lexicon):
    """The development corpus (tests/gold/dev) built once for the whole session."""
    output = tmp_path_factory.mktemp("dev-build")
    build(sorted((HERE / "gold" / "dev").glob("*.txt")), output, lexicon=lexicon, view=False)
    return output


@pytest.fixture
def listing(tmp_path):
    """Write a small listing file and return its path."""

    def write(text: str, name: str = "listing.txt", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return write


#: Chromium from Debian's packages, as the browser tests drive it (no browser download).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium under Playwright; fails loudly when Chromium is not installed."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: apt-get install chromium"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def port() -> int:
    """A free TCP port on loopback."""
    return free_port()


@contextlib.contextmanager
def endpoint(store: Path, *options: str):
    """`untoc-graph serve` on a free loopback port, started for the test and stopped after it;
    yields its base URL and process. Fails loudly when the server does not come up."""
    import subprocess
    import sys
    import time

    import httpx

    port = free_port()
    command = [sys.executable, "-m", "untoc_graph", "serve", "--store", str(store)]
    process = subprocess.Popen(
        [*command, "--port", str(port), *options], stderr=subprocess.PIPE, text=True
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    try:
        while True:
            try:
                httpx.get(f"{base}/queries", timeout=1)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"the server did not start: {process.stderr.read()}"
                    ) from None
                time.sleep(0.2)
        yield base, process
    finally:
        process.terminate()
        process.wait(10)
