"""French comments, read by French words and rules: sentiment, themes, journey stage, care
signals, flags, praise and the language they are told to be in."""

import pytest

from centric.insights.tests.text.reading import themes
from centric.insights.text import Member, TextAnalyzer, analyze


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La livraison est arrivée à l'heure et le colis était bien emballé.", "positive"),
        ("La qualité des pièces est vraiment excellente.", "positive"),
        ("Le service client était désagréable et incompétent.", "negative"),
        ("Les pièces sont arrivées cassées.", "negative"),
        ("Nous attendons depuis quatre jours une réponse du support.", "negative"),
        ("Le technicien était très aimable et très compétent.", "positive"),
        ("Livraison rapide et soignée, emballage impeccable.", "positive"),
        ("Le colis est arrivé avec une semaine de retard.", "negative"),
        ("C'est inadmissible, nous avons été facturés deux fois.", "negative"),
        # negation: "pas", "jamais", "aucun", "personne", "peu" turn the opinion after them;
        # a verb negated after it ("ne fonctionne pas") is read as one phrase
        ("Je ne suis pas satisfait du service.", "negative"),
        ("Je ne suis pas du tout satisfaite de cette commande.", "negative"),
        ("L'équipe n'est pas très réactive.", "negative"),
        ("Le produit ne fonctionne pas.", "negative"),
        ("Le produit ne marche plus depuis la mise à jour.", "negative"),
        ("Je ne recommande pas ce fournisseur.", "negative"),
        ("Je ne le recommanderais à personne.", "negative"),
        ("Je n'ai toujours pas reçu ma commande.", "negative"),
        ("La commande n'a toujours pas été livrée.", "negative"),
        ("Nous n'avons reçu aucune réponse à nos trois relances.", "negative"),
        ("Personne ne nous a informés du retard.", "negative"),
        ("Le commercial ne répond jamais au téléphone.", "negative"),
        ("La facture ne correspond pas au devis.", "negative"),
        ("Les délais ne sont jamais respectés.", "negative"),
        ("Le conseiller était peu aimable et pas très clair.", "negative"),
        ("Le livreur est parti sans un mot, ni bonjour ni merci.", "negative"),
        ("Je ne suis pas déçu, bien au contraire !", "positive"),
        ("Je ne regrette pas mon achat, il est parfait.", "positive"),
        ("Ce n'est pas mal du tout.", "positive"),
        ("Il n'y a jamais eu de problème avec vos machines.", "positive"),
        ("Aucun problème, tout a été réglé rapidement.", "positive"),
        # "ne … que" is "only", no negation, and "personne" after an article is a person
        ("Je n'ai que du bon à dire sur vos équipes.", "positive"),
        ("Une personne très aimable nous a répondu le jour même.", "positive"),
        # "ne" is often left out
        ("C'est pas top, la livraison a pris du retard.", "negative"),
        # a problem solved is praise; one that is not is a complaint
        ("Le support a résolu notre problème immédiatement.", "positive"),
        ("Le technicien a réparé la panne en une heure.", "positive"),
        ("Le technicien est intervenu rapidement, problème réglé.", "positive"),
        ("Le problème n'a toujours pas été résolu.", "negative"),
        # excess, and what follows "mais", "par contre"; what "malgré" concedes
        ("Les prix sont trop élevés.", "negative"),
        ("Le délai de livraison est beaucoup trop long.", "negative"),
        ("Le prix est bien trop élevé pour ce que c'est.", "negative"),
        ("La livraison était lente, mais le support a été excellent.", "positive"),
        ("Pas mal, mais le prix est trop élevé.", "negative"),
        ("Le produit est bien, par contre la facture était fausse.", "negative"),
        ("Malgré le retard, le produit est parfait.", "positive"),
        ("Un peu cher, mais la qualité est au rendez-vous.", "positive"),
        # a wish or a conditional: its praise is what is missing
        ("Ce serait bien de pouvoir télécharger les factures en PDF.", "negative"),
        ("Il serait bien que le portail affiche la date de livraison.", "negative"),
        ("Les prix sont corrects, mais le service pourrait être meilleur.", "negative"),
        ("Il faudrait un meilleur suivi des commandes.", "negative"),
        ("Je voudrais remercier Julie pour son aide précieuse.", "positive"),
        # boosters, idioms and accents left out
        ("Je vous recommande vivement cette entreprise.", "positive"),
        ("L'équipe est extrêmement réactive.", "positive"),
        ("Tout s'est très bien passé, merci beaucoup !", "positive"),
        ("Nous sommes très contents de la prestation.", "positive"),
        ("Rien à redire, tout était parfait.", "positive"),
        ("Je m'attendais à mieux de votre part.", "negative"),
        ("Le service client est injoignable, c'est une honte.", "negative"),
        ("Tres bon produit et livraison tres rapide.", "positive"),
        ("Tres decu par le service apres-vente.", "negative"),
        ("Le produit est excellent. La livraison a été une catastrophe.", "mixed"),
        # words that are no opinion here: a delivery note, registered mail
        ("Nous avons une question concernant la facture de mars.", "neutral"),
        ("Pouvez-vous nous envoyer le bon de livraison ?", "neutral"),
        ("Le contrat vous a été envoyé en recommandé avec accusé de réception.", "neutral"),
    ],
)
def test_french_sentiment(text: str, expected: str) -> None:
    reading = analyze(text)
    assert (reading.language, reading.label) == ("fr", expected)


def test_the_words_that_drove_a_french_score_are_named_with_their_offsets() -> None:
    text = "L'envoi était très rapide, mais la facture était fausse."
    found = {c.phrase: c for s in analyze(text).sentiment.sentences for c in s.contributions}
    assert set(found) == {"rapide", "fausse"}
    assert found["rapide"].weight > 0 > found["fausse"].weight
    assert abs(found["fausse"].weight) > 1.5  # the verdict after "mais" weighs more
    assert text[found["fausse"].start : found["fausse"].end] == "fausse"


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Le technicien était très compétent.", "staff"),
        ("Le prix est trop élevé pour ce que c'est.", "price"),
        ("Le portail est en panne depuis ce matin.", "reliability"),
        ("Notre interlocutrice nous rend visite chaque trimestre.", "relationship"),
        ("La taille est trop petite.", "fit and size"),
        ("Le coloris est magnifique.", "design"),
        ("Le produit est en rupture de stock depuis un mois.", "availability"),
        ("La formation à l'installation était très claire.", "onboarding"),
        ("Nous attendons toujours notre remboursement.", "refunds"),
        ("Je souhaite retourner l'article, il ne me convient pas.", "returns"),
        ("On nous a très bien tenus informés.", "communication"),
        ("L'interface est intuitive et facile à utiliser.", "usability"),
        ("La finition des pièces est impeccable.", "product quality"),
        ("Les factures sont correctes.", "billing"),
        ("La livraison a pris deux semaines de retard.", "delivery"),
        ("Le service client n'a pas répondu.", "support"),
    ],
)
def test_french_themes_come_from_french_seed_words(text: str, theme: str) -> None:
    assert theme in themes(text)


def test_french_themes_are_found_alone_and_take_their_clause_sentiment() -> None:
    assert themes("La livraison a pris deux semaines de retard.") == {"delivery"}
    assert themes("Le service client n'a pas répondu.") == {"support"}
    assert themes("Les factures sont correctes.") == {"billing"}
    reading = analyze("La livraison était rapide, mais la facture était fausse.")
    assert {(theme.name, theme.label) for theme in reading.themes} == {
        ("billing", "negative"),
        ("delivery", "positive"),
    }


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("La livraison est arrivée à l'heure.", "delivery"),
        ("J'ai commandé la machine en ligne et payé par virement.", "purchase"),
        ("Le technicien est venu réparer la chaudière sous garantie.", "maintain"),
        ("Nous utilisons la machine tous les jours.", "use"),
        ("Nous avons comparé plusieurs devis avant de choisir.", "shop"),
        ("Je voudrais échanger ce pantalon contre une taille plus grande.", "replace"),
    ],
)
def test_the_journey_stage_of_a_french_comment(text: str, stage: str) -> None:
    assert analyze(text).journey_stage == stage


@pytest.mark.parametrize(
    ("text", "signals"),
    [
        (
            "Nous craignons une nouvelle rupture de stock.",
            [("fear", "Nous craignons une nouvelle rupture de stock")],
        ),
        (
            "Nous aimerions pouvoir suivre nos commandes en ligne.",
            [("desire", "Nous aimerions pouvoir suivre nos commandes en ligne")],
        ),
        (
            "J'espère que le prochain envoi sera plus rapide.",
            [("hope", "J'espère que le prochain envoi sera plus rapide")],
        ),
        (
            "J'aurais aimé que le portail affiche la date de livraison.",
            [("wish", "J'aurais aimé que le portail affiche la date de livraison")],
        ),
        (
            "Nous craignons que les nouveaux tarifs ne rentrent pas dans notre budget.",
            [
                (
                    "fear",
                    "Nous craignons que les nouveaux tarifs ne rentrent pas dans notre budget",
                ),
                (
                    "constraint",
                    "Nous craignons que les nouveaux tarifs ne rentrent pas dans notre budget",
                ),
            ],
        ),
        # supposed: a risk, not an outage
        (
            "Si les pièces arrivent encore en retard, notre ligne sera à l'arrêt.",
            [("risk", "notre ligne sera à l'arrêt")],
        ),
        (
            "Nous commanderions davantage si la livraison était plus rapide.",
            [("opportunity", "Nous commanderions davantage si la livraison était plus rapide")],
        ),
        # a thank-you in the conditional is no desire
        ("Je voudrais remercier Julie pour son aide précieuse.", []),
    ],
)
def test_french_care_signals(text: str, signals: list[tuple[str, str]]) -> None:
    assert [(s.kind, s.phrase) for s in analyze(text).care_signals] == signals


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        (
            "Nous allons résilier notre contrat et passer à la concurrence.",
            [("churn_risk", "cancel"), ("churn_risk", "switch")],
        ),
        ("Je ne commanderai plus jamais chez vous.", [("churn_risk", "leave")]),
        ("Un câble s'est détaché, c'est un problème de sécurité.", [("urgent", "safety")]),
        ("Depuis trois jours, notre ligne de production est à l'arrêt.", [("urgent", "outage")]),
        ("Nous avons été prélevés deux fois pour la même facture.", [("urgent", "money lost")]),
        ("C'est urgent : nos commandes sont bloquées depuis lundi.", [("urgent", "urgency")]),
        (
            "Sans remboursement sous huit jours, nous contacterons notre avocat.",
            [("urgent", "legal")],
        ),
        ("Nos données personnelles ont été divulguées à un autre client.", [("urgent", "privacy")]),
        # denied, supposed, or no flag at all
        ("Nous ne résilierons jamais notre contrat, nous sommes très satisfaits.", []),
        ("Nous n'hésiterons pas à renouveler notre contrat.", []),
        ("Depuis la réparation, nous n'avons plus jamais eu de panne.", []),
        ("Ce n'est pas urgent, mais pourriez-vous vérifier la facture ?", []),
        ("Si les pièces arrivent encore en retard, notre ligne sera à l'arrêt.", []),
        ("Les prix ont explosé cette année.", []),
        ("Les avocats étaient pourris à la livraison.", []),
        ("Je souhaite annuler ma commande, elle est arrivée trop tard.", []),
    ],
)
def test_french_flags(text: str, flags: list[tuple[str, str]]) -> None:
    assert [(f.kind, f.reason) for f in analyze(text).flags] == flags


def test_a_french_churn_flag_keeps_its_clause() -> None:
    churn = analyze("Si cela ne s'améliore pas, nous ne renouvellerons pas notre contrat.")
    assert [(f.kind, f.reason) for f in churn.flags] == [("churn_risk", "not renew")]
    assert churn.flags[0].phrase == "nous ne renouvellerons pas notre contrat"
    assert churn.label == "negative"
    assert not analyze("Nous ne comptons pas résilier notre contrat.").churn_risk


def test_french_praise_is_found_even_in_an_unhappy_comment() -> None:
    assert analyze("Un grand merci à toute l'équipe, très professionnelle et réactive.").praise
    assert analyze("La livraison était en retard, mais le livreur était très aimable.").praise
    assert not analyze("Le produit est cassé, merci de me rembourser.").praise


def test_a_person_praised_in_french_is_named() -> None:
    julie = Member("7", "Julie Martin", "person")
    reading = TextAnalyzer(directory=[julie]).analyze(
        "Julie Martin s'est vraiment investie pour nous, merci !"
    )
    assert reading.praise
    assert [p.member for p in reading.praised] == [julie]


@pytest.mark.parametrize(
    "text",
    [
        "Très satisfait",
        "Livraison rapide, merci !",
        "Parfait",
        "Personne ne m'a rappelé depuis ma réclamation.",
        "Bonjour, nous avons reçu la commande hier mais deux pièces étaient cassées et "
        "personne ne répond au téléphone. C'est la troisième fois que cela arrive, nous "
        "attendons une solution rapide.",
    ],
)
def test_a_french_comment_is_told_french(text: str) -> None:
    assert analyze(text).language == "fr"
