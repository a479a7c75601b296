from django.urls import path

from centric.people import views

app_name = "people"
urlpatterns = [
    path("teams/", views.team_list, name="team_list"),
    path("teams/new/", views.team_create, name="team_create"),
    path("teams/<int:team_id>/", views.team_detail, name="team_detail"),
    path("teams/<int:team_id>/edit/", views.team_edit, name="team_edit"),
    path("business-units/", views.business_unit_list, name="business_unit_list"),
    path("business-units/new/", views.business_unit_create, name="business_unit_create"),
    path(
        "business-units/<int:business_unit_id>/edit/",
        views.business_unit_edit,
        name="business_unit_edit",
    ),
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:person_id>/", views.person_detail, name="person_detail"),
    path("people/<int:person_id>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:person_id>/deactivate/", views.person_deactivate, name="person_deactivate"),
    path("people/<int:person_id>/reactivate/", views.person_reactivate, name="person_reactivate"),
    path(
        "people/<int:person_id>/invitation/",
        views.person_invitation_resend,
        name="person_invitation_resend",
    ),
    path("settings/profile/", views.profile, name="profile"),
    path("settings/tokens/", views.api_token_list, name="api_tokens"),
    path("settings/tokens/<int:token_id>/revoke/", views.api_token_revoke, name="api_token_revoke"),
]
