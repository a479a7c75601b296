"""The survey templates Centric ships with, in English and German.

Each template is plain data: questions with their wording per language, options, scales, and the
condition under which a follow-up is shown (a detractor and a promoter see different questions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LANGUAGES = ("en", "de")


def t(en: str, de: str) -> dict[str, str]:
    return {"en": en, "de": de}


def option(value: str, en: str, de: str) -> dict[str, Any]:
    return {"value": value, "label": t(en, de)}


@dataclass(frozen=True)
class QuestionSpec:
    key: str
    kind: str
    text: dict[str, str]
    page: int = 1
    required: bool = True
    options: list[dict[str, Any]] = field(default_factory=list)
    scale: tuple[int, int] | None = None
    show_if: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Template:
    slug: str
    name: str
    description: str
    kind: str
    intro: dict[str, str]
    questions: list[QuestionSpec]
    internal: bool = False


# under the page's heading, which already thanks the respondent
THANK_YOU = t(
    "Your answers reach the people who can act on them.",
    "Ihre Antworten erreichen die Menschen, die etwas daraus machen können.",
)

DETRACTOR = {"question": "nps", "min": 0, "max": 6}
PASSIVE = {"question": "nps", "min": 7, "max": 8}
PROMOTER = {"question": "nps", "min": 9, "max": 10}

NPS_FOLLOW_UPS = [
    QuestionSpec(
        "fix_first",
        "text",
        t(
            "We are sorry to hear that. What is the one thing we should fix first?",
            "Das tut uns leid. Was sollten wir als Erstes verbessern?",
        ),
        page=2,
        show_if=DETRACTOR,
    ),
    QuestionSpec(
        "improve",
        "text",
        t(
            "What would make you more likely to recommend us?",
            "Was würde Sie eher dazu bringen, uns weiterzuempfehlen?",
        ),
        page=2,
        required=False,
        show_if=PASSIVE,
    ),
    QuestionSpec(
        "best",
        "text",
        t("Great to hear! What do we do best?", "Das freut uns! Was machen wir am besten?"),
        page=2,
        required=False,
        show_if=PROMOTER,
    ),
]

NPS_QUESTION = QuestionSpec(
    "nps",
    "nps",
    t(
        "How likely are you to recommend us to a friend or colleague?",
        "Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen empfehlen?",
    ),
)

BEHAVIOURS = [
    (
        "self_awareness",
        "They know how their work affects ours",
        "Sie wissen, wie ihre Arbeit unsere beeinflusst",
    ),
    ("listening", "They listen to what we need", "Sie hören zu, was wir brauchen"),
    (
        "questioning",
        "They ask good questions before acting",
        "Sie stellen gute Fragen, bevor sie handeln",
    ),
    ("empathy", "They put themselves in our shoes", "Sie versetzen sich in unsere Lage"),
    ("responsiveness", "They respond in good time", "Sie reagieren rechtzeitig"),
    ("receives_feedback", "They welcome our feedback", "Sie nehmen unser Feedback gerne an"),
]

TEMPLATES = {
    template.slug: template
    for template in [
        Template(
            slug="relationship-nps",
            name="Relationship NPS",
            description="How likely customers are to recommend you, with a follow-up for detractors, passives and promoters.",
            kind="relationship",
            intro=t(
                "Two minutes to tell us how we are doing.",
                "Zwei Minuten, um uns zu sagen, wie wir uns schlagen.",
            ),
            questions=[
                NPS_QUESTION,
                *NPS_FOLLOW_UPS,
                QuestionSpec(
                    "topics",
                    "multiple",
                    t(
                        "What was your answer mostly about?",
                        "Worauf bezieht sich Ihre Antwort vor allem?",
                    ),
                    page=2,
                    required=False,
                    options=[
                        option("product", "The product", "Das Produkt"),
                        option("service", "Our service", "Unseren Service"),
                        option("delivery", "Delivery", "Die Lieferung"),
                        option("price", "Price and billing", "Preis und Abrechnung"),
                        option("people", "Our people", "Unsere Mitarbeitenden"),
                    ],
                ),
            ],
        ),
        Template(
            slug="touchpoint-csat",
            name="Post-touchpoint CSAT",
            description="Satisfaction right after a touchpoint (a delivery, a support call, an invoice).",
            kind="transactional",
            intro=t(
                "A quick question about your recent experience.",
                "Eine kurze Frage zu Ihrer letzten Erfahrung.",
            ),
            questions=[
                QuestionSpec(
                    "csat",
                    "csat",
                    t(
                        "How satisfied were you with this experience?",
                        "Wie zufrieden waren Sie mit dieser Erfahrung?",
                    ),
                ),
                QuestionSpec(
                    "why",
                    "text",
                    t("What made you give this score?", "Warum diese Bewertung?"),
                    required=False,
                ),
            ],
        ),
        Template(
            slug="ces",
            name="Customer Effort Score",
            description="How easy it was to get done what the customer came to do.",
            kind="transactional",
            intro=t(
                "Tell us how easy we made it.",
                "Sagen Sie uns, wie einfach wir es Ihnen gemacht haben.",
            ),
            questions=[
                QuestionSpec(
                    "ces",
                    "ces",
                    t(
                        "The company made it easy for me to handle my issue.",
                        "Das Unternehmen hat es mir leicht gemacht, mein Anliegen zu erledigen.",
                    ),
                ),
                QuestionSpec(
                    "hardest",
                    "text",
                    t("What was the hardest part?", "Was war am schwierigsten?"),
                    required=False,
                ),
            ],
        ),
        Template(
            slug="customer-centricity",
            name="Customer-centricity survey",
            description="How the customer rates our discovery, service and engagement.",
            kind="relationship",
            intro=t(
                "How well do we know you, serve you and stay in touch?",
                "Wie gut kennen wir Sie, wie gut dienen wir Ihnen, wie gut bleiben wir im Gespräch?",
            ),
            questions=[
                QuestionSpec(
                    "discovery",
                    "rating",
                    t(
                        "We understand your needs, goals and constraints.",
                        "Wir verstehen Ihre Bedürfnisse, Ziele und Grenzen.",
                    ),
                    scale=(1, 5),
                ),
                QuestionSpec(
                    "service",
                    "rating",
                    t(
                        "We deliver what we commit to, on quality and on time.",
                        "Wir liefern, was wir zusagen, in Qualität und pünktlich.",
                    ),
                    scale=(1, 5),
                ),
                QuestionSpec(
                    "engagement",
                    "rating",
                    t(
                        "We check in with you and act on what you tell us.",
                        "Wir fragen regelmäßig nach und handeln nach Ihrem Feedback.",
                    ),
                    scale=(1, 5),
                ),
                NPS_QUESTION,
                QuestionSpec(
                    "one_thing",
                    "text",
                    t(
                        "If we changed one thing about working with us, what should it be?",
                        "Wenn wir eine Sache an der Zusammenarbeit ändern sollten, welche wäre es?",
                    ),
                    page=2,
                    required=False,
                ),
            ],
        ),
        Template(
            slug="internal-customer",
            name="Internal-customer survey",
            description=(
                "A team rates a team that serves it, including the six behaviours: "
                "self-awareness, listening, questioning, empathy, responsiveness, and taking "
                "feedback."
            ),
            kind="relationship",
            internal=True,
            intro=t(
                "You are this team's customer. How do they serve you?",
                "Sie sind Kunde dieses Teams. Wie gut dient es Ihnen?",
            ),
            questions=[
                QuestionSpec(
                    "csat",
                    "csat",
                    t(
                        "Overall, how satisfied are you with the service you get from this team?",
                        "Wie zufrieden sind Sie insgesamt mit dem Service dieses Teams?",
                    ),
                ),
                *[
                    QuestionSpec(key, "rating", t(en, de), page=2, scale=(1, 5))
                    for key, en, de in BEHAVIOURS
                ],
                QuestionSpec(
                    "example",
                    "text",
                    t(
                        "An example that stayed with you, good or bad:",
                        "Ein Beispiel, das Ihnen in Erinnerung geblieben ist, gut oder schlecht:",
                    ),
                    page=3,
                    required=False,
                ),
            ],
        ),
    ]
}
