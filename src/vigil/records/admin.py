"""The administration, for administrators and editors: every record list and form goes through records/access.py."""

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from vigil.audit.models import Action
from vigil.audit.services import record_event
from vigil.records import access, admin_intake, services
from vigil.records.models import (
    Act,
    ActSource,
    ActType,
    Affiliation,
    Event,
    Intervention,
    InterventionType,
    Involvement,
    Organisation,
    OrganisationAlias,
    PerpetratorKind,
    Person,
    PersonAlias,
    Role,
    Source,
)

RECORD_FILTERS = ("status", "confidentiality")


def _admin_site_permission(request: HttpRequest) -> bool:
    """Open the administration to active staff administrators and editors only (not viewers, not contributors)."""
    return access.may_use_admin(request.user)


admin.site.has_permission = _admin_site_permission  # type: ignore[method-assign]


class AuditedDeletionMixin:
    """Write one audit entry per record that the list's "delete selected" action removes.

    A single deletion is audited through the administration's own log (audit/signals.py); the
    bulk action deletes the queryset at once and writes that log without its signals.
    """

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        with transaction.atomic():
            for record in queryset:
                record_event(actor=request.user, action=Action.DELETE, target=record, request=request)
            super().delete_queryset(request, queryset)  # type: ignore[misc]


class AccessMixin(AuditedDeletionMixin):
    """Show in the administration only the records that records/access.py lets the user see."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return access.visible(super().get_queryset(request), request.user)  # type: ignore[misc]


RECORD_READONLY = ("created_at", "updated_at", "created_by")


@admin.register(ActType, PerpetratorKind, InterventionType)
class TermAdmin(AuditedDeletionMixin, admin.ModelAdmin):
    list_display = ("label", "code", "label_ru", "is_active", "position")
    list_editable = ("is_active", "position")
    list_filter = ("is_active",)
    search_fields = ("code", "label", "label_ru")


@admin.register(Role)
class RoleAdmin(TermAdmin):
    list_display = (*TermAdmin.list_display, "applies_to")
    list_filter = ("is_active", "applies_to")


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 0


class OrganisationAliasInline(admin.TabularInline):
    model = OrganisationAlias
    extra = 0


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ("person", "organisation")


class InvolvementInline(AccessMixin, admin.TabularInline):
    model = Involvement
    extra = 0
    fields = ("role", "person", "organisation", "testimony", "status", "confidentiality")
    autocomplete_fields = ("person", "organisation")


class ActSourceInline(AccessMixin, admin.TabularInline):
    model = ActSource
    extra = 0
    fields = ("source", "victim_name", "excerpt")
    autocomplete_fields = ("source",)


class ActInline(AccessMixin, admin.TabularInline):
    model = Act
    extra = 0
    fields = ("type", "date", "date_precision", "country", "status")
    show_change_link = True
    autocomplete_fields = ("type",)


class PartyAdmin(AccessMixin, admin.ModelAdmin):
    """People and organisations: found by any of their names, in any script."""

    list_display = ("name", "country", "status", "confidentiality", "updated_at")
    list_filter = (*RECORD_FILTERS, "roles", "country")
    search_fields = ("name", "aliases__name")
    filter_horizontal = ("roles",)
    readonly_fields = RECORD_READONLY


@admin.register(Person)
class PersonAdmin(PartyAdmin):
    inlines = (PersonAliasInline, AffiliationInline)
    readonly_fields = (*RECORD_READONLY, "consent_recorded_at", "consent_recorded_by")

    def save_model(self, request: HttpRequest, obj: Person, form: Any, change: bool) -> None:
        """Save the person; a change of consent is recorded with who made it and when, as in the workspace."""
        super().save_model(request, obj, form, change)
        if "consent_to_publish" in form.changed_data:
            services.person_consent_record(person=obj, consent=obj.consent_to_publish, recorded_by=request.user)


@admin.register(Organisation)
class OrganisationAdmin(PartyAdmin):
    inlines = (OrganisationAliasInline, AffiliationInline)


@admin.register(Event)
class EventAdmin(AccessMixin, admin.ModelAdmin):
    list_display = ("title", "start_date", "country", "place", "status", "confidentiality")
    list_filter = (*RECORD_FILTERS, "country")
    search_fields = ("title", "description", "place")
    date_hierarchy = "start_date"
    inlines = (ActInline,)
    readonly_fields = RECORD_READONLY


@admin.register(Act)
class ActAdmin(AccessMixin, admin.ModelAdmin):
    list_display = ("__str__", "victim", "date", "country", "perpetrator_kind", "status", "confidentiality")
    list_filter = (*RECORD_FILTERS, "type", "perpetrator_kind", "victim_kind", "date_precision", "country")
    search_fields = ("involvements__person__name", "involvements__organisation__name", "legal_basis", "place")
    date_hierarchy = "date"
    list_select_related = ("type", "perpetrator_kind")
    autocomplete_fields = ("event", "type", "perpetrator_kind")
    inlines = (InvolvementInline, ActSourceInline)
    readonly_fields = RECORD_READONLY

    @admin.display(description="victim")
    def victim(self, act: Act) -> str:
        names = [str(i.party) for i in act.involvements.all() if i.role == "victim"]
        return names[0] if names else act.victim_description or "—"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("involvements__person", "involvements__organisation")


@admin.register(Source)
class SourceAdmin(AccessMixin, admin.ModelAdmin):
    list_display = ("__str__", "publisher", "published", "language", "status", "confidentiality")
    list_filter = (*RECORD_FILTERS, "language", "publisher")
    search_fields = ("title", "url", "publisher", "report_id")
    date_hierarchy = "published"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = (
        "archive_sha256", "archive_media_type", "archive_size", "retrieved_at", *RECORD_READONLY,
    )  # fmt: skip

    def get_urls(self) -> list[URLPattern]:
        opts = self.opts
        intake = path(
            "intake/",
            self.admin_site.admin_view(self.intake_view),
            name=f"{opts.app_label}_{opts.model_name}_intake",
        )
        return [intake, *super().get_urls()]

    def intake_view(self, request: HttpRequest) -> HttpResponse:
        """Take in an article: preview the draft report that Vigil extracts from it, then save it as drafts."""
        return admin_intake.intake_view(request, self)


@admin.register(Intervention)
class InterventionAdmin(AccessMixin, admin.ModelAdmin):
    list_display = ("__str__", "date", "source", "status", "confidentiality")
    list_filter = (*RECORD_FILTERS, "type")
    search_fields = ("by_organisation__name", "by_person__name", "summary")
    autocomplete_fields = ("type", "by_organisation", "by_person", "event", "source", "acts")
    readonly_fields = RECORD_READONLY
