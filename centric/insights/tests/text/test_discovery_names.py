"""A proposed theme is named as a person would name it: by the phrase its comments write
("carbon footprint", "bilan carbone"), else by the words most of them share, nouns before verbs
and adverbs, never by the words that happen to come first ("allé / directement")."""

from centric.insights.text import DEFAULT_TAXONOMY, ThemeDiscovery

PARKING = [f"Parking near the entrance is impossible, tiny parking spaces {i}" for i in range(10)]
TERRACE = [f"The garden terrace has a lovely view of the lake {i}" for i in range(10)]
CARBON = (
    [f"Please add the carbon footprint of each part to the datasheet {i}" for i in range(4)]
    + [f"We need the carbon footprint for our sustainability report {i}" for i in range(3)]
    + [f"The carbon footprint per part went straight into our annual report {i}" for i in range(3)]
)
# the comment behind "allé / directement", given six times, as feedback repeats itself
BILAN = "Merci pour le bilan carbone par pièce, il est allé directement dans notre rapport RSE."
PARKING_FR = (
    [f"Le parking devant l'entrée est toujours complet {i}" for i in range(4)]
    + [f"Impossible de trouver une place de parking le matin {i}" for i in range(4)]
    + [f"Les places de parking sont trop étroites {i}" for i in range(4)]
)


def names(discovery: ThemeDiscovery) -> list[str]:
    return sorted(proposal.name for proposal in discovery.proposals_)


def test_a_phrase_written_in_most_of_a_topics_comments_is_its_name():
    discovery = ThemeDiscovery(n_themes=3, seed=0).fit(CARBON + PARKING + TERRACE)
    # "carbon / footprint" and "lake / garden" before
    assert names(discovery) == ["carbon footprint", "garden terrace", "parking / entrance"]


def test_a_french_topic_is_named_by_its_phrase_not_by_a_verb_and_an_adverb():
    discovery = ThemeDiscovery(n_themes=2, taxonomy=DEFAULT_TAXONOMY, language="fr", seed=0).fit(
        [BILAN] * 6 + PARKING_FR
    )
    # "allé / directement" and "parking / étroites" before; "place" and "places" are one word
    assert names(discovery) in (
        ["bilan carbone", "place de parking"],
        ["bilan carbone", "places de parking"],
    )
    [bilan] = [proposal for proposal in discovery.proposals_ if proposal.size == 6]
    assert bilan.name in bilan.key_terms


def test_the_words_most_comments_share_name_a_topic_and_adverbs_come_last():
    shuttle = [f"Apparently the shuttle bus left early {i}" for i in range(5)] + [
        f"Apparently the shuttle never came {i}" for i in range(5)
    ]
    discovery = ThemeDiscovery(n_themes=3, seed=0).fit(shuttle + PARKING + TERRACE)
    [named] = [proposal for proposal in discovery.proposals_ if "shuttle" in proposal.name]
    # "shuttle bus" is written in half of them; "apparently / shuttle" before
    assert named.name == "shuttle bus"
    assert "apparently" in named.key_terms


def test_a_phrase_that_runs_on_into_an_object_names_no_topic():
    # "parking devant" is in every comment, but "devant" is "in front of" the entrance
    corpus = [f"Le parking devant l'entrée est toujours complet {i}" for i in range(10)] + [
        f"La terrasse du jardin a une belle vue sur le lac {i}" for i in range(10)
    ]
    discovery = ThemeDiscovery(n_themes=2, language="fr", seed=0).fit(corpus)
    [parking] = [p for p in discovery.proposals_ if p.examples[0].startswith("Le parking")]
    assert parking.name == "entrée / parking"  # "devant / entrée" before


def test_a_neighbouring_topics_phrase_is_not_a_topics_name():
    # those who need the carbon footprint for their annual report write "bilan carbone" too
    carbon = [
        "Merci pour le bilan carbone par pièce, il est allé directement dans notre rapport RSE.",
        "Le bilan carbone manque sur les fiches produit.",
        "Pouvez-vous envoyer le bilan carbone de chaque commande ?",
        "Nous avons besoin du bilan carbone pour notre rapport annuel.",
        "Le bilan carbone des pièces n'est pas indiqué.",
    ]
    site = [
        "Le parking devant l'entrée est toujours complet.",
        "Impossible de trouver une place de parking le matin.",
        "Les places de parking sont trop étroites.",
        "Le parking ferme trop tôt le soir.",
        "La cantine propose peu de plats végétariens.",
        "La cantine ferme avant treize heures.",
        "Le café de la cantine est froid.",
    ]
    # four topics: the parking and the canteen are two of their own
    discovery = ThemeDiscovery(n_themes=4, language="fr", seed=0).fit(carbon * 4 + site * 3)
    # "bilan / carbone" and "rapport / besoin" before; "rapport annuel" and "rapport RSE" are
    # written in as many of its comments
    found = names(discovery)
    assert "bilan carbone" in found
    assert {"rapport annuel", "rapport rse"} & set(found)


def test_two_topics_of_one_subject_are_told_apart_by_their_names():
    discovery = ThemeDiscovery(n_themes=3, taxonomy=DEFAULT_TAXONOMY, language="fr", seed=0).fit(
        [BILAN] * 6 + PARKING_FR
    )
    parking = [proposal.name for proposal in discovery.proposals_ if "bilan" not in proposal.name]
    assert len(set(parking)) == len(parking) == 2


TRUCKS_FR = (
    [f"Les camions attendent devant le quai pendant des heures {i}" for i in range(6)]
    + [f"Encore un camion bloqué devant le quai ce matin {i}" for i in range(6)]
    + [f"Le parking devant l'entrée est toujours complet {i}" for i in range(6)]
)


def test_prepositions_are_no_key_terms_and_a_verb_ends_no_name():
    discovery = ThemeDiscovery(n_themes=2, taxonomy=DEFAULT_TAXONOMY, language="fr", seed=0).fit(
        TRUCKS_FR
    )
    terms = {word for p in discovery.proposals_ for term in p.key_terms for word in term.split()}
    assert {"quai", "camion", "parking"} <= terms
    assert "devant" not in terms
    # "camions attendent" is written in half the comments, but names what trucks do
    assert names(discovery) == ["entrée / parking", "quai / camion"]
