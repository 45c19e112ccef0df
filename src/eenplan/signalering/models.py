"""Early signals: what a partner saw, about whom, where it went and what came of it.

A signal carries the identity as reported (to link it and to find the person for outreach), never a
plain BSN (only its keyed pseudonym), and a public status that the reporting organisation may see.
Everything else about the household stays behind need-to-know.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.households.models import AddressFields


class SignalCategory(models.TextChoices):
    # The category decides which rules apply: deadlines, cross-domain alerts.
    PAYMENT_ARREARS = "betalingsachterstand", _("payment arrears")
    NUISANCE = "overlast", _("nuisance")
    WELLBEING = "welzijn", _("wellbeing and safety")
    OTHER = "overig", _("other")


class SignalType(models.Model):
    """One entry of the shared list of signal types, mapped to life domains. Data, not code."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("explanation"), blank=True)
    category = models.CharField(_("category"), max_length=24, choices=SignalCategory.choices)
    domains = models.ManyToManyField(
        "taxonomy.LifeDomain", blank=True, related_name="signal_types", verbose_name=_("domains")
    )
    asks_arrears = models.BooleanField(
        _("asks months and amount in arrears"),
        default=False,
        help_text=_("For payment arrears: the form asks how many months and how much."),
    )
    first_contact_days = models.PositiveSmallIntegerField(
        _("first contact within (days)"),
        default=28,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    urgent_first_contact_working_days = models.PositiveSmallIntegerField(
        _("first contact when urgent within (working days)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("signal type")
        verbose_name_plural = _("signal types")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Channel(models.TextChoices):
    FORM = "formulier", _("form")
    FILE = "bestand", _("file")
    API = "api", _("API")


class Urgency(models.TextChoices):
    NONE = "", _("not urgent")
    EVICTION = "ontruiming", _("eviction announced")
    CUT_OFF = "afsluiting", _("cut-off announced")
    SAFETY = "veiligheid", _("immediate safety concern")


class ResidentKnows(models.TextChoices):
    YES = "ja", _("yes")
    NO = "nee", _("no")
    UNKNOWN = "onbekend", _("unknown")


class SignalStatus(models.TextChoices):
    """What the reporting organisation sees: the feedback creditors are entitled to, nothing more."""

    RECEIVED = "ontvangen", _("received")
    TAKEN_UP = "opgepakt", _("taken up")
    CONTACT_MADE = "contact_gelegd", _("contact made")
    CLOSED = "afgesloten", _("closed")


class LinkMethod(models.TextChoices):
    BSN = "bsn", _("BSN")
    PROBABILISTIC = "waarschijnlijkheid", _("probabilistic")
    MANUAL = "handmatig", _("by hand")
    ADDRESS = "adres", _("address only")
    NONE = "", _("not linked")


class Priority(models.TextChoices):
    NORMAL = "normaal", _("normal")
    HIGH = "hoog", _("high")


class Outcome(models.TextChoices):
    HELP_ACCEPTED = "hulp_aanvaard", _("help accepted")
    DECLINED = "geweigerd", _("help declined")
    NOT_REACHED = "niet_bereikt", _("not reached")
    NO_ACTION = "geen_actie", _("no action needed")
    REFERRED = "verwezen", _("referred")
    ALREADY_SUPPORTED = "al_in_beeld", _("already supported")


# A signal that "led to nothing" is one closed with these outcomes: only those expire.
OUTCOMES_LEADING_NOWHERE = frozenset({Outcome.NO_ACTION, Outcome.NOT_REACHED, Outcome.DECLINED, ""})


class Signal(AddressFields):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    signal_type = models.ForeignKey(
        SignalType, on_delete=models.PROTECT, related_name="signals", verbose_name=_("signal type")
    )
    source_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="reported_signals",
        verbose_name=_("reported by organisation"),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reported_signals",
        verbose_name=_("reported by"),
    )
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    # The creditor's own reference: the same reference twice is the same signal (idempotent files).
    reference = models.CharField(_("reference"), max_length=80, blank=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)

    # Who, as reported.
    given_names = models.CharField(_("given names"), max_length=120, blank=True)
    surname_prefix = models.CharField(_("surname prefix"), max_length=20, blank=True)
    surname = models.CharField(_("surname"), max_length=120, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    bsn_pseudonym = models.CharField(max_length=64, blank=True, editable=False)

    # What.
    months_in_arrears = models.PositiveSmallIntegerField(
        _("months in arrears"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    days_in_arrears = models.PositiveIntegerField(_("days in arrears"), null=True, blank=True)
    amount = models.DecimalField(
        _("amount (euro)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    urgency = models.CharField(
        _("urgency"), max_length=12, choices=Urgency.choices, blank=True, default=Urgency.NONE
    )
    resident_knows = models.CharField(
        _("the resident knows about this signal"),
        max_length=10,
        choices=ResidentKnows.choices,
        default=ResidentKnows.UNKNOWN,
    )
    note = models.TextField(_("what did you notice?"), blank=True, max_length=2000)

    # Where it landed.
    resident = models.ForeignKey(
        "households.Resident",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals",
    )
    household = models.ForeignKey(
        "households.Household",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals",
    )
    link_method = models.CharField(
        _("linked by"), max_length=20, choices=LinkMethod.choices, blank=True, default=""
    )
    link_probability = models.FloatField(_("match probability"), null=True, blank=True)
    neighbourhood = models.ForeignKey(
        "areas.Neighbourhood", on_delete=models.SET_NULL, null=True, blank=True
    )
    team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("team"),
    )

    status = models.CharField(
        _("status"), max_length=16, choices=SignalStatus.choices, default=SignalStatus.RECEIVED
    )
    priority = models.CharField(
        _("priority"), max_length=8, choices=Priority.choices, default=Priority.NORMAL
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Retention: a signal that led to nothing is hidden after its active period.
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_organisation", "reference"],
                condition=~Q(reference=""),
                name="signal_unique_source_reference",
            ),
        ]
        indexes = [
            models.Index(fields=["team", "status"], name="signal_team_status"),
            models.Index(fields=["household", "received_at"], name="signal_household"),
            models.Index(fields=["status", "closed_at"], name="signal_retention"),
        ]

    def __str__(self) -> str:
        return f"{self.signal_type_id} {self.uuid}"

    @property
    def short_code(self) -> str:
        """A pseudonym for the signaleringsoverleg: enough to talk about it, not who it is."""
        return "S-" + self.uuid.hex[:6].upper()

    @property
    def reported_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.surname_prefix, self.surname) if p)

    @property
    def is_urgent(self) -> bool:
        return bool(self.urgency)


class LinkReview(models.Model):
    """A signal whose person matched someone only probably: a professional decides, side by side."""

    signal = models.OneToOneField(Signal, on_delete=models.CASCADE, related_name="link_review")
    # [{"resident_id": 12, "probability": 0.83}, ...], best first.
    candidates = models.JSONField(default=list)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    chosen_resident = models.ForeignKey(
        "households.Resident", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("link review")
        verbose_name_plural = _("link reviews")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"review {self.signal_id}"


class OutreachStatus(models.TextChoices):
    OPEN = "open", _("open")
    CONTACT_MADE = "contact", _("contact made")
    DONE = "afgerond", _("done")


class OutreachTask(models.Model):
    """Go to the resident: first contact before `due_on`, set by the signal type's rule."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    signal = models.OneToOneField(Signal, on_delete=models.CASCADE, related_name="outreach")
    team = models.ForeignKey(
        "organisations.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outreach_tasks",
        verbose_name=_("assigned to"),
    )
    due_on = models.DateField(_("first contact before"))
    status = models.CharField(
        _("status"), max_length=10, choices=OutreachStatus.choices, default=OutreachStatus.OPEN
    )
    first_contact_at = models.DateTimeField(_("first contact at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("outreach task")
        verbose_name_plural = _("outreach tasks")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["assigned_to", "status", "due_on"], name="outreach_due")]

    def __str__(self) -> str:
        return f"outreach {self.signal_id} before {self.due_on}"

    @property
    def is_overdue(self) -> bool:
        return self.status == OutreachStatus.OPEN and self.due_on < timezone.localdate()


class AttemptWay(models.TextChoices):
    VISIT = "huisbezoek", _("home visit")
    PHONE = "telefoon", _("phone")
    LETTER = "brief", _("letter")
    OTHER = "anders", _("other")


class OutreachAttempt(models.Model):
    task = models.ForeignKey(OutreachTask, on_delete=models.CASCADE, related_name="attempts")
    at = models.DateTimeField(_("when"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    way = models.CharField(_("how"), max_length=12, choices=AttemptWay.choices)
    reached = models.BooleanField(_("contact made"), default=False)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("outreach attempt")
        verbose_name_plural = _("outreach attempts")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.way} {self.at:%Y-%m-%d}"


class AlertKind(models.TextChoices):
    NEW_SIGNAL = "signaal", _("new signal")
    MATCH = "match", _("match")
    CROSS_DOMAIN = "domeinoverstijgend", _("cross-domain alert")
    TRANSITION = "overgang18", _("turning 18")
    PRIORITY = "prioriteit", _("priority raised")


class Alert(models.Model):
    """A notice for one professional about one household. Shows who, never another's content."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alerts"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AlertKind.choices)
    household = models.ForeignKey(
        "households.Household", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    signal = models.ForeignKey(
        Signal, on_delete=models.CASCADE, null=True, blank=True, related_name="alerts"
    )
    # The organisation whose arrival caused a match notice, the member turning 18, etc.
    about_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    about_resident = models.ForeignKey(
        "households.Resident", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rule = models.CharField(max_length=40, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="alert_recipient")]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}"


class AlertRuleCode(models.TextChoices):
    ARREARS_WITH_CARE = "achterstand_bij_zorg", _("arrears or nuisance while care is open")
    TURNING_EIGHTEEN = "overgang_18", _("turning 18 in youth care")
    SEVERAL_SOURCES = "meerdere_bronnen", _("signals from several sources")


class AlertRule(models.Model):
    """A cross-domain rule the functional admin can switch off and tune."""

    code = models.CharField(_("rule"), max_length=40, choices=AlertRuleCode.choices, unique=True)
    enabled = models.BooleanField(_("on"), default=True)
    # Tuning per rule: ARREARS_WITH_CARE: care organisation kinds; TURNING_EIGHTEEN: months ahead;
    # SEVERAL_SOURCES: window in days and number of sources.
    months_ahead = models.PositiveSmallIntegerField(
        _("months ahead"), default=3, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    window_days = models.PositiveSmallIntegerField(
        _("window (days)"), default=90, validators=[MinValueValidator(1), MaxValueValidator(730)]
    )
    min_sources = models.PositiveSmallIntegerField(
        _("number of sources"), default=2, validators=[MinValueValidator(2), MaxValueValidator(10)]
    )
    care_kinds = models.JSONField(
        _("care organisation kinds"),
        default=list,
        blank=True,
        help_text=_("Organisation kinds that count as open youth care or Wmo support."),
    )

    class Meta:
        verbose_name = _("alert rule")
        verbose_name_plural = _("alert rules")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.get_code_display()


class RetentionSetting(models.Model):
    """How long a signal that led to nothing stays active; one row, edited by the functional admin."""

    active_days = models.PositiveIntegerField(
        _("active for (days)"),
        default=730,
        validators=[MinValueValidator(30), MaxValueValidator(3650)],
    )

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention period")

    def __str__(self) -> str:
        return f"{self.active_days}"


class SignalMeeting(models.Model):
    """A team's signaleringsoverleg: GP, police, caretakers and social workers decide per signal."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(
        "organisations.Team", on_delete=models.PROTECT, related_name="signal_meetings"
    )
    held_on = models.DateField(_("date"))
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("chair"),
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="signal_meetings", verbose_name=_("participants")
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("signaleringsoverleg")
        verbose_name_plural = _("signaleringsoverleggen")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.team_id} {self.held_on}"


class Decision(models.TextChoices):
    NO_ACTION = "geen_actie", _("no action")
    OUTREACH = "outreach", _("outreach")
    REFER = "verwijzen", _("refer")
    URGENT = "urgent", _("urgent")


class SignalDecision(models.Model):
    meeting = models.ForeignKey(SignalMeeting, on_delete=models.CASCADE, related_name="decisions")
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="decisions")
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices)
    outreach_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("outreach by"),
    )
    refer_to = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("refer to"),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    # Who was at the table when this was decided (user ids): the record the law asks for.
    present = models.JSONField(default=list)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["decided_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "signal"], name="decision_once_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.decision} {self.signal_id}"
