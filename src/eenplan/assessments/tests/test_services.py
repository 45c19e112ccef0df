"""Recording a measurement: every score checked against the scale, nothing half-saved, audited."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from eenplan.assessments.models import Instrument, Measurement, Score
from eenplan.assessments.services import ItemScore, measurement_record, professional_key
from eenplan.assessments.tests.factories import all_scores, record
from eenplan.households.tests.factories import HouseholdFactory
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import UserFactory, professional
from eenplan.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 2)


def errors_of(excinfo) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return excinfo.value.message_dict


def test_records_every_score_and_audits_it(case):
    household, resident, user, actor = case
    measurement = record(actor, resident, "zrm", DAY, 3, financien=ItemScore(value=1))
    assert measurement.household == household
    assert measurement.recorded_by == user
    scores = dict(measurement.scores.values_list("item__code", "value"))
    assert len(scores) == 13
    assert scores["financien"] == 1 and scores["huisvesting"] == 3
    event = AuditEvent.objects.get(action="measurement.record")
    assert event.object_id == str(measurement.pk)
    assert event.household_uuid == household.uuid
    assert event.after["scores"]["financien"] == [1, None]


def test_plain_integers_are_accepted_as_scores(case):
    _household, resident, _user, actor = case
    measurement = record(actor, resident, "participatieladder", DAY, 4)
    assert measurement.scores.get().value == 4


@pytest.mark.parametrize("value", [0, 6, -1])
def test_a_score_out_of_range_is_a_per_item_error_and_nothing_is_saved(case, value):
    _household, resident, _user, actor = case
    with pytest.raises(ValidationError) as excinfo:
        record(actor, resident, "zrm", DAY, 3, huisvesting=ItemScore(value=value))
    errors = errors_of(excinfo)
    assert list(errors) == ["huisvesting"]
    assert errors["huisvesting"] == [
        f"De score voor Huisvesting moet tussen 1 en 5 liggen; {value} kan niet."
    ]
    assert not Measurement.objects.exists()
    assert not Score.objects.exists()
    assert not AuditEvent.objects.filter(action="measurement.record").exists()


def test_errors_are_in_dutch(case, settings):
    from django.utils import translation

    _household, resident, _user, actor = case
    with translation.override("nl"), pytest.raises(ValidationError) as excinfo:
        record(actor, resident, "zrm", DAY, 3, huisvesting=ItemScore(value=9))
    assert errors_of(excinfo)["huisvesting"] == [
        "De score voor Huisvesting moet tussen 1 en 5 liggen; 9 kan niet."
    ]


def test_an_unknown_item_is_an_error(case):
    _household, resident, _user, actor = case
    with pytest.raises(ValidationError) as excinfo:
        record(actor, resident, "participatieladder", DAY, 2, werkgeluk=ItemScore(value=3))
    assert errors_of(excinfo) == {
        "werkgeluk": ["Participatieladder heeft geen onderdeel werkgeluk."]
    }
    assert not Measurement.objects.exists()


def test_every_missing_item_is_named(case):
    _household, resident, _user, actor = case
    health = Instrument.objects.get(code="positieve-gezondheid")
    with pytest.raises(ValidationError) as excinfo:
        measurement_record(
            actor=actor, resident=resident, instrument=health, taken_on=DAY, scores={"zingeving": 7}
        )
    errors = errors_of(excinfo)
    assert len(errors) == 5
    assert errors["meedoen"] == ["Geef een score voor Meedoen."]
    assert "zingeving" not in errors


def test_what_matters_needs_both_views_except_for_life(case):
    _household, resident, _user, actor = case
    with pytest.raises(ValidationError) as excinfo:
        record(
            actor,
            resident,
            "wat-is-belangrijk",
            DAY,
            6,
            wonen=ItemScore(value=3),
            leven=ItemScore(value=6, professional=5),
        )
    errors = errors_of(excinfo)
    assert set(errors) == {"wonen__professional", "leven__professional"}
    assert errors["leven__professional"] == ["Het leven als geheel heeft maar één score."]


def test_what_matters_stores_both_views(case):
    _household, resident, _user, actor = case
    measurement = record(
        actor, resident, "wat-is-belangrijk", DAY, 7, wonen=ItemScore(value=2, professional=8)
    )
    wonen = measurement.scores.get(item__code="wonen")
    assert (wonen.value, wonen.professional_value, wonen.difference) == (2, 8, -6)
    assert measurement.scores.get(item__code="leven").professional_value is None


def test_a_measurement_in_the_future_is_refused(case):
    _household, resident, _user, actor = case
    with pytest.raises(ValidationError) as excinfo:
        record(actor, resident, "zrm", dt.date.today() + dt.timedelta(days=2), 3)
    assert "taken_on" in errors_of(excinfo)


def test_a_resident_of_a_household_one_may_not_see_is_a_404(case, actor_of):
    _household, resident, _user, _actor = case
    stranger = actor_of(professional(Role.REGISSEUR))
    with pytest.raises(Http404):
        record(stranger, resident, "zrm", DAY, 3)
    assert not Measurement.objects.exists()


def test_policy_roles_may_not_record(case, actor_of):
    _household, resident, _user, _actor = case
    with pytest.raises(Http404):
        record(actor_of(professional(Role.BELEID)), resident, "zrm", DAY, 3)


def test_a_resident_scores_positieve_gezondheid_but_not_the_zrm(actor_of):
    household = HouseholdFactory(members=1)
    resident = household.members.get().resident
    resident.user = UserFactory()
    resident.save()
    actor = actor_of(resident.user)
    own = record(actor, resident, "positieve-gezondheid", DAY, 8)
    assert own.scored_by == "inwoner"
    with pytest.raises(PermissionDenied):
        record(actor, resident, "zrm", DAY, 3)
    other = HouseholdFactory(members=1).members.get().resident
    with pytest.raises(Http404):
        record(actor, other, "positieve-gezondheid", DAY, 8)


def test_a_resident_gives_their_own_part_of_what_matters_not_the_professionals(actor_of):
    household = HouseholdFactory(members=1)
    resident = household.members.get().resident
    resident.user = UserFactory()
    resident.save()
    actor = actor_of(resident.user)
    matters = Instrument.objects.get(code="wat-is-belangrijk")
    mine = {item.code: 7 for item in matters.items.all()}
    own = measurement_record(
        actor=actor, resident=resident, instrument=matters, taken_on=DAY, scores=mine
    )
    assert own.scored_by == "inwoner"
    assert set(own.scores.values_list("professional_value", flat=True)) == {None}
    # The professional's view is the professional's to give.
    with pytest.raises(ValidationError) as error:
        measurement_record(
            actor=actor,
            resident=resident,
            instrument=matters,
            taken_on=DAY,
            scores=mine | {"wonen": ItemScore(value=7, professional=3)},
        )
    assert list(error.value.message_dict) == [professional_key("wonen")]
    assert resident.measurements.count() == 1


def test_all_scores_helper_scores_every_item():
    matters = Instrument.objects.get(code="wat-is-belangrijk")
    scores = all_scores(matters, 5, 4)
    assert scores["leven"].professional is None
    assert scores["wonen"].professional == 4


def test_a_measurement_before_the_residents_birth_is_refused(case):
    _household, resident, _user, actor = case
    resident.birth_date = dt.date(1990, 5, 17)
    resident.save()
    with pytest.raises(ValidationError) as excinfo:
        record(actor, resident, "zrm", dt.date(1800, 1, 1), 3)
    assert errors_of(excinfo) == {
        "taken_on": ["Een meting kan niet vóór de geboortedatum liggen (17-05-1990)."]
    }
    assert not Measurement.objects.exists()
    # The day of birth itself is possible.
    assert record(actor, resident, "zrm", dt.date(1990, 5, 17), 3).taken_on == resident.birth_date


def test_every_problem_is_reported_at_once(case):
    from eenplan.assessments.models import ScoredBy
    from eenplan.assessments.services import measurement_errors

    _household, resident, _user, _actor = case
    resident.birth_date = dt.date(1990, 5, 17)
    resident.save()
    zrm = Instrument.objects.get(code="zrm")
    scores = all_scores(zrm, 3) | {"financien": ItemScore(value=9), "huisvesting": None}
    errors = measurement_errors(
        instrument=zrm,
        resident=resident,
        scored_by=ScoredBy.PROFESSIONAL,
        taken_on=dt.date(1800, 1, 1),
        scores=scores,
    )
    assert set(errors) == {"taken_on", "financien", "huisvesting"}
    # A date that could not be read: the scores are still checked.
    assert set(
        measurement_errors(
            instrument=zrm,
            resident=resident,
            scored_by=ScoredBy.PROFESSIONAL,
            taken_on=None,
            scores=scores,
        )
    ) == {"financien", "huisvesting"}


def test_a_resident_reads_the_items_by_their_plain_names(actor_of):
    household = HouseholdFactory(members=1)
    resident = household.members.get().resident
    resident.user = UserFactory()
    resident.save()
    health = Instrument.objects.get(code="positieve-gezondheid")
    scores = {item.code: 5 for item in health.items.all()} | {"lichaamsfuncties": 11}
    with pytest.raises(ValidationError) as excinfo:
        measurement_record(
            actor=actor_of(resident.user),
            resident=resident,
            instrument=health,
            taken_on=DAY,
            scores=scores,
        )
    assert errors_of(excinfo) == {
        "lichaamsfuncties": ["Bij ‘Uw lichaam’ kan 11 niet. Vul een cijfer van 0 tot 10 in."]
    }
