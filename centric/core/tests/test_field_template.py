"""The shared field template names each field for assistive technology: one input by its label,
a group of choices (radio buttons, ticked boxes) by a legend, as a label can name one input."""

from __future__ import annotations

from django import forms
from django.template.loader import render_to_string
from django.test import SimpleTestCase


class Choices(forms.Form):
    accounts = forms.MultipleChoiceField(
        choices=[("1", "Acme"), ("2", "Globex")], widget=forms.CheckboxSelectMultiple
    )
    tone = forms.ChoiceField(
        choices=[("warm", "Warm"), ("plain", "Plain")], widget=forms.RadioSelect
    )
    name = forms.CharField(required=False)
    agree = forms.BooleanField(label="I agree")


class FieldTemplateTest(SimpleTestCase):
    def render(self, name: str) -> str:
        return render_to_string("_field.html", {"field": Choices()[name]})

    def test_ticked_boxes_are_a_group_named_by_its_legend(self) -> None:
        html = self.render("accounts")

        self.assertInHTML(
            '<legend style="font-weight:600;margin-bottom:.25rem">Accounts</legend>', html
        )
        self.assertNotIn('for=""', html)
        self.assertInHTML(
            '<label for="id_accounts_0"><input type="checkbox" name="accounts" value="1" id="id_accounts_0">Acme</label>',
            html,
        )

    def test_radio_buttons_are_a_group_too(self) -> None:
        self.assertIn("<legend", self.render("tone"))

    def test_one_input_is_named_by_its_label(self) -> None:
        name, agree = self.render("name"), self.render("agree")

        self.assertInHTML(
            '<label for="id_name">Name <span class="muted">(optional)</span></label>', name
        )
        self.assertInHTML('<label for="id_agree">I agree</label>', agree)
        self.assertNotIn("<legend", name + agree)
