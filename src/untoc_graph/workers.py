"""Query workers: each query runs in a forked process that cannot reach the network, has a
memory bound, and is scheduled so that cheap queries keep answering while slow ones run.

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

__all__ = ["confinement", "confine", "bound", "Scheduler", "WorkerBusy"]

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
    """Bound the address space to what the process holds now plus ``max_memory`` bytes, and
    its processor time to ``max_seconds`` (rounded up, plus one).

    Called once the store is open: RocksDB reserves address space it never touches, so the
    bound is on growth, which is what a runaway query does; an allocation past it aborts the
    worker (``SIGABRT``). The processor bound (``SIGXCPU``) stops a worker even when whoever
    started it is gone."""
    seconds = math.ceil(max_seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    if not max_memory:
        return
    with open("/proc/self/statm") as statm:
        size = int(statm.read().split()[0]) * PAGE
    resource.setrlimit(resource.RLIMIT_AS, (size + max_memory, size + max_memory))


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
            self.jobs[pid] = _Job(pid, time.monotonic())
            if self.monitor is None or not self.monitor.is_alive():
                self.monitor = threading.Thread(target=self._watch, daemon=True)
                self.monitor.start()

    def finished(self, pid: int) -> str | None:
        """Forget a worker that has ended; the reason it was killed for, if it was."""
        with self.condition:
            job = self.jobs.pop(pid, None)
            if pid in self.waiting_paused:
                self.waiting_paused.remove(pid)
            self._resume()
            self.condition.notify_all()
        return job.killed_for if job else None

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
            job.peak = _rss(job.pid)
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
