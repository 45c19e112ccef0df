"""Every edit in the functional admin (`/beheer/`) leaves an audit event with before and after.

Django's admin saves the object (`save_model`), then its many-to-many fields and inlines
(`save_related`), all inside one transaction; the audit rows are written in that same transaction,
so an edit and its record commit together or not at all.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.forms import BaseFormSet, ModelForm
from django.http import HttpRequest

from eenplan.organisations.models import Membership, Role
from eenplan.privacy.services import audit_record, snapshot


def is_functional_admin(request: HttpRequest) -> bool:
    """Only active staff users who hold the beheer role may use the admin."""
    user = request.user
    if not (user.is_active and user.is_staff):
        return False
    cached = getattr(request, "_eenplan_is_beheer", None)
    if cached is None:
        cached = Membership.objects.filter(user=user, active=True, role=Role.BEHEER).exists()
        request._eenplan_is_beheer = cached  # type: ignore[attr-defined]
    return cached


def _stored_snapshot(instance: models.Model) -> dict[str, Any] | None:
    """The object as the database holds it now (the form has already changed the instance)."""
    if instance.pk is None:
        return None
    stored = type(instance)._default_manager.filter(pk=instance.pk).first()
    return snapshot(stored, with_m2m=True) if stored is not None else None


class AuditedModelAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletes (also of inlines and M2M fields) are audited, and
    whose permissions follow the beheer role rather than Django's per-model permissions."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_functional_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_functional_admin(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_functional_admin(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_functional_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_functional_admin(request)

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        # Kept on the form: save_related (M2M, inlines) comes next and writes the audit event.
        form._eenplan_before = _stored_snapshot(obj) if change else None  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        instance = form.instance
        before = getattr(form, "_eenplan_before", None)
        after = snapshot(instance, with_m2m=True)
        if change and before == after:
            return
        audit_record(
            actor_user=request.user,
            action="admin.change" if change else "admin.add",
            instance=instance,
            before=before,
            after=after,
        )

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: BaseFormSet, change: bool
    ) -> None:
        model = formset.model  # type: ignore[attr-defined]
        changed_pks = [
            f.instance.pk
            for f in formset.initial_forms
            if f.instance.pk is not None and (f.has_changed() or formset._should_delete_form(f))  # type: ignore[attr-defined]
        ]
        befores = {
            pk: snapshot(obj, with_m2m=True)
            for pk, obj in model._default_manager.in_bulk(changed_pks).items()
        }
        formset.save()  # type: ignore[attr-defined]
        for obj in formset.new_objects:  # type: ignore[attr-defined]
            audit_record(
                actor_user=request.user,
                action="admin.add",
                instance=obj,
                before=None,
                after=snapshot(obj, with_m2m=True),
            )
        for obj, _fields in formset.changed_objects:  # type: ignore[attr-defined]
            audit_record(
                actor_user=request.user,
                action="admin.change",
                instance=obj,
                before=befores.get(obj.pk),
                after=snapshot(obj, with_m2m=True),
            )
        for obj in formset.deleted_objects:  # type: ignore[attr-defined]
            audit_record(
                actor_user=request.user,
                action="admin.delete",
                instance=obj,
                before=befores.get(obj.pk) or snapshot(obj),
                after=None,
            )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            before = snapshot(obj, with_m2m=True)
            pk = obj.pk
            super().delete_model(request, obj)
            obj.pk = pk  # Django clears it; the audit event names the deleted object.
            audit_record(
                actor_user=request.user,
                action="admin.delete",
                instance=obj,
                before=before,
                after=None,
            )

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        with transaction.atomic():
            for obj in list(queryset):
                self.delete_model(request, obj)


class ReadOnlyAuditedModelAdmin(AuditedModelAdmin):
    """Visible to the functional admin, changed only by importers."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AuditedInline:
    """Inlines follow the beheer role too (their saves are audited by the parent's save_formset)."""

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_functional_admin(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_functional_admin(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_functional_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_functional_admin(request)
