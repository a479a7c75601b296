"""How the report writes numbers: a true minus sign, thousands separators, intervals."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from centric.insights.metrics.estimate import EN_DASH

if TYPE_CHECKING:  # numbers stays light for the charts, which import it
    from centric.insights.report.build import Headline

MINUS = "\u2212"


def number(value: float, decimals: int) -> str:
    text = f"{value:,.{decimals}f}"
    if text.startswith("-"):
        return text[1:] if float(text.replace(",", "")) == 0 else MINUS + text[1:]
    return text


def signed(value: float, decimals: int) -> str:
    """``+4``, ``−12``; a value that rounds to zero has no sign."""
    text = number(value, decimals)
    return text if text.startswith(MINUS) or _is_zero(text) else "+" + text


def change(now: float, before: float, decimals: int) -> str:
    """The change from ``before`` to ``now`` as the two read when written with ``decimals``:
    11.4 to 12.6 read 11 and 13, so the change reads "+2", not the "+1" of 1.2 rounded."""
    return signed(_read(number(now, decimals)) - _read(number(before, decimals)), decimals)


def interval_decimals(low: float, high: float, decimals: int) -> int:
    """``decimals``, or more where rounding would end an interval that leaves out zero at
    zero, so that it reads as it is: ``−1.4 (−2.8 to −0.1)``, not ``−1 (−3 to 0)``."""
    if low <= 0 <= high:
        return decimals
    for more in range(decimals, decimals + 3):
        if not (_is_zero(number(low, more)) or _is_zero(number(high, more))):
            return more
    return decimals + 3


def effect_text(effect: float, low: float, high: float, decimals: int) -> tuple[str, str]:
    """A difference and its interval with as many decimals as ``interval_decimals`` needs:
    ``("−1.4", "−2.8 to −0.1")``."""
    places = interval_decimals(low, high, decimals)
    return signed(effect, places), span(low, high, places)


def _is_zero(text: str) -> bool:
    return _read(text) == 0


def _read(text: str) -> float:
    """The value of a number as ``number`` wrote it."""
    return float(text.replace(",", "").replace(MINUS, "-"))


def span(low: float, high: float, decimals: int) -> str:
    """``76–78``, or ``−12 to −4`` where a dash between negatives would be ambiguous."""
    a, b = number(low, decimals), number(high, decimals)
    return f"{a} to {b}" if MINUS in a + b else f"{a}{EN_DASH}{b}"


def share(part: int, whole: int) -> str:
    return percent(100.0 * part / whole) if whole else "–"


def percent(value: float) -> str:
    """A whole percentage rounded half up, except that a share that is there but below 0.5%
    reads "<1%", and one short of all but above 99.5% reads ">99%"."""
    if 0 < value < 0.5:
        return "<1%"
    if 99.5 <= value < 100:
        return ">99%"
    return f"{math.floor(value + 0.5)}%"


def figure_text(headline: Headline) -> str:
    """``77% (95% CI 76–78%, n = 23,486)``: the value, its interval and its n."""
    found, unit = headline.estimate, headline.figure.unit
    if found.value is None:
        return "no answers"
    value = number(found.value, found.decimals) + unit
    if not found.reliable:
        answers = f"{found.n:,} answer{'' if found.n == 1 else 's'}"
        return f"{value} from only {answers} (too few to rely on)"
    if found.low is None or found.high is None:
        return f"{value} (n = {found.n:,})"
    interval = span(found.low, found.high, found.decimals) + ("%" if unit == "%" else "")
    return f"{value} (95% CI {interval}, n = {found.n:,})"
