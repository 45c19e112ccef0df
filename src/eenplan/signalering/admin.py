"""The functional admin's rules for signals: the list of signal types, the cross-domain alert rules,
the retention period and, per municipality, which organisation kinds may coordinate.

Only set-up lives here; signals themselves are case content and are reached through the
application. Every edit is audited (`AuditedModelAdmin`), and a value that makes no sense is a
clear error on the form rather than a rule that silently does nothing.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from eenplan.organisations.models import CoordinationRule, OrganisationKind
from eenplan.privacy.admin_audit import AuditedModelAdmin
from eenplan.signalering.models import (
    AlertRule,
    AlertRuleCode,
    RetentionSetting,
    SignalCategory,
    SignalType,
)


class SignalTypeForm(forms.ModelForm):
    class Meta:
        model = SignalType
        fields = [
            "code",
            "name",
            "description",
            "category",
            "domains",
            "asks_arrears",
            "first_contact_days",
            "urgent_first_contact_working_days",
            "active",
            "position",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("asks_arrears") and data.get("category") != SignalCategory.PAYMENT_ARREARS:
            self.add_error(
                "asks_arrears",
                _("Only a payment-arrears signal type can ask for months and amount in arrears."),
            )
        normal = data.get("first_contact_days")
        urgent = data.get("urgent_first_contact_working_days")
        # Working days are at least as long as calendar days, so an urgent deadline that is not
        # shorter in working days would never be earlier than the normal one.
        if normal and urgent and urgent >= normal:
            self.add_error(
                "urgent_first_contact_working_days",
                _(
                    "The deadline when urgent must be shorter than the normal deadline "
                    "(%(days)d days)."
                )
                % {"days": normal},
            )
        return data


@admin.register(SignalType)
class SignalTypeAdmin(AuditedModelAdmin):
    form = SignalTypeForm
    list_display = [
        "name",
        "code",
        "category",
        "first_contact_days",
        "urgent_first_contact_working_days",
        "active",
        "position",
    ]
    list_filter = ["category", "active"]
    list_editable = ["active", "position"]
    search_fields = ["name", "code"]
    filter_horizontal = ["domains"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A type with signals cannot go (they refer to it); switching it off keeps the history.
        if obj is not None and obj.signals.exists():
            return False
        return super().has_delete_permission(request, obj)


class AlertRuleForm(forms.ModelForm):
    care_kinds = forms.MultipleChoiceField(
        label=_("care organisation kinds"),
        choices=OrganisationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "For the rule on arrears or nuisance while care is open: the kinds of organisation "
            "whose involvement counts as open youth care or Wmo support."
        ),
    )

    class Meta:
        model = AlertRule
        fields = ["code", "enabled", "months_ahead", "window_days", "min_sources", "care_kinds"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code = data.get("code") or getattr(self.instance, "code", "")
        if (
            code == AlertRuleCode.ARREARS_WITH_CARE
            and data.get("enabled")
            and not data.get("care_kinds")
        ):
            self.add_error(
                "care_kinds",
                _("Choose at least one kind of care organisation, or switch the rule off."),
            )
        return data


@admin.register(AlertRule)
class AlertRuleAdmin(AuditedModelAdmin):
    form = AlertRuleForm
    list_display = ["__str__", "enabled", "months_ahead", "window_days", "min_sources"]
    list_editable = ["enabled"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # A rule's code is what the code looks up: change how it behaves, not which rule it is.
        return ["code"] if obj is not None else []

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # switch a rule off instead; a deleted rule would fall back to its defaults


class RetentionSettingForm(forms.ModelForm):
    class Meta:
        model = RetentionSetting
        fields = ["active_days"]
        help_texts = {
            "active_days": _(
                "A signal that led to nothing is hidden after this many days (30 to 3650; "
                "the default is 730, two years). Hidden signals remain in the audit trail."
            )
        }


@admin.register(RetentionSetting)
class RetentionSettingAdmin(AuditedModelAdmin):
    form = RetentionSettingForm
    list_display = ["period"]

    @admin.display(description=_("retention period"))
    def period(self, obj: RetentionSetting) -> str:
        return _("Active for %(days)d days, then hidden") % {"days": obj.active_days}

    def has_add_permission(self, request: HttpRequest) -> bool:
        # One setting for the whole installation.
        if RetentionSetting.objects.exists():
            return False
        return super().has_add_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CoordinationRule)
class CoordinationRuleAdmin(AuditedModelAdmin):
    list_display = ["municipality", "organisation_kind", "may_coordinate"]
    list_filter = ["municipality", "may_coordinate"]
    list_editable = ["may_coordinate"]
    fields = ["municipality", "organisation_kind", "may_coordinate"]
