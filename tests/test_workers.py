"""The pool of query workers: started ahead, kept between queries, replaced when they must be."""

import os
import signal
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest

from untoc_graph.query import Limits, QueryTimeout, run, worker_pool
from untoc_graph.workers import Scheduler

ASK = "ASK { ?s ?p ?o }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture
def pool(fixture_store):
    started = worker_pool(fixture_store, keep=1)
    yield started
    started.close()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_one_worker_answers_query_after_query(fixture_store, pool):
    scheduler = Scheduler(4)
    b"".join(run(fixture_store, ASK, "json", pool=pool))
    [worker] = pool.idle
    before = worker.jobs
    for _ in range(20):
        assert b"true" in b"".join(run(fixture_store, ASK, "json", pool=pool, scheduler=scheduler))
    assert pool.idle == [worker] and worker.jobs == before + 20 and pool.busy == 0


def test_a_stopped_worker_is_replaced(fixture_store, pool):
    with pytest.raises(QueryTimeout):
        b"".join(run(fixture_store, HEAVY, "csv", limits=Limits(timeout=0.5), pool=pool))
    assert b"true" in b"".join(run(fixture_store, ASK, "json", pool=pool))
    assert pool.busy == 0


def _store(path, triples: int) -> None:
    store = ox.Store(str(path))
    for index in range(triples):
        store.add(
            ox.Quad(
                ox.NamedNode(f"http://example.org/{index}"),
                ox.NamedNode("http://example.org/p"),
                ox.Literal("x"),
            )
        )
    store.flush()
    del store


def test_a_store_swapped_in_is_read_anew(tmp_path):
    _store(tmp_path / "store", 1)
    _store(tmp_path / "new", 2)
    pool = worker_pool(tmp_path / "store", keep=1)
    try:
        assert b"1" in b"".join(run(tmp_path / "store", COUNT, "csv", pool=pool))
        (tmp_path / "store").rename(tmp_path / "old")
        (tmp_path / "new").rename(tmp_path / "store")
        assert b"2" in b"".join(run(tmp_path / "store", COUNT, "csv", pool=pool))
    finally:
        pool.close()


def test_workers_leave_when_whoever_started_them_is_gone(fixture_store):
    program = (
        "import time, sys\n"
        "from untoc_graph.query import worker_pool\n"
        f"pool = worker_pool({str(fixture_store)!r}, keep=2)\n"
        "while len(pool.idle) < 2: time.sleep(0.05)\n"
        "print(*[w.pid for w in pool.idle], flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", program], stdout=subprocess.PIPE, text=True)
    pids = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(pids) == 2 and all(_alive(pid) for pid in pids)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in pids)
