"""Instruments as data (their items and the meaning of each score) and measurements over time.

An instrument is never code: a new one is added in the functional admin. A measurement is one
household member's scores on one instrument on one day.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class ScoredBy(models.TextChoices):
    PROFESSIONAL = "professional", _("the professional")
    RESIDENT = "inwoner", _("the resident")
    # Each item gets two scores: the resident's own and the professional's view.
    BOTH = "beide", _("the resident and the professional, separately")


class ResidentWords(models.Model):
    """Residents read their own scores and fill some instruments in: instruments and their items
    carry plain words for them besides the professional's."""

    resident_name = models.CharField(
        _("name for residents"),
        max_length=120,
        blank=True,
        help_text=_("In plain words, for the resident's own pages. Empty: the name is shown."),
    )
    resident_description = models.TextField(
        _("description for residents"),
        blank=True,
        help_text=_(
            "In plain words, addressing the resident as 'u'. Empty: residents see no description."
        ),
    )

    class Meta:
        abstract = True


class Instrument(ResidentWords):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    scored_by = models.CharField(
        _("scored by"), max_length=12, choices=ScoredBy.choices, default=ScoredBy.PROFESSIONAL
    )
    scale_min = models.SmallIntegerField(_("lowest score"), default=1)
    scale_max = models.SmallIntegerField(_("highest score"), default=5)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gt=F("scale_min")),
                name="instrument_scale_max_above_min",
                violation_error_message=_("The highest score must be above the lowest score."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def scale(self) -> range:
        return range(self.scale_min, self.scale_max + 1)

    @property
    def name_for_resident(self) -> str:
        return self.resident_name or self.name


class InstrumentItem(ResidentWords):
    """A domain, dimension or rung of an instrument; optionally tied to one life domain."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="items")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    domain = models.ForeignKey(
        "taxonomy.LifeDomain",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="instrument_items",
        verbose_name=_("life domain"),
    )
    # Only for instruments scored by both: an item only the resident scores (a mark for life).
    resident_only = models.BooleanField(_("only the resident scores this"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["instrument", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="instrument_item_code")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def asks_professional(self) -> bool:
        return self.instrument.scored_by == ScoredBy.BOTH and not self.resident_only

    @property
    def name_for_resident(self) -> str:
        return self.resident_name or self.name


class ScaleAnchor(models.Model):
    """What a score means. An anchor on an item wins over the instrument's general anchor."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="anchors")
    item = models.ForeignKey(
        InstrumentItem,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="anchors",
        verbose_name=_("item"),
    )
    score = models.SmallIntegerField(_("score"))
    label = models.CharField(_("label"), max_length=80)
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("scale anchor")
        verbose_name_plural = _("scale anchors")
        ordering = ["instrument", "item", "score"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "item", "score"], name="scale_anchor_unique"
            ),
            models.UniqueConstraint(
                fields=["instrument", "score"],
                condition=Q(item__isnull=True),
                name="scale_anchor_unique_general",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.score}: {self.label}"

    def clean(self) -> None:
        item = self.item if self.item_id else None
        if item is not None and self.instrument_id and item.instrument_id != self.instrument_id:
            raise ValidationError({"item": _("This item belongs to another instrument.")})
        if self.instrument_id and self.score not in self.instrument.scale:
            raise ValidationError({"score": _("This score is outside the instrument's scale.")})


class Measurement(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    resident = models.ForeignKey(
        "households.Resident", on_delete=models.CASCADE, related_name="measurements"
    )
    # The household the resident belonged to when measured.
    household = models.ForeignKey(
        "households.Household",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measurements",
    )
    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="measurements"
    )
    taken_on = models.DateField(_("taken on"))
    scored_by = models.CharField(_("scored by"), max_length=12, choices=ScoredBy.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="recorded_measurements",
        verbose_name=_("recorded by"),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["resident", "instrument", "taken_on", "id"]
        indexes = [models.Index(fields=["resident", "instrument", "taken_on"])]

    def __str__(self) -> str:
        return f"{self.instrument} {self.taken_on:%d-%m-%Y}"


class Score(models.Model):
    measurement = models.ForeignKey(Measurement, on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(InstrumentItem, on_delete=models.PROTECT, related_name="scores")
    # The score of whoever scores the instrument; for items scored by both, the resident's.
    value = models.SmallIntegerField(_("score"))
    professional_value = models.SmallIntegerField(_("professional's score"), null=True, blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["measurement", "item"], name="score_one_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.value}"

    @property
    def difference(self) -> int | None:
        if self.professional_value is None:
            return None
        return self.value - self.professional_value
