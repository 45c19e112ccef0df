"""Users in the functional admin. Roles are memberships, so Django's own permissions, groups and
the superuser flag are left out of the forms: the admin cannot hand out more than a role."""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from eenplan.accounts.models import User
from eenplan.organisations.models import Membership
from eenplan.privacy.admin_audit import AuditedInline, AuditedModelAdmin
from eenplan.privacy.services import audit_record, snapshot


class UserMembershipInline(AuditedInline, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["team"]
    fields = ["organisation", "team", "role", "active"]


@admin.register(User)
class EenplanUserAdmin(AuditedModelAdmin, UserAdmin):
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff"]
    search_fields = ["username", "first_name", "last_name", "email"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Personal info"),
            {"fields": ("first_name", "last_name", "email", "phone", "job_title")},
        ),
        (_("Permissions"), {"fields": ("is_active", "is_staff")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    filter_horizontal = ()
    inlines = [UserMembershipInline]

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        # Django's password page saves the user itself, past save_model: audit it here.
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                user: Any = self.get_object(request, id)
                audit_record(
                    actor_user=request.user,
                    action="admin.password_change",
                    instance=user,
                    before=None,
                    after=snapshot(user),
                )
            return response
