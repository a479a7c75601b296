from centric.insights.text import DEFAULT_TAXONOMY, ThemeDiscovery

CORPUS = (
    [f"The parking lot was full again, no parking spaces left {i}" for i in range(8)]
    + [f"Parking near the entrance is impossible, tiny parking spaces {i}" for i in range(8)]
    + [f"The invoice charged my card twice for billing {i}" for i in range(8)]
    + [f"Wrong invoice amount, billing charge error {i}" for i in range(8)]
)


def test_it_proposes_a_new_theme_with_a_name_key_terms_and_examples():
    discovery = ThemeDiscovery(n_themes=2, taxonomy=DEFAULT_TAXONOMY, seed=0).fit(CORPUS)
    [parking] = discovery.proposals_
    assert "parking" in parking.name
    assert "parking" in parking.key_terms
    assert all("arking" in example for example in parking.examples)
    assert parking.size == 16


def test_it_does_not_propose_a_theme_the_taxonomy_already_covers():
    discovery = ThemeDiscovery(n_themes=2, taxonomy=DEFAULT_TAXONOMY, seed=0).fit(CORPUS)
    assert [p.overlaps for p in discovery.covered_] == ["billing"]


def test_a_topic_named_by_a_seed_word_and_a_number_is_covered_not_proposed():
    corpus = [f"The delivery took two days, the driver was late {i}" for i in range(10)] + [
        f"Parking spaces are tiny, no parking near the entrance {i}" for i in range(10)
    ]
    discovery = ThemeDiscovery(n_themes=2, taxonomy=DEFAULT_TAXONOMY, seed=0).fit(corpus)
    assert [p.overlaps for p in discovery.covered_] == ["delivery"]
    assert all("two" not in p.key_terms for p in discovery.covered_ + discovery.proposals_)


def test_opinion_words_do_not_make_topics():
    corpus = [
        f"love love great amazing, the {thing} {i}" for i in range(10) for thing in ("zip", "hood")
    ]
    discovery = ThemeDiscovery(n_themes=2, seed=0).fit(corpus)
    assert all("love" not in p.key_terms for p in discovery.proposals_)


def test_a_word_repeated_around_an_opinion_is_not_a_key_term_pair():
    corpus = [f"Parking is awful, parking {i}" for i in range(10)] + [
        f"The hood is great, love the hood {i}" for i in range(10)
    ]
    discovery = ThemeDiscovery(n_themes=2, seed=0).fit(corpus)
    terms = [term for p in discovery.proposals_ + discovery.covered_ for term in p.key_terms]
    assert "parking" in terms
    assert "parking parking" not in terms
    assert "hood hood" not in terms


def test_an_accepted_proposal_becomes_a_theme():
    proposal = ThemeDiscovery(n_themes=2, seed=0).fit(CORPUS).proposals_[0]
    theme = proposal.to_theme("Car parking at our stores.")
    assert theme.seed_words == proposal.key_terms
    assert theme.description == "Car parking at our stores."


def test_it_is_reproducible_with_a_seed():
    first = ThemeDiscovery(n_themes=3, seed=4).fit(CORPUS).proposals_
    second = ThemeDiscovery(n_themes=3, seed=4).fit(CORPUS).proposals_
    assert first == second


PARKING = [f"Parking near the entrance is impossible, tiny parking spaces {i}" for i in range(10)]
TERRACE = [f"The garden terrace has a lovely view of the lake {i}" for i in range(10)]


def offered_terms(discovery: ThemeDiscovery) -> set[str]:
    return {term for p in discovery.proposals_ for term in p.key_terms}


def test_a_topic_whose_comments_an_existing_theme_reads_is_covered_not_proposed():
    # "order / match": its name and most key terms are no seed words, its comments are billing
    corpus = (
        [f"Invoices are clear and match the order {i}" for i in range(10)]
        + [f"We were charged twice for the same order {i}" for i in range(10)]
        + PARKING
        + TERRACE
    )
    discovery = ThemeDiscovery(n_themes=3, taxonomy=DEFAULT_TAXONOMY, seed=0).fit(corpus)
    assert sorted(p.name for p in discovery.proposals_) == ["garden terrace", "parking / entrance"]
    [billing] = discovery.covered_
    assert billing.overlaps == "billing"
    assert billing.size == 20
    assert not {"invoices", "invoices clear"} & offered_terms(discovery)


def test_a_topic_about_a_seed_word_is_covered_though_its_name_is_not_one():
    corpus = [f"You keep us informed at every step {i}" for i in range(10)] + PARKING + TERRACE
    discovery = ThemeDiscovery(n_themes=3, taxonomy=DEFAULT_TAXONOMY, seed=0).fit(corpus)
    assert [p.overlaps for p in discovery.covered_] == ["communication"]
    assert all("step" not in p.name for p in discovery.proposals_)
    assert not {"informed", "keep informed", "informed every"} & offered_terms(discovery)


def test_seed_words_are_not_offered_as_key_terms_of_a_new_theme():
    # 25 comments, as a small CSV to `centric analyze`; "delivery" is a theme of its own
    corpus = (
        [f"Please, some answers about my delivery {i}" for i in range(3)]
        + [f"Please send answers sooner {i}" for i in range(7)]
        + [f"Parking near the entrance is impossible {i}" for i in range(8)]
        + [f"The garden terrace has a lovely view of the lake {i}" for i in range(7)]
    )
    discovery = ThemeDiscovery(n_themes=3, taxonomy=DEFAULT_TAXONOMY, seed=0).fit(corpus)
    [answers] = [p for p in discovery.proposals_ if "answers" in p.name]
    assert answers.size == 10
    assert not {"delivery", "answers delivery"} & offered_terms(discovery)
    assert all(len(p.key_terms) == 8 for p in discovery.proposals_)


def test_a_word_of_a_seed_phrase_alone_is_no_seed_word():
    # "site" is in "site is down" (reliability), but a building site is another topic
    corpus = [f"The building site next door starts at six {i}" for i in range(10)] + PARKING
    discovery = ThemeDiscovery(n_themes=2, taxonomy=DEFAULT_TAXONOMY, seed=0).fit(corpus)
    assert discovery.covered_ == []
    assert "site" in offered_terms(discovery)


def test_comments_that_all_say_the_same_hold_no_topic_to_propose():
    # every word is in every comment, so none marks a topic; the report asked and crashed
    discovery = ThemeDiscovery(n_themes=3, seed=0).fit(["The invoice was wrong again"] * 30)
    assert (discovery.proposals_, discovery.covered_) == ([], [])
    assert ThemeDiscovery(seed=0).fit(["", "  "]).proposals_ == []


def test_a_proposal_gives_different_comments_as_its_examples():
    # feedback repeats itself word for word: each example is a different comment
    repeated = [text for text in CORPUS for _ in range(3)]
    discovery = ThemeDiscovery(n_themes=2, taxonomy=DEFAULT_TAXONOMY, seed=0).fit(repeated)
    [parking] = discovery.proposals_
    assert len(parking.examples) == 3
    assert len(set(parking.examples)) == 3


GERMAN = [
    "Wir brauchen die CO2-Bilanz der Bauteile für unseren Nachhaltigkeitsbericht.",
    "Bitte liefern Sie Angaben zur CO2-Bilanz pro Bauteil.",
    "Die CO2-Bilanz fehlt in den Datenblättern.",
    "Ohne CO2-Bilanz können wir den Bericht nicht abschließen.",
    "Die Datenblätter sollten die CO2-Bilanz enthalten.",
    "Die Verpackung war beschädigt und die Kartons waren nass.",
    "Verpackung kaputt, Kartons eingedrückt.",
    "Die Kartons kamen nass an, die Verpackung ist zu dünn.",
    "Die Lieferzeit ist viel zu lang, wir warten seit Wochen.",
    "Lieferzeiten von drei Wochen sind zu lang.",
]


def test_german_comments_are_discovered_in_german_words():
    discovery = ThemeDiscovery(taxonomy=DEFAULT_TAXONOMY, language="de", n_themes=3, seed=0).fit(
        GERMAN * 2
    )

    new = {proposal.name: proposal for proposal in discovery.proposals_}
    # "Bauteil" is in four of its comments, "Bericht" in two
    assert list(new) == ["co2-bilanz / bauteil"]
    assert all("CO2-Bilanz" in example for example in new["co2-bilanz / bauteil"].examples)
    # the delivery theme's German seeds cover the rest, "Lieferzeit" by its first part
    assert {proposal.overlaps for proposal in discovery.covered_} == {"delivery"}
    terms = {
        term
        for proposal in discovery.proposals_ + discovery.covered_
        for term in proposal.key_terms
    }
    assert not {"die", "der", "den", "wir", "ist", "sind", "zu", "drei"} & terms


def test_english_discovery_reads_german_function_words_as_topics():
    # which is why each language is discovered in its own words
    discovery = ThemeDiscovery(taxonomy=DEFAULT_TAXONOMY, n_themes=3, seed=0).fit(GERMAN * 2)
    terms = {term for proposal in discovery.proposals_ for term in proposal.key_terms}
    assert {"die", "den"} & terms
