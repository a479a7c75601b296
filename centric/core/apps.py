from django.apps import AppConfig

from centric.core.navigation import NavItem, for_admins


class CoreConfig(AppConfig):
    name = "centric.core"
    label = "core"
    verbose_name = "Core"
    navigation = (
        NavItem("Organisation", "organisation_settings", order=95, visible_to=for_admins),
    )
