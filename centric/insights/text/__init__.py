"""Centric's text engine: sentiment, themes, journey stage, care signals and flags.

Pure Python on top of scikit-learn and Polars; imports no Django, so it runs the same in
a web worker, a Celery task, the CLI or a notebook. Start with ``analyze``::

    from centric.insights.text import analyze
    reading = analyze("Great product, but billing charged me twice.")
    reading.label, reading.theme("billing").label  # ("negative", "negative")
    reading.to_dict()  # JSON-ready

For many comments keep a ``TextAnalyzer`` and call ``analyze_many`` or ``analyze_frame``.
``CalibratedSentiment`` learns from scored comments; ``ThemeDiscovery`` proposes themes.
"""

from centric.insights.text.analysis import Analysis, Praise
from centric.insights.text.calibration import CalibratedSentiment, labels_from_scores
from centric.insights.text.directory import Directory, Member
from centric.insights.text.discovery import ProposedTheme, ThemeDiscovery
from centric.insights.text.engine import TextAnalyzer, analyze, analyze_many
from centric.insights.text.learning import ThemeClassifier
from centric.insights.text.segment import split_sentences
from centric.insights.text.sentiment import SentimentAnalyzer
from centric.insights.text.signals import JOURNEY_STAGES, Signal
from centric.insights.text.taxonomy import DEFAULT_TAXONOMY, Taxonomy, Theme
from centric.insights.text.themes import ThemeMatcher, ThemeMention
from centric.insights.text.types import Contribution, DocumentSentiment, SentenceSentiment

__all__ = [
    "DEFAULT_TAXONOMY",
    "JOURNEY_STAGES",
    "Analysis",
    "CalibratedSentiment",
    "Contribution",
    "Directory",
    "DocumentSentiment",
    "Member",
    "Praise",
    "ProposedTheme",
    "SentenceSentiment",
    "SentimentAnalyzer",
    "Signal",
    "Taxonomy",
    "TextAnalyzer",
    "Theme",
    "ThemeClassifier",
    "ThemeDiscovery",
    "ThemeMatcher",
    "ThemeMention",
    "analyze",
    "analyze_many",
    "labels_from_scores",
    "split_sentences",
]
