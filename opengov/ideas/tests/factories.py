"""factory_boy factories for calls for ideas and ideas (for setting the scene; the behaviour under
test always goes through the services)."""

import datetime as dt

import factory
from django.utils import timezone

from opengov.action_plans.choices import PlanStatus
from opengov.action_plans.models import PolicyArea
from opengov.action_plans.tests.factories import ActionPlanFactory
from opengov.ideas.choices import IdeaStatus
from opengov.ideas.models import CallForIdeas, Comment, Idea, ScoringCriterion
from opengov.organisations.tests.factories import PersonFactory


class PolicyAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyArea
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class CallFactory(factory.django.DjangoModelFactory):
    """A published call, open today, for a plan being drafted, with three criteria."""

    class Meta:
        model = CallForIdeas
        skip_postgeneration_save = True

    plan = factory.SubFactory(ActionPlanFactory, status=PlanStatus.DRAFTING)
    title = factory.Sequence(lambda n: f"Ideas for the next plan {n}")
    description = "Send your ideas for commitments."
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=20))
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def policy_areas(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.policy_areas.set(extracted)

    @factory.post_generation
    def criteria(obj, create, extracted, **kwargs):
        if create:
            for position, name in enumerate(extracted or ("Public demand", "Value")):
                ScoringCriterion.objects.create(call=obj, name=name, position=position)


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea

    call = factory.SubFactory(CallFactory)
    title = factory.Sequence(lambda n: f"Idea {n}")
    text = "Publish the data."
    author_person = factory.SubFactory(PersonFactory)
    status = IdeaStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    idea = factory.SubFactory(IdeaFactory)
    author_name = "Commenter"
    text = "A comment."
