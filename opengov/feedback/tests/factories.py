"""factory_boy factories for feedback and answers (direct rows, no audit event: for reads)."""

import factory

from opengov.feedback.choices import FeedbackStatus, FeedbackSubject, Moderation
from opengov.feedback.models import Answer, Feedback
from opengov.organisations.tests.factories import OrganisationFactory


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    subject = FeedbackSubject.PROCESS
    text = factory.Sequence(lambda n: f"Publish the notes sooner, please ({n})")
    name = "Alex Morgan"
    moderation = Moderation.PUBLISHED


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    feedback = factory.SubFactory(FeedbackFactory, status=FeedbackStatus.ANSWERED)
    text = "We will publish them within a week."
    organisation = factory.SubFactory(OrganisationFactory)
    answered_by_name = "Gus Contact"
