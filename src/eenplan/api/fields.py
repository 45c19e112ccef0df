"""The fields of request bodies and query strings: DRF's fields, with plain Dutch messages and
the JSON types the OpenAPI document gives.

DRF's own messages are English, or Dutch that is poor or addresses the reader as "je"; and its
catalogue wins over ours, because Django prefers the app listed first in INSTALLED_APPS and
`rest_framework` comes before `eenplan.api`. So these fields carry messages with source strings of
our own, translated in this app's catalogue.

In a body (a JSON object) every value must have the JSON type the document gives it: a string
field takes only a string (not 7), a uuid only a string, a boolean only true or false, an integer
only a number. A query string holds only text, so there an integer may be written as text.
"""

from __future__ import annotations

import re
from typing import Any, NoReturn

from django.core.validators import ProhibitNullCharactersValidator
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.validators import ProhibitSurrogateCharactersValidator

# For every field, DRF's own and ours.
FIELD_MESSAGES = {
    "required": _("This field is mandatory."),
    "null": _("Give a value here; null is not allowed."),
}
NOT_A_LIST = _("Give a list here (a JSON array).")
NOT_AN_OBJECT = _("Give an object here (a JSON object).")
MAX_VALUE = _("Give a number of at most {max_value}.")
MIN_VALUE = _("Give a number of at least {min_value}.")
NUMBER_TOO_LONG = _("This number is too long.")

_DATETIME_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def json_types(field: serializers.Field) -> bool:
    """Whether the value came from a JSON body, where types are strict, or from a query string."""
    return bool(getattr(field.root, "json_types", True))


class _NoNullCharacters(ProhibitNullCharactersValidator):
    message = _("The text contains a null character (U+0000). Remove it.")


class _NoSurrogateCharacters(ProhibitSurrogateCharactersValidator):
    message = _("The text contains an invalid character (U+{code_point:X}). Remove it.")


class CharField(serializers.CharField):
    default_error_messages = {
        **FIELD_MESSAGES,
        "type": _("Give text here (a JSON string)."),
        "invalid": _("Give text here (a JSON string)."),
        "blank": _("This field cannot be empty."),
        "max_length": _("Use at most {max_length} characters."),
        "min_length": _("Use at least {min_length} characters."),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators = [
            validator
            for validator in self.validators
            if not isinstance(
                validator, ProhibitNullCharactersValidator | ProhibitSurrogateCharactersValidator
            )
        ] + [_NoNullCharacters(), _NoSurrogateCharacters()]

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("type")
        return super().to_internal_value(data)


class SlugField(CharField, serializers.SlugField):
    default_error_messages = {
        "invalid": _("Give a code of letters, digits, hyphens (-) and underscores (_) only."),
        "invalid_unicode": _(
            "Give a code of letters, digits, hyphens (-) and underscores (_) only."
        ),
    }


class _ChoicesInMessages(serializers.ChoiceField):
    def fail(self, key: str, **kwargs: Any) -> NoReturn:
        # The choices are in the OpenAPI document: naming them here tells nothing new.
        kwargs["choices"] = ", ".join(str(c) for c in self.choice_strings_to_values if c != "")
        super().fail(key, **kwargs)
        raise AssertionError  # fail() always raises


class ChoiceField(_ChoicesInMessages):
    default_error_messages = {
        **FIELD_MESSAGES,
        "invalid_choice": _("Choose one of: {choices}."),
    }

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str):
            self.fail("invalid_choice")
        return super().to_internal_value(data)


class MultipleChoiceField(_ChoicesInMessages, serializers.MultipleChoiceField):
    default_error_messages = {
        **FIELD_MESSAGES,
        "invalid_choice": _("Choose one of: {choices}."),
        "not_a_list": NOT_A_LIST,
        "empty": _("Choose at least one."),
    }

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, list):
            self.fail("not_a_list")
        if not all(isinstance(item, str) for item in data):
            self.fail("invalid_choice")
        return super().to_internal_value(data)  # type: ignore[arg-type]


class UUIDField(serializers.UUIDField):
    default_error_messages = {
        **FIELD_MESSAGES,
        "type": _("Give a uuid as text, such as 123e4567-e89b-12d3-a456-426614174000."),
        "invalid": _("This is not a uuid; a uuid looks like 123e4567-e89b-12d3-a456-426614174000."),
    }

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str):  # DRF would read a number as a uuid
            self.fail("type")
        return super().to_internal_value(data)


class BooleanField(serializers.BooleanField):
    default_error_messages = {
        **FIELD_MESSAGES,
        "type": _("Give true or false."),
        "invalid": _("Give true or false."),
    }

    def to_internal_value(self, data: Any) -> bool:
        if not isinstance(data, bool):  # DRF would take 1, "ja" and "on" as well
            self.fail("type")
        return data


class IntegerField(serializers.IntegerField):
    default_error_messages = {
        **FIELD_MESSAGES,
        "type": _("Give a whole number."),
        "invalid": _("Give a whole number."),
        "max_value": MAX_VALUE,
        "min_value": MIN_VALUE,
        "max_string_length": NUMBER_TOO_LONG,
    }

    def to_internal_value(self, data: Any) -> int:
        if json_types(self) and (isinstance(data, bool) or not isinstance(data, int)):
            self.fail("type")
        return super().to_internal_value(data)


class DecimalField(serializers.DecimalField):
    default_error_messages = {
        **FIELD_MESSAGES,
        "type": _('Give the number as text, with a point: such as "125.50".'),
        "invalid": _('Give the number as text, with a point: such as "125.50".'),
        "max_value": MAX_VALUE,
        "min_value": MIN_VALUE,
        "max_digits": _("Use at most {max_digits} digits."),
        "max_decimal_places": _("Use at most {max_decimal_places} digits after the point."),
        "max_whole_digits": _("Use at most {max_whole_digits} digits before the point."),
        "max_string_length": NUMBER_TOO_LONG,
    }

    def to_internal_value(self, data: Any) -> Any:
        # The OpenAPI document gives a decimal as a string, so that no amount loses a cent.
        if json_types(self) and not isinstance(data, str):
            self.fail("type")
        return super().to_internal_value(data)


class DateField(serializers.DateField):
    default_error_messages = {
        **FIELD_MESSAGES,
        "type": _("Give a date as YYYY-MM-DD, such as 2026-03-01."),
        "invalid": _("Give a date as YYYY-MM-DD, such as 2026-03-01."),
        "does_not_exist": _("This date does not exist."),
        "datetime": _("Give only a date, without a time."),
    }

    def to_internal_value(self, value: Any) -> Any:
        if not isinstance(value, str):
            self.fail("type")
        try:
            parsed = parse_date(value)
        except ValueError:  # the shape of a date, but 2026-02-30
            self.fail("does_not_exist")
        if parsed is None:
            self.fail("invalid")
        return parsed


class DateTimeField(serializers.DateTimeField):
    """A moment with its offset from UTC. Without one the moment is ambiguous (the night the
    clocks go back has 02:30 twice), so it is refused rather than guessed."""

    default_error_messages = {
        **FIELD_MESSAGES,
        "type": _("Give a date and time with a time zone, such as 2026-03-01T14:30:00+01:00."),
        "invalid": _("Give a date and time with a time zone, such as 2026-03-01T14:30:00+01:00."),
        "does_not_exist": _("This date or time does not exist."),
        "naive": _(
            "Add the time zone to the time, such as +01:00 (winter time) or +02:00 (summer "
            "time): 2026-03-01T14:30:00+01:00."
        ),
        "date": _("Give a date and a time, not only a date."),
        "make_aware": _("This time does not exist in the time zone {timezone}."),
        "overflow": _("This date and time is out of range."),
    }

    def to_internal_value(self, value: Any) -> Any:
        if not isinstance(value, str):
            self.fail("type")
        try:
            parsed = parse_datetime(value)
        except ValueError:  # the shape of a moment, but 2026-02-30T10:00 or 25:00
            self.fail("does_not_exist")
        if parsed is None or not _DATETIME_SHAPE.match(value):
            self.fail("invalid")
        if timezone.is_naive(parsed):
            self.fail("naive")
        return self.enforce_timezone(parsed)


LIST_MESSAGES: dict[str, Any] = {
    **FIELD_MESSAGES,
    "not_a_list": NOT_A_LIST,
    "empty": _("Give at least one item."),
    "min_length": _("Give at least {min_length} items."),
    "max_length": _("Give at most {max_length} items."),
}


class ListField(serializers.ListField):
    default_error_messages = LIST_MESSAGES


class DictField(serializers.DictField):
    default_error_messages = {
        **FIELD_MESSAGES,
        "not_a_dict": NOT_AN_OBJECT,
        "empty": _("Give at least one field."),
    }
