from __future__ import annotations

import pytest

from lidzdaliba.testing import servers

from .stack import collect_static, database_url, production_env


@pytest.fixture(scope="session")
def static_var_dir(tmp_path_factory):
    """A var folder holding the collected static files (with the manifest production
    settings need), shared by the stacks of this session."""
    var = tmp_path_factory.mktemp("production-var")
    env = production_env(
        database_url=database_url("postgres"),
        redis_url=servers.redis_url(15),
        var_dir=var,
    )
    collect_static(env)
    return var
