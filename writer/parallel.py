"""Checking a big batch of drafts on every core (`stmt check --jobs N`).

The batch is cut into one contiguous slice per worker, balanced by file size,
and each worker process runs ``writer.api.check_files`` on its slice: the
same reading, cache, pipeline and rules as one process, so the results are
the same, in the same order.

Where workers are forked (Linux), the parent loads the pipeline once before
forking them and they share it, copy-on-write, instead of each loading its
own: the same wall time on idle cores (the loads ran side by side), one load
(1-2 CPU seconds) less on a busy machine. A batch whose drafts are all in the
cache loads nothing. (Handing drafts out in small chunks to whichever worker
is free instead of one slice each was measured too: no faster, the slices
finished within 0.1-0.3 s of each other.)

Parallel workers pay off for batches: a worker costs a process and its share
of the analysis set-up, so small batches and ``--jobs 1`` run in this process.
"""

from __future__ import annotations

import contextlib
import os
import signal
from pathlib import Path
from typing import Any

# Below this many drafts per worker, starting workers costs more than it saves.
MIN_DRAFTS_PER_WORKER = 4


def available_cores() -> int:
    """The cores this process may run on (not all the machine's, under a CPU mask)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def resolve_jobs(jobs: int | None) -> int:
    """``None``/``0`` means every available core."""
    if not jobs or jobs < 0:
        return available_cores()
    return jobs


def check_files(paths: list[str | Path], jobs: int | None = 1, **options: Any) -> list:
    """``writer.api.check_files`` on ``jobs`` worker processes; same results, same order."""
    from writer import api
    from writer.interrupts import raise_if_interrupted

    paths = list(paths)
    workers = min(resolve_jobs(jobs), len(paths) // MIN_DRAFTS_PER_WORKER)
    if workers <= 1:
        return api.check_files(paths, **options)

    slices = split_balanced(paths, workers, options.get("contents"))
    from writer.nlp.pipeline import one_blas_thread_per_process

    one_blas_thread_per_process()
    if _forks() and api.needs_analysis(paths, **options):
        # loaded here, shared by every forked worker (writer.api keeps it per process)
        api.get_analyzer(tuple(options.get("lexicon_dirs") or ()))
    raise_if_interrupted()  # a Ctrl-C lost while the pipeline loaded (writer.interrupts)
    pool = start_pool(workers)
    try:
        # Ctrl-C is the parent's to handle: a worker that saw it too would die
        # mid-import with a traceback. Block it while the workers are forked
        # (they inherit the mask, then ignore the signal); a Ctrl-C that came
        # meanwhile is delivered to the parent as soon as the mask is lifted.
        with _sigint_blocked():
            futures = [pool.submit(api.check_files, part, **options) for part in slices]
        results = [result for future in futures for result in future.result()]
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown()
    return results


def _forks() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def start_pool(workers: int):
    """A process pool whose workers leave Ctrl-C to the parent.

    fork: workers start in milliseconds and inherit the imported modules and the
    loaded pipeline; spaCy starts no threads of its own (numpy's BLAS pool, the one
    other, is made fork-safe by OpenBLAS itself).
    """
    import multiprocessing  # only here: a one-process check does not pay for importing it
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_ignore_sigint)


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@contextlib.contextmanager
def _sigint_blocked():
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _stop(pool) -> None:
    """End the workers now, without waiting for their slices (Ctrl-C, or a failure)."""
    for process in list(getattr(pool, "_processes", {}).values()):
        process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def split_balanced(paths: list, parts: int, contents=None) -> list[list]:
    """``parts`` contiguous slices of ``paths`` with about the same number of bytes."""
    sizes = [_size(p, contents) for p in paths]
    total = sum(sizes) or 1
    slices: list[list] = []
    current: list = []
    done = 0
    for path, size in zip(paths, sizes, strict=True):
        current.append(path)
        done += size
        remaining_parts = parts - len(slices) - 1
        if remaining_parts and done >= total * (len(slices) + 1) / parts:
            slices.append(current)
            current = []
    slices.append(current)
    return [s for s in slices if s]


def _size(path, contents) -> int:
    if contents and str(path) in contents:
        return len(contents[str(path)])
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
