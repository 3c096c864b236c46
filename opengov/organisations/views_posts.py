"""The pages of posts and who held them, and of a network's projects: public lists and pages,
and the managing pages (each calls one service; see rules.py for who may use them)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Model, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from opengov.action_plans.views.public import recent_history
from opengov.core.audit import object_key
from opengov.core.forms import GovukFormMixin
from opengov.core.manage_views import ManageFormView

from . import projects, tenures
from .models import Network, Organisation, Post, Project, ProjectStatus, Tenure
from .post_forms import (
    PostEditForm,
    PostForm,
    ProjectEditForm,
    ProjectForm,
    TenureCorrectForm,
    TenureEndForm,
    TenureForm,
)

MANAGE = "organisations/manage/"


def post_tenures() -> QuerySet[Tenure]:
    return Tenure.objects.select_related("person").order_by("-start_on", "-pk")


def split_holders(tenures: list[Tenure]) -> tuple[list[Tenure], list[Tenure]]:
    """Those who hold the post today, and those who held it before (latest first); a tenure
    recorded to start in the future counts among neither."""
    today = timezone.localdate()
    current = [t for t in tenures if t.held_on(today)]
    earlier = [t for t in tenures if t.end_on is not None and t.end_on < today]
    return current, earlier


class PostListView(ListView):
    template_name = "organisations/post_list.html"
    context_object_name = "posts"
    paginate_by = settings.OPENGOV_LIST_PAGE_SIZE

    def get_queryset(self) -> QuerySet[Post]:
        open_tenures = Tenure.objects.filter(end_on__isnull=True).select_related("person")
        return (
            Post.objects.select_related("organisation")
            .prefetch_related(Prefetch("tenures", open_tenures, to_attr="open_tenures"))
            .order_by("title", "pk")
        )


class PostDetailView(DetailView):
    template_name = "organisations/post_detail.html"
    context_object_name = "post"

    def get_queryset(self) -> QuerySet[Post]:
        return Post.objects.select_related("organisation").prefetch_related(
            Prefetch("tenures", post_tenures(), to_attr="all_tenures")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        current, earlier = split_holders(self.object.all_tenures)
        context.update(
            current=current,
            earlier=earlier,
            history=recent_history(self.object),
            history_key=object_key(self.object),
        )
        return context


def project_funders() -> list[str]:
    """The name of every funder of a project, as it shows: organisations in the directory and
    funders recorded by name alone (two queries, however many projects)."""
    in_directory = Organisation.objects.filter(funded_projects__isnull=False).values_list(
        "name", flat=True
    )
    by_name = (
        Project.objects.filter(funder__isnull=True)
        .exclude(funder_name="")
        .values_list("funder_name", flat=True)
    )
    return sorted(set(in_directory) | set(by_name), key=str.casefold)


class ProjectFilterForm(GovukFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *ProjectStatus.choices], required=False
    )
    funder = forms.ChoiceField(label=_("Funder"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        funders = [(name, name) for name in project_funders()]
        self.fields["funder"].choices = [("", _("Any funder")), *funders]  # type: ignore[attr-defined]

    def apply(self, projects: QuerySet[Project]) -> QuerySet[Project]:
        if not self.is_valid():
            return projects.none()
        if status := self.cleaned_data.get("status"):
            projects = projects.filter(status=status)
        if funder := self.cleaned_data.get("funder"):
            projects = projects.filter(
                Q(funder__name=funder) | Q(funder__isnull=True, funder_name=funder)
            )
        return projects


class ProjectListView(ListView):
    """Every network's projects, by title: their network, funder, partners, period and status;
    filterable by status and funder."""

    template_name = "organisations/project_list.html"
    context_object_name = "projects"
    paginate_by = settings.OPENGOV_LIST_PAGE_SIZE

    def get_queryset(self) -> QuerySet[Project]:
        self.filters = ProjectFilterForm(self.request.GET or None)
        projects = (
            Project.objects.select_related("network", "funder")
            .prefetch_related(Prefetch("partners", Organisation.objects.order_by("name", "pk")))
            .order_by("title", "pk")
        )
        return self.filters.apply(projects) if self.filters.is_bound else projects

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "filters": self.filters}


class ProjectDetailView(DetailView):
    template_name = "organisations/project_detail.html"
    context_object_name = "project"

    def get_queryset(self) -> QuerySet[Project]:
        return Project.objects.select_related("network", "funder").prefetch_related("partners")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(history=recent_history(self.object), history_key=object_key(self.object))
        return context


# Managing pages -------------------------------------------------------------------------------


class ManagePostCreateView(ManageFormView):
    permission = "organisations.add_post"
    form_class = PostForm
    template_name = MANAGE + "post_form.html"
    success_message = _("Post added")

    def perform(self, form: PostForm, obj: None) -> Model:
        return tenures.create_post(by=self.request.user, **form.service_kwargs())


class ManagePostEditView(ManageFormView):
    """Change a post's title, organisation, description and whether one person holds it at a
    time; a stale edit is refused on the form with the input kept."""

    permission = "organisations.change_post"
    form_class = PostEditForm
    template_name = MANAGE + "post_form.html"
    success_message = _("Post saved")

    def get_object(self) -> Post:
        return get_object_or_404(
            Post.objects.select_related("organisation"), slug=self.kwargs["slug"]
        )

    def context(self, post: Post) -> dict[str, Any]:
        return {"object": post, "post": post}

    def form_kwargs(self, post: Post) -> dict[str, Any]:
        return {"initial": PostEditForm.initial_for(post)}

    def perform(self, form: PostEditForm, post: Post) -> Model:
        return tenures.update_post(by=self.request.user, post=post, **form.service_kwargs())


class ManageTenureCreateView(ManageFormView):
    permission = "organisations.add_tenure"
    form_class = TenureForm
    template_name = MANAGE + "tenure_form.html"
    success_message = _("Holder recorded")

    def get_object(self) -> Post:
        return get_object_or_404(
            Post.objects.select_related("organisation"), slug=self.kwargs["slug"]
        )

    def context(self, post: Post) -> dict[str, Any]:
        return {"object": post, "post": post}

    def perform(self, form: TenureForm, post: Post) -> Model:
        return tenures.start_tenure(by=self.request.user, post=post, **form.service_kwargs())

    def success_url(self, tenure: Tenure) -> str:
        return reverse("organisations:post-detail", kwargs={"slug": tenure.post.slug})


class TenureFormView(ManageFormView):
    """A page about one tenure of a post."""

    permission = "organisations.change_tenure"

    def get_object(self) -> Tenure:
        tenures = Tenure.objects.select_related("post", "person")
        return get_object_or_404(tenures, pk=self.kwargs["pk"])

    def context(self, tenure: Tenure) -> dict[str, Any]:
        return {"object": tenure, "tenure": tenure, "post": tenure.post}

    def success_url(self, tenure: Tenure) -> str:
        return reverse("organisations:post-detail", kwargs={"slug": tenure.post.slug})


class ManageTenureCorrectView(TenureFormView):
    form_class = TenureCorrectForm
    template_name = MANAGE + "tenure_correct.html"
    success_message = _("Tenure corrected")

    def form_kwargs(self, tenure: Tenure) -> dict[str, Any]:
        return {"initial": TenureCorrectForm.initial_for(tenure)}

    def perform(self, form: TenureCorrectForm, tenure: Tenure) -> Model:
        return tenures.correct_tenure(by=self.request.user, tenure=tenure, **form.service_kwargs())


class ManageTenureEndView(TenureFormView):
    form_class = TenureEndForm
    template_name = MANAGE + "tenure_end.html"
    success_message = _("End of the tenure recorded")

    def form_kwargs(self, tenure: Tenure) -> dict[str, Any]:
        return {"initial": {"version": tenure.version}}

    def perform(self, form: TenureEndForm, tenure: Tenure) -> Model:
        return tenures.end_tenure(by=self.request.user, tenure=tenure, **form.service_kwargs())


class ManageProjectCreateView(ManageFormView):
    permission = "organisations.add_project"
    form_class = ProjectForm
    template_name = MANAGE + "project_form.html"
    success_message = _("Project added")

    def get_object(self) -> Network:
        return get_object_or_404(Network, slug=self.kwargs["slug"])

    def context(self, network: Network) -> dict[str, Any]:
        return {"object": network, "network": network}

    def perform(self, form: ProjectForm, network: Network) -> Model:
        return projects.create_project(
            by=self.request.user, network=network, **form.service_kwargs()
        )


class ManageProjectEditView(ManageFormView):
    permission = "organisations.change_project"
    form_class = ProjectEditForm
    template_name = MANAGE + "project_form.html"
    success_message = _("Project saved")

    def get_object(self) -> Project:
        found = Project.objects.select_related("network").prefetch_related("partners")
        return get_object_or_404(found, slug=self.kwargs["slug"])

    def context(self, project: Project) -> dict[str, Any]:
        return {"object": project, "project": project, "network": project.network}

    def form_kwargs(self, project: Project) -> dict[str, Any]:
        return {"initial": ProjectEditForm.initial_for(project)}

    def perform(self, form: ProjectEditForm, project: Project) -> Model:
        return projects.update_project(
            by=self.request.user, project=project, **form.service_kwargs()
        )
