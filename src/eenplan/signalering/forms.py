from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from eenplan.core.forms import AccessibleFormMixin
from eenplan.households.forms import DutchDateField
from eenplan.signalering.models import (
    AttemptWay,
    Outcome,
    ResidentKnows,
    SignalType,
    Urgency,
)
from eenplan.signalering.services import SignalInput


def _signal_type_choices() -> list[tuple[str, str]]:
    return [(t.code, t.name) for t in SignalType.objects.filter(active=True)]


class SignalForm(AccessibleFormMixin, forms.Form):
    """Under a minute: who, what, how urgent, and does the resident know."""

    signal_type_code = forms.ChoiceField(
        label=_("What did you notice?"),
        choices=(),
        error_messages={"required": _("Choose what you noticed.")},
    )
    given_names = forms.CharField(label=_("Given names"), required=False, max_length=120)
    surname_prefix = forms.CharField(label=_("Surname prefix"), required=False, max_length=20)
    surname = forms.CharField(label=_("Surname"), required=False, max_length=120)
    birth_date = DutchDateField(label=_("Date of birth"), required=False)
    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=11,
        help_text=_("Only if your organisation may process it."),
    )
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=7)
    house_number = forms.IntegerField(
        label=_("House number"), required=False, min_value=1, max_value=99999
    )
    house_number_suffix = forms.CharField(label=_("Addition"), required=False, max_length=8)
    street = forms.CharField(label=_("Street"), required=False, max_length=120)
    months_in_arrears = forms.IntegerField(
        label=_("Months in arrears"),
        required=False,
        min_value=0,
        max_value=120,
        help_text=_("For payment arrears."),
    )
    amount = forms.DecimalField(
        label=_("Amount in arrears (euro)"),
        required=False,
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=2,
        localize=True,
    )
    urgency = forms.ChoiceField(
        label=_("How urgent is it?"), choices=Urgency.choices, required=False
    )
    resident_knows = forms.ChoiceField(
        label=_("Does the resident know you are reporting this?"),
        choices=ResidentKnows.choices,
        initial=ResidentKnows.UNKNOWN,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Facts only: what you saw or heard, and when."),
    )

    def __init__(self, *args: Any, may_process_bsn: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field = self.fields["signal_type_code"]
        assert isinstance(choice_field, forms.ChoiceField)
        choice_field.choices = [("", "—"), *_signal_type_choices()]
        if not may_process_bsn:
            del self.fields["bsn"]

    def to_input(self) -> SignalInput:
        data = self.cleaned_data
        return SignalInput(
            signal_type_code=data["signal_type_code"],
            given_names=data.get("given_names") or "",
            surname_prefix=data.get("surname_prefix") or "",
            surname=data.get("surname") or "",
            birth_date=data.get("birth_date"),
            bsn=data.get("bsn") or "",
            street=data.get("street") or "",
            house_number=data.get("house_number"),
            house_number_suffix=data.get("house_number_suffix") or "",
            postcode=data.get("postcode") or "",
            months_in_arrears=data.get("months_in_arrears"),
            amount=data.get("amount"),
            urgency=data.get("urgency") or "",
            resident_knows=data.get("resident_knows") or ResidentKnows.UNKNOWN,
            note=data.get("note") or "",
        )

    def add_service_errors(self, error: ValidationError) -> None:
        for field, messages in error.message_dict.items():
            target = field if field in self.fields else None
            for message in messages:
                self.add_error(target, message)


class AttemptForm(AccessibleFormMixin, forms.Form):
    way = forms.ChoiceField(label=_("How"), choices=AttemptWay.choices)
    reached = forms.TypedChoiceField(
        label=_("Did you reach the resident?"),
        choices=[("ja", _("yes")), ("nee", _("no"))],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class CloseForm(AccessibleFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "—"), *Outcome.choices])


class ReviewForm(forms.Form):
    # "none" rejects every candidate; otherwise a resident id from the candidates.
    choice = forms.CharField()
