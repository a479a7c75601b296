from django.urls import path

from centric.insights import theme_views, views

app_name = "insights"
urlpatterns = [
    path("insights/", views.overview, name="overview"),
    path("insights/themes.csv", views.overview_themes_csv, name="overview_themes_csv"),
    path("insights/themes.xlsx", views.overview_themes_xlsx, name="overview_themes_xlsx"),
    path("insights/comments/", views.comments, name="comments"),
    path("insights/comments.csv", views.comments_csv, name="comments_csv"),
    path("insights/comments.xlsx", views.comments_xlsx, name="comments_xlsx"),
    path("insights/themes/", theme_views.theme_list, name="theme_list"),
    path("insights/themes/new/", theme_views.theme_edit, name="theme_create"),
    path("insights/themes/<int:theme_id>/", theme_views.theme_edit, name="theme_edit"),
    path("insights/themes/<int:theme_id>/delete/", theme_views.theme_delete, name="theme_delete"),
    path("insights/themes/proposals/", theme_views.proposal_list, name="proposal_list"),
    path("insights/themes/discover/", theme_views.theme_discover, name="theme_discover"),
    path(
        "insights/themes/proposals/<int:proposal_id>/",
        theme_views.proposal_decide,
        name="proposal_decide",
    ),
    path("insights/sentiment/", theme_views.sentiment, name="sentiment"),
    path("insights/sentiment/learn/", theme_views.sentiment_learn, name="sentiment_learn"),
    path("insights/sentiment/stop/", theme_views.sentiment_stop, name="sentiment_stop"),
    path("insights/reanalysis/", theme_views.reanalysis, name="reanalysis"),
    path("insights/reanalysis/start/", theme_views.reanalysis_start, name="reanalysis_start"),
]
