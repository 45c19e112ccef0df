from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from eenplan.core.forms import AccessibleFormMixin
from eenplan.households.models import HouseholdMember


class ImportantDayForm(AccessibleFormMixin, forms.Form):
    resident = forms.ChoiceField(label=_("For whom"))
    on = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Fill in a date, for example 2026-12-01.")},
        # The service says what is missing, in the same words as for a date in the past.
        required=False,
    )
    what = forms.CharField(
        label=_("What is it?"),
        help_text=_(
            "In the resident's own words, for example: job interview, court hearing, first day "
            "at school."
        ),
        max_length=200,
        required=False,
    )

    def __init__(self, *args: Any, members: list[HouseholdMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["resident"]).choices = [
            ("", _("Choose…")),
            *[(str(m.resident.uuid), m.resident.full_name) for m in members],
        ]
        self.fields["resident"].error_messages["required"] = _("Choose a member of this household.")
