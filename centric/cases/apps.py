from django.apps import AppConfig

from centric.core.navigation import NavItem


class CasesConfig(AppConfig):
    name = "centric.cases"
    label = "cases"
    verbose_name = "Cases"
    navigation = (NavItem("Cases", "cases:inbox", order=18),)

    def ready(self) -> None:
        from centric.cases import receivers, signals  # noqa: F401 - signals connect on import
        from centric.feedback.signals import response_changed, survey_closed_told
        from centric.insights.signals import responses_analysed, spike_alerted

        responses_analysed.connect(receivers.route_analysed_feedback, dispatch_uid="cases_route")
        spike_alerted.connect(receivers.notify_told, dispatch_uid="cases_spike_notifications")
        survey_closed_told.connect(
            receivers.notify_told, dispatch_uid="cases_survey_closed_notifications"
        )
        response_changed.connect(
            receivers.record_changed_answers, dispatch_uid="cases_answers_changed"
        )
