"""A fake Slack Web API: a real HTTP server on an ephemeral port.

    fake = FakeSlack().start()          # fake.api_url -> "http://127.0.0.1:PORT/api/"
    ... point SLACK_API_URL at it ...
    fake.wait_for_calls("chat.postMessage", 1)

It checks the bearer token (bot token for everything, the app-level token for
apps.connections.open), records every call (`fake.calls`), validates Block Kit
limits and the `text` fallback of messages (invalid ones get `invalid_blocks` and
land in `fake.invalid`), and can be told to misbehave:

    fake.fail("chat.postMessage", status=429, retry_after=1)   # next call only
    fake.fail("chat.postMessage", status=500, times=2)
    fake.fail("chat.postMessage", error="channel_not_found")   # HTTP 200, ok=false
    fake.hang("chat.update", seconds=5)
    fake.channel_interval = 1.0        # 1 chat.postMessage per second per channel, else 429
    fake.workspace_per_minute = 50     # workspace-wide ceiling, else 429

Reusable by the scheduler tests: `posts(channel)`, `wait_for_posts(n)`, `rate_limited`.

Many workspaces (install by OAuth): `GET /oauth/v2/authorize?client_id=..&state=..
&redirect_uri=..&team=T1` answers like Slack once the user clicked Allow: a redirect to
`redirect_uri?code=..&state=..`; `oauth.v2.access` trades the code (with the app's
client id and secret) for a bot token of that team, and with `rotation = True` a
refresh token that expires in `expires_in` seconds (grant_type=refresh_token gives a
new pair and revokes the old token). Every bot token answers for its own team
(`auth.test`, and `Call.token` says which token made each call);
`fake.revoke(token)` makes it answer invalid_auth.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import math
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from .blockkit import message_errors, view_errors

BOT_TOKEN = "xoxb-fake-bot-token"
CLIENT_ID = "1111.2222"
CLIENT_SECRET = "fake-client-secret"
APP_TOKEN = "xapp-fake-app-token"
TEAM_ID = "T0FAKE"
BOT_USER_ID = "U0BOT"
BOT_ID = "B0BOT"
APP_ID = "A0FAKE"

MESSAGE_METHODS = {"chat.postMessage", "chat.postEphemeral", "chat.update"}
JSON_FIELDS = {"blocks", "attachments", "unfurls", "view", "metadata"}


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    token: str | None
    at: float
    status: int = 200
    response: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == 200 and bool(self.response.get("ok"))


@dataclass
class _Fault:
    status: int = 200
    retry_after: int | None = None
    error: str | None = None
    hang: float = 0.0


class FakeSlack:
    def __init__(
        self,
        *,
        bot_token: str = BOT_TOKEN,
        app_token: str = APP_TOKEN,
        team_id: str = TEAM_ID,
        socket_url: str | None = None,
    ) -> None:
        self.bot_token = bot_token
        self.app_token = app_token
        self.team_id = team_id
        self.socket_url = socket_url  # returned by apps.connections.open
        self.socket: Any = None  # the FakeSocketMode behind socket_url, when there is one
        self.calls: list[Call] = []
        self.invalid: list[tuple[str, list[str]]] = []
        self.rate_limited = 0
        self.channel_interval: float = 0.0
        self.workspace_per_minute: int | None = None
        self.channels: dict[str, dict[str, Any]] = {}
        # OAuth: every valid bot token -> its team; revoked ones; codes not yet traded.
        self.client_id, self.client_secret = CLIENT_ID, CLIENT_SECRET
        self.bot_tokens: dict[str, str] = {bot_token: team_id}
        self.refresh_tokens: dict[str, str] = {}  # refresh token -> team
        self.revoked: set[str] = set()
        self.codes: dict[str, dict[str, str]] = {}
        self.rotation = False
        self.expires_in = 43200
        self._tok = itertools.count(1)
        self.memberships: dict[str, list[str]] = {}  # user -> channels (users.conversations)
        self._faults: dict[str, deque[_Fault]] = {}
        self._last_post: dict[str, float] = {}
        self._window: deque[float] = deque()
        self._ts = itertools.count(1)
        self._cond = threading.Condition()
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------

    def start(self) -> FakeSlack:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                fake._handle(self)

            def do_POST(self) -> None:
                fake._handle(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="fake-slack", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.server_address[1])

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def reset(self) -> None:
        """Forget calls, faults and limits (between tests sharing one fake)."""
        with self._cond:
            self.calls.clear()
            self.invalid.clear()
            self._faults.clear()
            self._last_post.clear()
            self._window.clear()
            self.rate_limited = 0
            self.memberships.clear()
            self.channel_interval = 0.0
            self.workspace_per_minute = None

    # -- behaviour switches --------------------------------------------------

    def fail(
        self,
        method: str,
        *,
        status: int = 200,
        retry_after: int | None = None,
        error: str | None = None,
        times: int = 1,
    ) -> None:
        with self._cond:
            q = self._faults.setdefault(method, deque())
            for _ in range(times):
                q.append(_Fault(status=status, retry_after=retry_after, error=error))

    def hang(self, method: str, *, seconds: float = 30.0, times: int = 1) -> None:
        with self._cond:
            q = self._faults.setdefault(method, deque())
            for _ in range(times):
                q.append(_Fault(hang=seconds))

    def revoke(self, token: str) -> None:
        """The token stops working (calls answer invalid_auth), as after an uninstall."""
        with self._cond:
            self.revoked.add(token)

    def tokens_of(self, team_id: str) -> list[str]:
        """Bot tokens issued to a team, oldest first (the first is BOT_TOKEN's team's)."""
        with self._cond:
            return [t for t, team in self.bot_tokens.items() if team == team_id]

    def bot_user(self, token: str | None) -> str:
        team = self.bot_tokens.get(token or "", self.team_id)
        return BOT_USER_ID if team == self.team_id else f"UB{team}"

    # -- reading the record ----------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.method == method]

    def posts(self, channel: str | None = None) -> list[Call]:
        """Successful chat.postMessage calls (to one channel, when given)."""
        return [
            c
            for c in self.calls_to("chat.postMessage")
            if c.ok and (channel is None or c.params.get("channel") == channel)
        ]

    def wait_for_calls(
        self, method: str, n: int = 1, *, timeout: float = 10.0, ok_only: bool = True
    ) -> list[Call]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [c for c in self.calls if c.method == method and (c.ok or not ok_only)]
                if len(found) >= n:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"expected {n} {method} call(s) within {timeout} s, got {len(found)}: "
                        f"{[c.method for c in self.calls]}"
                    )
                self._cond.wait(left)

    def wait_for_posts(
        self, n: int, *, channel: str | None = None, timeout: float = 10.0
    ) -> list[Call]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [
                    c
                    for c in self.calls
                    if c.method == "chat.postMessage"
                    and c.ok
                    and (channel is None or c.params.get("channel") == channel)
                ]
                if len(found) >= n:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"expected {n} post(s), got {len(found)}")
                self._cond.wait(left)

    # -- request handling --------------------------------------------------------

    def _params(self, req: BaseHTTPRequestHandler) -> dict[str, Any]:
        parts = urlsplit(req.path)
        params: dict[str, Any] = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        length = int(req.headers.get("Content-Length") or 0)
        body = req.rfile.read(length) if length else b""
        ctype = (req.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if body:
            if ctype == "application/json":
                params.update(json.loads(body.decode("utf-8")))
            else:
                form = parse_qs(body.decode("utf-8"), keep_blank_values=True)
                params.update({k: v[-1] for k, v in form.items()})
        for key in JSON_FIELDS:
            if isinstance(params.get(key), str):
                with contextlib.suppress(ValueError):
                    params[key] = json.loads(params[key])
        return params

    def _send(
        self,
        req: BaseHTTPRequestHandler,
        status: int,
        body: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> None:
        data = json.dumps(body).encode("utf-8")
        try:
            req.send_response(status)
            req.send_header("Content-Type", "application/json; charset=utf-8")
            req.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                req.send_header(k, v)
            req.end_headers()
            req.wfile.write(data)
        except OSError:
            pass  # the client gave up (e.g. after a hang)

    def _authorize_page(self, req: BaseHTTPRequestHandler) -> None:
        """Slack's authorize page, as if the user chose a workspace and clicked Allow."""
        q = {k: v[-1] for k, v in parse_qs(urlsplit(req.path).query).items()}
        if q.get("client_id") != self.client_id or not q.get("redirect_uri"):
            self._send(req, 400, {"ok": False, "error": "invalid_client_id"})
            return
        code = f"code-{next(self._tok)}"
        team = q.get("team") or self.team_id
        with self._cond:
            self.codes[code] = {
                "team": team,
                "redirect_uri": q["redirect_uri"],
                "scope": q.get("scope", ""),
            }
        sep = "&" if "?" in q["redirect_uri"] else "?"
        query = urlencode({"code": code, "state": q.get("state", "")})
        location = f"{q['redirect_uri']}{sep}{query}"
        try:
            req.send_response(302)
            req.send_header("Location", location)
            req.send_header("Content-Length", "0")
            req.end_headers()
        except OSError:
            pass

    def _handle(self, req: BaseHTTPRequestHandler) -> None:
        path = urlsplit(req.path).path
        if path == "/oauth/v2/authorize":
            self._authorize_page(req)
            return
        if not path.startswith("/api/"):
            self._send(req, 404, {"ok": False, "error": "unknown_method"})
            return
        method = path[len("/api/") :]
        params = self._params(req)
        auth = req.headers.get("Authorization") or ""
        token = auth[len("Bearer ") :] if auth.startswith("Bearer ") else params.get("token")
        if auth.startswith("Basic "):  # oauth.v2.access: the app's client id and secret
            import base64

            pair = base64.b64decode(auth[len("Basic ") :]).decode()
            params.setdefault("client_id", pair.split(":", 1)[0])
            params.setdefault("client_secret", pair.split(":", 1)[-1])
            token = None
        call = Call(method=method, params=params, token=token, at=time.time())

        with self._cond:
            q = self._faults.get(method)
            fault = q.popleft() if q else None
        if fault is not None and fault.hang:
            self._stopping.wait(fault.hang)
            fault = None
            if self._stopping.is_set():
                return

        status, body, headers = self._answer(method, params, token, fault)
        call.status, call.response = status, body
        with self._cond:
            self.calls.append(call)
            self._cond.notify_all()
        self._send(req, status, body, headers)

    def _limited(self, channel: str) -> int | None:
        """Seconds to wait when a post to `channel` now would break a rate limit."""
        now = time.monotonic()
        if self.channel_interval:
            last = self._last_post.get(channel)
            if last is not None and now - last < self.channel_interval:
                return max(1, math.ceil(self.channel_interval - (now - last)))
        if self.workspace_per_minute:
            while self._window and now - self._window[0] >= 60:
                self._window.popleft()
            if len(self._window) >= self.workspace_per_minute:
                return max(1, math.ceil(60 - (now - self._window[0])))
        return None

    def _answer(
        self, method: str, params: dict[str, Any], token: str | None, fault: _Fault | None
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        if fault is not None and fault.status != 200:
            headers = {}
            if fault.retry_after is not None:
                headers["Retry-After"] = str(fault.retry_after)
            if fault.status == 429:
                self.rate_limited += 1
                return 429, {"ok": False, "error": "ratelimited"}, headers
            return fault.status, {"ok": False, "error": "fatal_error"}, headers
        if method == "oauth.v2.access":
            return self._oauth_access(params)
        if not token:
            return 200, {"ok": False, "error": "not_authed"}, {}
        if method == "apps.connections.open":
            valid = token == self.app_token
        else:
            valid = token in self.bot_tokens and token not in self.revoked
        if not valid:
            return 200, {"ok": False, "error": "invalid_auth"}, {}
        if fault is not None and fault.error:
            return 200, {"ok": False, "error": fault.error}, {}

        if method in MESSAGE_METHODS:
            errors = message_errors(params)
            if errors:
                self.invalid.append((method, errors))
                return 200, {"ok": False, "error": "invalid_blocks", "errors": errors}, {}
            if not params.get("channel"):
                return 200, {"ok": False, "error": "channel_not_found"}, {}
        handler = getattr(self, "_m_" + method.replace(".", "_"), None)
        if handler is None:
            return 200, {"ok": False, "error": "unknown_method"}, {}
        if method == "auth.test":
            return self._m_auth_test(params, token)
        return handler(params)

    def _next_ts(self) -> str:
        return f"{int(time.time())}.{next(self._ts):06d}"

    # -- methods -------------------------------------------------------------------

    def _issue(self, team: str) -> dict[str, Any]:
        """A new bot token for `team` (and a refresh token when rotation is on)."""
        n = next(self._tok)
        token = f"xoxb-{team}-{n}" if not self.rotation else f"xoxe.xoxb-{team}-{n}"
        out: dict[str, Any] = {"access_token": token}
        with self._cond:
            self.bot_tokens[token] = team
            if self.rotation:
                refresh = f"xoxe-1-{team}-{n}"
                self.refresh_tokens[refresh] = team
                out.update(refresh_token=refresh, expires_in=self.expires_in)
        return out

    def _oauth_access(self, p: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
        if p.get("client_id") != self.client_id or p.get("client_secret") != self.client_secret:
            return 200, {"ok": False, "error": "invalid_client_id"}, {}
        if p.get("grant_type") == "refresh_token":
            with self._cond:
                team = self.refresh_tokens.pop(str(p.get("refresh_token")), None)
                old = [t for t, tm in self.bot_tokens.items() if tm == team]
                self.revoked.update(old)
            if team is None:
                return 200, {"ok": False, "error": "invalid_refresh_token"}, {}
            issued = self._issue(team)
            return 200, {"ok": True, "token_type": "bot", "team": {"id": team}, **issued}, {}
        with self._cond:
            grant = self.codes.pop(str(p.get("code")), None)
        if grant is None:
            return 200, {"ok": False, "error": "invalid_code"}, {}
        if p.get("redirect_uri") and p.get("redirect_uri") != grant["redirect_uri"]:
            return 200, {"ok": False, "error": "bad_redirect_uri"}, {}
        team = grant["team"]
        issued = self._issue(team)
        body = {
            "ok": True,
            "token_type": "bot",
            "scope": grant["scope"],
            "bot_user_id": self.bot_user(issued["access_token"]),
            "app_id": APP_ID,
            "team": {"id": team, "name": f"Team {team}"},
            "enterprise": None,
            "is_enterprise_install": False,
            "authed_user": {"id": f"UINSTALLER{team}"},
            **issued,
        }
        return 200, body, {}

    def _m_auth_test(
        self, _p: dict[str, Any], token: str | None = None
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        team = self.bot_tokens.get(token or "", self.team_id)
        return (
            200,
            {
                "ok": True,
                "url": f"https://{team.lower()}.slack.test/",
                "team": f"Team {team}",
                "user": "briefbot",
                "team_id": team,
                "user_id": self.bot_user(token),
                "bot_id": BOT_ID if team == self.team_id else f"B{team}",
                "is_enterprise_install": False,
            },
            {},
        )

    def _m_chat_postMessage(self, p: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
        channel = str(p["channel"])
        with self._cond:
            wait = self._limited(channel)
            if wait is not None:
                self.rate_limited += 1
                return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(wait)}
            now = time.monotonic()
            self._last_post[channel] = now
            self._window.append(now)
        ts = self._next_ts()
        msg = {"type": "message", "user": BOT_USER_ID, "ts": ts, "text": p.get("text")}
        if "blocks" in p:
            msg["blocks"] = p["blocks"]
        if p.get("thread_ts"):
            msg["thread_ts"] = str(p["thread_ts"])
        return 200, {"ok": True, "channel": channel, "ts": ts, "message": msg}, {}

    def _m_chat_postEphemeral(
        self, p: dict[str, Any]
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        if not p.get("user"):
            return 200, {"ok": False, "error": "user_not_in_channel"}, {}
        return 200, {"ok": True, "message_ts": self._next_ts()}, {}

    def _m_chat_update(self, p: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
        if not p.get("ts"):
            return 200, {"ok": False, "error": "message_not_found"}, {}
        return 200, {"ok": True, "channel": p["channel"], "ts": p["ts"], "text": p.get("text")}, {}

    def _m_chat_unfurl(self, p: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
        unfurls = p.get("unfurls")
        if not isinstance(unfurls, dict) or not unfurls:
            return 200, {"ok": False, "error": "invalid_unfurls"}, {}
        errors: list[str] = []
        for url, att in unfurls.items():
            if isinstance(att, dict) and "blocks" in att:
                errors += [f"{url}: {e}" for e in message_errors(att, require_text=False)]
        if not (p.get("channel") and p.get("ts")) and not (p.get("unfurl_id") and p.get("source")):
            errors.append("needs channel+ts or unfurl_id+source")
        if errors:
            self.invalid.append(("chat.unfurl", errors))
            return 200, {"ok": False, "error": "invalid_blocks", "errors": errors}, {}
        return 200, {"ok": True}, {}

    def _m_views_publish(self, p: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
        if not p.get("user_id"):
            return 200, {"ok": False, "error": "invalid_arguments"}, {}
        errors = view_errors(p.get("view"))
        if errors:
            self.invalid.append(("views.publish", errors))
            return 200, {"ok": False, "error": "invalid_blocks", "errors": errors}, {}
        return 200, {"ok": True, "view": {"id": "V" + str(next(self._ts)), **p["view"]}}, {}

    def _m_views_open(self, p: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
        if not p.get("trigger_id"):
            return 200, {"ok": False, "error": "invalid_trigger_id"}, {}
        errors = view_errors(p.get("view"), kind="modal")
        if errors:
            self.invalid.append(("views.open", errors))
            return 200, {"ok": False, "error": "invalid_blocks", "errors": errors}, {}
        return 200, {"ok": True, "view": {"id": "V" + str(next(self._ts)), **p["view"]}}, {}

    def _m_conversations_open(
        self, p: dict[str, Any]
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        users = str(p.get("users") or "")
        if not users or "," in users:
            return 200, {"ok": False, "error": "users_list_not_supplied"}, {}
        return 200, {"ok": True, "channel": {"id": "D" + users.removeprefix("U")}}, {}

    def _m_users_conversations(
        self, p: dict[str, Any]
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        user = str(p.get("user") or "")
        chans = [{"id": c, "name": c.lower()} for c in self.memberships.get(user, [])]
        return 200, {"ok": True, "channels": chans, "response_metadata": {"next_cursor": ""}}, {}

    def _m_conversations_info(
        self, p: dict[str, Any]
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        cid = str(p.get("channel") or "")
        info = self.channels.get(cid)
        if info is None:
            if not cid.startswith(("C", "G")):
                return 200, {"ok": False, "error": "channel_not_found"}, {}
            info = {"id": cid, "name": cid.lower(), "is_channel": True, "is_private": False}
        return 200, {"ok": True, "channel": info}, {}

    def _m_apps_connections_open(
        self, _p: dict[str, Any]
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        if not self.socket_url:
            return 200, {"ok": False, "error": "socket_mode_not_enabled"}, {}
        return 200, {"ok": True, "url": self.socket_url}, {}
