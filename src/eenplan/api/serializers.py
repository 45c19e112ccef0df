"""What the API says, in Dutch resource words and camelCase keys.

Output serializers only read what the selectors already fetched (no query per item). Input
serializers check shape and types; the services decide what is valid in the domain.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from eenplan.households.models import LegalBasis, Relation
from eenplan.households.selectors import CASELOAD_FILTERS, CASELOAD_ORDERINGS, bsn_for_display
from eenplan.households.timeline import timeline_sentence
from eenplan.organisations.models import OrganisationKind
from eenplan.plans.models import PlanStatus
from eenplan.privacy.models import AccessEvent, AccessPurpose

from . import fields
from .inputs import BodySerializer
from .pagination import PageQuerySerializer, page_serializer

COORDINATOR_KINDS = ("professional", "inwoner")


def _url(serializer: serializers.Serializer, name: str, **kwargs: Any) -> str:
    return reverse(name, kwargs=kwargs, request=serializer.context.get("request"))


def _person_name(user: Any) -> str:
    return user.get_full_name() or user.get_username()


# Method fields that render a nested serializer build it once per parent serializer, not once
# per item: DRF deep-copies every declared field whenever a serializer is instantiated, and on
# the caseload list that copying took more time than the database. (A comment, not a docstring:
# drf-spectacular would publish a docstring as the description of every schema using this.)
class NestedOnce:
    def nested(self, serializer_class: type[serializers.Serializer]) -> serializers.Serializer:
        cache = self.__dict__.setdefault("_nested_serializers", {})
        if serializer_class not in cache:
            cache[serializer_class] = serializer_class(context=self.context)  # type: ignore[attr-defined]
        return cache[serializer_class]


# --- queries -------------------------------------------------------------------------------


class CaseloadQuerySerializer(PageQuerySerializer):
    zoek = fields.CharField(
        required=False,
        default="",
        allow_blank=True,
        max_length=100,
        help_text="Search by name, postcode (1234 or 1234AB) or date of birth (dd-mm-jjjj).",
    )
    filter = fields.ChoiceField(
        choices=CASELOAD_FILTERS,
        default="alle",
        help_text="alle: every household you may see; regie: you coordinate the plan; "
        "betrokken: you are involved yourself; team: your team is involved.",
    )
    sorteer = fields.ChoiceField(
        choices=tuple(CASELOAD_ORDERINGS),
        default="naam",
        help_text="Sort order; a leading minus sign reverses it.",
    )


class AccessLogQuerySerializer(PageQuerySerializer):
    huishouden = fields.UUIDField(
        required=False, help_text="Only entries about this household (uuid)."
    )
    inwoner = fields.UUIDField(required=False, help_text="Only entries about this resident (uuid).")
    gebruiker = fields.CharField(
        required=False, max_length=150, help_text="Only entries by this user name."
    )
    vanaf = fields.DateField(required=False, help_text="Only entries on or after this day.")
    tot = fields.DateField(required=False, help_text="Only entries on or before this day.")


# --- shared parts -------------------------------------------------------------------------------


class AddressSerializer(serializers.Serializer):
    postcode = serializers.CharField(help_text="Postcode without a space, such as 3563AB.")
    huisnummer = serializers.IntegerField(source="house_number", allow_null=True)
    huisnummertoevoeging = serializers.CharField(source="house_number_suffix")
    straat = serializers.CharField(source="street")
    woonplaats = serializers.CharField(source="city")


class AreaSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="CBS code.")
    naam = serializers.CharField(source="name")


class CoordinatorSerializer(serializers.Serializer):
    naam = serializers.SerializerMethodField()
    soort = serializers.SerializerMethodField()

    def get_naam(self, plan: Any) -> str:
        if plan.coordinator_professional is not None:
            return _person_name(plan.coordinator_professional)
        return plan.coordinator_resident.full_name if plan.coordinator_resident else ""

    @extend_schema_field(serializers.ChoiceField(choices=COORDINATOR_KINDS))
    def get_soort(self, plan: Any) -> str:
        return "professional" if plan.coordinator_professional_id else "inwoner"


class CoordinatorContactSerializer(CoordinatorSerializer):
    telefoon = serializers.SerializerMethodField()
    email = serializers.SerializerMethodField()

    def get_telefoon(self, plan: Any) -> str:
        # A resident who coordinates is reached through the household, not through the API.
        user = plan.coordinator_professional
        return user.phone if user is not None else ""

    def get_email(self, plan: Any) -> str:
        user = plan.coordinator_professional
        return user.email if user is not None else ""


class ProfessionalSerializer(serializers.Serializer):
    naam = serializers.SerializerMethodField()
    functie = serializers.CharField(source="job_title")
    telefoon = serializers.CharField(source="phone")
    email = serializers.CharField()

    def get_naam(self, user: Any) -> str:
        return _person_name(user)


class PlanSummarySerializer(NestedOnce, serializers.Serializer):
    uuid = serializers.UUIDField()
    status = serializers.ChoiceField(choices=PlanStatus.choices)
    gestartOp = serializers.DateField(source="started_on")
    regisseur = serializers.SerializerMethodField()

    @extend_schema_field(CoordinatorSerializer)
    def get_regisseur(self, plan: Any) -> dict[str, Any]:
        return self.nested(CoordinatorSerializer).to_representation(plan)


class PlanSerializer(PlanSummarySerializer):
    regisseur = serializers.SerializerMethodField()
    achtervang = serializers.SerializerMethodField(
        help_text="The professional who backs up a resident who coordinates."
    )

    @extend_schema_field(CoordinatorContactSerializer)
    def get_regisseur(self, plan: Any) -> dict[str, Any]:
        return self.nested(CoordinatorContactSerializer).to_representation(plan)

    @extend_schema_field(ProfessionalSerializer(allow_null=True))
    def get_achtervang(self, plan: Any) -> dict[str, Any] | None:
        if plan.backup_professional is None:
            return None
        return self.nested(ProfessionalSerializer).to_representation(plan.backup_professional)


class MemberSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(source="resident.uuid")
    url = serializers.SerializerMethodField()
    naam = serializers.CharField(source="resident.full_name")
    geboortedatum = serializers.DateField(source="resident.birth_date", allow_null=True)
    relatie = serializers.ChoiceField(source="relation", choices=Relation.choices)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, member: Any) -> str:
        return _url(self, "api:resident-detail", uuid=member.resident.uuid)


class MemberHistorySerializer(MemberSerializer):
    sinds = serializers.DateField(source="since")
    tot = serializers.DateField(source="until", allow_null=True)


# --- households -------------------------------------------------------------------------------


class HouseholdSummarySerializer(NestedOnce, serializers.Serializer):
    uuid = serializers.UUIDField()
    url = serializers.SerializerMethodField()
    naam = serializers.CharField(source="name")
    adres = serializers.SerializerMethodField()
    buurt = serializers.SerializerMethodField()
    wijk = serializers.SerializerMethodField()
    leden = serializers.SerializerMethodField()
    actiefPlan = serializers.SerializerMethodField()
    gewijzigdOp = serializers.DateTimeField(source="updated_at")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, household: Any) -> str:
        return _url(self, "api:household-detail", uuid=household.uuid)

    @extend_schema_field(AddressSerializer)
    def get_adres(self, household: Any) -> dict[str, Any]:
        return self.nested(AddressSerializer).to_representation(household)

    @extend_schema_field(AreaSerializer(allow_null=True))
    def get_buurt(self, household: Any) -> dict[str, Any] | None:
        if household.neighbourhood is None:
            return None
        return self.nested(AreaSerializer).to_representation(household.neighbourhood)

    @extend_schema_field(AreaSerializer(allow_null=True))
    def get_wijk(self, household: Any) -> dict[str, Any] | None:
        if household.neighbourhood is None:
            return None
        return self.nested(AreaSerializer).to_representation(household.neighbourhood.district)

    @extend_schema_field(MemberSerializer(many=True))
    def get_leden(self, household: Any) -> list[dict[str, Any]]:
        member = self.nested(MemberSerializer)
        return [member.to_representation(m) for m in household.current_members]

    @extend_schema_field(PlanSummarySerializer(allow_null=True))
    def get_actiefPlan(self, household: Any) -> dict[str, Any] | None:
        plans = household.active_plans
        if not plans:
            return None
        return self.nested(PlanSummarySerializer).to_representation(plans[0])


HouseholdPageSerializer = page_serializer("HouseholdPage", HouseholdSummarySerializer)


class OrganisationRefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    naam = serializers.CharField(source="name")
    soort = serializers.ChoiceField(source="kind", choices=OrganisationKind.choices)
    telefoon = serializers.CharField(source="phone")
    email = serializers.CharField()


class TeamRefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    naam = serializers.CharField(source="name")
    telefoon = serializers.CharField(source="phone")
    email = serializers.CharField()


class LifeDomainSerializer(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField(source="name")


class InvolvementSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    organisatie = OrganisationRefSerializer(source="organisation")
    team = TeamRefSerializer(allow_null=True)
    professional = ProfessionalSerializer(allow_null=True)
    levensdomeinen = LifeDomainSerializer(source="domains.all", many=True)
    grondslag = serializers.ChoiceField(source="basis", choices=LegalBasis.choices)
    sinds = serializers.DateField(source="since")


class TimelineEventSerializer(serializers.Serializer):
    moment = serializers.DateTimeField(source="occurred_at")
    soort = serializers.CharField(source="kind")
    tekst = serializers.SerializerMethodField()
    door = serializers.SerializerMethodField()
    organisatie = serializers.SerializerMethodField()

    def get_tekst(self, event: Any) -> str:
        return timeline_sentence(event)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_door(self, event: Any) -> str | None:
        return _person_name(event.actor) if event.actor is not None else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_organisatie(self, event: Any) -> str | None:
        return event.organisation.name if event.organisation is not None else None


class HouseholdDetailSerializer(serializers.Serializer):
    """Serialises a `households.selectors.HouseholdDetail`."""

    uuid = serializers.UUIDField(source="household.uuid")
    url = serializers.SerializerMethodField()
    naam = serializers.CharField(source="household.name")
    adres = serializers.SerializerMethodField()
    buurt = serializers.SerializerMethodField()
    wijk = serializers.SerializerMethodField()
    leden = MemberHistorySerializer(source="current_members", many=True)
    eerdereLeden = MemberHistorySerializer(source="former_members", many=True)
    actiefPlan = PlanSerializer(source="active_plan", allow_null=True)
    betrokkenen = InvolvementSerializer(source="involvements", many=True)
    tijdlijn = TimelineEventSerializer(
        source="timeline", many=True, help_text="The 50 most recent events, newest first."
    )
    doel = serializers.ChoiceField(
        source="purpose",
        choices=AccessPurpose.choices,
        help_text="Why you may see this household; noodtoegang is emergency access.",
    )

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, detail: Any) -> str:
        return _url(self, "api:household-detail", uuid=detail.household.uuid)

    @extend_schema_field(AddressSerializer)
    def get_adres(self, detail: Any) -> dict[str, Any]:
        return AddressSerializer(detail.household).data

    @extend_schema_field(AreaSerializer(allow_null=True))
    def get_buurt(self, detail: Any) -> dict[str, Any] | None:
        neighbourhood = detail.household.neighbourhood
        return AreaSerializer(neighbourhood).data if neighbourhood is not None else None

    @extend_schema_field(AreaSerializer(allow_null=True))
    def get_wijk(self, detail: Any) -> dict[str, Any] | None:
        neighbourhood = detail.household.neighbourhood
        return AreaSerializer(neighbourhood.district).data if neighbourhood is not None else None


# --- residents -------------------------------------------------------------------------------


class ResidentSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    url = serializers.SerializerMethodField()
    naam = serializers.CharField(source="full_name")
    voornamen = serializers.CharField(source="given_names")
    voorvoegsel = serializers.CharField(source="surname_prefix")
    achternaam = serializers.CharField(source="surname")
    geboortedatum = serializers.DateField(source="birth_date", allow_null=True)
    bsn = serializers.SerializerMethodField(
        help_text="In full only for organisations that may process it; otherwise masked "
        "(*****6789). Null when unknown."
    )
    adres = serializers.SerializerMethodField()
    telefoon = serializers.CharField(source="phone")
    email = serializers.CharField()
    eenvoudigeTaal = serializers.BooleanField(source="prefers_plain_language")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, resident: Any) -> str:
        return _url(self, "api:resident-detail", uuid=resident.uuid)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_bsn(self, resident: Any) -> str | None:
        return bsn_for_display(actor=self.context["actor"], resident=resident) or None

    @extend_schema_field(AddressSerializer)
    def get_adres(self, resident: Any) -> dict[str, Any]:
        return AddressSerializer(resident).data


class ResidentInputSerializer(BodySerializer):
    shown_by = (ResidentSerializer,)

    voornamen = fields.CharField(max_length=120)
    voorvoegsel = fields.CharField(max_length=20, required=False, default="", allow_blank=True)
    achternaam = fields.CharField(max_length=120)
    geboortedatum = fields.DateField(required=False, allow_null=True, default=None)
    bsn = fields.CharField(
        max_length=11, required=False, default="", allow_blank=True, help_text="Nine digits."
    )
    telefoon = fields.CharField(max_length=32, required=False, default="", allow_blank=True)
    email = fields.CharField(max_length=254, required=False, default="", allow_blank=True)
    eenvoudigeTaal = fields.BooleanField(
        required=False, default=True, help_text="Write to this resident in plain language."
    )


class AddressInputSerializer(BodySerializer):
    shown_by = (AddressSerializer,)

    postcode = fields.CharField(max_length=7, help_text="Such as 3563AB or 3563 AB.")
    huisnummer = fields.IntegerField(min_value=1)
    huisnummertoevoeging = fields.CharField(
        max_length=8, required=False, default="", allow_blank=True
    )
    straat = fields.CharField(max_length=120, required=False, default="", allow_blank=True)
    woonplaats = fields.CharField(max_length=80, required=False, default="", allow_blank=True)


class HouseholdRegisterSerializer(BodySerializer):
    shown_by = (HouseholdDetailSerializer,)

    naam = fields.CharField(
        max_length=160,
        required=False,
        default="",
        allow_blank=True,
        help_text="Leave empty for 'Huishouden <surname>'.",
    )
    grondslag = fields.ChoiceField(
        choices=LegalBasis.choices, default=LegalBasis.CONSENT, help_text="Legal basis."
    )
    levensdomeinen = fields.ListField(
        child=fields.SlugField(max_length=40),
        required=False,
        default=list,
        help_text="Codes of the life domains your organisation works on with this household.",
    )
    adres = AddressInputSerializer()
    inwoner = ResidentInputSerializer(help_text="The first resident: the main resident.")


# Service field -> the name under which the API reports it in invalidParams.
REGISTER_FIELD_NAMES = {
    "given_names": "inwoner.voornamen",
    "surname_prefix": "inwoner.voorvoegsel",
    "surname": "inwoner.achternaam",
    "birth_date": "inwoner.geboortedatum",
    "bsn": "inwoner.bsn",
    "phone": "inwoner.telefoon",
    "email": "inwoner.email",
    "prefers_plain_language": "inwoner.eenvoudigeTaal",
    "postcode": "adres.postcode",
    "house_number": "adres.huisnummer",
    "house_number_suffix": "adres.huisnummertoevoeging",
    "street": "adres.straat",
    "city": "adres.woonplaats",
    "name": "naam",
    "basis": "grondslag",
    "domains": "levensdomeinen",
}


# --- organisations -------------------------------------------------------------------------------


class TeamSerializer(TeamRefSerializer):
    wijken = AreaSerializer(source="districts.all", many=True)


class OrganisationSerializer(OrganisationRefSerializer):
    url = serializers.SerializerMethodField()
    teams = TeamSerializer(source="teams.all", many=True)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, organisation: Any) -> str:
        return _url(self, "api:organisation-detail", uuid=organisation.uuid)


OrganisationPageSerializer = page_serializer("OrganisationPage", OrganisationSerializer)


# --- access log -------------------------------------------------------------------------------


class AccessLogSubjectSerializer(serializers.Serializer):
    inwoner = serializers.UUIDField(help_text="The resident's uuid.")
    huishouden = serializers.UUIDField(allow_null=True, help_text="The household's uuid.")
    naam = serializers.CharField(help_text="Empty when the resident has been removed.")
    geboortedatum = serializers.DateField(allow_null=True)


class AccessLogRowSerializer(serializers.Serializer):
    """Serialises a `privacy.selectors.AccessLogRow`."""

    volgnummer = serializers.IntegerField(source="entry.seq")
    moment = serializers.DateTimeField(source="entry.at")
    gebruiker = serializers.CharField(source="entry.username")
    organisatie = serializers.CharField(source="entry.organisation")
    rol = serializers.CharField(source="entry.role")
    gebeurtenis = serializers.ChoiceField(source="entry.event", choices=AccessEvent.choices)
    kanaal = serializers.ChoiceField(
        source="entry.channel", choices=(("web", "web"), ("api", "api"))
    )
    doel = serializers.ChoiceField(source="entry.purpose", choices=AccessPurpose.choices)
    reden = serializers.CharField(
        source="entry.reason", help_text="The written reason, for emergency access."
    )
    ipAdres = serializers.IPAddressField(source="entry.ip_address", allow_null=True)
    onderwerpen = serializers.SerializerMethodField()

    @extend_schema_field(AccessLogSubjectSerializer(many=True))
    def get_onderwerpen(self, row: Any) -> list[dict[str, Any]]:
        # `residents` runs parallel to the entry's subjects: one row per subject, in order.
        subjects = row.entry.all_subjects
        rows = [
            {
                "inwoner": shown.resident_uuid,
                "huishouden": subject.household_uuid,
                "naam": shown.name,
                "geboortedatum": shown.birth_date,
            }
            for subject, shown in zip(subjects, row.residents, strict=True)
        ]
        return list(AccessLogSubjectSerializer(rows, many=True).data)


AccessLogPageSerializer = page_serializer("AccessLogPage", AccessLogRowSerializer)
