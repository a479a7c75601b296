"""Writes for Insights: the analysis pipeline, the organisation's taxonomy and re-analysis."""

from centric.insights.services.alerts import spikes_alert
from centric.insights.services.analysis import (
    BATCH_SIZE,
    directory_members,
    missed_responses,
    responses_analyse,
    unanalysed_responses_analyse,
)
from centric.insights.services.calibration import (
    calibration_learn,
    calibration_request,
    calibration_stop,
    scored_counts,
)
from centric.insights.services.reanalysis import (
    reanalysis_chunk_run,
    reanalysis_plan,
    reanalysis_request,
    reanalysis_start,
)
from centric.insights.services.themes import (
    proposal_accept,
    proposal_merge,
    proposal_reject,
    proposal_seed_words,
    theme_delete,
    theme_discovery_request,
    theme_save,
    themes_discover,
    themes_ensure,
)

__all__ = [
    "BATCH_SIZE",
    "calibration_learn",
    "calibration_request",
    "calibration_stop",
    "directory_members",
    "missed_responses",
    "proposal_accept",
    "proposal_merge",
    "proposal_reject",
    "proposal_seed_words",
    "reanalysis_chunk_run",
    "reanalysis_plan",
    "reanalysis_request",
    "reanalysis_start",
    "responses_analyse",
    "scored_counts",
    "spikes_alert",
    "theme_delete",
    "theme_discovery_request",
    "theme_save",
    "themes_discover",
    "themes_ensure",
    "unanalysed_responses_analyse",
]
