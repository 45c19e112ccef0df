"""The functional admin's rules for signals: only for the beheer role, every edit audited, and a
value that makes no sense is a clear error."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from eenplan.areas.tests.factories import MunicipalityFactory
from eenplan.organisations.models import CoordinationRule, OrganisationKind, Role
from eenplan.organisations.tests.factories import professional
from eenplan.privacy.models import AuditEvent
from eenplan.signalering.models import (
    AlertRule,
    AlertRuleCode,
    RetentionSetting,
    Signal,
    SignalType,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(client):  # type: ignore[no-untyped-def]
    user = professional(Role.BEHEER, is_staff=True)
    client.force_login(user)
    return user


def change_url(obj) -> str:  # type: ignore[no-untyped-def]
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def errors_of(response) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, "expected the form back with errors"
    return response.context["adminform"].form.errors


def signal_type_data(signal_type: SignalType, **overrides) -> dict:  # type: ignore[no-untyped-def]
    data = {
        "code": signal_type.code,
        "name": signal_type.name,
        "description": signal_type.description,
        "category": signal_type.category,
        "domains": list(signal_type.domains.values_list("pk", flat=True)),
        "asks_arrears": "on" if signal_type.asks_arrears else "",
        "first_contact_days": signal_type.first_contact_days,
        "urgent_first_contact_working_days": signal_type.urgent_first_contact_working_days,
        "active": "on",
        "position": signal_type.position,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v != ""}


def test_all_four_are_in_the_admin_for_the_beheer_role_only(client, beheerder):
    index = client.get(reverse("admin:index")).content.decode()
    for model in (SignalType, AlertRule, RetentionSetting, CoordinationRule):
        assert admin.site.is_registered(model)
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert url in index
        assert client.get(url).status_code == 200
    for obj in (
        SignalType.objects.first(),
        AlertRule.objects.first(),
        RetentionSetting.objects.get(),
    ):
        assert client.get(change_url(obj)).status_code == 200
    assert not admin.site.is_registered(Signal)


def test_a_regisseur_with_staff_flag_is_not_let_in(client):
    client.force_login(professional(Role.REGISSEUR, is_staff=True))
    response = client.get(reverse("admin:signalering_alertrule_changelist"))
    assert response.status_code == 302


class TestSignalTypes:
    def test_shorter_deadline_is_audited(self, client, beheerder):
        rent = SignalType.objects.get(code="huurachterstand")
        response = client.post(change_url(rent), signal_type_data(rent, first_contact_days=21))
        assert response.status_code == 302, response.content.decode()[:3000]
        rent.refresh_from_db()
        assert rent.first_contact_days == 21
        event = AuditEvent.objects.get(action="admin.change", object_type="signalering.signaltype")
        assert event.before["first_contact_days"] == 28
        assert event.after["first_contact_days"] == 21
        assert event.actor_id == beheerder.pk

    def test_urgent_deadline_not_shorter_than_normal_is_an_error(self, client, beheerder):
        rent = SignalType.objects.get(code="huurachterstand")
        response = client.post(
            change_url(rent),
            signal_type_data(rent, first_contact_days=5, urgent_first_contact_working_days=5),
        )
        assert "urgent_first_contact_working_days" in errors_of(response)
        rent.refresh_from_db()
        assert rent.first_contact_days == 28
        assert not AuditEvent.objects.exists()

    def test_out_of_range_and_arrears_question_on_nuisance_are_errors(self, client, beheerder):
        nuisance = SignalType.objects.get(code="overlast")
        response = client.post(
            change_url(nuisance),
            signal_type_data(nuisance, asks_arrears="on", first_contact_days=0),
        )
        errors = errors_of(response)
        assert {"asks_arrears", "first_contact_days"} <= set(errors)


class TestAlertRules:
    def test_tuning_a_rule_is_audited(self, client, beheerder):
        rule = AlertRule.objects.get(code=AlertRuleCode.SEVERAL_SOURCES)
        response = client.post(
            change_url(rule),
            {"enabled": "on", "months_ahead": 3, "window_days": 60, "min_sources": 3},
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        rule.refresh_from_db()
        assert (rule.window_days, rule.min_sources) == (60, 3)
        event = AuditEvent.objects.get(object_type="signalering.alertrule")
        assert event.before["window_days"] == 90 and event.after["window_days"] == 60

    def test_switching_off_is_audited(self, client, beheerder):
        rule = AlertRule.objects.get(code=AlertRuleCode.TURNING_EIGHTEEN)
        response = client.post(
            change_url(rule), {"months_ahead": 3, "window_days": 90, "min_sources": 2}
        )
        assert response.status_code == 302
        rule.refresh_from_db()
        assert rule.enabled is False
        assert AuditEvent.objects.get(object_type="signalering.alertrule").after["enabled"] is False

    def test_bad_values_are_clear_errors(self, client, beheerder):
        rule = AlertRule.objects.get(code=AlertRuleCode.ARREARS_WITH_CARE)
        response = client.post(
            change_url(rule),
            {"enabled": "on", "months_ahead": 0, "window_days": 5000, "min_sources": 1},
        )
        errors = errors_of(response)
        assert {"months_ahead", "window_days", "min_sources", "care_kinds"} <= set(errors)

    def test_care_kinds_are_chosen_from_the_organisation_kinds(self, client, beheerder):
        rule = AlertRule.objects.get(code=AlertRuleCode.ARREARS_WITH_CARE)
        data = {"enabled": "on", "months_ahead": 3, "window_days": 90, "min_sources": 2}
        response = client.post(change_url(rule), {**data, "care_kinds": ["toverschool"]})
        assert "care_kinds" in errors_of(response)
        response = client.post(
            change_url(rule), {**data, "care_kinds": [OrganisationKind.JEUGDHULP]}
        )
        assert response.status_code == 302
        rule.refresh_from_db()
        assert rule.care_kinds == [OrganisationKind.JEUGDHULP]

    def test_rules_are_switched_off_not_deleted(self, client, beheerder):
        rule = AlertRule.objects.first()
        url = reverse("admin:signalering_alertrule_delete", args=[rule.pk])
        assert client.post(url, {"post": "yes"}).status_code == 403
        assert AlertRule.objects.filter(pk=rule.pk).exists()


class TestRetention:
    def test_changing_the_period_is_audited(self, client, beheerder):
        setting = RetentionSetting.objects.get()
        response = client.post(change_url(setting), {"active_days": 365})
        assert response.status_code == 302
        setting.refresh_from_db()
        assert setting.active_days == 365
        event = AuditEvent.objects.get(object_type="signalering.retentionsetting")
        assert (event.before["active_days"], event.after["active_days"]) == (730, 365)

    def test_too_short_a_period_is_an_error(self, client, beheerder):
        setting = RetentionSetting.objects.get()
        assert "active_days" in errors_of(client.post(change_url(setting), {"active_days": 7}))

    def test_one_setting_only(self, client, beheerder):
        assert client.get(reverse("admin:signalering_retentionsetting_add")).status_code == 403


class TestCoordinationRules:
    def test_adding_a_rule_is_audited_and_a_duplicate_is_an_error(self, client, beheerder):
        utrecht = MunicipalityFactory()
        data = {
            "municipality": utrecht.pk,
            "organisation_kind": OrganisationKind.ONDERWIJS,
            "may_coordinate": "",
        }
        response = client.post(reverse("admin:organisations_coordinationrule_add"), data)
        assert response.status_code == 302, response.content.decode()[:3000]
        rule = CoordinationRule.objects.get()
        assert rule.may_coordinate is False
        event = AuditEvent.objects.get(object_type="organisations.coordinationrule")
        assert event.action == "admin.add"
        assert event.after["organisation_kind"] == OrganisationKind.ONDERWIJS
        again = client.post(reverse("admin:organisations_coordinationrule_add"), data)
        assert errors_of(again)
        assert CoordinationRule.objects.count() == 1
