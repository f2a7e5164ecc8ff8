"""Extraction speed on one core: entries per second over a generated corpus.

    python bench/extraction.py            # 20,000 entries, 3 runs, prints the median

Reading the listing and compiling the lexicon are timed apart; extraction is single-process.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import write  # noqa: E402

from untoc_graph.extract import extract  # noqa: E402
from untoc_graph.lexicon import Lexicon  # noqa: E402
from untoc_graph.sources import read_listing  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    started = time.perf_counter()
    lexicon = Lexicon()
    compile_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        path = write(args.entries, Path(folder) / "corpus.txt")
        started = time.perf_counter()
        entries = list(read_listing(path, lexicon.gazetteer.is_place))
        read_seconds = time.perf_counter() - started
    rates, cpu_rates = [], []
    for _ in range(args.runs):
        started, cpu = time.perf_counter(), time.process_time()
        for entry in entries:
            extract(entry, lexicon)
        rates.append(len(entries) / (time.perf_counter() - started))
        cpu_rates.append(len(entries) / (time.process_time() - cpu))
    print(f"entries: {len(entries)}")
    print(f"lexicon compile: {compile_seconds:.2f} s")
    print(f"read: {len(entries) / read_seconds:,.0f} entries/s")
    print(
        f"extract (1 process), wall clock: median {statistics.median(rates):,.0f} entries/s "
        f"over {args.runs} runs (min {min(rates):,.0f}, max {max(rates):,.0f})"
    )
    print(
        f"extract (1 process), CPU time:   median {statistics.median(cpu_rates):,.0f} entries/s "
        f"(min {min(cpu_rates):,.0f}, max {max(cpu_rates):,.0f})"
    )


if __name__ == "__main__":
    main()
