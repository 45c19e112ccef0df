"""The shared language: one list of life domains that every organisation's terms map to."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from eenplan.organisations.models import OrganisationKind


class LifeDomain(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("plain-language description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("life domain")
        verbose_name_plural = _("life domains")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name


class GlossaryTerm(models.Model):
    """One organisation's word, explained for residents and for professionals of other domains.

    A term flagged as jargon is one to avoid in texts for residents; the plain-language check
    (`eenplan.core.plainlanguage`) finds it and suggests `plain_alternative`.
    """

    term = models.CharField(_("term"), max_length=120, unique=True)
    organisation_kind = models.CharField(
        _("comes from"),
        max_length=32,
        choices=OrganisationKind.choices,
        blank=True,
        help_text=_("The kind of organisation whose word this is, if it belongs to one."),
    )
    life_domain = models.ForeignKey(
        LifeDomain,
        verbose_name=_("life domain"),
        on_delete=models.PROTECT,
        related_name="glossary_terms",
        null=True,
        blank=True,
        help_text=_("Leave empty for a word about the way of working rather than one domain."),
    )
    explanation_resident = models.TextField(
        _("explanation for residents"),
        help_text=_("Plain Dutch (B1): short sentences, everyday words."),
    )
    explanation_professional = models.TextField(
        _("explanation for professionals"),
        help_text=_("What a professional from another domain needs to know about this term."),
    )
    synonyms = models.CharField(
        _("synonyms"),
        max_length=400,
        blank=True,
        help_text=_("Other words for the same thing, separated by commas."),
    )
    jargon = models.BooleanField(
        _("jargon"),
        default=False,
        help_text=_("Avoid this word in texts for residents."),
    )
    plain_alternative = models.CharField(
        _("plain alternative"),
        max_length=200,
        blank=True,
        help_text=_("What to write instead in a text for a resident."),
    )

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["term"]
        constraints = [
            # "GGZ" and "ggz" are one word: the plain-language check matches without case.
            models.UniqueConstraint(
                Lower("term"),
                name="taxonomy_glossaryterm_term_unique_ci",
                violation_error_message=_("This term is already in the glossary."),
            )
        ]

    def __str__(self) -> str:
        return self.term

    @property
    def synonym_list(self) -> list[str]:
        return [part.strip() for part in self.synonyms.split(",") if part.strip()]

    def clean(self) -> None:
        super().clean()
        if self.jargon and not self.plain_alternative.strip():
            raise ValidationError(
                {"plain_alternative": _("A jargon term needs a plain alternative for residents.")}
            )
