"""Which scored comments teach a learnt sentiment, shared by ``centric analyze --calibrate``
and the server's sentiment learnt from scores.

A score says plainly what the customer meant only at the ends of its scale: NPS promoters
(9–10) against detractors (0–6), otherwise the top two answers against the bottom two. The
answers in between teach nothing. Fewer than ``MIN_EACH`` comments on either side and what is
learnt would be noise.
"""

from __future__ import annotations

from centric.insights.text.language import READ_NAMES

MIN_EACH = 20
# how many comments in a language could teach praise and how many complaint, by language
Counts = dict[str, tuple[int, int]]


def score_sides(kind: str, low: int, high: int) -> tuple[int, int]:
    """For a scale of ``kind`` from ``low`` to ``high``: the lowest score that reads as praise
    and the highest that reads as complaint."""
    if kind == "nps":
        return 9, 6
    return high - 1, low + 1


def learnable(counts: Counts) -> list[str]:
    """The languages with comments enough on both sides to learn from, in ``counts``' order."""
    return [language for language, sides in counts.items() if min(sides) >= MIN_EACH]


def too_few(counts: Counts, *, needs: str, has: str) -> str:
    """Why no language can be learnt, as ``"{needs} needs at least … ; {has} …"``: the counts
    of the one language, or of each."""
    needed = f"{needs} needs at least {MIN_EACH} comments with a high score and {MIN_EACH} "
    if len(counts) <= 1:
        positive, negative = next(iter(counts.values()), (0, 0))
        return f"{needed}with a low one; {has} {positive} and {negative}"
    each = ", ".join(
        f"{READ_NAMES[language]} {positive} and {negative}"
        for language, (positive, negative) in counts.items()
    )
    return f"{needed}with a low one in one language; {has} {each}"
