from django.urls import path, re_path

from centric.feedback import export_views, import_views, respond_views, views

app_name = "feedback"
urlpatterns = [
    # public: the respondent's pages, first, as the busiest addresses (see config/urls.py)
    path("r/<str:token>/", respond_views.respond, name="respond"),
    path("r/<str:token>/thanks/", respond_views.thanks, name="thanks"),
    path("r/<str:token>/unsubscribe/", respond_views.unsubscribe, name="unsubscribe"),
    path("s/<str:public_key>/", respond_views.respond_open, name="respond_open"),
    path("s/<str:public_key>/thanks/", respond_views.thanks_open, name="thanks_open"),
    # any other address under them is a link mistyped or cut short
    re_path(r"^[rs]/", respond_views.link_not_valid),
    path("surveys/", views.survey_list, name="survey_list"),
    path("surveys/new/", views.survey_create, name="survey_create"),
    path("surveys/<int:survey_id>/", views.survey_detail, name="survey_detail"),
    path("surveys/<int:survey_id>/settings/", views.survey_edit, name="survey_edit"),
    path("surveys/<int:survey_id>/preview/", respond_views.survey_preview, name="survey_preview"),
    path("surveys/<int:survey_id>/copy/", views.survey_copy, name="survey_copy"),
    path(
        "surveys/<int:survey_id>/open-link.svg",
        views.survey_open_link_qr,
        {"kind": "svg"},
        name="survey_open_link_svg",
    ),
    path(
        "surveys/<int:survey_id>/open-link.png",
        views.survey_open_link_qr,
        {"kind": "png"},
        name="survey_open_link_png",
    ),
    path("surveys/<int:survey_id>/status/", views.survey_status, name="survey_status"),
    path("surveys/<int:survey_id>/invite/", views.survey_invite, name="survey_invite"),
    path(
        "surveys/<int:survey_id>/invitations/",
        views.survey_invitations,
        name="survey_invitations",
    ),
    path(
        "surveys/<int:survey_id>/invitations.csv",
        views.survey_invitations_csv,
        name="survey_invitations_csv",
    ),
    path("surveys/<int:survey_id>/send/", views.survey_send, name="survey_send"),
    path(
        "surveys/<int:survey_id>/test-invitation/",
        views.survey_test_invitation,
        name="survey_test_invitation",
    ),
    path("surveys/<int:survey_id>/waves/", views.survey_wave_start, name="survey_wave_start"),
    path(
        "surveys/<int:survey_id>/export.csv",
        export_views.survey_export_csv,
        name="survey_export_csv",
    ),
    path(
        "surveys/<int:survey_id>/export.xlsx",
        export_views.survey_export_xlsx,
        name="survey_export_xlsx",
    ),
    path("feedback/export.csv", export_views.feedback_export_csv, name="feedback_export_csv"),
    path("feedback/export.xlsx", export_views.feedback_export_xlsx, name="feedback_export_xlsx"),
    path("responses/<int:response_id>/", views.response_detail, name="response_detail"),
    path("surveys/<int:survey_id>/questions/new/", views.question_edit, name="question_create"),
    path(
        "surveys/<int:survey_id>/questions/<int:question_id>/",
        views.question_edit,
        name="question_edit",
    ),
    path(
        "surveys/<int:survey_id>/questions/<int:question_id>/change/",
        views.question_change,
        name="question_change",
    ),
    path("journey/", views.journey, name="journey"),
    path("journey/stages/new/", views.journey_stage_edit, name="journey_stage_create"),
    path("journey/stages/<int:stage_id>/", views.journey_stage_edit, name="journey_stage_edit"),
    path("journey/touchpoints/new/", views.touchpoint_edit, name="touchpoint_create"),
    path("journey/touchpoints/<int:touchpoint_id>/", views.touchpoint_edit, name="touchpoint_edit"),
    path("feedback-imports/", import_views.import_list, name="import_list"),
    path("feedback-imports/new/", import_views.import_upload, name="import_upload"),
    path("feedback-imports/<int:import_id>/", import_views.import_detail, name="import_detail"),
    path(
        "feedback-imports/<int:import_id>/mapping/",
        import_views.import_mapping,
        name="import_mapping",
    ),
    path("feedback-imports/<int:import_id>/apply/", import_views.import_apply, name="import_apply"),
    path(
        "feedback-imports/<int:import_id>/remove/",
        import_views.import_remove,
        name="import_remove",
    ),
    path(
        "feedback-imports/<int:import_id>/refused-rows.csv",
        import_views.import_refused_csv,
        name="import_refused_csv",
    ),
    path(
        "feedback-imports/mappings/<int:mapping_id>/delete/",
        import_views.saved_mapping_delete,
        name="saved_mapping_delete",
    ),
    path(
        "feedback-imports/<int:import_id>/cancel/",
        import_views.import_cancel,
        name="import_cancel",
    ),
]
