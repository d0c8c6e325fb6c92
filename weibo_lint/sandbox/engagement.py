"""Likes, comments and reposts that grow with a post's age, the same on every run."""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Engagement:
    comments: int
    reposts: int
    attitudes: int


def engagement(post_id: int, age_seconds: float) -> Engagement:
    """Counts at ``age_seconds``: zero at posting, never falling, levelling off after a day or two.

    Each post gets its own ceiling (50 to 500 likes) and pace (3 to 12 hours) from a hash of
    its id, so tests see different posts grow differently but identically on every run.
    """
    seed = hashlib.sha256(str(post_id).encode("ascii")).digest()
    ceiling = 50 + int.from_bytes(seed[:2], "big") % 451
    pace_hours = 3 + seed[2] % 10
    grown = 1 - math.exp(-max(age_seconds, 0.0) / 3600 / pace_hours)
    return Engagement(
        comments=math.floor(ceiling / 5 * grown),
        reposts=math.floor(ceiling / 10 * grown),
        attitudes=math.floor(ceiling * grown),
    )
