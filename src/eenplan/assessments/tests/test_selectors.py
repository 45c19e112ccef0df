"""Reading measurements: a resident reads only their own, never a housemate's; where the
resident and the professional differ is judged on measurements that have both scores."""

import datetime as dt

import pytest
from django.http import Http404

from eenplan.assessments.models import Instrument
from eenplan.assessments.selectors import (
    instrument_progress,
    measurement_get,
    measurement_page,
    member_for_measurements,
)
from eenplan.assessments.services import ItemScore, measurement_record
from eenplan.assessments.tests.factories import record
from eenplan.organisations.tests.factories import UserFactory
from eenplan.privacy.models import AccessLogEntry

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def housemates(case, actor_of):
    """The case's two residents, both with a login, each measured by the regisseur."""
    household, me, _user, regisseur = case
    housemate = household.members.exclude(resident=me).get().resident
    for resident in (me, housemate):
        resident.user = UserFactory()
        resident.save()
    mine = record(regisseur, me, "zrm", DAY, 2)
    theirs = record(regisseur, housemate, "zrm", DAY, 4)
    return {
        "me": me,
        "housemate": housemate,
        "actor": actor_of(me.user),
        "regisseur": regisseur,
        "mine": mine,
        "theirs": theirs,
    }


def test_a_resident_reads_their_own_measurements(housemates):
    actor, me = housemates["actor"], housemates["me"]
    assert member_for_measurements(actor=actor, resident_uuid=me.uuid).resident == me
    page = measurement_page(actor=actor, resident_uuid=me.uuid)
    assert [m.pk for m in page.object_list] == [housemates["mine"].pk]
    assert measurement_get(actor=actor, measurement_uuid=housemates["mine"].uuid).pk == (
        housemates["mine"].pk
    )


def test_a_resident_never_reads_a_housemates_measurements(housemates):
    actor, housemate = housemates["actor"], housemates["housemate"]
    before = AccessLogEntry.objects.count()
    with pytest.raises(Http404):
        member_for_measurements(actor=actor, resident_uuid=housemate.uuid)
    with pytest.raises(Http404):
        measurement_page(actor=actor, resident_uuid=housemate.uuid)
    with pytest.raises(Http404):
        measurement_get(actor=actor, measurement_uuid=housemates["theirs"].uuid)
    with pytest.raises(Http404):
        instrument_progress(actor=actor, resident_uuid=housemate.uuid, instrument_code="zrm")
    # Nothing was read, so nothing is logged.
    assert AccessLogEntry.objects.count() == before


def test_the_professional_still_reads_every_member(housemates):
    regisseur = housemates["regisseur"]
    for resident in (housemates["me"], housemates["housemate"]):
        page = measurement_page(actor=regisseur, resident_uuid=resident.uuid)
        assert len(page.object_list) == 1


def test_the_residents_own_part_does_not_hide_where_both_differed(case, actor_of):
    _household, me, _user, regisseur = case
    me.user = UserFactory()
    me.save()
    record(
        regisseur,
        me,
        "wat-is-belangrijk",
        DAY - dt.timedelta(days=30),
        6,
        wonen=ItemScore(value=2, professional=7),
    )
    matters = Instrument.objects.get(code="wat-is-belangrijk")
    # Later she fills in her own part: no professional's scores.
    measurement_record(
        actor=actor_of(me.user),
        resident=me,
        instrument=matters,
        taken_on=DAY,
        scores={item.code: 6 for item in matters.items.all()},
    )
    progress = instrument_progress(
        actor=regisseur, resident_uuid=me.uuid, instrument_code="wat-is-belangrijk"
    )
    wonen = next(row for row in progress.rows if row.item.code == "wonen")
    assert wonen.latest.professional is None
    assert (wonen.latest_pair.value, wonen.latest_pair.professional) == (2, 7)
    assert [row.item.code for row in progress.differences] == ["wonen"]
    assert progress.compared


def test_only_the_residents_own_part_is_not_a_comparison(case, actor_of):
    _household, me, _user, regisseur = case
    me.user = UserFactory()
    me.save()
    matters = Instrument.objects.get(code="wat-is-belangrijk")
    measurement_record(
        actor=actor_of(me.user),
        resident=me,
        instrument=matters,
        taken_on=DAY,
        scores={item.code: 6 for item in matters.items.all()},
    )
    progress = instrument_progress(
        actor=regisseur, resident_uuid=me.uuid, instrument_code="wat-is-belangrijk"
    )
    assert progress.differences == []
    assert not progress.compared
