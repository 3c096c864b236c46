"""The consultations' services: every rule, every refusal writes nothing, the audit events, the
notification of an answered comment."""

import datetime as dt
import uuid

import pytest
from django.core import mail
from django.utils import timezone

from opengov.consultations import services
from opengov.consultations.choices import ConsultationStatus
from opengov.consultations.models import Answer, Comment, CommentReport, Consultation, Paragraph
from opengov.consultations.tests.factories import (
    DOCUMENT,
    close,
    comment_on,
    make_consultation,
    paragraphs,
)
from opengov.core.errors import ConflictError, DomainError, PermissionDeniedError
from opengov.core.models import AuditEvent

pytestmark = pytest.mark.django_db

FUTURE = dt.timedelta(days=10)


def _create(by, owner, **overrides):
    values = {
        "title": "Draft declaration",
        "text": DOCUMENT,
        "owner_organisation": owner,
        "closes_at": timezone.now() + FUTURE,
    }
    return services.create_consultation(by=by, **{**values, **overrides})


def test_create_consultation_splits_the_document_and_is_a_draft(
    government_contact, lead_organisation
):
    consultation = _create(government_contact, lead_organisation)
    assert consultation.status == ConsultationStatus.DRAFT
    version = consultation.versions.get()
    assert version.number == 1 and version.published_at is None
    texts = list(version.paragraphs.values_list("text", flat=True))
    assert texts[0] == "# Draft declaration" and len(texts) == 5
    event = AuditEvent.objects.get(verb="consultations.consultation.created")
    assert event.object_id == str(consultation.pk) and not event.is_public


@pytest.mark.parametrize("role", ["participant", "civil_society_member", "lead"])
def test_only_plan_managers_create_consultations(role, user_for_role, lead_organisation):
    with pytest.raises(PermissionDeniedError):
        _create(user_for_role(role), lead_organisation)
    assert not Consultation.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "  "}, "title"),
        ({"text": "\n\n  \n"}, "text"),
        ({"owner_organisation": None}, "owner_organisation"),
        ({"closes_at": None}, "closes_at"),
    ],
)
def test_create_consultation_refuses_bad_input(overrides, field, secretariat, lead_organisation):
    with pytest.raises(DomainError) as error:
        _create(secretariat, lead_organisation, **overrides)
    assert error.value.field == field
    assert not Consultation.objects.exists() and not Paragraph.objects.exists()


def test_publish_opens_comments_until_the_deadline(secretariat, lead_organisation):
    consultation = _create(secretariat, lead_organisation)
    consultation = services.publish_consultation(
        by=secretariat, consultation=consultation, expected_version=consultation.version
    )
    assert consultation.status == ConsultationStatus.OPEN
    assert consultation.versions.get().published_at is not None
    assert Consultation.objects.open_at(timezone.now()).filter(pk=consultation.pk).exists()
    assert AuditEvent.objects.filter(verb="consultations.consultation.published").exists()


def test_publish_refuses_a_past_deadline(secretariat, lead_organisation):
    consultation = _create(secretariat, lead_organisation, closes_at=timezone.now() - FUTURE)
    with pytest.raises(DomainError) as error:
        services.publish_consultation(by=secretariat, consultation=consultation)
    assert error.value.field == "closes_at"
    consultation.refresh_from_db()
    assert consultation.published_at is None


def test_a_stale_edit_is_refused(secretariat, lead_organisation):
    consultation = _create(secretariat, lead_organisation)
    services.update_consultation(
        by=secretariat,
        consultation=consultation,
        title="New title",
        owner_organisation=lead_organisation,
        closes_at=consultation.closes_at,
        expected_version=1,
    )
    with pytest.raises(ConflictError):
        services.update_consultation(
            by=secretariat,
            consultation=consultation,
            title="Another",
            owner_organisation=lead_organisation,
            closes_at=consultation.closes_at,
            expected_version=1,
        )
    assert Consultation.objects.get().title == "New title"


def test_editing_a_draft_text_resplits_it(secretariat, lead_organisation):
    consultation = _create(secretariat, lead_organisation)
    services.update_consultation(
        by=secretariat,
        consultation=consultation,
        title=consultation.title,
        owner_organisation=lead_organisation,
        closes_at=consultation.closes_at,
        text="One.\n\nTwo.",
    )
    assert list(Paragraph.objects.values_list("text", flat=True)) == ["One.", "Two."]


def test_a_published_text_changes_only_by_a_new_version(secretariat, lead_organisation):
    consultation = make_consultation(owner=lead_organisation)
    with pytest.raises(DomainError) as error:
        services.update_consultation(
            by=secretariat,
            consultation=consultation,
            title=consultation.title,
            owner_organisation=lead_organisation,
            closes_at=consultation.closes_at,
            text="Other.",
        )
    assert error.value.field == "text"


def test_signed_in_people_comment_while_open(participant):
    consultation = make_consultation()
    paragraph = paragraphs(consultation)[1]
    comment = services.add_comment(by=participant, paragraph=paragraph, text=" Add a date. ")
    assert comment.text == "Add a date." and comment.paragraph_key == paragraph.key
    event = AuditEvent.objects.get(verb="consultations.comment.added")
    assert event.scope_key == f"consultations.consultation:{consultation.pk}"


def test_no_comment_after_the_deadline(participant):
    consultation = close(make_consultation())
    assert consultation.status == ConsultationStatus.CLOSED
    with pytest.raises(PermissionDeniedError):
        comment_on(paragraphs(consultation)[0], participant)
    assert not Comment.objects.exists()


def test_no_comment_on_a_draft_or_anonymously(participant, anonymous):
    draft = make_consultation(published=False)
    with pytest.raises(PermissionDeniedError):
        comment_on(paragraphs(draft)[0], participant)
    with pytest.raises(PermissionDeniedError):
        comment_on(paragraphs(make_consultation())[0], anonymous)


def test_an_empty_comment_is_refused(participant):
    with pytest.raises(DomainError) as error:
        comment_on(paragraphs(make_consultation())[0], participant, text=" \u200b ")
    assert error.value.field == "text" and not Comment.objects.exists()


def test_the_same_comment_form_sent_twice_writes_once(participant):
    paragraph = paragraphs(make_consultation())[0]
    token = uuid.uuid4()
    first = services.add_comment(
        by=participant, paragraph=paragraph, text="X", submission_token=token
    )
    again = services.add_comment(
        by=participant, paragraph=paragraph, text="X", submission_token=token
    )
    assert first.pk == again.pk and Comment.objects.count() == 1


def test_a_comment_on_an_old_version_is_refused(participant, secretariat):
    consultation = make_consultation()
    old = paragraphs(consultation)[1]
    services.publish_version(
        by=secretariat, consultation=consultation, text=DOCUMENT + "\n\nNew.", change_note="More."
    )
    with pytest.raises(DomainError):
        comment_on(old, participant)


def test_a_revised_version_keeps_keys_so_comments_follow(participant, secretariat):
    consultation = make_consultation()
    first = paragraphs(consultation)
    comment_on(first[1], participant)
    revised = DOCUMENT.replace("commit to open government", "commit to open and honest government")
    version = services.publish_version(
        by=secretariat, consultation=consultation, text=revised, change_note="Honest."
    )
    assert version.number == 2
    second = paragraphs(consultation)
    assert [p.key for p in second] == [p.key for p in first]
    assert Comment.objects.get().paragraph_key == second[1].key
    assert AuditEvent.objects.filter(verb="consultations.documentversion.published").exists()


def test_a_new_version_needs_a_change_and_a_note(secretariat):
    consultation = make_consultation()
    with pytest.raises(DomainError) as error:
        services.publish_version(
            by=secretariat, consultation=consultation, text=DOCUMENT, change_note="None."
        )
    assert error.value.field == "text"
    with pytest.raises(DomainError) as error:
        services.publish_version(
            by=secretariat, consultation=consultation, text="X", change_note=""
        )
    assert error.value.field == "change_note"
    assert consultation.versions.count() == 1


def test_participants_cannot_publish_versions(participant):
    with pytest.raises(PermissionDeniedError):
        services.publish_version(
            by=participant, consultation=make_consultation(), text="X", change_note="Y"
        )


def test_the_owner_answers_a_comment_and_its_author_is_told(lead, lead_organisation, participant):
    consultation = make_consultation(owner=lead_organisation)
    comment = comment_on(paragraphs(consultation)[1], participant)
    close(consultation)
    comment.refresh_from_db()
    answer = services.answer_comment(by=lead, comment=comment, text="We will add it.")
    assert (
        answer.organisation == lead_organisation and answer.paragraph_key == comment.paragraph_key
    )
    assert AuditEvent.objects.filter(verb="consultations.answer.given").exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["participant@example.org"]
    assert "We will add it." in mail.outbox[0].body
    with pytest.raises(DomainError):
        services.answer_comment(by=lead, comment=comment, text="Again.")
    assert Answer.objects.count() == 1


def test_others_cannot_answer(other_lead, civil_society_member, participant):
    consultation = make_consultation()
    comment = comment_on(paragraphs(consultation)[0], participant)
    for user in (other_lead, civil_society_member, participant):
        with pytest.raises(PermissionDeniedError):
            services.answer_comment(by=user, comment=comment, text="No.")
    assert not Answer.objects.exists() and not mail.outbox


def test_plan_managers_answer_a_paragraph(government_contact):
    consultation = close(make_consultation())
    paragraph = paragraphs(consultation)[2]
    answer = services.answer_paragraph(by=government_contact, paragraph=paragraph, text="Agreed.")
    assert answer.comment is None and answer.paragraph_key == paragraph.key


def test_no_answers_once_concluded(secretariat, participant):
    consultation = make_consultation()
    comment = comment_on(paragraphs(consultation)[0], participant)
    services.conclude_consultation(by=secretariat, consultation=consultation, conclusion="Adopted.")
    comment.refresh_from_db()
    with pytest.raises(PermissionDeniedError):
        services.answer_comment(by=secretariat, comment=comment, text="Late.")
    assert Consultation.objects.concluded().count() == 1


def test_report_once_and_moderators_hide(participant, civil_society_member, secretariat):
    consultation = make_consultation()
    comment = comment_on(paragraphs(consultation)[0], participant)
    services.report_comment(by=civil_society_member, comment=comment, reason="Abusive.")
    services.report_comment(by=civil_society_member, comment=comment, reason="Abusive!")
    assert CommentReport.objects.count() == 1
    with pytest.raises(PermissionDeniedError):
        services.report_comment(by=participant, comment=comment, reason="Mine.")
    with pytest.raises(PermissionDeniedError):
        services.hide_comment(by=civil_society_member, comment=comment, reason="No.")
    with pytest.raises(DomainError):
        services.hide_comment(by=secretariat, comment=comment, reason=" ")
    services.hide_comment(by=secretariat, comment=comment, reason="It named a private person.")
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "It named a private person."
    assert not Comment.objects.visible_to(civil_society_member).exists()
    assert Comment.objects.visible_to(secretariat).count() == 1
