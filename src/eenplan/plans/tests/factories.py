import datetime as dt

import factory

from eenplan.households.tests.factories import HouseholdFactory
from eenplan.organisations.tests.factories import UserFactory
from eenplan.plans.models import Action, Goal, Plan, PlanStatus
from eenplan.taxonomy.models import LifeDomain


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    household = factory.SubFactory(HouseholdFactory)
    status = PlanStatus.ACTIVE
    started_on = dt.date(2025, 1, 1)
    coordinator_professional = factory.SubFactory(UserFactory)


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    domain = factory.LazyFunction(lambda: LifeDomain.objects.order_by("position").first())
    text = factory.Sequence(lambda n: f"Ik wil doel {n} halen")
    position = factory.Sequence(lambda n: n + 1)


class ActionFactory(factory.django.DjangoModelFactory):
    """An action owned by a professional, unless another owner is given (and this one cleared)."""

    class Meta:
        model = Action

    goal = factory.SubFactory(GoalFactory)
    what = factory.Sequence(lambda n: f"Actie {n}")
    owner_professional = factory.SubFactory(UserFactory)
