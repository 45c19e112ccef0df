import dataclasses
import datetime as dt
from unittest import mock

import pytest

from eenplan.households.models import Resident
from eenplan.linkage import realtime
from eenplan.linkage.engine import shipped_parameters
from eenplan.linkage.models import LinkLabel
from eenplan.linkage.realtime import link_people_batch, link_person
from eenplan.linkage.records import PersonRecord
from eenplan.linkage.services import link_label_record, linkage_model_store
from eenplan.organisations.tests.factories import UserFactory
from eenplan.privacy.models import AuditEvent

from .conftest import resident_from

pytestmark = pytest.mark.django_db


def signal_about(record: PersonRecord, **changes) -> PersonRecord:
    return dataclasses.replace(record, id="signal", bsn="", **changes)


def test_a_bsn_links_through_its_pseudonym_in_one_query(register, django_assert_num_queries):
    person = register.records[5]
    signal = PersonRecord(id="s", bsn=person.bsn, surname="Iemand Anders")
    with django_assert_num_queries(1):
        outcome = link_person(signal)
    assert outcome.decision == "link"
    assert outcome.method == "bsn"
    assert outcome.resident_id == register.residents[5].pk
    assert outcome.candidates[0].probability == 1.0


def test_without_bsn_a_typed_person_links_in_a_handful_of_queries(
    register, django_assert_max_num_queries
):
    person = register.records[10]
    signal = signal_about(
        person,
        given_names=person.given_names.split()[0],
        surname=person.surname + "e",
        birth_date=dt.date(person.birth_date.year, person.birth_date.day, person.birth_date.month)
        if person.birth_date.day <= 12
        else person.birth_date,
    )
    # The current model, the candidates, the register's size (one or two), one surname count.
    with django_assert_max_num_queries(5):
        outcome = link_person(signal)
    assert outcome.decision == "link"
    assert outcome.method == "probabilistic"
    assert outcome.resident_id == register.residents[10].pk
    assert outcome.candidates[0].resident_id == register.residents[10].pk


def test_initials_only_and_a_move_still_find_the_person(register):
    person = register.records[20]
    initials = "".join(p[0] + "." for p in person.given_names.split())
    signal = signal_about(
        person, given_names=initials, postcode="9999ZZ", street="Elders", house_number=1
    )
    outcome = link_person(signal)
    assert outcome.decision in ("link", "review")
    assert outcome.candidates[0].resident_id == register.residents[20].pk


def test_someone_not_in_the_register_is_new(register):
    outcome = link_person(
        PersonRecord(
            id="x",
            given_names="Quirijn",
            surname="Zwanenburg-Oudshoorn",
            birth_date=dt.date(1931, 1, 30),
            postcode="9999ZZ",
            house_number=1,
        )
    )
    assert (outcome.decision, outcome.method, outcome.resident_id) == ("new", "none", None)


def test_nothing_to_look_up_is_new_without_queries(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        outcome = link_person(PersonRecord(id="x", given_names="Jan"))
    assert outcome.decision == "new"


def test_between_the_thresholds_a_person_reviews(register, settings):
    settings.EENPLAN_LINK_THRESHOLD = 0.999999
    settings.EENPLAN_REVIEW_THRESHOLD = 0.01
    person = register.records[30]
    signal = signal_about(person, given_names=person.given_names[0] + ".", birth_date=None)
    outcome = link_person(signal)
    assert outcome.decision == "review"
    assert outcome.resident_id is None
    assert outcome.candidates[0].resident_id == register.residents[30].pk
    assert all(0.01 <= c.probability < 0.999999 for c in outcome.candidates)


def test_a_different_bsn_is_never_the_same_person(register):
    person = register.records[40]
    stranger_bsn = register.records[41].bsn
    outcome = link_person(dataclasses.replace(person, id="s", bsn=stranger_bsn))
    # The BSN belongs to resident 41, so that is a certain link, not resident 40.
    assert outcome.resident_id == register.residents[41].pk
    assert outcome.method == "bsn"


def test_a_larger_register_makes_each_candidate_less_likely(register, settings):
    settings.EENPLAN_REVIEW_THRESHOLD = 0.0
    person = register.records[10]
    weak = {"given_names": person.given_names[0] + ".", "postcode": "", "house_number": None}
    own_size = link_person(signal_about(person, **weak))
    with mock.patch.object(realtime, "register_size", return_value=1_000_000):
        million = link_person(signal_about(person, **weak))
    assert own_size.candidates[0].resident_id == million.candidates[0].resident_id
    assert million.candidates[0].probability < own_size.candidates[0].probability


def test_a_stored_model_replaces_the_shipped_one(register, settings):
    settings.EENPLAN_REVIEW_THRESHOLD = 0.0
    person = register.records[12]
    signal = signal_about(person, given_names=person.given_names[0] + ".")
    shipped = link_person(signal)
    params = shipped_parameters().to_json()
    # A model that has learnt that initials say nothing.
    params["comparisons"]["given_names"]["initials"] = {"m": 0.01, "u": 0.01}
    linkage_model_store(parameters=params, record_count=120)
    trained = link_person(signal)
    assert trained.candidates[0].probability < shipped.candidates[0].probability


def test_rare_surnames_weigh_more_than_common_ones(db, settings):
    settings.EENPLAN_REVIEW_THRESHOLD = 0.0
    common = [
        PersonRecord(
            id=f"c{i}",
            given_names=f"Naam{chr(97 + i % 26)}{i}",
            surname="Jansen",
            birth_date=dt.date(1950 + i % 40, 1 + i % 12, 1 + i % 28),
            postcode="3561AB",
            house_number=i + 1,
        )
        for i in range(40)
    ]
    rare = PersonRecord(
        id="rare",
        given_names="Naamx",
        surname="Zwanenburg",
        birth_date=dt.date(1970, 5, 17),
        postcode="3561AB",
        house_number=100,
    )
    residents = Resident.objects.bulk_create([resident_from(r) for r in [*common, rare]])
    if residents[0].pk is None:
        residents = list(Resident.objects.order_by("id"))

    def moved_with_a_typo(person: PersonRecord) -> PersonRecord:
        birth = person.birth_date
        return dataclasses.replace(
            person,
            id="s-" + person.id,
            birth_date=birth.replace(day=birth.day + 1),
            postcode="9999ZZ",
            house_number=1,
        )

    common_outcome = link_person(moved_with_a_typo(common[7]))
    rare_outcome = link_person(moved_with_a_typo(rare))
    assert common_outcome.candidates[0].resident_id == residents[7].pk
    assert rare_outcome.candidates[0].resident_id == residents[-1].pk
    # The same evidence, but forty residents are called Jansen and one Zwanenburg.
    assert rare_outcome.candidates[0].probability > common_outcome.candidates[0].probability


def test_batch_links_a_list_like_single_signals_do(register):
    records = [
        signal_about(register.records[i], given_names=register.records[i].given_names.split()[0])
        for i in range(0, 60, 3)
    ]
    records = [dataclasses.replace(r, id=f"s{i}") for i, r in enumerate(records)]
    records.append(PersonRecord(id="bsn", bsn=register.records[1].bsn))
    records.append(PersonRecord(id="nobody", given_names="Quirijn", surname="Zwanenburg"))
    outcomes = link_people_batch(records)
    assert set(outcomes) == {r.id for r in records}
    for index, record in enumerate(records[:-2]):
        assert outcomes[record.id].decision == "link"
        assert outcomes[record.id].resident_id == register.residents[index * 3].pk
        assert outcomes[record.id].resident_id == link_person(record).resident_id
    assert (outcomes["bsn"].method, outcomes["bsn"].resident_id) == (
        "bsn",
        register.residents[1].pk,
    )
    assert outcomes["nobody"].decision == "new"


def test_batch_without_register_proposes_everyone_as_new(db):
    outcomes = link_people_batch([PersonRecord(id="a", surname="Berg")])
    assert outcomes["a"].decision == "new"


def test_a_reviewers_decision_is_kept_as_a_label_and_audited(register, actor_of):
    reviewer = UserFactory()
    person = register.records[3]
    label = link_label_record(
        actor=actor_of(reviewer),
        record=dataclasses.replace(person, id="s1", given_names="J."),
        resident_id=register.residents[3].pk,
        is_match=True,
    )
    stored = LinkLabel.objects.get()
    assert stored == label
    assert stored.record["given_names"] == "J."
    # The label keeps the BSN only as its pseudonym.
    assert person.bsn not in str(stored.record)
    assert stored.record["bsn_pseudonym"]
    event = AuditEvent.objects.get(action="link_label")
    assert event.object_id == str(label.pk)
    assert event.actor_id == reviewer.pk


def test_a_twin_is_not_linked_to_the_other_twin(register, settings):
    settings.EENPLAN_REVIEW_THRESHOLD = 0.0
    person = register.records[50]
    twin = signal_about(person, given_names="Quirijn")
    outcome = link_person(twin)
    assert register.residents[50].pk not in [c.resident_id for c in outcome.candidates]
