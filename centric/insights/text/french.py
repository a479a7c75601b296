"""Reading French comments: the words and the few rules of place that French needs.

French is read by its own words, written for this project, not by the English ones: "pain" is
bread, "lent" slow, "retard" a delay and "bon de livraison" a delivery note. What is
particular about reading it:

- negation comes in two parts around the verb, "ne … pas" ("ne … plus", "ne … jamais",
  "ne … rien", "ne … aucun", "ne … personne"), and spoken and written French often drops the
  "ne" ("c'est pas top"). "ne" (and its elided "n'") with a second part after it in its
  clause is one negation from "ne", so it turns the verb between them ("la facture ne
  correspond jamais au devis", "je ne le recommande pas", "je ne suis plus satisfait") or the
  first opinion word after ("n'est pas bon", "n'a jamais répondu"); alone it negates nothing:
  "ne … que" is "only" ("je n'ai reçu que la moitié"), and the expletive "ne" after "avant
  que" or "de peur que" is no negation. A set phrase with its own negation ("pas de
  problème", "pas reçu", "aucune réponse") keeps its second part, so it is not turned again.
  "personne" (nobody), "sans", "ni", "non" and "peu" ("peu fiable", "peu aimable": not)
  negate alone; "personne" after an article is a person ("une personne très aimable") and "un
  peu" is "a bit", read as set phrases of no opinion, as are "sans doute", "sans cesse", "non
  seulement", "jamais été aussi" (never so …). "plus" alone is "more" ("plus rapide");
- negation never looks back: the phrases of a verb and its negation ("fonctionne pas",
  "recommande pas") read a comment that drops the "ne";
- "mais", "cependant", "toutefois", "néanmoins", "pourtant", "en revanche" and "par contre"
  make what follows the verdict (the last two by their second word); "malgré", "certes" and
  "quoique" concede ("bien que" and "même si" are left out: "bien" and "même" say other
  things far more often);
- a clause in the conditional wishes ("ce serait bien de …", "le service pourrait être
  meilleur", "il faudrait", "j'aurais aimé"): its praise is what is missing. French also
  thanks in the conditional ("je voudrais remercier Julie"): "voudrais" and "aimerais" are no
  wish;
- "trop" before an adjective of measure makes it an excess ("trop cher", "trop long", "bien
  trop élevé"), and before another opinion word it stresses it ("trop bien", "trop déçu");
- a problem that was solved, repaired or whose part was replaced is no complaint ("le support
  a résolu notre problème", "panne réparée en une heure", "problème réglé"), while "pas
  résolu" is one;
- elision is undone ("n'est" is "n" and "est", "l'équipe" is "l" and "équipe", "qu'il",
  "jusqu'à"), so phrases are written with the elided letter as a word ("à l heure",
  "n importe quoi", "temps d attente");
- adjectives and participles agree in gender and number ("lente", "lents", "satisfaites",
  "réactive", "sérieuse", "professionnelle", "bonne", "géniaux"): the endings find the
  masculine singular. Verbs are conjugated too far for endings, so the forms customers use
  are listed ("recommande", "recommanderais", "fonctionnent");
- customers often leave out accents ("tres rapide", "decu", "equipe"), so words are looked up
  without them too; no two words of the lexicon differ by accents alone with different
  opinions, which is why "planté" (a crash; "plante" is a plant, so a crash is read by its
  phrases: "l'application plante", "a planté"), "taché" (stained; "tâche" is a task) and
  "aidé" ("aide" is help, asked for as often as given) are left out.
  Patterns, matched with accents, allow both where customers drop one;
- "bon" is good and a slip ("bon de commande", "bon de livraison", "bon d'achat"), "bien" is
  good, a filler ("bien sûr", "bien que") and a booster ("bien dommage"), "simple" is easy and mere ("une simple
  question"), "recommandé" is recommended and registered mail ("lettre recommandée"),
  "défaut" a defect and a default ("par défaut"), "être remboursé" a refund asked for while
  "été remboursé" is one made: the first of each is read as a set phrase of no opinion.
"""

from __future__ import annotations

from centric.insights.text.wordbook import Wordbook

# Valences on the English lexicon's scale, each word in its base form (the masculine singular
# of an adjective); feminine and plural forms are found by the endings below. "content" is
# an English word and is read in phrases ("très content", "pas content") and by "contente".
_VALENCES: dict[float, str] = {
    3.4: """excellent exceptionnel parfait fantastique extraordinaire remarquable sensationnel
        irréprochable merveilleux époustouflant""",
    3.0: """super top génial formidable magnifique impeccable nickel
        parfaitement ravi bravo félicitations adore adoré adorons bluffant""",
    2.6: """recommande recommandé recommander recommandons recommanderai recommanderais
        recommanderons recommandation enchanté comblé conquis félicite idéal
        heureux bluffé régal""",
    2.2: """satisfait contente aimable serviable sympathique sympa gentil gentiment agréable
        agréablement courtois chaleureux accueillant souriant bienveillant arrangeant
        attentionné compétent professionnel efficace efficacement efficacité réactif
        réactivité attentif intuitif fiable apprécie apprécié apprécions remercie remercions
        remercier remerciements meilleur pédagogue convivial chouette""",
    1.8: """bon bonne bien mieux rapide rapidement rapidité ponctuel ponctualité facile pratique utile
        soigné soigneusement solide robuste sérieux honnête résolu réparé dépanné satisfaisant
        satisfaction plaisir beau belle joli ergonomique abordable avantageux compétitif rentable
        patient poli poliment merci aime aimé conseille rigoureux minutieux impliqué flexible
        souple rassurant rassuré précieux""",
    1.2: """simple facilement clair clairement complet conforme correctement fonctionne
        correspond correspondent prévient prévenu prévenus informé informés
        fonctionnent fonctionnait fonctionnel convient conviennent raisonnable gratuit
        amélioré corrigé rectifié solutionné réglé remboursé rappelé répondu informé expliqué
        confiance vite résistant stable précis volontiers respecté joignable transparent
        économique cohérent adapté accessible""",
    0.8: """ok okay correct convenable acceptable""",
    -0.8: """malheureusement hélas augmenté augmentation hausse mitigé passable""",
    -1.2: """problème souci erreur retard attendre attends attendons patienter réclamation
        difficile difficulté perdu perte oubli oublié manque flou confus inquiet inquiétude
        bof dommage incident relance relancer attend manquait manquaient manquent saturé refusé lacune imprécis tardif tardivement lentement
        introuvable absent peur annulation coincé bruit regret""",
    -1.5: """lent lenteur compliqué coûteux onéreux excessif plainte anomalie bloqué bug bogue bugue
        fastidieux laborieux gênant ennuyeux embêtant incorrect inexact manquant incomplet
        retardé annuler annulé résilier résiliation indisponible rayé tordu déroutant
        contradictoire confusion bruyant faux fausse""",
    -1.8: """mal erroné défaut panne fissuré déchiré dégât pénible frustrant frustré frustration
        agacé agaçant énervé énervant insuffisant inutile injoignable inexistant
        dysfonctionnement plantage cassent illisible incohérent regrettable
        regrette injustifié litige interminable""",
    -2.2: """mauvais cassé abîmé endommagé détérioré défectueux désagréable impoli malpoli
        hautain arrogant négligent négligence bâclé gâché inutilisable surfacturé
        surfacturation trompé fâché galère incompréhensible dangereux
        déconseille déconseillé déçoit moche ras-le-bol""",
    -2.6: """déçu décevant déception insatisfait mécontent médiocre nul nulle pire grossier
        irrespectueux méprisant incompétent incompétence abusif chaotique bordel
        calvaire colère agressif mensonge menti mensonger tromperie pourri minable impossible
        exorbitant""",
    -3.0: """inacceptable inadmissible intolérable lamentable déplorable pitoyable horrible
        furieux honte cauchemar voleur""",
    -3.4: """catastrophique catastrophe désastreux désastre scandaleux scandale honteux
        épouvantable exécrable arnaque arnaqué escroquerie escroc""",
}

# (ending, replacement): the feminine and plural of adjectives and participles, longest first.
# The reader keeps a stem of three letters at least, so "bonne", "belle" and "nulle" are
# listed above as words of their own.
# Words are looked up without their accents, so the endings are written without them:
# "professionnelles" -> "professionnel", "sérieuse" -> "serieux", "bonne" -> "bon",
# "complète" -> "complet", "géniaux" -> "genial", "belle" -> "beau", "longue" -> "long".
_ENDINGS: tuple[tuple[str, str], ...] = (
    ("elles", "el"),
    ("elles", "eau"),
    ("euses", "eux"),
    ("ives", "if"),
    ("nnes", "n"),
    ("lles", "l"),
    ("gues", "g"),
    ("sses", "s"),
    ("sses", "x"),
    ("elle", "el"),
    ("elle", "eau"),
    ("euse", "eux"),
    ("ive", "if"),
    ("nne", "n"),
    ("lle", "l"),
    ("gue", "g"),
    ("sse", "s"),
    ("sse", "x"),
    ("aux", "al"),
    ("es", ""),
    ("s", ""),
    ("e", ""),
    ("x", ""),
)

# Several words read as one, by their lower-case words after elision is undone ("à l'heure"
# is "à l heure"). A phrase of value 0 says that its words are no opinion there.
_PHRASES: dict[str, float] = {
    # charged twice, waited, still nothing, fair prices
    "facturé deux fois": -1.8,
    "facturés deux fois": -1.8,
    "facturée deux fois": -1.8,
    "débité deux fois": -1.8,
    "débités deux fois": -1.8,
    "avons attendu": -1.2,
    "ai attendu": -1.2,
    "prix juste": 1.8,
    "prix justes": 1.8,
    # no problem, no worry: the negation is part of the praise
    "pas de problème": 1.8,
    "pas de problèmes": 1.8,
    "aucun problème": 1.8,
    "sans problème": 1.8,
    "sans problèmes": 1.8,
    "sans aucun problème": 1.8,
    "jamais eu de problème": 1.8,
    "jamais eu de problèmes": 1.8,
    "pas de souci": 1.8,
    "pas de soucis": 1.8,
    "aucun souci": 1.8,
    "sans souci": 1.8,
    "sans soucis": 1.8,
    "sans aucun souci": 1.8,
    "jamais eu de souci": 1.8,
    "jamais eu de soucis": 1.8,
    "sans accroc": 1.8,
    "sans encombre": 1.8,
    "sans faute": 1.8,
    "sans faille": 2.2,
    "sans difficulté": 1.8,
    "sans aucune difficulté": 1.8,
    "sans hésiter": 1.2,
    "sans hésitation": 1.2,
    "rien à redire": 2.2,
    "rien à reprocher": 2.2,
    "rien à dire": 1.8,
    "rien à signaler": 1.2,
    "rien de grave": 0.8,
    "pas grave": 0.8,
    "rien de mieux": 2.2,
    "rien de tel": 2.2,
    "manque rien": 1.2,
    "pas mal": 1.5,
    "pas trop mal": 1.2,
    "pas cher": 1.8,
    "pas chère": 1.8,
    "pas chers": 1.8,
    "pas chères": 1.8,
    "pas trop cher": 1.5,
    "moins cher": 1.2,
    "moins chère": 1.2,
    "moins chers": 1.2,
    "bon marché": 1.2,
    "vaut le coup": 1.8,
    "vaut la peine": 1.8,
    "vaut pas le coup": -1.8,
    "vaut pas la peine": -1.8,
    "regrette pas": 1.5,
    "regrettons pas": 1.5,
    "déçoit pas": 1.8,
    "déçoit jamais": 1.8,
    # how things came
    "à l heure": 1.2,
    "à temps": 1.2,
    "dans les temps": 1.2,
    "dans les délais": 1.8,
    "en avance": 1.2,
    "à bon port": 1.8,
    "de qualité": 1.2,
    "à la hauteur": 1.8,
    "pas à la hauteur": -2.2,
    "au rendez-vous": 1.2,
    "pas au rendez-vous": -1.8,
    "plus au rendez-vous": -1.8,
    "à l écoute": 2.2,
    "tient ses promesses": 1.8,
    "tient pas ses promesses": -1.8,
    "tient pas": -1.2,
    "répond à nos attentes": 1.8,
    "répond à mes attentes": 1.8,
    "dépasse nos attentes": 2.6,
    "dépasse mes attentes": 2.6,
    "que du bonheur": 2.6,
    "chapeau bas": 2.6,
    "tenu informé": 1.8,
    "tenus informés": 1.8,
    "tenue informée": 1.8,
    "m a aidé": 1.8,
    "m a aidée": 1.8,
    "nous a aidés": 1.8,
    "nous a aidé": 1.8,
    "m a beaucoup aidé": 2.2,
    "nous a beaucoup aidés": 2.2,
    "très disponible": 2.2,
    "toujours disponible": 1.8,
    "bien reçu": 1.2,
    # thanks, and the "merci de …" that asks rather than thanks
    "merci beaucoup": 2.6,
    "merci infiniment": 3.0,
    "grand merci": 2.6,
    "mille mercis": 2.6,
    "mille merci": 2.6,
    "encore merci": 2.2,
    "merci encore": 2.2,
    "merci de votre": 2.2,
    "merci de vos": 2.2,
    "merci pour votre": 2.2,
    "merci d avoir": 2.2,
    "merci de m avoir": 2.2,
    "merci de nous avoir": 2.2,
    "merci de": 0.4,
    "merci de bien": 0.0,
    "merci d avance": 0.8,
    "merci par avance": 0.8,
    "bonne continuation": 1.2,
    # "content" by its phrases
    "très content": 2.6,
    "très contents": 2.6,
    "trop content": 2.6,
    "vraiment content": 2.6,
    "super content": 2.6,
    "suis content": 2.2,
    "sommes contents": 2.2,
    "content du": 2.2,
    "content de": 2.2,
    "contents du": 2.2,
    "contents de": 2.2,
    "pas content": -1.8,
    "pas contents": -1.8,
    # a verb negated after it: "ne fonctionne pas", "je ne recommande pas"
    "fonctionne pas": -1.8,
    "fonctionnent pas": -1.8,
    "fonctionnait pas": -1.8,
    "fonctionnaient pas": -1.8,
    "fonctionne plus": -1.8,
    "fonctionnent plus": -1.8,
    "fonctionne jamais": -1.8,
    "fonctionne toujours pas": -2.2,
    "fonctionne pas correctement": -1.8,
    "fonctionne pas bien": -1.8,
    "fonctionne pas très bien": -1.5,
    "fonctionne mal": -1.8,
    "marche pas": -1.8,
    "marchent pas": -1.8,
    "marchait pas": -1.8,
    "marche plus": -1.8,
    "marchent plus": -1.8,
    "marche jamais": -1.8,
    "marche toujours pas": -2.2,
    "marche pas bien": -1.8,
    "marche pas correctement": -1.8,
    "marche mal": -1.8,
    "recommande pas": -2.2,
    "recommandons pas": -2.2,
    "recommanderai pas": -2.2,
    "recommanderais pas": -2.2,
    "recommanderons pas": -2.2,
    "recommande plus": -2.2,
    "recommande absolument pas": -2.6,
    "recommande à personne": -2.6,
    "recommanderais à personne": -2.6,
    "recommanderai à personne": -2.6,
    "conseille pas": -1.8,
    "apprécie pas": -1.8,
    "apprécions pas": -1.8,
    "aime pas": -1.8,
    "aimons pas": -1.8,
    "plaît pas": -1.5,
    "plaît beaucoup": 1.8,
    "convient pas": -1.5,
    "conviennent pas": -1.5,
    "convenait pas": -1.5,
    "convient plus": -1.2,
    "correspond pas": -1.5,
    "correspondent pas": -1.5,
    "correspondait pas": -1.5,
    "satisfait pas": -1.8,
    "répond pas": -1.5,
    "répondent pas": -1.5,
    "répond plus": -1.5,
    "répond jamais": -1.8,
    "répondent jamais": -1.8,
    "rembourse pas": -1.5,
    "remboursent pas": -1.5,
    "sert à rien": -1.8,
    "laisse à désirer": -1.8,
    "laissent à désirer": -1.8,
    "attendais à mieux": -1.8,
    "attendait à mieux": -1.8,
    "attendions à mieux": -1.8,
    "mieux faire": -1.2,
    "moins bien": -1.2,
    "moins bon": -1.2,
    "moins bonne": -1.2,
    "attends avec impatience": 1.2,
    "attendons avec impatience": 1.2,
    "améliore pas": -1.2,
    "renouvellerons pas": -1.5,
    "renouvellerai pas": -1.5,
    "vaut pas": -1.5,
    "arrive pas": -1.5,
    "arrivons pas": -1.5,
    "arrive plus": -1.5,
    "arrive jamais": -1.5,
    "pas faire mieux": 2.2,
    "pas rêver mieux": 2.2,
    "plus aucun problème": 1.8,
    "plus aucun souci": 1.8,
    "plus de problème": 1.2,
    "plus de souci": 1.2,
    # nobody answers, nothing works
    "rien ne va": -1.8,
    "pas assez de": -1.2,
    "pas assez d": -1.2,
    # "planté" is left out ("plante" is a plant): a crash by its phrases
    "a planté": -1.8,
    "ont planté": -1.8,
    "qui plante": -1.8,
    "ça plante": -1.8,
    "application plante": -1.8,
    "appli plante": -1.8,
    "logiciel plante": -1.8,
    "site plante": -1.8,
    "plante souvent": -1.8,
    "plante régulièrement": -1.8,
    "plante constamment": -1.8,
    "plante tout": -1.8,
    "toujours rien": -1.5,
    "personne ne répond": -1.8,
    "personne ne rappelle": -1.5,
    "aux abonnés absents": -1.8,
    # not received, still no answer
    "pas reçu": -1.8,
    "pas reçue": -1.8,
    "pas reçus": -1.8,
    "pas encore reçu": -1.5,
    "toujours pas reçu": -2.2,
    "toujours pas reçue": -2.2,
    "jamais reçu": -1.8,
    "jamais reçue": -1.8,
    "rien reçu": -1.8,
    "non reçu": -1.8,
    "pas livré": -1.8,
    "pas livrée": -1.8,
    "pas livrés": -1.8,
    "pas été livré": -1.8,
    "pas été livrée": -1.8,
    "toujours pas livré": -2.2,
    "jamais livré": -1.8,
    "jamais été livré": -1.8,
    "non livré": -1.8,
    "pas arrivé": -1.8,
    "pas arrivée": -1.8,
    "pas arrivés": -1.8,
    "pas encore arrivé": -1.2,
    "toujours pas arrivé": -2.2,
    "jamais arrivé": -1.8,
    "jamais arrivée": -1.8,
    "pas de réponse": -1.5,
    "aucune réponse": -1.5,
    "sans réponse": -1.5,
    "jamais de réponse": -1.5,
    "toujours pas de réponse": -1.8,
    "toujours aucune réponse": -1.8,
    "pas de nouvelles": -1.5,
    "aucune nouvelle": -1.5,
    "sans nouvelles": -1.5,
    "plus de nouvelles": -1.5,
    "pas de retour": -1.2,
    "aucun retour": -1.2,
    "sans retour": -1.2,
    "pas d explication": -1.5,
    "aucune explication": -1.5,
    "sans explication": -1.5,
    "pas de solution": -1.5,
    "aucune solution": -1.5,
    "sans solution": -1.5,
    "pas de suivi": -1.5,
    "aucun suivi": -1.5,
    "aucun geste commercial": -1.5,
    "pas de geste commercial": -1.5,
    "aucune information": -1.5,
    "aucune info": -1.5,
    "pas d information": -1.5,
    "aucune visibilité": -1.5,
    "pas de visibilité": -1.5,
    "sans prévenir": -1.2,
    "rien à voir": -1.2,
    "aucun intérêt": -1.8,
    "sans intérêt": -1.5,
    "aucun sens": -1.5,
    "pas disponible": -1.2,
    "plus disponible": -1.2,
    "plus confiance": -1.8,
    "perte de confiance": -1.8,
    # more complaints
    "pas terrible": -1.5,
    "pas top": -1.5,
    "pas génial": -1.5,
    "pas normal": -1.8,
    "pas sérieux": -2.2,
    "pas conforme": -1.8,
    "non conforme": -1.8,
    "pas professionnel": -2.2,
    "plus jamais": -2.2,
    "n importe quoi": -2.6,
    "perte de temps": -2.2,
    "temps d attente": -1.2,
    "en attente": -1.2,
    "toujours en attente": -1.5,
    "longue attente": -1.5,
    "en retard": -1.5,
    "hors délai": -1.5,
    "hors délais": -1.5,
    "à l arrêt": -1.8,
    "en ai assez": -1.8,
    "en bateau": -2.2,
    "se moque": -2.2,
    "se moquent": -2.2,
    "mal informé": -1.8,
    "mal conseillé": -2.2,
    "mal expliqué": -1.8,
    "mal réparé": -2.2,
    "mal aimable": -2.2,
    "mal poli": -2.2,
    "bien trop": -1.2,
    "bien en retard": -1.8,
    "très cher": -1.5,
    "bien cher": -1.5,
    "assez cher": -1.2,
    "plutôt cher": -1.2,
    "un peu cher": -1.2,
    "un peu long": -1.0,
    "un peu longs": -1.0,
    "un peu longue": -1.0,
    "un peu longues": -1.0,
    "un peu chère": -1.2,
    "un peu chers": -1.2,
    "cher payé": -1.5,
    "hors de prix": -2.2,
    "prix élevé": -1.2,
    "prix élevés": -1.2,
    "tarif élevé": -1.2,
    "tarifs élevés": -1.2,
    "coût élevé": -1.2,
    "frais élevés": -1.2,
    "qualité moyenne": -1.2,
    "plutôt moyen": -1.2,
    "assez moyen": -1.2,
    "très moyen": -1.5,
    "bien moyen": -1.2,
    "service moyen": -1.2,
    # what the conditional says: praise wished for ("il serait bien que …"), not "bien que"
    "serait bien que": -0.9,
    # words of no opinion here
    "au plus vite": 0.0,
    "bien sûr": 0.0,
    "bien entendu": 0.0,
    "bien que": 0.0,
    "ou bien": 0.0,
    "eh bien": 0.0,
    "bon de commande": 0.0,
    "bons de commande": 0.0,
    "bon de livraison": 0.0,
    "bons de livraison": 0.0,
    "bon de retour": 0.0,
    "bon d achat": 0.0,
    "bons d achat": 0.0,
    "bon de réduction": 0.0,
    "bonne journée": 0.0,
    "bonne soirée": 0.0,
    "bonne réception": 0.0,
    "bon courage": 0.0,
    "en recommandé": 0.0,
    "lettre recommandée": 0.0,
    "lettres recommandées": 0.0,
    "courrier recommandé": 0.0,
    "recommandé avec": 0.0,
    "conseillé de": 0.0,
    "par défaut": 0.0,
    "à défaut": 0.0,
    "en pratique": 0.0,
    "en règle": 0.0,
    "simple question": 0.0,
    "un simple": 0.0,
    "une simple": 0.0,
    "nulle part": 0.0,
    "pas mal de": 0.0,
    "un peu": 0.0,
    "à peu près": 0.0,
    "quelque peu": 0.0,
    "sans doute": 0.0,
    "sans aucun doute": 0.0,
    "sans compter": 0.0,
    "sans cesse": 0.0,
    "sans arrêt": 0.0,
    "non seulement": 0.0,
    "pas seulement": 0.0,
    "jamais été aussi": 0.0,
    "jamais vu": 0.0,
    "une personne": 0.0,
    "la personne": 0.0,
    "cette personne": 0.0,
    "chaque personne": 0.0,
    "autre personne": 0.0,
    "seule personne": 0.0,
    "bonne personne": 1.2,
    "en personne": 0.0,
    "être remboursé": 0.0,
    "être remboursée": 0.0,
    "être remboursés": 0.0,
    "être rappelé": 0.0,
    "être informé": 0.0,
}

# Journey stage: the words of each stage, matched as whole words in the lower-cased text
_STAGE_WORDS: dict[str, str] = {
    "shop": r"devis|offres?|catalogues?|compar\w*|choix|s[ée]lection|site (?:web|internet)|"
    r"boutiques?|magasins?|showroom|vitrine|renseign\w*|d[ée]mo|d[ée]monstration",
    "purchase": r"command\w*|ach[eè]t\w*|achats?|pay[ée]e?s?|payer|paiements?|contrats?|"
    r"panier|souscri\w*|abonnements?",
    "delivery": r"livr\w*|exp[ée]di\w*|envois?|envoy[ée]e?s?|colis|transporteurs?|coursiers?|"
    r"chronopost|colissimo|re[çc]ue?s?|r[ée]ception|arriv\w*|emball\w*|installations?|"
    r"install[ée]e?s?|installer|point relais",
    "use": r"utilis\w*|usage|fonctionn\w*|au quotidien|tous les jours|quotidien\w*|"
    r"en service|en production",
    "maintain": r"entretien\w*|maintenance|r[ée]par\w*|garanties?|pannes?|d[ée]pann\w*|"
    r"d[ée]fectu\w*|cass[ée]e?s?|interventions?|intervenu\w*|sav|service apr[èe]s-vente|"
    r"apr[èe]s-vente|techniciens?|technicienne|mises? [àa] jour|support|hotline",
    "replace": r"remplac\w*|[ée]chang(?:er|[ée]e?s?)|rembours\w*|renvoy\w*|retourn\w*|"
    r"retour produit|renouvel\w*|r[ée]assort\w*",
    "dispose": r"recycl\w*|jet[ée]e?s?|jeter|poubelle|d[ée]chets?|rebut|r[ée]sili\w*|"
    r"d[ée]sabonn\w*|cl[ôo]tur\w* (?:mon|notre|le) compte|fermer (?:mon|notre) compte",
}

# Care signals: regular expressions over the lower-cased text, matched from the start of a
# word
_CARE_PATTERNS: dict[str, str] = {
    "risk": r"\brisqu\w*|\bdangers?\b|\bmet(?:tre|tent|trait)? (?:\w+ )?en (?:p[ée]ril|danger)\b|"
    r"\b[àa] l['’]arr[êe]t\b|\barr[êe]t (?:de la |de notre |de nos )?(?:production|ligne|"
    r"cha[îi]ne)s?\b|\b(?:pourrions|pourrait|pourraient) (?:\w+ ){0,2}perdre\b|"
    r"\bsi (?:cela|ça|ca) (?:se reproduit|recommence|continue)\b|\bmenace\w*|\bcompromet\w*|"
    r"\b(?:ligne|production|usine|cha[îi]ne)s? (?:\w+ )?s['’]arr[êe]te(?:nt)?\b",
    "fear": r"\bcrai(?:ns|nt|gnons|gnez|gnent|ndre|nte|ntes)\b|\bpeur\b|\binqui[eéè]t\w*|"
    r"\bpr[ée]occup\w*|\bappr[ée]hen\w*|\bangoiss\w*|\bredout\w*|\bnerveux\b|\bsoucieux\b",
    # not a thank-you in the conditional: "je voudrais remercier Julie"
    "desire": r"(?<!dont )\b(?:(?:je|nous|on) |j['’])(?:voudrions|voudrais|voudrait|aimerions|"
    r"aimerais|aimerait|souhaitons|souhaite|souhaiterions|souhaiterais|souhaiterait)\b"
    r"(?! (?:\w+ )?(?:remercier|f[ée]liciter|saluer|souligner|dire merci)\b)|"
    r"(?<!dont )\b(?:nous avons|nous aurions|j['’]ai|j['’]aurais|on a) (?:\w+ )?besoin\b|"
    r"\b(?:nous cherchons|je cherche)\b",
    "wish": r"\bsi seulement\b|\b(?:ce|il|ça|ca|cela) serait (?:\w+ )?(?:bien|top|super|"
    r"g[ée]nial|pratique|utile|mieux|bon|appr[ée]ciable|souhaitable|id[ée]al|parfait|"
    r"int[ée]ressant)\b|\bil faudrait\b|\bvous devriez\b|\b(?:j['’]aurais|nous aurions) "
    r"(?:\w+ )?(?:aim[ée]|souhait[ée]|pr[ée]f[ée]r[ée])\b|\bdommage qu(?:e\b|['’])",
    "constraint": r"\bbudget\w*|\bdate limite\b|\bdeadline\w*|\b[ée]ch[ée]ances?\b|"
    r"\bd[ée]lais? (?:impartis?|serr[ée]s?|contraints?|imp[ée]ratifs?)\b|"
    r"\br[ée]glementation\w*|\bnormes? (?:de s[ée]curit[ée]|en vigueur)\b|\bconformit[ée]\b|"
    r"\b(?:pas|plus) les moyens\b|\bne pouvons pas nous (?:le )?permettre\b|\bcontraintes?\b|"
    r"\bcahier des charges\b|\bsommes oblig[ée]s\b|\bdevons (?:\w+ )?attendre\b",
    "hope": r"\besp[èée]r\w*|\bespoir\w*|\bh[âa]te (?:de|que)\b|\bau plaisir de\b|"
    r"\bnous r[ée]jouissons\b",
    "opportunity": r"\bopportunit[ée]s?\b|\b(?:commanderions|ach[èe]terions|prendrions|"
    r"passerions) (?:\w+ )?(?:plus|davantage|encore|aussi)\b|\bsi vous (?:proposiez|aviez|"
    r"offriez|ajoutiez|faisiez)\b|\bd['’]autres (?:couleurs|coloris|tailles|mod[èe]les|"
    r"r[ée]f[ée]rences)\b|\bplus de (?:couleurs|coloris|tailles|choix|mod[èe]les)\b|"
    r"\b(?:pourrions|pourrait) (?:\w+ )?(?:aussi|[ée]galement|[ée]tendre)\b",
}

# Flags: urgent and churn risk, each by its reasons
_FLAG_PATTERNS: dict[str, dict[str, str]] = {
    "urgent": {
        # prices and delays "explode" too: an explosion is a thing that blew up
        "safety": r"\bprobl[èe]mes? de s[ée]curit[ée]\b|\b(?:risques?|dangers?|d[ée]fauts?|"
        r"incidents?|failles?) (?:de|pour la) s[ée]curit[ée]\b|\bdangereu(?:x|se|ses)\b|"
        r"\bbless(?:é|ée|és|ées|ure|ures)\b|\baccidents?\b|\bincendies?\b|"
        r"\b(?:pris|prend|prendre|prennent|a pris) feu\b|\b[ée]lectrocut\w*|"
        r"\bd[ée]charges? [ée]lectriques?\b|\bcourts?-circuits?\b|\bexplosion\b(?! des?\b| du\b)|"
        r"\b(?:batterie|appareil|chaudi[èe]re|bouteille|pile|chargeur|ballon|t[ée]l[ée]phone)s? "
        r"(?:\w+ ){0,2}explos[ée]e?s?\b|\btoxiques?\b|\bintoxi\w*|\bbr[ûu]lures?\b|"
        r"\bde la fum[ée]e\b",
        # the customer's own work has stopped; what a sentence only supposes ("si …") is not
        "outage": r"\b(?:ligne|lignes|production|usine|cha[îi]ne|atelier|syst[èe]me|serveurs?|"
        r"plateforme|plate-forme|portail|site|machines?|installation|activit[ée]|r[ée]seau)"
        r"(?: \w+){0,3} (?:est|sont|reste|restent|sera|seront|(?:a|ont) [ée]t[ée]) "
        r"(?:\w+ ){0,2}(?:[àa] l['’]arr[êe]t|en panne|hors service|hors ligne|inaccessibles?|"
        r"paralys[ée]e?s?|arr[êe]t[ée]e?s?|bloqu[ée]e?s?|down|indisponibles?)|"
        r"\barr[êe]t (?:total |complet )?de (?:la |notre |nos |toute la )?(?:production|"
        r"ligne|cha[îi]ne|activit[ée])s?\b|\b(?:impossible|incapables?) de (?:produire|"
        r"travailler|facturer|exp[ée]dier)\b|\bnous sommes (?:\w+ )?(?:paralys[ée]s|"
        r"[àa] l['’]arr[êe]t|bloqu[ée]s)\b|\btout est (?:\w+ )?(?:bloqu[ée]|[àa] l['’]arr[êe]t|"
        r"paralys[ée])\b",
        # said in so many words; "pas urgent" is passed over like a denied churn phrase
        "urgency": r"\burgen(?:t|te|ts|tes|ce|ces|ment)\b",
        # "avocat" is an avocado too: a lawyer is "notre avocat" or one to be consulted
        "legal": r"\b(?:mon|notre|nos|mes) avocats?\b|\b(?:contacter|consulter|saisir|prendre|"
        r"mandater) (?:un |une |mon |notre )?avocat\w*|\bport\w* plainte\b|"
        r"\bd[ée]poser (?:une )?plainte\b|\bplainte contre\b|\bpoursuites? (?:judiciaires?|"
        r"en justice)\b|\bpoursuivre en justice\b|\ben justice\b|\btribunal\b|\btribunaux\b|"
        r"\b(?:mise|mettre|mis|mettrons) en demeure\b|\bproc[èe]s\b(?!-)|\bdgccrf\b|"
        r"\bque choisir\b|\bassociations? de (?:consommateurs|d[ée]fense des consommateurs)\b|"
        r"\bm[ée]diateur\b|\bconciliateur\b|\bdiscrimin\w*|\bprud['’]?hom\w*",
        "privacy": r"\bfuites? de(?:s)? donn[ée]es\b|\bviolation de(?:s)? (?:mes |nos )?"
        r"donn[ée]es\b|\b(?:violation|atteinte) (?:de|[àa]) (?:la |ma |notre )?vie priv[ée]e\b|"
        r"\b(?:mes|nos) (?:donn[ée]es|informations|coordonn[ée]es)(?: personnelles| bancaires)? "
        r"(?:ont [ée]t[ée]|sont) (?:\w+ )?(?:divulgu[ée]es|vendues|pirat[ée]es|vol[ée]es|"
        r"partag[ée]es|transmises|expos[ée]es|publi[ée]es|communiqu[ée]es)\b|\brgpd\b|\bcnil\b|"
        r"\b(?:compte|syst[èe]me|site|messagerie|bo[îi]te mail)s? (?:\w+ ){0,2}pirat[ée]e?s?\b|"
        r"\bpiratage\b|\b(?:commande|donn[ée]es|facture) d['’]un autre client\b",
        "money lost": r"\b(?:d[ée]bit|pr[ée]lev|factur|pay|encaiss)[ée]e?s? (?:\w+ ){0,2}"
        r"(?:deux fois|2 fois|en double|[àa] deux reprises|[àa] 2 reprises)\b|"
        r"\bdoubles? (?:pr[ée]l[èe]vements?|facturations?|d[ée]bits?|paiements?)\b|"
        r"\bpr[ée]l[èe]vements? (?:non autoris[ée]s?|frauduleux|injustifi[ée]s?)\b|\bfraud\w*|"
        r"\barnaqu\w*|\bescroqu\w*|\bescrocs?\b|\bsurfactur\w*|\b(?:jamais|toujours pas) "
        r"(?:[ée]t[ée] )?rembours[ée]e?s?\b|\b(?:jamais|toujours pas) re[çc]u (?:le |mon |"
        r"notre |aucun )?remboursement\b|\bperdu (?:\w+ )?argent\b",
    },
    "churn_risk": {
        # cancelling an order is a complaint about the order, not leaving
        "cancel": r"\br[ée]sili\w*|\b(?:annul\w*|cl[ôo]tur\w*|fermer|fermons|fermerons) "
        r"(?:(?:mon|notre|nos|mes|le|la|ce|cet|cette) |l['’])(?:abonnement|contrat|compte|"
        r"souscription|adh[ée]sion|forfait)s?\b|\bmettre fin (?:[àa] |au |aux )(?:notre |nos |"
        r"mon |ce |cette |la |le )?(?:contrat|abonnement|collaboration|partenariat|relation)s?\b|"
        r"\bd[ée]sabonn\w*|\bd[ée]sinscri\w*",
        # "ne … plus" is matched from its "ne", so that the "ne" does not deny it; "plus jamais
        # eu de problème" is praise
        "leave": r"\bn(?:e |['’])(?:\w+ ){0,2}plus jamais\b(?! (?:eu|rencontr\w*|connu)\b)|"
        r"\bplus jamais\b(?! (?:eu|rencontr\w*|connu)\b)|\bn(?:e |['’])(?:vous |les |y |en )?"
        r"(?:command|ach[eè]t|reviendr|travailler|passer)\w* (?:\w+ )?plus\b|"
        r"\b(?:c['’]est|c['’][ée]tait|ce sera) (?:la )?derni[èe]re fois\b|"
        r"\bpour la derni[èe]re fois\b|\b(?:aller|allons|irons|vais|irai) voir ailleurs\b|"
        r"\b(?:perdu|perdre|perdez) un client\b|\bne (?:serons|serai) plus (?:vos |votre )?"
        r"clients?\b",
        "not renew": r"\bn(?:e |['’])(?:le |la |les )?renouvel\w* (?:\w+ )?(?:pas|plus|jamais)\b|"
        r"\bne (?:pas|plus|jamais) (?:le |la |les )?renouvel\w*|\bn(?:e |['’])\w+ (?:pas|plus) "
        r"(?:le |la |les )?renouvel\w*|\bnon[- ]renouvellement\w*|\b(?:pas|plus) "
        r"(?:le |la |les )?renouveler\b",
        "switch": r"\bchanger de (?:fournisseur|prestataire|partenaire|banque|op[ée]rateur|"
        r"marque|soci[ée]t[ée]|transporteur)s?\b|\b(?:passer|passons|passerons|aller|allons|"
        r"irons) (?:\w+ )?(?:chez|[àa]) (?:la |un |une |vos )?(?:concurrence|concurrents?|"
        r"autre (?:fournisseur|prestataire|soci[ée]t[ée]))\b|\bconcurren(?:ce|ts?|tes?)\b|"
        r"\b(?:autres?|nouveaux?|nouvel) (?:fournisseurs?|prestataires?)\b|"
        r"\b(?:cherch|regard|[ée]tudi|envisag|examin|compar|consult)\w* (?:d['’]autres|des|les|"
        r"une|de nouvelles) (?:alternatives?|solutions? alternatives?|offres concurrentes|"
        r"fournisseurs|prestataires)\b",
    },
}

_PRAISE = (
    r"\bmerci\w*|\bremerci\w*|\bbravo\b|\bf[ée]licit\w*|\bexcellent\w*|\bsuper\b|"
    r"\bg[ée]ni(?:al|ale|aux|ales)\b|\bformidables?\b|\bparfait\w*|\bimpeccables?\b|"
    r"\baimable\w*|\bserviables?\b|\bgentil\w*|\bsympa\w*|\bcomp[ée]tent\w*|"
    r"\bprofessionnel\w*|\br[ée]acti(?:f|fs|ve|ves|vit[ée])\b|\bchaleureu\w*|"
    r"\bpatient(?:e|s|es)?\b|\b[àa] l['’][ée]coute\b|\btop\b|\bexceptionnel\w*|"
    r"\bremarquable\w*|\battentionn[ée]\w*|\bsouriant\w*|\bcourtois\w*|\bp[ée]dagogue\w*|"
    r"\binvesti(?:e|s|es)?\b|\bd[ée]vou[ée]\w*"
)
_CLAUSE_END = (
    r"[,;:.!?()]|\bmais\b|\bcependant\b|\btoutefois\b|\bn[ée]anmoins\b|\bpourtant\b|"
    r"\ben revanche\b|\bpar contre\b|\bbien que\b|\bm[êe]me si\b|\bquoique\b|\bmalgr[ée]\b|"
    r"\bcertes\b|\balors que\b|\btandis que\b"
)
# a churn phrase or a word of urgency just after a negation is denied: "nous ne résilierons
# pas", "nous n'envisageons pas de résilier", "ce n'est pas urgent", "rien d'urgent"
_NEGATED = (
    r"(?:\b(?:ne|pas|jamais|aucun|aucune|ni|non|sans|rien|personne|gu[èe]re)\s+|\bn['’])"
    r"(?:\w+(?:\s+|['’]))?$"
)
# a sentence that supposes: what stops in it has not stopped ("si les pièces arrivent encore
# en retard, notre ligne sera à l'arrêt" is a risk, not an outage). Matched at the start of
# the sentence, without "^", which would hold at the start of the comment only.
_SUPPOSED = r"\s*(?:si|s['’]ils?|au cas o[ùu]|en cas d['’]|en cas de|[àa] supposer)\b"

FRENCH = Wordbook(
    code="fr",
    name="French",
    valences=_VALENCES,
    endings=_ENDINGS,
    phrases=_PHRASES,
    # "pas" first: the word the reader's checks negate with. "ne" and "n" are left out (see
    # above), "plus" is mostly "more" and "point" a point.
    negators="""pas jamais rien aucun aucune aucuns aucunes personne ni sans non peu guère
        nullement moyennement""",
    # "ne … pas" around a verb is one negation from "ne", which turns the verb ("la facture
    # ne correspond jamais au devis"); "ne … plus" too, though "plus" alone is "more"
    negation_opens="ne n",
    negation_closes="""pas plus jamais rien aucun aucune aucuns aucunes personne guère
        nullement point""",
    boosters={
        0.3: """très vraiment tellement totalement complètement absolument particulièrement
            vachement carrément franchement réellement entièrement trop fort""",
        0.4: "extrêmement incroyablement infiniment terriblement énormément super hyper ultra",
        0.2: "assez si bien",
        -0.3: "plutôt légèrement relativement",
    },
    excess="trop",
    measures="""petit grand gros long court large étroit serré lourd léger haut bas élevé
        faible fort cher coûteux lent rapide vite tard tôt chaud froid bruyant épais mince fin
        juste peu longtemps souvent nombreux compliqué complexe technique simple sensible
        sucré salé loin important""",
    contrast="mais cependant toutefois néanmoins pourtant revanche contre",
    concessive="malgré certes quoique",
    wishing="""serait seraient pourrait pourraient pourrions devrait devraient devrions devriez
        pourriez aurait auraient aurais faudrait""",
    solved="""résolu résolue résolus résolues réglé réglée réglés réglées réparé réparée
        réparés réparées corrigé corrigée corrigés corrigées rectifié rectifiée rectifiés
        rectifiées dépanné dépannée dépannés dépannées solutionné solutionnée solutionnés
        solutionnées remplacé remplacée remplacés remplacées""",
    seeds={
        "billing": "facture, factures, facturation, facturé, paiement, payer, payé, "
        "prélèvement, prélevé, débité, virement, échéance, montant, règlement, tva, impayé, "
        "carte bancaire, carte de crédit, frais de dossier, frais bancaires, frais cachés, "
        "relance de paiement, ticket de caisse",
        "refunds": "remboursement, remboursé, rembourser, avoir sur facture, note de crédit, "
        "geste commercial, rétrocession",
        "price": "prix, tarif, tarifs, tarification, cher, chère, chers, coût, coûts, coûteux, "
        "onéreux, pas cher, bon marché, hors de prix, promotion, promo, remise, réduction, "
        "rabais, devis, qualité-prix, abordable, augmentation",
        "delivery": "livraison, livraisons, livrer, livré, livreur, livreuse, expédition, "
        "expédié, envoi, colis, carton, emballage, emballé, transporteur, coursier, "
        "chronopost, colissimo, point relais, suivi de colis, numéro de suivi, délai de "
        "livraison, délais de livraison, frais de port, est arrivé, est arrivée, sont arrivés, "
        "sont arrivées, pas arrivé, jamais arrivé, arrivé en retard, arrivée, abîmé, endommagé, "
        "en retard, palette",
        "returns": "retour produit, retourner, retourné, renvoyer, renvoyé, renvoi, échanger, "
        "échangé, échange standard, bon de retour, étiquette de retour, frais de retour, "
        "procédure de retour, politique de retour, rétractation, reprise",
        "support": "support, service client, service clients, sav, service après-vente, "
        "après-vente, hotline, assistance, ticket, helpdesk, conseiller, conseillère, "
        "conseiller client, réponse, aide, réclamation, standard téléphonique",
        "staff": "personnel, équipe, employé, employée, employés, vendeur, vendeuse, "
        "technicien, technicienne, commercial, commerciale, accueil, collaborateur, "
        "collaboratrice, caissier, caissière, gérant, aimable, désagréable, impoli, "
        "politesse, courtois, compétent, incompétent, sympathique, souriant",
        "product quality": "qualité, finition, finitions, matériau, matériaux, matière, "
        "fabrication, solidité, robustesse, durabilité, défaut, défectueux, défectueuse, "
        "cassé, abîmé, usure, pièce défectueuse, pièces défectueuses, mal fini, bien fini",
        "fit and size": "taille, tailles, pointure, grandeur, trop petit, trop grand, "
        "trop petite, trop grande, trop large, trop court, trop courte, ajusté, serré, longueur, "
        "dimensions, mesures",
        "design": "design, couleur, couleurs, coloris, look, style, esthétique, apparence, "
        "aspect, joli, jolie, beau, belle, élégant, moche",
        "usability": "facile à utiliser, simple d utilisation, facile d utilisation, "
        "ergonomie, ergonomique, intuitif, interface, navigation, site internet, site web, "
        "application, appli, prise en main, compliqué, paramètres, réglages, menu",
        "onboarding": "installation, mise en service, mise en route, formation, inscription, "
        "création de compte, paramétrage, configuration, démarrage, tutoriel, mode d emploi, "
        "notice, premiers pas, première connexion",
        "communication": "information, informations, informé, communication, email, e-mail, "
        "mail, mails, courriel, message, messages, notification, notifications, sms, "
        "tenu informé, tenus informés, explication, explications, expliqué, prévenu, "
        "prévenus, newsletter, pas clair",
        "relationship": "interlocuteur, interlocutrice, chargé de compte, chargée de compte, "
        "chargé d affaires, responsable de compte, commercial dédié, partenariat, partenaire, "
        "collaboration, relation, relation client, visite, visites, rendez-vous, point "
        "régulier, bilan annuel, revue, nos besoins, nos projets, notre activité, à l écoute, "
        "proactif, proactive, retour d expérience, feedback",
        "reliability": "panne, pannes, en panne, bug, bugs, bogue, plantage, plantages, crash, "
        "message d erreur, code erreur, dysfonctionnement, hors service, hors ligne, coupure, "
        "coupures, interruption, lent, lente, lents, lenteur, lenteurs, instable, fiable, "
        "fiabilité, fonctionne pas, marche pas, marche plus, fonctionne plus, à l arrêt",
        "availability": "disponible, disponibles, disponibilité, indisponible, rupture, "
        "rupture de stock, en stock, stock, épuisé, réapprovisionnement, horaires, "
        "horaires d ouverture, délai d approvisionnement",
    },
    stage_words=_STAGE_WORDS,
    care_patterns=_CARE_PATTERNS,
    flag_patterns=_FLAG_PATTERNS,
    praise=_PRAISE,
    clause_end=_CLAUSE_END,
    negated=_NEGATED,
    supposed=_SUPPOSED,
    # words of the reader that English writes too: they do not tell French from English
    shared="""excellent service support super top ok okay correct simple stable transparent
        acceptable impossible horrible passable absent incident confusion
        frustration satisfaction bravo nickel impeccable formidable genial ideal bug bugs
        design style look interface navigation application installation formation
        information informations communication notification notifications message messages
        email mail mails ticket hotline assistance stock feedback relation collaboration
        accident promotion promo menu sms crash flexible patient arrogant incorrect faux lent
        retard notice rupture dimensions aspect commercial accessible exorbitant pire
        configuration revue standard rendez-vous aide personnel beau belle inscription
        absents abusive anomalies attends augmentation augmentations beaus beaux bone bones
        bravos carton catastrophe catastrophes coherent competent competitive complete
        completes confuse confuses confusions convivial corrects deception deceptions
        execrable explication explications fabrication facile fissure fissures
        gentile gentiles grandeur imprecise inadmissible incidents incoherent incompetence
        incomplete incomprehensible inexact inquietude interminable interruption intolerable
        lamentable male males mercies nickels palette payer pedagogue pedagogues reactive
        reclamation rectifies regal regale regales regrettable reprise resistant retards
        satisfactions simplex supers tops attend refuse refuses belles client clients code
        dossier grand internet main mode note plus point port premiers route site""",
    # numbers and words of no topic, besides the function words
    left_out="""devant derrière contre cesse
        un une deux trois quatre cinq six sept huit neuf dix onze douze quinze vingt
        trente quarante cinquante cent cents mille premier première deuxième second seconde
        troisième dernier dernière fois jour jours semaine semaines mois an ans année années
        heure heures minute minutes aujourd'hui hier demain matin soir toujours souvent encore
        déjà vraiment très trop assez beaucoup tout tous toute toutes chose choses truc
        quelque quelques bonjour bonsoir madame monsieur mesdames messieurs cordialement
        salutations svp depuis pendant environ plusieurs chaque autre autres même aussi ainsi
        alors donc car puis enfin ensuite fait faire ça cela ceci voici voilà oui les des la
        le de du en dans par sur sous chez vers entre après avant ou où quand comme que qui
        quoi dont ce cet cette ces mon ma mes ton ta tes son sa ses votre vos leurs tu ils
        elles on moi toi lui eux y est sont était étaient été être avoir ai as avons avez
        ont avait avaient eu peut pouvez pouvons doit devons devez va vais allons faut allé
        allée allés allées rend""",
    negation_looks_back=False,
    elided="l d j n m t s c qu jusqu lorsqu puisqu",
    fold_accents=True,
    # the default themes' English seed words that mean another thing in French: "mail" is
    # an email, "prise en charge" handling, "sale" dirty, "une petite question" no size,
    # "un large choix" a wide one, "la box" the router, "je n'arrive pas" "I can't"
    false_friends="mail charge sale petite large long short box arrive server",
)
