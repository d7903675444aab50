"""Forms of the workspace: list filters, and the review of one draft act."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vigil.records.models import ActType, DatePrecision, PerpetratorKind, ReviewStatus, VictimKind
from vigil.records.selectors import Filters
from vigil.records.services import KEEP, NEW, ActReview
from vigil.records.validators import validate_country, validate_currency
from vigil.workspace.templatetags.workspace import term

PAGE_SIZES = (25, 50, 100)


class TermChoiceField(forms.ModelChoiceField):
    """A vocabulary term, offered by its label in the reader's language and posted by its code."""

    def label_from_instance(self, obj: Any) -> str:
        return term(obj)


class FilterForm(forms.Form):
    """What a list is narrowed by. Every field is optional; an invalid one is ignored, with its error shown."""

    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    country = forms.ChoiceField(label=_("Country"), required=False)
    type = TermChoiceField(
        label=_("Act type"), required=False, queryset=ActType.objects.filter(is_active=True), to_field_name="code"
    )
    perpetrator = TermChoiceField(
        label=_("Perpetrator"),
        required=False,
        queryset=PerpetratorKind.objects.filter(is_active=True),
        to_field_name="code",
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any")), *ReviewStatus.choices])
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, countries: list[tuple[str, str]] = (), **kwargs: Any):  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Any")), *countries]
        self.fields["type"].empty_label = _("Any")
        self.fields["perpetrator"].empty_label = _("Any")

    def filters(self) -> Filters:
        """Return the filters the form was given; the fields with an error are left out."""
        self.is_valid()
        data = {name: value for name, value in getattr(self, "cleaned_data", {}).items() if value}
        for name in ("type", "perpetrator"):
            if name in data:
                data[name] = data[name].code
        return Filters(**data)


class ActReviewForm(forms.Form):
    """A documenter's decision on one draft act, with every field it may correct."""

    DECISIONS = (("accept", _("Accept")), ("reject", _("Reject")))

    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect, initial="accept")
    type = TermChoiceField(label=_("Act type"), queryset=ActType.objects.filter(is_active=True), to_field_name="code")
    victim_kind = forms.ChoiceField(label=_("Victim is"), choices=VictimKind.choices)
    victim_name = forms.CharField(label=_("Victim's name"), required=False, max_length=300)
    victim_link = forms.CharField(required=False, initial=KEEP, max_length=20)
    same_as = forms.IntegerField(required=False, min_value=1)  # an act already recorded that this one is
    victim_count = forms.IntegerField(label=_("People in the group"), required=False, min_value=1)
    victim_description = forms.CharField(label=_("Who the group is"), required=False, max_length=300)
    date = forms.DateField(label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_precision = forms.ChoiceField(label=_("Known to the"), choices=DatePrecision.choices)
    duration_days = forms.DecimalField(
        label=_("Term (days)"), required=False, min_value=Decimal(0), max_digits=9, decimal_places=1
    )
    amount = forms.DecimalField(label=_("Fine"), required=False, min_value=Decimal(0), max_digits=16, decimal_places=2)
    currency = forms.CharField(
        label=_("Currency"), required=False, max_length=12, validators=[validate_currency],
        help_text=_("ISO 4217 code, such as EUR, or KZT-MCI."),
    )  # fmt: skip
    country = forms.CharField(
        label=_("Country"), required=False, max_length=2, validators=[validate_country],
        help_text=_("Two-letter code, such as KZ."),
    )  # fmt: skip
    place = forms.CharField(label=_("Place"), required=False, max_length=200)
    perpetrator_kind = TermChoiceField(
        label=_("Perpetrator"), required=False, queryset=PerpetratorKind.objects.filter(is_active=True)
    )
    perpetrator_name = forms.CharField(label=_("Perpetrator's name"), required=False, max_length=300)
    legal_basis = forms.CharField(label=_("Charge or law"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    description = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, act_id: int, **kwargs: Any):
        super().__init__(*args, prefix=f"act-{act_id}", **kwargs)
        self.act_id = act_id
        self.fields["perpetrator_kind"].empty_label = _("Unknown")

    @property
    def rejected(self) -> bool:
        """Say whether the documenter chose to reject this act (as posted, before validation)."""
        return self.is_bound and self.data.get(self.add_prefix("decision")) == "reject"

    def full_clean(self) -> None:
        super().full_clean()
        if self.rejected and self.is_bound:
            # a rejected act's other fields do not matter: only the decision is kept
            self._errors = forms.utils.ErrorDict()
            self.cleaned_data = {"decision": "reject"}

    def clean_country(self) -> str:
        return str(self.cleaned_data.get("country") or "").upper()

    def clean_currency(self) -> str:
        return str(self.cleaned_data.get("currency") or "").upper()

    def clean_victim_link(self) -> str | int:
        link = str(self.cleaned_data.get("victim_link") or KEEP)
        if link in (KEEP, NEW):
            return link
        if link.isdigit():
            return int(link)
        raise forms.ValidationError(_("Choose who the victim is."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        when, precision = data.get("date"), data.get("date_precision")
        if when is None and precision and precision != DatePrecision.UNKNOWN:
            self.add_error("date", _("Give the date, or choose 'Unknown' for how precisely it is known."))
        if when is not None and precision == DatePrecision.UNKNOWN:
            self.add_error("date_precision", _("The date is given: say whether it is known to the day, month or year."))
        if data.get("amount") is not None and not data.get("currency"):
            self.add_error("currency", _("A fine needs its currency."))
        named = data.get("victim_kind") in (VictimKind.PERSON, VictimKind.ORGANIZATION)
        if named and not data.get("victim_name") and data.get("victim_link") in (KEEP, NEW):
            self.add_error("victim_name", _("Give the victim's name, or choose 'Unnamed group'."))
        return data

    def review(self) -> ActReview:
        """Return the decision as the review service takes it; call only on a valid form."""
        data = self.cleaned_data
        if data["decision"] == "reject":
            return ActReview(act_id=self.act_id, accept=False, fields={})
        fields = {
            name: data.get(name)
            for name in (
                "type", "victim_kind", "victim_count", "victim_description", "date", "date_precision",
                "duration_days", "amount", "currency", "country", "place", "perpetrator_kind",
                "perpetrator_name", "legal_basis", "description",
            )
        }  # fmt: skip
        for name in ("victim_description", "currency", "country", "place", "perpetrator_name", "legal_basis"):
            fields[name] = fields[name] or ""
        fields["description"] = fields["description"] or ""
        return ActReview(
            act_id=self.act_id,
            accept=True,
            fields=fields,
            victim_name=data.get("victim_name") or "",
            victim_link=data.get("victim_link") or KEEP,
            same_as=data.get("same_as"),
        )


def act_initial(act: Any) -> dict[str, Any]:
    """Return a review form's initial values: the draft act as it stands."""
    victims = getattr(act, "victim_involvements", [])
    return {
        "decision": "accept",
        "type": act.type.code,
        "victim_kind": act.victim_kind,
        "victim_name": str(victims[0].party) if victims else "",
        "victim_link": KEEP,
        "victim_count": act.victim_count,
        "victim_description": act.victim_description,
        "date": act.date,
        "date_precision": act.date_precision,
        "duration_days": _plain(act.duration_days),
        "amount": _plain(act.amount),
        "currency": act.currency,
        "country": act.country,
        "place": act.place,
        "perpetrator_kind": act.perpetrator_kind_id,
        "perpetrator_name": act.perpetrator_name,
        "legal_basis": act.legal_basis,
        "description": act.description,
    }


def _plain(number: Decimal | None) -> Decimal | None:
    """Return a number without trailing zeros: a term of 15 days reads 15, not 15.0."""
    return None if number is None else number.normalize() if number != number.to_integral() else number.quantize(1)


class ConsentForm(forms.Form):
    """Whether a person agreed to be named in what Vigil publishes."""

    consent = forms.TypedChoiceField(
        label=_("Named in publications"),
        choices=[("no", _("No: a pseudonym is shown")), ("yes", _("Yes: the person agreed to be named"))],
        coerce=lambda value: value == "yes",
    )


class AuditFilterForm(forms.Form):
    """What the audit trail is narrowed by: who, what was done, and between which days."""

    actor = forms.CharField(label=_("User"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("Action"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any):
        from vigil.audit.models import Action

        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Any")), *Action.choices]

    def filters(self) -> Any:
        """Return the audit filters the form was given; the fields with an error are left out."""
        from vigil.audit.selectors import AuditFilters

        self.is_valid()
        return AuditFilters(**{name: value for name, value in getattr(self, "cleaned_data", {}).items() if value})
