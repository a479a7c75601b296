from django.apps import AppConfig

from centric.core.navigation import NavItem, for_writers


class CustomersConfig(AppConfig):
    name = "centric.customers"
    label = "customers"
    verbose_name = "Customers"
    navigation = (
        NavItem("Customers", "customers:customer_list", order=10),
        NavItem("Accounts", "customers:account_list", order=20),
        NavItem("Contacts", "customers:contact_list", order=30),
        NavItem("Import", "customers:import_start", order=60, visible_to=for_writers),
    )

    def ready(self) -> None:
        from centric.customers import signals  # noqa: F401  (connects the receivers)
