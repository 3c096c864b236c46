"""The signed-in user's API tokens page: list them, create one (its value shown once), revoke one.
Thin views over opengov.accounts.tokens."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from opengov.core.errors import DomainError
from opengov.core.forms import DomainErrorFormMixin, GovukFormMixin

from .models import ApiToken, TokenScope
from .tokens import MAX_NAME, create_api_token, revoke_api_token

TEMPLATE = "accounts/tokens/list.html"


class ApiTokenForm(GovukFormMixin, DomainErrorFormMixin, forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name of the token"),
        help_text=gettext_lazy(
            "So you can tell your tokens apart, for example “Departmental progress import”."
        ),
        max_length=MAX_NAME,
        error_messages={
            "required": gettext_lazy("Enter a name for the token"),
            "max_length": gettext_lazy("The name must be 100 characters or fewer"),
        },
    )
    scope = forms.ChoiceField(
        label=gettext_lazy("What may the token do?"),
        help_text=gettext_lazy(
            "Never more than your own roles allow. A read-only token can also read drafts you may "
            "see, but can never change anything."
        ),
        choices=TokenScope.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose what the token may do")},
    )


def _page(request: HttpRequest, form: ApiTokenForm, **extra: Any) -> HttpResponse:
    user: Any = request.user
    tokens = ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")
    return render(request, TEMPLATE, {"form": form, "tokens": tokens, **extra})


class ApiTokenListView(LoginRequiredMixin, View):
    """GET lists the user's tokens; POST creates one and shows its value, this once only."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return _page(request, ApiTokenForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ApiTokenForm(request.POST)
        if form.is_valid():
            try:
                token, raw = create_api_token(
                    by=request.user,
                    name=form.cleaned_data["name"],
                    scope=form.cleaned_data["scope"],
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                response = _page(request, ApiTokenForm(), created=token, raw_token=raw)
                response["Cache-Control"] = "no-store"
                return response
        return _page(request, form)


class ApiTokenRevokeView(LoginRequiredMixin, View):
    """POST revokes one of the user's own tokens."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        user: Any = request.user
        token = get_object_or_404(ApiToken, pk=pk, user=user)
        try:
            revoke_api_token(by=request.user, token=token)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("The token “%(name)s” has been revoked") % {"name": token.name}
            )
        return HttpResponseRedirect(reverse("tokens:token-list"))
