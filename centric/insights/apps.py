from django.apps import AppConfig

from centric.core.navigation import NavItem


class InsightsConfig(AppConfig):
    name = "centric.insights"
    label = "insights"
    verbose_name = "Insights"
    navigation = (NavItem("Insights", "insights:overview", order=15),)

    def ready(self) -> None:
        from centric.feedback.signals import feedback_received
        from centric.insights.receivers import analyse_received_feedback

        feedback_received.connect(analyse_received_feedback, dispatch_uid="insights_analyse")
