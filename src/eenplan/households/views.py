"""Pages for households: the caseload, one household, registering, emergency access.

Thin: each view calls a selector or a service; authorisation and logging happen there.
"""

from __future__ import annotations

import csv
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from eenplan.accounts.actor import Actor, actor_from_request
from eenplan.households.forms import (
    BreakTheGlassForm,
    CaseloadSearchForm,
    InvolvementForm,
    MemberAddForm,
    MemberEndForm,
    RegisterForm,
)
from eenplan.households.models import Household, HouseholdMember, Involvement
from eenplan.households.selectors import (
    CaseloadQuery,
    DuplicateCheck,
    bsn_for_display,
    household_caseload,
    household_detail,
    household_export,
    household_find_for_emergency,
    household_get,
    households_visible_to,
    resident_detail,
    resident_duplicates,
)
from eenplan.households.services import (
    REGISTERING_ROLES,
    household_member_add,
    household_member_end,
    household_register,
    involvement_start,
    may_change_involvement,
    may_change_members,
)
from eenplan.households.services import involvement_end as involvement_end_service
from eenplan.plans.services import PLANNING_ROLES
from eenplan.privacy.models import AccessPurpose
from eenplan.privacy.services import break_the_glass_grant
from eenplan.signalering.selectors import household_signals, signal_detail
from eenplan.signalering.services import signal_link_new_resident


def _case_actor(request: HttpRequest) -> Actor:
    actor = actor_from_request(request)
    if not actor.works_with_cases:
        raise PermissionDenied
    return actor


def relation_label(actor: Actor, household: Household) -> str:
    """Why this household is on the actor's list, from the prefetched plan, involvements, grants."""
    plans = getattr(household, "active_plans", [])
    plan = plans[0] if plans else None
    if plan and plan.coordinator_professional_id == actor.user_id:
        return _("Coordinator")
    if plan and plan.backup_professional_id == actor.user_id:
        return _("Backup")
    involvements = getattr(household, "actor_involvements", [])
    if any(i.professional_id == actor.user_id for i in involvements):
        return _("Involved")
    if involvements:
        return _("Team involved")
    if getattr(household, "actor_grants", []):
        return _("Emergency access")
    if actor.lead_team_ids:
        return _("Team lead of the district")
    return ""


def _apply_errors(form: Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@never_cache
@login_required
@require_GET
def caseload(request: HttpRequest) -> HttpResponse:
    actor = _case_actor(request)
    form = CaseloadSearchForm(request.GET or None)
    params = (
        form.cleaned_or_defaults() if request.GET else {"q": "", "filter": "alle", "sort": "naam"}
    )
    page = household_caseload(
        actor=actor,
        query=CaseloadQuery(
            search=params["q"],
            filter=params["filter"],
            ordering=params["sort"],
            page=request.GET.get("pagina", 1),
        ),
    )
    rows = [
        {"household": household, "relation": relation_label(actor, household)}
        for household in page.object_list
    ]
    context: dict[str, Any] = {
        "form": form,
        "page": page,
        "page_numbers": list(
            page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        ),
        "ellipsis": page.paginator.ELLIPSIS,
        "rows": rows,
        "params": params,
        "sort_columns": _sort_columns(params),
        "may_register": bool(actor.roles & REGISTERING_ROLES),
    }
    if request.htmx and request.htmx.target == "caseload-results":  # type: ignore[attr-defined]
        template = "households/_caseload_results.html"
    else:
        template = "households/caseload.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


def _sort_columns(params: dict[str, str]) -> dict[str, dict[str, str]]:
    """Per sortable column: the sort value its link sets and its aria-sort state."""
    current = params["sort"]
    columns = {}
    for column in ("naam", "postcode"):
        if current == column:
            columns[column] = {"next": f"-{column}", "aria": "ascending"}
        elif current == f"-{column}":
            columns[column] = {"next": column, "aria": "descending"}
        else:
            columns[column] = {"next": column, "aria": "none"}
    return columns


def _csv_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    # Spreadsheet programs run cells that start like a formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@never_cache
@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    actor = _case_actor(request)
    households = household_export(actor=actor)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="huishoudens-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Household"),
            _("Address"),
            _("Postcode"),
            _("Place"),
            _("Neighbourhood"),
            _("Members"),
            _("Coordinator"),
            _("Your relation"),
        ]
    )
    for household in households:
        plans = getattr(household, "active_plans", [])
        members = ", ".join(
            f"{m.resident.full_name} ({m.resident.birth_date:%d-%m-%Y})"
            if m.resident.birth_date
            else m.resident.full_name
            for m in household.current_members  # type: ignore[attr-defined]
        )
        writer.writerow(
            [
                _csv_cell(household.name),
                _csv_cell(household.address_line),
                _csv_cell(household.postcode_display),
                _csv_cell(household.city),
                _csv_cell(household.neighbourhood.name if household.neighbourhood else ""),
                _csv_cell(members),
                _csv_cell(plans[0].coordinator_name if plans else ""),
                _csv_cell(relation_label(actor, household)),
            ]
        )
    return response


@never_cache
@login_required
@require_GET
def detail(request: HttpRequest, household_uuid: str) -> HttpResponse:
    actor = actor_from_request(request)
    if not actor.works_with_cases:
        # Residents read their household in the portal; other roles have no household pages.
        # A 404, like any household one may not see.
        raise Http404

    info = household_detail(actor=actor, household_uuid=household_uuid)
    members = [
        {"member": m, "bsn": bsn_for_display(actor=actor, resident=m.resident)}
        for m in info.current_members
    ]
    return render(
        request,
        "households/detail.html",
        {
            "info": info,
            "household": info.household,
            "members": members,
            "plan": info.active_plan,
            "emergency": info.purpose == AccessPurpose.BREAK_THE_GLASS,
            "may_plan": bool(actor.roles & PLANNING_ROLES),
            "may_change": actor.works_with_cases,
            # Leading the case (members, meetings, the coordinator) is for the coordinator, the
            # backup and the covering team lead; others who may see the household only read it.
            "may_lead": may_change_members(
                actor=actor, household=info.household, active_plan=info.active_plan
            ),
            "own_organisation_id": actor.organisation_id,
            "signals": household_signals(actor=actor, household_id=info.household.pk),
        },
    )


@never_cache
@login_required
@require_GET
def resident(request: HttpRequest, resident_uuid: str) -> HttpResponse:
    actor = actor_from_request(request)
    if not actor.works_with_cases:
        raise Http404  # residents read their own details in the portal, like the household page
    person = resident_detail(actor=actor, resident_uuid=resident_uuid)
    membership = person.memberships.filter(until__isnull=True).select_related("household").first()
    return render(
        request,
        "households/resident.html",
        {
            "resident": person,
            "bsn": bsn_for_display(actor=actor, resident=person),
            "membership": membership,
        },
    )


def _check_token(data: dict[str, Any], scope: str = "") -> str:
    """Ties the duplicate check to the details it was done for: changing them checks again."""
    key = "|".join(
        [
            scope,
            *(str(data.get(name) or "") for name in ("bsn", "surname", "birth_date", "postcode")),
        ]
    )
    return salted_hmac("eenplan.households.register", key).hexdigest()


def _duplicates_pending(
    actor: Actor, data: dict[str, Any], *, postcode: str, scope: str = ""
) -> tuple[DuplicateCheck | None, str]:
    """Run the duplicate check unless it was shown (and confirmed) for exactly these details.
    Returns the check and, when it found someone, the token that confirms "a different person"."""
    token = _check_token({**data, "postcode": postcode}, scope)
    if data.get("checked") == token:
        return None, ""
    duplicates = resident_duplicates(
        actor=actor,
        bsn=data["bsn"],
        surname=data["surname"],
        birth_date=data["birth_date"],
        postcode=postcode,
    )
    return duplicates, token if duplicates.found else ""


@never_cache
@login_required
def register(request: HttpRequest) -> HttpResponse:
    actor = _case_actor(request)
    if not actor.roles & REGISTERING_ROLES:
        raise PermissionDenied
    # Registering the person a signal is about, when nobody in the register matched.
    signal = _signal_to_register(actor, request.GET.get("signaal", ""))
    form = RegisterForm(request.POST or None, initial=_initial_from_signal(signal))
    duplicates = None
    check_token = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        duplicates, check_token = _duplicates_pending(actor, data, postcode=data["postcode"])
        if not check_token:
            with transaction.atomic():
                household = _register(actor, form)
                if household is not None and signal is not None:
                    signal_link_new_resident(
                        actor=actor,
                        signal=signal,
                        resident=household.members.get(until__isnull=True).resident,
                    )
            if household is not None:
                messages.success(
                    request, _("The household %(name)s is registered.") % {"name": household.name}
                )
                return redirect("households:detail", household_uuid=household.uuid)
    return render(
        request,
        "households/register.html",
        {"form": form, "duplicates": duplicates, "check_token": check_token, "signal": signal},
    )


def _signal_to_register(actor: Actor, raw_uuid: str) -> Any:
    if not raw_uuid:
        return None
    try:
        signal_uuid = uuid.UUID(raw_uuid)
    except ValueError as exc:
        raise Http404 from exc
    signal = signal_detail(actor=actor, signal_uuid=signal_uuid)
    if signal.resident_id is not None:
        raise Http404
    return signal


def _initial_from_signal(signal: Any) -> dict[str, Any]:
    if signal is None:
        return {}
    fields = (
        "given_names",
        "surname_prefix",
        "surname",
        "birth_date",
        "postcode",
        "house_number",
        "house_number_suffix",
        "street",
    )
    initial = {name: getattr(signal, name) for name in fields if getattr(signal, name)}
    if signal.postcode:
        initial["postcode"] = signal.postcode_display
    return initial


def _register(actor: Actor, form: RegisterForm) -> Household | None:
    data = form.cleaned_data
    try:
        resident_obj = form.build_resident()
        return household_register(actor=actor, resident=resident_obj, basis=data["basis"])
    except ValidationError as exc:
        _apply_errors(form, exc)
        return None


@never_cache
@login_required
def break_the_glass(request: HttpRequest) -> HttpResponse:
    actor = _case_actor(request)
    form = BreakTheGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        household = household_find_for_emergency(
            bsn=data["bsn"],
            surname=data["surname"],
            birth_date=data["birth_date"],
            postcode=data["postcode"],
        )
        if household is None:
            form.add_error(
                None,
                _(
                    "No single household matches these details exactly. Check them, or contact "
                    "the team that covers the address."
                ),
            )
        elif households_visible_to(actor, include_grants=False).filter(pk=household.pk).exists():
            messages.info(request, _("You already have access to this household for your work."))
            return redirect("households:detail", household_uuid=household.uuid)
        else:
            try:
                break_the_glass_grant(actor=actor, household=household, reason=data["reason"])
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                return redirect("households:detail", household_uuid=household.uuid)
    return render(request, "households/break_the_glass.html", {"form": form})


# Members and involvements, from the household page. Any professional in a case role who may see
# the household may change them; a household they cannot see is a 404.


def _household_for_case_work(request: HttpRequest, household_uuid: str) -> tuple[Actor, Household]:
    actor = actor_from_request(request)
    if not actor.works_with_cases:
        raise Http404
    return actor, household_get(actor=actor, household_uuid=household_uuid)


def _to_household(household: Household) -> HttpResponse:
    return redirect("households:detail", household_uuid=household.uuid)


@never_cache
@login_required
def member_add(request: HttpRequest, household_uuid: str) -> HttpResponse:
    actor, household = _household_for_case_work(request, household_uuid)
    if not may_change_members(actor=actor, household=household):
        raise PermissionDenied
    form = MemberAddForm(
        request.POST or None,
        initial={
            "postcode": household.postcode_display,
            "house_number": household.house_number,
            "house_number_suffix": household.house_number_suffix,
            "street": household.street,
            "city": household.city,
        },
    )
    duplicates = None
    check_token = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        duplicates, check_token = _duplicates_pending(
            actor,
            data,
            postcode=data["postcode"] or household.postcode,
            scope=str(household.uuid),
        )
        if not check_token:
            member = _member_add(actor, household, form)
            if member is not None:
                messages.success(
                    request,
                    _("%(name)s is added to the household.") % {"name": member.resident.full_name},
                )
                return _to_household(household)
    return render(
        request,
        "households/member_add.html",
        {
            "form": form,
            "household": household,
            "duplicates": duplicates,
            "check_token": check_token,
        },
    )


def _member_add(actor: Actor, household: Household, form: MemberAddForm) -> HouseholdMember | None:
    data = form.cleaned_data
    try:
        resident_obj = form.build_resident()
        return household_member_add(
            actor=actor, household=household, resident=resident_obj, relation=data["relation"]
        )
    except ValidationError as exc:
        _apply_errors(form, exc)
        return None


@never_cache
@login_required
def member_end(request: HttpRequest, household_uuid: str, member_id: int) -> HttpResponse:
    """GET asks to confirm; POST ends the membership on the given day (empty: today)."""
    actor, household = _household_for_case_work(request, household_uuid)
    if not may_change_members(actor=actor, household=household):
        raise PermissionDenied
    try:
        member = HouseholdMember.objects.select_related("resident", "household").get(
            pk=member_id, household=household, until__isnull=True
        )
    except HouseholdMember.DoesNotExist as exc:
        raise Http404 from exc
    form = MemberEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            household_member_end(actor=actor, member=member, until=form.cleaned_data["until"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s is no longer a member of the household.")
                % {"name": member.resident.full_name},
            )
            return _to_household(household)
    return render(
        request,
        "households/member_end.html",
        {"form": form, "household": household, "member": member},
    )


@never_cache
@login_required
def involvement_add(request: HttpRequest, household_uuid: str) -> HttpResponse:
    actor, household = _household_for_case_work(request, household_uuid)
    form = InvolvementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            involvement_start(
                actor=actor,
                household=household,
                organisation=data["organisation"],
                team=data["team"],
                professional=data["professional"],
                domain_codes=[domain.code for domain in data["domains"]],
                basis=data["basis"],
            )
        except PermissionDenied as exc:
            form.add_error("organisation", str(exc))
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(organisation)s is involved with the household.")
                % {"organisation": data["organisation"].name},
            )
            return _to_household(household)
    return render(
        request, "households/involvement_add.html", {"form": form, "household": household}
    )


@never_cache
@login_required
def involvement_end(
    request: HttpRequest, household_uuid: str, involvement_uuid: str
) -> HttpResponse:
    """GET asks to confirm; POST ends the involvement today."""
    actor, household = _household_for_case_work(request, household_uuid)
    try:
        involvement = Involvement.objects.select_related(
            "organisation", "team", "professional", "household"
        ).get(uuid=involvement_uuid, household=household, until__isnull=True)
    except Involvement.DoesNotExist as exc:
        raise Http404 from exc
    if not may_change_involvement(
        actor=actor, household=household, organisation_id=involvement.organisation_id
    ):
        raise PermissionDenied
    errors: list[str] = []
    if request.method == "POST":
        try:
            involvement_end_service(actor=actor, involvement=involvement)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(
                request,
                _("The involvement of %(organisation)s has ended.")
                % {"organisation": involvement.organisation.name},
            )
            return _to_household(household)
    return render(
        request,
        "households/involvement_end.html",
        {"household": household, "involvement": involvement, "errors": errors},
    )
