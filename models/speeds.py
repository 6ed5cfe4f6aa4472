"""Playback speed arithmetic, shared by the item pane's "1:09:40 at 1.25×" and the planner."""

from __future__ import annotations


def time_at_speed(length: float, speed: float) -> float:
    """How long watching `length` (seconds or minutes: the unit comes back) takes at `speed`.

    1:27:05 at 1.25× takes 1:09:40. A speed that is not positive counts as 1×, so a bad
    stored setting never divides by zero.
    """
    return length / (speed if speed and speed > 0 else 1.0)
