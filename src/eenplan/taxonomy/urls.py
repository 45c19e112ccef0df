from django.urls import path

from eenplan.taxonomy import views

app_name = "taxonomy"

urlpatterns = [
    path("", views.glossary, name="glossary"),
    path("controleer/", views.plain_language_check, name="plain_language_check"),
]
