"""The network view: offline, safe and working, in headless Chromium driven by Playwright."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from untoc_graph.cli import main
from untoc_graph.pipeline import build
from untoc_graph.store import open_store
from untoc_graph.views import (
    OVERVIEW_NODES,
    ViewError,
    ViewOptions,
    build_view,
    entity_network,
    select,
)

FIXTURE = Path(__file__).parent / "fixtures" / "graph.trig"

PROBE = (
    "Probe <script>window.__pwned = 1</script> headline\n"
    'Vienna, 8 January 2025. UNODC met <img src=x onerror="window.__pwned = 2"> officials '
    "in Vienna to discuss the Firearms Protocol.\n"
)


def open_page(browser, path, ready="untocView"):
    """Open a page from a file with the network blocked; collect requests and errors."""
    page = browser.new_page(viewport={"width": 1400, "height": 850})
    outside, errors = [], []

    def route(request_route):
        if request_route.request.url.startswith("file://"):
            request_route.continue_()
        else:
            outside.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_function(f"window.{ready} && window.{ready}.ready")
    return page, outside, errors


def click_node(page, node_id):
    point = page.evaluate(
        """(id) => { const v = window.untocView.network; const p = v.getPosition(id);
                     const d = v.canvasToDOM(p); const r = document.getElementById('network').getBoundingClientRect();
                     return {x: r.left + d.x, y: r.top + d.y}; }""",
        node_id,
    )
    page.mouse.click(point["x"], point["y"])


def test_bundled_view_offline_complete_and_interactive(built, browser):
    _, output = built
    store = open_store(output / "store")
    expected = select(entity_network(store), ViewOptions())
    page, outside, errors = open_page(browser, output / "graph.html")
    assert outside == [] and errors == []
    assert page.evaluate("window.untocView.nodes.length") == expected.number_of_nodes()
    assert page.evaluate("window.untocView.edges.length") == expected.number_of_edges()
    # the page opens on a readable overview: the best-connected entities, the biggest labelled
    # at 12 px or more on screen; the whole network is a click away
    total = expected.number_of_nodes()
    assert total > OVERVIEW_NODES
    assert page.inner_text("#stats").startswith(f"{OVERVIEW_NODES} of {total} nodes shown")
    labels = page.evaluate(
        """() => { const v = window.untocView, scale = v.network.getScale();
                   return v.labelled.map((id) => [v.nodes.get(id).label, v.nodes.get(id).font.size * scale]); }"""
    )
    assert len(labels) == 20 and all(label and size >= 12 for label, size in labels)
    heaviest = max(expected, key=lambda n: expected.nodes[n]["weight"])
    assert heaviest in page.evaluate("window.untocView.labelled")
    page.click("#whole")
    assert page.inner_text("#stats").startswith(f"{total} of {total} nodes shown")
    # the legend filters kinds
    countries = sum(1 for _, d in expected.nodes(data=True) if d["kind"] == "country")
    page.uncheck("input[data-kind=country]")
    assert page.inner_text("#stats").startswith(f"{total - countries} of {total} nodes shown")
    page.check("input[data-kind=country]")
    # the search box finds and focuses a node
    page.fill("#search", "Iraq")
    page.dispatch_event("#search", "change")
    assert page.evaluate("window.untocView.network.getSelectedNodes()") == [
        "https://w3id.org/untoc-graph/id/country/IQ"
    ]
    # a click on a node lists its entries with their evidence
    click_node(page, "https://w3id.org/untoc-graph/id/city/98182")
    panel = page.inner_text("#panel")
    assert panel.startswith("Baghdad") and "2024-07-02" in panel and "“Baghdad”" in panel
    page.close()


def test_injection_probe_never_runs(tmp_path, browser, lexicon):
    listing = tmp_path / "probe.txt"
    listing.write_text(PROBE)
    build([listing], tmp_path / "out", lexicon=lexicon, validate=False)
    page, outside, errors = open_page(browser, tmp_path / "out" / "graph.html")
    click_node(page, "https://w3id.org/untoc-graph/id/organization/unodc")
    panel = page.inner_text("#panel")
    assert "<script>window.__pwned = 1</script>" in panel
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('#panel script, #panel img').length") == 0
    assert outside == [] and errors == []
    page.close()


def test_focus_projection_and_limits(built):
    _, output = built
    store = open_store(output / "store")
    network, _ = build_view(store, ViewOptions(focus="Iraq"))
    assert "https://w3id.org/untoc-graph/id/country/IQ" in network
    assert all(
        network.has_edge("https://w3id.org/untoc-graph/id/country/IQ", n)
        for n in network
        if n != "https://w3id.org/untoc-graph/id/country/IQ"
    )
    projected, _ = build_view(store, ViewOptions(projection="country-instrument"))
    for a, b in projected.edges:
        assert {projected.nodes[a]["kind"], projected.nodes[b]["kind"]} == {"country", "instrument"}
    weights = [d["weight"] for _, _, d in projected.edges(data=True)]
    assert weights and all(w >= 1 for w in weights)
    with pytest.raises(ViewError, match="--focus NAME"):
        build_view(store, ViewOptions(max_nodes=10))
    with pytest.raises(ViewError, match="nothing in the view is named"):
        build_view(store, ViewOptions(focus="Atlantis"))
    early, _ = build_view(store, ViewOptions(until="2023-06-30\uffff"))
    assert "https://w3id.org/untoc-graph/id/country/IQ" not in early


def test_view_command(built, tmp_path):
    _, output = built
    target = tmp_path / "iraq.html"
    result = CliRunner().invoke(
        main,
        [
            "view",
            "--focus",
            "Iraq",
            "--depth",
            "2",
            "-o",
            str(target),
            "--store",
            str(output / "store"),
        ],
    )
    assert result.exit_code == 0 and target.exists()
    assert result.stderr.startswith(f"wrote {target}: ")
    too_big = CliRunner().invoke(
        main,
        [
            "view",
            "--max-nodes",
            "5",
            "--store",
            str(output / "store"),
            "-o",
            str(tmp_path / "x.html"),
        ],
    )
    assert too_big.exit_code == 2 and "export --format gexf" in too_big.stderr
    bad_kind = CliRunner().invoke(
        main, ["view", "--kind", "planet", "--store", str(output / "store")]
    )
    assert bad_kind.exit_code == 2 and "unknown kind 'planet'" in bad_kind.stderr
    for date in ("2024-13-45", "2023-02-29", "24-01"):
        page = tmp_path / "not-written.html"
        bad_date = CliRunner().invoke(
            main, ["view", "--since", date, "--store", str(output / "store"), "-o", str(page)]
        )
        assert bad_date.exit_code == 2 and "give a date as YYYY-MM-DD" in bad_date.stderr
        assert not page.exists()


def test_role_projection_draws_who_did_what(tmp_path):
    """--projection country-event --role participant keeps only the stated roles, and the
    evidence panel names the role a quote supports."""
    import pyoxigraph as ox

    store = ox.Store()
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    network, page = build_view(store, ViewOptions(projection="country-event", role="participant"))
    labels = {network.nodes[n]["label"] for n in network}
    assert {"Colombia", "Iraq"} <= labels and "Austria" not in labels
    assert all(d["role"] == "participant" for _, _, d in network.edges(data=True))
    assert network.number_of_edges() == 3
    with pytest.raises(ViewError, match="unknown role"):
        build_view(store, ViewOptions(projection="country-event", role="sponsor"))
    _, page = build_view(store, ViewOptions())
    colombia = next(n for n in page["nodes"] if n["label"] == "Colombia")
    quotes = [q for entry in colombia["entries"] for q in entry["quotes"]]
    assert "party to: Colombia ratified the Firearms Protocol" in quotes
