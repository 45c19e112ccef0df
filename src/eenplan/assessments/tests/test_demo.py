import datetime as dt

import pytest

from eenplan.assessments.demo import demo_measurements
from eenplan.assessments.models import Measurement
from eenplan.assessments.selectors import instrument_progress

pytestmark = pytest.mark.django_db


def test_demo_measurements_show_progress_and_a_difference(case):
    _household, resident, _user, actor = case
    recorded = demo_measurements(
        actor=actor,
        resident=resident,
        first_on=dt.date(2026, 1, 5),
        later_on=dt.date(2026, 6, 1),
    )
    assert len(recorded) == 6
    assert Measurement.objects.filter(resident=resident).count() == 6
    zrm = instrument_progress(actor=actor, resident_uuid=resident.uuid, instrument_code="zrm")
    housing = next(row for row in zrm.rows if row.item.code == "huisvesting")
    assert [cell.value for cell in housing.cells] == [1, 3]
    matters = instrument_progress(
        actor=actor, resident_uuid=resident.uuid, instrument_code="wat-is-belangrijk"
    )
    assert [row.item.code for row in matters.differences] == ["psychische-gezondheid"]
    mental = next(r for r in matters.rows if r.item.code == "psychische-gezondheid")
    assert [cell.difference for cell in mental.cells] == [4, 3]
