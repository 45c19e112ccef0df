from django.urls import path

from eenplan.accounts import views

app_name = "accounts"

urlpatterns = [
    path("inloggen", views.login_view, name="login"),
    path("uitloggen", views.logout_view, name="logout"),
    path("tweede-stap", views.second_factor, name="second_factor"),
    path("tweede-stap/instellen", views.second_factor_setup, name="second_factor_setup"),
]
