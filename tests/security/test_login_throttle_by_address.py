"""The sign-in throttle counts failures by the client's address: the connection's own when
people reach Centric directly, the one the installation's proxy saw when it is behind one (else
five failures by anyone would lock everyone out), and never one a client wrote itself."""

from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import reverse

from tests.personas import PASSWORD, PersonasTestCase

PROXY = "10.0.0.2"
CDN = "10.9.9.9"


class ThrottleByAddressTest(PersonasTestCase):
    def setUp(self) -> None:
        cache.clear()

    def sign_in(
        self, client: Client, email: str, password: str, forwarded_for: str
    ) -> HttpResponse:
        return client.post(  # type: ignore[return-value]
            reverse("login"),
            {"username": email, "password": password},
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )

    def fail_five_times(self, client: Client, forwarded_for: str = "") -> None:
        """Five wrong guesses, each at a different account, so only the address adds up."""
        for attempt in range(5):
            self.sign_in(client, f"guess{attempt}@elsewhere.example", "wrong", forwarded_for)

    def assertSignsIn(self, client: Client, forwarded_for: str = "") -> None:
        response = self.sign_in(client, "owner@northwind.example", PASSWORD, forwarded_for)
        self.assertRedirects(response, reverse("home"), fetch_redirect_response=False)

    def assertThrottled(self, client: Client, forwarded_for: str = "") -> None:
        response = self.sign_in(client, "teammate@northwind.example", PASSWORD, forwarded_for)
        self.assertContains(response, "Too many failed sign-in attempts")

    def test_directly_a_forwarded_for_header_cannot_be_forged_to_escape_the_throttle(
        self,
    ) -> None:
        client = Client(REMOTE_ADDR="203.0.113.9")
        for attempt in range(5):
            self.sign_in(
                client, f"guess{attempt}@elsewhere.example", "wrong", f"198.51.100.{attempt}"
            )
        self.assertThrottled(client, "198.51.100.99")

    def test_directly_one_address_failing_does_not_lock_out_another(self) -> None:
        self.fail_five_times(Client(REMOTE_ADDR="203.0.113.9"))
        self.assertSignsIn(Client(REMOTE_ADDR="203.0.113.10"))

    @override_settings(BEHIND_PROXY=True, PROXY_HOPS=1)
    def test_behind_a_proxy_two_clients_are_throttled_separately(self) -> None:
        first, second = Client(REMOTE_ADDR=PROXY), Client(REMOTE_ADDR=PROXY)
        self.fail_five_times(first, "198.51.100.1")
        self.assertSignsIn(second, "198.51.100.2")
        self.assertThrottled(first, "198.51.100.1")

    @override_settings(BEHIND_PROXY=True, PROXY_HOPS=1)
    def test_behind_a_proxy_a_client_cannot_forge_its_way_out(self) -> None:
        client = Client(REMOTE_ADDR=PROXY)
        self.fail_five_times(client, "198.51.100.1")
        # the client sends a header of its own; the proxy appends the address it really came from
        self.assertThrottled(client, "192.0.2.50, 198.51.100.1")

    @override_settings(BEHIND_PROXY=True, PROXY_HOPS=2)
    def test_behind_two_proxies_the_address_the_farther_one_saw_counts(self) -> None:
        first, second = Client(REMOTE_ADDR=PROXY), Client(REMOTE_ADDR=PROXY)
        self.fail_five_times(first, f"198.51.100.1, {CDN}")
        self.assertSignsIn(second, f"198.51.100.2, {CDN}")
        self.assertThrottled(first, f"192.0.2.50, 198.51.100.1, {CDN}")
