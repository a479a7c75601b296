"""Which scored comments teach a learnt sentiment, shared by ``centric analyze --calibrate``
and the server's sentiment learnt from scores.

A score says plainly what the customer meant only at the ends of its scale: NPS promoters
(9–10) against detractors (0–6), otherwise the top two answers against the bottom two. The
answers in between teach nothing. Fewer than ``MIN_EACH`` comments on either side and what is
learnt would be noise.
"""

from __future__ import annotations

MIN_EACH = 20


def score_sides(kind: str, low: int, high: int) -> tuple[int, int]:
    """For a scale of ``kind`` from ``low`` to ``high``: the lowest score that reads as praise
    and the highest that reads as complaint."""
    if kind == "nps":
        return 9, 6
    return high - 1, low + 1
