"""My reminders, marking them read, the header badge, and the important-days form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eenplan.households.tests.factories import HouseholdFactory
from eenplan.plans.tests.factories import PlanFactory
from eenplan.privacy.models import AccessEvent, AccessLogEntry, AuditEvent
from eenplan.reminders.models import ImportantDay, Reminder, ReminderKind
from eenplan.reminders.selectors import (
    important_days_for_resident,
    reminders_for,
    unread_reminder_count,
)
from eenplan.reminders.services import important_day_add

LIST = reverse("reminders:list")
READ = reverse("reminders:read")


def days_url(household) -> str:
    return reverse("reminders:important_days", kwargs={"household_uuid": household.uuid})


def reminder(world, recipient, *, key, days_ago=0, read=False):
    day = ImportantDay.objects.create(
        household=world.household,
        resident=world.mother,
        on=timezone.localdate() + dt.timedelta(days=1),
        what=f"zitting bij de rechter ({key})",
        created_by=world.regisseur,
    )
    r = Reminder.objects.create(
        recipient=recipient,
        kind=ReminderKind.IMPORTANT_DAY,
        key=key,
        household=world.household,
        important_day=day,
        link=days_url(world.household),
        due_on=day.on,
        read_at=timezone.now() if read else None,
    )
    Reminder.objects.filter(pk=r.pk).update(created_at=timezone.now() - dt.timedelta(days=days_ago))
    return r


# --- The list ---------------------------------------------------------------------------------------


def test_my_reminders_newest_first_with_what_they_are_about(client, world):
    old = reminder(world, world.regisseur, key="a", days_ago=2)
    new = reminder(world, world.regisseur, key="b", days_ago=0)
    reminder(world, world.partner, key="c")  # someone else's
    client.force_login(world.regisseur)
    before = AccessLogEntry.objects.count()

    response = client.get(LIST)

    assert response.status_code == 200
    assert [row.reminder for row in response.context["rows"]] == [new, old]
    html = response.content.decode()
    assert "Fatima Bakker" in html and "zitting bij de rechter (b)" in html
    assert "(c)" not in html
    # Saying what the reminders are about is a logged read of the household's members.
    assert AccessLogEntry.objects.count() == before + 1
    entry = AccessLogEntry.objects.order_by("-seq").first()
    assert entry.event == AccessEvent.HOUSEHOLD_LIST
    assert {s.resident_uuid for s in entry.subjects.all()} == {world.mother.uuid, world.son.uuid}


def test_a_household_no_longer_mine_stays_in_the_list_without_its_content(client, world):
    reminder(world, world.outsider, key="a")
    client.force_login(world.outsider)

    html = client.get(LIST).content.decode()

    assert "Bakker" not in html and "rechter" not in html
    assert "niet meer" in html  # "a household you no longer work with"


@pytest.mark.parametrize("who", ["resident_user", "beleid"])
def test_residents_and_roles_without_case_work_have_an_empty_list(client, world, who):
    client.force_login(getattr(world, who))
    response = client.get(LIST)
    assert response.status_code == 200
    assert response.context["rows"] == []


# --- Marking read -----------------------------------------------------------------------------------


def test_marking_my_own_reminder_read(client, world):
    mine = reminder(world, world.regisseur, key="a")
    other = reminder(world, world.regisseur, key="b")
    client.force_login(world.regisseur)

    response = client.post(READ, {"reminder": str(mine.uuid)})

    assert response.status_code == 302
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.read_at is not None and other.read_at is None
    assert AuditEvent.objects.filter(action="reminder.read", object_id=str(mine.pk)).exists()


def test_someone_elses_reminder_is_not_found_and_stays_unread(client, world):
    theirs = reminder(world, world.partner, key="a")
    client.force_login(world.regisseur)

    assert client.post(READ, {"reminder": str(theirs.uuid)}).status_code == 404
    assert client.post(READ, {"reminder": "not-a-uuid"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_touches_only_my_own(client, world):
    mine = [reminder(world, world.regisseur, key=k) for k in "ab"]
    theirs = reminder(world, world.partner, key="c")
    client.force_login(world.regisseur)

    client.post(READ)

    assert all(Reminder.objects.get(pk=r.pk).read_at for r in mine)
    assert Reminder.objects.get(pk=theirs.pk).read_at is None


# --- The badge ---------------------------------------------------------------------------------------


def test_unread_count_is_one_query_and_counts_only_my_unread(
    world, actor_of, django_assert_num_queries
):
    reminder(world, world.regisseur, key="a")
    reminder(world, world.regisseur, key="b")
    reminder(world, world.regisseur, key="c", read=True)
    reminder(world, world.partner, key="d")
    actor = actor_of(world.regisseur)

    with django_assert_num_queries(1):
        assert unread_reminder_count(actor=actor) == 2


def test_no_count_query_for_residents(world, actor_of, django_assert_num_queries):
    actor = actor_of(world.resident_user)
    with django_assert_num_queries(0):
        assert unread_reminder_count(actor=actor) == 0


def test_the_header_shows_the_unread_count(client, world):
    reminder(world, world.regisseur, key="a")
    reminder(world, world.regisseur, key="b")
    client.force_login(world.regisseur)

    html = client.get(reverse("households:caseload")).content.decode()

    assert 'data-testid="reminders-count">2<' in html


def test_the_header_count_costs_one_query_on_any_page(client, world):
    reminder(world, world.regisseur, key="a")
    client.force_login(world.regisseur)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("households:caseload"))
    assert 'data-testid="reminders-link"' in response.content.decode()
    reminder_queries = [q for q in queries.captured_queries if "reminders_" in q["sql"]]
    assert len(reminder_queries) == 1


def test_no_reminders_link_for_residents(client, world):
    client.force_login(world.resident_user)
    html = client.get(reverse("portal:home")).content.decode()
    assert "reminders-link" not in html


# --- Important days ----------------------------------------------------------------------------------


def post_day(client, world, **data):
    payload = {
        "resident": str(world.mother.uuid),
        "on": (timezone.localdate() + dt.timedelta(days=5)).isoformat(),
        "what": "sollicitatiegesprek",
    }
    payload.update(data)
    return client.post(days_url(world.household), payload)


def test_an_involved_professional_notes_an_important_day(client, world):
    client.force_login(world.partner)

    # Typed the Dutch way, as everywhere in eenplan.
    on = timezone.localdate() + dt.timedelta(days=5)
    response = post_day(client, world, on=on.strftime("%d-%m-%Y"))

    assert response.status_code == 302
    day = ImportantDay.objects.get()
    assert (day.resident, day.what, day.created_by) == (
        world.mother,
        "sollicitatiegesprek",
        world.partner,
    )
    audit = AuditEvent.objects.get(action="important_day.add")
    assert audit.household_uuid == world.household.uuid
    page = client.get(days_url(world.household)).content.decode()
    assert "sollicitatiegesprek" in page


@pytest.mark.parametrize(
    "data, field, message",
    [
        (
            {"on": "2020-01-01"},
            "on",
            "Deze datum is al voorbij",
        ),
        ({"on": "01-01-2020"}, "on", "Deze datum is al voorbij"),
        ({"on": ""}, "on", "Vul de datum in"),
        ({"on": "morgen"}, "on", "Vul een datum in"),
        ({"what": "   "}, "what", "Schrijf op wat voor dag het is"),
        ({"resident": ""}, "resident", "Kies iemand uit dit huishouden"),
    ],
)
def test_bad_input_is_refused_with_a_dutch_message(client, world, data, field, message):
    client.force_login(world.regisseur)

    response = post_day(client, world, **data)

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert not ImportantDay.objects.exists()
    assert not AuditEvent.objects.filter(action="important_day.add").exists()


def test_a_resident_from_another_household_is_refused(world, actor_of):
    stranger = HouseholdFactory(members=1).members.get().resident

    with pytest.raises(ValidationError) as error:
        important_day_add(
            actor=actor_of(world.regisseur),
            household_uuid=world.household.uuid,
            resident_uuid=stranger.uuid,
            on=timezone.localdate(),
            what="rechtszaak",
        )
    assert "resident" in error.value.message_dict
    assert not ImportantDay.objects.exists()


def test_a_household_i_may_not_see_is_not_found(client, world):
    client.force_login(world.outsider)
    assert client.get(days_url(world.household)).status_code == 404
    assert post_day(client, world).status_code == 404
    assert not ImportantDay.objects.exists()


def test_removing_an_important_day(client, world):
    client.force_login(world.regisseur)
    post_day(client, world)
    day = ImportantDay.objects.get()

    response = client.post(days_url(world.household), {"remove": str(day.uuid)})

    assert response.status_code == 302
    assert not ImportantDay.objects.exists()
    assert AuditEvent.objects.filter(action="important_day.remove").exists()


def test_the_household_page_shows_the_coming_important_days(client, world):
    client.force_login(world.regisseur)
    post_day(client, world, what="eerste werkdag")
    before = AccessLogEntry.objects.count()

    html = client.get(
        reverse("households:detail", kwargs={"household_uuid": world.household.uuid})
    ).content.decode()

    assert "eerste werkdag" in html
    assert days_url(world.household) in html
    assert AccessLogEntry.objects.count() == before + 1  # the household page's own entry only


def test_the_resident_sees_their_own_important_days(world, actor_of):
    today = timezone.localdate()
    for resident, on, what in [
        (world.mother, today + dt.timedelta(days=3), "sollicitatiegesprek"),
        (world.mother, today - dt.timedelta(days=3), "voorbij"),
        (world.son, today + dt.timedelta(days=3), "zwemdiploma"),
    ]:
        ImportantDay.objects.create(
            household=world.household,
            resident=resident,
            on=on,
            what=what,
            created_by=world.regisseur,
        )

    days = important_days_for_resident(actor=actor_of(world.resident_user))

    assert [d.what for d in days] == ["sollicitatiegesprek"]
    assert important_days_for_resident(actor=actor_of(world.regisseur)) == []
    assert reminders_for(actor=actor_of(world.resident_user)) == []


def test_the_list_costs_the_same_queries_for_many_reminders(client, world):
    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured.captured_queries)

    client.force_login(world.regisseur)
    reminder(world, world.regisseur, key="first")
    client.get(LIST)
    few = queries_for_list()
    for n in range(8):
        other = HouseholdFactory(members=2)
        PlanFactory(household=other, coordinator_professional=world.regisseur)
        day = ImportantDay.objects.create(
            household=other,
            resident=other.members.first().resident,
            on=timezone.localdate(),
            what="rechtszaak",
            created_by=world.regisseur,
        )
        Reminder.objects.create(
            recipient=world.regisseur,
            kind=ReminderKind.IMPORTANT_DAY,
            key=f"dag:{n}",
            household=other,
            important_day=day,
            link="/",
            due_on=day.on,
        )

    assert queries_for_list() == few
    assert len(client.get(LIST).context["rows"]) == 9
