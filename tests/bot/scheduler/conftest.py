from __future__ import annotations

from collections.abc import Iterator

import pytest

from briefings.store import Store

from .support import SchedulerFakeSlack


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    st = Store.open(db_url)
    yield st
    st.close()


@pytest.fixture
def slack() -> Iterator[SchedulerFakeSlack]:
    fake = SchedulerFakeSlack()
    fake.start()
    yield fake
    fake.stop()
