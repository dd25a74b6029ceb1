"""Shared helpers for the sources tests."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

from briefings.sources import FetchPolicy

T = TypeVar("T")

# Only the test server's own address is allowed: 10.x, 169.254.x, ::1 and
# `localhost` stay refused even in tests that fetch from the server.
LOCAL = FetchPolicy(
    allowed_networks=("127.0.0.1/32",),
    spacing=0.0,
    connect_timeout=2.0,
    read_timeout=3.0,
    total_timeout=5.0,
)


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)
