"""The glossary for everyone who is logged in, and the plain-language check for professionals."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from eenplan.accounts.actor import actor_from_request
from eenplan.core.plainlanguage import MAX_SENTENCE_WORDS, check_text
from eenplan.organisations.models import Role
from eenplan.privacy.decorators import role_required
from eenplan.taxonomy.forms import GlossarySearchForm, PlainLanguageCheckForm
from eenplan.taxonomy.selectors import glossary_by_domain


@login_required
def glossary(request: HttpRequest) -> HttpResponse:
    form = GlossarySearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    actor = actor_from_request(request)
    groups = glossary_by_domain(query=query)
    return render(
        request,
        "taxonomy/glossary.html",
        {
            "form": form,
            "query": query,
            "groups": groups,
            "term_count": sum(len(group.terms) for group in groups),
            # Residents read the plain explanation; professionals also the one for their peers.
            "show_professional": bool(actor.roles),
            "may_check": bool(actor.roles),
        },
    )


@role_required(*Role.values)
def plain_language_check(request: HttpRequest) -> HttpResponse:
    report = None
    if request.method == "POST":
        form = PlainLanguageCheckForm(request.POST)
        if form.is_valid():
            report = check_text(
                form.cleaned_data["text"],
                max_sentence_words=form.cleaned_data["max_sentence_words"] or MAX_SENTENCE_WORDS,
            )
    else:
        form = PlainLanguageCheckForm()
    return render(request, "taxonomy/check.html", {"form": form, "report": report})
