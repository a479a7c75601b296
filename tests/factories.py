# mypy: disable-error-code="misc,untyped-decorator"
"""Factories for test data: realistic defaults, every record in a given organisation."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from factory.declarations import SelfAttribute, Sequence, SubFactory
from factory.django import DjangoModelFactory
from factory.faker import Faker
from factory.helpers import post_generation

from centric.core.models import Organisation, Role
from centric.customers.models import Account, Contact, Segment
from centric.people.models import BusinessUnit, Team, User

PASSWORD = "correct horse battery staple"
# hashed once: hashing for every person made each test class's setup take seconds
PASSWORD_HASH = make_password(PASSWORD)


class OrganisationFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = Sequence(lambda n: f"Organisation {n}")
    slug = Sequence(lambda n: f"org-{n}")


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    organisation = SubFactory(OrganisationFactory)
    email = Sequence(lambda n: f"person{n}@example.com")
    first_name = Faker("first_name")
    last_name = Faker("last_name")
    role = Role.MEMBER
    password = PASSWORD_HASH


class BusinessUnitFactory(DjangoModelFactory[BusinessUnit]):
    class Meta:
        model = BusinessUnit

    organisation = SubFactory(OrganisationFactory)
    name = Sequence(lambda n: f"Unit {n}")


class TeamFactory(DjangoModelFactory[Team]):
    class Meta:
        model = Team
        skip_postgeneration_save = True

    organisation = SubFactory(OrganisationFactory)
    name = Sequence(lambda n: f"Team {n}")

    @post_generation
    def members(self, create: bool, extracted: list[User] | None, **kwargs: object) -> None:
        if create and extracted:
            self.members.set(extracted)


class SegmentFactory(DjangoModelFactory[Segment]):
    class Meta:
        model = Segment

    organisation = SubFactory(OrganisationFactory)
    name = Sequence(lambda n: f"Segment {n}")


class AccountFactory(DjangoModelFactory[Account]):
    """An account with its ``Customer`` row, as the service creates it."""

    class Meta:
        model = Account
        skip_postgeneration_save = True

    organisation = SubFactory(OrganisationFactory)
    name = Sequence(lambda n: f"Account {n}")
    external_id = Sequence(lambda n: f"CRM-{n}")

    @post_generation
    def customer(self, create: bool, extracted: object, **kwargs: object) -> None:
        from centric.customers.models import Customer

        if create:
            Customer.objects.create(
                organisation=self.organisation, kind=Customer.Kind.EXTERNAL, account=self
            )


class ContactFactory(DjangoModelFactory[Contact]):
    class Meta:
        model = Contact

    account = SubFactory(AccountFactory)
    organisation = SelfAttribute("account.organisation")
    first_name = Faker("first_name")
    last_name = Faker("last_name")
    email = Sequence(lambda n: f"contact{n}@customer.example")
