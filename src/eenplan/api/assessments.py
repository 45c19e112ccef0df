"""Instruments and measurements: read what an instrument asks, record and read a resident's scores.

Instruments hold no personal data: everyone who is logged in may read them, residents too (they
fill them in, in the portal and through this API). Measurements follow the household: whoever may
see a household the resident belongs to now may read them, and only the roles that work with cases
(and a resident, on an instrument the resident scores, for themselves) may record one. Every read
goes through the assessments selectors, which write the access log; every write through
`measurement_record`, which checks each score and saves all or nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import prefetch_related_objects
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

from eenplan.assessments.models import (
    Instrument,
    Measurement,
    ScaleAnchor,
    ScoredBy,
)
from eenplan.assessments.selectors import (
    instrument_get,
    measurement_get,
    measurement_page,
    member_for_measurements,
)
from eenplan.assessments.services import PROFESSIONAL_SUFFIX, ItemScore, measurement_record

from . import fields
from .errors import validation_error_from_django
from .inputs import BodySerializer, valid_body
from .pagination import PageQuerySerializer, page_envelope, page_serializer, require_page
from .schema import location_header
from .serializers import LifeDomainSerializer
from .views import _uuid_parameter, _valid_uuid, api_actor

# --- serializers ---------------------------------------------------------------------------


class AnchorSerializer(serializers.Serializer):
    score = serializers.IntegerField()
    naam = serializers.CharField(source="label", help_text="A short name for the score.")
    omschrijving = serializers.CharField(source="description")


class ScaleSerializer(serializers.Serializer):
    minimum = serializers.IntegerField(source="scale_min", help_text="The lowest score.")
    maximum = serializers.IntegerField(source="scale_max", help_text="The highest score.")


class _InstrumentUrlMixin(serializers.Serializer):
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, instrument: Instrument) -> str:
        return reverse(
            "api:instrument-detail",
            kwargs={"code": instrument.code},
            request=self.context.get("request"),
        )


class InstrumentSummarySerializer(_InstrumentUrlMixin):
    code = serializers.CharField()
    naam = serializers.CharField(source="name")
    omschrijving = serializers.CharField(source="description")
    gescoordDoor = serializers.ChoiceField(
        source="scored_by",
        choices=ScoredBy.choices,
        help_text="professional: the professional scores; inwoner: the resident scores; "
        "beide: each item gets the resident's score and the professional's, separately.",
    )
    schaal = ScaleSerializer(source="*")
    inGebruik = serializers.BooleanField(
        source="active", help_text="Whether new measurements can be recorded with it."
    )


class InstrumentItemSerializer(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField(source="name")
    omschrijving = serializers.CharField(source="description")
    levensdomein = LifeDomainSerializer(source="domain", allow_null=True)
    vraagtProfessional = serializers.BooleanField(
        source="asks_professional",
        help_text="Whether a measurement needs waardeProfessional for this item.",
    )
    ankers = AnchorSerializer(
        source="anchors.all",
        many=True,
        help_text="What each score means for this item; where absent, the instrument's ankers.",
    )


class InstrumentSerializer(InstrumentSummarySerializer):
    ankers = serializers.SerializerMethodField(
        help_text="What each score means, for every item that has no ankers of its own."
    )
    items = InstrumentItemSerializer(source="items.all", many=True)

    @extend_schema_field(AnchorSerializer(many=True))
    def get_ankers(self, instrument: Instrument) -> list[dict[str, Any]]:
        anchors: list[ScaleAnchor] = getattr(instrument, "general_anchors", [])
        return AnchorSerializer(anchors, many=True).data  # type: ignore[return-value]


InstrumentPageSerializer = page_serializer("InstrumentPage", InstrumentSummarySerializer)


class ScoreSerializer(serializers.Serializer):
    item = serializers.CharField(source="item.code")
    naam = serializers.CharField(source="item.name")
    waarde = serializers.IntegerField(source="value")
    waardeProfessional = serializers.IntegerField(source="professional_value", allow_null=True)
    verschil = serializers.IntegerField(
        source="difference",
        allow_null=True,
        help_text="waarde minus waardeProfessional, where both are given.",
    )


class MeasurementSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    url = serializers.SerializerMethodField()
    inwoner = serializers.UUIDField(source="resident.uuid")
    huishouden = serializers.UUIDField(
        source="household.uuid",
        allow_null=True,
        help_text="The household the resident belonged to when measured.",
    )
    instrument = serializers.CharField(source="instrument.code")
    datum = serializers.DateField(source="taken_on")
    gescoordDoor = serializers.ChoiceField(source="scored_by", choices=ScoredBy.choices)
    vastgelegdDoor = serializers.CharField(
        source="recorded_by.get_full_name", help_text="Who recorded it."
    )
    toelichting = serializers.CharField(source="note")
    scores = ScoreSerializer(source="scores.all", many=True)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, measurement: Measurement) -> str:
        return reverse(
            "api:measurement-detail",
            kwargs={"uuid": measurement.uuid},
            request=self.context.get("request"),
        )


MeasurementPageSerializer = page_serializer("MeasurementPage", MeasurementSerializer)


class ScoreInputSerializer(BodySerializer):
    shown_by = (ScoreSerializer,)

    item = fields.SlugField(max_length=40, help_text="The code of an item of the instrument.")
    waarde = fields.IntegerField(
        help_text="The score, within the instrument's schaal; for an instrument scored by "
        "beide, the resident's own score."
    )
    waardeProfessional = fields.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Only where the item's vraagtProfessional is true: the professional's view.",
    )


class MeasurementCreateSerializer(BodySerializer):
    shown_by = (MeasurementSerializer,)

    inwoner = fields.UUIDField(help_text="The resident who was measured.")
    instrument = fields.SlugField(max_length=40, help_text="The instrument's code.")
    datum = fields.DateField(help_text="The day of the measurement; not in the future.")
    scores = ScoreInputSerializer(
        many=True, help_text="One entry for every item of the instrument, each item once."
    )
    toelichting = fields.CharField(max_length=2000, required=False, default="", allow_blank=True)

    def validate_scores(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        seen: set[str] = set()
        errors: dict[str, dict[str, list[exceptions.ErrorDetail]]] = {}
        for index, entry in enumerate(value):
            if entry["item"] in seen:
                message = _("Item %(item)s is scored more than once.") % {"item": entry["item"]}
                errors[str(index)] = {"item": [exceptions.ErrorDetail(message, code="duplicate")]}
            seen.add(entry["item"])
        if errors:
            raise serializers.ValidationError(errors)
        return value


class MeasurementQuerySerializer(PageQuerySerializer):
    inwoner = fields.UUIDField(help_text="The resident whose measurements you want.")
    instrument = fields.SlugField(
        max_length=40, required=False, help_text="Only this instrument's."
    )


def _service_field_names(scores: list[dict[str, Any]], instrument: Instrument) -> dict[str, str]:
    """The service reports per item code; the API names the entry in `scores` as sent, by its
    index: scores.2.waarde, scores.2.waardeProfessional, or scores.2.item for an item the
    instrument does not have. An item of the instrument missing from scores has no entry to
    name: that is `scores` itself."""
    names = {
        "taken_on": "datum",
        "instrument": "instrument",
        "note": "toelichting",
        "resident": "inwoner",
    }
    known = {item.code for item in instrument.items.all()}
    for code in known:
        names[code] = names[code + PROFESSIONAL_SUFFIX] = "scores"
    for index, entry in enumerate(scores):
        code = entry["item"]
        names[code] = f"scores.{index}.waarde" if code in known else f"scores.{index}.item"
        names[code + PROFESSIONAL_SUFFIX] = f"scores.{index}.waardeProfessional"
    return names


# --- views -------------------------------------------------------------------------------


class InstrumentCollectionView(APIView):
    @extend_schema(
        operation_id="instrumentList",
        tags=["instrumenten"],
        summary="Instruments in use",
        description="The instruments new measurements can be recorded with, such as the "
        "Zelfredzaamheid-Matrix: who scores them and their scale. For everyone who is logged "
        "in, residents too. No personal data.",
        parameters=[PageQuerySerializer],
        responses={200: InstrumentPageSerializer},
    )
    def get(self, request: Request) -> Response:
        query = PageQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        instruments = Instrument.objects.filter(active=True).order_by("position", "code")
        page = Paginator(instruments, query.validated_data["paginaGrootte"]).get_page(
            query.validated_data["pagina"]
        )
        require_page(page, query.validated_data["pagina"])
        results = InstrumentSummarySerializer(
            page.object_list, many=True, context={"request": request}
        ).data
        return Response(page_envelope(request, page, results))


class InstrumentDetailView(APIView):
    @extend_schema(
        operation_id="instrumentRead",
        tags=["instrumenten"],
        summary="One instrument",
        description="The instrument with its items (domains, dimensions or rungs), the life "
        "domain of each item and what every score means. Also an instrument no longer in use, "
        "so older measurements can be read. For everyone who is logged in, residents too. No "
        "personal data.",
        parameters=[
            OpenApiParameter(
                "code", OpenApiTypes.STR, OpenApiParameter.PATH, description="The code."
            )
        ],
        responses={200: InstrumentSerializer},
    )
    def get(self, request: Request, code: str) -> Response:
        instrument = instrument_get(code=code)
        prefetch_related_objects(list(instrument.items.all()), "domain")
        return Response(InstrumentSerializer(instrument, context={"request": request}).data)


class MeasurementCollectionView(APIView):
    @extend_schema(
        operation_id="metingList",
        tags=["metingen"],
        summary="A resident's measurements",
        description="The measurements of one resident with every score, oldest first, one page "
        "at a time. For whoever may see a household the resident belongs to now; anyone else "
        "gets 404, exactly as for a resident that does not exist. Logged in the access log.",
        parameters=[MeasurementQuerySerializer],
        responses={200: MeasurementPageSerializer},
    )
    def get(self, request: Request) -> Response:
        query = MeasurementQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        # Past the last page the answer is a 400: the entry the selector logged is undone with it.
        with transaction.atomic():
            page = measurement_page(
                actor=api_actor(request),
                resident_uuid=params["inwoner"],
                instrument_code=params.get("instrument", ""),
                page=params["pagina"],
                per_page=params["paginaGrootte"],
            )
            require_page(page, params["pagina"])
        results = MeasurementSerializer(
            page.object_list, many=True, context={"request": request}
        ).data
        return Response(page_envelope(request, page, results))

    @extend_schema(
        operation_id="metingCreate",
        tags=["metingen"],
        summary="Record a measurement",
        description="Records one resident's scores on one instrument on one day: every item "
        "once, each score within the instrument's schaal, and waardeProfessional exactly where "
        "the item asks for it. Any error and nothing is saved; invalidParams names each wrong "
        "score by its place in scores as sent, counting from 0: scores.2.waarde (or "
        "scores.2.waardeProfessional, or scores.2.item for an item the instrument does not "
        "have, or scored twice); an item of the instrument missing from scores is named "
        "scores. For the roles that work with cases, for residents of "
        "households they may see (else 404); a resident may record their own scores on an "
        "instrument the resident scores. Other roles: 403.",
        request=MeasurementCreateSerializer,
        parameters=[location_header("The address of the new measurement.")],
        responses={
            201: OpenApiResponse(
                MeasurementSerializer, description="Recorded; Location holds its address."
            )
        },
    )
    def post(self, request: Request) -> Response:
        actor = api_actor(request)
        # Checked before anything is validated: a role that never records learns nothing.
        if not (actor.works_with_cases or actor.is_resident):
            raise PermissionDenied
        data = valid_body(request, MeasurementCreateSerializer).validated_data
        member = member_for_measurements(actor=actor, resident_uuid=data["inwoner"])
        try:
            instrument = instrument_get(code=data["instrument"])
        except Http404 as exc:
            raise exceptions.ValidationError(
                {
                    "instrument": [
                        exceptions.ErrorDetail(
                            _("There is no instrument with this code."), code="does_not_exist"
                        )
                    ]
                }
            ) from exc
        scores = {
            entry["item"]: ItemScore(
                value=entry["waarde"], professional=entry["waardeProfessional"]
            )
            for entry in data["scores"]
        }
        try:
            measurement = measurement_record(
                actor=actor,
                resident=member.resident,
                instrument=instrument,
                taken_on=data["datum"],
                scores=scores,
                note=data["toelichting"],
            )
        except DjangoValidationError as exc:
            raise validation_error_from_django(
                exc, _service_field_names(data["scores"], instrument)
            ) from exc
        # The answer shows the resident's scores: read back, and logged, like any read.
        recorded = measurement_get(actor=actor, measurement_uuid=measurement.uuid)
        location = reverse(
            "api:measurement-detail", kwargs={"uuid": recorded.uuid}, request=request
        )
        return Response(
            MeasurementSerializer(recorded, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )


class MeasurementDetailView(APIView):
    @extend_schema(
        operation_id="metingRead",
        tags=["metingen"],
        summary="One measurement",
        description="One measurement with every score. A measurement of a resident you may not "
        "see answers 404, exactly like one that does not exist. Logged in the access log.",
        parameters=[_uuid_parameter("The measurement's uuid.")],
        responses={200: MeasurementSerializer},
    )
    def get(self, request: Request, uuid: str) -> Response:
        measurement = measurement_get(actor=api_actor(request), measurement_uuid=_valid_uuid(uuid))
        return Response(MeasurementSerializer(measurement, context={"request": request}).data)
