"""Where and when: the events of the graph on an offline world map and on a time line, each
one self-contained HTML page.

Both pages read the same data (:func:`event_data`): each event with its date (its start, else
its article's), type, instruments, places and the states and bodies stated to have played a role
in it, and each entry that reports it with the quoted evidence for its place, roles and
instruments. Country outlines are Natural Earth's (public domain) as packaged by the npm
``world-atlas`` package (``countries-110m.json``), decoded in the page by ``topojson-client``;
both are bundled, so a page makes no request to any other host. As in the network view, data
from the news reaches the page only as JSON in a non-executable script element and is shown
with ``textContent``.
"""

from __future__ import annotations

import html
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from .files import atomic_write
from .network import view_query
from .views import ROLE_NAMES, SUPPORTED, _json_for_script, quotes

__all__ = ["event_data", "write_map", "write_timeline"]

QUOTES_PER_ENTRY = 4
#: Past this many events, entries are listed without their quotes: reading every quote of the
#: graph takes about a second per thousand articles, and the page would be tens of megabytes.
QUOTED_EVENTS = 5000
ROLES = {p: r for p, r in ROLE_NAMES.items() if r in ("organiser", "host", "funder", "participant")}
CONCERNS = "https://w3id.org/untoc-graph/ontology#concerns"


def _value(row, name: str) -> str:
    term = row[name]
    return term.value if term is not None else ""


def event_data(store: ox.Store) -> dict:
    """Every event with what the map and the time line filter and show, as JSON-ready data."""
    events: dict[str, dict] = {}
    places: dict[str, dict] = {}
    headlines: dict[str, tuple[str, str]] = {}
    for row in store.query(view_query("view-event-facts.rq"), use_default_graph_as_union=True):
        iri, article = row["event"].value, row["article"].value
        published = _value(row, "published")
        headlines[article] = (published, _value(row, "headline") or article.rsplit("/", 1)[-1])
        event = events.setdefault(
            iri,
            {
                "id": iri,
                "name": _value(row, "name"),
                "type": _value(row, "type") or "event",
                "date": _value(row, "start") or published,
                "places": [],
                "instruments": [],
                "roles": {},
                "articles": [],
            },
        )
        if article not in event["articles"]:
            event["articles"].append(article)
        place = _value(row, "place")
        if place and place not in event["places"]:
            event["places"].append(place)
    for row in store.query(view_query("view-event-places.rq"), use_default_graph_as_union=True):
        places.setdefault(row["place"].value, _place(row))
    holders: dict[str, set[str]] = {}
    for row in store.query(view_query("view-event-links.rq"), use_default_graph_as_union=True):
        event = events.get(row["event"].value)
        if event is None:
            continue
        holder, prop = row["holder"].value, row["property"].value
        label = _value(row, "label") or holder.rsplit("/", 1)[-1]
        holders.setdefault(event["id"], set()).add(holder)
        if prop == CONCERNS:
            event["instruments"].append(label)
        else:
            event["roles"].setdefault(ROLES[prop], []).append(label)
    evidence = quotes(store) if len(events) <= QUOTED_EVENTS else {}
    for event in events.values():
        event["instruments"].sort()
        for names in event["roles"].values():
            names.sort()
        wanted = holders.get(event["id"], set()) | set(event["places"])
        entries = []
        for article in sorted(event.pop("articles"), key=lambda a: (headlines[a][0], a)):
            found = sorted(
                {q for entity in wanted for q in evidence.get((entity, article), ())},
                key=lambda q: (q.partition(": ")[0] not in SUPPORTED.values(), q),
            )
            date, headline = headlines[article]
            entries.append({"date": date, "headline": headline, "quotes": found[:QUOTES_PER_ENTRY]})
        event["entries"] = entries
    return {
        "events": sorted(events.values(), key=lambda e: (e["date"], e["id"])),
        "places": places,
        "quoted": len(events) <= QUOTED_EVENTS,
        "roles": sorted(set(ROLES.values())),
    }


def _place(row) -> dict:
    from .gazetteer import country_numeric

    code = _value(row, "country")
    place = {"label": _value(row, "placeName") or row["place"].value.rsplit("/", 1)[-1]}
    if row["lat"] is not None and row["long"] is not None:
        place["lat"], place["long"] = float(row["lat"].value), float(row["long"].value)
    if code:
        place["country"], place["numeric"] = code, country_numeric(code)
    return place


def _page(template: str, data: dict, title: str, **assets: str) -> bytes:
    web = resources.files("untoc_graph") / "web"
    page = (web / template).read_text("utf-8")
    page = page.replace("/*EVENTS_CSS*/", (web / "events.css").read_text("utf-8"))
    page = page.replace("/*EVENTS_JS*/", (web / "events.js").read_text("utf-8"))
    for marker, text in assets.items():
        page = page.replace(f"/*{marker}*/", text.replace("</script", "<\\/script"))
    page = page.replace("__TITLE__", html.escape(title)).replace("/*DATA*/", _json_for_script(data))
    return page.encode("utf-8")


def write_map(data: dict, path: str | Path, title: str = "untoc-graph: map") -> None:
    """Write the map page: country outlines, events as markers sized by count, filters."""
    web = resources.files("untoc_graph") / "web"
    world = (web / "world" / "countries-110m.json").read_text("utf-8")
    topojson = (web / "world" / "topojson-client.min.js").read_text("utf-8")
    atomic_write(path, _page("map.html", data, title, WORLD=world, TOPOJSON_JS=topojson))


def write_timeline(data: dict, path: str | Path, title: str = "untoc-graph: time line") -> None:
    """Write the time line page: events per month, stacked by type or instrument, filters."""
    atomic_write(path, _page("timeline.html", data, title))
