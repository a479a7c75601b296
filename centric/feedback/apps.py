from django.apps import AppConfig

from centric.core.navigation import NavItem


class FeedbackConfig(AppConfig):
    name = "centric.feedback"
    label = "feedback"
    verbose_name = "Feedback"
    navigation = (NavItem("Surveys", "feedback:survey_list", order=35),)

    def ready(self) -> None:
        from centric.feedback import signals  # noqa: F401  (connects the receivers)
