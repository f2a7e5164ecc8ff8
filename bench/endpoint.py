"""untoc-graph's endpoint against Oxigraph's own server: throughput and latency side by side.

Copies a built store twice into a temporary folder, serves one copy with
``untoc-graph serve`` and the other with ``oxigraph serve-read-only --union-default-graph``
(untoc-graph queries the union of the named graphs as the default graph), both on loopback,
and drives each in turn with the same asyncio clients (one keep-alive ``httpx.AsyncClient``
per client, requests back to back), after a short warm-up of each. Every phase is bounded in
wall time: clients send for ``--seconds``, then wait for the answer in flight (at most 15 s,
both servers stopping a query at 10 s). Both servers are stopped, with whatever they started,
and the copies removed at the end, whatever happens.

Phases, each at every client count of ``--clients``:

- cheap ASK: ``ASK { ?s ?p ?o }``;
- named: the text of the named query ``cities-by-events``, sent as a plain SPARQL query;
- mix: 90% cheap ASK, 10% the named query.

Prints a markdown table: requests per second (2xx answers back within the phase), the 50th
and 95th percentiles of the latency of 2xx answers and the count of the others for each server,
and the ratios untoc-graph / oxigraph of throughput and median latency. It first checks once
that both servers give the same rows for the named query (exit status 1 if not). ``--json FILE``
also writes the raw figures.

    python bench/endpoint.py --store output/store --seconds 5
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import httpx

from untoc_graph.query import named_queries

sys.path.insert(0, str(Path(__file__).parent))

from load import free_port, percentile  # noqa: E402

CHEAP = "ASK { ?s ?p ?o }"
NAMED_QUERY = "cities-by-events"
RESULTS_JSON = "application/sparql-results+json"
SERVER_TIMEOUT = 10.0  # seconds each server may spend on one query
CLIENT_TIMEOUT = SERVER_TIMEOUT + 5  # seconds a client waits for one answer
START_DEADLINE = 60.0  # seconds a server has to start answering
NAMED_SHARE = {"cheap ASK": 0.0, "named": 1.0, "mix": 0.1}  # phase -> share of named queries


class Sample(NamedTuple):
    latency: float  # seconds
    status: int  # HTTP status; 0 when no answer came
    in_time: bool  # whether it finished within the phase


@dataclass
class Server:
    name: str
    base: str  # http://127.0.0.1:PORT
    path: str  # where SPARQL queries go
    process: subprocess.Popen
    log: Path


@dataclass
class Figures:
    requests: int
    successes: int
    errors: dict[str, int]  # status -> count, for non-2xx answers ("0": no answer)
    seconds: float  # the phase's length
    wall_seconds: float  # until the last request sent within it came back
    per_second: float  # 2xx answers that came back within the phase, per second
    p50_ms: float  # percentiles of the latency of every 2xx answer
    p95_ms: float
    p99_ms: float
    slowest_ms: float  # of any request, errors included


@dataclass
class Row:
    phase: str
    clients: int
    servers: dict[str, Figures] = field(default_factory=dict)


def free_ports(count: int) -> list[int]:
    ports: set[int] = set()
    while len(ports) < count:
        ports.add(free_port())
    return sorted(ports)


# servers


@contextmanager
def running(name: str, command: list[str], port: int, path: str, log: Path) -> Iterator[Server]:
    """Start a server, wait until it answers, and always stop it afterwards."""
    with log.open("wb") as sink:
        process = subprocess.Popen(
            command, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = Server(name, f"http://127.0.0.1:{port}", path, process, log)
    try:
        wait_ready(server)
        yield server
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    """Stop a server, then whatever it started: it leads its own process group."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def wait_ready(server: Server) -> None:
    """Wait until the server answers HTTP at all (an error status is counted later)."""
    deadline = time.monotonic() + START_DEADLINE
    while True:
        try:
            timeout = httpx.Timeout(CLIENT_TIMEOUT, connect=2)
            httpx.post(server.base + server.path, data={"query": CHEAP}, timeout=timeout)
            return
        except httpx.TransportError:
            pass
        if server.process.poll() is not None or time.monotonic() > deadline:
            tail = server.log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"{server.name} did not start answering:\n{tail}")
        time.sleep(0.2)


def untoc_command(store: Path, port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "untoc_graph",
        "serve",
        "--store",
        str(store),
        "--port",
        str(port),
        "--timeout",
        str(SERVER_TIMEOUT),
    ]


def oxigraph_command(binary: str, store: Path, port: int) -> list[str]:
    return [
        binary,
        "serve-read-only",
        "--location",
        str(store),
        "--bind",
        f"127.0.0.1:{port}",
        "--union-default-graph",
        "--timeout-s",
        str(int(SERVER_TIMEOUT)),
    ]


# the same answer


def rows_of(server: Server, query: str) -> tuple[list[str], list[str]]:
    """The variables and the sorted rows (canonical JSON) of a SELECT answer."""
    response = httpx.post(
        server.base + server.path,
        data={"query": query},
        headers={"Accept": RESULTS_JSON},
        timeout=CLIENT_TIMEOUT,
    )
    response.raise_for_status()
    answer = response.json()
    rows = sorted(json.dumps(row, sort_keys=True) for row in answer["results"]["bindings"])
    return answer["head"]["vars"], rows


def compare(servers: list[Server], query: str) -> bool:
    """Whether the servers give the same variables and rows for the query; prints the verdict."""
    try:
        (vars_a, rows_a), (vars_b, rows_b) = (rows_of(server, query) for server in servers)
    except (httpx.HTTPError, ValueError, KeyError) as error:
        print(f"{NAMED_QUERY}: could not compare the answers: {error}\n", flush=True)
        return False
    agree = vars_a == vars_b and rows_a == rows_b
    names = " and ".join(server.name for server in servers)
    verdict = "agree" if agree else "DISAGREE"
    print(
        f"{NAMED_QUERY}: {names} {verdict} ({len(rows_a)} rows against {len(rows_b)} rows)\n",
        flush=True,
    )
    return agree


# load


def picker(share_named: float, seed: int, named: str) -> Callable[[], str]:
    rng = random.Random(seed)
    return lambda: named if rng.random() < share_named else CHEAP


async def one_client(server: Server, pick: Callable[[], str], stop_at: float) -> list[Sample]:
    samples: list[Sample] = []
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    headers = {"Accept": RESULTS_JSON}
    async with httpx.AsyncClient(
        base_url=server.base, timeout=CLIENT_TIMEOUT, limits=limits, headers=headers
    ) as client:
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            try:
                response = await client.post(server.path, data={"query": pick()})
                await response.aread()
                status = response.status_code
            except httpx.HTTPError:
                status = 0
            finished = time.perf_counter()
            samples.append(Sample(finished - started, status, finished <= stop_at))
    return samples


async def load(
    server: Server, clients: int, seconds: float, share_named: float, named: str
) -> tuple[list[Sample], float]:
    """Every sample of `clients` clients sending for `seconds`, and the wall time they took."""
    started = time.perf_counter()
    stop_at = started + seconds
    batches = await asyncio.gather(
        *(
            one_client(server, picker(share_named, index, named), stop_at)
            for index in range(clients)
        )
    )
    return [sample for batch in batches for sample in batch], time.perf_counter() - started


def figures(samples: list[Sample], seconds: float, wall: float) -> Figures:
    good = [sample for sample in samples if 200 <= sample.status < 300]
    times = [sample.latency for sample in good]
    errors = Counter(str(sample.status) for sample in samples if not 200 <= sample.status < 300)
    return Figures(
        requests=len(samples),
        successes=len(good),
        errors=dict(sorted(errors.items())),
        seconds=seconds,
        wall_seconds=wall,
        per_second=sum(sample.in_time for sample in good) / seconds,
        p50_ms=percentile(times, 0.50) * 1000,
        p95_ms=percentile(times, 0.95) * 1000,
        p99_ms=percentile(times, 0.99) * 1000,
        slowest_ms=max((sample.latency for sample in samples), default=float("nan")) * 1000,
    )


def measure(
    servers: list[Server], counts: list[int], seconds: float, warmup: float, named: str
) -> list[Row]:
    for server in servers:  # warm-up: half cheap ASK, half the named query
        asyncio.run(load(server, max(counts), warmup, 0.5, named))
    rows = []
    for phase, share in NAMED_SHARE.items():
        for clients in counts:
            row = Row(phase, clients)
            for server in servers:
                samples, wall = asyncio.run(load(server, clients, seconds, share, named))
                row.servers[server.name] = figures(samples, seconds, wall)
            print(f"  done: {phase}, {clients} clients", file=sys.stderr, flush=True)
            rows.append(row)
    return rows


# report


def ratio(ours: float, theirs: float) -> str:
    return f"{ours / theirs:.2f}×" if theirs and math.isfinite(ours / theirs) else "–"


def table(rows: list[Row], ours: str, theirs: str) -> str:
    header = ["phase", "clients"]
    for name in (ours, theirs):
        header += [f"{name} req/s", f"{name} p50 ms", f"{name} p95 ms", f"{name} errors"]
    header += [f"throughput {ours}/{theirs}", f"p50 {ours}/{theirs}"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        cells = [row.phase, str(row.clients)]
        for name in (ours, theirs):
            got = row.servers[name]
            cells += [f"{got.per_second:.1f}", f"{got.p50_ms:.2f}", f"{got.p95_ms:.2f}"]
            cells.append(str(got.requests - got.successes))
        a, b = row.servers[ours], row.servers[theirs]
        cells += [ratio(a.per_second, b.per_second), ratio(a.p50_ms, b.p50_ms)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def error_notes(rows: list[Row]) -> list[str]:
    """One line per server and phase that had errors: their statuses (0: no answer)."""
    return [
        f"{name}, {row.phase}, {row.clients} clients: HTTP {got.errors}, "
        f"slowest request {got.slowest_ms / 1000:.1f} s"
        for row in rows
        for name, got in row.servers.items()
        if got.errors
    ]


def write_json(path: Path, args: argparse.Namespace, agree: bool, rows: list[Row]) -> None:
    data = {
        "store": str(args.store),
        "seconds": args.seconds,
        "warmup": args.warmup,
        "named_query": NAMED_QUERY,
        "named_query_agrees": agree,
        "rows": [
            {
                "phase": row.phase,
                "clients": row.clients,
                "servers": {name: vars(f) for name, f in row.servers.items()},
            }
            for row in rows
        ],
    }
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("output/store"), help="a built store")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each phase")
    parser.add_argument("--clients", default="1,8", help="client counts, comma-separated")
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds of warm-up per server")
    parser.add_argument("--oxigraph", default="oxigraph", help="the oxigraph server binary")
    parser.add_argument("--json", type=Path, help="also write the raw figures to this file")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    counts = [int(part) for part in args.clients.split(",") if part.strip()]
    binary = shutil.which(args.oxigraph)
    if not (args.store / "CURRENT").is_file():
        print(f"no store at {args.store}", file=sys.stderr)
        return 2
    if binary is None:
        print(f"no {args.oxigraph} binary on PATH", file=sys.stderr)
        return 2
    try:
        agree, rows = run(args, binary, counts)
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 2
    print(table(rows, "untoc-graph", "oxigraph"))
    notes = error_notes(rows)
    if notes:
        print("\nerrors:\n" + "\n".join(f"- {note}" for note in notes))
    if args.json:
        write_json(args.json, args, agree, rows)
    return 0 if agree else 1


def run(args: argparse.Namespace, binary: str, counts: list[int]) -> tuple[bool, list[Row]]:
    """Serve two copies of the store, compare their answers, measure; always clean up."""
    named = named_queries()[NAMED_QUERY].text
    with tempfile.TemporaryDirectory(prefix="endpoint-bench-") as scratch, ExitStack() as stack:
        folder = Path(scratch)
        ours, theirs = folder / "untoc-graph", folder / "oxigraph"
        shutil.copytree(args.store, ours)
        shutil.copytree(args.store, theirs)
        port_a, port_b = free_ports(2)
        servers = [
            stack.enter_context(
                running(
                    "untoc-graph",
                    untoc_command(ours, port_a),
                    port_a,
                    "/sparql",
                    folder / "untoc-graph.log",
                )
            ),
            stack.enter_context(
                running(
                    "oxigraph",
                    oxigraph_command(binary, theirs, port_b),
                    port_b,
                    "/query",
                    folder / "oxigraph.log",
                )
            ),
        ]
        agree = compare(servers, named)
        return agree, measure(servers, counts, args.seconds, args.warmup, named)


if __name__ == "__main__":
    sys.exit(main())
