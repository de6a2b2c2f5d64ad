"""Giving an opinion and publishing the feedback table serialise on the consultation.

An opinion that passed the "open" check just before closing, and whose uploads were still
being read when the deadline passed and the table was published as complete, must not land
in that table afterwards without an answer. These tests race real threads, each with its own
database connection (PostgreSQL, or the SQLite test database), against each other.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.utils import timezone

from lidzdaliba.consultations.models import Consultation, Opinion, OpinionAttachment
from lidzdaliba.consultations.services import answers_give_bulk, feedback_publish, opinion_submit
from lidzdaliba.core.enums import OpinionKind, Outcome
from lidzdaliba.core.exceptions import Conflict
from lidzdaliba.testing.databases import database_for_threads

# Tests that open ~50 database connections at once run one after another on one worker
# (xdist group "many_connections"): two at once would pass PostgreSQL's 100 connections.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("many_connections"),
]


@pytest.fixture(autouse=True)
def _threads_write_one_database(transactional_db, tmp_path):
    with database_for_threads(tmp_path):
        yield


PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
WAIT = 30


class SlowUpload(SimpleUploadedFile):
    """An upload whose bytes arrive only when the test lets them: the first read waits.

    Stands for a person on a slow connection sending five large files; everything else —
    the service, the database, the other thread — is the real thing.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.reading = threading.Event()
        self.arrived = threading.Event()

    def read(self, *args, **kwargs):
        self.reading.set()
        if not self.arrived.wait(WAIT):
            raise TimeoutError("the test never let the upload arrive")
        return super().read(*args, **kwargs)


def _in_thread(function):
    """Run `function` in a thread of its own (its own database connection)."""

    def run():
        try:
            return function()
        finally:
            connections.close_all()

    pool = ThreadPoolExecutor(max_workers=1)
    future = pool.submit(run)
    pool.shutdown(wait=False)
    return future


def _unanswered(consultation) -> int:
    return Opinion.objects.filter(consultation=consultation, answer__isnull=True).count()


def test_an_opinion_still_uploading_at_the_deadline_cannot_land_in_a_published_table(
    resident, responder, open_consultation, settings
):
    upload = SlowUpload("pielikums.pdf", PDF, content_type="application/pdf")
    giving = _in_thread(
        lambda: opinion_submit(
            author=resident,
            consultation=Consultation.objects.get(pk=open_consultation.pk),
            kind=OpinionKind.OBJECTION,
            text="Iebilstu pret termiņu.",
            attachments=[upload],
        )
    )
    # The opinion passed the "open" check and its file is on its way...
    assert upload.reading.wait(WAIT)
    # ...when the deadline passes and the responder publishes a complete table.
    now = timezone.now()
    Consultation.objects.filter(pk=open_consultation.pk).update(
        opens_at=now - timedelta(days=31), closes_at=now - timedelta(seconds=1)
    )
    published = feedback_publish(actor=responder, consultation=open_consultation)
    assert published.feedback_published_at is not None
    upload.arrived.set()

    with pytest.raises(Conflict):
        giving.result(timeout=WAIT)
    assert _unanswered(open_consultation) == 0
    assert Opinion.objects.filter(consultation=open_consultation).count() == 0
    # The file it had stored is not left behind without its opinion.
    assert OpinionAttachment.objects.count() == 0
    stored = [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]
    assert stored == []


def test_opinions_racing_the_deadline_are_either_refused_or_counted(
    resident, ngo_rep, responder, editor, ministry
):
    """Writers keep giving opinions across the deadline while the responder answers what
    it sees and publishes as soon as it may: whatever the interleaving, the published table
    is complete (every accepted opinion answered) and every refusal says "not open"."""
    from lidzdaliba.testing import factories

    consultation = factories.published_consultation(editor, ministry)
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_at=timezone.now() + timedelta(seconds=1.5)
    )
    stop = threading.Event()

    def give(author, n):
        accepted = refused = 0
        while not stop.is_set():
            try:
                opinion_submit(
                    author=author,
                    consultation=Consultation.objects.get(pk=consultation.pk),
                    kind=OpinionKind.PROPOSAL,
                    text=f"Priekšlikums {n}-{accepted}",
                    attachments=[SimpleUploadedFile("p.pdf", PDF)],
                )
                accepted += 1
            except Conflict:
                refused += 1
                if refused > 3:
                    break
        return accepted

    def publish_when_allowed():
        while True:
            current = Consultation.objects.get(pk=consultation.pk)
            if current.status != "closed":
                continue
            open_ids = list(
                Opinion.objects.filter(consultation=consultation, answer__isnull=True).values_list(
                    "pk", flat=True
                )
            )
            if open_ids:
                answers_give_bulk(
                    actor=responder,
                    consultation=current,
                    opinion_ids=open_ids,
                    outcome=Outcome.NOTED,
                    reason="Pieņemts zināšanai.",
                )
            try:
                return feedback_publish(actor=responder, consultation=current)
            except ValidationError:  # unanswered ones arrived meanwhile: answer them too
                continue

    writers = [_in_thread(lambda a=a, n=n: give(a, n)) for n, a in enumerate([resident, ngo_rep])]
    publisher = _in_thread(publish_when_allowed)
    published = publisher.result(timeout=WAIT)
    stop.set()
    accepted = sum(writer.result(timeout=WAIT) for writer in writers)

    assert published.feedback_justification == ""
    assert accepted == Opinion.objects.filter(consultation=consultation).count() > 0
    assert _unanswered(consultation) == 0
