"""Forms of the signaleringsoverleg: starting one, and the decision on one agenda item."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from eenplan.accounts.models import User
from eenplan.core.forms import AccessibleFormMixin
from eenplan.households.forms import DutchDateField
from eenplan.organisations.models import Organisation, Team
from eenplan.signalering.models import Decision


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return person_label(obj)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return person_label(obj)


def person_label(user: User) -> str:
    """Name, job and organisation: at the table people know each other by what they do."""
    name = user.get_full_name() or user.username
    memberships = getattr(user, "active_memberships", None)
    organisation = memberships[0].organisation.name if memberships else ""
    details = ", ".join(p for p in (user.job_title, organisation) if p)
    return f"{name} ({details})" if details else name


class MeetingStartForm(AccessibleFormMixin, forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none())
    held_on = DutchDateField(label=_("Date"), help_text=_("dd-mm-yyyy"))
    chair = PersonChoiceField(
        label=_("Chair"),
        queryset=User.objects.none(),
        help_text=_("A member of the team."),
    )
    participants = PeopleChoiceField(
        label=_("Participants"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Professionals and partner contacts at the table, such as the GP, the neighbourhood "
            "police officer or a caretaker. Without need-to-know they see the signals without "
            "names."
        ),
    )

    def __init__(
        self,
        *args: Any,
        teams: QuerySet[Team],
        chairs: QuerySet[User],
        candidates: QuerySet[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        self.fields["chair"].queryset = chairs  # type: ignore[attr-defined]
        self.fields["participants"].queryset = candidates  # type: ignore[attr-defined]


class DecisionForm(AccessibleFormMixin, forms.Form):
    """One agenda item's decision. The page has a form per item, so the people and organisations
    to choose from are read once and passed in, not queried again by every form."""

    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    outreach_by = forms.TypedChoiceField(
        label=_("Who goes"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("For outreach; for urgent optional."),
    )
    refer_to = forms.TypedChoiceField(
        label=_("Refer to"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("For a referral."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        help_text=_("Why, in a sentence. Everyone at the table reads this: no details."),
    )
    present = forms.TypedMultipleChoiceField(
        label=_("Present"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick who was present.")},
    )

    def __init__(
        self,
        *args: Any,
        people: Sequence[User],
        outreach_people: Sequence[User],
        organisations: Sequence[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._users = {u.pk: u for u in [*people, *outreach_people]}
        self._organisations = {o.pk: o for o in organisations}
        blank = [("", "---------")]
        self.fields["present"].choices = [(u.pk, person_label(u)) for u in people]  # type: ignore[attr-defined]
        self.fields["outreach_by"].choices = blank + [  # type: ignore[attr-defined]
            (u.pk, person_label(u)) for u in outreach_people
        ]
        self.fields["refer_to"].choices = blank + [(o.pk, o.name) for o in organisations]  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("present", [u.pk for u in people])

    def clean_outreach_by(self) -> User | None:
        pk = self.cleaned_data.get("outreach_by")
        return self._users.get(pk) if pk is not None else None

    def clean_refer_to(self) -> Organisation | None:
        pk = self.cleaned_data.get("refer_to")
        return self._organisations.get(pk) if pk is not None else None

    def clean_present(self) -> list[User]:
        return [self._users[pk] for pk in self.cleaned_data.get("present") or []]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        decision = data.get("decision")
        if decision == Decision.OUTREACH and not data.get("outreach_by"):
            self.add_error("outreach_by", _("Choose who goes."))
        if decision == Decision.REFER and not data.get("refer_to"):
            self.add_error("refer_to", _("Choose the organisation to refer to."))
        return data


class MeetingCloseForm(forms.Form):
    """A POST with a CSRF token is all closing takes; the form keeps the view uniform."""
