"""The signed-in person's "Your data" pages: download everything held about them, and delete their
account. Thin views over opengov.accounts.privacy_export and opengov.accounts.privacy."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from opengov.core.errors import DomainError
from opengov.core.forms import DomainErrorFormMixin, GovukFormMixin

from .privacy import delete_account
from .privacy_export import your_data

DELETE_TEMPLATE = "accounts/privacy/delete_account.html"


class DeleteAccountForm(GovukFormMixin, DomainErrorFormMixin, forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        help_text=gettext_lazy("To confirm that it is you who is deleting this account."),
        strip=False,
        error_messages={"required": gettext_lazy("Enter your password")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


def _private(response: HttpResponse | StreamingHttpResponse) -> Any:
    response["Cache-Control"] = "no-store"
    return response


class YourDataView(LoginRequiredMixin, TemplateView):
    """What is held about the signed-in person, the download button and the way to delete."""

    template_name = "accounts/privacy/your_data.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return _private(super().get(request, *args, **kwargs))


class YourDataDownloadView(LoginRequiredMixin, View):
    """POST: everything held about the signed-in person, as one JSON file, streamed."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> StreamingHttpResponse:
        response = StreamingHttpResponse(
            your_data(request.user),  # type: ignore[arg-type]
            content_type="application/json; charset=utf-8",
        )
        filename = f"your-data-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return _private(response)


class DeleteAccountView(LoginRequiredMixin, View):
    """GET: what deleting does, and the password to confirm it. POST: delete the account, end
    this session (every other one ended with the password) and say it is done."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return _private(render(request, DELETE_TEMPLATE, {"form": DeleteAccountForm()}))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = DeleteAccountForm(request.POST)
        if form.is_valid():
            try:
                delete_account(
                    by=request.user,
                    user=request.user,  # type: ignore[arg-type]
                    password=form.cleaned_data["password"],
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                logout(request)
                return HttpResponseRedirect(reverse("accounts:account-deleted"))
        return _private(render(request, DELETE_TEMPLATE, {"form": form}))


class AccountDeletedView(TemplateView):
    template_name = "accounts/privacy/account_deleted.html"
