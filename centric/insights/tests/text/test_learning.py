from centric.insights.text import Taxonomy, Theme, ThemeClassifier, ThemeSentimentClassifier
from centric.insights.text.learning import negation_grams, negation_marked

TAXONOMY = Taxonomy(
    (Theme("food", "", ("food",)), Theme("service", "", ("waiter",)), Theme("other", "")),
    fallback="other",
)
TEXTS = [
    "the burrito was cold",
    "loved the burrito",
    "our waiter forgot us",
    "the host was lovely",
    "host seated us fast",
    "burrito heaven",
    "we came for a birthday",
    "first visit on a friday",
] * 3
LABELS = [
    ["food"],
    ["food"],
    ["service"],
    ["service"],
    ["service"],
    ["food"],
    ["other"],
    ["other"],
] * 3


def test_it_learns_themes_from_labelled_comments():
    model = ThemeClassifier(TAXONOMY, at_least_one=True, seed=0).fit(TEXTS, LABELS)
    assert model.predict(["a burrito to go", "the host smiled"]) == [["food"], ["service"]]


def test_its_confidences_cover_every_theme():
    model = ThemeClassifier(TAXONOMY, seed=0).fit(TEXTS, LABELS)
    [confidences] = model.predict_proba(["a burrito"])
    assert set(confidences) == {"food", "service", "other"}
    assert all(0 <= c <= 1 for c in confidences.values())


def test_it_learns_what_customers_feel_about_a_theme():
    texts = ["great food, rude waiter", "awful food, lovely waiter"] * 6
    themes = ["food", "service"] * 6
    labels = ["positive", "negative"] * 6
    model = ThemeSentimentClassifier(TAXONOMY, seed=0).fit(texts, themes, labels)
    assert model.predict(["great food, rude waiter"], ["service"]) == ["negative"]


def test_it_marks_the_words_a_negation_governs_up_to_the_next_punctuation():
    assert negation_marked("Not zesty at all, but fresh.") == [
        "not", "zesty_not", "at_not", "all_not", "but", "fresh",
    ]  # fmt: skip
    assert negation_marked("It wasn't zesty") == ["it", "wasn't", "zesty_not"]


def test_its_word_pairs_keep_the_negation_marks():
    assert negation_grams("not zesty, fresh") == [
        "not", "zesty_not", "fresh", "not zesty_not", "zesty_not fresh",
    ]  # fmt: skip


def test_it_reads_a_negated_word_as_the_opposite_for_the_theme():
    texts = ["the food was zesty", "the food was not zesty", "zesty food", "food not zesty"] * 4
    labels = ["positive", "negative", "positive", "negative"] * 4
    model = ThemeSentimentClassifier(TAXONOMY, seed=0).fit(texts, ["food"] * len(texts), labels)
    assert model.predict(["a zesty dish", "the dish was not zesty"], ["food", "food"]) == [
        "positive",
        "negative",
    ]
