from django.urls import path

from centric.cases import measure_views, rule_views, settings_views, views, webhook_views

app_name = "cases"
urlpatterns = [
    path("cases/", views.inbox, name="inbox"),
    path("cases/reassign/", views.bulk_reassign, name="bulk_reassign"),
    path("cases/measures/", measure_views.measures, name="measures"),
    path("cases/root-causes/", measure_views.root_causes, name="root_causes"),
    path(
        "cases/root-causes/<int:root_cause_id>/",
        measure_views.root_cause_cases,
        name="root_cause_cases",
    ),
    path("cases/open/<int:response_id>/", views.case_open, name="case_open"),
    path("cases/<int:case_id>/", views.case_detail, name="case_detail"),
    path("cases/<int:case_id>/assign/", views.case_assign, name="case_assign"),
    path("cases/<int:case_id>/state/", views.case_state, name="case_state"),
    path("cases/<int:case_id>/comment/", views.case_comment, name="case_comment"),
    path("cases/<int:case_id>/contact/", views.case_contact, name="case_contact"),
    path("cases/<int:case_id>/cause/", views.case_cause, name="case_cause"),
    path("cases/<int:case_id>/close/", views.case_close, name="case_close"),
    path("cases/<int:case_id>/watch/", views.case_watch, name="case_watch"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path(
        "notifications/<int:notification_id>/open/",
        views.notification_open,
        name="notification_open",
    ),
    path("cases/rules/", rule_views.rule_list, name="rule_list"),
    path("cases/rules/new/", rule_views.rule_edit, name="rule_create"),
    path("cases/rules/<int:rule_id>/", rule_views.rule_edit, name="rule_edit"),
    path("cases/rules/<int:rule_id>/change/", rule_views.rule_change, name="rule_change"),
    path("cases/rules/<int:rule_id>/backfill/", rule_views.rule_backfill, name="rule_backfill"),
    path("cases/rules/<int:rule_id>/delete/", rule_views.rule_delete, name="rule_delete"),
    path("settings/cases/", settings_views.case_settings, name="settings"),
    path("settings/cases/calendar/", settings_views.calendar_edit, name="settings_calendar"),
    path("settings/cases/sla/", settings_views.sla_edit, name="settings_sla"),
    path(
        "settings/cases/root-causes/",
        settings_views.root_cause_list,
        name="settings_root_causes",
    ),
    path(
        "settings/cases/root-causes/<int:root_cause_id>/",
        settings_views.root_cause_edit,
        name="settings_root_cause_edit",
    ),
    path(
        "settings/cases/root-causes/<int:root_cause_id>/active/",
        settings_views.root_cause_active,
        name="settings_root_cause_active",
    ),
    path(
        "settings/cases/closing-messages/",
        settings_views.closing_template_list,
        name="settings_closing_templates",
    ),
    path(
        "settings/cases/closing-messages/<str:language>/",
        settings_views.closing_template_edit,
        name="settings_closing_template_edit",
    ),
    path("settings/webhooks/", webhook_views.webhook_list, name="webhook_list"),
    path("settings/webhooks/new/", webhook_views.webhook_create, name="webhook_create"),
    path(
        "settings/webhooks/<int:endpoint_id>/", webhook_views.webhook_detail, name="webhook_detail"
    ),
    path(
        "settings/webhooks/<int:endpoint_id>/edit/", webhook_views.webhook_edit, name="webhook_edit"
    ),
    path(
        "settings/webhooks/<int:endpoint_id>/delete/",
        webhook_views.webhook_delete,
        name="webhook_delete",
    ),
    path(
        "settings/webhooks/<int:endpoint_id>/test/", webhook_views.webhook_test, name="webhook_test"
    ),
    path(
        "settings/webhooks/<int:endpoint_id>/deliveries/<int:delivery_id>/retry/",
        webhook_views.webhook_retry,
        name="webhook_retry",
    ),
]
