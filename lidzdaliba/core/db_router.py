"""Sends the reads of safe public requests to a read replica when one is configured.

`DATABASE_REPLICA_URL` adds the `replica` alias. Reads go there only inside
`use_replica(True)` (set per request by ReadReplicaMiddleware) and never inside a
transaction, so a service that writes and then reads sees its own write.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar

from django.conf import settings
from django.db import transaction

_replica_allowed: ContextVar[bool] = ContextVar("replica_allowed", default=False)


@contextlib.contextmanager
def use_replica(allowed: bool = True):
    token = _replica_allowed.set(allowed)
    try:
        yield
    finally:
        _replica_allowed.reset(token)


class ReadReplicaRouter:
    def db_for_read(self, model, **hints):
        if (
            "replica" in settings.DATABASES
            and _replica_allowed.get()
            and not transaction.get_connection("default").in_atomic_block
        ):
            return "replica"
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
