from django.urls import path

from eenplan.reminders import views

app_name = "reminders"

# Included at the root: the list has its own prefix, important days live under the household.
urlpatterns = [
    path("herinneringen/", views.reminder_list, name="list"),
    path("herinneringen/gelezen/", views.reminder_read, name="read"),
    path(
        "huishoudens/<uuid:household_uuid>/belangrijke-dagen/",
        views.important_days,
        name="important_days",
    ),
]
