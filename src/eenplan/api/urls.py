"""/api/v1: Dutch resource names, kebab-case, no trailing slashes (NL API Design Rules)."""

from django.urls import path, re_path

from . import assessments, errors, meetings, plans, schema, signals, views

app_name = "api"

urlpatterns = [
    path("huishoudens", views.HouseholdCollectionView.as_view(), name="household-list"),
    path(
        "huishoudens/<str:uuid>",
        views.HouseholdDetailView.as_view(),
        name="household-detail",
    ),
    path("inwoners/<str:uuid>", views.ResidentDetailView.as_view(), name="resident-detail"),
    path("organisaties", views.OrganisationCollectionView.as_view(), name="organisation-list"),
    path(
        "organisaties/<str:uuid>",
        views.OrganisationDetailView.as_view(),
        name="organisation-detail",
    ),
    path("signalen", signals.SignalCollectionView.as_view(), name="signal-list"),
    path("signalen/<str:uuid>", signals.SignalDetailView.as_view(), name="signal-detail"),
    path("signaalsoorten", signals.SignalTypeCollectionView.as_view(), name="signal-type-list"),
    path("instrumenten", assessments.InstrumentCollectionView.as_view(), name="instrument-list"),
    path(
        "instrumenten/<str:code>",
        assessments.InstrumentDetailView.as_view(),
        name="instrument-detail",
    ),
    path("metingen", assessments.MeasurementCollectionView.as_view(), name="measurement-list"),
    path(
        "metingen/<str:uuid>",
        assessments.MeasurementDetailView.as_view(),
        name="measurement-detail",
    ),
    path("plannen", plans.PlanCollectionView.as_view(), name="plan-list"),
    path("plannen/<str:uuid>", plans.PlanDetailView.as_view(), name="plan-detail"),
    path("plannen/<str:uuid>/doelen", plans.GoalCollectionView.as_view(), name="plan-goal-list"),
    path(
        "plannen/<str:uuid>/acties", plans.ActionCollectionView.as_view(), name="plan-action-list"
    ),
    path(
        "plannen/<str:uuid>/acties/<str:action_uuid>",
        plans.ActionDetailView.as_view(),
        name="plan-action-detail",
    ),
    path(
        "plannen/<str:uuid>/doelen/<str:goal_uuid>",
        plans.GoalDetailView.as_view(),
        name="plan-goal-detail",
    ),
    path("overleggen", meetings.MeetingCollectionView.as_view(), name="meeting-list"),
    path("overleggen/<str:uuid>", meetings.MeetingDetailView.as_view(), name="meeting-detail"),
    path(
        "overleggen/<str:uuid>/verslag",
        meetings.MeetingRecordView.as_view(),
        name="meeting-record",
    ),
    path("toegangslog", views.AccessLogView.as_view(), name="access-log"),
    path("openapi.json", schema.SchemaView.as_view(), name="schema"),
    path("docs", views.docs, name="docs"),
    # Anything else under /api/v1/ is a problem+json 404, not an HTML page.
    re_path(r"^.*$", errors.not_found, name="not-found"),
]
