from django.apps import AppConfig

from centric.core.navigation import NavItem, for_admins


class DashboardConfig(AppConfig):
    name = "centric.dashboard"
    label = "dashboard"
    verbose_name = "Dashboard"
    navigation = (
        NavItem("Home", "home", order=0),
        NavItem("Audit log", "audit_log", order=90, visible_to=for_admins),
    )
