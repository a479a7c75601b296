"""A year of the demo organisation's feedback: survey answers from contacts in their language,
reviews and support tickets, and internal customers rating the teams that serve them.

The comments are composed from phrase banks written for this demo (no third-party data): each
mentions one or two themes in line with the score (praise with a high one, complaints with a
low one, one of each in between), so the insights have something real to find — billing
trouble at accounts at risk, praise for named people, a delivery problem that grows in the
spring, and a billing incident five weeks ago that the spike detection flags — and the cases
know what each comment is about (``comment_remarks``).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import partial
from operator import attrgetter, itemgetter
from typing import Literal
from zoneinfo import ZoneInfo

from centric.core import clock
from centric.customers.models import Contact, Customer, LifecycleStage
from centric.feedback import services as feedback_services
from centric.feedback.models import (
    Answer,
    Invitation,
    JourneyStage,
    Question,
    Response,
    Survey,
    Touchpoint,
)
from centric.people.models import Team, User

TOUCHPOINTS = {
    "Shop": ["Website visit", "Trade fair"],
    "Purchase": ["Quote request", "Order confirmation"],
    "Delivery": ["Delivery", "Installation"],
    "Use": ["Support call", "Online portal"],
    "Maintain": ["Maintenance visit", "Spare parts order"],
    "Replace": ["Renewal meeting"],
    "Dispose": ["Returns and recycling"],
}

# theme -> (praise, complaints), in the languages the demo's contacts write (its Polish
# contacts answer in English)
PHRASES: dict[str, dict[str, tuple[list[str], list[str]]]] = {
    "en": {
        "delivery": (
            [
                "Delivery arrived a day early and the driver was careful.",
                "Everything came on time and well packed.",
            ],
            [
                "The delivery was two weeks late and nobody told us.",
                "Parts arrived damaged, the packaging was far too thin.",
            ],
        ),
        "billing": (
            ["Invoices are clear and match the order.", "Billing is simple, no surprises."],
            [
                "We were charged twice for the same order.",
                "The invoice never matches the quote, it takes hours to sort out.",
            ],
        ),
        "support": (
            [
                "Support solved our problem on the first call.",
                "The support team called back within the hour.",
            ],
            [
                "Support keeps closing our ticket without fixing anything.",
                "We waited four days for an answer from support.",
            ],
        ),
        "quality": (
            ["The components are solid and last for years.", "Quality is consistently excellent."],
            [
                "Two of the pumps failed within a month.",
                "Quality has dropped, we see more defects than last year.",
            ],
        ),
        "price": (
            ["Fair prices for what we get.", "Good value compared with other suppliers."],
            [
                "Prices went up again without any explanation.",
                "Too expensive for what it is, we are looking at alternatives.",
            ],
        ),
        "portal": (
            [
                "The online portal makes reordering easy.",
                "Tracking orders in the portal works well.",
            ],
            [
                "The portal is slow and logs us out all the time.",
                "Finding a spare part in the portal is a nightmare.",
            ],
        ),
        "communication": (
            [
                "You keep us informed at every step.",
                "Our account manager always explains what is happening.",
            ],
            [
                "Nobody tells us when something changes.",
                "We hear about delays from our own customers first.",
            ],
        ),
        # no theme covers it yet: something for theme discovery to find
        "sustainability": (
            [
                "Thank you for the carbon figures per part, they went into our sustainability "
                "report.",
                "Your carbon data made our sustainability audit much easier.",
                "Great that you publish the carbon footprint of each product for our "
                "sustainability reporting.",
            ],
            [
                "Our sustainability auditors keep asking for your carbon data, and we are still "
                "waiting for it.",
                "We need carbon figures from every supplier for our sustainability report, yours "
                "are still missing.",
                "Our sustainability report is late because the carbon footprint of your parts is "
                "still missing.",
            ],
        ),
    },
    "de": {
        "delivery": (
            [
                "Die Lieferung kam pünktlich und gut verpackt.",
                "Alles wurde einen Tag früher geliefert.",
            ],
            [
                "Die Lieferung war zwei Wochen zu spät, niemand hat uns informiert.",
                "Die Teile kamen beschädigt an.",
            ],
        ),
        "billing": (
            ["Die Rechnungen sind klar und stimmen mit der Bestellung überein."],
            ["Wir wurden doppelt belastet.", "Die Rechnung passt nie zum Angebot."],
        ),
        "support": (
            ["Der Support hat unser Problem sofort gelöst."],
            ["Wir haben vier Tage auf eine Antwort vom Support gewartet."],
        ),
        "quality": (
            ["Die Qualität ist durchweg hervorragend."],
            ["Zwei Pumpen sind innerhalb eines Monats ausgefallen."],
        ),
        "price": (
            ["Faire Preise für die Leistung."],
            ["Die Preise sind schon wieder gestiegen, ohne Erklärung."],
        ),
        "portal": (
            ["Das Portal macht Nachbestellungen einfach."],
            ["Das Portal ist langsam und meldet uns ständig ab."],
        ),
        "communication": (
            ["Sie halten uns bei jedem Schritt auf dem Laufenden."],
            ["Niemand sagt uns Bescheid, wenn sich etwas ändert."],
        ),
        "sustainability": (
            [
                "Danke für die CO2-Bilanz pro Teil, sie ging direkt in unseren Nachhaltigkeitsbericht."
            ],
            [
                "Unsere Auditoren fragen ständig nach Ihren CO2-Daten, und wir haben immer noch keine."
            ],
        ),
    },
    "fr": {
        "delivery": (
            [
                "La livraison est arrivée un jour en avance, le chauffeur était très soigneux.",
                "Tout est arrivé à l'heure et bien emballé.",
            ],
            [
                "La livraison avait deux semaines de retard et personne ne nous a prévenus.",
                "Les pièces sont arrivées abîmées, l'emballage était beaucoup trop fin.",
            ],
        ),
        "billing": (
            ["Les factures sont claires et correspondent à la commande."],
            [
                "Nous avons été facturés deux fois pour la même commande.",
                "La facture ne correspond jamais au devis.",
            ],
        ),
        "support": (
            ["Le support a résolu notre problème dès le premier appel."],
            ["Nous avons attendu quatre jours une réponse du support."],
        ),
        "quality": (
            ["La qualité est toujours excellente."],
            ["Deux pompes sont tombées en panne en un mois."],
        ),
        "price": (
            ["Des prix justes pour ce que nous recevons."],
            ["Les prix ont encore augmenté sans aucune explication."],
        ),
        "portal": (
            ["Le portail en ligne rend les commandes très simples."],
            ["Le portail est lent et nous déconnecte sans arrêt."],
        ),
        "communication": (
            ["Vous nous tenez informés à chaque étape."],
            ["Personne ne nous prévient quand quelque chose change."],
        ),
        "sustainability": (
            [
                "Merci pour le bilan carbone par pièce, il est allé directement dans notre rapport RSE."
            ],
            [
                "Nos auditeurs demandent sans cesse vos données carbone, et nous les attendons toujours."
            ],
        ),
    },
    "es": {
        "delivery": (
            [
                "La entrega llegó un día antes y el conductor fue muy cuidadoso.",
                "Todo llegó a tiempo y bien embalado.",
            ],
            [
                "La entrega llegó con dos semanas de retraso y nadie nos avisó.",
                "Las piezas llegaron dañadas, el embalaje era demasiado fino.",
            ],
        ),
        "billing": (
            ["Las facturas son claras y coinciden con el pedido."],
            [
                "Nos cobraron dos veces el mismo pedido.",
                "La factura nunca coincide con el presupuesto.",
            ],
        ),
        "support": (
            ["El soporte resolvió nuestro problema en la primera llamada."],
            ["Tuvimos que esperar cuatro días una respuesta del soporte."],
        ),
        "quality": (
            ["La calidad es siempre excelente."],
            ["Dos bombas se averiaron en menos de un mes."],
        ),
        "price": (
            ["Precios justos por lo que recibimos."],
            ["Los precios volvieron a subir sin ninguna explicación."],
        ),
        "portal": (
            ["El portal en línea hace que repetir pedidos sea muy fácil."],
            ["El portal es lento y nos desconecta constantemente."],
        ),
        "communication": (
            ["Nos mantienen informados en cada paso."],
            ["Nadie nos avisa cuando algo cambia."],
        ),
        "sustainability": (
            [
                "Gracias por la huella de carbono de cada pieza, fue directamente a nuestro informe de sostenibilidad."
            ],
            ["Nuestros auditores piden sus datos de carbono una y otra vez, y seguimos esperando."],
        ),
    },
    "nl": {
        "delivery": (
            [
                "De levering kwam een dag eerder en de chauffeur was zorgvuldig.",
                "Alles kwam op tijd en goed verpakt aan.",
            ],
            [
                "De levering was twee weken te laat en niemand heeft ons ingelicht.",
                "De onderdelen kwamen beschadigd aan.",
            ],
        ),
        "billing": (
            ["De facturen zijn duidelijk en kloppen met de bestelling."],
            ["We zijn twee keer gefactureerd voor dezelfde bestelling."],
        ),
        "support": (
            ["De support heeft ons probleem meteen opgelost."],
            ["We hebben vier dagen op een antwoord van de support gewacht."],
        ),
        "quality": (
            ["De kwaliteit is altijd uitstekend."],
            ["Twee pompen zijn binnen een maand uitgevallen."],
        ),
        "price": (
            ["Eerlijke prijzen voor wat we krijgen."],
            ["De prijzen zijn weer gestegen zonder enige uitleg."],
        ),
        "portal": (
            ["Het portaal maakt nabestellen heel eenvoudig."],
            ["Het portaal is traag en logt ons steeds uit."],
        ),
        "communication": (
            ["Jullie houden ons bij elke stap op de hoogte."],
            ["Niemand laat ons weten wanneer er iets verandert."],
        ),
        "sustainability": (
            [
                "Bedankt voor de CO2-cijfers per onderdeel, ze gingen zo ons duurzaamheidsverslag in."
            ],
            [
                "Onze auditors vragen steeds naar jullie CO2-gegevens en we wachten er nog steeds op."
            ],
        ),
    },
}
CHURN = {
    "en": "If this does not improve we will not renew next year.",
    "de": "Wenn sich das nicht bessert, verlängern wir nicht.",
    "fr": "Si cela ne s'améliore pas, nous ne renouvellerons pas notre contrat.",
    "es": "Si esto no mejora, no renovaremos el contrato el año que viene.",
    "nl": "Als dit niet beter wordt, verlengen we ons contract niet.",
}
URGENT = {
    "en": "A cover came loose during operation, this is a safety issue.",
    "de": "Eine Abdeckung hat sich im Betrieb gelöst, das ist ein Sicherheitsproblem.",
    "fr": "Un capot s'est détaché pendant le fonctionnement, c'est un problème de sécurité.",
    "es": "Una tapa se soltó durante el funcionamiento, es un problema de seguridad.",
    "nl": "Een afdekkap is tijdens bedrijf losgeraakt, dat is een veiligheidsprobleem.",
}
# What an account risks, fears, wishes, hopes, cannot do and could do with us (seed 004's care
# signals), said in passing in some comments: (hopes, worries), the hopes said beside praise,
# the worries beside a complaint, so that an aside does not turn praise into a complaint
CARE: dict[str, tuple[list[str], list[str]]] = {
    "en": (
        [
            "We hope to roll your pumps out to our second plant next year.",
            "There is an opportunity to bundle maintenance with the pump orders.",
        ],
        [
            "There is a risk that our line stops if the parts are late again.",
            "If the parts are late again we could lose our biggest customer.",
            "We worry that the new prices will not fit our budget next year.",
            "We are afraid the new portal will lose our order history.",
            "I wish the portal showed the delivery date of each order.",
            "Our budget is frozen until April, so any change has to wait.",
        ],
    ),
    "de": (
        ["Wir hoffen, Ihre Pumpen nächstes Jahr auch im zweiten Werk einzusetzen."],
        [
            "Wenn die Teile wieder zu spät kommen, steht unsere Linie still.",
            "Wir befürchten, dass die neuen Preise nicht in unser Budget passen.",
            "Ich wünschte, das Portal zeigte das Lieferdatum jeder Bestellung.",
        ],
    ),
    "fr": (
        ["Nous espérons déployer vos pompes dans notre deuxième usine l'an prochain."],
        [
            "Si les pièces arrivent encore en retard, notre ligne s'arrête.",
            "Nous craignons que les nouveaux prix ne rentrent pas dans notre budget.",
            "J'aimerais que le portail affiche la date de livraison de chaque commande.",
        ],
    ),
    "es": (
        ["Esperamos que sus bombas lleguen también a nuestra segunda planta el año que viene."],
        [
            "Si las piezas vuelven a llegar tarde, nuestra línea se para.",
            "Nos preocupa que los nuevos precios no quepan en nuestro presupuesto.",
            "Ojalá el portal mostrara la fecha de entrega de cada pedido.",
        ],
    ),
    "nl": (
        ["We hopen jullie pompen volgend jaar ook in onze tweede fabriek te gebruiken."],
        [
            "Als de onderdelen weer te laat komen, ligt onze lijn stil.",
            "We zijn bang dat de nieuwe prijzen niet in ons budget passen.",
            "Ik zou willen dat het portaal de leverdatum van elke bestelling toonde.",
        ],
    ),
}
CARE_CHANCE = 0.12
PRAISE = {
    "en": "{name} went out of their way to help us.",
    "de": "{name} hat sich besonders für uns eingesetzt.",
    "fr": "Un grand merci à {name}, qui s'est démené pour nous aider.",
    "es": "Muchas gracias a {name}, que hizo todo lo posible por ayudarnos.",
    "nl": "Dank aan {name}, die alles heeft gedaan om ons te helpen.",
}
INTERNAL = {
    "IT": (
        ["The laptop swap was quick and painless.", "IT fixed my access the same morning."],
        [
            "It took two weeks to get access to the CRM.",
            "Tickets to IT disappear without an answer.",
        ],
    ),
    "Finance": (
        [
            "Expense claims are paid within days.",
            "Finance explained the new budget process clearly.",
        ],
        ["Purchase orders take weeks to approve.", "We never know where an invoice is stuck."],
    ),
    "People & Culture": (
        ["Onboarding for our new hire was excellent."],
        ["The hiring process is slow and we lose candidates."],
    ),
}
# An invoicing change five weeks before today charged customers twice for a few days, and
# the tickets piled up: the kind of incident spike detection is there to catch.
INCIDENT_TICKETS = 50
INCIDENT_DAYS = (34, 38)
INCIDENT = [
    "We were charged twice for the same order.",
    "Our last invoice charged us twice, please refund the second payment.",
    "Since the change to your invoicing we have been billed twice, which is unacceptable.",
    "Charged twice again this month. Who do we talk to about the refund?",
]


# What an account would change first, by what it rated lowest of discovery, service and engagement
ONE_THING = {
    "en": {
        "discovery": [
            "Ask about our plans before you propose a solution.",
            "Spend a day on our site to see how we use your parts.",
        ],
        "service": [
            "Deliver on the dates you promise, or tell us early when you cannot.",
            "Get the invoices right the first time.",
        ],
        "engagement": [
            "Check in with us more than once a year.",
            "Tell us what changed after we gave you feedback.",
        ],
    },
    "de": {
        "discovery": [
            "Fragen Sie nach unseren Plänen, bevor Sie eine Lösung vorschlagen.",
            "Verbringen Sie einen Tag bei uns, um zu sehen, wie wir Ihre Teile nutzen.",
        ],
        "service": [
            "Halten Sie die zugesagten Termine ein oder sagen Sie früh Bescheid.",
            "Stellen Sie die Rechnungen gleich richtig aus.",
        ],
        "engagement": [
            "Melden Sie sich öfter als einmal im Jahr.",
            "Sagen Sie uns, was sich nach unserem Feedback geändert hat.",
        ],
    },
}


@dataclass(frozen=True)
class Remark:
    """What a sentence the demo writes is about, and whether it praises, complains or suggests.
    The topic is a theme of ``PHRASES``, the team an internal customer rates (``INTERNAL``), what
    an account would change first (``ONE_THING``), "safety" (``URGENT``), "renewal" (``CHURN``)
    or "people" (``PRAISE``)."""

    topic: str
    kind: Literal["praise", "complaint", "suggestion"]


def _remarks() -> dict[str, Remark]:
    said: dict[str, Remark] = {}
    for bank in [*PHRASES.values(), INTERNAL]:
        for topic, (praise, complaints) in bank.items():
            said |= {sentence: Remark(topic, "praise") for sentence in praise}
            said |= {sentence: Remark(topic, "complaint") for sentence in complaints}
    for asks in ONE_THING.values():
        for lowest, sentences in asks.items():
            said |= {sentence: Remark(lowest, "suggestion") for sentence in sentences}
    said |= {sentence: Remark("billing", "complaint") for sentence in INCIDENT}
    said |= {sentence: Remark("safety", "complaint") for sentence in URGENT.values()}
    said |= {sentence: Remark("renewal", "complaint") for sentence in CHURN.values()}
    # a named person's praise, known by the words after the name
    said |= {line.split("{name}")[-1]: Remark("people", "praise") for line in PRAISE.values()}
    return said


# Every sentence the demo writes in a comment (apart from the asides of ``CARE``), and what it says
REMARKS = _remarks()


def comment_remarks(comment: str) -> list[Remark]:
    """What each sentence of a comment the demo wrote says, in the comment's order."""
    found = [(comment.find(sentence), remark) for sentence, remark in REMARKS.items()]
    return [remark for at, remark in sorted(found, key=itemgetter(0)) if at >= 0]


@dataclass(frozen=True)
class Waves:
    """How a survey asked the same people again over the demo's year: in ``count`` waves of
    ``days`` each, the last running now. A survey that asked once ran one wave all year."""

    count: int = 1
    days: int = 365

    def of(self, sent: datetime, now: datetime) -> int:
        """The wave of an invitation emailed at ``sent``."""
        return max(1, self.count - (now - sent).days // self.days)

    def day_in(self, rng: random.Random, wave: int) -> int:
        """A day of ``wave``, counted back from today."""
        start = (self.count - wave) * self.days
        return rng.randint(max(1, start), start + self.days - 1)


# The relationship NPS survey goes to the accounts each quarter of the year, the
# customer-centricity survey every half year (``_centricity_answers``): in waves compared on
# their pages.
NPS_WAVES = Waves(count=4, days=91)
CENTRICITY_WAVES = Waves(count=2, days=182)
STAGE_WEIGHTS = {
    LifecycleStage.AT_RISK: -3,
    LifecycleStage.RENEWAL: -1,
    LifecycleStage.CHURNED: -4,
    LifecycleStage.EXPANDING: 1,
}


def _when(rng: random.Random, now: datetime, zone: str) -> datetime:
    day = now - timedelta(days=rng.randint(1, 364))
    local = datetime.combine(
        day.date(), time(rng.randint(8, 18), rng.randint(0, 59)), ZoneInfo(zone)
    )
    return min(local, now)


def _nps(rng: random.Random, shift: int) -> int:
    return max(0, min(10, round(rng.gauss(8.3 + shift, 1.9))))


# What a comment says of what it rates: praise, a complaint, or both (one thing praised and
# another criticised)
Tone = Literal["praise", "complaint", "mixed"]
# A comment agrees with its score: a complaint at the first bound or below, praise at the
# second or above, both in between (a passive's NPS of 7 or 8, a CSAT of 3, a CES of 4)
BANDS = {"nps": (6, 9), "csat": (2, 4), "ces": (3, 5), "rating": (2, 4)}


def _tone(score_type: str, score: int) -> Tone:
    low, high = BANDS[score_type]
    return "complaint" if score <= low else "praise" if score >= high else "mixed"


def _comment(
    rng: random.Random,
    language: str,
    tone: Tone,
    month: int,
    team_members: list[User],
    *,
    mood: random.Random,
) -> str:
    """A comment of one or two themes that says what ``tone`` asks: praise, complaints, or one
    theme praised and another criticised. Some say what the account risks, fears or hopes
    (``CARE``). Those draws come from ``mood``, so the main sequence of draws stays as it was."""
    bank = PHRASES.get(language, PHRASES["en"])
    themes = list(bank)
    # a delivery problem that grows in the spring: something for spike detection to find
    if tone == "complaint" and 3 <= month <= 5 and rng.random() < 0.5:
        chosen = ["delivery"]
    else:
        chosen = rng.sample(themes, k=2 if tone == "mixed" else rng.choice([1, 1, 2]))
    if tone == "mixed":  # the praise first or the complaint first
        praised = mood.random() < 0.5
        sides = [praised, not praised]
    else:
        sides = [tone == "praise"] * len(chosen)
    sentences = [
        rng.choice(bank[theme][0 if praise else 1])
        for theme, praise in zip(chosen, sides, strict=True)
    ]
    if tone == "praise" and team_members and rng.random() < 0.15:
        sentences.append(
            PRAISE.get(language, PRAISE["en"]).format(name=rng.choice(team_members).first_name)
        )
    if tone == "complaint" and rng.random() < 0.12:
        sentences.append(CHURN.get(language, CHURN["en"]))
    if tone == "complaint" and rng.random() < 0.02:
        sentences.append(URGENT.get(language, URGENT["en"]))
    if mood.random() < CARE_CHANCE:
        hopes, worries = CARE.get(language, CARE["en"])
        asides = {"praise": hopes, "complaint": worries, "mixed": hopes + worries}[tone]
        sentences.append(mood.choice(asides))
    return " ".join(sentences)


def demo_feedback_load(*, admin: User, seed: int = 2026) -> None:
    rng = random.Random(seed)
    mood = random.Random(seed + 1)  # ``_comment``'s own draws, apart from the main sequence
    org = admin.organisation_id
    now = clock.now()
    stages = {
        stage.name: stage for stage in feedback_services.journey_stages_ensure(organisation_id=org)
    }
    touchpoints = {
        name: Touchpoint.objects.create(organisation_id=org, name=name, stage=stages[stage])
        for stage, names in TOUCHPOINTS.items()
        for name in names
    }
    it = Team.objects.get(organisation_id=org, name="IT")
    surveys = {
        "nps": feedback_services.survey_create_from_template(
            actor=admin,
            template="relationship-nps",
            values={"name": "Relationship NPS 2026", "open_link": True},
        ),
        "csat": feedback_services.survey_create_from_template(
            actor=admin,
            template="touchpoint-csat",
            values={
                "name": "After delivery",
                "stage": stages["Delivery"],
                "touchpoint": touchpoints["Delivery"],
            },
        ),
        "ces": feedback_services.survey_create_from_template(
            actor=admin,
            template="ces",
            values={
                "name": "Support effort",
                "stage": stages["Use"],
                "touchpoint": touchpoints["Support call"],
            },
        ),
        "internal": feedback_services.survey_create_from_template(
            actor=admin,
            template="internal-customer",
            values={"name": "How IT serves us", "subject_team": it},
        ),
        "centricity": feedback_services.survey_create_from_template(
            actor=admin,
            template="customer-centricity",
            values={"name": "How we work with you 2026"},
        ),
    }
    Survey.objects.filter(pk__in=[survey.pk for survey in surveys.values()]).update(
        status=Survey.Status.OPEN
    )
    questions = {key: {q.key: q for q in survey.questions.all()} for key, survey in surveys.items()}
    customers = {
        customer.account_id: customer
        for customer in Customer.objects.filter(organisation_id=org, kind="external")
    }
    responses: list[Response] = []
    answers: list[tuple[int, Question, int | None, str | list[str]]] = []

    def add(
        response: Response, scored: Sequence[tuple[Question, int | None, str | list[str]]]
    ) -> None:
        responses.append(response)
        answers.extend(
            (len(responses) - 1, question, number, text) for question, number, text in scored
        )

    def answered(
        contact: Contact,
        language: str,
        survey: str,
        score_key: str,
        text_key: str,
        score: int,
        text: str,
        when: datetime,
        stage: str = "",
        touchpoint: str = "",
    ) -> None:
        """One contact's answers to one survey: a score and, when they wrote one, a comment."""
        asked = questions[survey]
        # three in four who explain their NPS also say what it was mostly about
        topics = _topics(text) if "topics" in asked and len(responses) % 4 else []
        add(
            Response(
                organisation_id=org,
                survey=surveys[survey],
                kind="survey",
                customer=customers[contact.account_id],
                contact=contact,
                channel="email",
                language=language,
                submitted_at=when,
                responded_at=when,
                stage=stages.get(stage),
                touchpoint=touchpoints.get(touchpoint),
                score=score,
                score_type=asked[score_key].kind,
                comment=text,
                page=asked[text_key].page if text else 1,
            ),
            [(asked[score_key], score, "")]
            + ([(asked[text_key], None, text)] if text else [])
            + ([(asked["topics"], None, topics)] if topics else []),
        )

    for contact in Contact.objects.filter(organisation_id=org).select_related("account__team"):
        account = contact.account
        members = list(account.team.members.all()) if account.team else []
        shift = STAGE_WEIGHTS.get(LifecycleStage(account.lifecycle_stage), 0)
        language = contact.language if contact.language in PHRASES else "en"
        said = partial(_comment, rng, language, team_members=members, mood=mood)
        for _ in range(rng.choice([1, 2, 2, 3])):
            when = _when(rng, now, contact.time_zone)
            score = _nps(rng, shift)
            text = said(_tone("nps", score), when.month) if rng.random() < 0.8 else ""
            follow = "fix_first" if score <= 6 else ("improve" if score <= 8 else "best")
            answered(contact, language, "nps", "nps", follow, score, text, when)
        if rng.random() < 0.5:
            when = _when(rng, now, contact.time_zone)
            score = max(1, min(5, round(rng.gauss(4.0 + shift / 3, 1.0))))
            text = said(_tone("csat", score), when.month) if rng.random() < 0.6 else ""
            answered(
                contact, language, "csat", "csat", "why", score, text, when, "Delivery", "Delivery"
            )
        if rng.random() < 0.25:
            when = _when(rng, now, contact.time_zone)
            effort = max(1, min(7, round(rng.gauss(5.2 + shift / 2, 1.3))))
            text = said(_tone("ces", effort), when.month) if rng.random() < 0.5 else ""
            answered(
                contact,
                language,
                "ces",
                "ces",
                "hardest",
                effort,
                text,
                when,
                "Use",
                "Support call",
            )
        if rng.random() < 0.35:
            when = _when(rng, now, contact.time_zone)
            good = rng.random() < 0.55 + shift / 10
            kind = rng.choice(["ticket", "ticket", "review"])
            responses.append(
                Response(
                    organisation_id=org,
                    kind=kind,
                    customer=customers[account.pk],
                    contact=contact,
                    channel="import",
                    language=language,
                    submitted_at=when,
                    responded_at=when,
                    stage=stages["Use"],
                    touchpoint=touchpoints["Support call" if kind == "ticket" else "Online portal"],
                    score=rng.choice([4, 5])
                    if good and kind == "review"
                    else (rng.choice([1, 2]) if kind == "review" else None),
                    score_type="rating" if kind == "review" else "",
                    comment=said("praise" if good else "complaint", when.month),
                    source_ref=f"demo-{kind}-{len(responses)}",
                )
            )
    for person in User.objects.filter(organisation_id=org, teams__in=it.serves.all()).distinct():
        team = person.teams.first()
        if team is None or rng.random() < 0.4:
            continue
        when = _when(rng, now, person.time_zone)
        score = max(1, min(5, round(rng.gauss(3.6, 1.0))))
        praise, complaints = INTERNAL["IT"]
        tone = _tone("csat", score)
        sentences = [rng.choice(praise)] if tone != "complaint" else []
        sentences += [rng.choice(complaints)] if tone != "praise" else []
        text = " ".join(sentences)
        scored = (
            [(questions["internal"]["csat"], score, "")]
            + [
                (questions["internal"][key], max(1, min(5, score + rng.choice([-1, 0, 0, 1]))), "")
                for key in (
                    "self_awareness",
                    "listening",
                    "questioning",
                    "empathy",
                    "responsiveness",
                    "receives_feedback",
                )
            ]
            + [(questions["internal"]["example"], None, text)]
        )
        add(
            Response(
                organisation_id=org,
                survey=surveys["internal"],
                kind="survey",
                customer=Customer.objects.get(team=team),
                person=person,
                channel="email",
                language="en",
                submitted_at=when,
                responded_at=when,
                score=score,
                score_type="csat",
                comment=text,
                page=3,
            ),
            scored,
        )
    _centricity_answers(add, surveys["centricity"], questions["centricity"], customers, now)
    responses += _incident_tickets(rng, now, org, customers, stages["Use"], touchpoints)
    waves = {surveys["nps"]: NPS_WAVES, surveys["centricity"]: CENTRICITY_WAVES}
    _invite(responses, Contact.objects.filter(organisation_id=org), customers, now, waves)
    Response.objects.bulk_create(responses)
    Answer.objects.bulk_create(
        Answer(
            response=responses[index],
            question=question,
            number=number,
            text=value if isinstance(value, str) else "",
            choices=value if isinstance(value, list) else [],
        )
        for index, question, number, value in answers
    )


# The relationship NPS survey's "What was your answer mostly about?": the option each bank of
# phrases speaks to
TOPICS = {
    "delivery": "delivery",
    "billing": "price",
    "price": "price",
    "quality": "product",
    "portal": "product",
    "sustainability": "product",
    "support": "service",
    "communication": "service",
    "people": "people",
}


def _topics(comment: str) -> list[str]:
    """The options of "mostly about" that a comment's sentences speak to, in the question's
    order; "people" where it praises someone."""
    found = {TOPICS[remark.topic] for remark in comment_remarks(comment) if remark.topic in TOPICS}
    return [
        topic for topic in ("product", "service", "delivery", "price", "people") if topic in found
    ]


def _invite(
    responses: list[Response],
    contacts: Iterable[Contact],
    customers: dict[int | None, Customer],
    now: datetime,
    waves: dict[Survey, Waves],
) -> None:
    """Every named answer to a survey came by its respondent's email invitation, emailed shortly
    before it, in the survey's wave of that time (``waves``; one wave all year for a survey not
    named there). A token answers once, so a respondent's further answers in the same wave came
    through the survey's open link, which is anonymous: they name nobody (only the relationship
    NPS survey, whose open link is on, has them). About half the contacts who did not answer in
    a wave were invited to it too, and every colleague an internal-customer survey asked who did
    not answer. Its own random numbers leave the rest of the demo as it is."""
    rng = random.Random(5)
    answers = [response for response in responses if response.survey is not None]
    asking_contacts = {
        r.survey: waves.get(r.survey, Waves()) for r in answers if r.survey and r.contact
    }
    asking_people = {r.survey for r in answers if r.survey and r.person}
    invited: set[tuple[Survey, int, str]] = set()  # once per wave and address, as in the database
    invitations = []
    for response in sorted(answers, key=attrgetter("responded_at")):
        survey, respondent = response.survey, response.contact or response.person
        assert survey is not None
        assert respondent is not None
        assert response.responded_at is not None
        sent = response.responded_at - timedelta(hours=rng.randint(2, 120))
        wave = waves.get(survey, Waves()).of(sent, now)
        if (survey, wave, respondent.email) in invited:
            response.channel = Response.Channel.LINK
            response.customer = response.contact = response.person = None
            continue
        invited.add((survey, wave, respondent.email))
        invitation = Invitation(
            organisation_id=response.organisation_id,
            survey=response.survey,
            wave=wave,
            customer=response.customer,
            contact=response.contact,
            person=response.person,
            email=respondent.email,
            language=response.language,
            sent_at=sent,
        )
        invitations.append(invitation)
        response.invitation, response.channel = invitation, Response.Channel.EMAIL
    for contact in contacts:
        for survey, plan in asking_contacts.items():
            for wave in range(1, plan.count + 1):
                if (survey, wave, contact.email) in invited or rng.random() < 0.5:
                    continue
                invitations.append(
                    Invitation(
                        organisation_id=contact.organisation_id,
                        survey=survey,
                        wave=wave,
                        customer=customers[contact.account_id],
                        contact=contact,
                        email=contact.email,
                        language=contact.language,  # every survey is offered in every language
                        sent_at=now - timedelta(days=plan.day_in(rng, wave)),
                    )
                )
    for survey in asking_people:
        assert survey.subject_team is not None
        served = survey.subject_team.serves.all()
        asked = User.objects.filter(teams__in=served).distinct()
        for person in asked.order_by("pk"):
            team = person.teams.filter(pk__in=served).order_by("name").first()  # the team asked
            if (survey, 1, person.email) in invited or team is None:
                continue
            invitations.append(
                Invitation(
                    organisation_id=survey.organisation_id,
                    survey=survey,
                    wave=1,
                    customer=Customer.objects.get(team=team),
                    person=person,
                    email=person.email,
                    language=person.language,
                    sent_at=now - timedelta(days=rng.randint(1, 364)),
                )
            )
    Invitation.objects.bulk_create(invitations)
    for waved, plan in waves.items():
        Survey.objects.filter(pk=waved.pk).update(current_wave=plan.count)


def _centricity_answers(
    add: Callable[[Response, Sequence[tuple[Question, int | None, str | list[str]]]], None],
    survey: Survey,
    asked: dict[str, Question],
    customers: dict[int | None, Customer],
    now: datetime,
) -> None:
    """Twice a year, one contact of about half the accounts rates how well Northwind knows,
    serves and engages them (the customer-centricity survey, seed 003, in one wave each half
    year: ``CENTRICITY_WAVES``); accounts further along their lifecycle rate it higher. Its own random numbers leave the rest of the demo as it is."""
    rng = random.Random(3)
    contacts = Contact.objects.filter(organisation_id=survey.organisation_id).select_related(
        "account"
    )
    first = {contact.account_id: contact for contact in contacts.order_by("-pk")}
    for account_id, contact in sorted(first.items()):
        if rng.random() < 0.5:
            continue
        shift = STAGE_WEIGHTS.get(LifecycleStage(contact.account.lifecycle_stage), 0)
        for months_ago in (2, 8):
            when = now - timedelta(days=30 * months_ago + rng.randint(0, 20))
            ratings = {
                key: max(1, min(5, round(rng.gauss(mean + shift / 3, 0.9))))
                for key, mean in (("discovery", 3.3), ("service", 3.9), ("engagement", 3.0))
            }
            score = max(0, min(10, round(sum(ratings.values()) * 2 / 3 + rng.gauss(0, 1.2))))
            language = contact.language if contact.language in ONE_THING else "en"
            # about half say what they would change: about what they rated lowest
            lowest = min(ratings, key=ratings.__getitem__)
            said = rng.choice(ONE_THING[language][lowest]) if rng.random() < 0.5 else ""
            add(
                Response(
                    organisation_id=survey.organisation_id,
                    survey=survey,
                    kind="survey",
                    customer=customers[account_id],
                    contact=contact,
                    channel="email",
                    language=language,
                    submitted_at=when,
                    responded_at=when,
                    score=score,
                    score_type="nps",
                    comment=said,
                    page=asked["one_thing"].page if said else 1,
                ),
                [(asked[key], number, "") for key, number in ratings.items()]
                + [(asked["nps"], score, "")]
                + ([(asked["one_thing"], None, said)] if said else []),
            )


def _incident_tickets(
    rng: random.Random,
    now: datetime,
    org: int,
    customers: dict[int | None, Customer],
    stage: JourneyStage,
    touchpoints: dict[str, Touchpoint],
) -> list[Response]:
    """The billing incident's tickets, from English-speaking contacts (the engine reads English)."""
    contacts = list(Contact.objects.filter(organisation_id=org, language="en").order_by("pk"))
    tickets = []
    for number in range(INCIDENT_TICKETS):
        contact = rng.choice(contacts)
        when = now - timedelta(days=rng.uniform(*INCIDENT_DAYS))
        tickets.append(
            Response(
                organisation_id=org,
                kind="ticket",
                customer=customers[contact.account_id],
                contact=contact,
                channel="import",
                language="en",
                submitted_at=when,
                responded_at=when,
                stage=stage,
                touchpoint=touchpoints["Support call"],
                comment=rng.choice(INCIDENT),
                source_ref=f"demo-incident-{number}",
            )
        )
    return tickets
