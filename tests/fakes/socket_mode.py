"""A fake Socket Mode endpoint: the WebSocket URL that apps.connections.open returns.

    sm = FakeSocketMode().start()
    fake = FakeSlack(socket_url=sm.url).start()
    ... start the bot in Socket Mode against `fake` ...
    sm.wait_connected()
    eid = sm.send("slash_commands", {...})
    ack = sm.wait_ack(eid)          # {"envelope_id": eid, "payload": {...}?}

Every envelope must be acknowledged with its envelope_id; `unacked()` lists
those that were not, and `ack_latency(eid)` says how long the ack took.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve


class FakeSocketMode:
    def __init__(self) -> None:
        self.acks: dict[str, dict[str, Any]] = {}
        self.sent: dict[str, float] = {}
        self.ack_at: dict[str, float] = {}
        self.bad_frames: list[str] = []
        self.connections: list[ServerConnection] = []
        self.accepted = 0  # connections ever opened
        self._ids = itertools.count(1)
        self._cond = threading.Condition()
        self._server: Server | None = None

    def start(self) -> FakeSocketMode:
        self._server = serve(self._session, "127.0.0.1", 0)
        threading.Thread(target=self._server.serve_forever, name="fake-socket", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            for conn in list(self.connections):
                with contextlib.suppress(Exception):
                    conn.close()
            self._server.shutdown()

    @property
    def url(self) -> str:
        assert self._server is not None
        port = self._server.socket.getsockname()[1]
        return f"ws://127.0.0.1:{port}/link/?ticket=fake"

    def _session(self, conn: ServerConnection) -> None:
        with self._cond:
            self.connections.append(conn)
            self.accepted += 1
            self._cond.notify_all()
        conn.send(
            json.dumps(
                {
                    "type": "hello",
                    "num_connections": len(self.connections),
                    "debug_info": {"host": "fake", "approximate_connection_time": 3600},
                    "connection_info": {"app_id": "A0FAKE"},
                }
            )
        )
        try:
            for raw in conn:
                try:
                    msg = json.loads(raw)
                    eid = msg["envelope_id"]
                except (ValueError, KeyError, TypeError):
                    self.bad_frames.append(str(raw)[:200])
                    continue
                with self._cond:
                    self.acks[eid] = msg
                    self.ack_at[eid] = time.monotonic()
                    self._cond.notify_all()
        except ConnectionClosed:
            pass
        finally:
            with self._cond:
                if conn in self.connections:
                    self.connections.remove(conn)
                self._cond.notify_all()

    def wait_connected(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        with self._cond:
            while not self.connections:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError("the bot did not open a Socket Mode connection")
                self._cond.wait(left)

    def send(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        retry_attempt: int = 0,
        retry_reason: str = "",
    ) -> str:
        """Send an envelope ("slash_commands", "events_api", "interactive"); its id."""
        self.wait_connected()
        eid = f"env-{next(self._ids):06d}-{int(time.time() * 1000)}"
        envelope: dict[str, Any] = {
            "envelope_id": eid,
            "payload": payload,
            "type": kind,
            "accepts_response_payload": kind != "events_api",
        }
        if kind == "events_api":
            envelope["retry_attempt"] = retry_attempt
            envelope["retry_reason"] = retry_reason
        self.sent[eid] = time.monotonic()
        self.connections[-1].send(json.dumps(envelope))
        return eid

    def wait_ack(self, eid: str, timeout: float = 5.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while eid not in self.acks:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"envelope {eid} was not acknowledged in {timeout} s")
                self._cond.wait(left)
            return self.acks[eid]

    def ack_latency(self, eid: str) -> float:
        return self.ack_at[eid] - self.sent[eid]

    def unacked(self) -> list[str]:
        with self._cond:
            return [e for e in self.sent if e not in self.acks]
