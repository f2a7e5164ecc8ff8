"""Scale and speed: the build, its stages and the named queries at growing corpus sizes, with
rdflib's in-memory graph and Oxigraph's own load and dump measured side by side.

    python bench/scale.py                          # N = 1k, 10k, 100k; writes bench/results.md
    python bench/scale.py --sizes 1000 --jobs 2    # a quick look

For each N it generates a listing (``generate.py``, seeded) and measures, in one run:

- end to end: ``untoc-graph build --jobs J --no-validate`` in a child process — wall time,
  entries/s, triples/s, the peak memory of the whole process tree (proportional set size, sampled every 50 ms), the
  size of ``untoc.ttl``, and the build's own time per stage;
- per stage, in this process: read, extract and map (single process, on the first
  ``--stage-sample`` entries), store (our TriG bulk load of the build's Turtle) and export
  (``untoc.ttl`` written again from the store);
- the floor: Oxigraph's bulk load of ``untoc.ttl`` as plain Turtle and its Turtle dump;
- the baseline, in a child process under a time cap: rdflib's default in-memory graph parsing
  the same Turtle (store), serialising it (export), and running every named query;
- the median latency of every named query on the build's store (Oxigraph, in process).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import pyoxigraph as ox

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from generate import write  # noqa: E402

MB = 1024 * 1024


def generated(size: int, folder: Path) -> Path:
    path = folder / f"corpus-{size}.txt"
    if not path.exists():
        write(size, path, seed=1)
    return path


class PeakMemory:
    """The largest summed memory (PSS) of a process and its children, sampled."""

    def __init__(self, pid: int):
        self.process = psutil.Process(pid)
        self.peak = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._done.wait(0.05):
            try:
                tree = [self.process, *self.process.children(recursive=True)]
                total = 0
                for p in tree:  # proportional set size: pages the forked workers share with
                    with contextlib.suppress(psutil.Error):  # the main process count once
                        total += p.memory_full_info().pss
                self.peak = max(self.peak, total)
            except psutil.Error:
                return

    def stop(self) -> int:
        self._done.set()
        self._thread.join()
        return self.peak


def end_to_end(corpus: Path, output: Path, jobs: int) -> dict:
    command = [sys.executable, "-m", "untoc_graph", "build", str(corpus), "-o", str(output)]
    command += ["--jobs", str(jobs), "--no-validate", "--no-view", "-q"]
    started = time.perf_counter()
    child = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    memory = PeakMemory(child.pid)
    _, err = child.communicate()
    seconds = time.perf_counter() - started
    peak = memory.stop()
    if child.returncode:
        raise SystemExit(f"build failed:\n{err}")
    timings = {}
    for line in err.splitlines():
        if line.startswith("time: "):
            for part in line[6:].split("; "):
                if found := re.fullmatch(r"(.+) (\d+(?:\.\d+)?) s", part):
                    timings[found[1]] = float(found[2])  # not "in all … (start-up … included)"
    return {"seconds": seconds, "peak_mb": peak / MB, "stages": timings, "log": err}


def stages(corpus: Path, output: Path, sample: int) -> dict:
    """Each stage alone, in this process."""
    from untoc_graph.extract import extract
    from untoc_graph.lexicon import default_lexicon
    from untoc_graph.mapping import Minter, map_entry
    from untoc_graph.pages import read_any
    from untoc_graph.terms import prefixes
    from untoc_graph.turtle import TrigReader, turtle_sections, write_turtle

    batches = importlib.import_module("untoc_graph.batches")
    lexicon = default_lexicon()
    found = {}
    started = time.perf_counter()
    _, entries = read_any(corpus, lexicon.gazetteer.is_place)
    entries = list(entries)
    found["read"] = (len(entries), time.perf_counter() - started)
    part = entries[:sample]
    started = time.perf_counter()
    extractions = [extract(e, lexicon) for e in part]
    found["extract"] = (len(part), time.perf_counter() - started)
    mint = Minter()
    graph = mint.source(corpus.name)
    batches._context = (lexicon, mint, prefixes(mint.base))
    started = time.perf_counter()
    for x in extractions:
        own, shared = map_entry(x, mint, graph)
        batches.statements(own, batches._context[2])
        for triples in shared.values():
            batches._block(tuple(triples))
    found["map"] = (len(part), time.perf_counter() - started)
    turtle = output / "untoc.ttl"
    header, sections = turtle_sections(turtle)
    folder = output / "bench-store"
    shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    store = ox.Store(str(folder))
    store.bulk_load(
        TrigReader(header, [(g, turtle, *s) for g, s in sections.items()]), ox.RdfFormat.TRIG
    )
    store.flush()
    found["store"] = (len(entries), time.perf_counter() - started)
    started = time.perf_counter()
    quads = write_turtle(store, output / "export.ttl")
    found["export"] = (len(entries), time.perf_counter() - started)
    del store
    shutil.rmtree(folder, ignore_errors=True)
    (output / "export.ttl").unlink()
    return {"stages": found, "quads": quads}


def floor(turtle: Path, folder: Path) -> dict:
    """Oxigraph's own bulk load of the Turtle file and its Turtle dump."""
    shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    store = ox.Store(str(folder))
    store.bulk_load(path=str(turtle), format=ox.RdfFormat.TURTLE)
    store.flush()
    load = time.perf_counter() - started
    started = time.perf_counter()
    store.dump(str(folder) + ".ttl", ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
    dump = time.perf_counter() - started
    del store
    shutil.rmtree(folder, ignore_errors=True)
    os.unlink(str(folder) + ".ttl")
    return {"load": load, "dump": dump}


def query_cases() -> list[tuple[str, str, dict[str, str]]]:
    """Every named query with the parameter values of its example."""
    import shlex

    from untoc_graph.query import named_queries

    cases = []
    for name, query in named_queries().items():
        words = shlex.split(query.example)
        values = dict(
            words[i + 1].split("=", 1) for i, w in enumerate(words[:-1]) if w == "--param"
        )
        cases.append((name, query.text, values))
    return cases


def our_queries(store_path: Path, runs: int) -> dict[str, dict]:
    from untoc_graph.query import bind, execute, named_queries
    from untoc_graph.store import open_store

    store = open_store(store_path)
    queries = named_queries()
    found = {}
    for name, text, values in query_cases():
        substitutions = bind(queries[name], values)
        times, rows = [], 0
        for run in range(runs + 1):  # the first run warms the caches and is not counted
            started = time.perf_counter()
            rows = len(list(execute(store, text, substitutions)))
            times.append(time.perf_counter() - started)
            if run == 2 and times[0] > 2:  # a slow query: two counted runs are enough
                break
        found[name] = {"median": statistics.median(times[1:]), "rows": rows, "runs": len(times) - 1}
    return found


def baseline(turtle: Path, cap: float) -> dict:
    """rdflib's default in-memory graph on the same triples (run in a child process)."""
    import resource

    import rdflib

    from untoc_graph.query import named_queries
    from untoc_graph.terms import prefixes

    found: dict = {}
    started = time.perf_counter()
    graph = rdflib.Graph()
    graph.parse(str(turtle), format="turtle")
    found["store"] = time.perf_counter() - started
    found["triples"] = len(graph)
    print(json.dumps({"partial": found}), flush=True)
    started = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        graph.serialize(sink, format="turtle")
    found["export"] = time.perf_counter() - started
    print(json.dumps({"partial": found}), flush=True)
    for name, namespace in prefixes().items():
        graph.bind(name, namespace, replace=True)
    queries = named_queries()

    def stop(*_):
        raise TimeoutError

    signal.signal(signal.SIGALRM, stop)
    found["queries"] = {}
    for name, text, values in query_cases():
        bindings = {}
        for param in queries[name].params:
            value = values.get(param.name, param.default)
            if value is not None:
                bindings[param.name] = _rdflib_term(param.term(value))
        times = []
        try:
            for _ in range(3):
                signal.setitimer(signal.ITIMER_REAL, cap)
                started = time.perf_counter()
                rows = len(list(graph.query(text, initBindings=bindings)))
                times.append(time.perf_counter() - started)
                signal.setitimer(signal.ITIMER_REAL, 0)
                if times[-1] > 5:
                    break
            found["queries"][name] = {"median": statistics.median(times), "rows": rows}
        except TimeoutError:
            found["queries"][name] = {"median": None, "capped": cap}
        print(json.dumps({"partial": found}), flush=True)
    found["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return found


def _rdflib_term(term):
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def run_baseline(turtle: Path, cap: float, total: float) -> dict:
    command = [sys.executable, __file__, "--baseline", str(turtle), "--cap", str(cap)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    found: dict = {}
    deadline = time.monotonic() + total

    def read() -> None:
        for line in child.stdout:
            record = json.loads(line)
            found.update(record.get("partial") or record.get("done") or {})

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(max(0.0, deadline - time.monotonic()))
    if child.poll() is None:
        child.kill()
        found["stopped"] = f"stopped after {total:.0f} s"
    child.wait()
    return found


def rate(count: float, seconds: float | None) -> str:
    return f"{count / seconds:,.0f}" if seconds else "–"


def ratio(ours: float | None, theirs: float | None) -> str:
    if not (ours and theirs):
        return "–"
    return f"{theirs / ours:,.0f}×" if theirs / ours >= 10 else f"{theirs / ours:.1f}×"


def report(results: list[dict], jobs: int, plot: Path) -> str:
    lines = [
        "# Scale benchmark",
        "",
        f"`python bench/scale.py` on {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"pyoxigraph {ox.__version__}; end to end with `--jobs {jobs} --no-validate --no-view`. "
        f"Generated listings (`bench/generate.py`, seed 1). What the figures mean and where the "
        "time goes: [docs/scaling.md](../docs/scaling.md).",
        "",
        "## End to end",
        "",
        "| entries | quads | wall s | entries/s | triples/s | peak memory MB | untoc.ttl MB | "
        "stages (build's own timing) |",
        "|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        e = r["end_to_end"]
        spent = "; ".join(f"{k} {v:.1f} s" for k, v in e["stages"].items())
        lines.append(
            f"| {r['size']:,} | {r['quads']:,} | {e['seconds']:.1f} | {rate(r['size'], e['seconds'])} "
            f"| {rate(r['quads'], e['seconds'])} | {e['peak_mb']:,.0f} | {r['turtle_mb']:,.1f} | {spent} |"
        )
    lines += [
        "",
        "## Per stage, and against rdflib and Oxigraph's own floor",
        "",
        "Read, extract and map run in one process; store is our TriG bulk load of `untoc.ttl`; "
        "export writes `untoc.ttl` again from the store. rdflib: `Graph().parse` of the same "
        "Turtle (store) and `serialize(format='turtle')` (export). Floor: Oxigraph's "
        "`bulk_load` of `untoc.ttl` as plain Turtle into a fresh store, and its Turtle `dump`.",
        "",
        "| entries | stage | entries/s | triples/s | seconds | rdflib s | ours vs rdflib | floor s |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        base = r.get("baseline", {})
        for stage, (count, seconds) in r["stages"].items():
            triples = r["quads"] * count / r["size"]
            theirs = base.get(stage) if stage in ("store", "export") else None
            floor_s = {"store": r["floor"]["load"], "export": r["floor"]["dump"]}.get(stage)
            lines.append(
                f"| {r['size']:,} | {stage}{'' if count == r['size'] else f' (first {count:,})'} "
                f"| {rate(count, seconds)} | {rate(triples, seconds)} | {seconds:.2f} "
                f"| {f'{theirs:.1f}' if theirs else '–'} | {ratio(seconds, theirs)} "
                f"| {f'{floor_s:.1f}' if floor_s else '–'} |"
            )
    lines += ["", "## Named queries: median latency, ms", ""]
    header = f"| query | rows at {results[-1]['size']:,} | " + " | ".join(
        f"{r['size']:,}" for r in results
    )
    header += " | " + " | ".join(f"rdflib {r['size']:,}" for r in results if r.get("baseline"))
    header += " | " + " | ".join(f"ratio {r['size']:,}" for r in results if r.get("baseline"))
    lines += [header + " |", "|---|" + "---:|" * (header.count("|") - 1)]
    for name in results[0]["queries"]:
        cells = [f"{r['queries'][name]['median'] * 1000:,.1f}" for r in results]
        theirs, ratios = [], []
        for r in results:
            base = r.get("baseline")
            if not base:
                continue
            found = base.get("queries", {}).get(name)
            if not found or found.get("median") is None:
                theirs.append(f"> {found['capped']:.0f} s" if found else "not run")
                ratios.append("–")
            else:
                theirs.append(f"{found['median'] * 1000:,.0f}")
                ratios.append(ratio(r["queries"][name]["median"], found["median"]))
        rows = f"{results[-1]['queries'][name]['rows']:,}"
        lines.append(f"| {name} | {rows} | " + " | ".join(cells + theirs + ratios) + " |")
    lines += ["", "## Baseline runs", ""]
    for r in results:
        base = r.get("baseline")
        if base:
            extra = f"; {base['stopped']}" if base.get("stopped") else ""
            peak = f"{base['peak_mb']:,.0f} MB" if base.get("peak_mb") else "not recorded"
            lines.append(f"- {r['size']:,} entries: rdflib peak memory {peak}{extra}")
        else:
            lines.append(f"- {r['size']:,} entries: rdflib not run ({r.get('baseline_skipped')})")
    lines += ["", f"![throughput and memory against N]({plot.name})", ""]
    return "\n".join(lines)


def draw(results: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["size"] for r in results]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.plot(
        sizes, [r["size"] / r["end_to_end"]["seconds"] for r in results], "o-", label="end to end"
    )
    for stage in ("extract", "map", "store", "export"):
        left.plot(
            sizes,
            [r["stages"][stage][0] / r["stages"][stage][1] for r in results],
            ".--",
            label=stage,
        )
    left.set(xscale="log", yscale="log", xlabel="entries", ylabel="entries/s", title="Throughput")
    left.legend()
    right.plot(
        sizes, [r["end_to_end"]["peak_mb"] for r in results], "o-", label="build (all processes)"
    )
    right.axhline(1536, color="grey", linestyle=":", label="1.5 GB")
    right.set(xscale="log", xlabel="entries", ylabel="peak MB", title="Memory")
    right.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=5, help="runs per named query")
    parser.add_argument("--stage-sample", type=int, default=20_000)
    parser.add_argument("--cap", type=float, default=60.0, help="seconds per rdflib query")
    parser.add_argument("--baseline-total", type=float, default=1800.0)
    parser.add_argument("--baseline-up-to", type=int, default=5_000_000, help="quads")
    parser.add_argument("--work", type=Path, default=None, help="keep corpora and builds here")
    parser.add_argument("-o", "--output", type=Path, default=HERE / "results.md")
    parser.add_argument("--baseline", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--report-from", type=Path, metavar="JSON", help="write the report of an earlier run"
    )
    args = parser.parse_args()
    if args.report_from:
        results = json.loads(args.report_from.read_text())
        plot = args.output.with_suffix(".png")
        draw(results, plot)
        args.output.write_text(report(results, args.jobs, plot))
        return
    if args.baseline:
        print(json.dumps({"done": baseline(args.baseline, args.cap)}), flush=True)
        return
    work = args.work or Path(tempfile.mkdtemp(prefix="untoc-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = []
    for size in args.sizes:
        corpus = generated(size, work)
        output = work / f"build-{size}"
        print(f"== {size:,} entries", flush=True)
        result = {"size": size, "end_to_end": end_to_end(corpus, output, args.jobs)}
        print(
            f"end to end {result['end_to_end']['seconds']:.1f} s, peak {result['end_to_end']['peak_mb']:,.0f} MB",
            flush=True,
        )
        result["turtle_mb"] = (output / "untoc.ttl").stat().st_size / MB
        result.update(stages(corpus, output, args.stage_sample))
        print(f"stages {result['stages']}", flush=True)
        result["floor"] = floor(output / "untoc.ttl", work / "floor-store")
        print(f"floor {result['floor']}", flush=True)
        result["queries"] = our_queries(output / "store", args.runs)
        print(
            f"queries: slowest {max(q['median'] for q in result['queries'].values()) * 1000:.0f} ms",
            flush=True,
        )
        if result["quads"] <= args.baseline_up_to:
            result["baseline"] = run_baseline(output / "untoc.ttl", args.cap, args.baseline_total)
            print(
                f"baseline {json.dumps({k: v for k, v in result['baseline'].items() if k != 'queries'})}",
                flush=True,
            )
        else:
            result["baseline_skipped"] = (
                f"{result['quads']:,} quads is past --baseline-up-to {args.baseline_up_to:,}; "
                "rdflib's in-memory graph would need more memory than this machine has"
            )
        result["end_to_end"].pop("log")
        results.append(result)
        (work / "results.json").write_text(json.dumps(results, indent=1, default=str))
    plot = args.output.with_suffix(".png")
    draw(results, plot)
    args.output.write_text(report(results, args.jobs, plot))
    print(args.output.read_text())


if __name__ == "__main__":
    main()
