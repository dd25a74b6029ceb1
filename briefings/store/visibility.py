"""Walls: who an article was stored for, and what an asker may see.

Articles are stored once; each records every place it came from
(`article_sources`: team, channel, feed). An `Audience` is one such place:

- `("", "")` the shared corpus: seeds, `briefbot ingest`, feeds added from the CLI;
- `(team, "")` one workspace, every channel in it (workspace-wide feeds);
- `(team, channel)` one channel: feeds added there, `/brief <url>`, unfurls.

A `Visibility` is what one asker may read: the shared corpus, plus its workspace's
workspace-wide articles, plus the articles of the channels it names (the asking
channel; for a user's App Home, the channels they are in). Nothing of another
workspace is ever in it. `EVERYTHING` is the operator's (CLI, console).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, or_, select

from .schema import ArticleSourceRow


@dataclass(frozen=True, slots=True)
class Audience:
    """Where an article came from; `feed_id` 0 when not from a feed."""

    team_id: str = ""
    channel_id: str = ""
    feed_id: int = 0

    @property
    def is_shared(self) -> bool:
        return not self.team_id


SHARED = Audience()


@dataclass(frozen=True, slots=True)
class Visibility:
    """What an asker may see (see the module docstring)."""

    team_id: str = ""
    channel_ids: tuple[str, ...] = ()
    everything: bool = False

    @classmethod
    def channel(cls, team_id: str, channel_id: str) -> Visibility:
        return cls(team_id, (channel_id,) if channel_id else ())

    @classmethod
    def user(cls, team_id: str, channel_ids: tuple[str, ...] | list[str] = ()) -> Visibility:
        return cls(team_id, tuple(sorted({c for c in channel_ids if c})))

    def places(self) -> list[tuple[str, str]]:
        """The (team, channel) pairs whose articles this asker may read."""
        out = [("", "")]
        if self.team_id:
            out.append((self.team_id, ""))
            out.extend((self.team_id, c) for c in self.channel_ids)
        return out

    def admits(self, team_id: str, channel_id: str) -> bool:
        return self.everything or (team_id, channel_id) in self.places()

    @property
    def key(self) -> tuple[Any, ...]:
        """A hashable form, for caches of answers."""
        return ("*",) if self.everything else (self.team_id, self.channel_ids)


EVERYTHING = Visibility(everything=True)
SHARED_ONLY = Visibility()


# Built clauses, per article column and visibility: a dossier filters nine queries, and
# building the clause again each time cost more than running it.
_CLAUSES: dict[tuple[int, Visibility], tuple[Any, ColumnElement[bool]]] = {}
_MAX_CLAUSES = 4096
_LOCK = threading.Lock()


def visible(article_id: Any, vis: Visibility) -> ColumnElement[bool] | None:
    """A WHERE clause admitting the articles `vis` may see (None: no filter). One
    primary-key probe of `article_sources` per article."""
    if vis.everything:
        return None
    key = (id(article_id), vis)
    hit = _CLAUSES.get(key)
    if hit is not None and hit[0] is article_id:
        return hit[1]
    clause = _clause(article_id, vis)
    with _LOCK:
        if len(_CLAUSES) >= _MAX_CLAUSES:
            _CLAUSES.clear()
        _CLAUSES[key] = (article_id, clause)
    return clause


def _clause(article_id: Any, vis: Visibility) -> ColumnElement[bool]:
    src = ArticleSourceRow
    place = and_(src.team_id == "", src.channel_id == "")
    if vis.team_id:  # one IN list, however many channels a user is in
        channels = ["", *vis.channel_ids]
        place = or_(place, and_(src.team_id == vis.team_id, src.channel_id.in_(channels)))
    return exists(select(src.article_id).where(src.article_id == article_id, place))
