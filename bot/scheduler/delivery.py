"""Exactly-once digest posting.

A digest for (workspace, channel, scheduled time) is posted as one or more
messages ("parts"). Each part is a row in `posted_messages`, keyed by the
unique (team_id, channel_id, 'digest', slot) where slot is the scheduled time
in UTC (`2026-11-27T08:00:00Z`, then `...Z#2`, `...Z#3` for further parts):

1. wait for the rate limiter (so the claim-to-post window is one HTTP call);
2. claim: INSERT the row (claimed_at, claimed_by, article_ids); the unique
   constraint makes a second claimant fail here, before anything is posted;
3. post, carrying the slot in the message metadata;
4. record: one transaction sets `ts`/`posted_at` and inserts the part's
   articles into `delivered_articles`, so a story is never repeated;
5. when every part is recorded, `subscriptions.last_digest_at = slot`
   marks the digest complete.

A crash between 2 and 4 leaves a claimed row without `ts`. Such a row is
left alone while it is younger than `stale_after` (its claimant may still be
running); once stale, the channel history is searched for the slot marker
(conversations.history with message metadata): found -> the `ts` is recorded
and nothing is re-posted; not found -> the part is re-posted. When the history
cannot be read (missing scope, method unavailable), the policy is to re-post
and the decision is recorded in the row's `claimed_by`
(`<worker> [repost: unverified, was <old>]`) and logged at WARNING: a late
duplicate in that narrow window is judged better than a silently missed digest,
whose stories would otherwise wait for the next one.

A refusal no retry can cure (the bot removed from the channel, the channel archived
or deleted, the token revoked: `ChannelGone`) is not retried: the subscription is
paused and its subscriber told once (`on_paused`). Each workspace posts through its
own poster (`posters`: its own bot token in OAuth mode).

The rows are read and written through `briefings.store.deliveries`; this module
holds the protocol, not the SQL.

Fault injection: `DigestDelivery(checkpoint=...)` (and `Scheduling(checkpoint=...)`)
take a callable that is called with the name of each point where a crash matters:
`job.after_enqueue`, `digest.after_claim`, `digest.after_post`, `digest.after_record`.
Production passes none (`no_checkpoint`); the crash tests pass one that kills the
process there (`tests/bot/scheduler/runner.py --kill-at`).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from briefings.clock import Clock, utcnow
from briefings.digest import build_digest
from briefings.errors import DeliveryError
from briefings.render.blocks import to_message, to_thread
from briefings.store import Store
from briefings.store.channels import Channels, Subscription
from briefings.store.deliveries import Deliveries, Part, part_index, part_key, slot_key

from .. import metrics
from .ratelimit import RateLimiter

log = logging.getLogger("briefbot.scheduler.delivery")

__all__ = [
    "CannotVerify",
    "ChannelGone",
    "Checkpoint",
    "DigestDelivery",
    "InProgress",
    "Outcome",
    "PostRejected",
    "PostUncertain",
    "Poster",
    "RateLimited",
    "default_planner",
    "no_checkpoint",
    "part_key",
    "slot_key",
]

Checkpoint = Callable[[str], None]


def no_checkpoint(name: str) -> None:
    """The production checkpoint: nothing happens at the named points."""


# -- what Slack looks like to this module -----------------------------------------------------


class RateLimited(DeliveryError):
    def __init__(self, retry_after: float) -> None:
        super().__init__(f"rate limited; retry after {retry_after:g} s")
        self.retry_after = retry_after


class PostRejected(DeliveryError):
    """Slack answered and did not post (e.g. internal_error): safe to retry later. The
    refusals no retry can cure are `ChannelGone`."""


class ChannelGone(PostRejected):
    """Slack will not take posts there until someone acts (the bot was removed, the
    channel archived or deleted, the token revoked): never retried; the subscription
    is paused and its subscriber told once."""

    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


# Slack errors after which a retry cannot succeed until someone acts.
GONE_ERRORS = frozenset(
    {
        "not_in_channel",
        "channel_not_found",
        "is_archived",
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "token_expired",
    }
)


class PostUncertain(DeliveryError):
    """No clear answer (5xx, timeout, reset): the message may or may not be posted."""


class CannotVerify(DeliveryError):
    """The channel history cannot be read to check for a message."""


class Poster(Protocol):
    def post(
        self,
        channel: str,
        text: str,
        blocks: Sequence[dict[str, Any]],
        *,
        marker: str,
        thread_ts: str | None = None,
    ) -> str:
        """Post (as a reply in `thread_ts`'s thread, when given) and return the message ts;
        raises RateLimited, PostRejected, PostUncertain."""

    def find_marker(
        self, channel: str, marker: str, *, oldest: dt.datetime, thread_ts: str | None = None
    ) -> str | None:
        """The ts of our message carrying `marker` posted after `oldest` (among the replies
        of `thread_ts`, when given); CannotVerify."""


# -- planning ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlannedMessage:
    text: str
    blocks: list[dict[str, Any]]
    article_ids: tuple[int, ...]
    # "" a message of its own; "parent" a threaded digest's summary (always part 1);
    # "reply" one story, posted in the parent's thread; "empty" the "nothing new" notice.
    role: str = ""


Planner = Callable[[Store, Subscription], list[PlannedMessage]]
# Told once when a channel's digest is paused after ChannelGone: (subscription, error).
OnPaused = Callable[[Subscription, str], None]


def digest_since(
    created_at: dt.datetime | None, last_digest_at: dt.datetime | None, look_back: dt.timedelta
) -> dt.datetime | None:
    """Where a digest starts reading articles. A new subscription starts from now: its
    first digest reads from the moment it was made, and no later digest reaches back
    before it (the backlog is `/brief catch up`'s, on request). After that, from
    `look_back` before the previous digest (delivered stories never come back)."""
    if last_digest_at is None:
        return created_at
    since = last_digest_at - look_back
    return max(since, created_at) if created_at is not None else since


def default_planner(
    limit_per_message: int = 10, look_back: dt.timedelta = dt.timedelta(days=1)
) -> Planner:
    """Plans with `briefings.digest.build_digest` and `briefings.render.blocks.to_message`.

    The digest covers what was stored since `look_back` (a day) before the channel's
    previous digest (or before the subscription was made), minus every story the
    channel already received: an article committed just after a digest ran, or a
    story that did not fit, is still picked up next time, and never twice. The number
    of messages is bounded by the digest itself (at most `MAX_STORIES` stories) and
    again by `DigestDelivery.max_parts`.
    """

    def plan(store: Store, sub: Subscription) -> list[PlannedMessage]:
        since = digest_since(sub.created_at, sub.last_digest_at, look_back)
        digest = build_digest(
            store,
            team_id=sub.team_id,
            channel_id=sub.channel_id,
            since=since,
            followed=_followed(store, sub) if sub.only_followed else (),
            keywords=sub.keywords,
            limit_per_message=limit_per_message,
        )
        if digest.is_empty:
            if not sub.notify_empty:
                return []
            msg = to_message(digest)
            text, blocks = str(msg["text"]), list(msg["blocks"])
            return [PlannedMessage(text, blocks, digest.article_ids, "empty")]
        out: list[PlannedMessage] = []
        in_stories = {a for st in digest.stories for a in st.article_ids}
        # Covered but not shown (no facts, clustered away): delivered with part 1.
        extra = tuple(a for a in digest.article_ids if a not in in_stories)
        if not sub.flat:  # a thread: the summary, then one reply per story
            parent, replies = to_thread(digest)
            out.append(PlannedMessage(str(parent["text"]), list(parent["blocks"]), extra, "parent"))
            for story, msg in zip(digest.stories, replies, strict=True):
                ids = tuple(story.article_ids)
                out.append(PlannedMessage(str(msg["text"]), list(msg["blocks"]), ids, "reply"))
            return out
        for part in digest.messages:
            msg = to_message(part)
            ids = tuple(a for st in part.stories for a in st.article_ids)
            if not out:
                ids = ids + extra
            out.append(PlannedMessage(str(msg["text"]), list(msg["blocks"]), ids))
        return out

    return plan


def _followed(store: Store, sub: Subscription) -> tuple[str, ...]:
    follows = Channels(store).follows(sub.team_id, "channel", sub.channel_id)
    return tuple(f.name for f in follows)


# -- delivery ----------------------------------------------------------------------------------


class Outcome(StrEnum):
    POSTED = "posted"
    EMPTY = "empty"
    ALREADY = "already"
    UNSUBSCRIBED = "unsubscribed"
    PAUSED = "paused"  # Slack refused the channel for good (ChannelGone)


class InProgress(DeliveryError):
    """Another claimant holds a fresh claim on this slot; try again after `retry_after`."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass
class DeliveryStats:
    posted: int = 0
    verified: int = 0  # stale claims found already posted (not re-posted)
    reposted: int = 0  # stale claims re-posted after a negative or impossible check
    throttled: int = 0
    errors: list[str] = field(default_factory=list)


class DigestDelivery:
    def __init__(
        self,
        store: Store,
        poster: Poster,
        limiter: RateLimiter,
        *,
        planner: Planner | None = None,
        worker_id: str = "briefbot",
        clock: Clock = utcnow,
        stale_after: float = 120.0,
        max_throttle_wait: float = 600.0,
        max_parts: int = 5,
        max_thread_parts: int = 51,
        checkpoint: Checkpoint = no_checkpoint,
        posters: Callable[[str], Poster] | None = None,
        on_paused: OnPaused | None = None,
        limiters: Callable[[str], RateLimiter] | None = None,
    ) -> None:
        """`posters` gives the poster of a workspace (its own bot token; OAuth mode),
        else `poster` serves every workspace; `limiters` likewise its rate limiter, else
        `limiter`. `on_paused` tells the subscriber."""
        self.store = store
        self.rows = Deliveries(store)
        self.channels = Channels(store)
        self.poster = poster
        self.posters = posters or (lambda _team: poster)
        self.on_paused = on_paused
        self.limiter = limiter
        self.limiters = limiters or (lambda _team: limiter)
        self.planner = planner or default_planner()
        self.worker_id = worker_id
        self.clock = clock
        self.stale_after = stale_after
        self.max_throttle_wait = max_throttle_wait
        self.max_parts = max_parts
        self.max_thread_parts = max_thread_parts  # a parent and up to 50 story replies
        self.checkpoint = checkpoint
        self.stats = DeliveryStats()
        self._stats_lock = threading.Lock()

    def _count(self, name: str) -> None:
        with self._stats_lock:
            setattr(self.stats, name, getattr(self.stats, name) + 1)
        if name in ("posted", "reposted"):
            metrics.DIGESTS.inc()

    def _record(self, team: str, channel: str, key: str, ts: str, ids: Sequence[int]) -> None:
        self.rows.record(team, channel, key, ts, ids, at=self.clock())

    # -- the digest ------------------------------------------------------------------

    def deliver(self, team: str, channel: str, slot: dt.datetime) -> Outcome:
        """Post the digest for `slot` unless it was already posted; see the module doc.
        A post Slack refuses for good (ChannelGone) is not retried: the subscription is
        paused and, the first time, `on_paused` tells its subscriber."""
        poster = self.posters(team)
        try:
            return self._deliver(poster, team, channel, slot)
        except ChannelGone as gone:
            was = self.channels.pause(team, channel)
            log.warning("digest %s/%s paused: Slack answered %s", team, channel, gone.error)
            metrics.DIGESTS_FAILED.inc()
            if was is not None and self.on_paused is not None:
                try:
                    self.on_paused(was, gone.error)
                except Exception:  # telling must never turn the pause into a retry
                    log.exception("could not tell the subscriber of %s/%s", team, channel)
            return Outcome.PAUSED

    def _deliver(self, poster: Poster, team: str, channel: str, slot: dt.datetime) -> Outcome:
        slot = slot.astimezone(dt.UTC)
        base = slot_key(slot)
        sub = self.channels.subscription(team, channel)
        if sub is None:
            return Outcome.UNSUBSCRIBED
        if sub.paused:  # paused after this digest was queued: nothing goes out
            return Outcome.PAUSED
        if sub.last_digest_at is not None and sub.last_digest_at >= slot:
            return Outcome.ALREADY

        threaded = not sub.flat
        now = self.clock()
        reusable: list[tuple[Part, str]] = []
        parent_ts: str | None = None  # part 1 of a threaded digest, once posted
        for part in self.rows.parts(team, channel, base):  # the parent before its replies
            first = part_index(part.slot) == 1
            if part.ts is not None:
                if first:
                    parent_ts = part.ts
                continue
            age = (now - (part.claimed_at or now)).total_seconds()
            if age < self.stale_after:
                raise InProgress(
                    f"{part.slot} claimed by {part.claimed_by} {age:.0f} s ago",
                    retry_after=self.stale_after - age + 1,
                )
            in_thread = parent_ts if threaded and not first else None
            note, found = self._check_stale(poster, part, thread_ts=in_thread)
            if note is None:
                if first:
                    parent_ts = found
                continue  # found in the channel: recorded, not re-posted
            reusable.append((part, note))

        parts = self.rows.parts(team, channel, base)
        done = [p for p in parts if p.ts is not None]
        sub_now = self.channels.subscription(team, channel) or sub
        plan = self.planner(self.store, sub_now)
        if parent_ts is not None:
            # The thread exists: what is left are replies (after a crash between them).
            plan = [m for m in plan if m.role != "parent"]
        if done:
            # Part of this digest is out (found in the history after a crash): its stories
            # are delivered now, so "nothing new" would contradict the message above it.
            plan = [m for m in plan if m.role != "empty"]
        limit = self.max_thread_parts if threaded else self.max_parts
        budget = max(0, limit - len(done))
        if not plan and not done:
            for part, _ in reusable:
                self.rows.release(team, channel, part.slot)
            self.rows.complete(team, channel, slot)
            return Outcome.EMPTY
        used = {part_index(p.slot) for p in parts}
        next_index = max(used, default=0) + 1
        for i, msg in enumerate(plan[:budget]):
            if msg.role == "reply" and parent_ts is None:
                raise InProgress(f"{base}: the thread's parent is not posted", 5.0)
            thread_ts = parent_ts if msg.role == "reply" else None
            if i < len(reusable):
                part, note = reusable[i]
                by = f"{self.worker_id} [{note}, was {part.claimed_by}]"
                if not self.rows.take_over(part, msg.article_ids, at=self.clock(), by=by):
                    raise InProgress(f"{part.slot} was taken over by another worker", 5.0)
                if note.startswith("repost: unverified"):
                    log.warning(
                        "re-posting %s/%s %s: stale claim by %s, history not readable",
                        team,
                        channel,
                        part.slot,
                        part.claimed_by,
                    )
                self._count("reposted")
                ts = self._post(poster, team, channel, part.slot, msg, thread_ts=thread_ts)
            else:
                key = part_key(base, next_index)
                next_index += 1
                ts = self._post_new_claim(poster, team, channel, key, msg, thread_ts=thread_ts)
            if msg.role == "parent":
                parent_ts = ts
        for part, _ in reusable[len(plan[:budget]) :]:
            self.rows.release(team, channel, part.slot)
        self.rows.complete(team, channel, slot)
        return Outcome.POSTED

    def _check_stale(
        self, poster: Poster, part: Part, *, thread_ts: str | None = None
    ) -> tuple[str | None, str | None]:
        """Look for a stale claim's message (in `thread_ts`'s thread for a reply); record
        it if found: (None, its ts). Otherwise (why it will be re-posted, None)."""
        claimed = part.claimed_at or self.clock()
        try:
            ts = poster.find_marker(
                part.channel_id,
                part.slot,
                oldest=claimed - dt.timedelta(minutes=5),
                thread_ts=thread_ts,
            )
        except CannotVerify as exc:
            log.info("cannot verify %s/%s: %s", part.channel_id, part.slot, exc)
            return "repost: unverified", None
        if ts is None:
            return "repost: not in history", None
        log.info("stale claim %s/%s was posted (ts %s); recording", part.channel_id, part.slot, ts)
        self._record(part.team_id, part.channel_id, part.slot, ts, part.article_ids)
        self._count("verified")
        return None, ts

    def _post_new_claim(
        self,
        poster: Poster,
        team: str,
        channel: str,
        key: str,
        msg: PlannedMessage,
        *,
        thread_ts: str | None,
    ) -> str:
        self.limiters(team).acquire(channel)
        if not self.rows.claim(
            team, channel, key, msg.article_ids, at=self.clock(), by=self.worker_id
        ):
            raise InProgress(f"{key} was claimed concurrently", 5.0)
        self.checkpoint("digest.after_claim")
        return self._post(poster, team, channel, key, msg, acquired=True, thread_ts=thread_ts)

    def _post(
        self,
        poster: Poster,
        team: str,
        channel: str,
        key: str,
        msg: PlannedMessage,
        *,
        acquired: bool = False,
        thread_ts: str | None = None,
    ) -> str:
        waited = 0.0
        limiter = self.limiters(team)
        while True:
            if not acquired:
                limiter.acquire(channel)
                self.rows.touch(team, channel, key, at=self.clock())
            acquired = False
            try:
                limiter.gate(channel)
                try:
                    ts = poster.post(channel, msg.text, msg.blocks, marker=key, thread_ts=thread_ts)
                finally:
                    limiter.finished(channel)
            except RateLimited as exc:
                self._count("throttled")
                limiter.retry_after(exc.retry_after, channel)
                waited += exc.retry_after
                if waited > self.max_throttle_wait:
                    self.rows.release(team, channel, key)
                    raise InProgress(f"still rate limited after {waited:.0f} s", 60.0) from exc
                continue
            except PostRejected:
                self.rows.release(team, channel, key)
                raise
            except PostUncertain as exc:
                # Keep the claim: after `stale_after` the history decides.
                raise InProgress(
                    f"{key}: no clear answer from Slack ({exc})", self.stale_after + 1
                ) from exc
            break
        self.checkpoint("digest.after_post")
        self._record(team, channel, key, ts, msg.article_ids)
        self._count("posted")
        self.checkpoint("digest.after_record")
        return ts
