"""The map and the time line: offline, safe and counting what the graph holds, in headless
Chromium driven by Playwright. Expected figures come from SPARQL on the store, not from the
code that writes the pages."""

from pathlib import Path

from click.testing import CliRunner

from test_views import open_page
from untoc_graph.cli import main
from untoc_graph.pipeline import build
from untoc_graph.query import execute
from untoc_graph.store import open_store

PREFIXES = """PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX ug: <https://w3id.org/untoc-graph/ontology#>
PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
PREFIX gn: <http://www.geonames.org/ontology#>
"""


def count(store, where: str) -> int:
    text = f"{PREFIXES} SELECT (COUNT(DISTINCT ?event) AS ?n) WHERE {{ ?article schema:about ?event . {where} }}"
    return int(next(iter(execute(store, text)))["n"].value)


def test_map_counts_filters_and_click(built, browser):
    _, output = built
    store = open_store(output / "store")
    events = count(store, "")
    placed = count(
        store,
        "?event schema:location ?place . { ?place geo:lat ?lat } UNION { ?place gn:countryCode ?c }",
    )
    tip = count(store, "?event ug:concerns/skos:notation 'TIP'")
    funded = count(store, "?event schema:funder ?funder")
    assert events > placed > 0 and events > tip > 0 and funded > 0
    page, outside, errors = open_page(browser, output / "map.html", "untocMap")
    shown = page.evaluate("window.untocMap.shown")
    assert (shown["events"], shown["placed"]) == (events, placed)
    assert shown["placed"] + shown["unplaced"] == events
    # every event at a city is one marker's worth
    cities = count(store, "?event schema:location/geo:lat ?lat")
    assert (
        sum(
            int(c) for c in page.eval_on_selector_all(".marker", "m => m.map(c => c.dataset.count)")
        )
        >= cities
    )
    assert page.locator("path.country").count() > 170
    page.select_option("#instrument", "TIP")
    assert page.evaluate("window.untocMap.shown.events") == tip
    page.select_option("#instrument", "")
    page.select_option("#role", "funder")
    assert page.evaluate("window.untocMap.shown.events") == funded
    page.select_option("#role", "")
    # a click on Baghdad's marker lists its entry with the quoted evidence
    page.locator(".marker", has=page.locator("title", has_text="Baghdad")).click()
    panel = page.inner_text("#panel")
    assert panel.startswith("Baghdad") and "2024-07-02" in panel and "“Baghdad”" in panel
    assert "participant: Iraq" in panel
    assert outside == [] and errors == []
    page.close()


def test_timeline_counts_stacks_and_click(built, browser):
    _, output = built
    store = open_store(output / "store")
    events = count(store, "")
    page, outside, errors = open_page(browser, output / "timeline.html", "untocTimeline")
    shown = page.evaluate("window.untocTimeline.shown")
    assert shown["events"] + shown["undated"] == events
    bars = page.eval_on_selector_all(".bar", "b => b.map(r => +r.dataset.count)")
    assert sum(bars) == shown["events"]  # by type: one bar segment per event
    page.select_option("#stack", "instrument")
    by_instrument = page.eval_on_selector_all(".bar", "b => b.map(r => r.dataset.category)")
    assert "UNTOC" in by_instrument
    year = count(store, "?event schema:startDate ?d FILTER (YEAR(?d) = 2023)")
    page.select_option("#year", "2023")
    assert page.evaluate("window.untocTimeline.shown.events") >= year
    page.locator(".bar").first.click()
    panel = page.inner_text("#panel")
    assert panel.startswith("2023-") and "entr" in panel
    assert outside == [] and errors == []
    page.close()


PROBE = (
    "Probe <script>window.__pwned = 1</script> headline\n"
    'Vienna, 8 January 2025. UNODC held a workshop <img src=x onerror="window.__pwned = 2"> '
    "for officials in Vienna on the Firearms Protocol.\n"
)


def test_probe_in_map_and_timeline_never_runs(tmp_path, browser, lexicon):
    listing = tmp_path / "probe.txt"
    listing.write_text(PROBE)
    build([listing], tmp_path / "out", lexicon=lexicon, validate=False)
    for name, ready in (("map.html", "untocMap"), ("timeline.html", "untocTimeline")):
        page, outside, errors = open_page(browser, tmp_path / "out" / name, ready)
        if name == "map.html":
            page.locator(".marker").first.click()
        else:
            page.locator(".bar").first.click()
        assert "<script>window.__pwned = 1</script>" in page.inner_text("#panel")
        assert page.evaluate("window.__pwned") is None
        assert page.evaluate("document.querySelectorAll('#panel script, #panel img').length") == 0
        assert outside == [] and errors == []
        page.close()


def test_map_and_timeline_commands(built, tmp_path):
    _, output = built
    for command in ("map", "timeline"):
        target = tmp_path / "new" / "folder" / f"{command}.html"
        result = CliRunner().invoke(
            main, [command, "-o", str(target), "--store", str(output / "store")]
        )
        assert result.exit_code == 0, result.output
        assert target.exists() and result.stderr.startswith(f"wrote {target}: ")
    missing = CliRunner().invoke(main, ["map", "--store", str(tmp_path / "nothing")])
    assert missing.exit_code == 2 and len(missing.stderr.strip().splitlines()) == 1


def test_bundled_map_data_is_documented():
    world = Path(__file__).parents[1] / "src" / "untoc_graph" / "web" / "world"
    readme = (world / "README.md").read_text()
    assert "Natural Earth" in readme and "public domain" in readme
    for name in ("countries-110m.json", "topojson-client.min.js"):
        assert (world / name).stat().st_size > 1000 and name in readme
