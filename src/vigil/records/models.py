"""The record model, after the HURIDOCS Events Standard Formats.

An Event is an occasion (a protest, a trial, a raid); its Acts are what was done to one
victim each; Involvements say who was victim, perpetrator or witness of an act; People and
Organisations carry names in any script; Sources are what the records rest on, their
originals archived by hash; Interventions are what other parties did about the acts.
docs/decisions/2026-11-25-record-model.md says why it is shaped so.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vigil.records.fields import EncryptedTextField
from vigil.records.validators import validate_country, validate_currency, validate_language, validate_report_id

# The fields that name, locate or quote people at risk: encrypted at rest (records/fields.py), never
# indexed for search, exported, or copied into the audit log (which reads this declaration).
SENSITIVE_FIELDS: dict[str, tuple[str, ...]] = {
    "records.Source": ("informant",),
    "records.Person": ("contact_details",),
    "records.Act": ("place_of_detention",),
    "records.Involvement": ("testimony",),
}


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    VERIFIED = "verified", _("Verified")
    PUBLISHED = "published", _("Published")


class Confidentiality(models.TextChoices):
    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal")
    RESTRICTED = "restricted", _("Restricted")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")
    UNKNOWN = "unknown", _("Unknown")


class VictimKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANIZATION = "organization", _("Organisation")
    GROUP = "group", _("Unnamed group")


class Record(models.Model):
    """What every record has: a review status, a confidentiality level and its times."""

    status = models.CharField(max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT, db_index=True)
    confidentiality = models.CharField(
        max_length=16, choices=Confidentiality.choices, default=Confidentiality.INTERNAL, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True


def _precision_matches_date(field: str) -> Q:
    """A date is empty exactly when its precision is unknown."""
    return Q(**{f"{field}__isnull": True, f"{field}_precision": "unknown"}) | Q(
        Q(**{f"{field}__isnull": False}) & ~Q(**{f"{field}_precision": "unknown"})
    )


# Controlled vocabularies (HURIDOCS micro-thesauri). Vigil ships their terms in
# vigil/core/vocab/*.yaml; an administrator may add terms or retire them, never rename a code.


class Term(models.Model):
    code = models.SlugField(max_length=64, unique=True, help_text="Stable identifier used in exchange files.")
    label = models.CharField(max_length=200)
    label_ru = models.CharField("label (Russian)", max_length=200, blank=True)
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True, help_text="Retired terms stay on old records but are not offered.")
    position = models.PositiveIntegerField(default=1000)

    class Meta:
        abstract = True
        ordering = ["position", "label"]

    def __str__(self) -> str:
        return self.label


class ActType(Term):
    class Meta(Term.Meta):
        verbose_name = "act type"


class PerpetratorKind(Term):
    class Meta(Term.Meta):
        verbose_name = "perpetrator kind"


class InterventionType(Term):
    class Meta(Term.Meta):
        verbose_name = "intervention type"


class Role(Term):
    class AppliesTo(models.TextChoices):
        PERSON = "person", _("People")
        ORGANISATION = "organisation", _("Organisations")
        BOTH = "both", _("Both")

    applies_to = models.CharField(max_length=16, choices=AppliesTo.choices, default=AppliesTo.BOTH)

    class Meta(Term.Meta):
        verbose_name = "role"


class Source(Record):
    """What a report came from: an article, a statement; its original bytes archived by hash."""

    report_id = models.CharField(
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_report_id],
        help_text="The id of the exchange report it came from.",
    )
    url = models.URLField(max_length=2000, blank=True)
    publisher = models.CharField(max_length=300, blank=True)
    title = models.CharField(max_length=1000, blank=True)
    published = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=8, blank=True, validators=[validate_language], help_text="ISO 639-1 code.")
    file_name = models.CharField(max_length=300, blank=True)
    retrieved_at = models.DateTimeField(null=True, blank=True)
    archive_sha256 = models.CharField("SHA-256 of the original", max_length=64, blank=True, db_index=True)
    archive_media_type = models.CharField(max_length=100, blank=True)
    archive_size = models.PositiveBigIntegerField(null=True, blank=True)
    text = models.TextField(blank=True, help_text="The text extracted from the original.")
    informant = EncryptedTextField(
        _("informant"), help_text=_("Who gave this information, when not public, and how to reach them. Encrypted.")
    )

    class Meta:
        ordering = ["-published", "-id"]

    def __str__(self) -> str:
        return self.title or self.url or self.report_id or f"Source {self.pk}"


class Person(Record):
    name = models.CharField(max_length=300, db_index=True)
    roles = models.ManyToManyField(Role, blank=True, related_name="people")
    country = models.CharField(
        max_length=2, blank=True, validators=[validate_country], help_text="ISO 3166-1 alpha-2 code of residence."
    )
    description = models.TextField(blank=True)
    # Whether the person agreed to be named in what Vigil publishes; without it, public pages and
    # partners' exports show a pseudonym. Who recorded the answer, and when, is kept with it.
    consent_to_publish = models.BooleanField(default=False)
    consent_recorded_at = models.DateTimeField(null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_details = EncryptedTextField(
        _("contact details"), help_text=_("Phone numbers, addresses, messengers; relatives and lawyer. Encrypted.")
    )
    # Set when a documenter merged this record into another (records/merging.py): it is then hidden
    # everywhere (records/access.py) and kept whole, so that the merge can be undone.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from", editable=False
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name


class PersonAlias(models.Model):
    """Another way a person's name is written: another script, a spelling, a case form."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "name"], name="person_alias_unique")]
        verbose_name_plural = "person aliases"

    def __str__(self) -> str:
        return self.name


class Organisation(Record):
    name = models.CharField(max_length=300, db_index=True)
    roles = models.ManyToManyField(Role, blank=True, related_name="organisations")
    country = models.CharField(
        max_length=2, blank=True, validators=[validate_country], help_text="ISO 3166-1 alpha-2 code of its seat."
    )
    description = models.TextField(blank=True)
    members = models.ManyToManyField(Person, through="Affiliation", related_name="organisations", blank=True)
    # Set when a documenter merged this record into another (records/merging.py): it is then hidden
    # everywhere (records/access.py) and kept whole, so that the merge can be undone.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from", editable=False
    )

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class OrganisationAlias(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="organisation_alias_unique")]
        verbose_name_plural = "organisation aliases"

    def __str__(self) -> str:
        return self.name


class Affiliation(models.Model):
    """A person's tie to an organisation: founder, member, lawyer, staff."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="affiliations")
    position = models.CharField(max_length=200, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="affiliation_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.organisation}"


class Event(Record):
    """An occasion on which acts happened: a protest and its arrests, a trial, a raid."""

    title = models.CharField(max_length=500)
    description = models.TextField(blank=True)
    start_date = models.DateField(null=True, blank=True)
    start_date_precision = models.CharField(max_length=8, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN)
    end_date = models.DateField(null=True, blank=True)
    country = models.CharField(max_length=2, blank=True, validators=[validate_country])
    place = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=_precision_matches_date("start_date"), name="event_precision_matches_date")
        ]

    def __str__(self) -> str:
        return self.title


class Act(Record):
    """One thing done to one victim: a detention, an arrest of N days, a fine, an attack."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="acts")
    type = models.ForeignKey(ActType, on_delete=models.PROTECT, related_name="acts")
    victim_kind = models.CharField(max_length=16, choices=VictimKind.choices, default=VictimKind.PERSON)
    victim_count = models.PositiveIntegerField(null=True, blank=True, help_text="People in a group, when stated.")
    victim_description = models.CharField(
        max_length=300, blank=True, help_text="Who an unnamed group is: 'about 30 protesters'."
    )
    date = models.DateField(null=True, blank=True, help_text="The first day of the period when not known to the day.")
    date_precision = models.CharField(max_length=8, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN)
    duration_days = models.DecimalField(
        max_digits=9, decimal_places=1, null=True, blank=True, validators=[MinValueValidator(0)],
        help_text="Term of a detention, arrest, ban or sentence (years × 365, months × 30).",
    )  # fmt: skip
    amount = models.DecimalField(
        max_digits=16, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(
        max_length=12, blank=True, validators=[validate_currency], help_text="ISO 4217 code, or KZT-MCI."
    )
    country = models.CharField(
        max_length=2, blank=True, validators=[validate_country], db_index=True, help_text="ISO 3166-1 alpha-2 code."
    )
    place = models.CharField(max_length=200, blank=True)
    place_of_detention = EncryptedTextField(
        _("place of detention"), help_text=_("Where the victim is held: facility, address, cell. Encrypted.")
    )
    perpetrator_kind = models.ForeignKey(
        PerpetratorKind, null=True, blank=True, on_delete=models.PROTECT, related_name="acts"
    )
    perpetrator_name = models.CharField(max_length=300, blank=True, help_text="'Almaty city police', 'judge X'.")
    legal_basis = models.TextField(blank=True, help_text="The charge or law invoked, as stated.")
    description = models.TextField(blank=True)
    incident_key = models.CharField(
        max_length=200, blank=True, db_index=True, help_text="Shared by records of the same real-world act."
    )
    sources = models.ManyToManyField(Source, through="ActSource", related_name="acts", blank=True)
    # Set when a documenter merged this record into another (records/merging.py): it is then hidden
    # everywhere (records/access.py) and kept whole, so that the merge can be undone.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from", editable=False
    )

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["type", "date"], name="act_type_date"),
            # the act list's order; only of the acts not merged, which are all any list shows (access.py):
            # a full index made every page walk merged_into row by row (page 400: 0.2 to 6.6 ms, bench/web.py)
            models.Index(fields=["date", "id"], name="act_date_id", condition=Q(merged_into__isnull=True)),
            models.Index(fields=["status", "date"], name="act_status_date"),
        ]
        constraints = [
            models.CheckConstraint(condition=_precision_matches_date("date"), name="act_precision_matches_date"),
            models.CheckConstraint(condition=Q(amount__isnull=True) | ~Q(currency=""), name="act_amount_has_currency"),
            models.CheckConstraint(
                condition=Q(duration_days__isnull=True) | Q(duration_days__gte=0),
                name="act_duration_not_negative",
            ),
            models.CheckConstraint(condition=Q(amount__isnull=True) | Q(amount__gte=0), name="act_amount_not_negative"),
        ]

    def __str__(self) -> str:
        when = self.date.isoformat() if self.date else "date unknown"
        return f"{self.type} ({when})"


class ActSource(models.Model):
    """A source's report of an act, with the source's own account of it.

    Sources disagree (one says the court ruled on 28 February, another on 3 March); the act
    holds what documenters established, `reported` keeps what this source said, as an
    exchange-format act, and `victim_name` the name as this source writes it.
    """

    act = models.ForeignKey(Act, on_delete=models.CASCADE, related_name="reports")
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="act_reports")
    victim_name = models.CharField(max_length=300, blank=True)
    excerpt = models.TextField(blank=True, help_text="The passage of the source that tells of the act.")
    reported = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["act", "source"], name="act_source_unique")]
        verbose_name = "report of an act"

    def __str__(self) -> str:
        return f"{self.source} reports {self.act}"


class InvolvementRole(models.TextChoices):
    VICTIM = "victim", _("Victim")
    PERPETRATOR = "perpetrator", _("Perpetrator")
    WITNESS = "witness", _("Witness")


class Involvement(Record):
    """Who was victim, perpetrator or witness of an act. An act has at most one victim."""

    act = models.ForeignKey(Act, on_delete=models.CASCADE, related_name="involvements")
    role = models.CharField(max_length=16, choices=InvolvementRole.choices)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="involvements")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="involvements"
    )
    testimony = EncryptedTextField(
        _("testimony"), help_text=_("What this victim or witness told documenters, in their words. Encrypted.")
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, organisation__isnull=True)
                | Q(person__isnull=True, organisation__isnull=False),
                name="involvement_one_party",
            ),
            models.UniqueConstraint(fields=["act"], condition=Q(role="victim"), name="act_one_victim"),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.organisation}: {self.get_role_display()}"

    @property
    def party(self) -> Person | Organisation | None:
        return self.person or self.organisation


class Intervention(Record):
    """A statement, appeal, letter or report by an organisation or person about acts or an event."""

    type = models.ForeignKey(InterventionType, on_delete=models.PROTECT, related_name="interventions")
    by_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="interventions"
    )
    by_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="interventions")
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(max_length=8, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN)
    acts = models.ManyToManyField(Act, blank=True, related_name="interventions")
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="interventions")
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT, related_name="interventions")
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(by_organisation__isnull=False) | Q(by_person__isnull=False),
                name="intervention_has_author",
            ),
            models.CheckConstraint(
                condition=_precision_matches_date("date"), name="intervention_precision_matches_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type} by {self.by_organisation or self.by_person}"


class MergeKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation")
    ACT = "act", _("Act")


class Merge(models.Model):
    """One record merged into another, with all that moved, so that the merge can be undone.

    `moved` lists what the merge changed, by id: the involvements, interventions, affiliations
    and reports repointed to the kept record, the aliases and roles it was given, the fields it
    took from the merged record with their former values. Undoing moves back exactly these and
    nothing else; the merged record itself was never changed but for `merged_into`.
    """

    kind = models.CharField(max_length=16, choices=MergeKind.choices)
    kept_id = models.BigIntegerField()
    merged_id = models.BigIntegerField()
    moved = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["kind", "kept_id"], name="merge_kind_kept"),
            models.Index(fields=["kind", "merged_id"], name="merge_kind_merged"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.merged_id} merged into #{self.kept_id}"


class SearchKind(models.TextChoices):
    SOURCE = "source", _("Source")
    ACT = "act", _("Act")
    EVENT = "event", _("Event")
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation")


class SearchEntry(models.Model):
    """The searchable text of one record, kept in step with it by records.services.

    The full-text index over it depends on the database: an FTS5 table on SQLite, a GIN index of
    its tsvector on PostgreSQL (migration 0003; docs/decisions/2026-11-26-full-text-search.md).
    """

    kind = models.CharField(max_length=16, choices=SearchKind.choices)
    record_id = models.BigIntegerField()
    title = models.CharField(max_length=1000)
    body = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "record_id"], name="search_entry_unique")]
        verbose_name_plural = "search entries"

    def __str__(self) -> str:
        return f"{self.kind} {self.record_id}: {self.title}"
