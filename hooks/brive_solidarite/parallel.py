"""One function over many items on every core: rendering and checking thousands of actor
files is most of a build, and MkDocs itself uses one core (README "Performances").

The other processes are forked: they start with this process's memory (the loaded data,
the templates, what is already computed) and send back only their results, pickled.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Under this many items per process a fork costs more than it saves.
MIN_ITEMS = 50


def _child(function: Callable, items: Sequence, connection) -> None:
    try:
        connection.send((True, [function(item) for item in items]))
    except BaseException as error:  # noqa: BLE001 - any failure goes back to the parent
        connection.send((False, repr(error)))
    finally:
        connection.close()


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def parallel_map(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    processes: int | None = None,
    min_items: int = MIN_ITEMS,
) -> list[Result]:
    """[function(item) for item in items], in order, split between this process and forked
    ones (one per core, at least `min_items` items each). `function` must not rely on side
    effects: those made in another process are lost. Runs in this process alone where fork
    does not exist, on one core, or for few items."""
    count = min(processes or cores(), len(items) // min_items or 1)
    if count < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    context = multiprocessing.get_context("fork")
    size = -(-len(items) // count)
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    children = []
    for chunk in chunks[1:]:
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(function, chunk, sender), daemon=True)
        process.start()
        sender.close()
        children.append((process, receiver))
    results = [function(item) for item in chunks[0]]
    for process, receiver in children:
        try:
            ok, value = receiver.recv()
        except EOFError:
            ok, value = False, "le processus s'est arrêté sans réponse"
        process.join()
        if not ok:
            raise RuntimeError(f"calcul parallèle en échec : {value}")
        results.extend(value)
    return results
