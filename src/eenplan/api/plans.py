"""Plans, their goals and their actions: read them, start a plan, add goals and actions, and
change an action's status.

Plans follow the household: whoever may see the household may read its plan; anyone else gets
404, exactly as for a plan that does not exist. Residents read their plan in the portal, not
through this API (403). Writing is for the planning roles (regisseur, teamleider) and, within a
plan, for its coordinator, its backup and the team lead of the district (else 403); the
professional who owns an action may report its status. Every read goes through the plans
selectors, which write the access log; every write through the plans services, which audit it
and write a plan version in the same transaction.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import exceptions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from eenplan.accounts.actor import Actor
from eenplan.accounts.models import User
from eenplan.households.models import Household, Resident
from eenplan.households.selectors import household_get
from eenplan.organisations.models import CASE_ROLES, Membership, Organisation
from eenplan.plans.models import Action, ActionStatus, Goal, GoalStatus, Plan, PlanStatus
from eenplan.plans.selectors import (
    plan_action_get,
    plan_action_page,
    plan_action_read,
    plan_for_write,
    plan_get,
    plan_goal_get,
    plan_goal_page,
    plan_goal_read,
    plan_page,
)
from eenplan.plans.services import (
    PLANNING_ROLES,
    action_add,
    action_update_status,
    goal_add,
    goal_update,
    may_update_action,
    may_write_plan,
    plan_start,
)

from . import fields
from .errors import validation_error_from_django
from .inputs import BodySerializer, valid_body
from .pagination import PageQuerySerializer, page_envelope, page_serializer, require_page
from .schema import location_header
from .serializers import (
    COORDINATOR_KINDS,
    CoordinatorSerializer,
    LifeDomainSerializer,
    ProfessionalSerializer,
)
from .views import IsProfessional, _uuid_parameter, _valid_uuid, api_actor

OWNER_KINDS = ("inwoner", "naaste", "professional", "organisatie")
# The one reference each kind of owner needs, by its name in `eigenaar`.
OWNER_REFERENCE = {
    "inwoner": "inwoner",
    "naaste": "naam",
    "professional": "professional",
    "organisatie": "organisatie",
}


def _plan_uuid_parameter() -> OpenApiParameter:
    return _uuid_parameter("The plan's uuid.")


def _invalid(field: str, message: str, code: str) -> exceptions.ValidationError:
    """A 400 for one field, nested the way a serializer reports it ("eigenaar.inwoner")."""
    *parents, leaf = field.split(".")
    detail: dict[str, Any] = {leaf: [exceptions.ErrorDetail(message, code=code)]}
    for parent in reversed(parents):
        detail = {parent: detail}
    return exceptions.ValidationError(detail)


# --- serializers ---------------------------------------------------------------------------


class OwnerSerializer(serializers.Serializer):
    soort = serializers.SerializerMethodField(
        help_text="inwoner: a household member; naaste: a relative, by name; professional; "
        "organisatie."
    )
    naam = serializers.CharField(source="owner_name")
    inwoner = serializers.UUIDField(
        source="owner_resident.uuid", allow_null=True, default=None, help_text="For inwoner."
    )
    professional = serializers.UUIDField(
        source="owner_professional.uuid",
        allow_null=True,
        default=None,
        help_text="For professional.",
    )
    organisatie = serializers.UUIDField(
        source="owner_organisation.uuid",
        allow_null=True,
        default=None,
        help_text="For organisatie.",
    )

    @extend_schema_field(serializers.ChoiceField(choices=OWNER_KINDS))
    def get_soort(self, action: Action) -> str:
        if action.owner_resident_id:
            return "inwoner"
        if action.owner_relative:
            return "naaste"
        if action.owner_professional_id:
            return "professional"
        return "organisatie"


class ActionSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    url = serializers.SerializerMethodField()
    doel = serializers.UUIDField(source="goal.uuid", help_text="The goal the action serves.")
    wat = serializers.CharField(source="what")
    eigenaar = OwnerSerializer(source="*", help_text="Who does it: exactly one owner.")
    deadline = serializers.DateField(source="due_on", allow_null=True)
    status = serializers.ChoiceField(
        choices=ActionStatus.choices,
        help_text="open; gedaan: done; vervallen: cancelled.",
    )
    gedaanOp = serializers.DateField(source="done_on", allow_null=True)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, action: Action) -> str:
        return reverse(
            "api:plan-action-detail",
            kwargs={"uuid": self.context["plan"].uuid, "action_uuid": action.uuid},
            request=self.context.get("request"),
        )


class GoalSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    url = serializers.SerializerMethodField()
    levensdomein = LifeDomainSerializer(source="domain")
    tekst = serializers.CharField(source="text", help_text="The goal in the resident's words.")
    toelichtingProfessional = serializers.CharField(source="professional_note")
    status = serializers.ChoiceField(
        choices=GoalStatus.choices, help_text="open; bereikt: reached; gestopt: stopped."
    )
    acties = ActionSerializer(source="action_list", many=True)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, goal: Goal) -> str:
        return reverse(
            "api:plan-goal-detail",
            kwargs={"uuid": self.context["plan"].uuid, "goal_uuid": goal.uuid},
            request=self.context.get("request"),
        )


class _PlanUrlMixin(serializers.Serializer):
    uuid = serializers.UUIDField()
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, plan: Plan) -> str:
        return reverse(
            "api:plan-detail", kwargs={"uuid": plan.uuid}, request=self.context.get("request")
        )


class PlanOverviewSerializer(_PlanUrlMixin):
    huishouden = serializers.UUIDField(source="household.uuid")
    status = serializers.ChoiceField(choices=PlanStatus.choices)
    gestartOp = serializers.DateField(source="started_on")
    afgeslotenOp = serializers.DateField(source="closed_on", allow_null=True)
    regisseur = CoordinatorSerializer(source="*")
    achtervang = ProfessionalSerializer(
        source="backup_professional",
        allow_null=True,
        help_text="The professional who backs up a resident who coordinates.",
    )
    samenvatting = serializers.CharField(source="summary")


class PlanDetailSerializer(PlanOverviewSerializer):
    doelen = GoalSerializer(
        source="goal_list", many=True, help_text="The goals per life domain, with their actions."
    )


PlanPageSerializer = page_serializer("PlanPage", PlanOverviewSerializer)
GoalPageSerializer = page_serializer("GoalPage", GoalSerializer)
ActionPageSerializer = page_serializer("ActionPage", ActionSerializer)


class PlanQuerySerializer(PageQuerySerializer):
    huishouden = fields.UUIDField(required=False, help_text="Only the plans of this household.")
    status = fields.ChoiceField(
        choices=PlanStatus.choices, required=False, help_text="Only plans with this status."
    )


class ActionQuerySerializer(PageQuerySerializer):
    status = fields.ChoiceField(
        choices=ActionStatus.choices, required=False, help_text="Only actions with this status."
    )


class CoordinatorInputSerializer(BodySerializer):
    shown_by = (CoordinatorSerializer,)

    soort = fields.ChoiceField(
        choices=COORDINATOR_KINDS,
        help_text="professional, or inwoner: a resident or relative (then achtervang is needed).",
    )
    professional = fields.UUIDField(
        required=False, allow_null=True, default=None, help_text="For professional."
    )
    inwoner = fields.UUIDField(
        required=False, allow_null=True, default=None, help_text="For inwoner."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        wanted = attrs["soort"]
        other = "inwoner" if wanted == "professional" else "professional"
        if attrs.get(wanted) is None:
            raise serializers.ValidationError(
                {wanted: [_("Say who coordinates.")]}, code="required"
            )
        if attrs.get(other) is not None:
            raise serializers.ValidationError(
                {other: [_("A plan has one coordinator. Choose only one.")]}, code="one_owner"
            )
        return attrs


class PlanCreateSerializer(BodySerializer):
    shown_by = (PlanDetailSerializer,)

    huishouden = fields.UUIDField(help_text="The household; it must not have an active plan yet.")
    regisseur = CoordinatorInputSerializer()
    achtervang = fields.UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The professional who backs up a resident who coordinates.",
    )
    samenvatting = fields.CharField(max_length=2000, required=False, default="", allow_blank=True)


class GoalCreateSerializer(BodySerializer):
    shown_by = (GoalSerializer,)

    levensdomein = fields.SlugField(
        max_length=40, help_text="The code of a life domain, such as werk-inkomen or financien."
    )
    tekst = fields.CharField(max_length=1000, help_text="The goal in the resident's own words.")
    toelichtingProfessional = fields.CharField(
        max_length=2000, required=False, default="", allow_blank=True
    )


class GoalUpdateSerializer(BodySerializer):
    shown_by = (GoalSerializer,)

    levensdomein = fields.SlugField(max_length=40, required=False)
    tekst = fields.CharField(
        max_length=1000, required=False, help_text="The goal in the resident's own words."
    )
    toelichtingProfessional = fields.CharField(max_length=2000, required=False, allow_blank=True)
    status = fields.ChoiceField(
        choices=GoalStatus.choices,
        required=False,
        help_text="open; bereikt: reached; gestopt: stopped.",
    )


class OwnerInputSerializer(BodySerializer):
    shown_by = (OwnerSerializer,)

    soort = fields.ChoiceField(choices=OWNER_KINDS)
    inwoner = fields.UUIDField(
        required=False, allow_null=True, default=None, help_text="For inwoner: a household member."
    )
    naam = fields.CharField(
        max_length=200,
        required=False,
        default="",
        allow_blank=True,
        help_text="For naaste: the relative's name.",
    )
    professional = fields.UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text="For professional: the coordinator, the backup or an involved professional.",
    )
    organisatie = fields.UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text="For organisatie: an involved organisation.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        wanted = OWNER_REFERENCE[attrs["soort"]]
        given = [name for name in OWNER_REFERENCE.values() if attrs.get(name) not in (None, "")]
        if wanted not in given:
            raise serializers.ValidationError({wanted: [_("Say who does this.")]}, code="required")
        extra = [name for name in given if name != wanted]
        if extra:
            raise serializers.ValidationError(
                {name: [_("An action has one owner. Choose only one.")] for name in extra},
                code="one_owner",
            )
        return attrs


class ActionCreateSerializer(BodySerializer):
    shown_by = (ActionSerializer,)

    doel = fields.UUIDField(help_text="The goal of this plan the action serves.")
    wat = fields.CharField(max_length=1000, help_text="What will be done.")
    eigenaar = OwnerInputSerializer(
        help_text="Exactly one owner: soort, and the one reference that goes with it."
    )
    deadline = fields.DateField(required=False, allow_null=True, default=None)


class ActionStatusSerializer(BodySerializer):
    shown_by = (ActionSerializer,)

    status = fields.ChoiceField(
        choices=ActionStatus.choices,
        help_text="From open to gedaan or vervallen, and back to open.",
    )


# Service field -> the name under which the API reports it in invalidParams.
PLAN_FIELD_NAMES = {
    "household": "huishouden",
    "coordinator": "regisseur",
    "coordinator_professional": "regisseur.professional",
    "coordinator_resident": "regisseur.inwoner",
    "backup_professional": "achtervang",
    "summary": "samenvatting",
}
GOAL_FIELD_NAMES = {
    "domain": "levensdomein",
    "text": "tekst",
    "professional_note": "toelichtingProfessional",
    "status": "status",
    "plan": "plan",  # a closed plan: the plan in the address
}
ACTION_FIELD_NAMES = {
    "what": "wat",
    "owner": "eigenaar",
    "owner_resident": "eigenaar.inwoner",
    "owner_relative": "eigenaar.naam",
    "owner_professional": "eigenaar.professional",
    "owner_organisation": "eigenaar.organisatie",
    "due_on": "deadline",
    "goal": "doel",
    "plan": "plan",
}


def plan_field_names(coordinator: dict[str, Any]) -> dict[str, str]:
    """PLAN_FIELD_NAMES for this body: what the service says about "the coordinator" is about the
    one reference in regisseur."""
    return {**PLAN_FIELD_NAMES, "coordinator": f"regisseur.{coordinator['soort']}"}


def action_field_names(owner: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """ACTION_FIELD_NAMES for this body. The service says "owner" about the one reference in
    eigenaar (the serializer has already refused none or two), so that reference is named."""
    names = {**ACTION_FIELD_NAMES, "owner": f"eigenaar.{OWNER_REFERENCE[owner['soort']]}"}
    return {field: prefix + name for field, name in names.items()}


# --- references in a request body ------------------------------------------------------------
# Who may be chosen is first narrowed here, so that one that does not exist and one that may not be
# chosen get the same answer: the answer must not tell which accounts exist.


def _professional(value: Any, field: str, organisation: Organisation | None = None) -> User | None:
    """An active user who works with households (for `organisation`, when given)."""
    if value is None:
        return None
    memberships = Membership.objects.filter(active=True, role__in=CASE_ROLES)
    if organisation is not None:
        memberships = memberships.filter(organisation=organisation)
    user = User.objects.filter(
        uuid=value, is_active=True, pk__in=memberships.values("user_id")
    ).first()
    if user is None:
        raise _invalid(field, _("You cannot choose this professional here."), "invalid")
    return user


def household_member(value: Any, household: Household, field: str) -> Resident:
    """A member of the household now; anyone else is "not a member", whether they exist or not."""
    resident = Resident.objects.filter(
        uuid=value, memberships__household=household, memberships__until__isnull=True
    ).first()
    if resident is None:
        raise _invalid(field, _("This person is not a member of the household."), "invalid")
    return resident


def organisation_ref(value: Any, field: str) -> Organisation:
    organisation = Organisation.objects.filter(uuid=value).first()
    if organisation is None:
        raise _invalid(field, _("You cannot choose this organisation here."), "invalid")
    return organisation


def _owner_arguments(plan: Plan, owner: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """The service's owner argument for the one reference in `eigenaar`."""
    kind = owner["soort"]
    if kind == "naaste":
        return {"owner_relative": owner["naam"]}
    if kind == "inwoner":
        field = f"{prefix}eigenaar.inwoner"
        return {"owner_resident": household_member(owner["inwoner"], plan.household, field)}
    if kind == "organisatie":
        field = f"{prefix}eigenaar.organisatie"
        return {"owner_organisation": organisation_ref(owner["organisatie"], field)}
    field = f"{prefix}eigenaar.professional"
    return {"owner_professional": _professional(owner["professional"], field)}


def _require_planning_role(request: Request) -> Actor:
    actor = api_actor(request)
    # Checked before anything is looked up: a role that never plans learns nothing.
    if not actor.roles & PLANNING_ROLES:
        raise PermissionDenied
    return actor


def _plan_to_write(actor: Actor, plan_uuid: str) -> Plan:
    """404 for a plan the actor may not see; 403, before the body is looked at, for one the actor
    sees but may not change."""
    plan = plan_for_write(actor=actor, plan_uuid=_valid_uuid(plan_uuid))
    if not may_write_plan(actor=actor, plan=plan):
        raise PermissionDenied(
            _(
                "Only the plan's coordinator, its backup or the team lead of the district may "
                "change this plan."
            )
        )
    return plan


# --- views -------------------------------------------------------------------------------


class PlanCollectionView(APIView):
    permission_classes = [IsProfessional]

    @extend_schema(
        operation_id="planList",
        tags=["plannen"],
        summary="Plans of your households",
        description="The plans of the households you may see, newest first, one page at a "
        "time, without their goals (see the plan itself). Filter by huishouden or status; a "
        "household you may not see simply has no plans here. Logged in the access log as one "
        "read of every resident of the households on the page. Professionals only.",
        parameters=[PlanQuerySerializer],
        responses={200: PlanPageSerializer},
    )
    def get(self, request: Request) -> Response:
        query = PlanQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        # Past the last page the answer is a 400: the entry the selector logged is undone with it.
        with transaction.atomic():
            page = plan_page(
                actor=api_actor(request),
                household_uuid=params.get("huishouden"),
                status=params.get("status", ""),
                page=params["pagina"],
                per_page=params["paginaGrootte"],
            )
            require_page(page, params["pagina"])
        results = PlanOverviewSerializer(
            page.object_list, many=True, context={"request": request}
        ).data
        return Response(page_envelope(request, page, results))

    @extend_schema(
        operation_id="planCreate",
        tags=["plannen"],
        summary="Start a plan",
        description="Starts the plan of a household with its one coordinator: a professional, "
        "or a resident or relative with a professional as achtervang. A household that already "
        "has an active plan is a 400 (invalidParams names huishouden) and nothing is saved. "
        "For coordinating professionals and team leads, for a household they may see (else "
        "404); other roles: 403.",
        request=PlanCreateSerializer,
        parameters=[location_header("The address of the new plan.")],
        responses={
            201: OpenApiResponse(
                PlanDetailSerializer, description="Started; Location holds its address."
            )
        },
    )
    def post(self, request: Request) -> Response:
        actor = _require_planning_role(request)
        data = valid_body(request, PlanCreateSerializer).validated_data
        household = household_get(actor=actor, household_uuid=data["huishouden"])
        coordinator = data["regisseur"]
        resident = None
        if coordinator["soort"] == "inwoner":
            resident = Resident.objects.filter(
                uuid=coordinator["inwoner"],
                memberships__household=household,
            ).first()
            if resident is None:
                raise _invalid(
                    "regisseur.inwoner",
                    _("Choose a resident or relative of this household."),
                    "invalid",
                )
        try:
            plan = plan_start(
                actor=actor,
                household=household,
                coordinator_professional=_professional(
                    coordinator["professional"], "regisseur.professional"
                ),
                coordinator_resident=resident,
                backup_professional=_professional(data["achtervang"], "achtervang"),
                summary=data["samenvatting"],
            )
        except DjangoValidationError as exc:
            raise validation_error_from_django(exc, plan_field_names(coordinator)) from exc
        # The answer shows the household's plan: read back, and logged, like any read.
        started = plan_get(actor=actor, plan_uuid=plan.uuid)
        location = reverse("api:plan-detail", kwargs={"uuid": started.uuid}, request=request)
        return Response(
            PlanDetailSerializer(started, context={"request": request, "plan": started}).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )


class PlanDetailView(APIView):
    permission_classes = [IsProfessional]

    @extend_schema(
        operation_id="planRead",
        tags=["plannen"],
        summary="One plan",
        description="The plan with its coordinator and its goals per life domain, each goal "
        "with its actions. A plan of a household you may not see answers 404, exactly like one "
        "that does not exist. Logged in the access log. Professionals only.",
        parameters=[_plan_uuid_parameter()],
        responses={200: PlanDetailSerializer},
    )
    def get(self, request: Request, uuid: str) -> Response:
        plan = plan_get(actor=api_actor(request), plan_uuid=_valid_uuid(uuid))
        return Response(PlanDetailSerializer(plan, context={"request": request, "plan": plan}).data)


class GoalCollectionView(APIView):
    permission_classes = [IsProfessional]

    @extend_schema(
        operation_id="doelList",
        tags=["plannen"],
        summary="The goals of a plan",
        description="The plan's goals in the order of the life domains, each with its actions, "
        "one page at a time. 404 for a plan you may not see. Logged in the access log.",
        parameters=[_plan_uuid_parameter(), PageQuerySerializer],
        responses={200: GoalPageSerializer},
    )
    def get(self, request: Request, uuid: str) -> Response:
        query = PageQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        with transaction.atomic():  # past the last page: a 400, and no access-log entry
            plan, page = plan_goal_page(
                actor=api_actor(request),
                plan_uuid=_valid_uuid(uuid),
                page=query.validated_data["pagina"],
                per_page=query.validated_data["paginaGrootte"],
            )
            require_page(page, query.validated_data["pagina"])
        results = GoalSerializer(
            page.object_list, many=True, context={"request": request, "plan": plan}
        ).data
        return Response(page_envelope(request, page, results))

    @extend_schema(
        operation_id="doelCreate",
        tags=["plannen"],
        summary="Add a goal",
        description="Adds a goal in one life domain, in the resident's own words, to an active "
        "plan; written as a new plan version. For the plan's coordinator, its backup and the "
        "team lead of the district; other roles, and planners of other plans: 403. 404 for a "
        "plan you may not see.",
        request=GoalCreateSerializer,
        parameters=[_plan_uuid_parameter()],
        responses={201: OpenApiResponse(GoalSerializer, description="Added.")},
    )
    def post(self, request: Request, uuid: str) -> Response:
        actor = _require_planning_role(request)
        plan = _plan_to_write(actor, uuid)
        data = valid_body(request, GoalCreateSerializer).validated_data
        try:
            goal = goal_add(
                actor=actor,
                plan=plan,
                domain=data["levensdomein"],
                text=data["tekst"],
                professional_note=data["toelichtingProfessional"],
            )
        except DjangoValidationError as exc:
            raise validation_error_from_django(exc, GOAL_FIELD_NAMES) from exc
        goal.action_list = []  # type: ignore[attr-defined]
        return Response(
            GoalSerializer(goal, context={"request": request, "plan": plan}).data,
            status=status.HTTP_201_CREATED,
        )


class ActionCollectionView(APIView):
    permission_classes = [IsProfessional]

    @extend_schema(
        operation_id="actieList",
        tags=["plannen"],
        summary="The actions of a plan",
        description="Every action of the plan, by deadline (without one last), each with its "
        "one owner, one page at a time; filter by status. 404 for a plan you may not see. "
        "Logged in the access log.",
        parameters=[_plan_uuid_parameter(), ActionQuerySerializer],
        responses={200: ActionPageSerializer},
    )
    def get(self, request: Request, uuid: str) -> Response:
        query = ActionQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        with transaction.atomic():  # past the last page: a 400, and no access-log entry
            plan, page = plan_action_page(
                actor=api_actor(request),
                plan_uuid=_valid_uuid(uuid),
                status=params.get("status", ""),
                page=params["pagina"],
                per_page=params["paginaGrootte"],
            )
            require_page(page, params["pagina"])
        results = ActionSerializer(
            page.object_list, many=True, context={"request": request, "plan": plan}
        ).data
        return Response(page_envelope(request, page, results))

    @extend_schema(
        operation_id="actieCreate",
        tags=["plannen"],
        summary="Add an action",
        description="Adds an action for one goal of the plan with exactly one owner: a "
        "household member (inwoner), a relative by name (naaste), a professional (the "
        "coordinator, the backup or an involved professional) or an involved organisation. "
        "No owner, or a second reference in eigenaar, is a 400 and nothing is saved. Who may: "
        "as for adding a goal.",
        request=ActionCreateSerializer,
        parameters=[
            _plan_uuid_parameter(),
            location_header("The address of the new action."),
        ],
        responses={
            201: OpenApiResponse(ActionSerializer, description="Added; Location holds its address.")
        },
    )
    def post(self, request: Request, uuid: str) -> Response:
        actor = _require_planning_role(request)
        plan = _plan_to_write(actor, uuid)
        data = valid_body(request, ActionCreateSerializer).validated_data
        try:
            goal: Goal = plan_goal_get(plan=plan, goal_uuid=data["doel"])
        except Http404 as exc:  # a goal of another plan is not a goal of this one
            raise _invalid("doel", _("Choose a goal of this plan."), "does_not_exist") from exc
        goal.plan = plan
        owner = _owner_arguments(plan, data["eigenaar"])
        try:
            action = action_add(
                actor=actor,
                goal=goal,
                what=data["wat"],
                due_on=data["deadline"],
                **owner,
            )
        except DjangoValidationError as exc:
            raise validation_error_from_django(exc, action_field_names(data["eigenaar"])) from exc
        added = plan_action_read(actor=actor, action=action)
        context = {"request": request, "plan": plan}
        data = ActionSerializer(added, context=context).data
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": data["url"]})


def _action_uuid_parameter() -> OpenApiParameter:
    return OpenApiParameter(
        "action_uuid", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The action's uuid."
    )


class ActionDetailView(APIView):
    permission_classes = [IsProfessional]

    @extend_schema(
        operation_id="actieRead",
        tags=["plannen"],
        summary="One action",
        description="One action of the plan with its owner. 404 for a plan you may not see, "
        "or an action of another plan. Logged in the access log.",
        parameters=[_plan_uuid_parameter(), _action_uuid_parameter()],
        responses={200: ActionSerializer},
    )
    def get(self, request: Request, uuid: str, action_uuid: str) -> Response:
        actor = api_actor(request)
        plan = plan_for_write(actor=actor, plan_uuid=_valid_uuid(uuid))
        action = plan_action_get(plan=plan, action_uuid=_valid_uuid(action_uuid, "action_uuid"))
        read = plan_action_read(actor=actor, action=action)
        return Response(ActionSerializer(read, context={"request": request, "plan": plan}).data)

    @extend_schema(
        operation_id="actieUpdate",
        tags=["plannen"],
        summary="Change an action's status",
        description="Marks an action done or cancelled, or opens it again. For the plan's "
        "coordinator, its backup, the team lead of the district, and the professional who "
        "owns the action; others who may see the plan: 403; a plan you may not see: 404. "
        "A change of status that is not possible is a 400.",
        request=ActionStatusSerializer,
        parameters=[_plan_uuid_parameter(), _action_uuid_parameter()],
        responses={200: ActionSerializer},
    )
    def patch(self, request: Request, uuid: str, action_uuid: str) -> Response:
        actor = api_actor(request)
        plan = plan_for_write(actor=actor, plan_uuid=_valid_uuid(uuid))
        action = plan_action_get(plan=plan, action_uuid=_valid_uuid(action_uuid, "action_uuid"))
        action.goal.plan = plan
        # Checked before the body is validated: who may not change it learns nothing more.
        if not may_update_action(actor=actor, action=action, plan=plan):
            raise PermissionDenied(
                _(
                    "Only the plan's coordinator, its backup, the team lead of the district or "
                    "the professional who owns the action may change its status."
                )
            )
        body = valid_body(request, ActionStatusSerializer, changes=True)
        try:
            action = action_update_status(
                actor=actor, action=action, status=body.validated_data["status"]
            )
        except DjangoValidationError as exc:
            raise validation_error_from_django(exc, {"plan": "status", "status": "status"}) from exc
        updated = plan_action_read(actor=actor, action=action)
        return Response(ActionSerializer(updated, context={"request": request, "plan": plan}).data)


def _goal_uuid_parameter() -> OpenApiParameter:
    return OpenApiParameter(
        "goal_uuid", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The goal's uuid."
    )


class GoalDetailView(APIView):
    permission_classes = [IsProfessional]

    @extend_schema(
        operation_id="doelRead",
        tags=["plannen"],
        summary="One goal",
        description="One goal of the plan with its actions. 404 for a plan you may not see, or a "
        "goal of another plan. Logged in the access log.",
        parameters=[_plan_uuid_parameter(), _goal_uuid_parameter()],
        responses={200: GoalSerializer},
    )
    def get(self, request: Request, uuid: str, goal_uuid: str) -> Response:
        actor = api_actor(request)
        plan = plan_for_write(actor=actor, plan_uuid=_valid_uuid(uuid))
        goal = plan_goal_get(plan=plan, goal_uuid=_valid_uuid(goal_uuid, "goal_uuid"))
        read = plan_goal_read(actor=actor, goal=goal)
        return Response(GoalSerializer(read, context={"request": request, "plan": plan}).data)

    @extend_schema(
        operation_id="doelUpdate",
        tags=["plannen"],
        summary="Change a goal",
        description="Changes a goal's words, life domain, note or status (bereikt, gestopt, or "
        "open again); only the fields sent change, written as a new plan version. For the plan's "
        "coordinator, its backup and the team lead of the district; other roles, and planners of "
        "other plans: 403. 404 for a plan you may not see.",
        request=GoalUpdateSerializer,
        parameters=[_plan_uuid_parameter(), _goal_uuid_parameter()],
        responses={200: GoalSerializer},
    )
    def patch(self, request: Request, uuid: str, goal_uuid: str) -> Response:
        actor = _require_planning_role(request)
        plan = _plan_to_write(actor, uuid)
        goal = plan_goal_get(plan=plan, goal_uuid=_valid_uuid(goal_uuid, "goal_uuid"))
        data = valid_body(request, GoalUpdateSerializer, changes=True).validated_data
        try:
            goal = goal_update(
                actor=actor,
                goal=goal,
                text=data.get("tekst"),
                professional_note=data.get("toelichtingProfessional"),
                status=data.get("status"),
                domain=data.get("levensdomein"),
            )
        except DjangoValidationError as exc:
            raise validation_error_from_django(exc, GOAL_FIELD_NAMES) from exc
        read = plan_goal_read(actor=actor, goal=goal)
        return Response(GoalSerializer(read, context={"request": request, "plan": plan}).data)
