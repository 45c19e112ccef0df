"""What the API accepts: a request body is one JSON object, with only fields that can be written
there, each of the JSON type the OpenAPI document gives; a query string holds text.

A field the endpoint does not know, or one it only shows (such as `status` when adding a goal, or
`wat` when changing an action's status), is an error of its own in invalidParams, not ignored:
a client that thinks it set something learns that it did not.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any, ClassVar, TypeVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.request import Request

from .errors import BadRequest
from .fields import FIELD_MESSAGES, LIST_MESSAGES, NOT_AN_OBJECT

UNKNOWN = gettext_lazy("This field is not known here.")
READ_ONLY = gettext_lazy("You cannot fill in or change this field here.")


class BodyListSerializer(serializers.ListSerializer):
    default_error_messages = LIST_MESSAGES


class BodySerializer(serializers.Serializer):
    """A JSON object in a request body, or one nested in it.

    `shown_by` are the serializers of what the endpoint answers: a field they show that cannot be
    written here is reported as readOnly rather than as unknown."""

    json_types: ClassVar[bool] = True
    shown_by: ClassVar[tuple[type[serializers.Serializer], ...]] = ()
    default_error_messages = {**FIELD_MESSAGES, "invalid": NOT_AN_OBJECT}

    class Meta:
        list_serializer_class = BodyListSerializer

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, Mapping):
            self.fail("invalid")
        writable = {field.field_name for field in self._writable_fields}
        shown = _field_names(self.shown_by)
        extra = {
            str(key): [
                ErrorDetail(str(READ_ONLY), code="readOnly")
                if key in shown
                else ErrorDetail(str(UNKNOWN), code="unknown")
            ]
            for key in data
            if key not in writable
        }
        try:
            value = super().to_internal_value(data)
        except ValidationError as exc:
            if not extra or not isinstance(exc.detail, dict):
                raise
            raise ValidationError({**exc.detail, **extra}) from exc
        if extra:
            raise ValidationError(extra)
        return value


class QuerySerializer(serializers.Serializer):
    """The parameters of a query string: text, so an integer may come as "2"."""

    json_types: ClassVar[bool] = False


@cache
def _field_names(serializer_classes: tuple[type[serializers.Serializer], ...]) -> frozenset[str]:
    return frozenset(name for cls in serializer_classes for name, _field in cls().fields.items())


S = TypeVar("S", bound=BodySerializer)


def valid_body(request: Request, serializer_class: type[S], *, changes: bool = False) -> S:
    """The validated body. Not an object (an array, null, a string): a 400 that says so.
    `changes`: the body lists what to change (a PATCH), so an empty object is a 400 too."""
    data = request.data
    if not isinstance(data, Mapping):
        raise BadRequest(_("The body must be a JSON object: the fields between { and }."))
    if changes and not data:
        raise BadRequest(_("The body is empty. Send at least one field to change."))
    body = serializer_class(data=data)
    body.is_valid(raise_exception=True)
    return body
