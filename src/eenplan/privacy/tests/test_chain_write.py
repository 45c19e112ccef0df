"""Appending to the access log: linked hashes, subjects, append-only at the model layer."""

import uuid

import pytest

from eenplan.households.selectors import CaseloadQuery, household_caseload, household_detail
from eenplan.households.tests.factories import HouseholdFactory, InvolvementFactory
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import professional
from eenplan.privacy.models import AccessLogEntry, AccessLogHead, AppendOnlyError
from eenplan.privacy.services import access_entry_digest, access_log_record

pytestmark = pytest.mark.django_db


def test_entries_chain_to_each_other_and_to_the_head(actor_of):
    actor = actor_of(professional(Role.REGISSEUR), ip_address="10.1.2.3")
    subject = (uuid.uuid4(), uuid.uuid4())
    first = access_log_record(actor=actor, event="huishouden.inzien", subjects=[subject])
    second = access_log_record(actor=actor, event="huishouden.inzien", subjects=[subject, subject])
    assert second.seq == first.seq + 1
    assert second.prev_hash == first.hash
    assert second.subjects.count() == 1  # the same resident twice is one subject
    head = AccessLogHead.objects.get()
    assert (head.last_seq, head.last_hash) == (second.seq, second.hash)
    assert first.hash == access_entry_digest(first, [subject], first.prev_hash)
    assert first.ip_address == "10.1.2.3"
    assert first.organisation == actor.organisation_name and first.role == Role.REGISSEUR


def test_entry_cannot_be_changed_or_deleted_through_the_model(actor_of):
    entry = access_log_record(
        actor=actor_of(professional()), event="zoeken", subjects=[(uuid.uuid4(), None)]
    )
    entry.reason = "tampered"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_household_page_read_logs_every_member_once_without_content(actor_of):
    user = professional(Role.PARTNER)
    household = InvolvementFactory(
        professional=user, household=HouseholdFactory(members=3)
    ).household
    household_detail(actor=actor_of(user), household_uuid=household.uuid)
    entry = AccessLogEntry.objects.get()
    subjects = set(entry.subjects.values_list("resident_uuid", "household_uuid"))
    expected = {(m.resident.uuid, household.uuid) for m in household.members.all()}
    assert subjects == expected
    stored = " ".join(str(getattr(entry, f.attname)) for f in AccessLogEntry._meta.concrete_fields)
    for member in household.members.select_related("resident"):
        assert member.resident.surname not in stored


def test_caseload_logs_the_residents_on_the_page_only(actor_of):
    user = professional(Role.PARTNER)
    for _ in range(3):
        InvolvementFactory(professional=user, household=HouseholdFactory(members=2))
    page = household_caseload(actor=actor_of(user), query=CaseloadQuery(per_page=2))
    assert len(page.object_list) == 2
    entry = AccessLogEntry.objects.get()
    assert entry.event == "huishoudens.lijst"
    assert entry.subjects.count() == 4


def test_empty_caseload_logs_nothing(actor_of):
    household_caseload(actor=actor_of(professional()), query=CaseloadQuery())
    assert not AccessLogEntry.objects.exists()
