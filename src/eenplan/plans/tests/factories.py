import datetime as dt

import factory

from eenplan.households.tests.factories import HouseholdFactory
from eenplan.organisations.tests.factories import UserFactory
from eenplan.plans.models import Plan, PlanStatus


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    household = factory.SubFactory(HouseholdFactory)
    status = PlanStatus.ACTIVE
    started_on = dt.date(2025, 1, 1)
    coordinator_professional = factory.SubFactory(UserFactory)
