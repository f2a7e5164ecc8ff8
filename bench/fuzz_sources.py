"""Fuzz the listing reader and the extractor with random bytes and random listing-like text.

    python bench/fuzz_sources.py --seconds 60

Runs hypothesis for a bounded time (the test suite runs the same properties for 150 examples
each); prints how many inputs were tried. Any exception other than a SourceError is a bug, and
hypothesis prints the smallest input that shows it.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from untoc_graph.extract import extract
from untoc_graph.lexicon import default_lexicon
from untoc_graph.sources import SourceError, read_listing

PIECES = [
    "Vienna, 8 January 2025. ",
    "14 March 2024, Bogota (Colombia) - ",
    "Read more |",
    "![]() |",
    "Mr. John Doe, Director of UNODC, ",
    "On 22-24 May, ",
    "the Firearms Protocol ",
    "Iraqi Ministry of Interior ",
    "\n",
    "\r\n",
    "\x00",
    "\xff",
    "é",
    "<script>",
    "31 February 2024",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    lexicon = default_lexicon()
    folder = Path(tempfile.mkdtemp())
    tried = 0
    deadline = time.monotonic() + args.seconds
    inputs = st.one_of(
        st.binary(max_size=2000),
        st.lists(st.sampled_from(PIECES) | st.text(max_size=40), max_size=60).map(
            lambda parts: "".join(parts).encode("utf-8", "replace")
        ),
    )

    @settings(
        max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(data=inputs)
    def property_holds(data: bytes) -> None:
        nonlocal tried
        tried += 1
        path = folder / "listing.txt"
        path.write_bytes(data)
        try:
            for entry in read_listing(path, lexicon.gazetteer.is_place):
                x = extract(entry, lexicon)
                for mention in x.mentions:
                    source = entry.text if mention.field == "text" else entry.title
                    assert source[mention.start : mention.end] == mention.exact
        except SourceError:
            pass

    try:
        while time.monotonic() < deadline:  # batches of 200 random inputs until time is up
            property_holds()
    finally:
        print(
            f"{tried} inputs tried in {args.seconds:g} s; no failure" if tried else "no input tried"
        )


if __name__ == "__main__":
    main()
