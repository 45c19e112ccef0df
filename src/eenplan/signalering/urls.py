from django.urls import include, path

from eenplan.signalering import views

app_name = "signalering"

urlpatterns = [
    path("", views.work, name="work"),
    path("melden/", views.report, name="report"),
    path("gemeld/", views.reported, name="reported"),
    path("meldingen/", views.alerts, name="alerts"),
    path("meldingen/gelezen/", views.alerts_read, name="alerts_read"),
    path("<uuid:signal_uuid>/", views.detail, name="detail"),
    path("<uuid:signal_uuid>/oppakken/", views.take_up, name="take_up"),
    path("<uuid:signal_uuid>/urgent/", views.make_urgent, name="make_urgent"),
    path("<uuid:signal_uuid>/poging/", views.attempt, name="attempt"),
    path("<uuid:signal_uuid>/afsluiten/", views.close, name="close"),
    path("<uuid:signal_uuid>/koppelen/", views.review, name="review"),
    # The signaleringsoverleg: the team and its partners decide per open signal.
    path("overleg/", include("eenplan.signalering.meeting_urls")),
]
