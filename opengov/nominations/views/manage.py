"""The forms of nominations: running rounds (secretariat, administrators) and taking part
(members' people nominate, second and vote; nominees answer). Each signs the user in, loads the
round or nomination through `visible_to(user)` (404 otherwise), checks the named rule (403
otherwise) and, on POST, calls its one service (core's ManageFormView)."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from opengov.core.manage_views import ManageFormView
from opengov.organisations.models import Organisation

from .. import services
from ..forms import AnswerForm, BodyForm, ConfirmForm, NominateForm, RoundForm, SecondForm, VoteForm
from ..models import Body, Nomination, NominationRound, VoteRecord
from ..rules import represented_members

FORMS = "nominations/forms/"


def members_of(
    user: Any, round_: NominationRound, exclude: set[int] | None = None
) -> QuerySet[Organisation]:
    ids = represented_members(user, round_) - (exclude or set())
    return Organisation.objects.filter(pk__in=ids).order_by("name")


class RoundFormView(ManageFormView):
    model = NominationRound
    related = ("body",)

    def context(self, round_: NominationRound) -> dict[str, Any]:
        return {"object": round_, "round": round_}


class NominationFormView(ManageFormView):
    model = Nomination
    related = ("round", "nominee", "nominator", "constituency")

    def context(self, nomination: Nomination) -> dict[str, Any]:
        return {"object": nomination, "nomination": nomination, "round": nomination.round}


# Running rounds -------------------------------------------------------------------------------


class ManageBodyCreateView(ManageFormView):
    permission = "nominations.add_body"
    form_class = BodyForm
    template_name = FORMS + "body_form.html"
    success_message = _("Body added")

    def perform(self, form: BodyForm, obj: None) -> Model:
        return services.create_body(by=self.request.user, **form.service_kwargs())


class ManageRoundCreateView(ManageFormView):
    permission = "nominations.add_round"
    form_class = RoundForm
    template_name = FORMS + "round_form.html"
    success_message = _("Round set up as a draft: open it when it is ready")

    def get_body(self) -> Body:
        return get_object_or_404(Body, slug=self.kwargs["slug"])

    def context(self, obj: None) -> dict[str, Any]:
        return {"body": self.get_body()}

    def perform(self, form: RoundForm, obj: None) -> Model:
        return services.create_round(
            by=self.request.user, body=self.get_body(), **form.service_kwargs()
        )


class ManageRoundEditView(RoundFormView):
    permission = "nominations.change_round"
    form_class = RoundForm
    template_name = FORMS + "round_form.html"
    success_message = _("Round saved")

    def form_kwargs(self, round_: NominationRound) -> dict[str, Any]:
        return {"initial": RoundForm.initial_for(round_), "editing": True}

    def context(self, round_: NominationRound) -> dict[str, Any]:
        return {**super().context(round_), "body": round_.body}

    def perform(self, form: RoundForm, round_: NominationRound) -> Model:
        return services.update_round(by=self.request.user, round=round_, **form.service_kwargs())


class ManageRoundOpenView(RoundFormView):
    permission = "nominations.open_round"
    form_class = ConfirmForm
    template_name = FORMS + "round_open.html"
    success_message = _("Round opened: the eligible members' people have been told")

    def perform(self, form: ConfirmForm, round_: NominationRound) -> Model:
        return services.open_round(by=self.request.user, round=round_)


class ManageResultsPublishView(RoundFormView):
    permission = "nominations.publish_results"
    form_class = ConfirmForm
    template_name = FORMS + "results_publish.html"
    success_message = _("Results published")

    def perform(self, form: ConfirmForm, round_: NominationRound) -> Model:
        services.publish_results(by=self.request.user, round=round_)
        return round_

    def context(self, round_: NominationRound) -> dict[str, Any]:
        return {**super().context(round_), "turnout": round_.voters.count()}


# Taking part ----------------------------------------------------------------------------------


class NominateView(RoundFormView):
    permission = "nominations.nominate"
    form_class = NominateForm
    template_name = FORMS + "nominate.html"
    success_message = _("Nomination made: the nominee has been asked to accept it")

    def form_kwargs(self, round_: NominationRound) -> dict[str, Any]:
        return {"round": round_, "members": members_of(self.request.user, round_)}

    def perform(self, form: NominateForm, round_: NominationRound) -> Model:
        return services.nominate(by=self.request.user, round=round_, **form.service_kwargs())


class NominationSecondView(NominationFormView):
    permission = "nominations.second_nomination"
    form_class = SecondForm
    template_name = FORMS + "second.html"
    success_message = _("Nomination seconded")

    def form_kwargs(self, nomination: Nomination) -> dict[str, Any]:
        members = members_of(self.request.user, nomination.round, {nomination.nominator_id})
        return {"members": members.exclude(secondings__nomination=nomination)}

    def perform(self, form: SecondForm, nomination: Nomination) -> Model:
        services.second_nomination(
            by=self.request.user, nomination=nomination, **form.service_kwargs()
        )
        return nomination


class NominationAnswerView(NominationFormView):
    permission = "nominations.answer_nomination"
    form_class = AnswerForm
    template_name = FORMS + "answer.html"
    success_message = _("Your answer is saved")

    def perform(self, form: AnswerForm, nomination: Nomination) -> Model:
        return services.answer_nomination(
            by=self.request.user, nomination=nomination, **form.service_kwargs()
        )


class NominationWithdrawView(NominationFormView):
    permission = "nominations.withdraw_nomination"
    form_class = ConfirmForm
    template_name = FORMS + "withdraw.html"
    success_message = _("Nomination withdrawn")

    def perform(self, form: ConfirmForm, nomination: Nomination) -> Model:
        return services.withdraw_nomination(by=self.request.user, nomination=nomination)


class VoteView(RoundFormView):
    permission = "nominations.vote"
    form_class = VoteForm
    template_name = FORMS + "vote.html"
    success_message = _("Your member's vote is cast. The ballot is secret: it records no voter.")

    def form_kwargs(self, round_: NominationRound) -> dict[str, Any]:
        voted = set(
            VoteRecord.objects.filter(round=round_).values_list("organisation_id", flat=True)
        )
        standing = list(
            Nomination.objects.standing()
            .filter(round=round_)
            .select_related("nominee", "nominee_organisation", "constituency")
            .order_by("constituency__position", "nominee__name", "pk")
        )
        return {
            "round": round_,
            "members": members_of(self.request.user, round_, voted),
            "standing": standing,
        }

    def perform(self, form: VoteForm, round_: NominationRound) -> Model:
        services.cast_vote(by=self.request.user, round=round_, **form.service_kwargs())
        return round_

    def success_url(self, round_: NominationRound) -> str:
        return reverse("nominations:round-detail", kwargs={"pk": round_.pk})
