"""The resident's own plan (also as PDF), meetings and scores: only their own household, in plain
words, every read logged as 'own file'."""

import datetime as dt
import io
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pypdf import PdfReader

from eenplan.assessments.models import Instrument, Measurement, ScoredBy
from eenplan.assessments.services import ItemScore, measurement_record, professional_key
from eenplan.households.tests.factories import HouseholdFactory, HouseholdMemberFactory
from eenplan.meetings.models import (
    Agreement,
    Meeting,
    MeetingKind,
    MeetingParticipant,
    MeetingStatus,
    PartyKind,
)
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import OrganisationFactory, UserFactory, professional
from eenplan.plans.models import ActionStatus
from eenplan.plans.tests.factories import ActionFactory, GoalFactory, PlanFactory
from eenplan.privacy.models import AccessEvent, AccessLogEntry, AccessPurpose
from eenplan.taxonomy.models import LifeDomain

pytestmark = pytest.mark.django_db

PAGES = ["portal:plan", "portal:plan_pdf", "portal:meetings", "portal:measurements"]


def login(client, user, language="en"):
    client.force_login(user)
    # English through the language cookie, so tests do not depend on compiled catalogues.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language


@pytest.fixture
def family():
    household = HouseholdFactory(name="Huishouden Bouzid", members=0)
    me = HouseholdMemberFactory(
        household=household, resident__given_names="Naima", resident__surname="Bouzid"
    ).resident
    son = HouseholdMemberFactory(
        household=household,
        resident__given_names="Sami",
        resident__surname="Bouzid",
        relation="kind",
    ).resident
    me.user = UserFactory()
    me.save()
    corporation = OrganisationFactory(name="Domstad Wonen", corporation=True)
    coordinator = professional(
        Role.REGISSEUR,
        first_name="Karin",
        last_name="Smit",
        phone="06 11 22 33 44",
        job_title="Wijkteammedewerker",
    )
    plan = PlanFactory(household=household, coordinator_professional=coordinator)
    domains = list(LifeDomain.objects.order_by("position")[:2])
    housing = GoalFactory(
        plan=plan,
        domain=domains[0],
        text="Ik wil een eigen huis voor mij en de kinderen.",
        professional_note="Interne notitie: let op de schuld bij de vorige verhuurder.",
    )
    ActionFactory(
        goal=housing,
        what="De corporatie zoekt een woning.",
        owner_professional=None,
        owner_organisation=corporation,
        due_on=dt.date(2026, 10, 1),
    )
    ActionFactory(
        goal=housing,
        what="Ik schrijf mij in als woningzoekende.",
        owner_professional=None,
        owner_resident=me,
        due_on=dt.date(2026, 12, 1),
    )
    ActionFactory(goal=housing, what="Deze actie is vervallen.", status=ActionStatus.CANCELLED)
    money = GoalFactory(plan=plan, domain=domains[1], text="Ik wil rust over geld.")
    ActionFactory(goal=money, what="Samen de post doorlopen.", owner_professional=coordinator)
    ActionFactory(
        goal=money,
        what="Sami helpt met de boodschappen.",
        owner_professional=None,
        owner_resident=son,
    )
    return {
        "household": household,
        "me": me,
        "son": son,
        "user": me.user,
        "plan": plan,
        "coordinator": coordinator,
        "corporation": corporation,
    }


@pytest.fixture
def stranger():
    """A resident of another household, with a plan of their own."""
    household = HouseholdFactory(members=1)
    resident = household.members.get().resident
    resident.user = UserFactory()
    resident.save()
    plan = PlanFactory(household=household)
    GoalFactory(plan=plan, text="Het doel van iemand anders.")
    return resident.user


# --- Who may open the pages ----------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_goes_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("role", [Role.REGISSEUR, Role.PARTNER, Role.PRIVACY])
def test_professionals_get_404(client, family, name, role):
    client.force_login(professional(role))
    assert client.get(reverse(name)).status_code == 404


def test_the_coordinator_also_gets_404_on_the_portal(client, family):
    client.force_login(family["coordinator"])
    assert client.get(reverse("portal:plan")).status_code == 404


# --- The plan ------------------------------------------------------------------------------------


def test_plan_shows_goals_per_domain_with_my_actions_first(client, family):
    login(client, family["user"])
    response = client.get(reverse("portal:plan"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ik wil een eigen huis voor mij en de kinderen." in html
    assert "Ik wil rust over geld." in html
    assert "De corporatie zoekt een woning." in html and "Domstad Wonen" in html
    assert "Samen de post doorlopen." in html and "Karin Smit" in html
    # Within a goal, the resident's own action comes before the organisation's.
    housing_table = html[html.index("eigen huis") :]
    assert housing_table.index("Ik schrijf mij in") < housing_table.index("De corporatie zoekt")
    # "What I do": only the resident's own open actions, not the son's.
    mine = [a.what for a in response.context["page"].my_actions]
    assert mine == ["Ik schrijf mij in als woningzoekende."]
    assert "Sami helpt met de boodschappen." in html  # the son's action is in the plan itself
    assert "not done yet" in html
    assert "working on it" in html


def test_plan_leaves_out_professional_notes_and_cancelled_actions(client, family):
    login(client, family["user"])
    html = client.get(reverse("portal:plan")).content.decode()
    assert "Interne notitie" not in html
    assert "Deze actie is vervallen." not in html


def test_plan_links_to_the_pdf(client, family):
    login(client, family["user"])
    html = client.get(reverse("portal:plan")).content.decode()
    assert reverse("portal:plan_pdf") in html


def test_plan_read_is_logged_as_own_file(client, family):
    login(client, family["user"])
    client.get(reverse("portal:plan"))
    entry = AccessLogEntry.objects.order_by("-seq").first()
    assert entry.user_id == family["user"].pk
    assert entry.purpose == AccessPurpose.OWN_FILE
    assert entry.event == AccessEvent.HOUSEHOLD_VIEW
    assert set(entry.subjects.values_list("resident_uuid", flat=True)) == {
        family["me"].uuid,
        family["son"].uuid,
    }


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_plan_page_queries_do_not_grow_with_the_plan(client, family):
    login(client, family["user"])
    few = count_queries(client, reverse("portal:plan"))
    for n in range(10):
        goal = GoalFactory(
            plan=family["plan"], domain=LifeDomain.objects.order_by("-position")[n % 3]
        )
        ActionFactory(goal=goal, owner_professional=None, owner_resident=family["me"])
        ActionFactory(goal=goal, owner_professional=None, owner_organisation=family["corporation"])
        ActionFactory(goal=goal)
    assert count_queries(client, reverse("portal:plan")) == few


def test_another_households_plan_is_never_shown(client, family, stranger):
    login(client, stranger)
    html = client.get(reverse("portal:plan")).content.decode()
    assert "Het doel van iemand anders." in html
    assert "eigen huis" not in html
    login(client, family["user"])
    assert "Het doel van iemand anders." not in client.get(reverse("portal:plan")).content.decode()


def test_resident_without_plan_sees_an_explanation(client):
    household = HouseholdFactory(members=1)
    resident = household.members.get().resident
    resident.user = UserFactory()
    resident.save()
    login(client, resident.user)
    response = client.get(reverse("portal:plan"))
    assert response.status_code == 200
    assert response.context["page"].plan is None
    assert 'data-testid="no-plan"' in response.content.decode()
    assert client.get(reverse("portal:plan_pdf")).status_code == 404


# --- The plan as PDF -----------------------------------------------------------------------------


def test_resident_downloads_own_plan_as_pdf(client, family):
    login(client, family["user"], language="nl")
    response = client.get(reverse("portal:plan_pdf"))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and ".pdf" in disposition
    assert "Bouzid" not in disposition and "Naima" not in disposition
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Ik wil een eigen huis voor mij en de kinderen." in text
    assert "Ik schrijf mij in als woningzoekende." in text
    assert "De corporatie zoekt een woning." in text
    assert "Interne notitie" not in text
    # The footer, in Dutch: the household, the date and the page numbers.
    assert "Huishouden Bouzid ·" in text
    assert f"Pagina 1 van {len(reader.pages)}" in text
    entry = AccessLogEntry.objects.order_by("-seq").first()
    assert (entry.user_id, entry.purpose) == (family["user"].pk, AccessPurpose.OWN_FILE)


# --- Meetings ------------------------------------------------------------------------------------


def make_meeting(household, *, days, status=MeetingStatus.PLANNED, **kwargs):
    starts = timezone.now() + dt.timedelta(days=days)
    return Meeting.objects.create(
        household=household,
        kind=kwargs.pop("kind", MeetingKind.MDO),
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        place=kwargs.pop("place", "Wijkcentrum De Leeuw"),
        status=status,
        created_by=kwargs.pop("created_by", None) or professional(),
        **kwargs,
    )


def test_meetings_show_upcoming_with_who_comes_and_held_with_summary(client, family):
    upcoming = make_meeting(family["household"], days=5, place="Wijkcentrum De Leeuw")
    MeetingParticipant.objects.create(
        meeting=upcoming,
        party=PartyKind.ORGANISATION,
        organisation=family["corporation"],
        professional=family["coordinator"],
    )
    MeetingParticipant.objects.create(
        meeting=upcoming, party=PartyKind.RESIDENT, resident=family["me"]
    )
    held = make_meeting(
        family["household"],
        days=-20,
        status=MeetingStatus.HELD,
        resident_present=True,
        summary="We hebben samen een plan gemaakt. U zoekt een huis.",
    )
    action = ActionFactory(
        goal=family["plan"].goals.first(),
        what="Naima belt de corporatie.",
        owner_professional=None,
        owner_resident=family["me"],
    )
    Agreement.objects.create(meeting=held, action=action)
    make_meeting(
        family["household"], days=3, status=MeetingStatus.CANCELLED, place="Geannuleerde plek"
    )
    login(client, family["user"])
    response = client.get(reverse("portal:meetings"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wijkcentrum De Leeuw" in html
    assert "Domstad Wonen" in html and "Wijkteammedewerker" in html
    assert "06 11 22 33 44" not in html  # no private phone numbers
    assert escape("We hebben samen een plan gemaakt. U zoekt een huis.") in html
    assert "Naima belt de corporatie." in html and "you do this" in html
    assert "Geannuleerde plek" not in html
    assert [m.pk for m in response.context["page"].upcoming] == [upcoming.pk]
    assert [m.pk for m in response.context["page"].held] == [held.pk]
    entry = AccessLogEntry.objects.order_by("-seq").first()
    assert (entry.user_id, entry.purpose) == (family["user"].pk, AccessPurpose.OWN_FILE)


def test_meetings_page_queries_do_not_grow_with_the_meetings(client, family):
    login(client, family["user"])
    first = make_meeting(family["household"], days=1)
    MeetingParticipant.objects.create(
        meeting=first,
        party=PartyKind.ORGANISATION,
        organisation=family["corporation"],
        professional=family["coordinator"],
    )
    few = count_queries(client, reverse("portal:meetings"))
    for days in range(2, 12):
        meeting = make_meeting(
            family["household"],
            days=days if days % 2 else -days,
            status=MeetingStatus.PLANNED if days % 2 else MeetingStatus.HELD,
        )
        MeetingParticipant.objects.create(
            meeting=meeting,
            party=PartyKind.ORGANISATION,
            organisation=OrganisationFactory(),
            professional=professional(job_title="Werkcoach" if days % 3 else ""),
        )
        Agreement.objects.create(
            meeting=meeting, action=ActionFactory(goal=family["plan"].goals.first())
        )
    assert count_queries(client, reverse("portal:meetings")) == few


def test_another_households_meetings_are_not_shown(client, family, stranger):
    make_meeting(family["household"], days=2, place="Wijkcentrum De Leeuw")
    login(client, stranger)
    response = client.get(reverse("portal:meetings"))
    assert response.status_code == 200
    assert "Wijkcentrum De Leeuw" not in response.content.decode()


# --- Measurements --------------------------------------------------------------------------------


def health():
    return Instrument.objects.get(code="positieve-gezondheid")


def test_scores_over_time_with_chart_and_table(client, family, actor_of):
    instrument = health()
    items = list(instrument.items.all())
    actor = actor_of(family["user"])
    for days, value in ((90, 3), (0, 7)):
        measurement_record(
            actor=actor,
            resident=family["me"],
            instrument=instrument,
            taken_on=timezone.localdate() - dt.timedelta(days=days),
            scores={item.code: value for item in items},
        )
    login(client, family["user"])
    response = client.get(reverse("portal:measurements"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") == len(items)
    assert 'data-value="3"' in html and 'data-value="7"' in html
    assert reverse("portal:measurement_fill", args=["positieve-gezondheid"]) in html
    entry = AccessLogEntry.objects.order_by("-seq").first()
    assert entry.event == AccessEvent.MEASUREMENTS_VIEW
    assert entry.purpose == AccessPurpose.OWN_FILE


def test_another_residents_scores_are_not_shown(client, family, stranger, actor_of):
    instrument = health()
    measurement_record(
        actor=actor_of(family["user"]),
        resident=family["me"],
        instrument=instrument,
        taken_on=timezone.localdate(),
        scores={item.code: 9 for item in instrument.items.all()},
    )
    login(client, stranger)
    response = client.get(reverse("portal:measurements"))
    assert response.context["page"].instruments == []
    assert 'data-value="9"' not in response.content.decode()


def test_scores_page_does_not_show_notes(client, family, actor_of):
    zrm = Instrument.objects.get(code="zrm")
    measurement_record(
        actor=actor_of(family["coordinator"]),
        resident=family["me"],
        instrument=zrm,
        taken_on=timezone.localdate(),
        scores={item.code: 2 for item in zrm.items.all()},
        note="Notitie van de professional.",
    )
    login(client, family["user"])
    html = client.get(reverse("portal:measurements")).content.decode()
    assert 'data-value="2"' in html
    assert "Notitie van de professional." not in html


def fill(client, data, code="positieve-gezondheid"):
    return client.post(reverse("portal:measurement_fill", args=[code]), data)


def test_resident_fills_in_their_own_scores(client, family):
    instrument = health()
    login(client, family["user"])
    assert client.get(reverse("portal:measurement_fill", args=[instrument.code])).status_code == 200
    data = {item.code: 6 for item in instrument.items.all()}
    data["note"] = "Het gaat beter sinds ik een huis heb."
    response = fill(client, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:measurements")
    measurement = Measurement.objects.get()
    assert measurement.resident == family["me"]
    assert measurement.recorded_by == family["user"]
    assert measurement.scored_by == ScoredBy.RESIDENT
    assert measurement.taken_on == timezone.localdate()
    assert (
        list(measurement.scores.values_list("value", flat=True)) == [6] * instrument.items.count()
    )


def test_out_of_range_score_is_refused_in_dutch_and_nothing_is_saved(client, family):
    instrument = health()
    login(client, family["user"], language="nl")
    data = {item.code: 5 for item in instrument.items.all()}
    first = instrument.items.first()
    data[first.code] = 11
    response = fill(client, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Bij ‘{first.name_for_resident}’ kan 11 niet. Vul een cijfer van 0 tot 10 in." in html
    assert Measurement.objects.count() == 0


def test_missing_score_is_refused_in_dutch_and_nothing_is_saved(client, family):
    instrument = health()
    login(client, family["user"], language="nl")
    items = list(instrument.items.all())
    data = {item.code: 5 for item in items[1:]}
    response = fill(client, data)
    assert response.status_code == 200
    assert (
        f"Vul bij ‘{items[0].name_for_resident}’ een cijfer van 0 tot 10 in."
        in response.content.decode()
    )
    assert Measurement.objects.count() == 0


@pytest.mark.parametrize("code", ["zrm", "participatieladder", "bestaat-niet"])
def test_instruments_a_resident_does_not_score_are_404(client, family, code):
    login(client, family["user"])
    assert client.get(reverse("portal:measurement_fill", args=[code])).status_code == 404
    assert fill(client, {}, code=code).status_code == 404
    assert Measurement.objects.count() == 0


def test_resident_fills_in_their_own_part_of_what_matters(client, family):
    matters = Instrument.objects.get(code="wat-is-belangrijk")
    login(client, family["user"], language="nl")
    page = client.get(reverse("portal:measurement_fill", args=[matters.code]))
    assert page.status_code == 200
    # No field for the professional's view.
    assert professional_key("wonen") not in page.content.decode()
    data = {item.code: 7 for item in matters.items.all()}
    data[professional_key("wonen")] = 2  # ignored: not a field of this form
    assert fill(client, data, code=matters.code).status_code == 302
    measurement = Measurement.objects.get()
    assert measurement.scored_by == ScoredBy.RESIDENT
    assert set(measurement.scores.values_list("professional_value", flat=True)) == {None}


def test_professional_may_not_use_the_resident_form(client, family):
    client.force_login(family["coordinator"])
    assert fill(client, {"lichaamsfuncties": 5}).status_code == 404


def test_both_scored_instrument_shows_the_professionals_view_next_to_mine(client, family, actor_of):
    matters = Instrument.objects.get(code="wat-is-belangrijk")
    scores = {
        item.code: ItemScore(value=8) if item.resident_only else ItemScore(value=8, professional=4)
        for item in matters.items.all()
    }
    measurement_record(
        actor=actor_of(family["coordinator"]),
        resident=family["me"],
        instrument=matters,
        taken_on=timezone.localdate(),
        scores=scores,
    )
    login(client, family["user"])
    html = client.get(reverse("portal:measurements")).content.decode()
    assert "you 8, professional 4" in html


def words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_my_own_part_of_what_matters_reads_as_not_filled_in_yet(client, family, actor_of):
    matters = Instrument.objects.get(code="wat-is-belangrijk")
    measurement_record(
        actor=actor_of(family["user"]),
        resident=family["me"],
        instrument=matters,
        taken_on=timezone.localdate(),
        scores={item.code: 6 for item in matters.items.all()},
    )
    login(client, family["user"])
    html = client.get(reverse("portal:measurements")).content.decode()
    assert "None" not in html
    assert "you 6, professional: not filled in yet" in html
    life = re.search(r"Uw leven als geheel</th>(.*?)</tr>", html, flags=re.S).group(1)
    assert "you 6" in life and "professional" not in life
    # No square for the professional's score nobody gave.
    assert "<rect" not in html


def test_resident_pages_use_the_plain_names(client, family, actor_of):
    zrm = Instrument.objects.get(code="zrm")
    measurement_record(
        actor=actor_of(family["coordinator"]),
        resident=family["me"],
        instrument=zrm,
        taken_on=timezone.localdate(),
        scores={item.code: 3 for item in zrm.items.all()},
    )
    login(client, family["user"])
    html = client.get(reverse("portal:measurements")).content.decode()
    for jargon in ("Basale ADL", "Instrumentele ADL", "Middelengebruik", "Justitie", "Trede"):
        assert jargon not in html
    assert "Uzelf verzorgen" in html and "Politie en rechter" in html
    assert "Hoe goed u zich redt" in html
    assert "Zelfredzaamheid-Matrix" not in html


def test_the_fill_in_form_speaks_to_the_resident(client, family):
    login(client, family["user"], language="nl")
    html = client.get(
        reverse("portal:measurement_fill", args=["wat-is-belangrijk"])
    ).content.decode()
    assert "De inwoner geeft zelf" not in html
    assert "hoe ziet de professional het" not in html and "Twee losse cijfers" not in html
    assert "Hoe tevreden bent u over elk deel van uw leven?" in html
    assert "Welk cijfer geeft u uw leven nu?" in html
    assert "Welk cijfer geeft de inwoner" not in html
    # Optional is said once.
    assert "Dit mag leeg blijven" not in html
    assert 'Wilt u nog iets zeggen? <span class="eenplan-optional">(niet verplicht)</span>' in html
    health = client.get(
        reverse("portal:measurement_fill", args=["positieve-gezondheid"])
    ).content.decode()
    assert "De inwoner geeft zelf" not in health
    assert "Uw lichaam" in health


def test_the_fill_in_form_reports_every_problem_in_one_round(client, family):
    instrument = health()
    login(client, family["user"], language="nl")
    items = list(instrument.items.all())
    data = {item.code: 5 for item in items}
    data[items[0].code] = "abc"
    data[items[1].code] = "11"
    html = fill(client, data).content.decode()
    first, second = items[0].name_for_resident, items[1].name_for_resident
    assert f"Vul bij ‘{first}’ een cijfer van 0 tot 10 in." in html
    assert f"Bij ‘{second}’ kan 11 niet. Vul een cijfer van 0 tot 10 in." in html
    summary = html.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    assert f'href="#id_{items[0].code}"' in summary and f'href="#id_{items[1].code}"' in summary
    for item in items[:2]:
        assert re.search(rf'<input[^>]*name="{item.code}"[^>]*aria-invalid="true"', html)
    assert Measurement.objects.count() == 0


def test_held_meetings_say_who_was_there(client, family):
    for days, status in ((4, MeetingStatus.PLANNED), (-4, MeetingStatus.HELD)):
        meeting = make_meeting(family["household"], days=days, status=status)
        MeetingParticipant.objects.create(
            meeting=meeting, party=PartyKind.RESIDENT, resident=family["me"]
        )
    login(client, family["user"])
    html = client.get(reverse("portal:meetings")).content.decode()
    upcoming, held = html.split('id="held-heading"', 1)
    assert "Who is there:" in upcoming and "Who was there:" not in upcoming
    assert "Who was there:" in held and "Who is there:" not in held


def test_reading_my_scores_is_logged_about_me_only(client, family, actor_of):
    login(client, family["user"])
    client.get(reverse("portal:measurements"))
    entry = AccessLogEntry.objects.order_by("-seq").first()
    assert entry.event == AccessEvent.MEASUREMENTS_VIEW
    assert list(entry.subjects.values_list("resident_uuid", flat=True)) == [family["me"].uuid]


def test_a_housemates_scores_are_not_on_my_page(client, family, actor_of):
    zrm = Instrument.objects.get(code="zrm")
    measurement_record(
        actor=actor_of(family["coordinator"]),
        resident=family["son"],
        instrument=zrm,
        taken_on=timezone.localdate(),
        scores={item.code: 4 for item in zrm.items.all()},
    )
    login(client, family["user"])
    response = client.get(reverse("portal:measurements"))
    assert response.context["page"].instruments == []
    assert 'data-value="4"' not in response.content.decode()


# --- A closed plan --------------------------------------------------------------------------------


def close(family, actor_of):
    from eenplan.plans.services import plan_close

    plan_close(
        actor=actor_of(family["coordinator"]),
        plan=family["plan"],
        reason="De woning is er, de schulden zijn geregeld.",
        follow_up_instrument=Instrument.objects.get(code="zrm"),
    )
    family["plan"].refresh_from_db()


def test_a_closed_plan_can_be_read_with_my_own_outcome_in_plain_words(client, family, actor_of):
    from eenplan.plans.models import GoalStatus

    coordinator = actor_of(family["coordinator"])
    zrm = Instrument.objects.get(code="zrm")
    for days, mine, son in ((60, 1, 2), (5, 3, 2)):
        for resident, value in ((family["me"], mine), (family["son"], son)):
            measurement_record(
                actor=coordinator,
                resident=resident,
                instrument=zrm,
                taken_on=timezone.localdate() - dt.timedelta(days=days),
                scores={item.code: value for item in zrm.items.all()},
            )
    family["plan"].goals.filter(text__startswith="Ik wil rust").update(status=GoalStatus.REACHED)
    close(family, actor_of)
    login(client, family["user"])
    response = client.get(reverse("portal:plan"))
    assert response.status_code == 200
    html = words(response.content.decode())
    assert "You do not have a plan yet." not in html
    assert "Your plan was closed on" in html
    assert "Ik wil een eigen huis voor mij en de kinderen." in html
    assert "Ik wil rust over geld." in html and "reached" in html
    assert "working on it" not in html and "not finished" in html  # the open housing goal
    assert "Uw huis went from 1 to 3. That is better." in html
    assert "Uzelf verzorgen went from 1 to 3. That is better." in html
    # The son's outcome (2 to 2) is his own.
    assert "stayed at 2" not in html
    assert "De woning is er" in html  # the closing reason, labelled
    assert "What the professional wrote when closing your plan" in html
    # No "What I do" for a plan that is over.
    assert 'data-testid="my-actions"' not in response.content.decode()
    assert "Karin Smit" in html  # whom to call now: the follow-up is still open


def test_a_closed_plan_downloads_as_pdf_with_every_goal(client, family, actor_of):
    from eenplan.plans.models import GoalStatus

    family["plan"].goals.update(status=GoalStatus.REACHED)
    close(family, actor_of)
    login(client, family["user"], language="nl")
    response = client.get(reverse("portal:plan_pdf"))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Ik wil een eigen huis voor mij en de kinderen." in text
    assert "Ik wil rust over geld." in text
