"""Signals from partner systems: report one, follow its status, list the signal types.

A reporter learns what the law gives a creditor back (the status and its dates) and whether the
signal found a household, never which one: reporting gives no access to the household.
Who may report: the roles that work with cases and the neighbourhood-contact role (melder).
Residents, policy, privacy and functional-admin roles have no case to report for: 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from eenplan.signalering.models import (
    ResidentKnows,
    Signal,
    SignalCategory,
    SignalStatus,
    SignalType,
    Urgency,
)
from eenplan.signalering.services import REPORTING_ROLES, SignalInput, signal_receive

from . import fields, selectors
from .errors import validation_error_from_django
from .inputs import BodySerializer, valid_body
from .pagination import PageQuerySerializer, page_envelope, page_serializer, require_page
from .schema import location_header
from .serializers import LifeDomainSerializer
from .views import IsProfessional, _uuid_parameter, _valid_uuid, api_actor

# --- serializers ---------------------------------------------------------------------------


# SignalInput field -> the name under which the API reports it in invalidParams.
SIGNAL_FIELD_NAMES = {
    "signal_type_code": "soort",
    "signal_type": "soort",
    "given_names": "voornamen",
    "surname_prefix": "voorvoegsel",
    "surname": "achternaam",
    "birth_date": "geboortedatum",
    "bsn": "bsn",
    "street": "adres.straat",
    "house_number": "adres.huisnummer",
    "house_number_suffix": "adres.huisnummertoevoeging",
    "postcode": "adres.postcode",
    "city": "adres.woonplaats",
    "months_in_arrears": "maandenAchterstand",
    "days_in_arrears": "dagenAchterstand",
    "amount": "bedrag",
    "urgency": "urgentie",
    "resident_knows": "inwonerWeetHet",
    "note": "toelichting",
    "reference": "referentie",
}


class _SignalUrlMixin(serializers.Serializer):
    uuid = serializers.UUIDField()
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, signal: Signal) -> str:
        return reverse(
            "api:signal-detail", kwargs={"uuid": signal.uuid}, request=self.context.get("request")
        )


class SignalReceiptSerializer(_SignalUrlMixin):
    referentie = serializers.CharField(source="reference")
    status = serializers.ChoiceField(choices=SignalStatus.choices)
    gekoppeld = serializers.SerializerMethodField(
        help_text="Whether the signal found a household. Never which one."
    )
    ontvangenOp = serializers.DateTimeField(source="received_at")

    def get_gekoppeld(self, signal: Signal) -> bool:
        return signal.household_id is not None


class SignalStatusSerializer(_SignalUrlMixin):
    referentie = serializers.CharField(source="reference")
    soort = serializers.CharField(source="signal_type.code")
    status = serializers.ChoiceField(
        choices=SignalStatus.choices,
        help_text="ontvangen: received; opgepakt: a professional took it up; contact_gelegd: "
        "contact with the resident was made; afgesloten: closed.",
    )
    ontvangenOp = serializers.DateTimeField(source="received_at")
    afgeslotenOp = serializers.DateTimeField(source="closed_at", allow_null=True)


def _optional_text(max_length: int, help_text: str = "") -> fields.CharField:
    return fields.CharField(
        max_length=max_length, required=False, default="", allow_blank=True, help_text=help_text
    )


class SignalAddressInputSerializer(BodySerializer):
    postcode = _optional_text(7, "Such as 3563AB or 3563 AB.")
    huisnummer = fields.IntegerField(
        min_value=1, max_value=99999, required=False, allow_null=True, default=None
    )
    huisnummertoevoeging = _optional_text(8)
    straat = _optional_text(120)
    woonplaats = _optional_text(80)


class SignalCreateSerializer(BodySerializer):
    shown_by = (SignalReceiptSerializer, SignalStatusSerializer)

    soort = fields.SlugField(
        max_length=40, help_text="The code of a signal type (see /signaalsoorten)."
    )
    voornamen = _optional_text(120)
    voorvoegsel = _optional_text(20)
    achternaam = _optional_text(120)
    geboortedatum = fields.DateField(required=False, allow_null=True, default=None)
    bsn = _optional_text(
        11, "Nine digits; only from an organisation that may process the BSN, else a 400."
    )
    adres = SignalAddressInputSerializer(
        required=False,
        help_text="Where the resident lives. A surname with a date of birth, or a postcode "
        "with a house number, is needed to find who the signal is about.",
    )
    maandenAchterstand = fields.IntegerField(
        min_value=0, max_value=120, required=False, allow_null=True, default=None
    )
    dagenAchterstand = fields.IntegerField(
        min_value=0, max_value=36500, required=False, allow_null=True, default=None
    )
    bedrag = fields.DecimalField(
        max_digits=10,
        decimal_places=2,
        min_value=0,
        required=False,
        allow_null=True,
        default=None,
        help_text="Amount in arrears, in euro.",
    )
    urgentie = fields.ChoiceField(
        choices=Urgency.choices,
        required=False,
        default=Urgency.NONE,
        allow_blank=True,
        help_text="Empty, or what has been announced: eviction, cut-off, or a safety concern.",
    )
    inwonerWeetHet = fields.ChoiceField(
        choices=ResidentKnows.choices,
        required=False,
        default=ResidentKnows.UNKNOWN,
        help_text="Does the resident know about this signal?",
    )
    toelichting = _optional_text(2000, "What did you notice?")
    referentie = _optional_text(
        80,
        "Your own reference. The same reference again answers 200 with the signal already "
        "received, so a retry never creates a second signal.",
    )

    def to_input(self) -> SignalInput:
        data = self.validated_data
        address = data.get("adres") or {}
        return SignalInput(
            signal_type_code=data["soort"],
            given_names=data["voornamen"],
            surname_prefix=data["voorvoegsel"],
            surname=data["achternaam"],
            birth_date=data["geboortedatum"],
            bsn=data["bsn"],
            street=address.get("straat", ""),
            house_number=address.get("huisnummer"),
            house_number_suffix=address.get("huisnummertoevoeging", ""),
            postcode=address.get("postcode", ""),
            city=address.get("woonplaats", ""),
            months_in_arrears=data["maandenAchterstand"],
            days_in_arrears=data["dagenAchterstand"],
            amount=data["bedrag"],
            urgency=data["urgentie"],
            resident_knows=data["inwonerWeetHet"],
            note=data["toelichting"],
            reference=data["referentie"],
        )


class SignalTypeSerializer(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField(source="name")
    omschrijving = serializers.CharField(source="description")
    categorie = serializers.ChoiceField(source="category", choices=SignalCategory.choices)
    levensdomeinen = LifeDomainSerializer(source="domains.all", many=True)
    vraagtAchterstand = serializers.BooleanField(
        source="asks_arrears",
        help_text="Payment arrears: send maandenAchterstand or dagenAchterstand, and bedrag.",
    )


SignalTypePageSerializer = page_serializer("SignalTypePage", SignalTypeSerializer)


# --- views -------------------------------------------------------------------------------


class SignalCollectionView(APIView):
    @extend_schema(
        operation_id="signaalCreate",
        tags=["signalen"],
        summary="Report a signal",
        description="Reports what your organisation saw: who (name, date of birth, address; "
        "the BSN only if your organisation may process it), the signal type and, for payment "
        "arrears, how far behind. Your organisation is the source. The answer says whether the "
        "signal found a household, never which: reporting gives no access to it. A repeat "
        "with the same referentie answers 200 with the signal already received. "
        "Professionals and neighbourhood contacts (melder) only.",
        request=SignalCreateSerializer,
        parameters=[location_header("The address of the signal's status.", responses=(200, 201))],
        responses={
            200: OpenApiResponse(
                SignalReceiptSerializer,
                description="Received before with this referentie: the same signal.",
            ),
            201: OpenApiResponse(
                SignalReceiptSerializer, description="Received; Location holds its status."
            ),
        },
    )
    def post(self, request: Request) -> Response:
        actor = api_actor(request)
        # Checked before anything is validated: a role that may not report learns nothing.
        if not actor.roles & REPORTING_ROLES or actor.organisation_id is None:
            raise PermissionDenied
        body = valid_body(request, SignalCreateSerializer)
        try:
            receipt = signal_receive(actor=actor, data=body.to_input(), channel="api")
        except DjangoValidationError as exc:
            raise validation_error_from_django(exc, SIGNAL_FIELD_NAMES) from exc
        location = reverse(
            "api:signal-detail", kwargs={"uuid": receipt.signal.uuid}, request=request
        )
        return Response(
            SignalReceiptSerializer(receipt.signal, context={"request": request}).data,
            status=status.HTTP_201_CREATED if receipt.created else status.HTTP_200_OK,
            headers={"Location": location},
        )


class SignalDetailView(APIView):
    @extend_schema(
        operation_id="signaalRead",
        tags=["signalen"],
        summary="The status of a signal you reported",
        description="The status and its dates, the feedback a reporter is entitled to; nothing "
        "about the household or who acts on it. Only for the organisation that reported it "
        "(a melder: only their own signals); anyone else gets 404.",
        parameters=[_uuid_parameter("The signal's uuid.")],
        responses={200: SignalStatusSerializer},
    )
    def get(self, request: Request, uuid: str) -> Response:
        signal = selectors.signal_for_reporter(
            actor=api_actor(request), signal_uuid=_valid_uuid(uuid)
        )
        return Response(SignalStatusSerializer(signal, context={"request": request}).data)


class SignalTypeCollectionView(APIView):
    permission_classes = [IsProfessional]

    @extend_schema(
        operation_id="signaalsoortList",
        tags=["signalen"],
        summary="Signal types",
        description="The shared list of signal types with the life domains each maps to. "
        "No personal data.",
        parameters=[PageQuerySerializer],
        responses={200: SignalTypePageSerializer},
    )
    def get(self, request: Request) -> Response:
        query = PageQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        types = SignalType.objects.filter(active=True).prefetch_related("domains")
        page = Paginator(types, query.validated_data["paginaGrootte"]).get_page(
            query.validated_data["pagina"]
        )
        require_page(page, query.validated_data["pagina"])
        results = SignalTypeSerializer(page.object_list, many=True).data
        return Response(page_envelope(request, page, results))
