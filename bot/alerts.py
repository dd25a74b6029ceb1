"""Alerts: a direct message to each user when newly stored articles name officials they
follow (personally), batched to at most one DM per user per `ALERT_GAP`.

`AlertSender.tick()` runs on the scheduling leader with every `maintain()` (30 s):
it scans new articles into pending items (`briefings.store.alerts`), then claims
and sends one DM per due user. Sending is at most once: a crash after the claim and
before the post loses that DM (never repeats it).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from typing import Any

from briefings.render.escape import escape, link
from briefings.store import Store
from briefings.store.alerts import AlertItem, Alerts

from . import wording as w

log = logging.getLogger("briefbot.alerts")

ALERT_GAP = dt.timedelta(minutes=30)
MAX_USERS_PER_TICK = 200  # bounded work per tick; the rest are due next tick


def alert_message(items: Sequence[AlertItem]) -> dict[str, Any]:
    """One DM listing every item: "• *James Kelly*: <url|headline>"."""
    lines = []
    for it in items:
        names = ", ".join(escape(n) for n in it.officials)
        story = link(it.url, it.title) if it.url else escape(it.title)
        lines.append(w.say("alert_item", name=names, story=story))
    body = "\n".join(lines)
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": w.say("alert_header")}},
        {"type": "section", "text": {"type": "mrkdwn", "text": body[:3000]}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": w.say("alert_footer")}]},
    ]
    return {"text": f"{w.say('alert_header')}\n{body}"[:3000], "blocks": blocks}


class AlertSender:
    """Scans and sends alert DMs through a slack_sdk `WebClient`."""

    def __init__(
        self,
        store: Store,
        client: Any,
        *,
        gap: dt.timedelta = ALERT_GAP,
        clock: Callable[[], dt.datetime] | None = None,
        clients: Callable[[str], Any] | None = None,
    ) -> None:
        """`clients` gives each workspace's client (its own token); else `client` for all."""
        self.alerts = Alerts(store)
        self.client = client
        self.clients = clients or (lambda _team: client)
        self.gap = gap
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))

    def tick(self) -> int:
        """Scan new articles, then send every due DM; returns how many DMs were sent."""
        from slack_sdk.errors import SlackApiError

        self.alerts.scan()
        now = self.clock()
        sent = 0
        for r in self.alerts.due(now, self.gap)[:MAX_USERS_PER_TICK]:
            items = self.alerts.claim(r.team_id, r.user_id, now, self.gap)
            if not items:
                continue
            msg = alert_message(items)
            try:
                client = self.clients(r.team_id)
                dm = client.conversations_open(users=r.user_id)
                client.chat_postMessage(
                    channel=dm["channel"]["id"],
                    text=msg["text"],
                    blocks=msg["blocks"],
                    unfurl_links=False,
                    unfurl_media=False,
                )
                sent += 1
            except SlackApiError as exc:
                log.warning("alert DM to %s failed: %s", r.user_id, exc.response.get("error"))
            except Exception as exc:  # network: this DM is lost, the next one comes
                log.warning("alert DM to %s failed: %s", r.user_id, exc.__class__.__name__)
        return sent
