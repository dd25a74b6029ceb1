"""The small exception tree every briefings and bot module raises from.

Messages carried by these exceptions are written for the user who triggered
them; the fixed texts are in `bot/wording.py` (and `briefings/sources/wording.py`
for fetch failures).
"""

from __future__ import annotations


class BriefingError(Exception):
    """Base of every error briefbot raises on purpose."""


class LoadError(BriefingError):
    """An article file or page could not be read, decoded or parsed."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.source = source


class FetchError(LoadError):
    """A URL could not or must not be fetched (network, size, private host...)."""


class ExtractionError(BriefingError):
    """An article could not be extracted (the bounded extraction process died, ran out
    of time or memory)."""


class StoreError(BriefingError):
    """The database could not be opened, migrated or written."""


class DeliveryError(BriefingError):
    """A message could not be posted now (rate limited, refused, unclear, in progress)."""


class UsageError(BriefingError):
    """A command was malformed; the message says the correct usage."""
