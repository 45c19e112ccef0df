"""Break-the-glass: a written reason, a time limit, an audit row, a log entry, a timeline line."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from eenplan.households.tests.factories import HouseholdFactory
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import professional
from eenplan.privacy.models import AccessLogEntry, AccessPurpose, AuditEvent, BreakTheGlassGrant
from eenplan.privacy.services import break_the_glass_grant

pytestmark = pytest.mark.django_db

REASON = "Buren melden dat de deur al drie dagen dicht blijft."


def test_grant_is_time_limited_audited_logged_and_on_the_timeline(actor_of, settings):
    settings.BREAK_THE_GLASS_HOURS = 2
    user = professional(Role.PARTNER, first_name="Bram", last_name="Kok")
    household = HouseholdFactory(members=2)
    before = timezone.now()
    grant = break_the_glass_grant(actor=actor_of(user), household=household, reason=REASON)
    after = timezone.now()
    assert before + dt.timedelta(hours=2) <= grant.expires_at <= after + dt.timedelta(hours=2)
    assert AuditEvent.objects.get(action="break_the_glass.grant").after["reason"] == REASON
    entry = AccessLogEntry.objects.get()
    assert (entry.purpose, entry.reason) == (AccessPurpose.BREAK_THE_GLASS, REASON)
    assert entry.subjects.count() == 2
    line = household.timeline.get(kind="break_the_glass")
    assert line.data == {"user": "Bram Kok"} and line.actor == user


def test_short_reason_is_refused_and_nothing_is_written(actor_of):
    household = HouseholdFactory()
    with pytest.raises(ValidationError) as info:
        break_the_glass_grant(
            actor=actor_of(professional(Role.PARTNER)), household=household, reason="nood"
        )
    assert "reason" in info.value.message_dict
    assert not BreakTheGlassGrant.objects.exists()
    assert not AccessLogEntry.objects.exists()
    assert not household.timeline.exists()


@pytest.mark.parametrize("role", [Role.BELEID, Role.PRIVACY, Role.BEHEER])
def test_roles_without_case_work_cannot_break_the_glass(actor_of, role):
    with pytest.raises(PermissionDenied):
        break_the_glass_grant(
            actor=actor_of(professional(role)), household=HouseholdFactory(), reason=REASON
        )
