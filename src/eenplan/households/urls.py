from django.urls import path

from eenplan.households import views
from eenplan.meetings import views as meeting_views
from eenplan.plans import pdf as plan_pdf
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
    # Goals and actions in the plan, its history and the printable plan for the resident.
    path("<uuid:household_uuid>/plan/doel/", plan_views.goal_add_view, name="plan_goal_add"),
    path(
        "<uuid:household_uuid>/plan/doelen/<uuid:goal_uuid>/",
        plan_views.goal_edit_view,
        name="plan_goal_edit",
    ),
    path("<uuid:household_uuid>/plan/actie/", plan_views.action_add_view, name="plan_action_add"),
    path(
        "<uuid:household_uuid>/plan/acties/<uuid:action_uuid>/status/",
        plan_views.action_status_view,
        name="plan_action_status",
    ),
    path("<uuid:household_uuid>/plan/versies/", plan_views.history_view, name="plan_history"),
    path("<uuid:household_uuid>/plan/afdrukken/", plan_views.print_view, name="plan_print"),
    path("<uuid:household_uuid>/plan/pdf/", plan_pdf.pdf_view, name="plan_pdf"),
    # Closing the plan with its outcome per life domain; closed plans stay readable.
    path("<uuid:household_uuid>/plan/afsluiten/", plan_views.close_view, name="plan_close"),
    path(
        "<uuid:household_uuid>/plannen/<uuid:plan_uuid>/",
        plan_views.closed_view,
        name="plan_closed",
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
    # Meetings with the household (MDO, kitchen table, start meeting).
    path(
        "<uuid:household_uuid>/overleggen/",
        meeting_views.meeting_list_view,
        name="meeting_list",
    ),
    path(
        "<uuid:household_uuid>/overleggen/nieuw/",
        meeting_views.meeting_schedule_view,
        name="meeting_schedule",
    ),
    path(
        "<uuid:household_uuid>/overleggen/<uuid:household_meeting_uuid>/",
        meeting_views.meeting_detail_view,
        name="meeting_detail",
    ),
    path(
        "<uuid:household_uuid>/overleggen/<uuid:household_meeting_uuid>/verslag/",
        meeting_views.meeting_record_view,
        name="meeting_record",
    ),
    path(
        "<uuid:household_uuid>/overleggen/<uuid:household_meeting_uuid>/annuleren/",
        meeting_views.meeting_cancel_view,
        name="meeting_cancel",
    ),
    path(
        "<uuid:household_uuid>/overleggen/<uuid:household_meeting_uuid>/uitnodiging.ics",
        meeting_views.meeting_invitation_view,
        name="meeting_invitation",
    ),
]
