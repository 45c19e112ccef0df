from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.core.forms import AccessibleFormMixin, conditionally_required
from eenplan.households.models import Involvement, Resident
from eenplan.meetings.models import MeetingKind
from eenplan.meetings.services import PAST_GRACE, AgreementInput, ParticipantInput
from eenplan.organisations.models import Organisation
from eenplan.plans.forms import action_owner_options
from eenplan.plans.models import Goal


class ScheduleForm(AccessibleFormMixin, forms.Form):
    """When and where, and who sits at the table: the involved organisations (with their
    professional), household members, and relatives by name (one a line)."""

    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=MeetingKind.choices)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        help_text=_("For a kitchen-table conversation: at the resident's home."),
    )
    parties = forms.MultipleChoiceField(
        label=_("Participants"), required=False, widget=forms.CheckboxSelectMultiple
    )
    relatives = forms.CharField(
        label=_("Relatives at the table"),
        required=False,
        max_length=1000,
        help_text=_("One name a line."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    absence_reason = conditionally_required(
        forms.CharField(
            label=_("Why is the resident not invited?"),
            required=False,
            max_length=2000,
            help_text=_("Required when no member of the household is invited."),
            widget=forms.Textarea(attrs={"rows": 2}),
        )
    )

    def __init__(
        self,
        *args: Any,
        involvements: list[Involvement],
        residents: list[Resident],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._involvements = {f"i{i.pk}": i for i in involvements}
        self._residents = {f"r{r.pk}": r for r in residents}
        cast(forms.MultipleChoiceField, self.fields["parties"]).choices = [
            (
                key,
                f"{i.organisation.name} ({i.professional})"
                if i.professional
                else i.organisation.name,
            )
            for key, i in self._involvements.items()
        ] + [(key, r.full_name) for key, r in self._residents.items()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        date, start, end = data.get("date"), data.get("start"), data.get("end")
        if date and start and end:
            zone = timezone.get_current_timezone()
            data["starts_at"] = timezone.make_aware(dt.datetime.combine(date, start), zone)
            data["ends_at"] = timezone.make_aware(dt.datetime.combine(date, end), zone)
            # The service checks these too; here they show with every other mistake at once.
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("end", _("The meeting must end after it starts."))
            if data["starts_at"] < timezone.now() - PAST_GRACE:
                self.add_error(
                    "date", _("This date is in the past. A planned meeting needs a future date.")
                )
        participants = []
        for key in data.get("parties") or []:
            if key in self._involvements:
                involvement = self._involvements[key]
                participants.append(
                    ParticipantInput(
                        organisation=involvement.organisation,
                        professional=involvement.professional,
                    )
                )
            else:
                participants.append(ParticipantInput(resident=self._residents[key]))
        for line in (data.get("relatives") or "").splitlines():
            if line.strip():
                participants.append(ParticipantInput(relative_name=line.strip()))
        data["participants"] = participants
        if (
            "parties" in data
            and not any(p.resident is not None for p in participants)
            and not (data.get("absence_reason") or "").strip()
        ):
            self.add_error(
                "absence_reason",
                _(
                    "No member of the household is invited. Invite the resident, or write down "
                    "why they are not at the table."
                ),
            )
        return data


class RecordForm(AccessibleFormMixin, forms.Form):
    resident_present = forms.TypedChoiceField(
        label=_("Was the resident at the table?"),
        choices=[("ja", _("Yes")), ("nee", _("No"))],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
    )
    absence_reason = conditionally_required(
        forms.CharField(
            label=_("Why was the resident not there?"),
            required=False,
            max_length=2000,
            help_text=_("Required when the resident was not at the table."),
            widget=forms.Textarea(attrs={"rows": 2}),
        )
    )
    summary = forms.CharField(
        label=_("Summary for the resident"),
        required=False,
        max_length=5000,
        help_text=_("Plain Dutch: short sentences, no jargon. The resident reads this."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def clean(self) -> dict[str, Any]:
        # Checked here as well as in the service, so that it shows in the same round as every
        # other mistake on the page.
        data = super().clean() or {}
        if data.get("resident_present") is False and not (data.get("absence_reason") or "").strip():
            self.add_error(
                "absence_reason",
                _(
                    "The resident was not at the table. Write down why: a meeting about "
                    "someone is held with them, unless there is a reason."
                ),
            )
        return data


class AgreementForm(AccessibleFormMixin, forms.Form):
    """One agreement; it becomes an action in the plan. A row without text is skipped."""

    goal = conditionally_required(forms.ChoiceField(label=_("For the goal"), required=False))
    what = forms.CharField(
        label=_("What was agreed"),
        required=False,
        max_length=1000,
        help_text=_("Leave empty if there is no agreement to add here."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    owner = conditionally_required(forms.ChoiceField(label=_("Who does this"), required=False))
    due_on = forms.DateField(
        label=_("Before"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(
        self,
        *args: Any,
        goals: list[Goal],
        residents: list[Resident],
        professionals: list[Any],
        organisations: list[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._goals = {str(g.pk): g for g in goals}
        self._owners = action_owner_options(residents, professionals, organisations)
        cast(forms.ChoiceField, self.fields["goal"]).choices = [("", _("Choose…"))] + [
            (str(g.pk), f"{g.domain.name}: {g.text[:80]}") for g in goals
        ]
        cast(forms.ChoiceField, self.fields["owner"]).choices = [("", _("Choose…"))] + [
            (key, owner.full_name if name == "owner_resident" else str(owner))
            for key, (name, owner) in self._owners.items()
        ]

    @property
    def title(self) -> str:
        number = int((self.prefix or "afspraak0").removeprefix("afspraak")) + 1
        return _("Agreement %(number)s") % {"number": number}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("what") or "").strip():
            if data.get("goal") not in self._goals:
                self.add_error("goal", _("Choose the goal this agreement belongs to."))
            if data.get("owner") not in self._owners:
                self.add_error("owner", _("Choose who does this: one person or organisation."))
        elif data.get("goal") or data.get("owner") or data.get("due_on"):
            self.add_error("what", _("Write down what was agreed, or leave the whole row empty."))
        return data

    def agreement(self) -> AgreementInput | None:
        """The agreement of a valid row; None for an empty row."""
        data = self.cleaned_data
        if not (data.get("what") or "").strip():
            return None
        owner = self._owners[data["owner"]]
        return AgreementInput(
            goal=self._goals[data["goal"]],
            what=data["what"],
            due_on=data.get("due_on"),
            **{owner[0]: owner[1]},
        )
