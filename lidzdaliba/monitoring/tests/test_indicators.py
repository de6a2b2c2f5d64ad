"""The precomputed indicators equal a direct computation from the raw rows, also after
random writes that reach monitoring only through domain events and its jobs."""

from __future__ import annotations

import random
import statistics
from datetime import date, timedelta

import pytest
from django.utils import timezone

from lidzdaliba.consultations import services as consultation_services
from lidzdaliba.consultations.models import Answer, Consultation, Opinion
from lidzdaliba.core.enums import Outcome
from lidzdaliba.core.events import publish
from lidzdaliba.monitoring import services
from lidzdaliba.monitoring.direct import DirectCollector
from lidzdaliba.monitoring.figures import median_of_histogram
from lidzdaliba.monitoring.groups import group_figures
from lidzdaliba.monitoring.models import (
    AnswerDays,
    ConsultationFact,
    DistinctMonths,
    GroupOpinions,
    GroupParticipation,
    Participant,
)
from lidzdaliba.monitoring.periods import month_of
from lidzdaliba.monitoring.selectors import IndicatorFilters, PrecomputedCollector, indicators
from lidzdaliba.testing import factories

from .helpers import answer, comparable, make_consultation, make_opinion, world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "values",
    [[3], [1, 2], [5, 1, 9, 9, 0], [2, 2, 2, 7], list(range(17)) + [40] * 6],
)
def test_median_of_histogram_equals_the_median_of_the_list(values):
    pairs = [(v, values.count(v)) for v in set(values)]
    assert median_of_histogram(pairs) == statistics.median(values)


def _same(filters: IndicatorFilters) -> list:
    now = timezone.now()
    precomputed = comparable(indicators(filters=filters, now=now))
    direct = comparable(indicators(filters=filters, now=now, direct=True))
    assert precomputed == direct
    by_group = group_figures(filters=filters)
    assert by_group == group_figures(filters=filters, direct=True)
    return by_group


def test_precomputed_figures_stay_equal_to_the_raw_rows_after_random_writes(
    ministry, municipality, django_capture_on_commit_callbacks
):
    rng = random.Random(13)
    institutions = [ministry, municipality]
    made, given, people, organisations = world(rng, institutions)
    assert services.figures_rebuild_all() > 0
    selections = [
        IndicatorFilters(),
        IndicatorFilters(kind="municipal"),
        IndicatorFilters(institution_ids=(ministry.pk,)),
        IndicatorFilters(start=timezone.localdate() - timedelta(days=90)),
        IndicatorFilters(start=date(2000, 1, 1), end=timezone.localdate() - timedelta(days=60)),
    ]
    for filters in selections:
        _same(filters)
    # The world has declared groups, undeclared opinions and organisations' opinions.
    kinds = {row.kind for row in _same(IndicatorFilters())}
    assert kinds == {"affected_group", "not_declared", "organisation_kind"}
    overall = indicators(filters=IndicatorFilters()).overall
    assert overall.opinions == 60 and overall.consultations == 12
    assert overall.people == len({o.author_id for o in given})

    # Random writes, each announced by the event its service would publish.
    for _round in range(40):
        choice = rng.random()
        with django_capture_on_commit_callbacks(execute=True):
            if choice < 0.3:
                opinion = make_opinion(rng.choice(made), people, organisations, rng)
                given.append(opinion)
                publish(
                    "opinion.submitted",
                    opinion_id=opinion.pk,
                    consultation_id=opinion.consultation_id,
                )
            elif choice < 0.5:
                unanswered = [
                    o for o in given if not hasattr(Opinion.objects.get(pk=o.pk), "answer")
                ]
                if unanswered:
                    opinion = rng.choice(unanswered)
                    answer(opinion, rng)
                    publish("opinion.answered", opinion_id=opinion.pk)
            elif choice < 0.6:
                opinion = rng.choice(given)
                Opinion.objects.filter(pk=opinion.pk).update(withdrawn_at=timezone.now())
                publish(
                    "opinion.withdrawn",
                    opinion_id=opinion.pk,
                    consultation_id=opinion.consultation_id,
                )
            elif choice < 0.7:
                consultation = rng.choice(made)
                moved = consultation.opens_at - timedelta(days=rng.randint(20, 80))
                Consultation.objects.filter(pk=consultation.pk).update(opens_at=moved)
                consultation.opens_at = moved
                publish("consultation.changed", consultation_id=consultation.pk)
            elif choice < 0.8:
                consultation = rng.choice(made)
                Consultation.objects.filter(pk=consultation.pk).update(
                    feedback_published_at=timezone.now()
                )
                publish("consultation.feedback_published", consultation_id=consultation.pk)
            elif choice < 0.9:
                opinion = rng.choice(given)
                Opinion.objects.filter(pk=opinion.pk).update(author=None)
                if rng.random() < 0.5:  # as the GDPR eraser does: the groups go too
                    Opinion.declared_groups.through.objects.filter(opinion_id=opinion.pk).delete()
                publish("opinion.anonymised", opinion_id=opinion.pk)
            else:
                consultation = make_consultation(rng.choice(institutions), rng)
                made.append(consultation)
                publish("consultation.published", consultation_id=consultation.pk)
    for filters in selections:
        _same(filters)


def test_an_answer_given_through_the_service_reaches_the_figures(
    ministry, responder, resident, django_capture_on_commit_callbacks
):
    editor = factories.officer(ministry, "editor", email="e2@example.lv")
    consultation = factories.published_consultation(editor, ministry)
    opinion = factories.opinion(consultation, resident)
    factories.close(consultation)
    services.figures_rebuild_all()
    fact = ConsultationFact.objects.get(consultation=consultation)
    assert (fact.opinions, fact.answered) == (1, 0)
    with django_capture_on_commit_callbacks(execute=True):
        consultation_services.answer_give(
            actor=responder, opinion=opinion, outcome=Outcome.NOTED, reason="Pieņemts zināšanai."
        )
    fact = ConsultationFact.objects.get(consultation=consultation)  # rebuilt: a new row
    assert fact.answered == 1
    figures = indicators(filters=IndicatorFilters(institution_ids=(ministry.pk,))).overall
    assert figures.answered_share == 1.0
    assert figures.median_days_to_answer == 0
    assert figures.people == 1 and figures.organisations == 0


def test_figures_of_a_known_history(ministry, resident, ngo, ngo_rep, settings):
    """Hand-counted: each figure's definition, not only agreement of two computations."""
    from lidzdaliba.consultations.models import MinimumPeriod
    from lidzdaliba.core.enums import ParticipationForm

    settings.ANSWER_DEADLINE_DAYS = 30
    MinimumPeriod.objects.update_or_create(
        key=ParticipationForm.WRITTEN_CONSULTATION, defaults={"days": 20}
    )
    rng = random.Random(1)
    now = timezone.now()
    form = ParticipationForm.WRITTEN_CONSULTATION
    # Closed 40 days ago, open 30 days (period kept), feedback 10 days after closing (on time).
    kept = make_consultation(
        ministry,
        rng,
        participation_form=form,
        opens_at=now - timedelta(days=70),
        closes_at=now - timedelta(days=40),
    )
    Consultation.objects.filter(pk=kept.pk).update(feedback_published_at=now - timedelta(days=30))
    # Closed 35 days ago after 10 days (too short), no feedback: overdue, not on time.
    short = make_consultation(
        ministry,
        rng,
        participation_form=form,
        opens_at=now - timedelta(days=45),
        closes_at=now - timedelta(days=35),
    )
    Consultation.objects.filter(pk=short.pk).update(feedback_published_at=None)
    opinions = [
        make_opinion(kept, [resident], [ngo], random.Random(0)),
        make_opinion(kept, [ngo_rep], [ngo], random.Random(0)),
        make_opinion(short, [resident], [ngo], random.Random(0)),
        make_opinion(short, [ngo_rep], [ngo], random.Random(0)),
    ]
    Opinion.objects.filter(pk=opinions[1].pk).update(organisation=ngo)
    Opinion.objects.filter(pk=opinions[3].pk).update(withdrawn_at=now)  # needs no answer
    for opinion, days in zip(opinions[:3], (2, 5, 9), strict=True):
        given = answer(opinion, rng)
        Answer = type(given)
        Answer.objects.filter(pk=given.pk).update(
            answered_at=opinion.created_at + timedelta(days=days)
        )
    services.figures_rebuild_all()
    f = indicators(filters=IndicatorFilters(institution_ids=(ministry.pk,))).overall
    assert f.consultations == 2
    assert f.minimum_period_kept_share == 0.5
    assert f.opinions == 3 and f.answered == 3
    assert (f.people, f.organisations) == (2, 1)
    assert f.median_days_to_answer == 5
    assert f.feedback_published_share == 0.5
    assert (f.feedback_due, f.feedback_on_time) == (2, 1)
    assert f.by_status == {"announced": 0, "open": 0, "closed": 1, "answered": 1, "decided": 0}


def _tables() -> dict[str, list[tuple]]:
    """Every precomputed row as plain sorted tuples (no ids)."""
    return {
        "facts": sorted(
            ConsultationFact.objects.values_list(
                "consultation_id",
                "institution_id",
                "institution_kind",
                "month",
                "opinions",
                "answered",
                "minimum_period_kept",
                "answer_deadline",
            )
        ),
        "days": sorted(
            AnswerDays.objects.values_list(
                "institution_id", "institution_kind", "month", "days", "count"
            )
        ),
        "participants": sorted(
            Participant.objects.values_list(
                "institution_id", "institution_kind", "month", "kind", "key"
            )
        ),
        "distinct": sorted(
            DistinctMonths.objects.values_list(
                "scope", "institution_id", "institution_kind", "kind", "month", "previous", "count"
            ),
            key=repr,
        ),
        "groups": sorted(
            GroupParticipation.objects.values_list(
                "institution_id",
                "institution_kind",
                "month",
                "affected_group_id",
                "organisation_kind",
                "key",
                "opinions",
            ),
            key=repr,
        ),
        "group_opinions": sorted(
            GroupOpinions.objects.values_list(
                "institution_id",
                "institution_kind",
                "month",
                "affected_group_id",
                "organisation_kind",
                "opinions",
            ),
            key=repr,
        ),
    }


def _refresh_bucket_by_bucket() -> None:
    buckets = {(c.institution_id, month_of(c.opens_at)) for c in Consultation.objects.published()}
    for model in (
        DistinctMonths,
        Participant,
        AnswerDays,
        ConsultationFact,
        GroupParticipation,
        GroupOpinions,
    ):
        model.objects.all().delete()
    for institution_id, month in sorted(buckets):
        services.bucket_refresh(institution_id=institution_id, month=month)


def _random_write(rng, made, given, people, organisations, institutions) -> None:
    """One write through the real events (their jobs run on commit)."""
    choice = rng.random()
    if choice < 0.35:
        opinion = make_opinion(rng.choice(made), people, organisations, rng)
        given.append(opinion)
        publish("opinion.submitted", opinion_id=opinion.pk, consultation_id=opinion.consultation_id)
    elif choice < 0.5:
        opinion = rng.choice(given)
        if not Answer.objects.filter(opinion=opinion).exists():
            answer(opinion, rng)
            publish("opinion.answered", opinion_id=opinion.pk)
    elif choice < 0.65:
        opinion = rng.choice(given)
        Opinion.objects.filter(pk=opinion.pk).update(withdrawn_at=timezone.now())
        publish("opinion.withdrawn", opinion_id=opinion.pk, consultation_id=opinion.consultation_id)
    elif choice < 0.75:
        consultation = rng.choice(made)
        moved = consultation.opens_at - timedelta(days=rng.randint(-40, 80))
        Consultation.objects.filter(pk=consultation.pk).update(opens_at=moved)
        consultation.opens_at = moved
        publish("consultation.changed", consultation_id=consultation.pk)
    elif choice < 0.8:
        consultation = rng.choice(made)
        other = rng.choice(institutions)
        Consultation.objects.filter(pk=consultation.pk).update(institution=other)
        consultation.institution = other
        publish("consultation.changed", consultation_id=consultation.pk)
    elif choice < 0.9:
        opinion = rng.choice(given)
        Opinion.objects.filter(pk=opinion.pk).update(author=None)
        publish("opinion.anonymised", opinion_id=opinion.pk)
    else:
        consultation = make_consultation(rng.choice(institutions), rng)
        made.append(consultation)
        publish("consultation.published", consultation_id=consultation.pk)


def test_distinct_counts_over_random_ranges_and_scopes_equal_the_raw_rows(
    ministry, municipality, django_capture_on_commit_callbacks
):
    """The histogram reads (any range of months; everything, a kind, one institution, per
    institution, per kind, per month) and the fallback (several institutions) give the
    direct distinct counts, after random writes that reach monitoring through events; so do
    the figures by affected group (histograms per group, several institutions counted)."""
    rng = random.Random(7)
    third = factories.InstitutionFactory()
    institutions = [ministry, municipality, third]
    made, given, people, organisations = world(rng, institutions, consultations=25, opinions=150)
    services.figures_rebuild_all()
    months = sorted({month_of(c.opens_at) for c in made})
    ids = [i.pk for i in institutions]
    for _round in range(8):
        for _write in range(6):
            with django_capture_on_commit_callbacks(execute=True):
                _random_write(rng, made, given, people, organisations, institutions)
        for _check in range(4):
            a, b = sorted(rng.sample(months, 2))
            start = rng.choice([None, a, a + timedelta(days=rng.randint(0, 27))])
            end = rng.choice([None, b])
            for scope in (
                {},
                {"kind": rng.choice(["state", "municipal"])},
                {"institution_ids": (rng.choice(ids),)},
                {"institution_ids": tuple(rng.sample(ids, 2))},
                {"institution_ids": tuple(ids), "kind": "state"},
                {"institution_ids": (ministry.pk,), "kind": "municipal"},
            ):
                filters = IndicatorFilters(start=start, end=end, **scope)
                now = timezone.now()
                by_group = group_figures(filters=filters)
                assert by_group == group_figures(filters=filters, direct=True), filters
                for group in (None, "institution", "kind", "month"):
                    precomputed = _people(PrecomputedCollector(filters, now), group)
                    direct = _people(DirectCollector(filters, now), group)
                    assert precomputed == direct, (filters, group)


def _people(collector, group) -> dict:
    return {
        key: (people, orgs) for key, people, orgs in collector.participants(group) if people or orgs
    }


def test_rebuilding_all_at_once_equals_rebuilding_every_bucket(
    ministry, municipality, django_capture_on_commit_callbacks
):
    rng = random.Random(11)
    institutions = [ministry, municipality]
    made, given, people, organisations = world(rng, institutions, consultations=15, opinions=90)
    services.figures_rebuild_all()
    for _write in range(15):
        with django_capture_on_commit_callbacks(execute=True):
            _random_write(rng, made, given, people, organisations, institutions)
    kept_by_events = _tables()
    assert kept_by_events["distinct"] and kept_by_events["groups"]
    assert any(row[3] for row in kept_by_events["groups"])  # declared groups among them
    # The by-group histograms are kept by the events too (kinds "g:…", "o:…").
    assert {row[3][:2] for row in kept_by_events["distinct"]} >= {"g:", "o:"}
    services.figures_rebuild_all()
    at_once = _tables()
    for name, rows in at_once.items():
        assert rows == kept_by_events[name], name
    _refresh_bucket_by_bucket()
    for name, rows in _tables().items():
        assert rows == at_once[name], name


def test_an_institution_that_changed_kind_moves_its_histograms_when_its_buckets_rebuild(
    ministry, municipality
):
    """Its participants (and people per group) leave the old kind's histograms and join the
    new kind's, though no one entered or left its buckets."""
    rng = random.Random(5)
    made, _given, _people, _organisations = world(
        rng, [ministry, municipality], consultations=10, opinions=60
    )
    services.figures_rebuild_all()
    type(ministry).objects.filter(pk=ministry.pk).update(kind="municipal")
    for month in sorted({month_of(c.opens_at) for c in made if c.institution_id == ministry.pk}):
        services.bucket_refresh(institution_id=ministry.pk, month=month)
    by_buckets = _tables()
    assert not [row for row in by_buckets["distinct"] if row[0] == "kind:state"]
    services.figures_rebuild_all()
    for name, rows in _tables().items():
        assert rows == by_buckets[name], name
    _same(IndicatorFilters(kind="municipal"))


def test_the_migration_fills_the_by_group_tables_from_existing_rows(ministry, municipality):
    from importlib import import_module

    from django.apps import apps

    world(random.Random(3), [ministry, municipality], consultations=8, opinions=50)
    services.figures_rebuild_all()
    built = _tables()
    GroupOpinions.objects.all().delete()
    DistinctMonths.objects.exclude(kind__in=Participant.Kind.values).delete()
    import_module("lidzdaliba.monitoring.migrations.0006_fill_group_figures").fill(apps, None)
    assert _tables() == built
