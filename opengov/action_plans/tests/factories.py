"""factory_boy factories for members, plans, commitments and milestones."""

import datetime as dt

import factory
from django.utils import timezone

from opengov.action_plans.choices import PlanStatus
from opengov.action_plans.models import (
    ActionPlan,
    Commitment,
    Member,
    Milestone,
    ProgressUpdate,
)


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member
        django_get_or_create = ("slug",)

    name = "United Kingdom"
    slug = "united-kingdom"
    kind = "national"
    code = "GBR"


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    member = factory.SubFactory(MemberFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda o: f"National Action Plan {o.number}")
    starts_on = dt.date(2016, 5, 12)
    ends_on = dt.date(2018, 6, 30)
    status = PlanStatus.IMPLEMENTING
    published_at = factory.LazyFunction(timezone.now)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment
        skip_postgeneration_save = True

    plan = factory.SubFactory(ActionPlanFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    position = factory.LazyAttribute(lambda o: int(o.number) * 1000 if o.number.isdigit() else 0)
    title = factory.Sequence(lambda n: f"Commitment {n + 1}")

    @factory.post_generation
    def lead_organisations(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.lead_organisations.set(extracted)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    commitment = factory.SubFactory(CommitmentFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Milestone {n + 1}")
    original_due_on = dt.date(2017, 3, 31)
    due_on = dt.date(2017, 3, 31)


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    commitment = factory.SubFactory(CommitmentFactory)
    status = "on_track"
    text = "Work is on track."
    reported_on = dt.date(2016, 11, 10)
