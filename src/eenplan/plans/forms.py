from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.assessments.models import Instrument
from eenplan.core.forms import AccessibleFormMixin, conditionally_required
from eenplan.households.models import Resident
from eenplan.organisations.models import Organisation
from eenplan.plans.models import Goal, GoalStatus
from eenplan.taxonomy.models import LifeDomain


class CoordinatorForm(AccessibleFormMixin, forms.Form):
    """Who coordinates: a professional, or a household member with a professional as backup.

    Choices are built from what the household page already shows: the involved professionals
    (and the acting professional), and the current members.
    """

    coordinator = forms.ChoiceField(label=_("Coordinator"))
    backup = forms.ChoiceField(
        label=_("Backup professional"),
        required=False,
        help_text=_("Needed when a resident or relative coordinates."),
    )
    summary = forms.CharField(
        label=_("Summary of the plan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(
        self,
        *args: Any,
        professionals: list[Any],
        residents: list[Resident],
        with_reason: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._professionals = {str(p.pk): p for p in professionals}
        self._residents = {str(r.pk): r for r in residents}
        professional_choices = [(f"p{p.pk}", str(p)) for p in professionals]
        resident_choices = [(f"r{r.pk}", r.full_name) for r in residents]
        cast(forms.ChoiceField, self.fields["coordinator"]).choices = [
            ("", _("Choose…")),
            (_("Professional"), professional_choices),
            (_("Resident or relative"), resident_choices),
        ]
        cast(forms.ChoiceField, self.fields["backup"]).choices = [
            ("", _("No backup")),
            *professional_choices,
        ]
        if with_reason:
            self.fields["reason"] = forms.CharField(
                label=_("Reason for the change"),
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields["reason"].widget.attrs["class"] = (
                "utrecht-textarea utrecht-textarea--html-textarea"
            )
            del self.fields["summary"]
            self.describe_help()

    def _person(self, value: str) -> Any:
        kind, pk = value[:1], value[1:]
        person = (self._professionals if kind == "p" else self._residents).get(pk)
        if person is None:
            raise ValidationError(_("Choose someone from the list."))
        return kind, person

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        coordinator = data.get("coordinator")
        data["coordinator_professional"] = data["coordinator_resident"] = None
        data["backup_professional"] = None
        if coordinator:
            try:
                kind, person = self._person(coordinator)
            except ValidationError as exc:
                self.add_error("coordinator", exc)
                return data
            key = "coordinator_professional" if kind == "p" else "coordinator_resident"
            data[key] = person
        backup = data.get("backup")
        if backup:
            try:
                _kind, data["backup_professional"] = self._person(backup)
            except ValidationError as exc:
                self.add_error("backup", exc)
        return data


class GoalForm(AccessibleFormMixin, forms.Form):
    domain = forms.ModelChoiceField(
        label=_("Life domain"),
        queryset=LifeDomain.objects.order_by("position", "name"),
        empty_label=_("Choose…"),
    )
    text = forms.CharField(
        label=_("Goal"),
        help_text=_("In the resident's own words, as they said it."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    professional_note = forms.CharField(
        label=_("Note by the professional"),
        required=False,
        max_length=2000,
        help_text=_("Not printed on the resident's plan."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


RELATIVE = "relative"


def action_owner_options(
    residents: list[Resident], professionals: list[Any], organisations: list[Organisation]
) -> dict[str, tuple[str, Any]]:
    """Who can own an action, keyed as the owner field's choices: the key names the kind ("r", "p",
    "o" and the pk), the value the service's keyword and the owner."""
    options: dict[str, tuple[str, Any]] = {}
    for resident in residents:
        options[f"r{resident.pk}"] = ("owner_resident", resident)
    for person in professionals:
        options[f"p{person.pk}"] = ("owner_professional", person)
    for organisation in organisations:
        options[f"o{organisation.pk}"] = ("owner_organisation", organisation)
    return options


class ActionForm(AccessibleFormMixin, forms.Form):
    """What will be done for which goal, by whom, before when. The owner is one choice from the
    household's members, the involved professionals and organisations, or a relative by name."""

    goal = forms.ChoiceField(label=_("For the goal"))
    what = forms.CharField(
        label=_("What will be done"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = forms.ChoiceField(label=_("Who does this"))
    relative_name = conditionally_required(
        forms.CharField(
            label=_("Name of the relative"),
            required=False,
            max_length=200,
            help_text=_("Needed when a relative does this."),
        )
    )
    due_on = forms.DateField(
        label=_("Before"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
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
        self._goals = {str(g.uuid): g for g in goals}
        self._owners = action_owner_options(residents, professionals, organisations)
        cast(forms.ChoiceField, self.fields["goal"]).choices = [
            ("", _("Choose…")),
            *((str(g.uuid), f"{g.domain.name}: {g.text[:80]}") for g in goals),
        ]
        cast(forms.ChoiceField, self.fields["owner"]).choices = [
            ("", _("Choose…")),
            (_("Household"), [(f"r{r.pk}", r.full_name) for r in residents]),
            (_("Relative"), [(RELATIVE, _("A relative (write the name below)"))]),
            (_("Professional"), [(f"p{p.pk}", str(p)) for p in professionals]),
            (_("Organisation"), [(f"o{o.pk}", o.name) for o in organisations]),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        goal = data.get("goal")
        if goal:
            data["goal_object"] = self._goals.get(goal)
            if data["goal_object"] is None:
                self.add_error("goal", _("Choose a goal from the list."))
        owner = data.get("owner")
        for key in ("owner_resident", "owner_professional", "owner_organisation"):
            data[key] = None
        data["owner_relative"] = ""
        if owner == RELATIVE:
            data["owner_relative"] = (data.get("relative_name") or "").strip()
            if not data["owner_relative"]:
                self.add_error("relative_name", _("Write the name of the relative."))
        elif owner:
            found = self._owners.get(owner)
            if found is None:
                self.add_error("owner", _("Choose someone from the list."))
            else:
                data[found[0]] = found[1]
        return data


class GoalEditForm(GoalForm):
    """Change a goal's words, note or domain, or mark it reached or stopped."""

    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)


class PlanCloseForm(AccessibleFormMixin, forms.Form):
    """Why the plan closes, and when the follow-up measurement is due with which instrument.
    The rules (a reason, a date after today, an active plan) live in `plan_close`."""

    reason = forms.CharField(
        label=_("Why is the plan closed, and what did it achieve?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write down why the plan is closed and what it achieved.")},
    )
    follow_up_on = forms.DateField(
        label=_("Follow-up measurement on"),
        help_text=_("Usually six months after closing: to see whether the result lasted."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Give the date of the follow-up measurement.")},
    )
    follow_up_instrument = forms.ModelChoiceField(
        label=_("Instrument for the follow-up measurement"),
        queryset=Instrument.objects.filter(active=True).order_by("position", "code"),
        empty_label=_("Choose…"),
        error_messages={"required": _("Choose an instrument that is in use.")},
    )
    confirm = forms.BooleanField(
        label=_("I close the plan. After this its goals and actions can no longer change."),
        error_messages={"required": _("Tick the box to confirm that the plan closes.")},
    )

    def clean_follow_up_on(self) -> dt.date:
        # Also checked by `plan_close`; here too, so that it shows with the other mistakes.
        value: dt.date = self.cleaned_data["follow_up_on"]
        if value <= timezone.localdate():
            raise ValidationError(_("The follow-up measurement must be on a date after today."))
        return value
