"""The forms of the glossary pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from eenplan.core.forms import AccessibleFormMixin
from eenplan.core.plainlanguage import MAX_CHECKED_CHARACTERS, MAX_SENTENCE_WORDS


class GlossarySearchForm(AccessibleFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Search the glossary"),
        required=False,
        max_length=100,
        help_text=_("A word, for example kostendelersnorm or schulden."),
    )


class PlainLanguageCheckForm(AccessibleFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Text for a resident"),
        max_length=MAX_CHECKED_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Paste a letter, a plan or a summary. The text is checked, not saved."),
    )
    max_sentence_words = forms.IntegerField(
        label=_("Longest sentence (words)"),
        min_value=8,
        max_value=40,
        initial=MAX_SENTENCE_WORDS,
        required=False,
        help_text=_("Sentences with more words are marked as long."),
    )
