from centric.insights.text import Taxonomy, Theme, ThemeClassifier, ThemeSentimentClassifier

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
