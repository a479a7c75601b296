"""Corrections for testing many things at once (segments, themes, periods)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np

Correction = Literal["holm", "fdr_bh", "bonferroni", "none"]

CORRECTION_NAMES: dict[Correction, str] = {
    "holm": "Holm",
    "fdr_bh": "Benjamini-Hochberg",
    "bonferroni": "Bonferroni",
    "none": "no",
}


def adjust_p_values(p_values: Sequence[float], correction: Correction) -> list[float]:
    """Adjusted p-values in the same order; compare them with the unadjusted alpha.

    Holm and Bonferroni bound the chance of any false finding (family-wise error);
    Benjamini-Hochberg bounds the expected share of false findings among those reported,
    which keeps more power when dozens of themes or segments are screened.
    """
    from statsmodels.stats.multitest import (
        multipletests,
    )  # loaded on first use: see metrics/__init__.py

    if correction not in CORRECTION_NAMES:
        raise ValueError(
            f"correction must be one of {', '.join(CORRECTION_NAMES)}; got {correction!r}"
        )
    if len(p_values) == 0:
        return []
    if correction == "none":
        return [float(p) for p in p_values]
    adjusted = multipletests(np.asarray(p_values, dtype=float), method=correction)[1]
    return [float(p) for p in adjusted]
