"""What each metric is: which columns it reads, what one response counts as, its scale.

Every metric reduces one response to one number, so that one set of code can estimate,
trend, compare and regress all of them:

- ``net`` metrics (NPS) code a response +1, 0 or -1; the figure is 100 x the mean.
- ``proportion`` metrics (CSAT, CES "easy" share) code 1 or 0; the figure is 100 x the mean.
- ``mean`` metrics (CES, the customer-centricity index) keep a number; the figure is the mean.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar, Literal

import polars as pl

Kind = Literal["net", "proportion", "mean"]


class Metric(ABC):
    """A survey metric: its name, how it codes a response, and the range of its inputs."""

    name: ClassVar[str]
    # How a sentence refers to the metric: "associated with an NPS 18 points lower".
    phrase: ClassVar[str]
    kind: ClassVar[Kind]
    decimals: ClassVar[int]
    # The range the reported figure can take; intervals are clipped to it.
    bounds: ClassVar[tuple[float, float]]

    @abstractmethod
    def columns(self) -> tuple[str, ...]:
        """The frame columns this metric reads."""

    @abstractmethod
    def expression(self) -> pl.Expr:
        """The coded value of each response (Float64), null where the answer is missing."""

    @abstractmethod
    def input_range(self) -> tuple[float, float]:
        """The inclusive range every non-null answer must lie in."""

    def validate(self, frame: pl.DataFrame) -> None:
        """Raise ``ValueError`` naming the column and value when an answer is off the scale."""
        low, high = self.input_range()
        for column in self.columns():
            if column not in frame.columns:
                raise ValueError(f"{self.name} needs a column {column!r}; the frame has none.")
            if not frame.schema[column].is_numeric():
                raise ValueError(f"{self.name} column {column!r} must be numeric.")
            values = frame.get_column(column).drop_nulls().drop_nans()
            if values.len() != frame.get_column(column).drop_nulls().len():
                raise ValueError(
                    f"{self.name} column {column!r} holds NaN; use null for no answer."
                )
            if values.len() == 0:
                continue
            smallest, largest = values.min(), values.max()
            assert isinstance(smallest, int | float)
            assert isinstance(largest, int | float)
            if smallest < low or largest > high:
                bad = smallest if smallest < low else largest
                raise ValueError(
                    f"{self.name} answers must lie between {low:g} and {high:g}; "
                    f"column {column!r} holds {bad:g}."
                )

    @property
    def scale(self) -> float:
        """Multiplier from the mean coded value to the reported figure."""
        return 1.0 if self.kind == "mean" else 100.0

    @property
    def unit(self) -> str:
        return "points"


@dataclass(frozen=True)
class Nps(Metric):
    """Net Promoter Score from 0-10 answers: % promoters (9-10) minus % detractors (0-6)."""

    column: str = "nps"

    name: ClassVar[str] = "NPS"
    phrase: ClassVar[str] = "an NPS"
    kind: ClassVar[Kind] = "net"
    decimals: ClassVar[int] = 0
    bounds: ClassVar[tuple[float, float]] = (-100.0, 100.0)

    def columns(self) -> tuple[str, ...]:
        return (self.column,)

    def input_range(self) -> tuple[float, float]:
        return (0.0, 10.0)

    def expression(self) -> pl.Expr:
        score = pl.col(self.column)
        return (
            pl.when(score >= 9)
            .then(1.0)
            .when(score <= 6)
            .then(-1.0)
            .when(score.is_not_null())
            .then(0.0)
            .otherwise(None)
            .cast(pl.Float64)
        )


@dataclass(frozen=True)
class Csat(Metric):
    """CSAT as the top-2-box share: % of answers in the two highest points of the scale."""

    column: str = "csat"
    low: int = 1
    high: int = 5

    name: ClassVar[str] = "CSAT"
    phrase: ClassVar[str] = "a CSAT"
    kind: ClassVar[Kind] = "proportion"
    decimals: ClassVar[int] = 0
    bounds: ClassVar[tuple[float, float]] = (0.0, 100.0)

    def __post_init__(self) -> None:
        if self.high - self.low < 2:
            raise ValueError(
                f"a top-2-box needs a scale of at least 3 points; got {self.low}-{self.high}"
            )

    def columns(self) -> tuple[str, ...]:
        return (self.column,)

    def input_range(self) -> tuple[float, float]:
        return (float(self.low), float(self.high))

    def expression(self) -> pl.Expr:
        return _share_at_least(self.column, self.high - 1)


@dataclass(frozen=True)
class Ces(Metric):
    """Customer Effort Score: the mean answer on a 1-7 scale (7 = very easy)."""

    column: str = "ces"

    name: ClassVar[str] = "CES"
    phrase: ClassVar[str] = "a CES"
    kind: ClassVar[Kind] = "mean"
    decimals: ClassVar[int] = 1
    bounds: ClassVar[tuple[float, float]] = (1.0, 7.0)

    def columns(self) -> tuple[str, ...]:
        return (self.column,)

    def input_range(self) -> tuple[float, float]:
        return (1.0, 7.0)

    def expression(self) -> pl.Expr:
        return pl.col(self.column).cast(pl.Float64)


@dataclass(frozen=True)
class CesEasy(Metric):
    """The share of CES answers that say it was easy: 5, 6 or 7 on the 1-7 scale."""

    column: str = "ces"

    name: ClassVar[str] = "CES easy share"
    phrase: ClassVar[str] = "a CES easy share"
    kind: ClassVar[Kind] = "proportion"
    decimals: ClassVar[int] = 0
    bounds: ClassVar[tuple[float, float]] = (0.0, 100.0)

    def columns(self) -> tuple[str, ...]:
        return (self.column,)

    def input_range(self) -> tuple[float, float]:
        return (1.0, 7.0)

    def expression(self) -> pl.Expr:
        return _share_at_least(self.column, 5)


@dataclass(frozen=True)
class CentricityIndex(Metric):
    """The customer-centricity index, 0-100, from discovery, service and engagement answers.

    Each answer is rescaled from ``low..high`` to 0-100 and the three are averaged per
    respondent; the index is the mean over respondents. Averaging per respondent first
    (rather than averaging three separate means) keeps each respondent's answers together,
    so the interval accounts for how the three sub-scores move together. Respondents who
    skipped any of the three are left out, so every index value rests on all three.
    """

    discovery: str = "discovery"
    service: str = "service"
    engagement: str = "engagement"
    low: int = 1
    high: int = 5

    name: ClassVar[str] = "Customer-centricity index"
    phrase: ClassVar[str] = "a customer-centricity index"
    kind: ClassVar[Kind] = "mean"
    decimals: ClassVar[int] = 0
    bounds: ClassVar[tuple[float, float]] = (0.0, 100.0)

    def __post_init__(self) -> None:
        if self.high <= self.low:
            raise ValueError(f"high ({self.high}) must be above low ({self.low}).")

    def columns(self) -> tuple[str, ...]:
        return (self.discovery, self.service, self.engagement)

    def input_range(self) -> tuple[float, float]:
        return (float(self.low), float(self.high))

    def expression(self) -> pl.Expr:
        width = float(self.high - self.low)
        rescaled = [(pl.col(c).cast(pl.Float64) - self.low) / width * 100.0 for c in self.columns()]
        # Adding nulls gives null, which is what drops an incomplete respondent.
        return (rescaled[0] + rescaled[1] + rescaled[2]) / 3.0


def _share_at_least(column: str, threshold: int) -> pl.Expr:
    answer = pl.col(column)
    return (
        pl.when(answer.is_null()).then(None).otherwise((answer >= threshold).cast(pl.Float64))
    ).cast(pl.Float64)


@dataclass(frozen=True)
class MeanScore(Metric):
    """The plain mean of the answers, on the scale they were given (``low`` to ``high``)."""

    column: str = "score"
    low: int = 1
    high: int = 5

    name: ClassVar[str] = "average score"
    phrase: ClassVar[str] = "an average score"
    kind: ClassVar[Kind] = "mean"
    decimals: ClassVar[int] = 2

    def __post_init__(self) -> None:
        if self.high <= self.low:
            raise ValueError(f"high ({self.high}) must be above low ({self.low}).")

    # The other metrics' bounds are constants of their class; a mean's are its scale's.
    @property
    def bounds(self) -> tuple[float, float]:  # type: ignore[override]
        return (float(self.low), float(self.high))

    def columns(self) -> tuple[str, ...]:
        return (self.column,)

    def input_range(self) -> tuple[float, float]:
        return (float(self.low), float(self.high))

    def expression(self) -> pl.Expr:
        return pl.col(self.column).cast(pl.Float64)
