from django.urls import path

from centric.insights import views

app_name = "insights"
urlpatterns = [
    path("insights/", views.overview, name="overview"),
    path("insights/comments/", views.comments, name="comments"),
    path("insights/comments.csv", views.comments_csv, name="comments_csv"),
]
