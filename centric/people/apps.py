from django.apps import AppConfig

from centric.core.navigation import NavItem


class PeopleConfig(AppConfig):
    name = "centric.people"
    label = "people"
    verbose_name = "People"
    navigation = (
        NavItem("Teams", "people:team_list", order=40),
        NavItem("People", "people:person_list", order=50),
    )
