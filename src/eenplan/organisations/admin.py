"""Organisations, teams and memberships in the functional admin; every edit is audited."""

from django.contrib import admin

from eenplan.organisations.models import Membership, Organisation, Team
from eenplan.privacy.admin_audit import AuditedInline, AuditedModelAdmin


class MembershipInline(AuditedInline, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "organisation", "role", "active"]


class TeamInline(AuditedInline, admin.TabularInline):
    model = Team
    extra = 0
    fields = ["name", "phone", "email"]
    show_change_link = True


@admin.register(Organisation)
class OrganisationAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "may_process_bsn"]
    list_filter = ["kind", "may_process_bsn"]
    search_fields = ["name"]
    fields = ["name", "kind", "may_process_bsn", "phone", "email"]
    inlines = [TeamInline]


@admin.register(Team)
class TeamAdmin(AuditedModelAdmin):
    list_display = ["name", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["name", "organisation__name"]
    fields = ["organisation", "name", "phone", "email", "districts"]
    filter_horizontal = ["districts"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ["user", "role", "organisation", "team", "active"]
    list_filter = ["role", "active", "organisation"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user", "team"]
    fields = ["user", "organisation", "team", "role", "active"]
