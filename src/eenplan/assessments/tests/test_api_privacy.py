"""Through the API too, a resident reads only their own measurements: the API calls the same
selectors, so a housemate's scores (the professional's ZRM included) are a 404."""

import datetime as dt

import pytest
from django.core.cache import cache

from eenplan.assessments.tests.factories import record
from eenplan.organisations.tests.factories import UserFactory
from eenplan.privacy.models import AccessLogEntry

pytestmark = pytest.mark.django_db

MEASUREMENTS = "/api/v1/metingen"
DAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def housemates(case):
    household, me, _user, regisseur = case
    housemate = household.members.exclude(resident=me).get().resident
    me.user = UserFactory()
    me.save()
    return {
        "me": me,
        "housemate": housemate,
        "mine": record(regisseur, me, "zrm", DAY, 2),
        "theirs": record(regisseur, housemate, "zrm", DAY, 4),
    }


def test_a_resident_lists_their_own_measurements(client, housemates):
    client.force_login(housemates["me"].user)
    response = client.get(MEASUREMENTS, {"inwoner": str(housemates["me"].uuid)})
    assert response.status_code == 200
    assert [m["uuid"] for m in response.json()["results"]] == [str(housemates["mine"].uuid)]


def test_a_resident_gets_404_for_a_housemates_measurements(client, housemates):
    client.force_login(housemates["me"].user)
    before = AccessLogEntry.objects.count()
    listed = client.get(MEASUREMENTS, {"inwoner": str(housemates["housemate"].uuid)})
    assert listed.status_code == 404
    one = client.get(f"{MEASUREMENTS}/{housemates['theirs'].uuid}")
    assert one.status_code == 404
    assert AccessLogEntry.objects.count() == before
