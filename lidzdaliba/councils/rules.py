"""Who may do what with consultative bodies and meetings. Views, the API, templates and
services ask these; none re-implement them.

Roles (DESIGN.md): the body's secretary and the officers of its institution run the body
(members, meetings, minutes, recommendations); an addressed institution's responders answer
a recommendation; the coordinator reads everything and edits nothing; residents apply to
join bodies and register for meetings. A meeting's organisers are the officers of its
institution and, for a body's meeting, the body's secretary.
"""

from __future__ import annotations

import rules

from lidzdaliba.institutions.rules import (
    is_any_officer,
    is_coordinator,
    is_officer_of,
    is_responder_of,
)

from .models import Body, Meeting, Registration


def body_of(meeting: Meeting) -> Body | None:
    """The body a meeting belongs to, if its subject is a body (cached on the meeting)."""
    cache = meeting.__dict__
    if "_body_cache" not in cache:
        from django.contrib.contenttypes.models import ContentType

        body = None
        if meeting.subject_type_id == ContentType.objects.get_for_model(Body).pk:
            body = Body.objects.filter(pk=meeting.subject_id).first()
        cache["_body_cache"] = body
    return cache["_body_cache"]


@rules.predicate
def is_secretary_of(user, body) -> bool:
    return bool(body is not None and user.is_authenticated and body.secretary_id == user.pk)


@rules.predicate
def is_officer_of_body(user, body) -> bool:
    return body is not None and is_officer_of(user, body.institution_id)


runs_body = is_secretary_of | is_officer_of_body


@rules.predicate
def is_current_member(user, body) -> bool:
    if body is None or not user.is_authenticated:
        return False
    from django.utils import timezone

    today = timezone.localdate()
    return (
        body.members.filter(person=user, starts_on__lte=today).exclude(ends_on__lt=today).exists()
    )


@rules.predicate
def accepts_applications(user, body) -> bool:
    """Open, and — for a published call with a closing day — not past that day (the test
    the body list and page ask too: `selectors_documents.applications_open`)."""
    from .selectors_documents import applications_open

    return body is not None and applications_open(body)


@rules.predicate
def organises_meeting(user, meeting) -> bool:
    if meeting is None or not user.is_authenticated:
        return False
    if is_officer_of(user, meeting.institution_id):
        return True
    body = body_of(meeting)
    return body is not None and body.secretary_id == user.pk


@rules.predicate
def is_registered_for(user, meeting) -> bool:
    if meeting is None or not user.is_authenticated:
        return False
    return Registration.objects.filter(
        meeting=meeting, person=user, status=Registration.Status.CONFIRMED
    ).exists()


@rules.predicate
def is_not_cancelled(user, meeting) -> bool:
    return meeting is not None and meeting.cancelled_at is None


@rules.predicate
def has_not_ended(user, meeting) -> bool:
    from django.utils import timezone

    return meeting is not None and meeting.ends_at > timezone.now()


@rules.predicate
def answers_recommendation(user, recommendation) -> bool:
    return recommendation is not None and is_responder_of(user, recommendation.addressed_to_id)


# Bodies. Every body is public.
rules.add_perm("councils.view_body", rules.always_allow)
rules.add_perm("councils.manage_body", runs_body)
rules.add_perm("councils.view_applications", runs_body | is_coordinator)
rules.add_perm(
    "councils.apply_to_body", rules.is_authenticated & accepts_applications & ~is_current_member
)
rules.add_perm("councils.add_body", is_officer_of)  # object: an Institution
rules.add_perm("councils.use_secretary_desk", is_any_officer | is_coordinator)
# Recommendations: the addressed institution answers.
rules.add_perm("councils.answer_recommendation", answers_recommendation)
# Meetings. Every meeting is public; its remote link and registrations are not.
rules.add_perm("councils.view_meeting", rules.always_allow)
rules.add_perm("councils.organise_meeting", organises_meeting)
rules.add_perm("councils.view_registrations", organises_meeting | is_coordinator)
rules.add_perm("councils.view_remote_link", organises_meeting | is_registered_for)
rules.add_perm(
    "councils.register_for_meeting", rules.is_authenticated & is_not_cancelled & has_not_ended
)


@rules.predicate
def minutes_published(user, meeting) -> bool:
    return meeting is not None and meeting.minutes_published_at is not None


# Documents (views_documents.py): the minutes download exists once the minutes are public;
# the organisers answer the questions sent in advance; the body's runners publish calls.
rules.add_perm("councils.download_minutes", minutes_published)
rules.add_perm("councils.answer_questions", organises_meeting)
rules.add_perm("councils.publish_call", runs_body)
