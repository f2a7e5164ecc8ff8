"""Time until the network view is drawn and interactive, in headless Chromium (Debian's).

    python bench/view.py                  # the bundled corpus's view and a 5,000-node graph

Builds the bundled corpus's view into a temporary folder, and a synthetic view of 5,000 nodes
and 15,000 links (positions precomputed, physics off), then opens each from a file three times
and prints the median time from navigation to the first drawing.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
from playwright.sync_api import sync_playwright

from untoc_graph.pipeline import build, default_sources
from untoc_graph.views import KINDS, page_data, write_html

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def synthetic(nodes: int, edges: int, seed: int = 1) -> dict:
    rng = random.Random(seed)
    network = nx.gnm_random_graph(nodes, edges, seed=seed)
    network = nx.relabel_nodes(network, {n: f"https://example.org/node/{n}" for n in network})
    for node in network:
        network.nodes[node].update(
            label=f"Entity {node.rsplit('/', 1)[-1]}",
            kind=rng.choice(KINDS),
            weight=rng.randint(1, 30),
            sameAs=set(),
            articles=[],
        )
    for a, b in network.edges:
        network[a][b]["weight"] = rng.randint(1, 5)
    return page_data(network, nx.Graph(), {}, {})


def time_to_ready(browser, path: Path, runs: int = 3) -> list[float]:
    found = []
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1400, "height": 850})
        page.goto(path.as_uri())
        page.wait_for_function("window.untocView && window.untocView.ready", timeout=60_000)
        found.append(page.evaluate("window.untocView.readyAt") / 1000)
        page.close()
    return found


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        build(default_sources(), folder / "corpus", validate=False)
        started = time.perf_counter()
        write_html(synthetic(5000, 15000), folder / "synthetic.html", "5,000 nodes")
        write_seconds = time.perf_counter() - started
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for name, path in [
                ("bundled corpus", folder / "corpus" / "graph.html"),
                ("5,000 nodes", folder / "synthetic.html"),
            ]:
                times = time_to_ready(browser, path)
                size = path.stat().st_size / 1e6
                print(
                    f"{name}: drawn and interactive after median {statistics.median(times):.2f} s "
                    f"(min {min(times):.2f}, max {max(times):.2f}; page {size:.1f} MB)"
                )
            browser.close()
        print(f"5,000-node page: layout and write {write_seconds:.1f} s")


if __name__ == "__main__":
    sys.exit(main())
