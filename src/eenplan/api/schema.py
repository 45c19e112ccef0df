"""The OpenAPI document: what drf-spectacular generates, plus what the NL API Design Rules ask.

The hook adds to every operation the `API-Version` response header and the problem+json error
responses it can give, so the document says what the middleware and the exception handler do.
Regenerate the committed copy with `make openapi`; a test fails while the two differ.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiJsonRenderer2
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import permissions
from rest_framework.request import Request
from rest_framework.response import Response

from .errors import PROBLEM_CONTENT_TYPE, PROBLEM_TYPES

# The document is generated in one language, so the served and the committed copy are the same.
SCHEMA_LANGUAGE = "en"

VERSION_HEADER = {"$ref": "#/components/headers/API-Version"}

SUCCESS_DESCRIPTIONS = {"200": "OK.", "201": "Created; Location holds its address."}

ERROR_DESCRIPTIONS = {
    "400": "The request is not valid: invalidParams lists each field that is wrong, or detail "
    "says what is wrong with the body as a whole. Also a page past the last.",
    "401": "Not logged in: send a session cookie or `Authorization: Token <key>`.",
    "403": "Your role may not do this, or not here (for instance: you do not coordinate this "
    "plan); detail says which.",
    "404": "Not found, or not yours to see: the two are indistinguishable.",
    "406": "The Accept header asks for a format other than JSON.",
    "413": "The body is larger than the server accepts (2.5 MB).",
    "415": "The body is not JSON.",
    "429": "Too many requests; Retry-After says when to try again.",
    "500": "Something went wrong on the server.",
}

COMPONENTS: dict[str, Any] = {
    "headers": {
        "API-Version": {
            "description": "The full version of the API that answered (semantic versioning).",
            "required": True,
            "schema": {"type": "string", "example": "1.0.0"},
        }
    },
    "schemas": {
        "Problem": {
            "type": "object",
            "description": "An error, as problem details (RFC 9457).",
            "required": ["type", "title", "status", "detail", "instance"],
            "properties": {
                "type": {
                    "type": "string",
                    "format": "uri",
                    "description": "What kind of error: the definition of the status code.",
                    "example": PROBLEM_TYPES[404],
                },
                "title": {
                    "type": "string",
                    "description": "A short sentence, the same for every error of this type.",
                },
                "status": {
                    "type": "integer",
                    "description": "The HTTP status code.",
                    "example": 404,
                },
                "detail": {"type": "string", "description": "What went wrong this time."},
                "instance": {
                    "type": "string",
                    "format": "uri-reference",
                    "description": "The path that was asked for.",
                },
            },
        },
        "InvalidParam": {
            "type": "object",
            "required": ["name", "reason", "code"],
            "properties": {
                "name": {
                    "type": "string",
                    "description": "The path to the field in the request as sent: nested "
                    "fields after a dot, an item of a list by its index counting from 0 "
                    "(afspraken.2.eigenaar, scores.0.waarde). An object or list that is wrong "
                    "as a whole is named by its own path (regisseur, deelnemers); the body as "
                    "a whole is nonFieldErrors; a path parameter is named as in this document "
                    "(uuid, goal_uuid); a field name that is not known is given as sent.",
                    "example": "inwoner.bsn",
                },
                "reason": {"type": "string", "description": "Why it is not valid, in Dutch."},
                "code": {
                    "type": "string",
                    "description": "A stable code for the reason, such as required, invalid, "
                    "type (the wrong JSON type), unknown (a field this endpoint does not know), "
                    "readOnly (a field it shows but does not take here), outOfRange (a page "
                    "past the last).",
                    "example": "invalid",
                },
            },
        },
        "ValidationProblem": {
            "type": "object",
            "description": "A 400 problem. About fields: one entry per field that is not valid "
            "in invalidParams, and nothing is saved. About the body as a whole (not JSON, not "
            "a JSON object, or an empty object where fields to change are expected): detail "
            "says so, without invalidParams.",
            "required": ["type", "title", "status", "detail", "instance"],
            "properties": {
                "type": {"type": "string", "format": "uri"},
                "title": {"type": "string"},
                "status": {"type": "integer", "example": 400},
                "detail": {"type": "string"},
                "instance": {"type": "string", "format": "uri-reference"},
                "invalidParams": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/InvalidParam"},
                },
            },
        },
    },
}


def _problem_response(code: str) -> dict[str, Any]:
    schema = "ValidationProblem" if code == "400" else "Problem"
    return {
        "description": ERROR_DESCRIPTIONS[code],
        "headers": {"API-Version": VERSION_HEADER},
        "content": {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


# The errors each operation can really answer with (405 is left out: it belongs to no operation).
_COMMON = ("400", "401", "406", "429", "500")
_WRITE = ("413", "415")
OPERATION_ERRORS = {
    "huishoudenList": _COMMON,
    "huishoudenCreate": (*_COMMON, "403", *_WRITE),
    "huishoudenRead": (*_COMMON, "404"),
    "inwonerRead": (*_COMMON, "404"),
    "organisatieList": (*_COMMON, "403"),
    "organisatieRead": (*_COMMON, "403", "404"),
    "toegangslogList": (*_COMMON, "404"),
    "signaalCreate": (*_COMMON, "403", *_WRITE),
    "signaalRead": (*_COMMON, "404"),
    "signaalsoortList": (*_COMMON, "403"),
    "instrumentList": _COMMON,
    "instrumentRead": (*_COMMON, "404"),
    "metingList": (*_COMMON, "404"),
    "metingCreate": (*_COMMON, "403", "404", *_WRITE),
    "metingRead": (*_COMMON, "404"),
    "planList": (*_COMMON, "403"),
    "planCreate": (*_COMMON, "403", "404", *_WRITE),
    "planRead": (*_COMMON, "403", "404"),
    "doelList": (*_COMMON, "403", "404"),
    "doelCreate": (*_COMMON, "403", "404", *_WRITE),
    "actieList": (*_COMMON, "403", "404"),
    "actieCreate": (*_COMMON, "403", "404", *_WRITE),
    "doelRead": (*_COMMON, "403", "404"),
    "doelUpdate": (*_COMMON, "403", "404", *_WRITE),
    "actieRead": (*_COMMON, "403", "404"),
    "actieUpdate": (*_COMMON, "403", "404", *_WRITE),
    "overlegList": (*_COMMON, "403"),
    "overlegCreate": (*_COMMON, "403", "404", *_WRITE),
    "overlegRead": (*_COMMON, "403", "404"),
    "overlegVerslagCreate": (*_COMMON, "403", "404", *_WRITE),
}


def add_nl_api_conventions(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """drf-spectacular postprocessing hook (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"])."""
    components = result.setdefault("components", {})
    for section, items in COMPONENTS.items():
        components.setdefault(section, {}).update(items)
    # A request body takes only the fields its schema lists: any other is a 400 (inputs.py).
    for name, schema in components.get("schemas", {}).items():
        if name.endswith("Request") and schema.get("type") == "object":
            schema["additionalProperties"] = False
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            for code, response in responses.items():
                response.setdefault("headers", {})["API-Version"] = VERSION_HEADER
                if not response.get("description"):
                    response["description"] = SUCCESS_DESCRIPTIONS.get(code, "")
            for code in OPERATION_ERRORS.get(operation.get("operationId", ""), ERROR_DESCRIPTIONS):
                responses.setdefault(code, _problem_response(code))
            operation["responses"] = dict(sorted(responses.items()))
    return result


class SchemaView(SpectacularAPIView):
    """GET /api/v1/openapi.json: public, like the standard asks; it holds no personal data."""

    renderer_classes = [OpenApiJsonRenderer2, OpenApiJsonRenderer]
    permission_classes = [permissions.AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(exclude=True)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with translation.override(SCHEMA_LANGUAGE):
            return self._get_schema_response(request)


def location_header(description: str, *, responses: tuple[int, ...] = (201,)) -> OpenApiParameter:
    """The Location header of an answer that created something (or found it again)."""
    return OpenApiParameter(
        "Location",
        OpenApiTypes.URI,
        OpenApiParameter.HEADER,
        response=list(responses),
        description=description,
    )
