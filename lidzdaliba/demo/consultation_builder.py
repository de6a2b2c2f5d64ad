"""Building one demo consultation with its versions, opinions, answers and decision.

Everything goes through the services where the current state allows it, so the audit log
reads like a real one. Two things the services rightly refuse are done by hand:

- publishing a consultation whose period is already over (`consultation_publish` refuses a
  closing date in the past): it is created and given its versions through the services
  while still a draft, then its `announced_at` is set with a queryset `update()` and the
  publish is recorded with `audit_record`, as the service would have;
- opinions on a consultation that is no longer open (`opinion_submit` refuses them): the
  rows are created directly, dated inside the period.

Each of these publishes the domain event the service would have published
(`consultation.published`, `opinion.submitted`), so the consumers — the search index,
notifications — learn of the demo exactly as of a real history; without them a closed
consultation and its unanswered opinions would never reach search.

Afterwards timestamps (created, announced, answered, published, decided, and the audit
entries of each step) are moved back to the demo's timeline with `update()`, so that ages,
"closing soon" and answer delays look real. Receipts and answer e-mails are marked as sent,
so the jobs queued on commit find nothing to send.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from lidzdaliba.audit.services import audit_record
from lidzdaliba.consultations import services
from lidzdaliba.consultations.models import (
    Answer,
    Clause,
    Consultation,
    DocumentVersion,
    Opinion,
    Status,
)
from lidzdaliba.core.events import publish_on_commit
from lidzdaliba.institutions.models import AffectedGroup, Territory, Topic
from lidzdaliba.institutions.selectors import affected_groups_declared_by

from .specs import ConsultationSpec, Op
from .world import World, draft_text, one_line, paragraphs

PAST = {Status.CLOSED, Status.ANSWERED, Status.DECIDED}


@contextmanager
def audit_at(when: datetime) -> Iterator[None]:
    """Marks demo actions that belong to `when` on the demo timeline.

    The audit log itself is append-only and keeps the real time of loading: even in the
    demo it never claims an action happened at another moment.
    """
    yield


class ConsultationBuilder:
    def __init__(self, world: World, spec: ConsultationSpec) -> None:
        self.world = world
        self.spec = spec
        self.clock = world.clock
        self.rng = random.Random(spec.key)  # the same demo every time
        self.institution = world.institutions[spec.institution]
        self.editor = world.editors[spec.institution]
        self.responder = world.responders[spec.institution]
        self.clauses: dict[int, dict[str, Clause]] = {}
        self.consultation: Consultation | None = None
        dates = spec.dates
        at = self.clock.at
        self.opens_at = at(dates.opens)
        self.closes_at = at(dates.closes, 23, 59)
        self.announced_at = at(dates.announced, 10) if dates.announced is not None else None
        created = dates.created
        if created is None:
            created = dates.announced - 3 if dates.announced is not None else -2
        self.created_at = at(created, 9, 30)
        self.version2_at = at(dates.version2, 12) if dates.version2 is not None else None
        self.feedback_at = at(dates.feedback, 14) if dates.feedback is not None else None
        self.decided_at = at(dates.decided, 11) if dates.decided is not None else None

    # --- steps ------------------------------------------------------------------------------

    def build(self) -> Consultation:
        spec = self.spec
        self._check_spec()
        self._create()
        if spec.text:
            self._add_version(1, draft_text(spec.text), "", self.created_at + timedelta(minutes=20))
        if spec.status in PAST:
            if spec.version2_text:
                self._add_version2()
            self._publish_in_the_past()
            opinions = [self._opinion_direct(op, when) for op, when in self._opinion_times()]
            self._answer(opinions)
            if spec.status in {Status.ANSWERED, Status.DECIDED}:
                self._publish_feedback()
            if spec.status == Status.DECIDED:
                self._record_decision()
        elif spec.status in {Status.ANNOUNCED, Status.OPEN}:
            self._publish()
            timed = self._opinion_times()
            for op, when in timed:
                if op.v == 1:
                    self._opinion_submit(op, when)
            if spec.version2_text:
                self._add_version2()
            for op, when in timed:
                if op.v == 2:
                    self._opinion_submit(op, when)
        consultation = Consultation.objects.get(pk=self.consultation.pk)
        status = consultation.status_at(self.clock.now)
        if status != spec.status:
            raise ValueError(f"Demo consultation {spec.key!r} is {status}, not {spec.status}.")
        return consultation

    def _check_spec(self) -> None:
        spec = self.spec
        if spec.opinions and spec.status in {Status.DRAFT, Status.ANNOUNCED}:
            raise ValueError(f"{spec.key}: a {spec.status} consultation cannot have opinions.")
        if spec.status in {Status.ANSWERED, Status.DECIDED} and not spec.feedback_justification:
            missing = [op.text[:40] for op in spec.opinions if op.answer is None and not op.batch]
            if missing:
                raise ValueError(f"{spec.key}: opinions without an answer: {missing}")

    def _create(self) -> None:
        spec = self.spec
        territory_slug = spec.territory
        territory = (
            Territory.objects.get(slug=territory_slug)
            if territory_slug
            else self.institution.territory
        )
        with audit_at(self.created_at):
            self.consultation = services.consultation_create(
                actor=self.editor,
                institution=self.institution,
                affected_groups=list(AffectedGroup.objects.filter(slug__in=spec.groups)),
                title=one_line(spec.title),
                summary=paragraphs(spec.summary),
                problem=paragraphs(spec.problem),
                goal=paragraphs(spec.goal),
                topic=Topic.objects.get(slug=spec.topic),
                territory=territory,
                policy_stage=spec.stage,
                participation_form=spec.form,
                act_type=spec.act_type,
                responsible_official=spec.official,
                contact_email=spec.contact_email,
                contact_phone=spec.contact_phone,
                opens_at=self.opens_at,
                closes_at=self.closes_at,
                short_period_justification=paragraphs(spec.short_period_justification),
            )
        if self.consultation.affected_groups.count() != len(spec.groups):
            raise ValueError(f"{spec.key}: unknown affected group in {spec.groups}")
        Consultation.objects.filter(pk=self.consultation.pk).update(
            created_at=self.created_at, updated_at=self.created_at
        )

    def _add_version(self, number: int, text: str, note: str, when: datetime) -> None:
        with audit_at(when):
            version = services.document_version_create(
                actor=self.editor, consultation=self.consultation, text=text, change_note=note
            )
        if version.number != number:
            raise ValueError(f"{self.spec.key}: expected version {number}, got {version.number}")
        DocumentVersion.objects.filter(pk=version.pk).update(created_at=when)
        self.clauses[number] = {
            clause.number: clause
            for clause in version.clauses.all()
            if clause.number and not clause.is_heading
        }

    def _add_version2(self) -> None:
        spec = self.spec
        if self.version2_at is None:
            raise ValueError(f"{spec.key}: a second version needs dates.version2")
        self._add_version(
            2, draft_text(spec.version2_text), one_line(spec.version2_note), self.version2_at
        )

    def _publish(self) -> None:
        with audit_at(self.announced_at):
            self.consultation = services.consultation_publish(
                actor=self.editor, consultation=self.consultation
            )
        Consultation.objects.filter(pk=self.consultation.pk).update(announced_at=self.announced_at)
        self.consultation.refresh_from_db()

    def _publish_in_the_past(self) -> None:
        # `consultation_publish` refuses a closing date in the past, so a consultation that
        # is already over is published by hand and the publish recorded as the service would.
        consultation = self.consultation
        Consultation.objects.filter(pk=consultation.pk).update(announced_at=self.announced_at)
        consultation.refresh_from_db()
        with audit_at(self.announced_at):
            audit_record(
                actor=self.editor,
                action="consultation.publish",
                target=consultation,
                institution=self.institution,
                before={"announced_at": None},
                after={"announced_at": self.announced_at},
            )
        publish_on_commit("consultation.published", consultation_id=consultation.pk)

    # --- opinions ---------------------------------------------------------------------------

    def _opinion_times(self) -> list[tuple[Op, datetime]]:
        """Spread the opinions over the period, v1 ones before the second version."""
        now = self.clock.now
        start = self.opens_at + timedelta(hours=7)
        end = min(self.closes_at, now - timedelta(minutes=30))
        split = self.version2_at if self.version2_at and start < self.version2_at < end else None
        windows = {1: (start, split or end), 2: (split or start, end)}
        result = []
        for version in (1, 2):
            ops = [op for op in self.spec.opinions if op.v == version]
            low, high = windows[version]
            seconds = max((high - low).total_seconds(), 60)
            offsets = sorted(self.rng.uniform(0, seconds) for _op in ops)
            result += [
                (op, low + timedelta(seconds=offset))
                for op, offset in zip(ops, offsets, strict=True)
            ]
        return result

    def _clause(self, op: Op) -> Clause | None:
        if op.clause is None:
            return None
        try:
            return self.clauses[op.v][op.clause]
        except KeyError:
            raise ValueError(
                f"{self.spec.key}: no clause {op.clause!r} in version {op.v} "
                f"(opinion {op.text[:40]!r})"
            ) from None

    def _organisation_id(self, op: Op) -> int | None:
        return self.world.organisations[op.org].pk if op.org else None

    def _opinion_submit(self, op: Op, when: datetime) -> Opinion:
        clause = self._clause(op)
        opinion, _created = services.opinion_submit(
            author=self.world.people[op.by],
            consultation=self.consultation,
            kind=op.kind,
            text=paragraphs(op.text),
            clause_id=clause.pk if clause else None,
            proposed_wording=paragraphs(op.wording),
            organisation_id=self._organisation_id(op),
            show_name=op.show,
            declared_group_ids=self._declared_groups(op),
        )
        self._date_opinion(opinion, when)
        return opinion

    def _declared_groups(self, op: Op) -> list[int]:
        """As the form pre-fills them: the person's declared groups, none for an
        organisation's opinion."""
        if op.org:
            return []
        person = self.world.people[op.by]
        return [group.pk for group in affected_groups_declared_by(user=person)]

    def _opinion_direct(self, op: Op, when: datetime) -> tuple[Op, Opinion]:
        # `opinion_submit` accepts opinions only while the consultation is open.
        opinion = Opinion.objects.create(
            consultation=self.consultation,
            clause=self._clause(op),
            author=self.world.people[op.by],
            organisation_id=self._organisation_id(op),
            kind=op.kind,
            text=paragraphs(op.text),
            proposed_wording=paragraphs(op.wording),
            show_name=op.show,
        )
        opinion.declared_groups.set(self._declared_groups(op))
        self._date_opinion(opinion, when)
        publish_on_commit(
            "opinion.submitted", opinion_id=opinion.pk, consultation_id=self.consultation.pk
        )
        return op, opinion

    def _date_opinion(self, opinion: Opinion, when: datetime) -> None:
        # The receipt counts as sent, so the receipt job queued on commit sends nothing.
        Opinion.objects.filter(pk=opinion.pk).update(
            created_at=when, receipt_sent_at=when + timedelta(minutes=1)
        )

    # --- answers, feedback, decision ----------------------------------------------------------

    def _answer_times(self, count: int) -> list[datetime]:
        start = self.closes_at + timedelta(days=1)
        end = (self.feedback_at or self.clock.now) - timedelta(hours=2)
        end = max(end, start + timedelta(hours=1))
        seconds = (end - start).total_seconds()
        return sorted(start + timedelta(seconds=self.rng.uniform(0, seconds)) for _ in range(count))

    def _answer(self, opinions: list[tuple[Op, Opinion]]) -> None:
        batches: dict[str, list[tuple[Op, Opinion]]] = {}
        singles: list[tuple[Op, Opinion]] = []
        for op, opinion in opinions:
            if op.batch:
                batches.setdefault(op.batch, []).append((op, opinion))
            elif op.answer is not None:
                singles.append((op, opinion))
        steps = [[pair] for pair in singles] + list(batches.values())
        for step, when in zip(steps, self._answer_times(len(steps)), strict=True):
            reply = step[0][0].answer
            if reply is None:
                raise ValueError(f"{self.spec.key}: the first opinion of a batch needs an answer")
            with audit_at(when):
                if len(step) == 1:
                    services.answer_give(
                        actor=self.responder,
                        opinion=step[0][1],
                        outcome=reply.outcome,
                        reason=paragraphs(reply.reason),
                        new_wording=paragraphs(reply.new_wording),
                    )
                else:
                    services.answers_give_bulk(
                        actor=self.responder,
                        consultation=self.consultation,
                        opinion_ids=[opinion.pk for _op, opinion in step],
                        outcome=reply.outcome,
                        reason=paragraphs(reply.reason),
                        new_wording=paragraphs(reply.new_wording),
                    )
            Answer.objects.filter(opinion__in=[opinion for _op, opinion in step]).update(
                answered_at=when, updated_at=when
            )

    def _publish_feedback(self) -> None:
        with audit_at(self.feedback_at):
            services.feedback_publish(
                actor=self.responder,
                consultation=self.consultation,
                justification=paragraphs(self.spec.feedback_justification),
            )
        Consultation.objects.filter(pk=self.consultation.pk).update(
            feedback_published_at=self.feedback_at
        )
        # The answers count as e-mailed, so the job queued on commit sends nothing.
        Opinion.objects.filter(consultation=self.consultation, answer__isnull=False).update(
            answer_sent_at=self.feedback_at + timedelta(minutes=5)
        )
        self.consultation.refresh_from_db()

    def _record_decision(self) -> None:
        with audit_at(self.decided_at):
            services.decision_record(
                actor=self.editor,
                consultation=self.consultation,
                decision_url=self.spec.decision_url,
                decision_summary=paragraphs(self.spec.decision_summary),
            )
        Consultation.objects.filter(pk=self.consultation.pk).update(decided_at=self.decided_at)
        self.consultation.refresh_from_db()


def build_consultation(world: World, spec: ConsultationSpec) -> Consultation:
    return ConsultationBuilder(world, spec).build()
