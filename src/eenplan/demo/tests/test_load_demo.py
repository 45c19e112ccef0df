import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from eenplan.accounts.models import User
from eenplan.areas.models import Neighbourhood
from eenplan.demo.cast import DEMO_ACCOUNTS, DEMO_PASSWORD
from eenplan.demo.generator import allocate, demo_load
from eenplan.demo.scenarios import SCENARIO_HOUSEHOLDS, turning_eighteen_birth_date
from eenplan.households.bsn import decrypt_bsn, is_valid_bsn
from eenplan.households.models import Household, Involvement, Resident, TimelineEvent
from eenplan.households.selectors import households_visible_to
from eenplan.organisations.models import Organisation, OrganisationKind, Role
from eenplan.plans.models import Plan, PlanStatus
from eenplan.privacy.models import AuditEvent

SMALL = 200
OVERVECHT = "WK034403"


@pytest.fixture
def demo(db):
    return demo_load(households=SMALL, seed=7)


def _household(key: str) -> Household:
    return Household.objects.get(uuid=SCENARIO_HOUSEHOLDS[key].uuid)


def test_demo_accounts_have_their_roles(demo, actor_of):
    expected = {
        "regisseur": Role.REGISSEUR,
        "woonconsulent": Role.PARTNER,
        "werkcoach": Role.PARTNER,
        "huisarts": Role.PARTNER,
        "teamleider": Role.TEAMLEIDER,
        "beleid": Role.BELEID,
        "privacy": Role.PRIVACY,
        "beheer": Role.BEHEER,
        "melder": Role.MELDER,
    }
    for username, role in expected.items():
        user = User.objects.get(username=username)
        assert actor_of(user).role == role, username
        assert user.check_password(DEMO_PASSWORD)
    assert set(expected) | {"inwoner"} == set(DEMO_ACCOUNTS)

    regisseur = actor_of(User.objects.get(username="regisseur"))
    assert regisseur.organisation_name == "Gemeente Utrecht"
    assert regisseur.may_process_bsn
    teamleider = actor_of(User.objects.get(username="teamleider"))
    assert teamleider.lead_team_ids == regisseur.team_ids
    assert User.objects.get(username="beheer").is_staff
    assert not User.objects.get(username="regisseur").is_staff
    kinds = {
        "woonconsulent": OrganisationKind.WONINGCORPORATIE,
        "werkcoach": OrganisationKind.PARTICIPATIEBEDRIJF,
        "huisarts": OrganisationKind.HUISARTSENPRAKTIJK,
    }
    for username, kind in kinds.items():
        organisation_id = actor_of(User.objects.get(username=username)).organisation_id
        assert Organisation.objects.get(pk=organisation_id).kind == kind

    inwoner = actor_of(User.objects.get(username="inwoner"))
    assert inwoner.is_resident
    assert inwoner.roles == frozenset()


def test_beheer_opens_the_django_admin_and_others_do_not(demo, client):
    client.force_login(User.objects.get(username="beheer"))
    assert client.get("/beheer/").status_code == 200
    assert client.get("/beheer/organisations/organisation/").status_code == 200

    client.force_login(User.objects.get(username="regisseur"))
    assert client.get("/beheer/").status_code == 302  # to the admin login


def test_every_wijk_has_a_wijkteam_of_the_gemeente(demo):
    gemeente = Organisation.objects.get(name="Gemeente Utrecht")
    wijkteams = gemeente.teams.filter(name__startswith="Wijkteam ")
    assert wijkteams.count() == 10
    overvecht = wijkteams.get(name="Wijkteam Overvecht")
    assert list(overvecht.districts.values_list("code", flat=True)) == [OVERVECHT]
    assert User.objects.filter(memberships__isnull=False).distinct().count() >= 30


def test_the_scenarios_are_in_overvecht_with_the_right_involvements(demo):
    for scenario in SCENARIO_HOUSEHOLDS.values():
        household = Household.objects.get(uuid=scenario.uuid)
        assert household.name == scenario.name
        assert household.neighbourhood.district.code == OVERVECHT

    def kinds(key: str) -> set[str]:
        return set(
            Involvement.objects.filter(household=_household(key)).values_list(
                "organisation__kind", flat=True
            )
        )

    assert kinds("one_plan") == {
        OrganisationKind.GEMEENTE,
        OrganisationKind.WELZIJNSORGANISATIE,
        OrganisationKind.ZORGAANBIEDER,
    }
    assert Involvement.objects.filter(
        household=_household("one_plan"), domains__code="werk-inkomen"
    ).exists()
    # The corporation's signal comes later: it must not be involved yet.
    assert OrganisationKind.JEUGDHULP in kinds("rent_arrears")
    assert OrganisationKind.WONINGCORPORATIE not in kinds("rent_arrears")
    assert kinds("isolated_man") == {
        OrganisationKind.HUISARTSENPRAKTIJK,
        OrganisationKind.POLITIE,
    }
    assert Involvement.objects.filter(
        household=_household("young_jobseeker"), professional__username="werkcoach"
    ).exists()
    assert _household("cost_sharing").members.count() == 3

    regisseur = User.objects.get(username="regisseur")
    for key in ("one_plan", "rent_arrears", "cost_sharing", "turning_eighteen"):
        plan = Plan.objects.get(household=_household(key), status=PlanStatus.ACTIVE)
        assert plan.coordinator_professional == regisseur


def test_the_seventeen_year_old_turns_eighteen_next_month(demo):
    today = timezone.localdate()
    kacper = Resident.objects.get(
        memberships__household=_household("turning_eighteen"), given_names="Kacper"
    )
    eighteenth = kacper.birth_date.replace(year=kacper.birth_date.year + 18)
    assert eighteenth > today
    assert (eighteenth.year, eighteenth.month) == (
        (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    )


def test_turning_eighteen_handles_december():
    assert turning_eighteen_birth_date(dt.date(2026, 12, 31)) == dt.date(2009, 1, 15)
    assert turning_eighteen_birth_date(dt.date(2026, 1, 31)) == dt.date(2008, 2, 15)


def test_inwoner_is_the_woman_of_scenario_one_and_sees_only_her_household(demo, actor_of):
    user = User.objects.get(username="inwoner")
    assert user.resident.given_names == "Naima"
    assert not user.memberships.exists()
    visible = households_visible_to(actor_of(user))
    assert list(visible) == [_household("one_plan")]


def test_regisseur_coordinates_and_sees_a_caseload_in_overvecht(demo, actor_of):
    user = User.objects.get(username="regisseur")
    coordinated = Household.objects.filter(
        plans__status=PlanStatus.ACTIVE, plans__coordinator_professional=user
    )
    assert coordinated.filter(neighbourhood__district__code=OVERVECHT).count() > 0
    visible = households_visible_to(actor_of(user))
    assert set(coordinated) <= set(visible)
    assert visible.count() < Household.objects.count()


def test_woonconsulent_sees_only_what_it_or_its_team_is_involved_with(demo, actor_of):
    user = User.objects.get(username="woonconsulent")
    actor = actor_of(user)
    visible = set(households_visible_to(actor))
    involved = set(
        Household.objects.filter(involvements__until__isnull=True, involvements__professional=user)
    ) | set(
        Household.objects.filter(
            involvements__until__isnull=True, involvements__team_id__in=actor.team_ids
        )
    )
    assert visible == involved
    assert _household("rent_arrears") not in visible
    assert len(visible) < Household.objects.count()


def test_partners_are_involved_with_some_of_regisseurs_households(db):
    demo_load(households=1500, seed=7)
    regisseur = User.objects.get(username="regisseur")
    caseload = Household.objects.filter(
        plans__status=PlanStatus.ACTIVE, plans__coordinator_professional=regisseur
    )
    assert caseload.count() >= 10
    for username in ("werkcoach", "huisarts"):
        assert Involvement.objects.filter(
            professional__username=username, household__in=caseload
        ).exists(), username
    assert Involvement.objects.filter(professional__username="woonconsulent").exists()


def test_second_run_changes_nothing(demo):
    def counts() -> tuple[int, ...]:
        return (
            Household.objects.count(),
            Resident.objects.count(),
            User.objects.count(),
            Organisation.objects.count(),
            Involvement.objects.count(),
            Plan.objects.count(),
            TimelineEvent.objects.count(),
            AuditEvent.objects.count(),
        )

    before = counts()
    out = io.StringIO()
    call_command("load_demo", households=SMALL, stdout=out)

    assert counts() == before
    assert "already loaded" in out.getvalue()


def test_the_command_reports_what_it_loaded(db):
    out = io.StringIO()
    call_command("load_demo", households=50, seed=3, stdout=out)
    assert "57 households" in out.getvalue()  # 50 plus the 7 scenario households
    assert Household.objects.count() == 57


def test_one_audit_event_records_the_load_with_counts(demo):
    events = AuditEvent.objects.filter(action="demo.load")
    assert events.count() == 1
    after = events.get().after
    assert after["households"] == SMALL + len(SCENARIO_HOUSEHOLDS)
    assert after["residents"] == Resident.objects.count()
    assert after["seed"] == 7


def test_residents_have_valid_bsns_and_a_timeline(demo):
    with_bsn = Resident.objects.exclude(bsn_encrypted="")
    assert with_bsn.count() > 0.8 * Resident.objects.count()
    for resident in with_bsn[:50]:
        assert is_valid_bsn(decrypt_bsn(resident.bsn_encrypted))
    kinds = set(
        TimelineEvent.objects.filter(household=_household("one_plan")).values_list(
            "kind", flat=True
        )
    )
    assert {"household.created", "member.added", "involvement.started", "plan.started"} <= kinds
    # Scenario 1's MDO and the plan it made are on the timeline too (see test_scenario_one).
    assert {"meeting.held", "plan.goal_added", "plan.action_added"} <= kinds


def test_same_seed_gives_the_same_households(db):
    def load(seed: int) -> list[tuple[str, str, str]]:
        with transaction.atomic():
            demo_load(households=80, seed=seed)
            rows = list(
                Resident.objects.order_by("id").values_list("search_name", "postcode", "city")
            )
            transaction.set_rollback(True)
        return rows

    first, second, other = load(11), load(11), load(12)
    assert first == second
    assert first != other


def test_households_follow_the_real_inhabitants(demo):
    def generated(**where: str) -> int:
        return (
            Household.objects.filter(**where)
            .exclude(uuid__in=[s.uuid for s in SCENARIO_HOUSEHOLDS.values()])
            .count()
        )

    # Overvecht (34,910 inhabitants) against the Binnenstad (19,630).
    assert generated(neighbourhood__district__code=OVERVECHT) > generated(
        neighbourhood__district__name="Binnenstad"
    )
    largest = Neighbourhood.objects.order_by("-inhabitants").first()
    assert generated(neighbourhood=largest) > generated(neighbourhood__name="Haarrijn")
    assert Household.objects.filter(neighbourhood__isnull=True).count() == 0


def test_allocate_keeps_the_total_and_the_order():
    parts = allocate(1000, [34910, 19630, 45, 0])
    assert sum(parts) == 1000
    assert parts[0] > parts[1] > parts[2] >= parts[3] == 0
    assert allocate(0, [1, 2]) == [0, 0]


def test_the_demo_has_signals_an_overleg_and_a_transition_task(demo):
    """Issue 3 in the demo: the GP's and the wijkagent's worries about scenario 3 wait in the
    Overvecht team's queue, a creditor file came in, this week's overleg is planned, and the son
    turning 18 in youth care has a transition task for the coordinator."""
    from eenplan.signalering.models import Alert, AlertKind, Channel, Signal, SignalMeeting

    verbeek = SCENARIO_HOUSEHOLDS["isolated_man"].uuid
    assert set(
        Signal.objects.filter(household__uuid=verbeek).values_list(
            "source_organisation__kind", flat=True
        )
    ) == {"huisartsenpraktijk", "politie"}
    assert Signal.objects.filter(channel=Channel.FILE).exists()
    # The Yılmaz rent arrears are left for the walkthrough to report.
    assert not Signal.objects.filter(
        household__uuid=SCENARIO_HOUSEHOLDS["rent_arrears"].uuid
    ).exists()
    meeting = SignalMeeting.objects.get()
    assert {u.username for u in meeting.participants.all()} >= {"huisarts", "r.vanwijk"}
    transition = Alert.objects.get(kind=AlertKind.TRANSITION)
    assert transition.about_resident.given_names == "Kacper"


def test_scenario_one_has_two_measurements_that_show_progress(demo):
    from eenplan.assessments.models import Measurement

    naima = SCENARIO_HOUSEHOLDS["one_plan"].uuid
    measurements = Measurement.objects.filter(
        resident__memberships__household__uuid=naima, instrument__code="zrm"
    ).order_by("taken_on")
    first, later = list(measurements)
    assert first.taken_on < later.taken_on
    total = [sum(s.value for s in m.scores.all()) for m in (first, later)]
    assert total[1] > total[0]
