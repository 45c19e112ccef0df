"""The resident fills in an instrument they score themselves: always for today, so no date."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from eenplan.assessments.forms import MeasurementForm
from eenplan.assessments.models import Instrument


class OwnMeasurementForm(MeasurementForm):
    def __init__(self, *args: Any, instrument: Instrument, **kwargs: Any) -> None:
        # The resident gives their own scores; the professional's view is not theirs to fill in.
        super().__init__(*args, instrument=instrument, with_professional_view=False, **kwargs)
        del self.fields["taken_on"]
        self.fields["note"].label = _("Do you want to add something? (You may leave this empty.)")
