"""The benchmark's one way of timing: the best of several runs (the least disturbed by others)."""
from __future__ import annotations

import time
from collections.abc import Callable

REPEAT = 3


def best(fn: Callable[[], object], repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)
