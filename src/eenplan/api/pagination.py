"""Pages of results: `pagina` and `paginaGrootte` in, `count`/`next`/`previous`/`results` out.

The selectors paginate themselves (they log exactly the residents on the page), so the API only
validates the query and turns a Django `Page` into the envelope. A page past the last one is a 400
naming the last page, on every list: Django's `get_page` would quietly answer the last page
instead, and a client paging with `pagina` would see the same results twice.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.request import Request
from rest_framework.utils.urls import remove_query_param, replace_query_param

from . import fields
from .inputs import QuerySerializer

PAGE_PARAM = "pagina"
PAGE_SIZE_PARAM = "paginaGrootte"
DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


class PageQuerySerializer(QuerySerializer):
    pagina = fields.IntegerField(
        min_value=1,
        default=1,
        help_text="Page number, starting at 1. A page past the last one is a 400 that names the "
        "last page.",
    )
    paginaGrootte = fields.IntegerField(
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        default=DEFAULT_PAGE_SIZE,
        error_messages={"max_value": gettext_lazy("At most {max_value} results per page.")},
        help_text="Results per page (at most 100).",
    )


def require_page(page: Page, asked: int) -> None:
    """400 when `asked` is past the last page, which `Paginator.get_page` replaced by the last.
    Where the selector logged the residents on that page, call this inside the same
    transaction: the entry is undone with the answer, as nothing was shown."""
    if page.number != asked:
        message = _("Page %(page)d does not exist; the last page is %(last)d.") % {
            "page": asked,
            "last": page.paginator.num_pages,
        }
        raise ValidationError({PAGE_PARAM: [ErrorDetail(message, code="outOfRange")]})


def _link(request: Request, number: int | None) -> str | None:
    if number is None:
        return None
    url = request.build_absolute_uri()
    if number == 1:
        return remove_query_param(url, PAGE_PARAM)
    return replace_query_param(url, PAGE_PARAM, number)


def page_envelope(request: Request, page: Page, results: Any) -> dict[str, Any]:
    return {
        "count": page.paginator.count,
        "next": _link(request, page.next_page_number() if page.has_next() else None),
        "previous": _link(request, page.previous_page_number() if page.has_previous() else None),
        "results": results,
    }


def page_serializer(name: str, item: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """A serializer class for the envelope around `item`, so the schema names it `name`."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(help_text="Number of results on all pages."),
            "next": serializers.URLField(
                allow_null=True, help_text="The next page, or null on the last page."
            ),
            "previous": serializers.URLField(
                allow_null=True, help_text="The previous page, or null on the first page."
            ),
            "results": item(many=True),
            "__module__": __name__,
        },
    )
