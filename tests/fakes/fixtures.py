"""Session-wide pytest fixtures for the fakes (imported by tests/conftest.py).

    def test_x(fake_slack, slack_responses): ...

`fake_slack` is one FakeSlack (with its Socket Mode endpoint, `fake_slack.socket`)
for the whole session; call `fake_slack.reset()` at the start of a test that
counts calls or sets faults.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .receiver import ResponseReceiver
from .slack_api import FakeSlack
from .socket_mode import FakeSocketMode


@pytest.fixture(scope="session")
def fake_slack() -> Iterator[FakeSlack]:
    socket = FakeSocketMode().start()
    fake = FakeSlack(socket_url=socket.url).start()
    fake.socket = socket
    try:
        yield fake
    finally:
        fake.stop()
        socket.stop()


@pytest.fixture(scope="session")
def slack_responses() -> Iterator[ResponseReceiver]:
    rx = ResponseReceiver().start()
    try:
        yield rx
    finally:
        rx.stop()
