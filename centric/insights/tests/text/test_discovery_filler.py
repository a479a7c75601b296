"""A proposed theme is made of what its comments are about, not of the words around it: its key
terms are nouns and phrases written as such, not verbs ("ging", "demandent") or two words a
comma parts ("pièce, il est allé"), and its examples are different comments, not one comment
given again with a sentence more."""

import re

from centric.insights.text import DEFAULT_TAXONOMY, ProposedTheme, ThemeDiscovery

# as feedback is written: one sentence many times, now and then with another after it
OTHERS_DE = ["", " Paul hat sich sehr eingesetzt.", " Die Rechnung stimmt."]
GERMAN = [
    f"Danke für die CO2-Bilanz pro Teil, sie ging direkt in unseren Nachhaltigkeitsbericht.{o}"
    for o in OTHERS_DE
] * 4 + [
    f"Die Kantine schließt mittags um eins, das Essen im Werk ist kalt.{o}" for o in OTHERS_DE
] * 4
FRENCH = [
    "Merci pour le bilan carbone par pièce, il est allé directement dans notre rapport RSE.",
    "Nos auditeurs demandent sans cesse vos données carbone, et nous craignons l'audit.",
    "Le portail en ligne rend les commandes très simples.",
    "Les places de parking devant l'entrée sont toujours prises.",
]
SPANISH = [
    "Nuestros auditores piden sus datos de carbono una y otra vez, y seguimos esperando.",
    "Gracias por la huella de carbono de cada pieza, fue directamente a nuestro informe.",
    "La cantina cierra a mediodía y la comida de la planta está fría.",
]


def key_words(discovery: ThemeDiscovery) -> set[str]:
    proposals = discovery.proposals_ + discovery.covered_
    return {word for p in proposals for term in p.key_terms for word in term.split()}


def test_a_two_word_key_term_is_written_so_in_one_clause_of_a_comment():
    for language, corpus in (("fr", FRENCH), ("es", SPANISH)):
        comments = [f"{comment} {i}" for comment in corpus for i in range(6)]
        discovery = ThemeDiscovery(n_themes=len(corpus), language=language, seed=0).fit(comments)
        written = " ".join(re.sub(r"\s+", " ", comment.lower()) for comment in corpus)
        pairs = {
            term
            for p in discovery.proposals_ + discovery.covered_
            for term in p.key_terms
            if " " in term
        }
        assert pairs, language
        # "carbone pièce" and "pièce allé" across "par" and a comma, "carbono seguimos" before
        assert {term for term in pairs if term not in written} == set(), language


def test_german_key_terms_are_its_nouns_not_its_verbs_and_adverbs():
    discovery = ThemeDiscovery(n_themes=2, language="de", seed=0).fit(GERMAN)
    words = key_words(discovery)
    assert {"co2-bilanz", "nachhaltigkeitsbericht", "kantine"} <= words
    assert not {"ging", "direkt", "schließt", "kalt"} & words


def test_german_written_in_lower_case_is_read_all_the_same():
    # no capital tells a noun here, and none is taken for a verb for lack of one
    discovery = ThemeDiscovery(n_themes=2, language="de", seed=0).fit(
        [comment.lower() for comment in GERMAN]
    )
    assert {"co2-bilanz", "kantine"} <= key_words(discovery)


def test_french_and_spanish_key_terms_leave_out_verbs_after_their_subject():
    comments = [f"{comment} {i}" for comment in FRENCH for i in range(6)]
    french = key_words(ThemeDiscovery(n_themes=4, language="fr", seed=0).fit(comments))
    assert {"auditeurs", "données", "portail"} <= french
    assert not {"demandent", "craignons", "allé", "directement", "rend"} & french
    comments = [f"{comment} {i}" for comment in SPANISH for i in range(6)]
    spanish = key_words(ThemeDiscovery(n_themes=3, language="es", seed=0).fit(comments))
    assert {"auditores", "datos", "huella"} <= spanish
    assert not {"piden", "seguimos", "esperando", "directamente"} & spanish


def test_a_noun_with_a_verbs_ending_stays_a_key_term():
    # "paiement" ends as "demandent" does, but "le paiement" is a noun
    comments = [f"Le paiement par carte est refusé à la caisse {i}" for i in range(8)] + [
        f"La terrasse du jardin a une belle vue sur le lac {i}" for i in range(8)
    ]
    discovery = ThemeDiscovery(n_themes=2, language="fr", seed=0).fit(comments)
    assert "paiement" in key_words(discovery)


def test_a_compound_joined_by_a_linking_word_names_a_topic():
    comments = [f"{comment} {i}" for comment in SPANISH for i in range(6)]
    spanish = ThemeDiscovery(n_themes=3, language="es", seed=0).fit(comments)
    # "auditores / datos" before
    assert "datos de carbono" in {p.name for p in spanish.proposals_}
    comments = [f"{comment} {i}" for comment in FRENCH for i in range(6)]
    french = ThemeDiscovery(n_themes=4, language="fr", seed=0).fit(comments)
    # "ligne / commandes" before
    assert "portail en ligne" in {p.name for p in french.proposals_}


def test_examples_that_repeat_one_comment_with_a_sentence_more_are_given_once():
    # and those of none of the topic's strongest words are not given to make up the number
    proposal = ProposedTheme(
        name="bilan carbone",
        key_terms=("bilan carbone", "bilan", "carbone"),
        examples=(
            "Merci pour le bilan carbone par pièce, il est allé dans notre rapport RSE.",
            "Merci pour le bilan carbone par pièce, il est allé dans notre rapport RSE. Merci !",
            "Vous nous tenez informés. Merci pour le bilan carbone par pièce, il est allé dans "
            "notre rapport RSE.",
            "Le bilan carbone manque sur les fiches produit.",
            "Le bilan carbone manque toujours sur les fiches produit !",
            # a comment at the topic's edge, of none of its words
            "Tout est arrivé à l'heure et bien emballé.",
            "Pouvez-vous envoyer le bilan carbone de chaque commande ?",
        ),
        size=7,
    )
    assert proposal.distinct_examples(3) == (
        "Merci pour le bilan carbone par pièce, il est allé dans notre rapport RSE.",
        "Le bilan carbone manque sur les fiches produit.",
        "Pouvez-vous envoyer le bilan carbone de chaque commande ?",
    )
    # fewer rather than copies
    assert proposal.distinct_examples(5) == proposal.distinct_examples(3)


def test_a_topic_of_one_sentence_said_again_and_again_gives_one_example():
    discovery = ThemeDiscovery(n_themes=2, taxonomy=DEFAULT_TAXONOMY, language="de", seed=0)
    discovery.fit(GERMAN)
    [bilanz] = [p for p in discovery.proposals_ if "co2-bilanz" in p.name]
    assert len(bilanz.examples) == 3
    assert len(bilanz.distinct_examples(3)) == 1
