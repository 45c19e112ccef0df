"""Form helpers that give every field the NL Design System classes and accessible error wiring."""

from __future__ import annotations

from typing import Any

from django import forms

_TEXT_CLASSES = "utrecht-textbox utrecht-textbox--html-input"
_WIDGET_CLASSES: dict[type[forms.Widget], str] = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
}


def conditionally_required(field: forms.Field) -> forms.Field:
    """A field that is required only together with another answer (the form's `clean` checks
    it): the label does not call it optional, and its help text says when it is needed."""
    field.conditionally_required = True  # type: ignore[attr-defined]
    return field


class AccessibleFormMixin:
    """Adds component classes; after validation marks invalid fields with aria-invalid and points
    aria-describedby at the help text and the error message that `includes/field.html` renders."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():
            widget = field.widget
            css = _WIDGET_CLASSES.get(type(widget), _TEXT_CLASSES)
            existing = widget.attrs.get("class", "")
            widget.attrs["class"] = f"{css} {existing}".strip()
        self.describe_help()

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name, field in self.fields.items():
            bound = self[name]  # type: ignore[index]
            described = []
            if field.help_text:
                described.append(f"{bound.id_for_label}_help")
            if name in self.errors:  # type: ignore[attr-defined]
                described.append(f"{bound.id_for_label}_error")
                field.widget.attrs["aria-invalid"] = "true"
                field.widget.attrs["class"] += " utrecht-textbox--invalid"
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def describe_help(self) -> None:
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self[name].id_for_label}_help"  # type: ignore[index]
