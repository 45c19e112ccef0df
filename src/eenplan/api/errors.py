"""Placeholder: the API helper replaces this with the problem+json handler."""

from rest_framework.views import exception_handler


def problem_exception_handler(exc, context):  # type: ignore[no-untyped-def]
    return exception_handler(exc, context)
