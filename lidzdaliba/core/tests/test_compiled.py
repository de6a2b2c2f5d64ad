"""CompiledQuery: the ORM's SQL compiled once, run with each call's values, giving the same
instances the queryset gives (on SQLite and on PostgreSQL: CI runs both)."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.db.models import F

from lidzdaliba.accounts.models import ApiToken, User
from lidzdaliba.accounts.services import api_token_create, api_token_revoke
from lidzdaliba.consultations.models import Consultation
from lidzdaliba.core.compiled import CompiledQuery
from lidzdaliba.testing import factories

pytestmark = pytest.mark.django_db


def by_token_hash(key_hash):
    return User.objects.filter(
        api_tokens__key_hash=key_hash, api_tokens__revoked_at__isnull=True
    ).annotate(token_id=F("api_tokens__id"), token_created_at=F("api_tokens__created_at"))[:1]


def test_each_call_runs_with_its_own_values_and_gives_what_the_queryset_gives():
    query = CompiledQuery(by_token_hash, key_hash=str)
    people = [factories.UserFactory(full_name=f"Persona {n}") for n in range(3)]
    tokens = [api_token_create(user=person, name="t") for person in people]
    for person, (token, key) in zip(people, tokens, strict=True):
        found = query.first(key_hash=ApiToken.hash_key(key))
        expected = by_token_hash(ApiToken.hash_key(key)).get()
        assert found == expected == person
        assert found.full_name == person.full_name and found.email == person.email
        assert found.token_id == token.pk  # annotations become attributes, converted
        assert found.token_created_at == token.created_at and found.token_created_at.tzinfo
    assert query.first(key_hash=ApiToken.hash_key("ldz_nothing")) is None
    api_token_revoke(user=people[0], token_id=tokens[0][0].pk)
    assert query.first(key_hash=ApiToken.hash_key(tokens[0][1])) is None  # constants kept


def test_values_are_converted_and_unread_fields_load_on_demand(
    django_assert_num_queries, ministry, editor
):
    consultation = factories.published_consultation(editor, ministry, title="Ūdens noteikumi")
    query = CompiledQuery(
        lambda pk: Consultation.objects.only("id", "title", "opens_at").filter(pk=pk)[:1], pk=int
    )
    with django_assert_num_queries(1):
        found = query.first(pk=consultation.pk)
    assert isinstance(found.opens_at, datetime) and found.opens_at.tzinfo is not None
    assert found.opens_at == consultation.opens_at and found.title == "Ūdens noteikumi"
    assert found.get_deferred_fields() >= {"summary", "closes_at"}
    with django_assert_num_queries(1):
        assert found.closes_at == consultation.closes_at
    person = factories.UserFactory(is_staff=True)
    staff = CompiledQuery(lambda pk: User.objects.filter(pk=pk)[:1], pk=int).first(pk=person.pk)
    assert staff.is_staff is True and staff.is_superuser is False  # bool, not 1 / 0
    assert query.first(pk=consultation.pk + 1000) is None


def test_a_parameter_the_orm_rewrites_is_refused_not_guessed():
    query = CompiledQuery(lambda email: User.objects.filter(email__icontains=email), email=str)
    with pytest.raises(ValueError, match="email"):
        query.first(email="a@example.lv")


def test_select_related_is_refused():
    query = CompiledQuery(lambda pk: ApiToken.objects.select_related("user").filter(pk=pk), pk=int)
    with pytest.raises(ValueError, match="select_related"):
        query.first(pk=1)


def test_parameters_are_checked():
    with pytest.raises(TypeError):
        CompiledQuery(lambda when: User.objects.filter(date_joined=when), when=datetime)
    query = CompiledQuery(lambda pk: User.objects.filter(pk=pk), pk=int)
    with pytest.raises(TypeError):
        query.first(id=1)
