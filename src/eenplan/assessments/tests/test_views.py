"""The measurement pages: overview, recording, the chart with its table, the household card."""

import datetime as dt
import re
from xml.etree import ElementTree as ET

import pytest
from django.urls import reverse

from eenplan.assessments.models import Measurement
from eenplan.assessments.selectors import MEASUREMENTS_VIEW, household_domains_not_asked
from eenplan.assessments.services import ItemScore
from eenplan.assessments.tests.factories import record
from eenplan.privacy.models import AccessLogEntry

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg.*?</svg>", html, flags=re.S)]


def table_values(html: str) -> list[list[str]]:
    """The table's data-value cells, row by row."""
    body = html.split('id="scores-table"', 1)[1]
    rows = re.findall(r"<tr class=\"utrecht-table__row\">(.*?)</tr>", body, flags=re.S)[1:]
    return [re.findall(r'data-value="(\d*)"', row) for row in rows]


def progress_url(resident, code="zrm") -> str:  # type: ignore[no-untyped-def]
    return reverse(
        "assessments:progress", kwargs={"resident_uuid": resident.uuid, "instrument_code": code}
    )


def test_overview_lists_instruments_and_logs_the_read(client, case):
    _household, resident, user, actor = case
    record(actor, resident, "zrm", dt.date(2026, 1, 10), 2)
    client.force_login(user)
    response = client.get(reverse("assessments:overview", kwargs={"resident_uuid": resident.uuid}))
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("Zelfredzaamheid-Matrix", "Participatieladder", "Positieve Gezondheid"):
        assert name in html
    assert "10-01-2026" in html
    entry = AccessLogEntry.objects.filter(event=MEASUREMENTS_VIEW).get()
    assert list(entry.subjects.values_list("resident_uuid", flat=True)) == [resident.uuid]


def test_chart_has_a_point_per_measurement_and_the_table_the_same_numbers(client, case):
    _household, resident, user, actor = case
    for month, value in ((1, 1), (4, 3), (8, 4)):
        record(actor, resident, "zrm", dt.date(2026, month, 1), value, financien=ItemScore(value=2))
    client.force_login(user)
    html = client.get(progress_url(resident)).content.decode()
    charts = svgs(html)
    assert len(charts) == 13
    chart_values = [
        [point.get("data-value") for point in chart.iter() if point.get("data-value")]
        for chart in charts
    ]
    assert chart_values[0] == ["2", "2", "2"]  # financiën
    assert chart_values[1] == ["1", "3", "4"]  # werk en opleiding
    assert table_values(html) == chart_values
    assert AccessLogEntry.objects.filter(event=MEASUREMENTS_VIEW).count() == 1


def test_chart_page_queries_do_not_grow_with_measurements(client, case, django_assert_num_queries):
    _household, resident, user, actor = case
    record(actor, resident, "wat-is-belangrijk", dt.date(2026, 1, 1), 5)
    client.force_login(user)
    client.get(progress_url(resident, "wat-is-belangrijk"))  # warm the session and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(progress_url(resident, "wat-is-belangrijk"))
    for month in range(2, 7):
        record(actor, resident, "wat-is-belangrijk", dt.date(2026, month, 1), 6)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(progress_url(resident, "wat-is-belangrijk"))
    assert len(svgs(response.content.decode())[0].findall(f".//{SVG}circle")) == 6


def test_differences_between_resident_and_professional_are_highlighted(client, case):
    _household, resident, user, actor = case
    record(
        actor,
        resident,
        "wat-is-belangrijk",
        dt.date(2026, 2, 1),
        6,
        wonen=ItemScore(value=2, professional=7),
        financien=ItemScore(value=6, professional=5),
    )
    client.force_login(user)
    html = client.get(progress_url(resident, "wat-is-belangrijk")).content.decode()
    differences = html.split('id="differences"', 1)[1].split("</section>", 1)[0]
    assert "Wonen" in differences
    assert "Geldzaken en schulden" not in differences
    assert html.count("<mark>") == 2  # once in the list, once in the table
    # Both views are drawn, the professional's as squares.
    wonen = svgs(html)[0]
    assert [c.get("data-value") for c in wonen.findall(f".//{SVG}circle")] == ["2"]
    assert [s.get("data-value") for s in wonen.findall(f".//{SVG}rect")] == ["7"]


def test_recording_through_the_form(client, case):
    _household, resident, user, _actor = case
    client.force_login(user)
    url = reverse(
        "assessments:record",
        kwargs={"resident_uuid": resident.uuid, "instrument_code": "participatieladder"},
    )
    page = client.get(url).content.decode()
    assert "Betaald werk met ondersteuning" in page  # the rungs are shown as help
    assert 'aria-describedby="anchors-trede"' in page
    response = client.post(url, {"taken_on": "02-03-2026", "trede": "7"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "De score voor Trede moet tussen 1 en 6 liggen; 7 kan niet." in page
    assert re.search(r'<input[^>]*name="trede"[^>]*aria-invalid="true"', page)
    assert not Measurement.objects.exists()
    response = client.post(url, {"taken_on": "02-03-2026", "trede": "5"})
    assert response.status_code == 302
    assert response["Location"] == progress_url(resident, "participatieladder")
    measurement = Measurement.objects.get()
    assert measurement.taken_on == dt.date(2026, 3, 2)
    assert measurement.scores.get().value == 5


def test_the_what_matters_form_has_two_fields_per_domain_and_one_for_life(client, case):
    _household, resident, user, _actor = case
    client.force_login(user)
    url = reverse(
        "assessments:record",
        kwargs={"resident_uuid": resident.uuid, "instrument_code": "wat-is-belangrijk"},
    )
    page = client.get(url).content.decode()
    assert 'name="wonen"' in page and 'name="wonen__professional"' in page
    assert 'name="leven"' in page and 'name="leven__professional"' not in page


def test_an_unknown_instrument_is_a_404(client, case):
    _household, resident, user, _actor = case
    client.force_login(user)
    assert client.get(progress_url(resident, "bestaat-niet")).status_code == 404


def test_household_card_lists_unasked_domains_work_finances_housing_first(client, case):
    household, resident, user, actor = case
    client.force_login(user)
    html = client.get(reverse("households:detail", kwargs={"household_uuid": household.uuid}))
    card = html.content.decode().split('id="measurements-card"', 1)[1].split("</section>", 1)[0]
    names = re.findall(r'<li class="eenplan-tag">(.*?)</li>', card)
    assert names[:3] == ["Werk en inkomen", "Geldzaken en schulden", "Wonen"]
    assert len(names) == 11
    assert reverse("assessments:overview", kwargs={"resident_uuid": resident.uuid}) in card

    record(actor, resident, "participatieladder", dt.date(2026, 1, 1), 2)
    codes = [d.code for d in household_domains_not_asked(household=household)]
    assert "werk-inkomen" not in codes
    assert codes[:2] == ["financien", "wonen"]

    record(actor, resident, "zrm", dt.date(2026, 1, 1), 3)
    assert household_domains_not_asked(household=household) == []


def test_the_form_names_every_missing_score(client, case):
    _household, resident, user, _actor = case
    client.force_login(user)
    url = reverse(
        "assessments:record",
        kwargs={"resident_uuid": resident.uuid, "instrument_code": "wat-is-belangrijk"},
    )
    response = client.post(url, {"taken_on": "02-03-2026", "wonen": "4"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Geef een score voor Wonen (hoe de professional het ziet)." in html
    assert "Geef een score voor Het leven als geheel." in html
    assert "Geef een score voor Wonen." not in html
    assert not Measurement.objects.exists()


def test_a_retired_instrument_keeps_its_history_but_takes_no_new_measurements(client, case):
    from eenplan.assessments.models import Instrument

    _household, resident, user, actor = case
    record(actor, resident, "participatieladder", dt.date(2026, 1, 1), 2)
    Instrument.objects.filter(code__in=["participatieladder", "zrm"]).update(active=False)
    client.force_login(user)
    overview = client.get(
        reverse("assessments:overview", kwargs={"resident_uuid": resident.uuid})
    ).content.decode()
    assert "Participatieladder" in overview
    assert "Zelfredzaamheid-Matrix" not in overview
    assert client.get(progress_url(resident, "participatieladder")).status_code == 200
    record_url = reverse(
        "assessments:record",
        kwargs={"resident_uuid": resident.uuid, "instrument_code": "participatieladder"},
    )
    assert client.get(record_url).status_code == 404


def record_url(resident, code="zrm") -> str:  # type: ignore[no-untyped-def]
    return reverse(
        "assessments:record", kwargs={"resident_uuid": resident.uuid, "instrument_code": code}
    )


def summary_links(html: str) -> dict[str, str]:
    """The error summary's links: {target field id: text}."""
    summary = html.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    return dict(re.findall(r'<a class="utrecht-link" href="#([^"]+)">([^<]*)</a>', summary))


def field_error(html: str, name: str) -> str:
    match = re.search(rf'id="id_{name}_error">(.*?)</div>', html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", match.group(1)).strip() if match else ""


def test_every_field_is_checked_in_one_round(client, case):
    _household, resident, user, _actor = case
    client.force_login(user)
    data = {
        "taken_on": "31-13-2026",  # not a date
        **{code: "3" for code in ZRM_CODES},
        "financien": "abc",  # not a number
        "huisvesting": "11",  # out of range
    }
    del data["justitie"]  # missing
    html = client.post(record_url(resident), data).content.decode()
    assert "31-12-1980" in field_error(html, "taken_on")
    assert field_error(html, "financien") == "De score voor Financiën moet een heel getal zijn."
    assert field_error(html, "huisvesting") == (
        "De score voor Huisvesting moet tussen 1 en 5 liggen; 11 kan niet."
    )
    assert field_error(html, "justitie") == "Geef een score voor Justitie."
    links = summary_links(html)
    assert set(links) == {"id_taken_on", "id_financien", "id_huisvesting", "id_justitie"}
    assert "11 kan niet" in links["id_huisvesting"]
    for name in ("taken_on", "financien", "huisvesting", "justitie"):
        assert re.search(rf'<input[^>]*name="{name}"[^>]*aria-invalid="true"', html), name
    assert not re.search(r'<input[^>]*name="werk-opleiding"[^>]*aria-invalid', html)
    assert not Measurement.objects.exists()


def test_a_date_before_birth_and_a_wrong_score_in_one_round(client, case):
    _household, resident, user, _actor = case
    resident.birth_date = dt.date(1990, 5, 17)
    resident.save()
    client.force_login(user)
    data = {"taken_on": "01-01-1800", **{code: "3" for code in ZRM_CODES}, "financien": "0"}
    html = client.post(record_url(resident), data).content.decode()
    assert field_error(html, "taken_on") == (
        "Een meting kan niet vóór de geboortedatum liggen (17-05-1990)."
    )
    assert "0 kan niet" in field_error(html, "financien")
    assert set(summary_links(html)) == {"id_taken_on", "id_financien"}
    assert not Measurement.objects.exists()


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


def test_the_residents_own_part_reads_as_not_filled_in_for_the_professional(client, case, actor_of):
    from eenplan.assessments.models import Instrument
    from eenplan.assessments.services import measurement_record
    from eenplan.organisations.tests.factories import UserFactory

    _household, resident, user, _actor = case
    resident.user = UserFactory()
    resident.save()
    matters = Instrument.objects.get(code="wat-is-belangrijk")
    measurement_record(
        actor=actor_of(resident.user),
        resident=resident,
        instrument=matters,
        taken_on=dt.date(2026, 2, 1),
        scores={item.code: 6 for item in matters.items.all()},
    )
    client.force_login(user)
    html = client.get(progress_url(resident, "wat-is-belangrijk")).content.decode()
    assert "None" not in html
    table = html.split('id="scores-table"', 1)[1]
    assert "inwoner 6, professional: nog niet ingevuld" in table
    life = re.search(r"Het leven als geheel</th>(.*?)</tr>", table, flags=re.S).group(1)
    assert "inwoner 6" in life and "professional" not in life
    # No point for a score nobody gave, and no claim that both see it the same.
    assert not svgs(html)[0].findall(f".//{SVG}rect")
    assert 'data-testid="not-compared"' in html
    assert "ongeveer hetzelfde" not in html


def test_charts_scale_with_their_card_and_use_short_dutch_dates(client, case):
    _household, resident, user, actor = case
    record(actor, resident, "participatieladder", dt.date(2026, 7, 4), 2)
    client.force_login(user)
    chart = svgs(client.get(progress_url(resident, "participatieladder")).content.decode())[0]
    assert chart.get("width") == "100%"
    assert chart.get("height") is None
    assert chart.get("viewBox", "").startswith("0 0 ")
    dates = [
        "".join(t.itertext()) for t in chart.findall(f"{SVG}text[@class='eenplan-chart-date']")
    ]
    assert dates == ["4 jul2026"]  # two lines: "4 jul" over "2026"
