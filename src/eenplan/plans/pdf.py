"""The plan as a PDF for the resident: the same plain-Dutch content as the printable page, on A4,
with the household's name, the date and the page numbers in the footer.

WeasyPrint never goes out on the network here: static files are read from disk through the
static-file finders, anything else is refused.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from eenplan.accounts.actor import actor_from_request
from eenplan.plans.selectors import PrintablePlan, plan_printable

PDF_BASE_URL = "eenplan-pdf:/"


class StaticFilesOnly(URLFetcher):
    """Serves `data:` URLs and the project's static files from disk; refuses everything else,
    so a PDF never waits for, or leaks to, another server."""

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = url.removeprefix(PDF_BASE_URL.rstrip("/"))
        static_url = settings.STATIC_URL or "/static/"
        if url.startswith(PDF_BASE_URL) and path.startswith(static_url):
            found = finders.find(path.removeprefix(static_url))
            if isinstance(found, str):
                with open(found, "rb") as handle:
                    return URLFetcherResponse(url, handle.read())
        raise ValueError(f"Not fetched for a PDF: {url}")


def _css_string(text: str) -> str:
    """`text` as the inside of a double-quoted CSS string (safe inside a <style> element)."""
    escaped = []
    for char in text:
        if char in '"\\<>&' or ord(char) < 0x20:
            escaped.append(f"\\{ord(char):X} ")
        else:
            escaped.append(char)
    return "".join(escaped)


def footer_css(printable: PrintablePlan) -> dict[str, SafeString]:
    """The footer's content values: the household and date left, 'page x of y' right."""
    left = f"{printable.plan.household.name} · {date_format(printable.today, 'j F Y')}"
    # The counters are CSS, so the translated sentence is split around its placeholders.
    pages = _css_string(_("Page %(page)s of %(pages)s") % {"page": "{page}", "pages": "{pages}"})
    pages = pages.replace("{pages}", '" counter(pages) "').replace("{page}", '" counter(page) "')
    return {
        "footer_left": mark_safe(f'"{_css_string(left)}"'),  # noqa: S308 (escaped above)
        "footer_right": mark_safe(f'"{pages}"'),  # noqa: S308 (escaped above)
    }


def plan_pdf_bytes(*, printable: PrintablePlan, request: HttpRequest | None = None) -> bytes:
    html = render_to_string(
        "plans/print_pdf.html",
        {"printable": printable, "plan": printable.plan, **footer_css(printable)},
        request=request,
    )
    pdf = HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=StaticFilesOnly()).write_pdf()
    assert pdf is not None  # write_pdf without a target returns the bytes
    return pdf


def plan_pdf_filename(printable: PrintablePlan) -> str:
    """No names in the file name: it ends up in download folders and mail attachments."""
    return f"plan-{str(printable.plan.uuid)[:8]}-{printable.today:%Y-%m-%d}.pdf"


def plan_pdf_response(*, printable: PrintablePlan, request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        plan_pdf_bytes(printable=printable, request=request), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{plan_pdf_filename(printable)}"'
    return response


@never_cache
@login_required
@require_GET
def pdf_view(request: HttpRequest, household_uuid: str) -> HttpResponse:
    """For professionals who may see the household; the resident has `/mijn/plan.pdf`."""
    actor = actor_from_request(request)
    if not actor.works_with_cases:
        raise Http404
    printable = plan_printable(actor=actor, household_uuid=household_uuid)
    return plan_pdf_response(printable=printable, request=request)
