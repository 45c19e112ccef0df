"""A probable match goes to the routed team's review queue; the decision links the signal (or not)
and is kept as labels for the linkage model."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from eenplan.linkage.models import LinkLabel
from eenplan.linkage.realtime import Candidate, LinkOutcome
from eenplan.signalering.models import Alert, AlertKind, LinkMethod, LinkReview
from eenplan.signalering.selectors import link_review_candidates, signal_work
from eenplan.signalering.services import SignalInput, link_review_decide, signal_receive

pytestmark = pytest.mark.django_db


def probable(world, actor_of):  # type: ignore[no-untyped-def]
    """The batch linker found two people who could be meant, neither above the link threshold."""
    outcome = LinkOutcome(
        decision="review",
        method="probabilistic",
        resident_id=None,
        candidates=[Candidate(world.mother.pk, 0.71), Candidate(world.son.pk, 0.24)],
    )
    return signal_receive(
        actor=None,
        source_organisation=world.energy,
        data=SignalInput(
            signal_type_code="energieachterstand",
            given_names="F.",
            surname="Bakker",
            birth_date=dt.date(1984, 7, 3),
            postcode="3554AB",
            house_number=12,
            days_in_arrears=50,
        ),
        channel="bestand",
        link=outcome,
    ).signal


def test_probable_match_waits_for_the_routed_team(world, actor_of):
    signal = probable(world, actor_of)
    assert signal.resident is None and signal.household is None
    review = LinkReview.objects.get(signal=signal)
    assert [c["resident_id"] for c in review.candidates] == [world.mother.pk, world.son.pk]
    assert review in signal_work(actor=actor_of(world.colleague)).reviews
    rows = link_review_candidates(actor=actor_of(world.colleague), review=review)
    assert [row["resident"] for row in rows] == [world.mother, world.son]
    with pytest.raises(Http404):
        link_review_candidates(actor=actor_of(world.outsider), review=review)
    # No alert to the coordinator yet: nobody knows yet whose household this is.
    assert not Alert.objects.filter(signal=signal, kind=AlertKind.NEW_SIGNAL).exists()


def test_confirming_links_alerts_and_keeps_the_labels(world, actor_of):
    signal = probable(world, actor_of)
    review = LinkReview.objects.get(signal=signal)
    link_review_decide(actor=actor_of(world.colleague), review=review, resident=world.mother)
    signal.refresh_from_db()
    assert signal.resident == world.mother
    assert signal.household == world.household
    assert signal.link_method == LinkMethod.MANUAL
    assert Alert.objects.filter(
        signal=signal, kind=AlertKind.NEW_SIGNAL, recipient=world.regisseur
    ).exists()
    labels = {(label.resident_id, label.is_match) for label in LinkLabel.objects.all()}
    assert labels == {(world.mother.pk, True), (world.son.pk, False)}
    with pytest.raises(ValidationError):
        link_review_decide(actor=actor_of(world.colleague), review=review, resident=world.son)


def test_rejecting_all_keeps_the_signal_on_its_address(world, actor_of):
    signal = probable(world, actor_of)
    review = LinkReview.objects.get(signal=signal)
    link_review_decide(actor=actor_of(world.colleague), review=review, resident=None)
    signal.refresh_from_db()
    assert signal.resident is None and signal.team == world.wijkteam
    assert set(LinkLabel.objects.values_list("is_match", flat=True)) == {False}


def test_a_resident_outside_the_candidates_is_refused(world, actor_of):
    signal = probable(world, actor_of)
    review = LinkReview.objects.get(signal=signal)
    from eenplan.households.tests.factories import ResidentFactory

    with pytest.raises(ValidationError):
        link_review_decide(
            actor=actor_of(world.colleague), review=review, resident=ResidentFactory()
        )
    assert LinkLabel.objects.count() == 0
