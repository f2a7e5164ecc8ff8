"""Query workers: queries run in forked processes that cannot reach the network, have a
memory and a processor-time bound per query, and are scheduled so that cheap queries keep
answering while slow ones run. A :class:`Pool` starts workers ahead of the queries and keeps
them between queries; a worker that was stopped, went to the slow lane or grew is replaced.

The decision "may this query reach the network?" is made by the kernel on what the engine
actually does, not by reading the query text: before it opens the store, a worker installs a
seccomp filter (through libseccomp) that kills the process when it asks for any socket other
than a Unix one (and for io_uring, which could open sockets behind the filter's back). A
``SERVICE`` clause, however it is written, ends the worker with ``SIGSYS`` before a single packet
leaves, and the caller reports the query as refused. seccomp filters need no privilege (the
process sets ``no_new_privs``); where libseccomp is missing (not Linux), :func:`confinement`
says so and the caller's text screen is the only guard.
"""

from __future__ import annotations

import contextlib
import faulthandler
import math
import os
import resource
import signal
import socket
import threading
import time
from dataclasses import dataclass, field

__all__ = ["confinement", "confine", "bound", "Scheduler", "WorkerBusy", "Pool", "Worker"]

PAGE = os.sysconf("SC_PAGE_SIZE")


class WorkerBusy(Exception):
    """No worker slot came free before the query's deadline."""


def _seccomp():
    try:
        import pyseccomp
    except (ImportError, OSError, RuntimeError):  # libseccomp missing, or not Linux
        return None
    return pyseccomp


def confinement() -> str | None:
    """Why workers cannot be kept off the network here, or None when they can."""
    if _seccomp() is None:
        return "libseccomp is not available: queries are screened, but workers are not confined"
    return None


def confine() -> None:
    """Take the network away from this process for good (call it in the worker, first).

    Also silences the process: a worker reports through its pipe, and what the engine prints
    when it dies (an allocation failure, a stack overflow) must not reach the user's terminal.
    """
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    faulthandler.disable()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    seccomp = _seccomp()
    if seccomp is None:
        return
    rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
    for call in ("socket", "socketpair"):
        rules.add_rule(seccomp.KILL_PROCESS, call, seccomp.Arg(0, seccomp.NE, socket.AF_UNIX))
    for call in ("io_uring_setup", "io_uring_enter", "io_uring_register"):
        with contextlib.suppress(Exception):  # unknown to an old libseccomp: nothing to block
            rules.add_rule(seccomp.KILL_PROCESS, call)
    rules.load()


def bound(max_memory: int | None, max_seconds: float) -> None:
    """Bound this process's next piece of work: its address space to what it holds now plus
    ``max_memory`` bytes, and its processor time to what it has used plus ``max_seconds``
    (rounded up, plus one).

    Called once the store is open, before each query: RocksDB reserves address space it never
    touches, so the bound is on growth, which is what a runaway query does; an allocation past
    it aborts the worker (``SIGABRT``). The processor bound (``SIGXCPU``) stops a worker even
    when whoever started it is gone. Soft limits only, so that the next query can move them."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    seconds = math.ceil(usage.ru_utime + usage.ru_stime + max_seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, resource.RLIM_INFINITY))
    if not max_memory:
        return
    with open("/proc/self/statm") as statm:
        size = int(statm.read().split()[0]) * PAGE
    resource.setrlimit(resource.RLIMIT_AS, (size + max_memory, resource.RLIM_INFINITY))


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


@dataclass
class _Job:
    pid: int
    started: float
    base: int = 0  # resident memory when the job started: a worker's growth is the job's
    slow: bool = False
    paused: bool = False
    killed_for: str | None = None
    peak: int = field(default=0)


class Scheduler:
    """Slots and lanes for the endpoint's workers.

    At most ``max_workers`` run at once; a query waits for a slot until its deadline. A query
    still running after ``fast_budget`` seconds moves to the slow lane: it is reniced, and only
    ``slow_lanes`` slow queries run at a time — the others are paused (``SIGSTOP``) until one
    ends, oldest first. New queries therefore compete with at most ``slow_lanes`` slow ones for
    the processors. A worker whose resident memory passes ``max_memory`` is killed, and so is
    the largest slow worker when all of them together pass ``max_total_memory``.
    """

    def __init__(
        self,
        max_workers: int = 32,
        *,
        fast_budget: float = 0.25,
        slow_lanes: int | None = None,
        max_memory: int | None = 1 << 30,
        max_total_memory: int | None = None,
        tick: float = 0.02,
    ):
        self.max_workers, self.fast_budget, self.tick = max_workers, fast_budget, tick
        self.slow_lanes = slow_lanes or max(1, (os.cpu_count() or 2) - 1)
        self.max_memory = max_memory
        total = os.sysconf("SC_PHYS_PAGES") * PAGE // 2
        self.max_total_memory = max_total_memory or total
        self.jobs: dict[int, _Job] = {}
        self.reserved = 0
        self.waiting_paused: list[int] = []
        self.condition = threading.Condition()
        self.monitor: threading.Thread | None = None

    @contextlib.contextmanager
    def slot(self, deadline: float):
        """Hold one worker slot for the ``with`` block; :class:`WorkerBusy` past ``deadline``."""
        with self.condition:
            while self.reserved >= self.max_workers:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise WorkerBusy("all query workers are busy")
                self.condition.wait(remaining)
            self.reserved += 1
        try:
            yield self
        finally:
            with self.condition:
                self.reserved -= 1
                self.condition.notify_all()

    def started(self, pid: int) -> None:
        with self.condition:
            self.jobs[pid] = _Job(pid, time.monotonic(), _rss(pid))
            if self.monitor is None or not self.monitor.is_alive():
                self.monitor = threading.Thread(target=self._watch, daemon=True)
                self.monitor.start()

    def finished(self, pid: int) -> _Job | None:
        """Forget a worker's job once it has ended: what became of it (slow, killed for)."""
        with self.condition:
            job = self.jobs.pop(pid, None)
            if pid in self.waiting_paused:
                self.waiting_paused.remove(pid)
            self._resume()
            self.condition.notify_all()
        return job

    def _running_slow(self) -> int:
        return sum(1 for job in self.jobs.values() if job.slow and not job.paused)

    def _resume(self) -> None:
        while self.waiting_paused and self._running_slow() < self.slow_lanes:
            job = self.jobs.get(self.waiting_paused.pop(0))
            if job is not None:
                job.paused = False
                _signal(job.pid, signal.SIGCONT)

    def _watch(self) -> None:
        while True:
            time.sleep(self.tick)
            with self.condition:
                if not self.jobs:
                    self.monitor = None
                    return
                self._step(time.monotonic())

    def _step(self, now: float) -> None:
        total = 0
        for job in list(self.jobs.values()):
            if job.killed_for:
                continue
            if not job.slow and now - job.started > self.fast_budget:
                job.slow = True
                with contextlib.suppress(OSError):
                    os.setpriority(os.PRIO_PROCESS, job.pid, 19)
                if self._running_slow() > self.slow_lanes:
                    job.paused = True
                    self.waiting_paused.append(job.pid)
                    _signal(job.pid, signal.SIGSTOP)
            job.peak = max(_rss(job.pid) - job.base, 0)
            total += job.peak
            if self.max_memory and job.peak > self.max_memory:
                self._kill(job, "memory")
                total -= job.peak
        while total > self.max_total_memory:
            heavy = [j for j in self.jobs.values() if j.slow and not j.killed_for]
            if not heavy:
                break
            job = max(heavy, key=lambda j: j.peak)
            self._kill(job, "memory")
            total -= job.peak

    def _kill(self, job: _Job, reason: str) -> None:
        job.killed_for = reason
        _signal(job.pid, signal.SIGKILL)
        if job.paused:
            job.paused = False
            with contextlib.suppress(ValueError):
                self.waiting_paused.remove(job.pid)
        self._resume()


def _signal(pid: int, number: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, number)


class Worker:
    """One worker process and the duplex pipe to it."""

    def __init__(self, process, connection):
        self.process, self.connection = process, connection
        self.jobs, self.ready = 0, False

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()


class Pool:
    """Workers started ahead of the queries they will answer.

    ``target(connection, *args)`` is a worker's whole life: it confines itself, says ``b"R"``
    when ready, then answers jobs until its pipe closes. The pool keeps ``keep`` workers
    started, busy or waiting; when all are busy, a query starts one of its own, which the pool
    keeps after if it has room. A worker comes back after its job unless it must not (see
    :meth:`give_back`).
    """

    def __init__(self, target, args: tuple, keep: int = 2, max_jobs: int = 1000):
        self.target, self.args, self.keep, self.max_jobs = target, args, keep, max_jobs
        self.idle: list[Worker] = []
        self.busy = 0
        self.lock = threading.Lock()
        self.wanted = threading.Event()
        self.closed = False
        # What a worker runs is imported here, before any fork: a module another thread is
        # importing at the moment of a fork stays locked forever in the child.
        _seccomp()

    def start(self) -> Pool:
        """Start the workers the pool keeps, in the background."""
        if self.keep:
            threading.Thread(target=self._fill, daemon=True).start()
            self.wanted.set()
        return self

    def _fill(self) -> None:
        while not self.closed:
            self.wanted.wait()
            self.wanted.clear()
            while True:
                with self.lock:
                    if self.closed or len(self.idle) + self.busy >= self.keep:
                        break
                worker = self.spawn()
                with self.lock:
                    self.idle.append(worker)

    def spawn(self) -> Worker:
        """A new worker process; it says when it is ready, read by :meth:`take`."""
        import multiprocessing

        context = multiprocessing.get_context("fork")
        ours, theirs = context.Pipe(duplex=True)
        process = context.Process(target=self.target, args=(theirs, *self.args), daemon=True)
        process.start()
        theirs.close()
        return Worker(process, ours)

    def take(self, deadline: float) -> Worker:
        """A ready worker: a waiting one, else a new one; :class:`WorkerBusy` past ``deadline``."""
        while True:
            with self.lock:
                worker = self.idle.pop() if self.idle else None
                self.busy += 1
            if worker is None:
                worker = self.spawn()
            if self._ready(worker, deadline):
                return worker
            self._drop(worker)  # it died waiting, or could not open the store: try another
            if time.monotonic() >= deadline:
                raise WorkerBusy("no query worker could be started")

    def _ready(self, worker: Worker, deadline: float) -> bool:
        if worker.ready:
            return worker.process.is_alive()
        remaining = max(deadline - time.monotonic(), 0)
        try:
            if worker.connection.poll(remaining) and worker.connection.recv_bytes() == b"R":
                worker.ready = True
        except (EOFError, OSError):
            return False
        return worker.ready

    def give_back(self, worker: Worker, reusable: bool) -> None:
        """Keep a worker for the next query, unless it is not ``reusable`` (its job was
        stopped, reniced or paused), has answered ``max_jobs`` jobs, or the pool is full."""
        worker.jobs += 1
        with self.lock:
            keep = (
                reusable
                and not self.closed
                and worker.jobs < self.max_jobs
                and len(self.idle) + self.busy <= self.keep
                and worker.process.is_alive()
            )
            if keep:
                self.idle.append(worker)
                self.busy -= 1
        if not keep:
            self._drop(worker)

    def _drop(self, worker: Worker) -> None:
        worker.stop()
        with self.lock:
            self.busy -= 1
        self.wanted.set()  # a replacement, if the pool is short

    def close(self) -> None:
        self.closed = True
        self.wanted.set()
        with self.lock:
            idle, self.idle = self.idle, []
        for worker in idle:
            worker.stop()
