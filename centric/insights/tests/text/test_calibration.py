import pytest

from centric.insights.text import CalibratedSentiment, SentimentAnalyzer, labels_from_scores

# In this community "sick" is praise and "basic" an insult, unlike in the general lexicon.
TEXTS = [
    "this deck is sick",
    "sick tricks all day, sick board",
    "so sick, thanks",
    "the grip is sick",
    "pretty basic deck",
    "basic and boring, basic",
    "the grip is basic",
    "so basic",
] * 4
LABELS = ["positive"] * 4 + ["negative"] * 4


def test_it_learns_how_these_customers_write():
    model = CalibratedSentiment(seed=0).fit(TEXTS, LABELS * 4)
    assert SentimentAnalyzer().analyze("a sick deck").label == "negative"
    assert model.predict(["a sick deck", "a basic deck"]) == ["positive", "negative"]


def test_it_is_reproducible_with_a_seed():
    first = CalibratedSentiment(seed=3).fit(TEXTS, LABELS * 4).predict_proba(["sick grip"])
    second = CalibratedSentiment(seed=3).fit(TEXTS, LABELS * 4).predict_proba(["sick grip"])
    assert first.tolist() == second.tolist()


def test_its_scores_stay_within_minus_one_and_one():
    scores = CalibratedSentiment().fit(TEXTS, LABELS * 4).scores(["sick", "basic", ""])
    assert all(-1 <= s <= 1 for s in scores)
    assert scores[0] > 0 > scores[1]


def test_it_turns_ratings_into_labels_and_skips_the_middle():
    assert labels_from_scores([5, 4, 3, 2, None, 1], positive_at=4, negative_at=2) == [
        "positive",
        "positive",
        None,
        "negative",
        None,
        "negative",
    ]


def test_it_skips_unlabelled_comments_and_needs_both_labels():
    model = CalibratedSentiment().fit([*TEXTS, "no score"], [*LABELS * 4, None])
    assert model.predict(["sick"]) == ["positive"]
    with pytest.raises(ValueError, match="both"):
        CalibratedSentiment().fit(["good", "fine"], ["positive", "positive"])


# In this German community "krass" is praise and "lahm" lame, and "nicht krass" is no praise.
GERMAN = [
    "Das Brett ist krass",
    "krasse Tricks den ganzen Tag",
    "echt krass, danke",
    "das Griptape ist krass",
    "ziemlich lahm",
    "lahm und langweilig",
    "das Griptape ist nicht krass",
    "so lahm",
] * 4


def test_a_calibration_reads_its_own_language_with_its_reader_and_negators():
    model = CalibratedSentiment(seed=0, language="de").fit(GERMAN, LABELS * 4)
    assert model.language == "de"
    assert model.predict(["Die Rollen sind krass", "Die Rollen sind nicht krass"]) == [
        "positive",
        "negative",
    ]
    # the zero-shot summary comes from the German reader: "Katastrophe" is a German word
    german, english = CalibratedSentiment(language="de"), CalibratedSentiment()
    assert german._read(["Eine Katastrophe"])[0].score < 0
    assert english._read(["Eine Katastrophe"])[0].score == 0


def test_an_engine_reads_each_language_with_its_own_calibration():
    from centric.insights.text import TextAnalyzer

    german = CalibratedSentiment(seed=0, language="de").fit(GERMAN, LABELS * 4)
    english = CalibratedSentiment(seed=0).fit(TEXTS, LABELS * 4)
    engine = TextAnalyzer(calibration={"de": german, "en": english})
    texts = ["Das Brett ist wirklich krass und die Rollen auch.", "a sick deck"]
    assert [reading.label for reading in engine.analyze_many(texts)] == ["positive", "positive"]
    assert [engine.analyze(text).label for text in texts] == ["positive", "positive"]
    assert engine.analyze_many(["a sick deck"])[0].label == "positive"  # and no German one
    assert engine.analyze_many([]) == []
    # one calibration reads its own language and leaves the others to the lexicon
    alone = TextAnalyzer(calibration=english)
    assert alone.calibrations == {"en": english}
    assert alone.analyze("Die Lieferung war eine Katastrophe.").label == "negative"


def test_a_calibration_needs_a_language_the_engine_reads():
    with pytest.raises(ValueError, match="no reader for the language 'sv'"):
        CalibratedSentiment(language="sv")
