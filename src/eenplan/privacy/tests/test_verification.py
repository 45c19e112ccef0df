"""The access log's chain check finds every kind of tampering, on SQLite and on PostgreSQL."""

import uuid
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from eenplan.organisations.tests.factories import professional
from eenplan.privacy.models import AccessEvent, AccessLogEntry, AccessLogHead, AccessLogSubject
from eenplan.privacy.services import access_entry_digest, access_log_record
from eenplan.privacy.verification import (
    PROBLEM_APPENDED,
    PROBLEM_DIGEST,
    PROBLEM_GAP,
    PROBLEM_LINK,
    PROBLEM_TRUNCATED,
    verify_access_log,
)

pytestmark = pytest.mark.django_db

TABLES = ("privacy_accesslogentry", "privacy_accesslogsubject")


@contextmanager
def tampering():
    """Switch off PostgreSQL's append-only triggers for the duration (the test's transaction
    rolls the switch back anyway); SQLite has none."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        # ALTER TABLE refuses while deferred foreign-key checks are pending.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table in TABLES:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {table}_append_only")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table in TABLES:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {table}_append_only")


@pytest.fixture
def chain(actor_of):
    actor = actor_of(professional())
    entries = [
        access_log_record(
            actor=actor,
            event=AccessEvent.HOUSEHOLD_VIEW,
            subjects=[(uuid.uuid4(), uuid.uuid4()), (uuid.uuid4(), None)],
        )
        for _ in range(5)
    ]
    return entries


def problem_seqs(result):
    return {p.seq for p in result.problems}


def test_clean_chain_passes(chain, capsys):
    result = verify_access_log(batch_size=2)
    assert result.ok
    assert result.checked == 5
    call_command("verify_access_log")
    assert "OK: 5 entries" in capsys.readouterr().out


def test_empty_log_passes():
    assert verify_access_log().ok


def test_changed_field_is_found(chain):
    with tampering():
        AccessLogEntry.objects.filter(seq=chain[2].seq).update(reason="nothing to see")
    result = verify_access_log(batch_size=2)
    assert problem_seqs(result) == {chain[2].seq}
    assert [p.kind for p in result.problems] == [PROBLEM_DIGEST]


def test_changed_subject_is_found(chain):
    subject = AccessLogSubject.objects.filter(entry_id=chain[1].seq).first()
    with tampering():
        AccessLogSubject.objects.filter(pk=subject.pk).update(resident_uuid=uuid.uuid4())
    assert problem_seqs(verify_access_log()) == {chain[1].seq}


def test_removed_subject_is_found(chain):
    with tampering():
        AccessLogSubject.objects.filter(entry_id=chain[3].seq).first().delete()
    assert problem_seqs(verify_access_log()) == {chain[3].seq}


def test_deleted_middle_row_is_found(chain):
    with tampering():
        AccessLogSubject.objects.filter(entry_id=chain[2].seq).delete()
        AccessLogEntry.objects.filter(seq=chain[2].seq)._raw_delete(connection.alias)
    result = verify_access_log(batch_size=2)
    assert problem_seqs(result) == {chain[3].seq}
    assert {p.kind for p in result.problems} == {PROBLEM_GAP, PROBLEM_LINK}


def test_deleted_last_row_is_found(chain):
    with tampering():
        AccessLogSubject.objects.filter(entry_id=chain[4].seq).delete()
        AccessLogEntry.objects.filter(seq=chain[4].seq)._raw_delete(connection.alias)
    result = verify_access_log()
    assert not result.ok
    assert result.checked == 4
    assert [p.kind for p in result.problems] == [PROBLEM_TRUNCATED]


def test_inserted_forged_row_is_found_even_with_a_valid_hash(chain):
    """A row that chains correctly to the last one but was not written by eenplan: the head
    still points at the real last entry."""
    last = chain[-1]
    forged = AccessLogEntry(
        seq=last.seq + 1,
        at=last.at,
        user_id=last.user_id,
        username="forger",
        event=AccessEvent.HOUSEHOLD_VIEW,
        channel="web",
        purpose="normaal",
        prev_hash=last.hash,
    )
    forged.hash = access_entry_digest(forged, [], last.hash)
    forged.save(force_insert=True)
    result = verify_access_log()
    assert not result.ok
    assert [p.kind for p in result.problems] == [PROBLEM_APPENDED]


def test_forged_row_inside_the_chain_is_found(chain):
    """Replace an entry wholesale with one whose hash is self-consistent: the next entry's link
    breaks."""
    target = chain[1]
    with tampering():
        AccessLogSubject.objects.filter(entry_id=target.seq).delete()
        AccessLogEntry.objects.filter(seq=target.seq)._raw_delete(connection.alias)
        forged = AccessLogEntry(
            seq=target.seq,
            at=target.at,
            user_id=target.user_id,
            username="forger",
            event=AccessEvent.HOUSEHOLD_VIEW,
            channel="web",
            purpose="normaal",
            prev_hash=target.prev_hash,
        )
        forged.hash = access_entry_digest(forged, [], target.prev_hash)
        forged.save(force_insert=True)
    assert problem_seqs(verify_access_log()) == {chain[2].seq}


def test_command_exits_with_1_and_names_the_seq(chain, capsys):
    with tampering():
        AccessLogEntry.objects.filter(seq=chain[0].seq).update(username="someone-else")
    with pytest.raises(CommandError) as excinfo:
        call_command("verify_access_log")
    assert excinfo.value.returncode == 1
    assert f"seq {chain[0].seq}:" in capsys.readouterr().err


def test_missing_head_is_found(chain):
    AccessLogHead.objects.all().delete()
    assert not verify_access_log().ok


@pytest.mark.skipif(connection.vendor != "postgresql", reason="triggers exist on PostgreSQL only")
def test_postgresql_refuses_update_and_delete(chain):
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogEntry.objects.filter(seq=chain[0].seq).update(reason="changed")
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogSubject.objects.filter(entry_id=chain[0].seq).delete()
