"""The signaleringsoverleg, under /signalen/overleg/ in the signalering namespace."""

from django.urls import path

from eenplan.signalering import meeting_views

urlpatterns = [
    path("", meeting_views.list_, name="meeting_list"),
    path("nieuw/", meeting_views.start, name="meeting_start"),
    path("<uuid:meeting_uuid>/", meeting_views.detail, name="meeting_detail"),
    path(
        "<uuid:meeting_uuid>/besluit/<uuid:signal_uuid>/",
        meeting_views.decide,
        name="meeting_decide",
    ),
    path("<uuid:meeting_uuid>/sluiten/", meeting_views.close, name="meeting_close"),
]
