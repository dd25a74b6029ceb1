"""The one way every listener runs: acknowledge at once, work on the answer pool.

Bolt's lazy listeners would do the same but deep-copy each request first, which
costs more than the ack itself under a burst.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any

from ... import metrics

if TYPE_CHECKING:
    from slack_bolt import Ack, Respond

log = logging.getLogger("briefbot.slack")

Work = Callable[[dict[str, Any], "Respond", Any], None]


def deferred(pool: Executor, work: Work) -> Callable[..., None]:
    """A Bolt listener that acks, then runs `work(body, respond, client)` on `pool`."""

    def run(body: dict[str, Any], respond: Respond, client: Any, acked: float) -> None:
        try:
            work(body, respond, client)
        except Exception:
            log.exception("listener %s failed", getattr(work, "__name__", work))
        finally:
            metrics.ANSWER_SECONDS.observe(time.perf_counter() - acked)

    def listener(ack: Ack, body: dict[str, Any], respond: Respond, client: Any) -> None:
        ack()
        try:
            pool.submit(run, body, respond, client, time.perf_counter())
        except RuntimeError:  # shutting down
            log.warning("dropped a request: the bot is shutting down")

    listener.__name__ = f"ack_then_{getattr(work, '__name__', 'work')}"
    return listener
