"""Python's cycle collector paused while kg builds or reads a large graph. Such work makes
millions of small objects (terms, tuples, index entries) and no reference cycles, but every
so many allocations the collector walks all the objects alive: on a 2,000-article graph it
took two thirds of the time of making the quads and three quarters of indexing them."""
from __future__ import annotations

import contextlib
import gc
from typing import Iterator

__all__ = ["paused_collector"]


@contextlib.contextmanager
def paused_collector() -> Iterator[None]:
    """Pause the cycle collector in the block (also usable as a decorator); it resumes after,
    if it ran before, and collects then what the block left in cycles."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()
