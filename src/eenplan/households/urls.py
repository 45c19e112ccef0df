from django.urls import path

from eenplan.households import views
from eenplan.plans import views as plan_views

app_name = "households"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("export.csv", views.export, name="export"),
    path("nieuw/", views.register, name="register"),
    path("noodtoegang/", views.break_the_glass, name="break_the_glass"),
    path("inwoners/<uuid:resident_uuid>/", views.resident, name="resident_detail"),
    path("<uuid:household_uuid>/", views.detail, name="detail"),
    # The plan lives on the household page: one household, one plan.
    path("<uuid:household_uuid>/plan/starten/", plan_views.start, name="plan_start"),
    path(
        "<uuid:household_uuid>/plan/regisseur/",
        plan_views.change_coordinator,
        name="plan_change_coordinator",
    ),
    # Who belongs to the household and who works with it.
    path("<uuid:household_uuid>/leden/toevoegen/", views.member_add, name="member_add"),
    path(
        "<uuid:household_uuid>/leden/<int:member_id>/beeindigen/",
        views.member_end,
        name="member_end",
    ),
    path(
        "<uuid:household_uuid>/betrokkenheid/toevoegen/",
        views.involvement_add,
        name="involvement_add",
    ),
    path(
        "<uuid:household_uuid>/betrokkenheid/<uuid:involvement_uuid>/beeindigen/",
        views.involvement_end,
        name="involvement_end",
    ),
]
