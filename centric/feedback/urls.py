from django.urls import path

from centric.feedback import views

app_name = "feedback"
urlpatterns = [
    path("surveys/", views.survey_list, name="survey_list"),
    path("surveys/new/", views.survey_create, name="survey_create"),
    path("surveys/<int:survey_id>/", views.survey_detail, name="survey_detail"),
    path("surveys/<int:survey_id>/status/", views.survey_status, name="survey_status"),
    path("surveys/<int:survey_id>/invite/", views.survey_invite, name="survey_invite"),
    path("surveys/<int:survey_id>/send/", views.survey_send, name="survey_send"),
    path("responses/<int:response_id>/", views.response_detail, name="response_detail"),
    # public: the respondent's pages
    path("r/<str:token>/", views.respond, name="respond"),
    path("r/<str:token>/thanks/", views.thanks, name="thanks"),
    path("r/<str:token>/unsubscribe/", views.unsubscribe, name="unsubscribe"),
    path("s/<str:public_key>/", views.respond_open, name="respond_open"),
]
