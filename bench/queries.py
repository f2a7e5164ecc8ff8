"""Every named query's time on one store: the median of several runs, in one process, with the
rows each returns. Run it on the stores bench/scale.py builds (10k and 100k entries), before
and after a change to a query, and compare the columns.

    python bench/queries.py output/bench-10k/store --runs 5
    python bench/queries.py output/bench-10k/store --queries OLD_QUERIES_FOLDER
"""

import argparse
import re
import shlex
import statistics
import time
from pathlib import Path

from untoc_graph.query import bind, execute, named_queries
from untoc_graph.store import open_store


def rows(result) -> int:
    if isinstance(result, bool):
        return 1
    return sum(1 for _ in result)


def example_values(query) -> dict[str, str]:
    """The parameter values of the query's own example ("--param entity=…")."""
    words = shlex.split(query.example) if query.example else []
    return dict(
        re.match(r"(\w+)=(.*)", word).groups()
        for flag, word in zip(words, words[1:], strict=False)
        if flag == "--param"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", help="named queries to time (default: all)")
    parser.add_argument("--queries", type=Path, help="a folder of .rq files (default: queries/)")
    args = parser.parse_args()
    store = open_store(args.store)
    print(f"{'query':34} {'median ms':>10} {'min ms':>8} {'rows':>8}")
    for name, query in sorted(named_queries(args.queries).items()):
        if args.only and name not in args.only:
            continue
        times, count = [], 0
        for _ in range(args.runs):
            started = time.perf_counter()
            count = rows(execute(store, query.text, bind(query, example_values(query))))
            times.append((time.perf_counter() - started) * 1000)
        print(f"{name:34} {statistics.median(times):10.1f} {min(times):8.1f} {count:8,}")


if __name__ == "__main__":
    main()
