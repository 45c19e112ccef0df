"""The form to record a measurement: built from the instrument's items, one field per score."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.assessments.models import Instrument, InstrumentItem, ScaleAnchor, ScoredBy
from eenplan.assessments.services import (
    ItemScore,
    measurement_errors,
    professional_key,
    score_error,
)
from eenplan.core.forms import AccessibleFormMixin
from eenplan.households.forms import DutchDateField
from eenplan.households.models import Resident


@dataclass
class ItemFields:
    """What the template shows for one item: its score field(s) and the meaning of each score."""

    item: InstrumentItem
    # The item's name and description as the reader of the form reads them.
    name: str
    description: str
    field: forms.BoundField
    professional_field: forms.BoundField | None
    anchors: list[ScaleAnchor]
    anchors_id: str


class MeasurementForm(AccessibleFormMixin, forms.Form):
    taken_on = DutchDateField(label=_("Date of the measurement"), help_text=_("dd-mm-yyyy."))
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self,
        *args: Any,
        instrument: Instrument,
        resident: Resident,
        for_resident: bool = False,
        **kwargs: Any,
    ) -> None:
        """`for_resident`: the resident fills in their own scores (never the professional's
        view), and reads the items by their names for residents."""
        self.instrument = instrument
        self.resident = resident
        self.for_resident = for_resident
        self.items = list(instrument.items.all())
        super().__init__(*args, **kwargs)
        self.fields["taken_on"].initial = timezone.localdate()
        for item in self.items:
            both = item.asks_professional and not for_resident
            name = item.name_for_resident if for_resident else item.name
            self.fields[item.code] = self._score_field(
                _("%(item)s: the resident's score") % {"item": name}
                if both
                else _("Score for %(item)s") % {"item": name},
                name,
            )
            if both:
                self.fields[professional_key(item.code)] = self._score_field(
                    _("%(item)s: the professional's view") % {"item": item.name},
                    _("%(item)s (professional's view)") % {"item": item.name},
                )
        # Score fields go between the date and the note.
        self.order_fields(["taken_on", *[k for k in self.fields if k not in ("taken_on", "note")]])
        self._describe_anchors()

    def _score_field(self, label: str, subject: str) -> forms.IntegerField:
        # Range checks live in the service (one rule, one place); the browser gets hints only.
        return forms.IntegerField(
            label=label,
            error_messages={
                kind: score_error(
                    kind,
                    label=subject,
                    instrument=self.instrument,
                    for_resident=self.for_resident,
                )
                for kind in ("required", "invalid")
            },
            widget=forms.NumberInput(
                attrs={
                    "min": self.instrument.scale_min,
                    "max": self.instrument.scale_max,
                    "inputmode": "numeric",
                    # Added after the mixin styled the declared fields, so styled here.
                    "class": "utrecht-textbox utrecht-textbox--html-input "
                    "utrecht-textbox--numeric eenplan-short-input",
                }
            ),
        )

    def _anchors_id(self, item: InstrumentItem) -> str:
        return f"anchors-{item.code}"

    def _describe_anchors(self) -> None:
        for item in self.items:
            for name in (item.code, professional_key(item.code)):
                if name in self.fields:
                    widget = self.fields[name].widget
                    described = widget.attrs.get("aria-describedby", "").split()
                    if self._anchors_id(item) not in described:
                        described.insert(0, self._anchors_id(item))
                    widget.attrs["aria-describedby"] = " ".join(described)

    @property
    def scored_by(self) -> str:
        return ScoredBy.RESIDENT if self.for_resident else self.instrument.scored_by

    def clean(self) -> dict[str, Any]:
        """The service's rules, applied to whatever could be read: every field's problem in one
        round (a score out of range next to one that is not a number, the scores next to a date
        that is wrong). A field that already has an error keeps only that one."""
        cleaned = super().clean() or {}
        # The portal's form has no date: the resident's scores are for today.
        taken_on = cleaned.get("taken_on") if "taken_on" in self.fields else timezone.localdate()
        errors = measurement_errors(
            instrument=self.instrument,
            resident=self.resident,
            scored_by=self.scored_by,
            taken_on=taken_on,
            scores=self._readable_scores(),
            for_resident=self.for_resident,
        )
        for key, messages in errors.items():
            if key in self.errors:
                continue
            self.add_error(key if key in self.fields else None, messages)
        return cleaned

    def _readable_scores(self) -> dict[str, ItemScore]:
        data = self.cleaned_data
        return {
            item.code: ItemScore(
                value=data.get(item.code), professional=data.get(professional_key(item.code))
            )
            for item in self.items
        }

    def full_clean(self) -> None:
        super().full_clean()
        self._describe_anchors()

    def add_service_errors(self, exc: ValidationError) -> None:
        """The service's per-item errors, on the fields they belong to, marked as invalid."""
        for key, errors in exc.message_dict.items():
            field = key if key in self.fields else None
            self.add_error(field, errors)
            if field is not None:
                widget = self.fields[field].widget
                widget.attrs["aria-invalid"] = "true"
                described = widget.attrs.get("aria-describedby", "").split()
                described.append(f"{self[field].id_for_label}_error")
                widget.attrs["aria-describedby"] = " ".join(dict.fromkeys(described))

    def item_fields(self) -> list[ItemFields]:
        general = list(getattr(self.instrument, "general_anchors", []))
        rows = []
        for item in self.items:
            own = list(item.anchors.all())
            professional = professional_key(item.code)
            rows.append(
                ItemFields(
                    item=item,
                    name=item.name_for_resident if self.for_resident else item.name,
                    description=(
                        item.resident_description if self.for_resident else item.description
                    ),
                    field=self[item.code],
                    professional_field=self[professional] if professional in self.fields else None,
                    anchors=own or general,
                    anchors_id=self._anchors_id(item),
                )
            )
        return rows

    def scores(self) -> dict[str, ItemScore]:
        return self._readable_scores()
