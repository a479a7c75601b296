"""A rule's choice fields take the values their models take, no more and no fewer."""

from __future__ import annotations

from django.db import models
from django.test import SimpleTestCase

from centric.cases.conditions import FIELDS
from centric.cases.routing import FIELD_CHOICES
from centric.customers.models import Account, Customer
from centric.feedback.models import Response
from centric.insights.models import ResponseAnalysis

# the model field each fact is read from (``routing.facts_of``)
READ_FROM: dict[str, tuple[type[models.Model], str]] = {
    "score_type": (Response, "score_type"),
    "sentiment": (ResponseAnalysis, "sentiment_label"),
    "tier": (Account, "tier"),
    "customer_kind": (Customer, "kind"),
    "channel": (Response, "channel"),
    "kind": (Response, "kind"),
}
# the organisation names these itself; any word is accepted
OWN_NAMES = {"segment", "stage"}


class ChoiceFieldsTest(SimpleTestCase):
    def test_every_choice_field_takes_its_models_choices_or_the_organisations_own_names(
        self,
    ) -> None:
        choice_fields = {name for name, spec in FIELDS.items() if spec.type == "choice"}
        self.assertEqual(set(FIELD_CHOICES) | OWN_NAMES, choice_fields)
        self.assertEqual(set(READ_FROM), set(FIELD_CHOICES))
        for name, (model, column) in READ_FROM.items():
            model_field = model._meta.get_field(column)
            assert isinstance(model_field, models.Field)
            with self.subTest(field=name):
                self.assertEqual(FIELD_CHOICES[name], dict(model_field.choices or []))

    def test_a_rule_may_ask_for_every_account_tier(self) -> None:
        self.assertEqual(list(FIELD_CHOICES["tier"]), ["strategic", "key", "core", "long_tail"])
        self.assertEqual(FIELD_CHOICES["tier"]["long_tail"], "Long tail")
