"""Waiting for a condition, never for a fixed time: poll until it holds, or fail and say what
never happened."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_until(
    condition: Callable[[], T],
    timeout: float,
    what: str,
    every: float = 0.1,
    pause: Callable[[float], object] = time.sleep,
) -> T:
    """Return the first truthy value of `condition()`, polled every `every` seconds; raise
    TimeoutError naming `what` when it has not held within `timeout` seconds. `pause` is how
    to wait between polls (a Playwright page's wait_for_timeout, in ms, lets its events run:
    pass `lambda s: page.wait_for_timeout(s * 1000)`)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise TimeoutError(f"{what}: not within {timeout:g} s")
        pause(every)
