"""Web pages of bodies and meetings: thin — check the rule, call a selector or a service,
render. Every page works without JavaScript (plain forms, POST then redirect)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import npgettext
from django.views.decorators.http import require_http_methods, require_POST

from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.core.forms import apply_service_error
from lidzdaliba.core.subjects import load_subject, subject_url
from lidzdaliba.core.views import paginate, posted_id

from . import selectors, services
from .forms import (
    AgendaItemForm,
    AnswerForm,
    ApplicationForm,
    BodyFilterForm,
    DecisionForm,
    MeetingForm,
    MinutesForm,
    PublishForm,
    RecommendationForm,
    RegistrationForm,
)
from .models import Application, Body, Meeting, Recommendation, Registration


def _require(request: HttpRequest, permission: str, obj) -> None:
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


# --- Bodies -----------------------------------------------------------------------------


def body_list(request: HttpRequest) -> HttpResponse:
    form = BodyFilterForm(request.GET or None)
    filters = selectors.BodyFilters()
    if form.is_valid():
        filters = selectors.BodyFilters(
            institution=form.cleaned_data["institution"], kind=form.cleaned_data["kind"] or None
        )
    page = paginate(request, selectors.body_list(filters=filters))
    return render(request, "councils/body_list.html", {"form": form, "page": page})


def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body = selectors.body_get(pk=pk)
    members = selectors.members_of(body)
    today = timezone.localdate()
    recommendations = list(selectors.recommendations_of(body))
    for recommendation in recommendations:
        recommendation.current_status = recommendation.status_on(today)
    context = {
        "body": body,
        "members": members,
        "past_members": selectors.members_of(body, current=False),
        "representation": selectors.representation_of(body, members),
        "meetings": paginate(request, selectors.meetings_of_body(body)),
        "recommendations": recommendations,
        "record": selectors.answer_record(body),
        "can_manage": request.user.has_perm("councils.manage_body", body),
        "can_apply": request.user.has_perm("councils.apply_to_body", body),
        "now": timezone.now(),
    }
    return render(request, "councils/body_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def body_apply(request: HttpRequest, pk: int) -> HttpResponse:
    body = selectors.body_get(pk=pk)
    _require(request, "councils.apply_to_body", body)
    form = ApplicationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_submit(
                applicant=request.user,
                body=body,
                motivation=form.cleaned_data["motivation"],
                organisation=form.cleaned_data.get("organisation"),
            )
        except ValidationError as error:
            apply_service_error(form, error)
        except Conflict as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your application was sent to the secretary."))
            return redirect("councils:body", pk=body.pk)
    return render(request, "councils/body_apply.html", {"body": body, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def body_applications(request: HttpRequest, pk: int) -> HttpResponse:
    body = selectors.body_get(pk=pk)
    _require(request, "councils.view_applications", body)
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        _require(request, "councils.manage_body", body)
        application = get_object_or_404(
            Application, pk=posted_id(request, "application") or 0, body=body
        )
        if form.is_valid():
            try:
                services.application_decide(
                    actor=request.user,
                    application=application,
                    accept=form.cleaned_data["decision"] == "accept",
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                apply_service_error(form, error)
            except Conflict as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The decision was recorded."))
                return redirect("councils:applications", pk=body.pk)
    page = paginate(request, selectors.applications_of(body))
    return render(
        request,
        "councils/applications.html",
        {
            "body": body,
            "page": page,
            "form": form,
            "can_decide": request.user.has_perm("councils.manage_body", body),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def body_meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    body = selectors.body_get(pk=pk)
    _require(request, "councils.manage_body", body)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_schedule(
                actor=request.user, subject=body, **form.service_fields()
            )
        except ValidationError as error:
            apply_service_error(form, error, {"duration": "duration_minutes"})
        else:
            messages.success(request, _("The meeting was scheduled."))
            return redirect("councils:meeting", pk=meeting.pk)
    return render(
        request,
        "councils/form.html",
        {
            "form": form,
            "back": body,
            "back_url": subject_url(body),
            "heading": _("Schedule a meeting"),
            "submit_label": _("Schedule"),
        },
    )


def _subject_from_query(request: HttpRequest):
    """The subject `?subject=consultation:5` names (core/subjects.py); 404 if there is none."""
    kind, _sep, pk = request.GET.get("subject", "").partition(":")
    if not pk.isdigit():
        raise Http404
    return selectors.subject_get(kind=kind, pk=int(pk), user=request.user)


@login_required
@require_http_methods(["GET", "POST"])
def subject_meeting_create(request: HttpRequest) -> HttpResponse:
    """Schedule a meeting of any subject — a consultation's public meeting — for those its
    owner lets attach meetings (the subject type's `attach_permission`), with the same form
    and service as a body's meeting; the deadlines follow from the subject's kind."""
    subject, subject_type = _subject_from_query(request)
    _require(request, subject_type.attach_permission, subject)
    rules = services.deadline_rules_for(subject.institution)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_schedule(
                actor=request.user, subject=subject, **form.service_fields()
            )
        except ValidationError as error:
            apply_service_error(form, error, {"duration": "duration_minutes"})
        else:
            messages.success(request, _("The meeting was scheduled."))
            return redirect("councils:meeting", pk=meeting.pk)
    after = npgettext("time span", "%(num)d day", "%(num)d days", rules.minutes_days) % {
        "num": rules.minutes_days
    }
    if isinstance(subject, Body):
        days = rules.agenda_working_days
        before = npgettext("time span", "%(num)d working day", "%(num)d working days", days)
        note = _(
            "The agenda is due at least %(before)s before the meeting, the minutes at most "
            "%(after)s after it."
        )
    else:
        days = rules.materials_days
        before = npgettext("time span", "%(num)d day", "%(num)d days", days)
        note = _(
            "The materials of a public consultation meeting, the agenda included, are due at "
            "least %(before)s before the meeting; the minutes and the list of participants "
            "at most %(after)s after it."
        )
    note = note % {"before": before % {"num": days}, "after": after}
    return render(
        request,
        "councils/form.html",
        {
            "form": form,
            "back": subject,
            "back_url": subject_url(subject),
            "heading": _("Schedule a meeting"),
            "note": note,
            "submit_label": _("Schedule"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_create(request: HttpRequest, pk: int) -> HttpResponse:
    body = selectors.body_get(pk=pk)
    _require(request, "councils.manage_body", body)
    form = RecommendationForm(
        request.POST or None,
        meetings=selectors.meetings_of_body(body),
        initial={"addressed_to": body.institution},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_adopt(actor=request.user, body=body, **form.cleaned_data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The recommendation was recorded."))
            return redirect("councils:body", pk=body.pk)
    return render(
        request,
        "councils/form.html",
        {
            "form": form,
            "back": body,
            "back_url": subject_url(body),
            "heading": _("Record a recommendation"),
            "submit_label": _("Record"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_answer(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("body", "addressed_to"), pk=pk
    )
    _require(request, "councils.answer_recommendation", recommendation)
    form = AnswerForm(
        request.POST or None,
        initial={"outcome": recommendation.outcome, "reason": recommendation.reason},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_answer(
                actor=request.user, recommendation=recommendation, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The answer was recorded."))
            return redirect("councils:body", pk=recommendation.body_id)
    return render(
        request,
        "councils/form.html",
        {
            "form": form,
            "back": recommendation.body,
            "back_url": subject_url(recommendation.body),
            "quote": recommendation.text,
            "heading": _("Answer the recommendation"),
            "submit_label": _("Answer"),
        },
    )


# --- Meetings ---------------------------------------------------------------------------


def meeting_list(request: HttpRequest) -> HttpResponse:
    past = request.GET.get("past") == "1"
    now = timezone.now()
    filters = (
        selectors.MeetingFilters(starts_to=now)
        if past
        else selectors.MeetingFilters(starts_from=now)
    )
    meetings = selectors.meeting_list(filters=filters)
    if not past:
        meetings = meetings.order_by("starts_at", "id")
    return render(
        request, "councils/meeting_list.html", {"page": paginate(request, meetings), "past": past}
    )


def _meeting_context(request: HttpRequest, meeting: Meeting, **extra) -> dict:
    user = request.user
    is_organiser = user.has_perm("councils.organise_meeting", meeting)
    subject = load_subject(meeting.subject_type_id, meeting.subject_id)
    now = timezone.now()
    registration = selectors.registration_of(user=user, meeting=meeting)
    context = {
        "meeting": meeting,
        "subject": subject,
        "subject_url": subject_url(subject) if subject else "",
        "is_organiser": is_organiser,
        "agenda_visible": bool(meeting.agenda_published_at) or is_organiser,
        "can_see_remote_link": user.has_perm("councils.view_remote_link", meeting),
        "can_register": user.has_perm("councils.register_for_meeting", meeting),
        "can_see_registrations": user.has_perm("councils.view_registrations", meeting),
        "registration": registration
        if registration and registration.status != registration.Status.CANCELLED
        else None,
        "seats_taken": selectors.seats_taken(meeting),
        "agenda_late": meeting.agenda_late_at(now),
        "minutes_late": meeting.minutes_late_at(now),
        "has_started": meeting.starts_at <= now,
        "attendance": selectors.public_attendance(meeting) if meeting.minutes_published_at else [],
        "registration_form": RegistrationForm(meeting=meeting, user=user),
        "agenda_form": AgendaItemForm(),
        "publish_form": PublishForm(),
        "attendance_choices": [
            c for c in Registration._meta.get_field("attended").choices or [] if c[0]
        ],
    }
    if context["can_see_registrations"]:
        context["registrations"] = selectors.registrations_of(meeting)
    context.update(extra)
    return context


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(pk=pk)
    return render(request, "councils/meeting_detail.html", _meeting_context(request, meeting))


@login_required
@require_POST
def meeting_register(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(pk=pk)
    form = RegistrationForm(request.POST, meeting=meeting, user=request.user)
    if form.is_valid():
        try:
            registration, _created = services.registration_register(
                person=request.user, meeting=meeting, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_error(form, error)
        except Conflict as error:
            form.add_error(None, error.message)
        else:
            if registration.status == registration.Status.WAITING:
                messages.info(request, _("The meeting is full: you are on the waiting list."))
            else:
                messages.success(request, _("You are registered. The invitation is on its way."))
            return redirect("councils:meeting", pk=meeting.pk)
    context = _meeting_context(request, meeting, registration_form=form)
    return render(request, "councils/meeting_detail.html", context, status=400)


@login_required
@require_POST
def meeting_unregister(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(pk=pk)
    services.registration_cancel(person=request.user, meeting=meeting)
    messages.success(request, _("Your registration is cancelled."))
    return redirect("councils:meeting", pk=meeting.pk)


@login_required
@require_POST
def meeting_agenda_item(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(pk=pk)
    _require(request, "councils.organise_meeting", meeting)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        services.agenda_item_add(actor=request.user, meeting=meeting, **form.cleaned_data)
        return redirect("councils:meeting", pk=meeting.pk)
    context = _meeting_context(request, meeting, agenda_form=form)
    return render(request, "councils/meeting_detail.html", context, status=400)


@login_required
@require_POST
def meeting_agenda_publish(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(pk=pk)
    _require(request, "councils.organise_meeting", meeting)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            services.agenda_publish(
                actor=request.user, meeting=meeting, late_reason=form.cleaned_data["late_reason"]
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The agenda is published."))
            return redirect("councils:meeting", pk=meeting.pk)
    context = _meeting_context(request, meeting, publish_form=form)
    return render(request, "councils/meeting_detail.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(pk=pk)
    _require(request, "councils.organise_meeting", meeting)
    form = MinutesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_publish(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The minutes are published."))
            return redirect("councils:meeting", pk=meeting.pk)
    return render(
        request,
        "councils/form.html",
        {
            "form": form,
            "back": meeting,
            "back_url": reverse("councils:meeting", args=[meeting.pk]),
            "heading": _("Publish the minutes"),
            "submit_label": _("Publish"),
            "late": meeting.minutes_late,
        },
    )


@login_required
@require_POST
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(pk=pk)
    _require(request, "councils.organise_meeting", meeting)
    attendance = {
        int(key.removeprefix("attended-")): value
        for key, value in request.POST.items()
        if key.startswith("attended-") and key.removeprefix("attended-").isdigit()
    }
    try:
        services.attendance_record(actor=request.user, meeting=meeting, attendance=attendance)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Attendance recorded."))
    return redirect("councils:meeting", pk=meeting.pk)


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(pk=pk)
    _require(request, "councils.organise_meeting", meeting)
    services.meeting_cancel(actor=request.user, meeting=meeting)
    messages.success(request, _("The meeting is cancelled; registrants are told."))
    return redirect("councils:meeting", pk=meeting.pk)


@login_required
def secretary_desk(request: HttpRequest) -> HttpResponse:
    if not (
        request.user.has_perm("councils.use_secretary_desk")
        or Body.objects.filter(secretary=request.user).exists()
    ):
        raise PermissionDenied
    desk = selectors.secretary_desk(user=request.user)
    return render(request, "councils/desk.html", {"desk": desk})
