"""Session-wide fixtures: the real spaCy pipeline, shared corpus paths, databases.

Databases: every test that takes `db_url` runs on a fresh SQLite file, and
also on PostgreSQL when TEST_DATABASE_URL is set (each test gets its own
schema there, so parallel runs never see each other's rows).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import shared_path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return shared_path()


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from briefings.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def extractor(nlp):  # type: ignore[no-untyped-def]
    from briefings.extract import Extractor

    return Extractor(nlp)


def _pg_schema_url(base: str) -> Iterator[str]:
    from sqlalchemy import create_engine, text

    schema = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


DB_KINDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


@pytest.fixture(params=DB_KINDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL: a SQLite file, then PostgreSQL if configured."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'briefbot.db'}"
    else:
        yield from _pg_schema_url(os.environ["TEST_DATABASE_URL"])


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'briefbot.db'}"


# The fake Slack Web API, its Socket Mode endpoint and a response_url receiver
# (session-wide; see tests/fakes/fixtures.py).
from tests.fakes.fixtures import fake_slack, slack_responses  # noqa: E402, F401
