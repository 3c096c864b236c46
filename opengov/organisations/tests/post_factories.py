"""factory_boy factories for posts, tenures, networks and projects."""

import datetime as dt

import factory

from opengov.organisations.models import Network, Post, Project, ProjectStatus, Tenure
from opengov.organisations.tests.factories import OrganisationFactory, PersonFactory


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    title = factory.Sequence(lambda n: f"Minister {n}")
    slug = factory.Sequence(lambda n: f"minister-{n}")
    organisation = factory.SubFactory(OrganisationFactory)


class TenureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tenure

    post = factory.SubFactory(PostFactory)
    person = factory.SubFactory(PersonFactory)
    start_on = dt.date(2016, 7, 14)
    source_url = "https://www.gov.uk/government/news/example"


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Network {n}")
    slug = factory.Sequence(lambda n: f"network-{n}")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Project {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    funder = factory.SubFactory(OrganisationFactory)
    purpose = "To expand the reach and impact of the network."
    status = ProjectStatus.ACTIVE
