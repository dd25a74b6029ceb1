"""Local stand-ins for Slack and for news sites: real servers on ephemeral ports."""

from .blockkit import blocks_errors, message_errors, view_errors
from .receiver import ResponseReceiver
from .slack_api import APP_TOKEN, BOT_TOKEN, TEAM_ID, Call, FakeSlack
from .socket_mode import FakeSocketMode
from .web import WebServer

__all__ = [
    "APP_TOKEN",
    "BOT_TOKEN",
    "TEAM_ID",
    "Call",
    "FakeSlack",
    "FakeSocketMode",
    "ResponseReceiver",
    "WebServer",
    "blocks_errors",
    "message_errors",
    "view_errors",
]
