"""Helpers for the scheduler tests and bench: a fake Slack with the extra features the
scheduler needs, articles and subscriptions in a store, a clock the test drives."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import threading
import time
from collections import Counter
from typing import Any

from briefings.models import Article, Evidence, Extraction, Meeting, Official
from briefings.store import Store
from briefings.store.schema import SubscriptionRow
from tests.fakes import FakeSlack

# 08:00 UTC yesterday: scheduled times in the tests are in the (recent) past.
T0 = dt.datetime.combine(
    dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1), dt.time(8, 0), tzinfo=dt.UTC
)


class SchedulerFakeSlack(FakeSlack):
    """FakeSlack plus, without changing its existing behaviour:

    - `conversations.history` over the messages it accepted (with their metadata,
      when `include_all_metadata` is set), so a stale claim can be checked;
      `history_enabled = False` answers `missing_scope` instead;
    - `workspace_burst`: when set, the workspace ceiling `workspace_per_minute` is a
      token bucket of that capacity refilled evenly over the minute, instead of a
      sliding 60 s window (which would allow the whole minute's posts in one burst).
    """

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        self.history: dict[str, list[dict[str, Any]]] = {}
        self.history_enabled = True
        self.workspace_burst: int | None = None
        self._tokens = 0.0
        self._refilled = time.monotonic()
        self._hist_lock = threading.Lock()

    def _limited(self, channel: str) -> int | None:
        if self.workspace_burst is None or not self.workspace_per_minute:
            return super()._limited(channel)
        now = time.monotonic()
        if self.channel_interval:
            last = self._last_post.get(channel)
            if last is not None and now - last < self.channel_interval:
                return max(1, math.ceil(self.channel_interval - (now - last)))
        rate = self.workspace_per_minute / 60.0
        self._tokens = min(
            float(self.workspace_burst), self._tokens + (now - self._refilled) * rate
        )
        self._refilled = now
        if self._tokens < 1.0:
            return max(1, math.ceil((1.0 - self._tokens) / rate))
        self._tokens -= 1.0
        return None

    def set_bucket(self, per_minute: int, burst: int) -> None:
        with self._cond:
            self.workspace_per_minute = per_minute
            self.workspace_burst = burst
            self._tokens = float(burst)
            self._refilled = time.monotonic()

    def _m_chat_postMessage(self, p: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
        status, body, headers = super()._m_chat_postMessage(p)
        if status == 200 and body.get("ok"):
            msg = dict(body["message"])
            if isinstance(p.get("metadata"), dict):
                msg["metadata"] = p["metadata"]
            with self._hist_lock:
                self.history.setdefault(str(p["channel"]), []).append(msg)
        return status, body, headers

    def _m_conversations_history(
        self, p: dict[str, Any]
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        if not self.history_enabled:
            return 200, {"ok": False, "error": "missing_scope", "needed": "channels:history"}, {}
        oldest = float(p.get("oldest") or 0)
        with_meta = str(p.get("include_all_metadata", "")).lower() in ("1", "true")
        with self._hist_lock:
            msgs = list(self.history.get(str(p.get("channel")), []))
        # The fake's ts counter is not wall-clock time; filter on the call-time list order.
        out = []
        for m in reversed(msgs):
            if m.get("thread_ts") and m["thread_ts"] != m["ts"]:
                continue  # as in Slack: thread replies are not in the channel's history
            m = dict(m)
            if not with_meta:
                m.pop("metadata", None)
            out.append(m)
        del oldest
        return 200, {"ok": True, "messages": out, "has_more": False}, {}

    def _m_conversations_replies(
        self, p: dict[str, Any]
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        """A thread: its parent, then its replies, oldest first."""
        if not self.history_enabled:
            return 200, {"ok": False, "error": "missing_scope", "needed": "channels:history"}, {}
        ts = str(p.get("ts") or "")
        with_meta = str(p.get("include_all_metadata", "")).lower() in ("1", "true")
        with self._hist_lock:
            msgs = list(self.history.get(str(p.get("channel")), []))
        thread = [m for m in msgs if m["ts"] == ts or m.get("thread_ts") == ts]
        if not thread:
            return 200, {"ok": False, "error": "thread_not_found"}, {}
        out = [
            dict(m) if with_meta else {k: v for k, v in m.items() if k != "metadata"}
            for m in thread
        ]
        return 200, {"ok": True, "messages": out, "has_more": False}, {}

    def thread_of(self, channel: str, parent_ts: str) -> list[dict[str, Any]]:
        """The replies posted in a thread (not the parent), in order."""
        with self._hist_lock:
            return [m for m in self.history.get(channel, []) if m.get("thread_ts") == parent_ts]

    def _m_bench_stats(self, _p: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
        """Not a Slack method: what was posted, for a bench running the fake elsewhere."""
        posts = self.posts()
        return (
            200,
            {
                "ok": True,
                "rate_limited": self.rate_limited,
                "slots": self.digest_slots(),
                "first_at": min((c.at for c in posts), default=None),
                "last_at": max((c.at for c in posts), default=None),
            },
            {},
        )

    # -- reading what was posted ------------------------------------------------------

    def digest_slots(self) -> list[tuple[str, str]]:
        """(channel, slot marker) of every accepted digest message."""
        out = []
        for c in self.posts():
            meta = c.params.get("metadata") or {}
            slot = (meta.get("event_payload") or {}).get("slot")
            out.append((str(c.params.get("channel")), str(slot)))
        return out

    def duplicates(self) -> dict[tuple[str, str], int]:
        return {k: n for k, n in Counter(self.digest_slots()).items() if n > 1}

    def attempt_gaps(self, channel: str) -> list[float]:
        """Seconds between consecutive chat.postMessage attempts to `channel`."""
        times = sorted(
            c.at for c in self.calls_to("chat.postMessage") if c.params.get("channel") == channel
        )
        return [b - a for a, b in itertools.pairwise(times)]


def serve_fake(argv: list[str] | None = None) -> None:
    """Run the fake in its own process (for the bench): prints its API URL, then serves
    until stdin closes. Arguments: channel interval, per-minute ceiling, bucket size."""
    import sys

    args = argv if argv is not None else sys.argv[1:]
    fake = SchedulerFakeSlack()
    fake.start()
    fake.channel_interval = float(args[0])
    fake.set_bucket(per_minute=int(args[1]), burst=int(args[2]))
    print(fake.api_url, flush=True)
    sys.stdin.read()
    fake.stop()


class Clock:
    """A clock the test moves: `clock()` is now, `advance(seconds)` moves it on."""

    def __init__(self, start: dt.datetime = T0) -> None:
        self.now = start
        self._lock = threading.Lock()

    def __call__(self) -> dt.datetime:
        with self._lock:
            return self.now

    def advance(self, seconds: float) -> dt.datetime:
        with self._lock:
            self.now += dt.timedelta(seconds=seconds)
            return self.now

    def set(self, when: dt.datetime) -> None:
        with self._lock:
            self.now = when


def add_articles(store: Store, n: int, *, prefix: str = "a", start: int = 0) -> list[int]:
    """Store `n` distinct articles, each with a meeting (so each is one story)."""
    ids = []
    places = ["Oslo", "Lima", "Hanoi", "Accra", "Quito", "Riga", "Doha", "Suva", "Male", "Bern"]
    for i in range(start, start + n):
        who_a, who_b = f"Anna {prefix.title()}{i}son", f"Boris {prefix.title()}{i}ov"
        place = f"{places[i % len(places)]}"
        text = (
            f"{who_a}, the foreign minister, met {who_b} in {place} on Monday. "
            f"Story {prefix}-{i} covered topic {i * 7919 % 1000} with unique words "
            + " ".join(f"w{prefix}{i}x{k}" for k in range(12))
            + "."
        )
        art = Article(
            id=f"{prefix}{i}",
            title=f"{prefix.upper()} talks {i}",
            text=text,
            url=f"https://news.example/{prefix}/{i}",
            published=dt.date(2026, 11, 20),
            source="news.example",
        )
        ev = Evidence(sentence=text.split(". ")[0] + ".", start=0, end=len(text.split(". ")[0]))
        ex = Extraction(
            article_id=art.id,
            extractor_version="test",
            officials=(Official(who_a, "foreign minister"), Official(who_b, "envoy")),
            meetings=(Meeting((who_a, who_b), "held", place, "Monday", None, (ev,)),),
        )
        _, aid = store.save(art, ex)
        ids.append(aid)
    return ids


def subscribe(
    store: Store,
    channel: str,
    cron: str = "0 8 * * *",
    tz: str = "UTC",
    *,
    team: str = "T0FAKE",
    created_at: dt.datetime | None = None,
    last_digest_at: dt.datetime | None = None,
    notify_empty: bool = False,
    flat: bool = True,
) -> None:
    """A subscription row; `flat` (one message per 10 stories) unless told otherwise,
    as the delivery tests were written for it; `flat=False` for a threaded digest."""
    with store.session() as s:
        s.add(
            SubscriptionRow(
                team_id=team,
                channel_id=channel,
                schedule=cron,
                cron=cron,
                timezone=tz,
                only_followed=False,
                keywords=[],
                notify_empty=notify_empty,
                created_by="U1",
                created_at=created_at or (T0 - dt.timedelta(days=2)),
                last_digest_at=last_digest_at,
                flat=flat,
            )
        )


if __name__ == "__main__":
    serve_fake()
