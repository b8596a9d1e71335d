from django.urls import path

from . import views

app_name = "impact"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.csv", views.export, name="export"),
    path("publish/", views.publish, name="publish"),
    path("restatement/", views.restatement, name="restatement"),
    path("enter/", views.enter, name="enter"),
    path("import/", views.upload, name="import"),
    path("history/", views.history, name="history"),
]
