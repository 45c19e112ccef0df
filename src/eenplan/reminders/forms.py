from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from eenplan.core.forms import AccessibleFormMixin
from eenplan.households.forms import DutchDateField
from eenplan.households.models import HouseholdMember


class ImportantDayForm(AccessibleFormMixin, forms.Form):
    resident = forms.ChoiceField(label=_("For whom"))
    on = DutchDateField(
        label=_("Date"),
        help_text=_("dd-mm-yyyy."),
        # The same words as the service's, which also refuses a date in the past.
        error_messages={"required": _("Fill in the date.")},
    )
    what = forms.CharField(
        label=_("What is it?"),
        help_text=_(
            "In the resident's own words, for example: job interview, court hearing, first day "
            "at school."
        ),
        max_length=200,
        error_messages={"required": _("Write what the day is, in the resident's own words.")},
    )

    def __init__(self, *args: Any, members: list[HouseholdMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["resident"]).choices = [
            ("", _("Choose…")),
            *[(str(m.resident.uuid), m.resident.full_name) for m in members],
        ]
        self.fields["resident"].error_messages["required"] = _("Choose a member of this household.")
        if len(members) == 1:
            # One member: no choice to make.
            self.fields["resident"].initial = str(members[0].resident.uuid)
