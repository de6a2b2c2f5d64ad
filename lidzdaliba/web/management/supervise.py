"""Run a few programs side by side in the foreground and stop them together.

`manage.py serve` (`make run`) runs a web server and a job worker this way. One stop signal
to the supervising process — Ctrl-C (SIGINT), SIGTERM from a process manager, SIGHUP from a
closed terminal — stops every program gracefully, each with the signal it understands as
"finish and exit"; a second stop signal, or a program that takes too long, kills it. When
one program exits by itself, the others are stopped too, so nothing is left running
without the rest.

Each program runs in its own process group, so the terminal's signals reach only the
supervisor and the programs see exactly one, deliberate stop signal: huey would restart on
the terminal's SIGHUP and gunicorn reload, instead of stopping.

Signals are noticed through `signal.set_wakeup_fd`: every signal, including SIGCHLD when a
program exits, writes its number into a pipe the supervisor waits on, so a signal that
arrives at any moment — even before the wait begins — is never missed.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

STOP_SIGNALS = frozenset({signal.SIGTERM, signal.SIGINT, signal.SIGHUP})


@dataclass(frozen=True)
class Program:
    name: str
    args: list[str]
    # The signal on which the program finishes what it is doing and exits.
    stop_signal: signal.Signals = signal.SIGTERM


@dataclass(frozen=True)
class Outcome:
    """Why the programs stopped: a stop signal (its number), or the program that exited
    first by itself and its exit status."""

    stop_signal: int | None = None
    exited: str | None = None
    returncode: int | None = None


class _SignalPipe:
    """Signal numbers as they arrive, read from the wake-up pipe."""

    def __init__(self, read_end: int) -> None:
        self._read_end = read_end

    def wait(self, timeout: float | None = None) -> set[int]:
        """The signals received since the last call; waits up to `timeout` seconds (None:
        until one arrives) when there are none yet."""
        select.select([self._read_end], [], [], timeout)
        try:
            return set(os.read(self._read_end, 512))
        except BlockingIOError:
            return set()


def _ignore(signum, frame) -> None:
    """A handler that does nothing: the wake-up pipe already recorded the signal."""


@contextlib.contextmanager
def _signals_to_pipe() -> Iterator[_SignalPipe]:
    read_end, write_end = os.pipe()
    for end in (read_end, write_end):
        os.set_blocking(end, False)
    watched = (*STOP_SIGNALS, signal.SIGCHLD)
    previous_handlers = {number: signal.signal(number, _ignore) for number in watched}
    previous_fd = signal.set_wakeup_fd(write_end, warn_on_full_buffer=False)
    try:
        yield _SignalPipe(read_end)
    finally:
        signal.set_wakeup_fd(previous_fd)
        for number, handler in previous_handlers.items():
            signal.signal(number, handler)
        os.close(read_end)
        os.close(write_end)


def run_together(
    programs: list[Program],
    *,
    cwd: Path,
    env: dict[str, str],
    stop_timeout: float = 15,
    on_started: Callable[[], None] | None = None,
) -> Outcome:
    """Start `programs`, wait until a stop signal arrives or one of them exits, then stop
    them all; returns why. `on_started` is called once everything has been started."""
    with _signals_to_pipe() as signals:
        children: list[tuple[Program, subprocess.Popen]] = []
        try:
            for program in programs:
                # The caller's programs with fixed arguments, no shell.
                child = subprocess.Popen(program.args, cwd=cwd, env=env, process_group=0)  # noqa: S603
                children.append((program, child))
            if on_started:
                on_started()
            return _wait_for_the_end(children, signals)
        finally:
            _stop(children, signals, stop_timeout)


def _wait_for_the_end(
    children: list[tuple[Program, subprocess.Popen]], signals: _SignalPipe
) -> Outcome:
    while True:
        for program, child in children:
            if child.poll() is not None:
                return Outcome(exited=program.name, returncode=child.returncode)
        stops = signals.wait() & STOP_SIGNALS
        if stops:
            return Outcome(stop_signal=min(stops))


def _stop(
    children: list[tuple[Program, subprocess.Popen]], signals: _SignalPipe, timeout: float
) -> None:
    """Each running program gets its stop signal; those still running after `timeout`
    seconds, or when another stop signal arrives, are killed with their process group."""
    for program, child in children:
        if child.poll() is None:
            child.send_signal(program.stop_signal)
    deadline = time.monotonic() + timeout
    while any(child.poll() is None for _program, child in children):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or signals.wait(remaining) & STOP_SIGNALS:
            break
    for _program, child in children:
        if child.poll() is None:
            # Not yet reaped, so its process group id cannot belong to anyone else.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGKILL)
            child.wait()
