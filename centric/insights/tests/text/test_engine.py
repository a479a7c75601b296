import json
import subprocess
import sys
from pathlib import Path

import polars as pl

from centric.insights.text import Analysis, CalibratedSentiment, TextAnalyzer, analyze, analyze_many


def test_analyze_returns_a_frozen_reading_of_everything():
    reading = analyze("Great product, but billing charged me twice. I will cancel my subscription.")
    assert isinstance(reading, Analysis)
    assert reading.label in {"negative", "mixed"}
    assert reading.theme("billing") is not None
    assert reading.urgent
    assert reading.churn_risk


def test_the_json_form_holds_sentiment_sentences_themes_signals_and_flags():
    data = analyze("Great product, but billing charged me twice. I wish it were cheaper.").to_dict()
    assert set(data) == {
        "language", "sentiment", "sentences", "themes", "journey_stage", "care_signals", "flags",
        "praised",
    }  # fmt: skip
    assert data["language"] == "en"
    assert data["sentiment"]["label"] in {"negative", "mixed"}
    assert data["sentiment"]["explanation"][0] == {"phrase": "charged me twice", "weight": -3.9}
    assert [s["text"] for s in data["sentences"]][1] == "I wish it were cheaper."
    assert data["themes"][0]["name"] == "billing"
    assert data["themes"][0]["sentiment"]["label"] == "negative"
    assert data["care_signals"][0]["kind"] == "wish"
    assert data["flags"]["urgent"] is True
    assert data["flags"]["reasons"][0]["kind"] == "money lost"
    json.dumps(data)


def test_the_batch_form_reads_like_one_at_a_time():
    texts = ["Love it!", "", "Never again, the courier lost my parcel."]
    assert analyze_many(texts) == [analyze(t) for t in texts]


def test_it_adds_readings_to_a_polars_frame():
    frame = pl.DataFrame(
        {"id": [1, 2, 3], "comment": ["Love it!", None, "Charged twice for one order."]}
    )
    result = TextAnalyzer().analyze_frame(frame, text_column="comment")
    assert result["sentiment_label"].to_list() == ["positive", "neutral", "negative"]
    assert result["urgent"].to_list() == [False, False, True]
    assert result["themes"].to_list()[2][0] == "billing"


def test_a_calibrated_engine_reads_the_document_the_way_the_organisation_does():
    texts = ["this board is sick", "sick ride, so sick", "the wheels broke", "broke on day one"] * 5
    labels = ["positive", "positive", "negative", "negative"] * 5
    engine = TextAnalyzer(calibration=CalibratedSentiment(seed=1).fit(texts, labels))
    reading = engine.analyze("sick board")
    assert reading.score > 0
    assert reading.sentiment.sentences[0].contributions[0].phrase == "sick"
    assert engine.analyze_many(["sick board"])[0].score == reading.score
    # an empty comment says nothing, whatever the learnt model makes of no words
    for empty in (engine.analyze(""), *engine.analyze_many(["", "  "])):
        assert (empty.sentiment.label, empty.score) == ("neutral", 0.0)


def test_a_calibrated_engine_leaves_a_comment_without_opinion_neutral_unless_it_is_sure():
    texts = ["the deck is rad", "so rad", "the wheels wobble", "wobble wobble"] * 5
    labels = ["positive", "positive", "negative", "negative"] * 5
    engine = TextAnalyzer(calibration=CalibratedSentiment(seed=1).fit(texts, labels))
    # no word of the lexicon's and none the model learnt: a question, not an opinion
    assert engine.analyze("How do I change the address on my invoice?").label == "neutral"
    # no word of the lexicon's, but one the organisation's customers use for praise
    assert engine.analyze("so rad").label == "positive"


def test_the_default_engine_loads_without_the_learning_libraries():
    code = (
        "import sys, centric.insights.text as text; text.analyze('Fine.');"
        "print('sklearn' in sys.modules, 'polars' in sys.modules)"
    )
    # A fresh interpreter, since this one has long imported everything.
    command = [sys.executable, "-c", code]
    root = Path(__file__).resolve().parents[4]
    result = subprocess.run(command, capture_output=True, text=True, check=True, cwd=root)  # noqa: S603
    assert result.stdout.split() == ["False", "False"]
