"""The Slack side of digest delivery: chat.postMessage and a history check.

The client is built without slack_sdk's retry handlers: a blind retry after a
connection reset could post twice, and 429s must reach the rate limiter so
every thread backs off, not just the one that was told.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import urllib.error
from collections.abc import Sequence
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from briefings.render.slack_ids import METADATA_DIGEST

from .delivery import (
    GONE_ERRORS,
    CannotVerify,
    ChannelGone,
    PostRejected,
    PostUncertain,
    RateLimited,
)

log = logging.getLogger("briefbot.scheduler.slackpost")

# The history scopes (channels:history, groups:history) are optional: without them a
# stale claim is judged from the database record alone. Said once per process.
_history_warned = threading.Event()


def make_client(token: str, api_url: str, timeout: int = 15) -> WebClient:
    return WebClient(token=token, base_url=api_url, timeout=timeout, retry_handlers=[])


def _retry_after(err: SlackApiError) -> float:
    headers = getattr(err.response, "headers", {}) or {}
    value = None
    for k, v in dict(headers).items():
        if str(k).lower() == "retry-after":
            value = v[0] if isinstance(v, list) else v
    try:
        return max(0.0, float(value)) if value is not None else 1.0
    except ValueError:
        return 1.0


class SlackPoster:
    def __init__(self, client: WebClient) -> None:
        self.client = client

    def post(
        self,
        channel: str,
        text: str,
        blocks: Sequence[dict[str, Any]],
        *,
        marker: str,
        thread_ts: str | None = None,
    ) -> str:
        try:
            resp = self.client.chat_postMessage(
                channel=channel,
                thread_ts=thread_ts,
                text=text,
                blocks=list(blocks) or None,
                unfurl_links=False,
                unfurl_media=False,
                metadata={"event_type": METADATA_DIGEST, "event_payload": {"slot": marker}},
            )
        except SlackApiError as err:
            status = err.response.status_code
            if status == 429:
                raise RateLimited(_retry_after(err)) from err
            if status >= 500:
                raise PostUncertain(f"HTTP {status}") from err
            error = str(err.response.get("error") or f"HTTP {status}")
            if error in GONE_ERRORS:
                raise ChannelGone(error) from err
            raise PostRejected(error) from err
        except urllib.error.URLError as err:
            if isinstance(err.reason, ConnectionRefusedError):
                raise PostRejected("connection refused") from err
            raise PostUncertain(str(err.reason)) from err
        except (TimeoutError, ConnectionError, OSError) as err:
            raise PostUncertain(f"{err.__class__.__name__}: {err}") from err
        return str(resp["ts"])

    def find_marker(
        self, channel: str, marker: str, *, oldest: dt.datetime, thread_ts: str | None = None
    ) -> str | None:
        """Search the channel's history, or a thread's replies (which the history does
        not list), for our message carrying `marker`."""
        cursor: str | None = None
        try:
            for _ in range(10):
                if thread_ts:
                    resp = self.client.conversations_replies(
                        channel=channel,
                        ts=thread_ts,
                        include_all_metadata=True,
                        limit=200,
                        cursor=cursor,
                    )
                else:
                    resp = self.client.conversations_history(
                        channel=channel,
                        oldest=f"{oldest.timestamp():.6f}",
                        include_all_metadata=True,
                        limit=200,
                        cursor=cursor,
                    )
                for msg in resp.get("messages") or []:
                    meta = msg.get("metadata") or {}
                    payload = meta.get("event_payload") or {}
                    if meta.get("event_type") == METADATA_DIGEST and payload.get("slot") == marker:
                        return str(msg["ts"])
                cursor = (resp.get("response_metadata") or {}).get("next_cursor") or None
                if not cursor:
                    return None
        except SlackApiError as err:
            error = str(err.response.get("error") or "error")
            if error == "missing_scope" and not _history_warned.is_set():
                _history_warned.set()
                log.warning(
                    "no history scope (channels:history/groups:history): a digest claim "
                    "left by a crash is judged from the database record alone"
                )
            raise CannotVerify(error) from err
        except (urllib.error.URLError, OSError) as err:
            raise CannotVerify(str(err)) from err
        raise CannotVerify("history too long to search")
