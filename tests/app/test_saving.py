"""The app's retry of a save that met another session's save (pages.ui.saving): whole actions
run again after short, growing, jittered pauses; the sentence is reported when they keep
failing; nothing else is retried."""

from __future__ import annotations

import random

import pytest

from menuplanner.domain.errors import ConcurrentUpdate, StaleMenu
from pages.ui.saving import ATTEMPTS, pause, with_retries


class Flaky:
    """An action refused by a concurrent save `failures` times, then done."""

    def __init__(self, failures: int, error: Exception | None = None) -> None:
        self.failures, self.calls = failures, 0
        self.error = error or ConcurrentUpdate()

    def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error
        return "saved"


def test_an_action_refused_twice_is_saved_on_the_third_run_after_two_pauses():
    action, slept = Flaky(2), []
    assert with_retries(action, sleep=slept.append, rng=random.Random(7)) == "saved"
    assert action.calls == 3
    rng = random.Random(7)
    expected = [pause(0, rng), pause(1, rng)]
    assert slept == expected


def test_pauses_double_from_50_ms_with_half_of_it_either_way():
    low, high = random.Random(), random.Random()
    low.uniform = lambda a, b: a  # the extremes of the jitter
    high.uniform = lambda a, b: b
    assert [round(pause(n, low), 3) for n in range(4)] == [0.025, 0.05, 0.1, 0.2]
    assert [round(pause(n, high), 3) for n in range(4)] == [0.075, 0.15, 0.3, 0.6]


def test_the_sentence_is_reported_when_every_run_meets_another_save():
    action, slept = Flaky(99), []
    with pytest.raises(
        ConcurrentUpdate,
        match="^Someone else was saving a change to the same "
        "data at the same moment, so this change was not "
        r"saved\. Please try again\.$",
    ):
        with_retries(action, sleep=slept.append)
    assert (action.calls, len(slept)) == (ATTEMPTS, ATTEMPTS - 1) == (5, 4)


def test_a_stale_menu_is_not_retried():
    action = Flaky(1, StaleMenu("Someone else changed this menu after you opened it."))
    with pytest.raises(StaleMenu):
        with_retries(action, sleep=lambda s: None)
    assert action.calls == 1
