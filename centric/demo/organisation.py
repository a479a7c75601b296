"""A realistic demo organisation, the same every time (seeded): Northwind Components, a B2B
supplier with two business units, eight teams, forty people, 120 accounts in four segments and
300 contacts across languages and time zones, plus the internal-customer links between teams.

Everything is written through the same services as the pages, so the demo passes the same
validation and leaves the same audit trail.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass
from datetime import time
from decimal import Decimal

from django.db import transaction
from django.db.models import F

from centric.core.models import Organisation, Role
from centric.customers import services as customer_services
from centric.customers.models import Account, Channel, Influence, LifecycleStage, Tier
from centric.demo.cases import demo_cases_load
from centric.demo.feedback import demo_feedback_load
from centric.feedback.models import Response
from centric.insights.models import ThemeDefinition
from centric.insights.services import unanalysed_responses_analyse
from centric.people import services as people_services
from centric.people.models import Team, User

DEMO_SLUG = "northwind"
DEMO_EMAIL = "ada@northwind.example"
DEMO_PASSWORD = "centric-demo"  # noqa: S105 - the published demo login, printed by `make demo`

BUSINESS_UNITS = {
    "Commercial": ["Sales", "Customer Success", "Marketing", "Account Management"],
    "Operations": ["Support", "Finance", "IT", "People & Culture"],
}
# Seed 001: everyone you work with is a customer. Which team serves which.
SERVES = {
    "IT": [
        "Sales",
        "Customer Success",
        "Marketing",
        "Account Management",
        "Support",
        "Finance",
        "People & Culture",
    ],
    "People & Culture": ["Sales", "Customer Success", "Support", "IT", "Finance"],
    "Finance": ["Sales", "Account Management", "Customer Success"],
    "Marketing": ["Sales", "Account Management"],
    "Support": ["Customer Success", "Account Management"],
    "Customer Success": ["Sales"],
}
TEAM_DESCRIPTIONS = {
    "Sales": "Wins new accounts and expands existing ones.",
    "Customer Success": "Onboards accounts and keeps them getting value.",
    "Marketing": "Campaigns, events and the website; feeds Sales with qualified leads.",
    "Account Management": "Looks after strategic and key accounts day to day.",
    "Support": "Answers tickets and calls; first line for every customer.",
    "Finance": "Invoicing, credit control and purchasing for every team.",
    "IT": "Laptops, accounts, networks and business systems.",
    "People & Culture": "Hiring, onboarding, learning and wellbeing.",
}
FIRST_NAMES = {
    "en": [
        "Ada",
        "Grace",
        "Oliver",
        "Amelia",
        "Jack",
        "Emily",
        "Harry",
        "Sophie",
        "James",
        "Chloe",
        "Noah",
        "Olivia",
    ],
    "de": ["Lukas", "Anna", "Felix", "Lea", "Jonas", "Marie", "Paul", "Hannah", "Leon", "Emma"],
    "fr": ["Louis", "Camille", "Hugo", "Chloé", "Jules", "Manon", "Arthur", "Léa"],
    "es": ["Lucía", "Mateo", "Sofía", "Hugo", "Martina", "Pablo", "Valeria"],
    "it": ["Giulia", "Lorenzo", "Francesca", "Matteo", "Chiara", "Alessandro"],
    "nl": ["Daan", "Sanne", "Lars", "Eva", "Bram", "Fleur"],
    "pt": ["João", "Beatriz", "Gabriel", "Mariana", "Rafael", "Larissa"],
    "ja": ["Haruto", "Yui", "Sota", "Aoi", "Ren", "Hina"],
    "sv": ["Erik", "Astrid", "Oskar", "Maja", "Nils", "Elsa"],
    "pl": ["Jakub", "Zofia", "Kacper", "Julia", "Antoni", "Maja"],
}
LAST_NAMES = {
    "en": [
        "Lovelace",
        "Hopper",
        "Smith",
        "Taylor",
        "Brown",
        "Wilson",
        "Evans",
        "Walker",
        "Wright",
        "Green",
        "Hall",
    ],
    "de": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Wagner", "Hoffmann"],
    "fr": ["Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Girard"],
    "es": ["García", "Fernández", "López", "Martínez", "Sánchez", "Romero"],
    "it": ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano"],
    "nl": ["de Jong", "Jansen", "de Vries", "Bakker", "Visser"],
    "pt": ["Silva", "Santos", "Oliveira", "Souza", "Pereira"],
    "ja": ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe"],
    "sv": ["Andersson", "Johansson", "Karlsson", "Nilsson", "Larsson"],
    "pl": ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński"],
}


@dataclass(frozen=True)
class Market:
    country: str
    language: str
    time_zones: tuple[str, ...]
    weight: int


MARKETS = [
    Market("GB", "en", ("Europe/London",), 14),
    Market("US", "en", ("America/New_York", "America/Chicago", "America/Los_Angeles"), 18),
    Market("DE", "de", ("Europe/Berlin",), 16),
    Market("AT", "de", ("Europe/Vienna",), 4),
    Market("FR", "fr", ("Europe/Paris",), 9),
    Market("ES", "es", ("Europe/Madrid",), 7),
    Market("MX", "es", ("America/Mexico_City",), 4),
    Market("IT", "it", ("Europe/Rome",), 6),
    Market("NL", "nl", ("Europe/Amsterdam",), 6),
    Market("BR", "pt", ("America/Sao_Paulo",), 5),
    Market("JP", "ja", ("Asia/Tokyo",), 5),
    Market("SE", "sv", ("Europe/Stockholm",), 3),
    Market("PL", "pl", ("Europe/Warsaw",), 3),
]
SEGMENTS = {
    "Enterprise": (
        "Global manufacturers and retailers with complex, multi-site contracts.",
        24,
        (250_000, 1_500_000),
    ),
    "Mid-market": (
        "Regional companies with a dedicated buyer and a few sites.",
        38,
        (40_000, 250_000),
    ),
    "Small business": ("Owner-led firms ordering online or by phone.", 42, (3_000, 40_000)),
    "Public sector": (
        "Hospitals, universities and local government, bought by tender.",
        16,
        (60_000, 600_000),
    ),
}
NAME_PARTS = (
    [
        "Alder",
        "Brightwater",
        "Cobalt",
        "Dunmore",
        "Elmfield",
        "Fairhaven",
        "Granite",
        "Harbour",
        "Ironbridge",
        "Juniper",
        "Kestrel",
        "Lakeside",
        "Meridian",
        "Northgate",
        "Oakridge",
        "Pinecrest",
        "Quarry",
        "Redwood",
        "Silverline",
        "Thornbury",
        "Upland",
        "Vantage",
        "Westbrook",
        "Yardley",
        "Zenith",
        "Blue Heron",
        "Copperleaf",
        "Evergreen",
        "Foxglove",
        "Highmoor",
    ],
    [
        "Logistics",
        "Foods",
        "Health",
        "Engineering",
        "Retail",
        "Hospitals",
        "Motors",
        "Energy",
        "Pharma",
        "Textiles",
        "Labs",
        "Water",
        "University",
        "Components",
        "Hotels",
    ],
)
JOB_TITLES = {
    Influence.DECISION_MAKER: [
        "Head of Procurement",
        "Operations Director",
        "COO",
        "VP Supply Chain",
        "Plant Manager",
    ],
    Influence.INFLUENCER: [
        "Category Manager",
        "Quality Lead",
        "Facilities Manager",
        "Engineering Manager",
    ],
    Influence.USER: [
        "Buyer",
        "Maintenance Technician",
        "Store Manager",
        "Lab Coordinator",
        "Planner",
    ],
    Influence.GATEKEEPER: ["Purchasing Assistant", "Office Manager", "Accounts Payable Clerk"],
}
STAFF_TITLES = {
    "Sales": "Account Executive",
    "Customer Success": "Customer Success Manager",
    "Marketing": "Marketing Manager",
    "Account Management": "Key Account Manager",
    "Support": "Support Specialist",
    "Finance": "Finance Analyst",
    "IT": "IT Engineer",
    "People & Culture": "People Partner",
}
ACCOUNT_TEAMS = ["Sales", "Customer Success", "Account Management"]


def _ascii(text: str) -> str:
    """Email addresses take plain letters: Müller becomes muller, Chloé chloe."""
    return (
        unicodedata.normalize("NFKD", text)
        .encode("ascii", "ignore")
        .decode()
        .lower()
        .replace(" ", "")
    )


def demo_exists() -> bool:
    return Organisation.objects.filter(slug=DEMO_SLUG).exists()


def demo_delete() -> None:
    Organisation.objects.filter(slug=DEMO_SLUG).delete()
    User.objects.filter(email__endswith="@northwind.example").delete()


@transaction.atomic
def demo_load(seed: int = 2026) -> Organisation:
    rng = random.Random(seed)
    organisation = Organisation.objects.create(
        name="Northwind Components", slug=DEMO_SLUG, time_zone="Europe/London"
    )
    admin = User.objects.create_user(
        DEMO_EMAIL,
        DEMO_PASSWORD,
        organisation=organisation,
        role=Role.ADMIN,
        first_name="Ada",
        last_name="Lovelace",
        job_title="Chief Customer Officer",
        time_zone="Europe/London",
    )
    people = _people(rng, organisation, admin)
    teams = _teams(rng, admin, people)
    _accounts(rng, admin, teams)
    _taxonomy(organisation)
    demo_feedback_load(admin=admin)
    # the year of feedback is read here and now (a few seconds), so Insights is full at once
    unanalysed_responses_analyse(organisation_id=organisation.pk)
    demo_cases_load(admin=admin)
    _responses_dated(organisation)
    return organisation


def _responses_dated(organisation: Organisation) -> None:
    """A response is stored when it is made, so its ``created_at`` says now; a year of demo
    feedback was started over the year: a survey answer a few minutes before it was sent, any
    other feedback when it was received."""
    responses = Response.objects.filter(organisation=organisation)
    answered = responses.filter(survey__isnull=False, submitted_at__isnull=False)
    answered.update(created_at=F("submitted_at") - dt.timedelta(minutes=4))
    responses.exclude(pk__in=answered.values("pk")).filter(responded_at__isnull=False).update(
        created_at=F("responded_at")
    )


def _taxonomy(organisation: Organisation) -> None:
    """Northwind sells industrial components, not clothes: like any organisation, it fitted the
    default themes to its business. The clothing themes are gone, its customer portal has a
    theme, and product quality knows the words its customers use."""
    themes = ThemeDefinition.objects.filter(organisation=organisation)
    themes.filter(name__in=["fit and size", "design"]).delete()
    quality = themes.get(name="product quality")
    quality.description = "Whether the components are well made, work and last."
    quality.seed_words = [
        *quality.seed_words,
        *["components", "pump", "pumps", "failed", "solid", "last for years", "bauteil"],
    ]
    quality.save()
    ThemeDefinition.objects.create(
        organisation=organisation,
        name="online portal",
        description="The customer portal: ordering, reordering, tracking and finding parts.",
        seed_words=[
            "portal",
            "online portal",
            "reorder",
            "reordering",
            "spare part",
            "logs us out",
            # and in German, for the customers who write in it
            "nachbestellung",
            "nachbestellen",
            "ersatzteil",
            "meldet uns ab",
        ],
    )


def _people(rng: random.Random, organisation: Organisation, admin: User) -> list[User]:
    people = [admin]
    used = {admin.email}
    roles = [Role.CX_LEAD] * 2 + [Role.VIEWER] * 4 + [Role.MEMBER] * 33
    languages = ["en"] * 20 + ["de"] * 8 + ["fr"] * 3 + ["es"] * 3 + ["nl"] * 2 + ["pl"] * 3
    for role, language in zip(roles, languages, strict=True):
        while True:
            first, last = rng.choice(FIRST_NAMES[language]), rng.choice(LAST_NAMES[language])
            email = f"{_ascii(first)}.{_ascii(last)}@northwind.example"
            if email not in used:
                used.add(email)
                break
        people.append(
            # everyone shares the demo password; hashing it once keeps loading fast
            User.objects.create(
                email=email,
                password=admin.password,
                organisation=organisation,
                role=role,
                first_name=first,
                last_name=last,
                language=language,
                time_zone="Europe/Berlin" if language != "en" else "Europe/London",
            )
        )
    return people


def _teams(rng: random.Random, admin: User, people: list[User]) -> dict[str, Team]:
    staff = people[1:]
    rng.shuffle(staff)
    teams: dict[str, Team] = {}
    names = [name for names in BUSINESS_UNITS.values() for name in names]
    per_team = len(staff) // len(names)
    for unit_name, team_names in BUSINESS_UNITS.items():
        unit = people_services.business_unit_create(actor=admin, values={"name": unit_name})
        for team_name in team_names:
            index = names.index(team_name)
            members = staff[index * per_team : (index + 1) * per_team]
            # a viewer only looks: the lead, who hears of breaches and may take cases, works them
            lead = next(member for member in members if member.role != Role.VIEWER)
            for member in members:
                member.job_title = (
                    f"Head of {team_name}" if member is lead else STAFF_TITLES[team_name]
                )
                member.save(update_fields=["job_title"])
            teams[team_name] = people_services.team_create(
                actor=admin,
                values={
                    "name": team_name,
                    "business_unit": unit,
                    "lead": lead,
                    "members": members,
                    "description": TEAM_DESCRIPTIONS[team_name],
                },
            )
    for provider, customers in SERVES.items():
        people_services.team_update(
            actor=admin,
            team=teams[provider],
            values={"serves": [teams[name] for name in customers]},
        )
    return teams


def _accounts(rng: random.Random, admin: User, teams: dict[str, Team]) -> None:
    segments = {
        name: customer_services.segment_create(
            actor=admin, values={"name": name, "description": description}
        )
        for name, (description, _, _) in SEGMENTS.items()
    }
    names = [f"{first} {second}" for first in NAME_PARTS[0] for second in NAME_PARTS[1]]
    rng.shuffle(names)
    stages = (
        [LifecycleStage.ACTIVE] * 10
        + [LifecycleStage.EXPANDING] * 3
        + [LifecycleStage.ONBOARDING] * 2
        + [
            LifecycleStage.AT_RISK,
            LifecycleStage.AT_RISK,
            LifecycleStage.RENEWAL,
            LifecycleStage.RENEWAL,
            LifecycleStage.PROSPECT,
            LifecycleStage.CHURNED,
        ]
    )
    accounts: list[Account] = []
    for segment_name, (_, count, (low, high)) in SEGMENTS.items():
        for _ in range(count):
            market = rng.choices(MARKETS, weights=[market.weight for market in MARKETS])[0]
            team = teams[
                "Account Management" if segment_name == "Enterprise" else rng.choice(ACCOUNT_TEAMS)
            ]
            # an account's owner is who its cases go to: someone who may work them
            owner = rng.choice(list(team.members.exclude(role=Role.VIEWER).order_by("pk")))
            value = Decimal(round(rng.uniform(low, high), -2))
            tier = (
                Tier.STRATEGIC
                if value > 700_000
                else Tier.KEY
                if value > 200_000
                else Tier.CORE
                if value > 20_000
                else Tier.LONG_TAIL
            )
            name = names.pop()
            account = customer_services.account_create(
                actor=admin,
                values={
                    "name": name,
                    "external_id": f"NW-{10000 + len(accounts) * 7}",
                    "segment": segments[segment_name],
                    "lifecycle_stage": rng.choice(stages),
                    "tier": tier,
                    "annual_value": value,
                    "owner": owner,
                    "team": team,
                    "country": market.country,
                    "website": f"https://www.{name.lower().replace(' ', '')}.example",
                },
            )
            accounts.append(account)
            _contacts(rng, admin, account, market)


def _contacts(rng: random.Random, admin: User, account: Account, market: Market) -> None:
    # 300 contacts over 120 accounts: larger accounts have more people we talk to
    count = {Tier.STRATEGIC: 4, Tier.KEY: 3, Tier.CORE: 2, Tier.LONG_TAIL: 2}[Tier(account.tier)]
    influences = [
        Influence.DECISION_MAKER,
        Influence.USER,
        Influence.INFLUENCER,
        Influence.GATEKEEPER,
    ]
    domain = account.website.removeprefix("https://www.")
    for index in range(count):
        first, last = (
            rng.choice(FIRST_NAMES[market.language]),
            rng.choice(LAST_NAMES[market.language]),
        )
        start = rng.choice([7, 8, 8, 9, 9, 10])
        influence = influences[index]
        customer_services.contact_create(
            actor=admin,
            values={
                "account": account,
                "first_name": first,
                "last_name": last,
                "email": f"{_ascii(first)[0]}.{_ascii(last)}{index}@{domain}",
                "job_title": rng.choice(JOB_TITLES[influence]),
                "influence": influence,
                "preferred_channel": rng.choice(list(Channel)),
                "language": market.language,
                "time_zone": rng.choice(market.time_zones),
                "working_hours_start": time(start),
                "working_hours_end": time(start + rng.choice([8, 8, 9])),
                "phone": f"+{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(1000000, 9999999)}",
            },
        )
