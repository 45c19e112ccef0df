"""The standard instruments are data, seeded by a migration; a new one needs no code."""

import pytest
from django.urls import reverse

from eenplan.assessments.models import Instrument, InstrumentItem, ScaleAnchor, ScoredBy
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import professional
from eenplan.privacy.models import AuditEvent
from eenplan.taxonomy.models import LifeDomain

pytestmark = pytest.mark.django_db


def test_zelfredzaamheid_matrix_has_13_domains_from_1_to_5_with_anchors():
    zrm = Instrument.objects.get(code="zrm")
    assert (zrm.scale_min, zrm.scale_max, zrm.scored_by) == (1, 5, ScoredBy.PROFESSIONAL)
    items = list(zrm.items.all())
    assert len(items) == 13
    assert {i.name for i in items} >= {"Financiën", "Huisvesting", "Justitie", "Basale ADL"}
    assert all(i.domain_id for i in items), "every ZRM domain maps to a life domain"
    for item in items:
        assert sorted(item.anchors.values_list("score", flat=True)) == [1, 2, 3, 4, 5]
    general = list(
        ScaleAnchor.objects.filter(instrument=zrm, item=None)
        .order_by("score")
        .values_list("label", flat=True)
    )
    assert general == [
        "Acute problemen",
        "Niet zelfredzaam",
        "Beperkt zelfredzaam",
        "Voldoende zelfredzaam",
        "Volledig zelfredzaam",
    ]


def test_participatieladder_is_one_score_on_six_rungs():
    ladder = Instrument.objects.get(code="participatieladder")
    assert (ladder.scale_min, ladder.scale_max) == (1, 6)
    (rung,) = ladder.items.all()
    labels = list(rung.anchors.order_by("score").values_list("label", flat=True))
    assert len(labels) == 6
    assert labels[0] == "Geïsoleerd" and labels[-1] == "Betaald werk"


def test_positieve_gezondheid_is_six_dimensions_from_0_to_10_by_the_resident():
    health = Instrument.objects.get(code="positieve-gezondheid")
    assert (health.scale_min, health.scale_max, health.scored_by) == (0, 10, ScoredBy.RESIDENT)
    assert health.items.count() == 6


def test_what_matters_asks_every_life_domain_twice_and_life_once():
    matters = Instrument.objects.get(code="wat-is-belangrijk")
    assert (matters.scale_min, matters.scale_max, matters.scored_by) == (1, 10, ScoredBy.BOTH)
    items = list(matters.items.select_related("instrument"))
    assert len(items) == LifeDomain.objects.count() + 1
    assert {i.domain_id for i in items if i.domain_id} == set(
        LifeDomain.objects.values_list("pk", flat=True)
    )
    life = next(i for i in items if i.code == "leven")
    assert not life.asks_professional
    assert all(i.asks_professional for i in items if i.code != "leven")


def test_every_life_domain_is_covered_by_the_zrm():
    covered = set(
        InstrumentItem.objects.filter(instrument__code="zrm").values_list("domain__code", flat=True)
    )
    assert covered == set(LifeDomain.objects.values_list("code", flat=True))


def test_the_functional_admin_adds_an_instrument_without_code(client):
    client.force_login(professional(Role.BEHEER, is_staff=True))
    prefix_items, prefix_anchors = "items", "anchors"
    data = {
        "name": "Eigen kracht",
        "code": "eigen-kracht",
        "description": "",
        "scored_by": ScoredBy.RESIDENT,
        "scale_min": "1",
        "scale_max": "3",
        "position": "9",
        "active": "on",
        f"{prefix_items}-TOTAL_FORMS": "1",
        f"{prefix_items}-INITIAL_FORMS": "0",
        f"{prefix_items}-MIN_NUM_FORMS": "0",
        f"{prefix_items}-MAX_NUM_FORMS": "1000",
        f"{prefix_items}-0-position": "1",
        f"{prefix_items}-0-code": "netwerk",
        f"{prefix_items}-0-name": "Netwerk",
        f"{prefix_anchors}-TOTAL_FORMS": "1",
        f"{prefix_anchors}-INITIAL_FORMS": "0",
        f"{prefix_anchors}-MIN_NUM_FORMS": "0",
        f"{prefix_anchors}-MAX_NUM_FORMS": "1000",
        f"{prefix_anchors}-0-score": "1",
        f"{prefix_anchors}-0-label": "Weinig",
    }
    response = client.post(reverse("admin:assessments_instrument_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    instrument = Instrument.objects.get(code="eigen-kracht")
    assert instrument.items.get().name == "Netwerk"
    assert instrument.anchors.get().label == "Weinig"
    actions = set(
        AuditEvent.objects.filter(object_type__startswith="assessments.").values_list(
            "object_type", "action"
        )
    )
    assert actions == {
        ("assessments.instrument", "admin.add"),
        ("assessments.instrumentitem", "admin.add"),
        ("assessments.scaleanchor", "admin.add"),
    }


def test_a_regisseur_cannot_edit_instruments(client):
    client.force_login(professional(Role.REGISSEUR, is_staff=True))
    response = client.get(reverse("admin:assessments_instrument_changelist"))
    assert response.status_code == 302


SEEDED = ["zrm", "participatieladder", "positieve-gezondheid", "wat-is-belangrijk"]


def test_seeded_instruments_have_plain_words_for_residents():
    items = InstrumentItem.objects.filter(instrument__code__in=SEEDED).select_related("instrument")
    assert all(item.resident_name for item in items)
    names = {(i.instrument.code, i.code): i.name_for_resident for i in items}
    assert names[("zrm", "basale-adl")] == "Uzelf verzorgen"
    assert names[("zrm", "instrumentele-adl")] == "Huishouden, boodschappen en post"
    assert names[("zrm", "middelengebruik")] == "Alcohol, drugs en medicijnen"
    assert names[("zrm", "justitie")] == "Politie en rechter"
    assert names[("participatieladder", "trede")] == "Hoeveel u meedoet"
    jargon = {"Basale ADL", "Instrumentele ADL", "Middelengebruik", "Justitie", "Trede"}
    assert not jargon & set(names.values())
    for instrument in Instrument.objects.filter(code__in=SEEDED):
        assert instrument.resident_name and instrument.resident_description
        assert "inwoner" not in instrument.resident_description
        assert "professional" not in instrument.resident_description
    life = InstrumentItem.objects.get(instrument__code="wat-is-belangrijk", code="leven")
    assert life.resident_description == "Welk cijfer geeft u uw leven nu?"


def test_without_a_name_for_residents_the_name_is_shown():
    item = InstrumentItem(name="Netwerk")
    assert item.name_for_resident == "Netwerk"
    assert Instrument(name="Eigen kracht").name_for_resident == "Eigen kracht"


def test_the_functional_admin_edits_the_words_for_residents(client):
    client.force_login(professional(Role.BEHEER, is_staff=True))
    zrm = Instrument.objects.get(code="zrm")
    html = client.get(
        reverse("admin:assessments_instrument_change", args=[zrm.pk])
    ).content.decode()
    assert 'name="resident_name"' in html and 'name="resident_description"' in html
    assert 'name="items-0-resident_name"' in html
    assert 'name="items-0-resident_description"' in html
