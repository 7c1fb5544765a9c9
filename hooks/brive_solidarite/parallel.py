"""One function over many items on every core: rendering and checking thousands of actor
files is most of a build, and MkDocs itself uses one core (README "Performances").

The other processes are forked: they start with this process's memory (the loaded data,
the templates, what is already computed) and send back only their results, pickled.
Items are handed out a few at a time to whichever process is free, this one included
once it asks for the results: nobody waits while another has work left.
BRIVE_PROCESSUS sets how many processes work (1: this one alone); the default is one per
core.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import queue
import traceback
import weakref
from collections.abc import Callable, Sequence
from typing import ClassVar

# Under this many items per process a fork costs more than it saves.
MIN_ITEMS = 50
# Items handed out at a time: enough to make the handing out cheap, few enough to even out
# the ends.
CHUNK = 8
FORK = "fork" in multiprocessing.get_all_start_methods()
_UNSENT = object()  # Background's message, before send()


def cores() -> int:
    wanted = os.environ.get("BRIVE_PROCESSUS", "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def can_fork() -> bool:
    """Whether Background would fork: several cores and fork exists."""
    return FORK and cores() > 1


class Background:
    """[function(item) for item in items], computed by `processes` forked processes (by
    default one per core but this one) while this one goes on with other work; wait()
    joins in, then gives the results in order. With `then`, a result waits for the message
    given to send() (something this process computes meanwhile) and becomes
    then(result, message). Without other processes (one core, no fork), wait() computes
    it all here. The functions may write files, but what they change in memory is lost
    with the process. Warnings that a forked process logs to `logger` (and its children)
    are logged again here when it is done: its handlers (MkDocs' count for `strict`)
    live in this process."""

    _running: ClassVar[weakref.WeakSet] = weakref.WeakSet()  # for stop_all()

    def __init__(
        self,
        function: Callable,
        items: Sequence,
        processes: int | None = None,
        then: Callable | None = None,
        logger: str = "",
    ):
        self._function, self._then, self._items = function, then, items
        self._children: list = []
        self._message, self._logger = _UNSENT, logger
        count = (cores() - 1 if can_fork() else 0) if processes is None else processes
        count = min(count, -(-len(items) // CHUNK))  # no process without an item to take
        context = multiprocessing.get_context("fork" if FORK else None)
        self._taken = context.Value("q", 0)  # items handed out so far
        if count < 1 or not FORK or not items:
            return
        # A queue, not a pipe: put() returns at once, even before the processes read it.
        self._messages = context.Queue()
        # Objects of now are left out of the garbage collector's passes (here and in the
        # forked processes): a pass writes into every object it visits, which makes the
        # system copy each memory page the processes share.
        gc.freeze()
        for _ in range(count):
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=self._child, args=(sender,), daemon=True)
            process.start()
            sender.close()
            self._children.append((process, receiver))
        Background._running.add(self)

    def _take(self) -> range:
        """The next few items' indexes, to compute (empty: none left)."""
        with self._taken.get_lock():
            start = self._taken.value
            self._taken.value = end = min(start + CHUNK, len(self._items))
        return range(start, end)

    def _work(self, receive: Callable[[bool], bool]) -> list[tuple[int, object]]:
        """Items taken and computed until none is left, as (index, result). With `then`,
        results wait for the message: receive(block) says whether it is known."""
        done, held = [], []
        while indexes := self._take():
            held += [(index, self._function(self._items[index])) for index in indexes]
            if self._then is None or receive(False):
                done += self._finish(held)
                held = []
        if held and receive(True):
            done += self._finish(held)
        return done

    def _finish(self, held: list[tuple[int, object]]) -> list[tuple[int, object]]:
        if self._then is None:
            return held
        return [(index, self._then(result, self._message)) for index, result in held]

    def _child(self, connection) -> None:
        def receive(block: bool) -> bool:
            if self._message is _UNSENT:
                try:
                    self._message = self._messages.get(block=block)
                except queue.Empty:
                    return False
            return True

        warnings: list[tuple[str, int, str]] = []

        class Keep(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                warnings.append((record.name, record.levelno, record.getMessage()))

        logger = logging.getLogger(self._logger)
        logger.handlers = [Keep(logging.WARNING)]  # this process's own copy of the logger
        try:
            connection.send((True, (self._work(receive), warnings)))
        except BaseException:  # noqa: BLE001 - any failure goes back to the parent
            connection.send((False, traceback.format_exc()))
        finally:
            connection.close()

    def send(self, message) -> None:
        """The message the results wait for before `then` (see the class)."""
        self._message = message
        for _ in self._children:
            self._messages.put(message)

    def wait(self) -> list:
        def receive(block: bool) -> bool:
            if self._message is _UNSENT:
                raise RuntimeError("Background.wait() avant send()")
            return True

        try:
            done = self._work(receive)
        except BaseException:
            self.stop()
            raise
        for process, receiver in self._children:
            try:
                ok, value = receiver.recv()
            except EOFError:
                ok, value = False, "le processus s'est arrêté sans réponse"
            process.join()
            if not ok:
                self.stop()
                raise RuntimeError(f"calcul parallèle en échec : {value}")
            results, warnings = value
            done += results
            for name, level, message in warnings:
                logging.getLogger(name).log(level, message)
        self._release()
        return [result for _, result in sorted(done, key=lambda pair: pair[0])]

    def stop(self) -> None:
        """End the forked processes (the build failed elsewhere)."""
        for process, _ in self._children:
            process.terminate()
            process.join()
        self._release()

    def _release(self) -> None:
        """The forked processes are gone: drop the queue and let the collector see all."""
        if self._children:
            self._messages.cancel_join_thread()  # messages nobody will read: do not wait
            self._messages.close()
            gc.unfreeze()
        self._children = []

    @classmethod
    def stop_all(cls) -> None:
        """End the forked processes of every Background still running."""
        for background in list(cls._running):
            background.stop()


def parallel_map(
    function: Callable, items: Sequence, processes: int | None = None, min_items: int = MIN_ITEMS
) -> list:
    """[function(item) for item in items], in order, shared between this process and forked
    ones (one per core, at least `min_items` items each). Runs in this process alone where
    fork does not exist, on one core, or for few items."""
    count = min(processes or cores(), len(items) // min_items or 1)
    if count < 2 or not FORK:
        return [function(item) for item in items]
    return Background(function, items, processes=count - 1).wait()
