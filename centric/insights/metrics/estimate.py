"""The result of estimating one figure: a value, its interval, its n, and whether to trust it."""

from __future__ import annotations

from dataclasses import dataclass

EN_DASH = "\u2013"


@dataclass(frozen=True)
class Estimate:
    """One figure with its confidence interval.

    ``value``, ``low`` and ``high`` are ``None`` when there is nothing to estimate (no
    responses, or a single response for a mean's interval). ``reliable`` is ``False`` when
    fewer than ``min_n`` responses went into the figure; ``reason`` then says so in a
    sentence that can be shown next to the number, so no screen shows a bare number
    computed from a handful of answers.
    """

    metric: str
    value: float | None
    low: float | None
    high: float | None
    n: int
    confidence: float
    method: str
    min_n: int
    reliable: bool
    reason: str | None
    decimals: int = 0

    def describe(self) -> str:
        """A short sentence for people, e.g. ``NPS 32 (95% CI 24 to 40, n = 210)``."""
        if self.value is None:
            return f"{self.metric}: no responses yet."
        value = format_number(self.value, self.decimals)
        if not self.reliable:
            return (
                f"{self.metric} {value} from only {_responses(self.n)} "
                f"(at least {self.min_n} are needed for a reliable figure)."
            )
        if self.low is None or self.high is None:
            return f"{self.metric} {value} (n = {self.n})."
        interval = format_interval(self.low, self.high, self.decimals)
        label = confidence_label(self.confidence)
        return f"{self.metric} {value} ({label} CI {interval}, n = {self.n})."


def reliability(n: int, min_n: int, metric: str) -> tuple[bool, str | None]:
    """Whether ``n`` responses are enough for ``metric``, and if not, why."""
    if n == 0:
        return False, f"No responses for {metric}."
    if n < min_n:
        what = metric if metric[:2].isupper() else metric.lower()  # "NPS", but "an average"
        return False, f"Only {_responses(n)}; at least {min_n} are needed for a reliable {what}."
    return True, None


def _responses(n: int) -> str:
    return f"{n:,} response{'' if n == 1 else 's'}"


def check_confidence(confidence: float) -> None:
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be between 0 and 1, exclusive; got {confidence}")


def check_min_n(min_n: int) -> None:
    if min_n < 1:
        raise ValueError(f"min_n must be at least 1; got {min_n}")


def confidence_label(confidence: float) -> str:
    return f"{confidence * 100:g}%"


def format_number(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    # "-0" reads as a sign error to people; show a plain zero.
    return text[1:] if text.startswith("-") and float(text) == 0.0 else text


def format_interval(low: float, high: float, decimals: int) -> str:
    low_text, high_text = format_number(low, decimals), format_number(high, decimals)
    # A dash between two negative numbers is ambiguous ("-12 dash -4"), so say "to" then.
    if low_text.startswith("-") or high_text.startswith("-"):
        return f"{low_text} to {high_text}"
    return f"{low_text}{EN_DASH}{high_text}"
