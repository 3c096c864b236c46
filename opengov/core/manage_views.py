"""The flow every app's managing pages share: sign in, load the object through
`visible_to(user)` (404 otherwise), check the named rule (403 otherwise), bind the form and, on
POST, call the one service; a refusal is shown on the form, success redirects with a message."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from .errors import DomainError
from .manage_forms import ManageForm

__all__ = ["ManageFormView"]


class ManageFormView(LoginRequiredMixin, View):
    """Subclasses name the model (None for a page with no object), the rule, the form and the
    template, and implement `perform`: the one service call."""

    model: type[Model] | None = None
    related: tuple[str, ...] = ()
    permission: str = ""
    form_class: type[ManageForm]
    template_name: str
    success_message: Any = ""

    def get_object(self) -> Any:
        if self.model is None:
            return None
        visible = self.model.objects.visible_to(self.request.user)  # type: ignore[attr-defined]
        return get_object_or_404(visible.select_related(*self.related), pk=self.kwargs["pk"])

    def check_permission(self, obj: Any) -> None:
        if not self.request.user.has_perm(self.permission, obj):
            raise PermissionDenied

    def form_kwargs(self, obj: Any) -> dict[str, Any]:
        return {}

    def perform(self, form: Any, obj: Any) -> Model:
        raise NotImplementedError

    def success_url(self, result: Any) -> str:
        return result.get_absolute_url()

    def context(self, obj: Any) -> dict[str, Any]:
        return {"object": obj}

    def load(self) -> Any:
        obj = self.get_object()
        self.check_permission(obj)
        return obj

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        obj = self.load()
        return self.render_form(obj, self.form_class(**self.form_kwargs(obj)))

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        obj = self.load()
        form = self.form_class(data=request.POST, **self.form_kwargs(obj))
        if form.is_valid():
            try:
                result = self.perform(form, obj)
            except DomainError as error:  # ConflictError too: a non-field error, input kept
                form.add_domain_error(error)
            else:
                messages.success(request, self.success_message)
                return redirect(self.success_url(result))
        return self.render_form(obj, form)

    def render_form(self, obj: Any, form: ManageForm) -> HttpResponse:
        return render(self.request, self.template_name, {**self.context(obj), "form": form})
