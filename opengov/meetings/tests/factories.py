"""factory_boy factories for meeting series, meetings, attendance, minutes and action items."""

import datetime as dt

import factory
from django.utils import timezone

from opengov.meetings.choices import ActionStatus, AttendanceRole, MeetingStatus
from opengov.meetings.models import (
    ActionItem,
    Attendance,
    Meeting,
    MeetingSeries,
    MinutesSection,
)
from opengov.organisations.tests.factories import PersonFactory


def held_on(day: dt.date, hour: int = 10) -> dt.datetime:
    """A time on a day, in the deployment's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


class MeetingSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingSeries
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"OGN and Cabinet Office {n}")
    slug = factory.Sequence(lambda n: f"ogn-and-cabinet-office-{n}")


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"Where we've got to {n}")
    starts_at = factory.LazyFunction(lambda: held_on(dt.date(2016, 11, 10)))
    status = MeetingStatus.HELD
    is_public = True


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    role = AttendanceRole.ATTENDEE
    position = factory.Sequence(lambda n: n + 1)


class MinutesSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MinutesSection
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    heading = factory.Sequence(lambda n: f"Update on NAP3 commitments {n}")
    text = "Broadly things are on track."

    @factory.post_generation
    def commitments(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.commitments.set(extracted)


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"OGN to write to MCO ({n})")
    status = ActionStatus.OPEN
