from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from eenplan.core.forms import AccessibleFormMixin


class LoginForm(AccessibleFormMixin, forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class TokenForm(AccessibleFormMixin, forms.Form):
    token = forms.RegexField(
        label=_("Code from your authenticator app"),
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        help_text=_("The 6 digits your app shows now."),
        error_messages={
            "invalid": _("Enter the 6 digits of the code."),
            "required": _("Enter the 6 digits of the code."),
        },
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "class": "utrecht-textbox--numeric eenplan-short-input",
                "size": "8",
            }
        ),
    )

    def clean_token(self) -> str:
        return "".join(self.cleaned_data["token"].split())
