"""Centric's text engine: sentiment, themes, journey stage, care signals and flags.

Pure Python (scikit-learn and Polars only for the learning parts, loaded on first use);
imports no Django, so it runs the same in a web worker, a Celery task, the CLI or a
notebook. The default engine needs no training data and downloads nothing. Start with
``analyze``::

    from centric.insights.text import analyze
    reading = analyze("Great product, but billing charged me twice.")
    reading.label, reading.theme("billing").label  # ("negative", "negative")
    reading.to_dict()  # JSON-ready

For many comments keep a ``TextAnalyzer`` and call ``analyze_many`` or ``analyze_frame``.
``CalibratedSentiment`` learns from scored comments, ``ThemeClassifier`` and
``ThemeSentimentClassifier`` from tagged ones; ``ThemeDiscovery`` proposes new themes.
The learners take ``engine="embeddings"`` to add sentence embeddings when the optional
``embeddings`` extra is installed (``encoders.py``).
"""

from importlib import import_module
from typing import TYPE_CHECKING

from centric.insights.text.analysis import Analysis, Praise
from centric.insights.text.directory import Directory, Member
from centric.insights.text.engine import TextAnalyzer, analyze, analyze_many
from centric.insights.text.segment import split_sentences
from centric.insights.text.sentiment import SentimentAnalyzer
from centric.insights.text.signals import JOURNEY_STAGES, Signal
from centric.insights.text.taxonomy import DEFAULT_TAXONOMY, Taxonomy, Theme
from centric.insights.text.themes import ThemeMatcher, ThemeMention
from centric.insights.text.types import Contribution, DocumentSentiment, SentenceSentiment

if TYPE_CHECKING:
    from centric.insights.text.calibration import CalibratedSentiment, labels_from_scores
    from centric.insights.text.discovery import ProposedTheme, ThemeDiscovery, covering_theme
    from centric.insights.text.encoders import Encoder, SentenceEmbeddings, embeddings_available
    from centric.insights.text.learning import ThemeClassifier, ThemeSentimentClassifier

# The learning parts import scikit-learn, which takes seconds; they load on first use so
# that reading comments with the default engine starts fast.
_LAZY = {
    "CalibratedSentiment": "calibration",
    "labels_from_scores": "calibration",
    "Encoder": "encoders",
    "SentenceEmbeddings": "encoders",
    "embeddings_available": "encoders",
    "ProposedTheme": "discovery",
    "ThemeDiscovery": "discovery",
    "covering_theme": "discovery",
    "ThemeClassifier": "learning",
    "ThemeSentimentClassifier": "learning",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_TAXONOMY",
    "JOURNEY_STAGES",
    "Analysis",
    "CalibratedSentiment",
    "Contribution",
    "Directory",
    "DocumentSentiment",
    "Encoder",
    "Member",
    "Praise",
    "ProposedTheme",
    "SentenceEmbeddings",
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
    "ThemeSentimentClassifier",
    "analyze",
    "analyze_many",
    "covering_theme",
    "embeddings_available",
    "labels_from_scores",
    "split_sentences",
]
