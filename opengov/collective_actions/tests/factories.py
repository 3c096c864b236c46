"""factory_boy factories for events and collective actions (rows only: tests of behaviour go
through the services)."""

import datetime as dt

import factory

from opengov.collective_actions.models import CollectiveAction, Event


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Summit {n}")
    starts_on = dt.date(2016, 12, 7)
    ends_on = dt.date(2016, 12, 9)
    place = "Paris"


class CollectiveActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectiveAction

    title = factory.Sequence(lambda n: f"Collective action {n}")
    theme = "Open contracting"
    event = factory.SubFactory(EventFactory)
