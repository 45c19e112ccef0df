"""Meetings with the household (MDO, kitchen-table conversation, start meeting): read them,
schedule one, and record what happened, with the agreements that become plan actions.

Meetings follow the household: whoever may see the household may read its meetings; anyone
else gets 404, exactly as for a meeting that does not exist. Residents read about their meetings
in the portal, not through this API (403). Scheduling and recording are for the planning roles
(regisseur, teamleider); other roles: 403. The calendar invitation (.ics) is a web feature.
Every read goes through the meetings selectors, which write the access log; every write through
the meetings services, which audit it in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _
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

from eenplan.households.models import Household
from eenplan.households.selectors import household_get
from eenplan.meetings.models import Meeting, MeetingKind, MeetingStatus, PartyKind
from eenplan.meetings.selectors import (
    MeetingDetail,
    meeting_detail_get,
    meeting_for_write,
    meeting_page,
)
from eenplan.meetings.services import (
    AgreementInput,
    ParticipantInput,
    meeting_record,
    meeting_schedule,
)
from eenplan.plans.models import Goal, PlanStatus
from eenplan.signalering.models import SignalStatus

from . import fields
from .errors import validation_error_from_django
from .inputs import BodySerializer, valid_body
from .pagination import PageQuerySerializer, page_envelope, page_serializer, require_page
from .plans import (
    ActionSerializer,
    OwnerInputSerializer,
    _invalid,
    _owner_arguments,
    _professional,
    _require_planning_role,
    action_field_names,
    household_member,
    organisation_ref,
)
from .schema import location_header
from .serializers import LifeDomainSerializer
from .views import IsProfessional, _uuid_parameter, _valid_uuid, api_actor

# --- serializers ---------------------------------------------------------------------------


class ParticipantSerializer(serializers.Serializer):
    partij = serializers.ChoiceField(
        source="party",
        choices=PartyKind.choices,
        help_text="organisatie (with its professional), inwoner: a household member, or "
        "naaste: a relative, by name.",
    )
    naam = serializers.CharField(source="name")
    organisatie = serializers.UUIDField(source="organisation.uuid", allow_null=True, default=None)
    professional = serializers.UUIDField(source="professional.uuid", allow_null=True, default=None)
    inwoner = serializers.UUIDField(source="resident.uuid", allow_null=True, default=None)


class _MeetingUrlMixin(serializers.Serializer):
    uuid = serializers.UUIDField()
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, meeting: Meeting) -> str:
        return reverse(
            "api:meeting-detail",
            kwargs={"uuid": meeting.uuid},
            request=self.context.get("request"),
        )


class MeetingSummarySerializer(_MeetingUrlMixin):
    huishouden = serializers.UUIDField(source="household.uuid")
    soort = serializers.ChoiceField(
        source="kind",
        choices=MeetingKind.choices,
        help_text="mdo: multidisciplinary meeting; keukentafel: kitchen-table conversation; "
        "start: start meeting.",
    )
    status = serializers.ChoiceField(
        choices=MeetingStatus.choices, help_text="gepland, gehouden or geannuleerd."
    )
    start = serializers.DateTimeField(source="starts_at")
    einde = serializers.DateTimeField(source="ends_at")
    plaats = serializers.CharField(source="place")
    inwonerAanwezig = serializers.BooleanField(
        source="resident_present",
        allow_null=True,
        help_text="Whether the resident was at the table; null until the meeting is held.",
    )
    deelnemers = ParticipantSerializer(
        source="participant_list", many=True, help_text="One entry per party at the table."
    )


class AgendaGoalSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    levensdomein = LifeDomainSerializer(source="domain")
    tekst = serializers.CharField(source="text")
    openActies = ActionSerializer(source="open_actions", many=True)


class AgendaSignalSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    soort = serializers.CharField(source="signal_type.code", help_text="The signal type's code.")
    status = serializers.ChoiceField(choices=SignalStatus.choices)
    ontvangenOp = serializers.DateTimeField(source="received_at")


class AgendaSerializer(serializers.Serializer):
    doelen = AgendaGoalSerializer(
        source="goals", many=True, help_text="The open goals of the active plan."
    )
    signalen = AgendaSignalSerializer(
        source="signals", many=True, help_text="Open signals, for those who may see them."
    )


class MeetingDetailSerializer(MeetingSummarySerializer):
    redenAfwezig = serializers.CharField(
        source="absence_reason", help_text="Why the resident was not at the table."
    )
    samenvatting = serializers.CharField(
        source="summary", help_text="The summary for the resident, in plain Dutch."
    )
    agenda = serializers.SerializerMethodField()
    afspraken = serializers.SerializerMethodField(
        help_text="What was agreed: each agreement is an action in the plan."
    )

    @extend_schema_field(AgendaSerializer)
    def get_agenda(self, meeting: Meeting) -> dict[str, Any]:
        detail: MeetingDetail = self.context["detail"]
        return AgendaSerializer(detail.agenda, context=self.context).data  # type: ignore[return-value]

    @extend_schema_field(ActionSerializer(many=True))
    def get_afspraken(self, meeting: Meeting) -> list[dict[str, Any]]:
        detail: MeetingDetail = self.context["detail"]
        actions = [agreement.action for agreement in detail.agreements]
        return ActionSerializer(actions, many=True, context=self.context).data  # type: ignore[return-value]


MeetingPageSerializer = page_serializer("MeetingPage", MeetingSummarySerializer)


class MeetingQuerySerializer(PageQuerySerializer):
    huishouden = fields.UUIDField(required=False, help_text="Only the meetings of this household.")
    status = fields.ChoiceField(
        choices=MeetingStatus.choices, required=False, help_text="Only meetings with this status."
    )


class ParticipantInputSerializer(BodySerializer):
    shown_by = (ParticipantSerializer,)

    partij = fields.ChoiceField(choices=PartyKind.choices)
    organisatie = fields.UUIDField(
        required=False, allow_null=True, default=None, help_text="For organisatie."
    )
    professional = fields.UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text="For organisatie: who comes for it (optional).",
    )
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

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        references = {"organisatie": "organisatie", "inwoner": "inwoner", "naaste": "naam"}
        wanted = references[attrs["partij"]]
        given = [name for name in references.values() if attrs.get(name) not in (None, "")]
        if wanted not in given:
            raise serializers.ValidationError({wanted: [_("Say who this party is.")]})
        extra = [name for name in given if name != wanted]
        if attrs.get("professional") is not None and wanted != "organisatie":
            extra.append("professional")
        if extra:
            raise serializers.ValidationError(
                {name: [_("Each participant is one party. Choose only one.")] for name in extra}
            )
        return attrs


class MeetingCreateSerializer(BodySerializer):
    shown_by = (MeetingDetailSerializer,)

    huishouden = fields.UUIDField()
    soort = fields.ChoiceField(choices=MeetingKind.choices)
    start = fields.DateTimeField(
        help_text="With its offset from UTC, such as 2026-03-02T14:30:00+01:00; a time without "
        "one is refused, not guessed."
    )
    einde = fields.DateTimeField(help_text="After start, on the same day; at most 8 hours.")
    plaats = fields.CharField(max_length=200)
    deelnemers = ParticipantInputSerializer(
        many=True, help_text="Who sits at the table: each party once."
    )


class AgreementInputSerializer(BodySerializer):
    shown_by = (ActionSerializer,)

    doel = fields.UUIDField(help_text="An open goal of the household's active plan.")
    wat = fields.CharField(max_length=1000)
    eigenaar = OwnerInputSerializer()
    deadline = fields.DateField(required=False, allow_null=True, default=None)


class MeetingRecordSerializer(BodySerializer):
    shown_by = (MeetingDetailSerializer,)

    inwonerAanwezig = fields.BooleanField(help_text="Was the resident at the table?")
    redenAfwezig = fields.CharField(
        max_length=2000,
        required=False,
        default="",
        allow_blank=True,
        help_text="Required when inwonerAanwezig is false: why the resident was not there.",
    )
    samenvatting = fields.CharField(
        max_length=5000,
        required=False,
        default="",
        allow_blank=True,
        help_text="For the resident: plain Dutch, short sentences, no jargon.",
    )
    afspraken = AgreementInputSerializer(
        many=True,
        required=False,
        default=list,
        help_text="What was agreed; each becomes an action in the plan, with exactly one owner.",
    )


SCHEDULE_FIELD_NAMES = {
    "kind": "soort",
    "starts_at": "start",
    "ends_at": "einde",
    "place": "plaats",
    "participants": "deelnemers",
    "household": "huishouden",
    # "Invite the resident, or write down why not": at scheduling, the remedy is in deelnemers.
    "absence_reason": "deelnemers",
}
RECORD_FIELD_NAMES = {
    "absence_reason": "redenAfwezig",
    "summary": "samenvatting",
    "status": "status",
    "resident_present": "inwonerAanwezig",
    "agreements": "afspraken",
}

T = TypeVar("T")


class _Numbered(list[T]):
    """A list that remembers which item was last handed out. The services check participants and
    agreements one by one and stop at the first that is wrong, without saying which one; this
    tells the API which item of the request to name."""

    current: int | None = None

    def __iter__(self) -> Iterator[T]:
        for index, item in enumerate(super().__iter__()):
            self.current = index
            yield item


def _schedule_names(participants: _Numbered[ParticipantInput]) -> dict[str, str]:
    if participants.current is None:
        return SCHEDULE_FIELD_NAMES
    return {**SCHEDULE_FIELD_NAMES, "participants": f"deelnemers.{participants.current}"}


def _record_names(
    agreements: _Numbered[AgreementInput], data: list[dict[str, Any]]
) -> dict[str, str]:
    index = agreements.current
    if index is None:
        return RECORD_FIELD_NAMES
    prefix = f"afspraken.{index}."
    return {
        **RECORD_FIELD_NAMES,
        **action_field_names(data[index]["eigenaar"], prefix),
        "agreements": f"{prefix}doel",
        "plan": f"{prefix}doel",
    }


def _participants(household: Household, data: list[dict[str, Any]]) -> list[ParticipantInput]:
    """The service's participants. One that does not exist is answered like one that may not sit
    at this household's table."""
    result = []
    for index, item in enumerate(data):
        field = f"deelnemers.{index}"
        if item["partij"] == PartyKind.ORGANISATION:
            organisation = organisation_ref(item["organisatie"], f"{field}.organisatie")
            professional = _professional(
                item["professional"], f"{field}.professional", organisation=organisation
            )
            result.append(ParticipantInput(organisation=organisation, professional=professional))
        elif item["partij"] == PartyKind.RESIDENT:
            resident = household_member(item["inwoner"], household, f"{field}.inwoner")
            result.append(ParticipantInput(resident=resident))
        else:
            result.append(ParticipantInput(relative_name=item["naam"]))
    return result


def _agreements(meeting: Meeting, data: list[dict[str, Any]]) -> list[AgreementInput]:
    result = []
    for index, item in enumerate(data):
        goal = (
            Goal.objects.filter(
                uuid=item["doel"],
                plan__household_id=meeting.household_id,
                plan__status=PlanStatus.ACTIVE,
            )
            .select_related("plan__household__neighbourhood")
            .first()
        )
        if goal is None:
            raise _invalid(
                f"afspraken.{index}.doel",
                _("Choose a goal from this household's plan."),
                "does_not_exist",
            )
        owner = _owner_arguments(goal.plan, item["eigenaar"], prefix=f"afspraken.{index}.")
        result.append(AgreementInput(goal=goal, what=item["wat"], due_on=item["deadline"], **owner))
    return result


def _detail_response(request: Request, detail: MeetingDetail, code: int = 200) -> Response:
    context = {"request": request, "detail": detail, "plan": detail.agenda.plan}
    meeting = detail.meeting
    meeting.participant_list = detail.participants  # type: ignore[attr-defined]
    data = MeetingDetailSerializer(meeting, context=context).data
    headers = {"Location": data["url"]} if code == status.HTTP_201_CREATED else None
    return Response(data, status=code, headers=headers)


# --- views -------------------------------------------------------------------------------


class MeetingCollectionView(APIView):
    permission_classes = [IsProfessional]

    @extend_schema(
        operation_id="overlegList",
        tags=["overleggen"],
        summary="Meetings of your households",
        description="The meetings of the households you may see, newest first, with who sits "
        "at the table, one page at a time. Filter by huishouden or status; a household you "
        "may not see simply has no meetings here. Logged in the access log as one read of "
        "every resident of the households on the page. Professionals only.",
        parameters=[MeetingQuerySerializer],
        responses={200: MeetingPageSerializer},
    )
    def get(self, request: Request) -> Response:
        query = MeetingQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        # Past the last page the answer is a 400: the entry the selector logged is undone with it.
        with transaction.atomic():
            page = meeting_page(
                actor=api_actor(request),
                household_uuid=params.get("huishouden"),
                status=params.get("status", ""),
                page=params["pagina"],
                per_page=params["paginaGrootte"],
            )
            require_page(page, params["pagina"])
        results = MeetingSummarySerializer(
            page.object_list, many=True, context={"request": request}
        ).data
        return Response(page_envelope(request, page, results))

    @extend_schema(
        operation_id="overlegCreate",
        tags=["overleggen"],
        summary="Schedule a meeting",
        description="Schedules an MDO, kitchen-table conversation or start meeting for a "
        "household: when, where, and who sits at the table, each party once (an involved "
        "organisation with its professional, a household member, or a relative by name). "
        "Whether the resident was there (or why not) is recorded afterwards, with the "
        "verslag. Any error and nothing is saved. For coordinating professionals and team "
        "leads, for a household they may see (else 404); other roles: 403.",
        request=MeetingCreateSerializer,
        parameters=[location_header("The address of the new meeting.")],
        responses={
            201: OpenApiResponse(
                MeetingDetailSerializer, description="Scheduled; Location holds its address."
            )
        },
    )
    def post(self, request: Request) -> Response:
        actor = _require_planning_role(request)
        data = valid_body(request, MeetingCreateSerializer).validated_data
        household = household_get(actor=actor, household_uuid=data["huishouden"])
        participants = _Numbered(_participants(household, data["deelnemers"]))
        try:
            meeting = meeting_schedule(
                actor=actor,
                household=household,
                kind=data["soort"],
                starts_at=data["start"],
                ends_at=data["einde"],
                place=data["plaats"],
                participants=participants,
            )
        except DjangoValidationError as exc:
            raise validation_error_from_django(exc, _schedule_names(participants)) from exc
        detail = meeting_detail_get(actor=actor, meeting_uuid=meeting.uuid)
        return _detail_response(request, detail, status.HTTP_201_CREATED)


class MeetingDetailView(APIView):
    permission_classes = [IsProfessional]

    @extend_schema(
        operation_id="overlegRead",
        tags=["overleggen"],
        summary="One meeting",
        description="The meeting with who sits at the table, the agenda (the open goals of the "
        "plan with their open actions, and open signals) and the agreements made. A meeting of "
        "a household you may not see answers 404, exactly like one that does not exist. "
        "Logged in the access log.",
        parameters=[_uuid_parameter("The meeting's uuid.")],
        responses={200: MeetingDetailSerializer},
    )
    def get(self, request: Request, uuid: str) -> Response:
        detail = meeting_detail_get(actor=api_actor(request), meeting_uuid=_valid_uuid(uuid))
        return _detail_response(request, detail)


class MeetingRecordView(APIView):
    permission_classes = [IsProfessional]

    @extend_schema(
        operation_id="overlegVerslagCreate",
        tags=["overleggen"],
        summary="Record what happened",
        description="The meeting was held: whether the resident was at the table (if not, "
        "redenAfwezig is required), the summary for the resident, and the agreements, each "
        "written as an action in the plan with exactly one owner. Any error and nothing is "
        "saved. Only a planned meeting. Who may: as for scheduling.",
        request=MeetingRecordSerializer,
        parameters=[_uuid_parameter("The meeting's uuid.")],
        responses={200: MeetingDetailSerializer},
    )
    def post(self, request: Request, uuid: str) -> Response:
        actor = _require_planning_role(request)
        meeting = meeting_for_write(actor=actor, meeting_uuid=_valid_uuid(uuid))
        data = valid_body(request, MeetingRecordSerializer).validated_data
        agreements = _Numbered(_agreements(meeting, data["afspraken"]))
        try:
            meeting_record(
                actor=actor,
                meeting=meeting,
                resident_present=data["inwonerAanwezig"],
                absence_reason=data["redenAfwezig"],
                summary=data["samenvatting"],
                agreements=agreements,
            )
        except DjangoValidationError as exc:
            names = _record_names(agreements, data["afspraken"])
            raise validation_error_from_django(exc, names) from exc
        detail = meeting_detail_get(actor=actor, meeting_uuid=meeting.uuid)
        return _detail_response(request, detail)
