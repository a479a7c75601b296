"""Factories for test data: realistic defaults, every record in a given organisation."""

from __future__ import annotations

import factory

from centric.core.models import Organisation, Role
from centric.customers.models import Account, Contact, Segment
from centric.people.models import BusinessUnit, Team, User

PASSWORD = "correct horse battery staple"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"org-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"person{n}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    role = Role.MEMBER
    password = factory.django.Password(PASSWORD)


class BusinessUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BusinessUnit

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Unit {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")

    @factory.post_generation
    def members(self, create: bool, extracted: list[User] | None, **kwargs: object) -> None:
        if create and extracted:
            self.members.set(extracted)


class SegmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Segment

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Segment {n}")


class AccountFactory(factory.django.DjangoModelFactory):
    """An account with its ``Customer`` row, as the service creates it."""

    class Meta:
        model = Account
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Account {n}")
    external_id = factory.Sequence(lambda n: f"CRM-{n}")

    @factory.post_generation
    def customer(self, create: bool, extracted: object, **kwargs: object) -> None:
        from centric.customers.models import Customer

        if create:
            Customer.objects.create(
                organisation=self.organisation, kind=Customer.Kind.EXTERNAL, account=self
            )


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    account = factory.SubFactory(AccountFactory)
    organisation = factory.SelfAttribute("account.organisation")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.Sequence(lambda n: f"contact{n}@customer.example")
