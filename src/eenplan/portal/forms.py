"""The resident fills in an instrument they score themselves: always for today, so no date."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from eenplan.assessments.forms import MeasurementForm
from eenplan.assessments.models import Instrument
from eenplan.households.models import Resident


class OwnMeasurementForm(MeasurementForm):
    def __init__(
        self, *args: Any, instrument: Instrument, resident: Resident, **kwargs: Any
    ) -> None:
        # The resident gives their own scores; the professional's view is not theirs to fill in.
        super().__init__(
            *args, instrument=instrument, resident=resident, for_resident=True, **kwargs
        )
        del self.fields["taken_on"]
        # The field template adds "(optional)": said once is enough.
        self.fields["note"].label = _("Do you want to add something?")
