"""factory_boy factories for organisations and people."""

import factory

from opengov.organisations.models import Organisation, OrganisationKind, Person, match_key


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Department {n}")
    slug = factory.Sequence(lambda n: f"department-{n}")
    kind = OrganisationKind.GOVERNMENT_DEPARTMENT
    match_name = factory.LazyAttribute(lambda o: match_key(o.name))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    match_name = factory.LazyAttribute(lambda o: match_key(o.name))
