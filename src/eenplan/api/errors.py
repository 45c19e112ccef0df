"""Errors as problem details (RFC 9457), the way the NL API Design Rules ask for them.

Every error under /api/ answers `application/problem+json` with `type`, `title`, `status`,
`detail` and `instance`; a 400 about fields adds `invalidParams`, one entry per field that was
wrong, named by its path in the request as sent (`afspraken.2.eigenaar`). A 400 about the body as
a whole (not JSON, not an object, empty) says so in `detail` and has no `invalidParams`.

DRF's own messages are English or poor Dutch, and DRF's catalogue wins over this app's (it comes
first in INSTALLED_APPS), so the handler words each kind of error itself.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import set_rollback

logger = logging.getLogger("eenplan.api")

PROBLEM_CONTENT_TYPE = "application/problem+json"

# Each status points to the section of the standard that defines it.
PROBLEM_TYPES = {
    400: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.1",
    401: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.2",
    403: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.4",
    404: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.5",
    405: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.6",
    406: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.7",
    413: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.14",
    415: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.16",
    429: "https://datatracker.ietf.org/doc/html/rfc6585#section-4",
    500: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.6.1",
}


def problem_title(status: int) -> str:
    titles = {
        400: _("The request is not valid."),
        401: _("You are not logged in."),
        403: _("You may not do this."),
        404: _("Not found."),
        405: _("This method is not allowed here."),
        406: _("This response format cannot be delivered."),
        413: _("The request is too large."),
        415: _("This request format is not supported."),
        429: _("Too many requests."),
        500: _("Something went wrong on our side."),
    }
    return str(titles.get(status, _("The request could not be handled.")))


def problem_data(
    *,
    status: int,
    detail: str,
    instance: str,
    invalid_params: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "type": PROBLEM_TYPES.get(status, "about:blank"),
        "title": problem_title(status),
        "status": status,
        "detail": detail,
        "instance": instance,
    }
    if invalid_params is not None:
        data["invalidParams"] = invalid_params
    return data


# DRF's key for errors about an object as a whole, and ours.
NON_FIELD_KEYS = frozenset({api_settings.NON_FIELD_ERRORS_KEY, "nonFieldErrors"})


def invalid_params(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    """Flatten DRF's nested error detail into one entry per field: name, reason, code. An error
    about a nested object or list as a whole is named by its path (`regisseur`, `deelnemers`);
    one about the body as a whole is `nonFieldErrors`."""
    params: list[dict[str, str]] = []
    if isinstance(detail, Mapping):
        for key, value in detail.items():
            if key in NON_FIELD_KEYS:
                name = prefix
            elif prefix:
                name = f"{prefix}.{key}"
            else:
                name = str(key)
            params.extend(invalid_params(value, name))
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, Mapping | list):
                params.extend(invalid_params(value, f"{prefix}.{index}"))
            else:
                params.append(_param(prefix, value))
    else:
        params.append(_param(prefix, detail))
    return params


def _param(name: str, error: Any) -> dict[str, str]:
    return {
        "name": name or "nonFieldErrors",
        "reason": str(error),
        "code": str(getattr(error, "code", None) or "invalid"),
    }


def validation_error_from_django(
    exc: DjangoValidationError, field_names: Mapping[str, str]
) -> exceptions.ValidationError:
    """A service's per-field ValidationError, with the model's field names as the API names them.
    A field the API has no name for is not one the client sent: reported as nonFieldErrors, so no
    internal (snake_case) name reaches the client."""
    if not hasattr(exc, "error_dict"):
        return exceptions.ValidationError({"nonFieldErrors": [_detail(e) for e in exc.error_list]})
    detail: dict[str, list[exceptions.ErrorDetail]] = {}
    for field, errors in exc.error_dict.items():
        name = field_names.get(field, "nonFieldErrors")
        if name == "nonFieldErrors" and field != "__all__":
            logger.warning("The API has no name for the service's field %r", field)
        detail.setdefault(name, []).extend(_detail(e) for e in errors)
    return exceptions.ValidationError(_nest(detail))


def _detail(error: DjangoValidationError) -> exceptions.ErrorDetail:
    message = error.message % error.params if error.params else error.message
    return exceptions.ErrorDetail(str(message), code=error.code or "invalid")


def _nest(flat: Mapping[str, list[exceptions.ErrorDetail]]) -> dict[str, Any]:
    """{"inwoner.bsn": [...]} -> {"inwoner": {"bsn": [...]}}, as a serializer would report it. A
    name that has errors of its own and of fields inside it ("scores", "scores.3.item") keeps its
    own under DRF's non-field key, which `invalid_params` names by the path again."""
    own = api_settings.NON_FIELD_ERRORS_KEY
    nested: dict[str, Any] = {}
    for name, errors in flat.items():
        *parents, leaf = name.split(".")
        node = nested
        for part in parents:
            if isinstance(node.get(part), list):
                node[part] = {own: node[part]}
            node = node.setdefault(part, {})
        if isinstance(node.get(leaf), dict):
            node[leaf].setdefault(own, []).extend(errors)
        else:
            node.setdefault(leaf, []).extend(errors)
    return nested


class BadRequest(exceptions.APIException):
    """A 400 about the body as a whole: its detail says what is wrong; no invalidParams."""

    status_code = 400
    default_code = "bad_request"


class ContentTooLarge(exceptions.APIException):
    status_code = 413
    default_code = "content_too_large"


def _detail_text(exc: exceptions.APIException, status: int, method: str) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return _("One or more fields are not valid; see invalidParams.")
    if isinstance(exc, exceptions.ParseError):
        # Not the parser's own words: they are English and show its insides.
        return _("The body is not valid JSON.")
    if isinstance(exc, exceptions.NotAuthenticated):
        return _("You are not logged in. Send the header Authorization: Token <key>, or log in.")
    if isinstance(exc, exceptions.AuthenticationFailed):
        # One sentence for a token that never existed and one of an account that was closed.
        return _("This token is not valid, or its account is no longer active.")
    if status == 404:
        # The same sentence for "does not exist" and "not yours": it must not tell them apart.
        return _("There is nothing at this address, or you may not see it.")
    if isinstance(exc, exceptions.PermissionDenied):
        if exc.detail == exceptions.PermissionDenied.default_detail:
            return _("Your role does not allow this action.")
        if str(exc.detail).startswith("CSRF Failed"):  # DRF's session authentication
            return _(
                "The CSRF check failed. With a session, send the X-CSRFToken header; or use a "
                "token."
            )
        return str(exc.detail)  # a service's own reason, such as "only the coordinator ..."
    if isinstance(exc, exceptions.MethodNotAllowed):
        return _(
            "The method %(method)s is not allowed at this address; the Allow header lists the "
            "methods that are."
        ) % {"method": method}
    if isinstance(exc, exceptions.NotAcceptable):
        return _("This API answers in JSON only: send Accept: application/json.")
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return _("Send the body as JSON, with Content-Type: application/json.")
    if isinstance(exc, exceptions.Throttled):
        seconds = getattr(exc, "wait", None)
        if seconds is None:
            return _("Too many requests. Try again later.")
        wait = max(1, round(seconds))
        return ngettext(
            "Too many requests. Try again in %(wait)d second.",
            "Too many requests. Try again in %(wait)d seconds.",
            wait,
        ) % {"wait": wait}
    if status < 500 and isinstance(exc, BadRequest | ContentTooLarge):
        return str(exc.detail)
    return problem_title(status)


def _too_large() -> ContentTooLarge:
    return ContentTooLarge(
        _("The body is larger than %(size)s. Send less at once.")
        % {"size": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}
    )


def problem_exception_handler(exc: Exception, context: Mapping[str, Any]) -> Response | None:
    """DRF's exception handler, answering every error as a problem."""
    request = context.get("request")
    instance = request.path if request is not None else ""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        # A service says why (not the coordinator of this plan); without a reason, the role.
        reason = str(exc)
        exc = exceptions.PermissionDenied(reason) if reason else exceptions.PermissionDenied()
    elif isinstance(exc, RequestDataTooBig):
        exc = _too_large()
    if isinstance(exc, exceptions.APIException):
        status = exc.status_code
        headers: dict[str, str] = {}
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header  # type: ignore[attr-defined]
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))  # type: ignore[attr-defined]
        params = invalid_params(exc.detail) if isinstance(exc, exceptions.ValidationError) else None
        set_rollback()
        return Response(
            problem_data(
                status=status,
                detail=_detail_text(exc, status, request.method if request is not None else ""),
                instance=instance,
                invalid_params=params,
            ),
            status=status,
            headers=headers,
            content_type=PROBLEM_CONTENT_TYPE,
        )
    # Anything else is our fault: log it in full, tell the client nothing about the inside.
    logger.error("Unhandled error in the API at %s", instance, exc_info=exc)
    set_rollback()
    return Response(
        problem_data(status=500, detail=problem_title(500), instance=instance),
        status=500,
        content_type=PROBLEM_CONTENT_TYPE,
    )


def problem_response(request: HttpRequest, status: int, detail: str = "") -> JsonResponse:
    """A problem outside DRF's views: unknown addresses, and Django's own 404 and 500."""
    return JsonResponse(
        problem_data(status=status, detail=detail or problem_title(status), instance=request.path),
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )


def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Every address under /api/v1/ that matches no endpoint; the root `handler404` can delegate
    the rest of /api/ here too."""
    return problem_response(
        request, 404, _("There is nothing at this address, or you may not see it.")
    )


def server_error(request: HttpRequest) -> JsonResponse:
    """A 500 under /api/ that Django, not DRF, handles: for the root `handler500` to delegate to."""
    return problem_response(request, 500)
