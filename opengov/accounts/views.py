"""Sign in, sign out and password reset: Django's views with this project's templates."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from opengov.accounts.forms import PasswordResetRequestForm, SetNewPasswordForm, SignInForm
from opengov.accounts.throttle import (
    count_sign_in_failure,
    password_reset_wait,
    sign_in_wait,
    throttled_response,
)


def reset_link_context() -> dict[str, Any]:
    return {
        "site_name": settings.OPENGOV_SITE_NAME,
        "hours": max(1, settings.PASSWORD_RESET_TIMEOUT // 3600),
    }


class SignInView(auth_views.LoginView):
    """`next` is followed only to this site (LoginView checks url_has_allowed_host_and_scheme).
    Failed attempts are counted per e-mail address and per client address; past the limit every
    attempt, right or wrong, is answered 429 until the window ends (opengov.accounts.throttle)."""

    template_name = "accounts/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if wait := sign_in_wait(request, request.POST.get("username")):
            return throttled_response(request, wait, action="sign-in")
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: SignInForm) -> HttpResponse:  # type: ignore[override]
        if form.data.get("username") and form.data.get("password"):
            count_sign_in_failure(self.request, form.data.get("username"))
        return super().form_invalid(form)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # LoginView sets site_name to the request's host; the page shows the deployment's name.
        return {**super().get_context_data(**kwargs), "site_name": settings.OPENGOV_SITE_NAME}


class SignOutView(auth_views.LogoutView):
    """Signing out is a POST; a GET (a link, a prefetch) only shows the button."""

    http_method_names = ["get", "post", "options"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return render(request, "accounts/sign_out.html")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You have signed out"))
        return response


class PasswordResetRequestView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = PasswordResetRequestForm
    subject_template_name = "accounts/emails/password_reset_subject.txt"
    email_template_name = "accounts/emails/password_reset_body.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    @property
    def extra_email_context(self) -> dict[str, Any]:
        return reset_link_context()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """The same answer whether or not an account has the address; each request counts
        against the address typed and the client's address, and past either limit no e-mail is
        sent and the answer is 429 (opengov.accounts.throttle)."""
        form = self.get_form()
        if not form.is_valid():
            return self.form_invalid(form)
        if wait := password_reset_wait(request, form.cleaned_data["email"]):
            return throttled_response(request, wait, action="password-reset")
        return self.form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), **reset_link_context()}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = SetNewPasswordForm
    success_url = reverse_lazy("accounts:password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
