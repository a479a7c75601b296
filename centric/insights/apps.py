from django.apps import AppConfig

from centric.core.navigation import NavItem


class InsightsConfig(AppConfig):
    name = "centric.insights"
    label = "insights"
    verbose_name = "Insights"
    navigation = (NavItem("Insights", "insights:overview", order=15),)

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from centric.core.models import Organisation
        from centric.feedback.signals import feedback_received
        from centric.insights.receivers import (
            analyse_received_feedback,
            themes_for_new_organisation,
        )

        feedback_received.connect(analyse_received_feedback, dispatch_uid="insights_analyse")
        post_save.connect(
            themes_for_new_organisation, sender=Organisation, dispatch_uid="insights_themes"
        )
