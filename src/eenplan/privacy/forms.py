from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from eenplan.households.bsn import is_valid_bsn, normalise_bsn


class AccessLogSearchForm(forms.Form):
    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=120,
        help_text=_("Together with the date of birth."),
    )
    birth_date = forms.DateField(
        label=_("Date of birth"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    resident = forms.UUIDField(label=_("Resident number (uuid)"), required=False)
    household = forms.UUIDField(label=_("Household number (uuid)"), required=False)
    username = forms.CharField(label=_("User name"), required=False, max_length=150)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Up to and including"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_bsn(self) -> str:
        bsn = normalise_bsn(self.cleaned_data.get("bsn") or "")
        if bsn and not is_valid_bsn(bsn):
            raise forms.ValidationError(_("This is not a valid BSN."))
        return bsn

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("name")) != bool(data.get("birth_date")):
            raise forms.ValidationError(
                _("Search by name together with the date of birth, so the right person is found.")
            )
        return data

    @property
    def searches_person(self) -> bool:
        return bool(self.cleaned_data.get("bsn") or self.cleaned_data.get("name"))


class BreakTheGlassReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Review note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Was the emergency access justified? What follows from it?"),
    )
