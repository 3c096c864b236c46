"""The organisations and people of the demo, as data: those named in the note of the 10 November
2016 meeting of the UK Open Government Network and the Cabinet Office, and the lead organisations
of NAP3's commitments (nap3.json); nothing here goes beyond what those two sources say. And the
demo's sign-ins, one per role."""

from __future__ import annotations

from dataclasses import dataclass

from opengov.accounts.models import Role
from opengov.organisations.models import OrganisationKind as Kind


@dataclass(frozen=True)
class OrganisationData:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    parent: str = ""
    description: str = ""


@dataclass(frozen=True)
class PersonData:
    name: str
    # The organisation as the note writes it (a name or an alias); empty when it names none.
    organisation: str = ""
    role: str = ""


# Parents come before the organisations that are part of them.
ORGANISATIONS: tuple[OrganisationData, ...] = (
    # Government, from the note and from the leads in nap3.json.
    OrganisationData("Cabinet Office", Kind.GOVERNMENT_DEPARTMENT, aliases=("CO",)),
    OrganisationData(
        "Crown Commercial Service", Kind.AGENCY, aliases=("CCS",), parent="Cabinet Office"
    ),
    # Written "Cabinet Office (Government Digital Service)" in nap3.json: a part of the department.
    OrganisationData(
        "Government Digital Service",
        Kind.GOVERNMENT_DEPARTMENT,
        aliases=("GDS",),
        parent="Cabinet Office",
    ),
    OrganisationData("HM Treasury", Kind.GOVERNMENT_DEPARTMENT),
    OrganisationData("Home Office", Kind.GOVERNMENT_DEPARTMENT),
    OrganisationData("Department for Business, Innovation and Skills", Kind.GOVERNMENT_DEPARTMENT),
    OrganisationData("Department of Energy and Climate Change", Kind.GOVERNMENT_DEPARTMENT),
    # nap3.json's notes for commitment 2 call it "DFID".
    OrganisationData(
        "Department for International Development", Kind.GOVERNMENT_DEPARTMENT, aliases=("DFID",)
    ),
    OrganisationData("Financial Conduct Authority", Kind.AGENCY),
    # nap3.json writes "Office of National Statistics".
    OrganisationData(
        "Office for National Statistics",
        Kind.GOVERNMENT_DEPARTMENT,
        aliases=("Office of National Statistics", "ONS"),
    ),
    OrganisationData("Local Government Association", Kind.LOCAL_GOVERNMENT, aliases=("LGA",)),
    # The international body, as the note names it (Tonu Basu "from the OGP Support Unit").
    OrganisationData(
        "OGP",
        Kind.INTERNATIONAL_BODY,
        aliases=("OGP Support Unit", "Open Government Partnership"),
    ),
    # Civil society: the organisations of the attendee list.
    OrganisationData(
        "Involve",
        Kind.CIVIL_SOCIETY,
        description="Coordinates the UK Open Government Network.",
    ),
    OrganisationData("The Better With Data Society", Kind.CIVIL_SOCIETY),
    OrganisationData("The ONE Campaign", Kind.CIVIL_SOCIETY),
    OrganisationData("Transparency International", Kind.CIVIL_SOCIETY, aliases=("TI",)),
    OrganisationData("CRAE", Kind.CIVIL_SOCIETY),
    OrganisationData("Demsoc", Kind.CIVIL_SOCIETY, aliases=("Democratic Society",)),
    OrganisationData("Publish What You Fund", Kind.CIVIL_SOCIETY),
    OrganisationData("OpenUK", Kind.CIVIL_SOCIETY),
    OrganisationData("360Giving", Kind.CIVIL_SOCIETY),
    OrganisationData("Elcena Jeffers Foundation", Kind.CIVIL_SOCIETY),
    OrganisationData("SCVO", Kind.CIVIL_SOCIETY),
    OrganisationData("Publish What You Pay UK", Kind.CIVIL_SOCIETY),
    OrganisationData("NI Open Government Network", Kind.CIVIL_SOCIETY),
    # The network acting as one body ("OGN to write to MCO"): action items name it as owner.
    OrganisationData(
        "UK Open Government Network",
        Kind.CIVIL_SOCIETY,
        aliases=("OGN", "Open Government Network"),
        description="The network of civil-society organisations, coordinated by Involve.",
    ),
    # "New OGN funding": the three funders of Involve's coordination of the network.
    OrganisationData("The Big Lottery Fund", Kind.FUNDER),
    OrganisationData("The Potter Foundation", Kind.FUNDER),
    OrganisationData("NESTA", Kind.FUNDER),
    # The note says the Cabinet Office "is working with devolved administrations" without naming
    # them, and names only the Scottish, Welsh and NI *networks*: no administration is added.
)

NETWORK_NAME = "UK Open Government Network"
NETWORK_COORDINATOR = "Involve"

# The attendee list, in the note's order and words.
ATTENDEES: tuple[PersonData, ...] = (
    PersonData("Tim Hughes", "Involve"),
    PersonData("Kaela Scott", "Involve"),
    PersonData("Simon Burall", "Involve"),
    PersonData("Jag Goraya", "The Better With Data Society"),
    PersonData("Gavin Freeguard"),
    PersonData("Lorriann Robinson", "The ONE Campaign"),
    PersonData("Rachel Davies", "Transparency International"),
    PersonData("Maria Stephens", "CRAE"),
    PersonData("Michelle Brook", "Demsoc"),
    PersonData("Tonu Basu", "OGP"),
    PersonData("Tom Orrell", "Publish What You Fund"),
    PersonData("Paul Taylor", "OpenUK"),
    PersonData("Rachel Rank", "360Giving"),
    PersonData("Elcena Jeffers", "Elcena Jeffers Foundation"),
    PersonData("Colin Horswell"),
    PersonData("Ruchir Shah", "SCVO"),
    PersonData("Miles Litvinoff", "Publish What You Pay UK"),
    PersonData("David McBurney", "NI Open Government Network"),
    PersonData("Thom Townsend", "Cabinet Office"),
    PersonData("Jeremy Foster", "Cabinet Office"),
    PersonData("William Gerry", "Cabinet Office"),
)

# Named under "Government Attendees". The note gives Sir Eric Pickles a post ("the newly
# reappointed Anti-Corruption Champion") but no organisation, so he has no membership.
OTHER_PEOPLE: tuple[PersonData, ...] = (
    PersonData("Ben Gummer", "Cabinet Office", role="Minister for the Cabinet Office"),
    PersonData("Sir Eric Pickles"),
)


def network_member_names() -> list[str]:
    """The civil-society organisations of the attendee list, once each, in the note's order."""
    civil_society = {o.name for o in ORGANISATIONS if o.kind == Kind.CIVIL_SOCIETY}
    names: list[str] = []
    for person in ATTENDEES:
        if person.organisation in civil_society and person.organisation not in names:
            names.append(person.organisation)
    return names


# Development only: printed by `demo_signins`, and only for accounts that still use it.
DEMO_PASSWORD = "demo-password-1"  # noqa: S105


@dataclass(frozen=True)
class DemoUser:
    role: str
    email: str
    name: str
    organisation: str = ""  # the grant's scope, by organisation name
    is_superuser: bool = False


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(Role.ADMINISTRATOR, "admin@example.org", "Demo administrator", is_superuser=True),
    DemoUser(Role.SECRETARIAT, "secretariat@example.org", "Demo secretariat"),
    DemoUser(Role.GOVERNMENT_CONTACT, "govcontact@example.org", "Demo government contact"),
    DemoUser(Role.COMMITMENT_LEAD, "lead@example.org", "Demo commitment lead", "Cabinet Office"),
    DemoUser(Role.FORUM_MEMBER, "forum@example.org", "Demo forum member"),
    DemoUser(Role.CIVIL_SOCIETY_MEMBER, "cso@example.org", "Demo civil-society member", "Involve"),
    DemoUser(Role.PARTICIPANT, "participant@example.org", "Demo participant"),
)
