"""Retrying database work that failed for a passing reason.

A dropped connection, a deadlock, a serialisation failure or a locked SQLite
file says nothing about the data: the same unit of work is run again after a
short, growing pause. A unique-key conflict means another writer stored the
same row first; one more try then sees that row (and reports it unchanged).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError

T = TypeVar("T")

log = logging.getLogger("briefings.store")

ATTEMPTS = 6
FIRST_PAUSE = 0.2  # seconds, doubling: 0.2 + 0.4 + ... + 3.2 = 6.2 s at most


def is_transient(exc: BaseException) -> bool:
    """True for database errors worth one more try (never for bad data)."""
    if isinstance(exc, IntegrityError):
        return False
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, OperationalError | InterfaceError)


def retrying(
    fn: Callable[[], T],
    *,
    attempts: int = ATTEMPTS,
    first_pause: float = FIRST_PAUSE,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """`fn()`, run again with backoff while it fails transiently; a unique-key
    conflict is retried once. Other errors, and the last failure, propagate."""
    pause = first_pause
    conflicts = 0
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except IntegrityError:
            conflicts += 1
            if conflicts > 1 or attempt == attempts:
                raise
            log.info("a concurrent writer stored the same row first; trying again")
        except Exception as exc:
            if attempt == attempts or not is_transient(exc):
                raise
            log.warning(
                "database error (%s), attempt %d of %d; retrying in %.1f s",
                exc.__class__.__name__,
                attempt,
                attempts,
                pause,
            )
            sleep(pause)
            pause *= 2
    raise AssertionError("unreachable")  # pragma: no cover
