"""The endpoints of /api/v1. Thin: check the input, call a selector or service, serialise.

Need-to-know and the access log live in the selectors, so the API shows exactly what the web
pages show, and logs it the same way (channel "api").
"""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, permissions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from eenplan.accounts.actor import Actor, actor_from_request
from eenplan.households.models import Relation
from eenplan.households.selectors import (
    CaseloadQuery,
    household_caseload,
    household_detail,
    resident_detail,
)
from eenplan.households.services import REGISTERING_ROLES, household_register, resident_build
from eenplan.organisations.models import Role
from eenplan.privacy.selectors import access_log_search

from . import fields, selectors, serializers
from .errors import validation_error_from_django
from .inputs import valid_body
from .pagination import page_envelope, require_page
from .schema import location_header


def api_actor(request: Request) -> Actor:
    return actor_from_request(request, channel="api")


class IsProfessional(permissions.BasePermission):
    """Works for an organisation: residents have no business with these endpoints."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return bool(request.user and request.user.is_authenticated and api_actor(request).roles)


def _uuid_parameter(description: str) -> OpenApiParameter:
    return OpenApiParameter(
        "uuid", OpenApiTypes.UUID, OpenApiParameter.PATH, description=description
    )


def _valid_uuid(value: str, name: str = "uuid") -> uuid.UUID:
    """A malformed uuid is a 400 naming the path parameter as the OpenAPI document does; a
    well-formed one that is unknown or not yours, a 404."""
    try:
        return fields.UUIDField().run_validation(value)
    except exceptions.ValidationError as exc:
        raise exceptions.ValidationError({name: exc.detail}) from exc


class HouseholdCollectionView(APIView):
    @extend_schema(
        operation_id="huishoudenList",
        tags=["huishoudens"],
        summary="Your households",
        description="The households you may see (your caseload), one page at a time. "
        "Logged in the access log as one read of every resident on the page.",
        parameters=[serializers.CaseloadQuerySerializer],
        responses={200: serializers.HouseholdPageSerializer},
    )
    def get(self, request: Request) -> Response:
        query = serializers.CaseloadQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        # Past the last page the answer is a 400: the entry the selector logged is undone with it.
        with transaction.atomic():
            page = household_caseload(
                actor=api_actor(request),
                query=CaseloadQuery(
                    search=params["zoek"],
                    filter=params["filter"],
                    ordering=params["sorteer"],
                    page=params["pagina"],
                    per_page=params["paginaGrootte"],
                ),
            )
            require_page(page, params["pagina"])
        results = serializers.HouseholdSummarySerializer(
            page.object_list, many=True, context={"request": request}
        ).data
        return Response(page_envelope(request, page, results))

    @extend_schema(
        operation_id="huishoudenCreate",
        tags=["huishoudens"],
        summary="Register a household",
        description="Registers a new household with its first resident (the main resident). "
        "You and your team become involved. Coordinating professionals and team leads only.",
        request=serializers.HouseholdRegisterSerializer,
        parameters=[location_header("The address of the new household.")],
        responses={201: serializers.HouseholdDetailSerializer},
    )
    def post(self, request: Request) -> Response:
        actor = api_actor(request)
        # Checked before anything is validated, so a role that may not register learns nothing
        # (for instance whether a BSN is known) from the answers.
        if not actor.roles & REGISTERING_ROLES:
            raise PermissionDenied
        data = valid_body(request, serializers.HouseholdRegisterSerializer).validated_data
        person, address = data["inwoner"], data["adres"]
        try:
            with transaction.atomic():
                resident = resident_build(
                    given_names=person["voornamen"],
                    surname_prefix=person["voorvoegsel"],
                    surname=person["achternaam"],
                    birth_date=person["geboortedatum"],
                    bsn=person["bsn"],
                    phone=person["telefoon"],
                    email=person["email"],
                    prefers_plain_language=person["eenvoudigeTaal"],
                    postcode=address["postcode"],
                    house_number=address["huisnummer"],
                    house_number_suffix=address["huisnummertoevoeging"],
                    street=address["straat"],
                    city=address["woonplaats"],
                )
                household = household_register(
                    actor=actor,
                    resident=resident,
                    relation=Relation.MAIN_RESIDENT,
                    basis=data["grondslag"],
                    domain_codes=data["levensdomeinen"],
                    name=data["naam"],
                )
        except DjangoValidationError as exc:
            raise validation_error_from_django(exc, serializers.REGISTER_FIELD_NAMES) from exc
        detail = household_detail(actor=actor, household_uuid=household.uuid)
        body_out = serializers.HouseholdDetailSerializer(detail, context={"request": request}).data
        location = reverse("api:household-detail", kwargs={"uuid": household.uuid}, request=request)
        return Response(body_out, status=status.HTTP_201_CREATED, headers={"Location": location})


class HouseholdDetailView(APIView):
    @extend_schema(
        operation_id="huishoudenRead",
        tags=["huishoudens"],
        summary="One household",
        description="Members, the active plan with its coordinator, who is involved (with "
        "contact details and life domains) and the timeline. A household you may not see "
        "answers 404, exactly like one that does not exist. Logged in the access log.",
        parameters=[_uuid_parameter("The household's uuid.")],
        responses={200: serializers.HouseholdDetailSerializer},
    )
    def get(self, request: Request, uuid: str) -> Response:
        detail = household_detail(actor=api_actor(request), household_uuid=_valid_uuid(uuid))
        return Response(
            serializers.HouseholdDetailSerializer(detail, context={"request": request}).data
        )


class ResidentDetailView(APIView):
    @extend_schema(
        operation_id="inwonerRead",
        tags=["inwoners"],
        summary="One resident",
        description="A resident of a household you may see. The BSN is masked unless your "
        "organisation may process it. Logged in the access log.",
        parameters=[_uuid_parameter("The resident's uuid.")],
        responses={200: serializers.ResidentSerializer},
    )
    def get(self, request: Request, uuid: str) -> Response:
        actor = api_actor(request)
        resident = resident_detail(actor=actor, resident_uuid=_valid_uuid(uuid))
        return Response(
            serializers.ResidentSerializer(
                resident, context={"request": request, "actor": actor}
            ).data
        )


class OrganisationCollectionView(APIView):
    permission_classes = [IsProfessional]

    @extend_schema(
        operation_id="organisatieList",
        tags=["organisaties"],
        summary="Organisations",
        description="Every organisation with its teams and the districts they cover. "
        "No personal data.",
        parameters=[serializers.PageQuerySerializer],
        responses={200: serializers.OrganisationPageSerializer},
    )
    def get(self, request: Request) -> Response:
        query = serializers.PageQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        page = Paginator(
            selectors.organisation_list(), query.validated_data["paginaGrootte"]
        ).get_page(query.validated_data["pagina"])
        require_page(page, query.validated_data["pagina"])
        results = serializers.OrganisationSerializer(
            page.object_list, many=True, context={"request": request}
        ).data
        return Response(page_envelope(request, page, results))


class OrganisationDetailView(APIView):
    permission_classes = [IsProfessional]

    @extend_schema(
        operation_id="organisatieRead",
        tags=["organisaties"],
        summary="One organisation",
        parameters=[_uuid_parameter("The organisation's uuid.")],
        responses={200: serializers.OrganisationSerializer},
    )
    def get(self, request: Request, uuid: str) -> Response:
        organisation = selectors.organisation_get(organisation_uuid=_valid_uuid(uuid))
        return Response(
            serializers.OrganisationSerializer(organisation, context={"request": request}).data
        )


class AccessLogView(APIView):
    @extend_schema(
        operation_id="toegangslogList",
        tags=["toegangslog"],
        summary="The access log",
        description="Who looked at which resident's data, when and why; newest first. For the "
        "privacy officer only: to anyone else this address does not exist (404). The residents "
        "are shown by name and date of birth, so this read is itself logged.",
        parameters=[serializers.AccessLogQuerySerializer],
        responses={200: serializers.AccessLogPageSerializer},
    )
    def get(self, request: Request) -> Response:
        actor = api_actor(request)
        # To anyone but the privacy officer this address does not exist, whatever the query.
        if not actor.has_role(Role.PRIVACY):
            raise Http404
        query = serializers.AccessLogQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        # Past the last page the answer is a 400: the entry the selector logged is undone with it.
        with transaction.atomic():
            page = access_log_search(
                actor=actor,
                household_uuid=params.get("huishouden"),
                resident_uuid=params.get("inwoner"),
                username=params.get("gebruiker", ""),
                since=params.get("vanaf"),
                until=params.get("tot"),
                page=params["pagina"],
                per_page=params["paginaGrootte"],
            )
            require_page(page, params["pagina"])
        results = serializers.AccessLogRowSerializer(page.object_list, many=True).data
        return Response(page_envelope(request, page, results))


def docs(request: HttpRequest) -> HttpResponse:
    """Swagger UI from the locally served bundle; the page has no inline script, so the strict
    Content-Security-Policy holds."""
    return render(request, "api/docs.html", {"schema_url": reverse("api:schema")})
