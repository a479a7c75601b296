"""An account's and a contact's names are one line, where they are typed or sent: an account's
name may head the mail a case sends, and a line break in a header stops the mail."""

from centric.customers.models import Account, Contact
from tests.api.test_api import ApiTestCase

BROKEN = "Acme\nBcc: x@evil.example"
ONE_LINE = "Keep it to one line, without control characters."


class NamesOnOneLineTest(ApiTestCase):
    def test_an_account_is_not_named_on_two_lines(self) -> None:
        made = self.send("post", "/accounts", self.admin, {"name": BROKEN})
        self.assertEqual(made.status_code, 422)
        self.assertEqual(made.json()["detail"][0]["loc"], ["body", "name"])
        self.assertEqual(made.json()["detail"][0]["msg"], ONE_LINE)
        changed = self.send("patch", f"/accounts/{self.account.pk}", self.admin, {"name": BROKEN})
        self.assertEqual(changed.status_code, 422)
        self.assertFalse(Account.objects.filter(name__contains="\n").exists())

    def test_nor_is_a_contact(self) -> None:
        changed = self.send(
            "patch", f"/contacts/{self.contact.pk}", self.owner, {"last_name": "Diaz\r\nX"}
        )
        self.assertEqual(changed.status_code, 422)
        self.assertEqual(changed.json()["detail"][0]["loc"], ["body", "last_name"])
        self.assertFalse(Contact.objects.filter(last_name__contains="\n").exists())

    def test_the_account_page_says_why(self) -> None:
        self.client.force_login(self.admin)
        answer = self.client.post(
            f"/accounts/{self.account.pk}/edit/", {"name": BROKEN, "lifecycle_stage": "active"}
        )
        self.assertContains(answer, ONE_LINE)
