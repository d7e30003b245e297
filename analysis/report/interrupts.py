"""Turn ``SIGTERM`` and ``SIGINT`` into an exception while a run builds, so that it cleans up.

Python's default for ``SIGTERM`` (what schedulers, ``kill`` and ``systemctl stop`` send) is
to end at once: no ``finally`` runs, so an interrupted report would leave its temporary
folder and its workers behind. Inside :func:`interrupt_on_signals` both signals raise
:class:`~analysis.core.errors.Interrupted` (a ``KeyboardInterrupt``) instead; the run stops
its workers and removes its folder on the way out, and the command exits with 128 + the
signal number, as a shell reports a process ended by that signal. A repeated signal while
the run cleans up is ignored: cleanup is short, and cutting it would leave the mess it is
removing.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Any

from analysis.core.errors import Interrupted

HANDLED_SIGNALS: tuple[signal.Signals, ...] = (signal.SIGTERM, signal.SIGINT)


@contextlib.contextmanager
def interrupt_on_signals() -> Iterator[None]:
    """Within the block, ``SIGTERM`` and ``SIGINT`` raise :class:`Interrupted` (once).

    Only the main thread can set signal handlers; elsewhere (a run started in a thread)
    the block runs with the handlers as they are.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    fired: list[int] = []

    def handler(signum: int, frame: Any) -> None:
        if fired:
            return  # already stopping
        fired.append(signum)
        raise Interrupted(signum)

    previous = {number: signal.signal(number, handler) for number in HANDLED_SIGNALS}
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old if old is not None else signal.SIG_DFL)


def signal_name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"
