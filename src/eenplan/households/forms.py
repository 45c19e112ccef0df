from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from eenplan.accounts.models import User
from eenplan.core.forms import AccessibleFormMixin
from eenplan.households.bsn import validate_bsn
from eenplan.households.models import LegalBasis, Relation, Resident
from eenplan.households.normalise import normalise_postcode, parse_dutch_date
from eenplan.households.selectors import CASELOAD_FILTERS, CASELOAD_ORDERINGS
from eenplan.households.services import resident_build
from eenplan.organisations.models import Organisation, Team
from eenplan.privacy.services import MIN_REASON_LENGTH
from eenplan.taxonomy.models import LifeDomain

CASELOAD_FILTER_LABELS = {
    "alle": _("All my households"),
    "regie": _("I coordinate"),
    "betrokken": _("I am involved"),
    "team": _("My team is involved"),
}


class CaseloadSearchForm(AccessibleFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Name, postcode or date of birth (dd-mm-yyyy)."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    filter = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[(key, CASELOAD_FILTER_LABELS[key]) for key in CASELOAD_FILTERS],
    )
    sort = forms.ChoiceField(
        required=False,
        choices=[(key, key) for key in CASELOAD_ORDERINGS],
        widget=forms.HiddenInput,
    )

    def cleaned_or_defaults(self) -> dict[str, str]:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "q": data.get("q") or "",
            "filter": data.get("filter") or "alle",
            "sort": data.get("sort") or "naam",
        }


class DutchDateField(forms.DateField):
    """A date typed as dd-mm-jjjj (also with / or . and as yyyy-mm-dd)."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": "12"})
    default_error_messages = {"invalid": _("Enter a date as dd-mm-yyyy, for example 31-12-1980.")}

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value
        parsed = parse_dutch_date(str(value))
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.strftime("%d-%m-%Y")
        return value


def _clean_postcode(value: str) -> str:
    if not value:
        return ""
    postcode = normalise_postcode(value)
    if postcode is None:
        raise ValidationError(_("Enter a postcode as 1234 AB."))
    return postcode


def _clean_bsn(value: str) -> str:
    return validate_bsn(value) if value.strip() else ""


class ResidentForm(AccessibleFormMixin, forms.Form):
    """A resident's details, checked for existing files before anything is saved."""

    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=20,
        help_text=_("9 digits. Only if the resident gave it and your organisation may use it."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    given_names = forms.CharField(
        label=_("Given names"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    surname_prefix = forms.CharField(
        label=_("Surname prefix"),
        required=False,
        max_length=20,
        help_text=_("For example: van, de, van der."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "class": "utrecht-textbox--voorvoegsel-size"}
        ),
    )
    surname = forms.CharField(
        label=_("Surname"), max_length=120, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    birth_date = DutchDateField(label=_("Date of birth"), help_text=_("dd-mm-yyyy"))
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=7,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "class": "utrecht-textbox--postal-code-nl-size"}
        ),
    )
    house_number = forms.IntegerField(
        label=_("House number"),
        min_value=1,
        max_value=99999,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "off",
                "class": "utrecht-textbox--house-number-size",
            }
        ),
    )
    house_number_suffix = forms.CharField(
        label=_("Addition"),
        required=False,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "class": "utrecht-textbox--house-addition-size"}
        ),
    )
    street = forms.CharField(label=_("Street"), required=False, max_length=120)
    city = forms.CharField(label=_("Place"), required=False, max_length=80)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=32)
    email = forms.EmailField(label=_("E-mail"), required=False)
    # Set after the duplicate check was shown for exactly these details.
    checked = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_bsn(self) -> str:
        return _clean_bsn(self.cleaned_data.get("bsn", ""))

    def clean_postcode(self) -> str:
        return _clean_postcode(self.cleaned_data.get("postcode", ""))

    def build_resident(self) -> Resident:
        """The validated, unsaved resident (`resident_build`); raises ValidationError per field."""
        data = self.cleaned_data
        return resident_build(
            given_names=data["given_names"],
            surname_prefix=data["surname_prefix"],
            surname=data["surname"],
            birth_date=data["birth_date"],
            bsn=data["bsn"],
            postcode=data["postcode"],
            house_number=data["house_number"],
            house_number_suffix=data["house_number_suffix"],
            street=data["street"],
            city=data["city"],
            phone=data["phone"],
            email=data["email"],
        )


class RegisterForm(ResidentForm):
    """Register a resident and their household. The form checks for existing files first."""

    basis = forms.ChoiceField(
        label=_("Legal basis for your involvement"),
        choices=LegalBasis.choices,
        initial=LegalBasis.CONSENT,
    )


class MemberAddForm(ResidentForm):
    """Add a resident to a household. Without a postcode the household's address is used."""

    relation = forms.ChoiceField(
        label=_("Relation to the household"),
        choices=[("", "---------"), *Relation.choices],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["postcode"].required = False
        self.fields["house_number"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("house_number") and not data.get("postcode"):
            self.add_error("postcode", _("Enter the postcode with the house number."))
        elif data.get("postcode") and not data.get("house_number"):
            self.add_error("house_number", _("Enter the house number with the postcode."))
        return data


class MemberEndForm(AccessibleFormMixin, forms.Form):
    until = DutchDateField(
        label=_("Last day in the household"),
        required=False,
        help_text=_("dd-mm-yyyy. Empty: today."),
    )


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.organisation.name}: {obj.name}"


class ProfessionalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


class InvolvementForm(AccessibleFormMixin, forms.Form):
    """Involve an organisation, and maybe one of its teams and professionals."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name")
    )
    team = TeamChoiceField(
        label=_("Team"),
        required=False,
        queryset=Team.objects.select_related("organisation").order_by("organisation__name", "name"),
        help_text=_("A team of the chosen organisation."),
    )
    professional = ProfessionalChoiceField(
        label=_("Professional"),
        required=False,
        queryset=User.objects.filter(memberships__active=True)
        .distinct()
        .order_by("last_name", "first_name", "username"),
        help_text=_("Someone who works for the chosen organisation. Empty: the team."),
    )
    domains = forms.ModelMultipleChoiceField(
        label=_("Life domains"),
        required=False,
        queryset=LifeDomain.objects.order_by("position", "code"),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )
    basis = forms.ChoiceField(
        label=_("Legal basis"), choices=LegalBasis.choices, initial=LegalBasis.CONSENT
    )


class BreakTheGlassForm(AccessibleFormMixin, forms.Form):
    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    surname = forms.CharField(
        label=_("Surname"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    birth_date = DutchDateField(label=_("Date of birth"), required=False, help_text=_("dd-mm-yyyy"))
    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=7,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    reason = forms.CharField(
        label=_("Why do you need access now?"),
        min_length=MIN_REASON_LENGTH,
        help_text=_(
            "At least 20 characters. The privacy officer reads this reason and reviews the access."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_bsn(self) -> str:
        return _clean_bsn(self.cleaned_data.get("bsn", ""))

    def clean_postcode(self) -> str:
        return _clean_postcode(self.cleaned_data.get("postcode", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        by_bsn = bool(data.get("bsn"))
        by_details = bool(data.get("surname") and data.get("birth_date") and data.get("postcode"))
        if not by_bsn and not by_details and not self.errors:
            raise ValidationError(
                _("Identify the resident exactly: the BSN, or surname, date of birth and postcode.")
            )
        return data
