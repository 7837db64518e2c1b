"""Saving while other sessions save too: every session of the dashboard shares one DuckDB
instance, and when two save the same rows at the same moment DuckDB refuses the later one
(ConcurrentUpdate). Running the whole action again a moment later almost always succeeds, since
it then reads what the other saved; only when it keeps meeting other saves does the user see
the refusal's sentence.

    from pages.ui.saving import with_retries

    with_retries(lambda: client_service.save(database.unit_of_work(), client))

The action must be a whole unit of work (a service call that opens its own), so that each
attempt starts from what is stored. Any other error, StaleMenu included, is not retried.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from menuplanner.domain.errors import ConcurrentUpdate

# Measured with two sessions saving one menu every 0-0.2 s on a busy machine (a save alone took
# 160 ms): with these, every save got through, one in four after a pause (the worst after four);
# with 4 runs from 20 ms, one in ten still failed. The pauses add up to at most 1.1 s.
ATTEMPTS = 5
FIRST_PAUSE_S = 0.05  # doubled after each refusal, ±50 % so two sessions fall out of step


def with_retries[T](
    action: Callable[[], T],
    attempts: int = ATTEMPTS,
    sleep: Callable[[float], None] = time.sleep,
    rng: random.Random | None = None,
) -> T:
    """`action()`, run again after a short random pause each time another session's save made
    it fail, up to `attempts` runs in all; the last ConcurrentUpdate is raised."""
    rng = rng or random.Random()
    for attempt in range(attempts):
        try:
            return action()
        except ConcurrentUpdate:
            if attempt == attempts - 1:
                raise
            sleep(pause(attempt, rng))
    raise AssertionError("unreachable")


def pause(attempt: int, rng: random.Random) -> float:
    """Seconds to wait after refusal number `attempt` (0-based)."""
    return FIRST_PAUSE_S * 2**attempt * rng.uniform(0.5, 1.5)
