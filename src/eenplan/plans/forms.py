from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from eenplan.core.forms import AccessibleFormMixin
from eenplan.households.models import Resident


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
