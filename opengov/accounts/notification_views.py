"""The signed-in person's notification settings: one e-mail per notification, a daily digest, or
none (opengov.core.notifications reads the choice)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import FormView

from opengov.core.forms import GovukFormMixin

from .models import NotificationFrequency
from .services import set_notification_frequency


class NotificationSettingsForm(GovukFormMixin, forms.Form):
    frequency = forms.ChoiceField(
        label=gettext_lazy("How do you want to hear about what you follow?"),
        choices=NotificationFrequency.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose how you want to get notifications"),
            "invalid_choice": gettext_lazy("Choose one of the options shown"),
        },
    )


class NotificationSettingsView(LoginRequiredMixin, FormView):
    template_name = "accounts/notifications.html"
    form_class = NotificationSettingsForm

    def get_initial(self) -> dict[str, Any]:
        return {"frequency": self.request.user.notification_frequency}  # type: ignore[union-attr]

    def form_valid(self, form: NotificationSettingsForm) -> HttpResponse:
        set_notification_frequency(by=self.request.user, frequency=form.cleaned_data["frequency"])
        messages.success(self.request, gettext("Your notification settings are saved."))
        return HttpResponseRedirect(reverse("accounts:notifications"))
