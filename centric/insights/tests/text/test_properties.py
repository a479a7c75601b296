import itertools
import json

from hypothesis import example, given, settings
from hypothesis import strategies as st

from centric.insights.text import SentimentAnalyzer, analyze, split_sentences

WORDS = [
    "not", "never", "very", "too", "but", "although", "love", "great", "terrible", "late",
    "refund", "billing", "staff", "small", "wanted", "to", "the", "it", "was", "!", ".", ",",
    "I", "wouldn't", "say", "helpful", "at", "all", "no", "issues", ":)", "cancel",
]  # fmt: skip
comments = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join),
)
engine = SentimentAnalyzer()


@settings(max_examples=200, deadline=None)
@given(comments)
def test_scores_stay_within_minus_one_and_one(text):
    reading = engine.analyze(text)
    assert -1.0 <= reading.score <= 1.0
    assert all(-1.0 <= s.score <= 1.0 for s in reading.sentences)


@settings(max_examples=200, deadline=None)
@given(comments)
def test_the_label_agrees_with_the_score(text):
    reading = engine.analyze(text)
    if reading.label == "positive":
        assert reading.score >= engine.neutral_threshold
    elif reading.label == "negative":
        assert reading.score <= -engine.neutral_threshold
    elif reading.label == "neutral":
        assert abs(reading.score) < engine.neutral_threshold
    else:
        assert reading.label == "mixed"
        assert reading.positive > 0
        assert reading.negative > 0


@settings(max_examples=100, deadline=None)
@given(comments)
def test_the_reading_is_deterministic(text):
    assert analyze(text) == analyze(text)


@settings(max_examples=100, deadline=None)
@given(comments)
def test_the_json_form_is_always_serialisable(text):
    json.dumps(analyze(text).to_dict())


@example("0!\r\x08 ")  # a trailing piece without words, ended by a space
@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_sentences_point_into_the_text_in_order(text):
    spans = split_sentences(text)
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
