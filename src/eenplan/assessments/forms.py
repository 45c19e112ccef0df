"""The form to record a measurement: built from the instrument's items, one field per score."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.assessments.models import Instrument, InstrumentItem, ScaleAnchor
from eenplan.assessments.services import ItemScore, professional_key
from eenplan.core.forms import AccessibleFormMixin
from eenplan.households.forms import DutchDateField


@dataclass
class ItemFields:
    """What the template shows for one item: its score field(s) and the meaning of each score."""

    item: InstrumentItem
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
        with_professional_view: bool = True,
        **kwargs: Any,
    ) -> None:
        self.instrument = instrument
        self.items = list(instrument.items.all())
        super().__init__(*args, **kwargs)
        self.fields["taken_on"].initial = timezone.localdate()
        for item in self.items:
            both = item.asks_professional and with_professional_view
            self.fields[item.code] = self._score_field(
                _("%(item)s: the resident's score") % {"item": item.name}
                if both
                else _("Score for %(item)s") % {"item": item.name},
                item.name,
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
                "required": _("Give a score for %(item)s.") % {"item": subject},
                "invalid": _("The score for %(item)s must be a whole number.") % {"item": subject},
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
                    field=self[item.code],
                    professional_field=self[professional] if professional in self.fields else None,
                    anchors=own or general,
                    anchors_id=self._anchors_id(item),
                )
            )
        return rows

    def scores(self) -> dict[str, ItemScore]:
        data = self.cleaned_data
        return {
            item.code: ItemScore(
                value=data.get(item.code), professional=data.get(professional_key(item.code))
            )
            for item in self.items
        }
