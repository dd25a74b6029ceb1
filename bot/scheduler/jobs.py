"""The functions APScheduler's job store refers to (by module path, so they pickle).

They are thin: each looks up the running `Scheduling` service of this process
and calls the same method a command or a test would call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .service import Scheduling

_service: Scheduling | None = None


def bind(service: Scheduling | None) -> None:
    global _service
    _service = service


def _svc() -> Scheduling:
    if _service is None:
        raise RuntimeError("no scheduling service is running in this process")
    return _service


def fire_digest(team_id: str, channel_id: str) -> None:
    """A channel's digest is due: queue it (the worker posts it)."""
    _svc().fire_digest(team_id, channel_id)


def poll_feed(feed_id: int) -> None:
    """A feed is due: fetch it and queue its new entries for extraction."""
    _svc().poll_feed(feed_id)


def maintain() -> None:
    """Every 30 s on the leader: mirror subscriptions and feeds into jobs, catch up."""
    _svc().maintain()
