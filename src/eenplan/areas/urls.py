from django.urls import path

from eenplan.areas import views

app_name = "areas"

urlpatterns = [
    path("", views.figures, name="figures"),
]
