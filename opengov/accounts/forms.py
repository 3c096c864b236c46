"""Sign-in and password-reset forms: Django's own, with GOV.UK rendering and messages."""

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import GovukFormMixin
from opengov.core.mail import send_email

EMAIL_ERRORS = {
    "required": _("Enter your email address"),
    "invalid": _("Enter an email address in the correct format, like name@example.com"),
}


def email_field() -> forms.EmailField:
    return forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages=EMAIL_ERRORS,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class SignInForm(GovukFormMixin, AuthenticationForm):
    username = email_field()
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        error_messages={"required": _("Enter your password")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _("Enter a correct email address and password"),
        "inactive": _("This account has been closed"),
    }


class PasswordResetRequestForm(GovukFormMixin, PasswordResetForm):
    email = email_field()

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        """Queued for the task worker, which retries it when the mail server fails
        (opengov.core.mail), instead of Django's sending it, or losing it, during the request."""
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        html = ""
        if html_email_template_name is not None:
            html = loader.render_to_string(html_email_template_name, context)
        send_email(
            to=[to_email],
            subject=subject,
            body=loader.render_to_string(email_template_name, context),
            html_body=html,
            from_email=from_email or "",
            kind="accounts.password_reset",
        )


class SetNewPasswordForm(GovukFormMixin, SetPasswordForm):
    error_messages = {"password_mismatch": _("The passwords do not match")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        new, confirm = self.fields["new_password1"], self.fields["new_password2"]
        new.label = _("New password")
        new.help_text = " ".join(password_validation.password_validators_help_texts())
        new.error_messages["required"] = _("Enter a new password")
        confirm.label = _("Confirm new password")
        confirm.error_messages["required"] = _("Confirm your new password")
