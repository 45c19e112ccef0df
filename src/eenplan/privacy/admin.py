"""The functional admin (`/beheer/`) is for users with the beheer role only.

No case content is registered anywhere in the admin: residents, households, plans, involvements and
the access log are reached through the application, where need-to-know and logging apply.
"""

from typing import Any

from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eenplan.privacy.admin_audit import is_functional_admin

admin.site.site_header = _("eenplan functional admin")
admin.site.site_title = _("eenplan functional admin")
admin.site.index_title = _("Organisations, teams, users and areas")


def _has_permission(request: HttpRequest) -> bool:
    return is_functional_admin(request)


def _login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """One way in for everyone: eenplan's own login, with its second factor and lock-out. A
    logged-in user without the beheer role is refused here rather than sent round in a loop."""
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(
        request.GET.get("next") or reverse("admin:index"), login_url=reverse("accounts:login")
    )


# Instance attributes win over the AdminSite methods every admin view consults.
admin.site.has_permission = _has_permission  # type: ignore[method-assign]
admin.site.login = _login  # type: ignore[method-assign]

# Roles are memberships, not Django groups.
if admin.site.is_registered(Group):
    admin.site.unregister(Group)
