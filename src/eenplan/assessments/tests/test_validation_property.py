"""Whatever the scores, a measurement is saved whole or refused with an error per wrong item."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eenplan.assessments.models import Instrument, Measurement, Score
from eenplan.assessments.services import measurement_record

pytestmark = pytest.mark.django_db

ZRM_CODES = [
    "financien",
    "werk-opleiding",
    "tijdsbesteding",
    "huisvesting",
    "huiselijke-relaties",
    "geestelijke-gezondheid",
    "lichamelijke-gezondheid",
    "middelengebruik",
    "basale-adl",
    "instrumentele-adl",
    "sociaal-netwerk",
    "maatschappelijke-participatie",
    "justitie",
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    scores=st.one_of(
        st.fixed_dictionaries({code: st.integers(min_value=1, max_value=5) for code in ZRM_CODES}),
        st.fixed_dictionaries(
            {}, optional={code: st.integers(min_value=-3, max_value=9) for code in ZRM_CODES}
        ),
    )
)
def test_saved_whole_or_refused_per_item(case, scores):
    _household, resident, _user, actor = case
    zrm = Instrument.objects.get(code="zrm")
    wrong = {code for code in ZRM_CODES if scores.get(code) not in range(1, 6)}
    before = Score.objects.count()
    try:
        with transaction.atomic():
            measurement = measurement_record(
                actor=actor,
                resident=resident,
                instrument=zrm,
                taken_on=dt.date(2026, 1, 1),
                scores=scores,
            )
            assert not wrong
            assert dict(measurement.scores.values_list("item__code", "value")) == scores
            transaction.set_rollback(True)
    except ValidationError as exc:
        assert set(exc.message_dict) == wrong
    assert Score.objects.count() == before
    assert not Measurement.objects.exists()
