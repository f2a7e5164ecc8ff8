"""Load on the endpoint: throughput and latency with many clients, with and without slow queries.

Runs `untoc-graph serve` on loopback over a store (the bundled corpus's, built first when
``--store`` is not given) and drives it from one process with asyncio clients, each phase
bounded in time; everything stops by itself. Prints, for each phase, requests per second and
the 50th, 95th and 99th percentiles of latency:

- cheap: 40 clients asking a trivial ASK;
- named: 40 clients running a named query;
- cheap + 5% slow: 40 clients, one request in twenty a slow query (a cartesian COUNT);
- cheap under 45 slow: 45 slow queries in flight while one client asks the trivial ASK; its
  95th percentile must stay under 0.5 s.

    python bench/load.py [--store output/store] [--seconds 10]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

CHEAP = "ASK { ?s ?p ?o }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
NAMED = "/queries/cities-by-events"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


async def request(client: httpx.AsyncClient, kind: str) -> tuple[str, float, int]:
    started = time.perf_counter()
    if kind == "named":
        response = await client.get(NAMED, headers={"Accept": "application/json"})
    else:
        query = SLOW if kind == "slow" else CHEAP
        response = await client.post("/sparql", data={"query": query})
    return kind, time.perf_counter() - started, response.status_code


async def clients(base: str, count: int, seconds: float, pick) -> list[tuple[str, float, int]]:
    results: list[tuple[str, float, int]] = []
    stop = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=count + 50)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:

        async def one() -> None:
            while time.perf_counter() < stop:
                results.append(await request(client, pick()))

        await asyncio.gather(*(one() for _ in range(count)))
    return results


async def under_slow(base: str, slow: int, seconds: float) -> list[tuple[str, float, int]]:
    limits = httpx.Limits(max_connections=slow + 10)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
        flooding = [asyncio.create_task(request(client, "slow")) for _ in range(slow)]
        await asyncio.sleep(1.0)  # every slow query is in flight and past its fast budget
        results = []
        stop = time.perf_counter() + seconds
        while time.perf_counter() < stop:
            results.append(await request(client, "cheap"))
            await asyncio.sleep(0.05)
        for task in flooding:
            task.cancel()
        await asyncio.gather(*flooding, return_exceptions=True)
    return results


def report(name: str, results: list[tuple[str, float, int]], seconds: float) -> dict:
    rows = {}
    for kind in sorted({r[0] for r in results}):
        times = [t for k, t, _ in results if k == kind]
        codes = sorted({c for k, _, c in results if k == kind})
        rows[kind] = {
            "requests": len(times),
            "per_second": len(times) / seconds,
            "p50": percentile(times, 0.50),
            "p95": percentile(times, 0.95),
            "p99": percentile(times, 0.99),
            "codes": codes,
        }
        print(
            f"{name:<22} {kind:<6} {len(times):>6} req {len(times) / seconds:>8.1f}/s  "
            f"p50 {rows[kind]['p50'] * 1000:>7.1f} ms  p95 {rows[kind]['p95'] * 1000:>7.1f} ms  "
            f"p99 {rows[kind]['p99'] * 1000:>7.1f} ms  HTTP {codes}"
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a built store (default: build the corpus)")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each phase")
    parser.add_argument("--timeout", type=float, default=10.0, help="the server's --timeout")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        store = args.store
        if store is None:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "untoc_graph",
                    "build",
                    "-o",
                    scratch,
                    "--no-view",
                    "--no-validate",
                ],
                check=True,
                capture_output=True,
            )
            store = Path(scratch) / "store"
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "untoc_graph",
                "serve",
                "--store",
                str(store),
                "--port",
                str(port),
                "--timeout",
                str(args.timeout),
                "--max-workers",
                "64",
            ],
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    httpx.get(f"{base}/queries", timeout=1)
                    break
                except httpx.TransportError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        print("the server did not start", file=sys.stderr)
                        return 2
                    time.sleep(0.2)
            seconds = args.seconds
            rng = random.Random(1)
            report(
                "cheap, 40 clients",
                asyncio.run(clients(base, 40, seconds, lambda: "cheap")),
                seconds,
            )
            report(
                "named, 40 clients",
                asyncio.run(clients(base, 40, seconds, lambda: "named")),
                seconds,
            )
            mixed = asyncio.run(
                clients(base, 40, seconds, lambda: "slow" if rng.random() < 0.05 else "cheap")
            )
            report("5% slow, 40 clients", mixed, seconds)
            flood = report(
                "cheap under 45 slow", asyncio.run(under_slow(base, 45, seconds)), seconds
            )
            p95 = flood["cheap"]["p95"]
            print(
                f"cheap-query p95 while 45 slow queries run: {p95:.3f} s "
                f"({'under' if p95 < 0.5 else 'OVER'} the 0.5 s bound)"
            )
            return 0 if p95 < 0.5 else 1
        finally:
            server.terminate()
            server.wait(30)


if __name__ == "__main__":
    sys.exit(main())
