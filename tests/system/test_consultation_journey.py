"""A participant comments on a paragraph of a draft declaration open for comments; after the
deadline the comment forms are gone and the page says comments are closed; the owner's lead
answers the comment (its author gets an e-mail); a revised version is published and its changes
page marks the words added and removed. Someone replies to a comment in its thread. axe checks
every page visited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from opengov.accounts.models import Role, RoleGrant
from opengov.accounts.tests.factories import PASSWORD, UserFactory
from opengov.consultations import services
from opengov.consultations.models import Answer, Comment, Consultation
from opengov.consultations.tests.factories import make_consultation, paragraphs
from opengov.core.audit import verify_chain
from opengov.organisations.tests.factories import OrganisationFactory
from tests.system.axe import assert_no_axe_violations
from tests.system.journeys import PageProblems, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCUMENT = (
    "# Draft declaration (sample)\n\n"
    "We commit to open government.\n\n"
    "We will report on progress every six months.\n\n"
    "We will work with civil society."
)
COMMENT = "Six months is too long: report every quarter."
ANSWER = "Agreed: the revised version says every three months."


def checked(page: Page, problems: PageProblems) -> None:
    assert not problems.items, problems.report()
    assert_no_axe_violations(page)


@pytest.fixture
def people(db):
    owner = OrganisationFactory(name="Cabinet Office", slug="cabinet-office")
    participant = UserFactory(email="pat@example.org", name="Pat Participant")
    lead = UserFactory(email="lee@example.org", name="Lee Lead")
    RoleGrant.objects.create(user=lead, role=Role.COMMITMENT_LEAD, organisation=owner)
    secretariat = UserFactory(email="sam@example.org", name="Sam Secretariat")
    RoleGrant.objects.create(user=secretariat, role=Role.SECRETARIAT)
    consultation = make_consultation(owner=owner, text=DOCUMENT, title="Draft declaration")
    return consultation, participant, lead, secretariat


def test_comment_close_answer_and_revise(page: Page, people):
    consultation, participant, lead, secretariat = people
    problems = PageProblems(page)

    # The participant comments on the third paragraph, without JavaScript being needed: the
    # form sits in a <details> under the paragraph.
    sign_in(page, participant.email, PASSWORD)
    page.goto("/consultations/")
    checked(page, problems)
    page.get_by_role("link", name="Draft declaration").click()
    expect(page.locator("#comments-open")).to_be_visible()
    checked(page, problems)
    page.get_by_text("Comment on paragraph 3", exact=True).click()
    page.get_by_label("Your comment on paragraph 3").fill(COMMENT)
    checked(page, problems)
    page.get_by_label("Your comment on paragraph 3").locator("xpath=ancestor::form").get_by_role(
        "button", name="Publish your comment"
    ).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Your comment has been published"
    )
    comment = Comment.objects.get()
    assert comment.paragraph.position == 3 and comment.author == participant
    page.get_by_text("1 comment on paragraph 3").click()
    expect(page.locator(f"#comment-{comment.pk}")).to_contain_text(COMMENT)
    checked(page, problems)

    # The deadline passes: the forms are gone and the page says so.
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_at=timezone.now() - dt.timedelta(minutes=1)
    )
    page.reload()
    expect(page.locator("#comments-closed")).to_contain_text("Comments are closed")
    expect(page.locator("textarea")).to_have_count(0)
    expect(page.get_by_text("Comment on paragraph 3", exact=True)).to_have_count(0)
    checked(page, problems)

    # The owner's lead answers the comment.
    page.context.clear_cookies()
    sign_in(page, lead.email, PASSWORD)
    page.goto(consultation.get_absolute_url())
    page.get_by_text("1 comment on paragraph 3").click()
    page.get_by_role("link", name="Answer the comment by Pat Participant").click()
    checked(page, problems)
    page.get_by_label("Answer").fill(ANSWER)
    page.get_by_role("button", name="Publish the answer").click()
    page.get_by_text("1 comment on paragraph 3").click()
    expect(page.locator(f"#comment-{comment.pk}")).to_contain_text(ANSWER)
    expect(page.locator(f"#comment-{comment.pk}")).to_contain_text("Answer from Cabinet Office")
    checked(page, problems)
    assert Answer.objects.get().answered_by == lead
    assert [m.to for m in mail.outbox] == [[participant.email]]

    # The secretariat publishes a revised version; its changes page marks the words.
    page.context.clear_cookies()
    sign_in(page, secretariat.email, PASSWORD)
    page.goto(consultation.get_absolute_url())
    page.get_by_role("link", name="Publish a revised version").click()
    checked(page, problems)
    text = page.get_by_label("The revised document")
    text.fill(text.input_value().replace("every six months", "every three months"))
    page.get_by_label("What changed").fill("Progress reported every three months.")
    page.get_by_role("button", name="Publish the revised version").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Changes from version 1 to version 2")
    changed = page.locator(".og-diff__paragraph--changed")
    expect(changed).to_have_count(1)
    expect(changed.locator("del")).to_have_text("removed: six end of removal")
    expect(changed.locator("ins")).to_have_text("added: three end of addition")
    checked(page, problems)

    # The comment follows its paragraph into version 2.
    page.goto(consultation.get_absolute_url())
    page.get_by_text("1 comment on paragraph 3").click()
    expect(page.locator(f"#comment-{comment.pk}")).to_contain_text("on version 1")
    checked(page, problems)
    assert verify_chain().ok


REPLY = "Quarterly would match the network's meetings."


def test_reply_to_a_comment_in_its_thread(page: Page, people):
    """Someone replies to the participant's comment, one click from it; the reply shows under the
    comment on the document page and on the paragraph's comments; the participant is e-mailed;
    after the deadline the reply links are gone."""
    consultation, participant, lead, _secretariat = people
    problems = PageProblems(page)
    comment = services.add_comment(
        by=participant, paragraph=paragraphs(consultation)[2], text=COMMENT
    )
    mail.outbox.clear()

    sign_in(page, lead.email, PASSWORD)
    page.goto(consultation.get_absolute_url())
    page.get_by_text("1 comment on paragraph 3").click()
    page.get_by_role("link", name="Reply to the comment by Pat Participant").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Reply to the comment by Pat Participant"
    )
    checked(page, problems)
    page.get_by_label("Your reply").fill(REPLY)
    page.get_by_role("button", name="Publish your reply").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Your reply has been published"
    )
    reply = Comment.objects.get(parent=comment)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Comments on paragraph 3")
    expect(page.locator(f"#comment-{comment.pk} .og-replies #comment-{reply.pk}")).to_contain_text(
        REPLY
    )
    checked(page, problems)
    assert [m.to for m in mail.outbox] == [[participant.email]]
    assert REPLY in mail.outbox[0].body

    page.goto(consultation.get_absolute_url())
    page.get_by_text("1 comment on paragraph 3, 1 reply").click()
    expect(page.locator(f"#comment-{reply.pk}")).to_contain_text(REPLY)
    checked(page, problems)

    # The deadline passes: the thread can be read, no longer replied to.
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_at=timezone.now() - dt.timedelta(minutes=1)
    )
    page.reload()
    page.get_by_text("1 comment on paragraph 3, 1 reply").click()
    expect(page.locator(f"#comment-{reply.pk}")).to_contain_text(REPLY)
    expect(page.get_by_role("link", name="Reply to the comment by Pat Participant")).to_have_count(
        0
    )
    checked(page, problems)
