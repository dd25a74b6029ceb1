"""App Home as a control panel, over real HTTP against the fake Slack, with the real
scheduler running (leader on a SQLite file): Unfollow, Settings -> modal, and the
modal's submission moving the digest's next fire time at once."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.context import AppContext
from bot.scheduler import start_scheduling
from bot.scheduler.service import SchedulerConfig, digest_job_id
from bot.slack.app import build_app, build_client
from bot.slack.http import HttpServer
from briefings.store.channels import Channels
from tests.fakes import FakeSlack, ResponseReceiver
from tests.fakes import slack_requests as sr

from .conftest import HttpDriver, make_context, make_settings

TEAM, USER = "T0FAKE", sr.USER_ID
MINE, OTHER = "C0MINE", "C0OTHER"


@pytest.fixture(scope="module")
def ctx(
    tmp_path_factory: pytest.TempPathFactory, fake_slack: FakeSlack, nlp: Any
) -> Iterator[AppContext]:
    db = tmp_path_factory.mktemp("home") / "briefbot.db"
    c = make_context(make_settings(fake_slack, db), nlp)
    svc = start_scheduling(c, config=SchedulerConfig(leader_retry_seconds=0.1))
    deadline = time.monotonic() + 10
    while svc._sched is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert svc.is_leader
    yield c
    c.close()


@pytest.fixture(scope="module")
def server(ctx: AppContext) -> Iterator[HttpServer]:
    app = build_app(ctx, client=build_client(ctx.settings, timeout=2))
    s = HttpServer(ctx, app, host="127.0.0.1", port=0).start()
    yield s
    s.stop()


@pytest.fixture
def home(
    server: HttpServer, slack_responses: ResponseReceiver, fake_slack: FakeSlack
) -> Iterator[HttpDriver]:
    fake_slack.reset()
    fake_slack.memberships[USER] = [MINE, "C0NOSUB"]
    driver = HttpDriver(server, slack_responses, fake_slack)
    yield driver
    driver.http.close()
    assert not fake_slack.invalid, fake_slack.invalid


def _accessories(view: dict[str, Any]) -> list[dict[str, Any]]:
    return [b["accessory"] for b in view["blocks"] if b.get("accessory")]


def _published(home: HttpDriver, n: int = 1) -> dict[str, Any]:
    calls = home.fake.wait_for_calls("views.publish", n)
    return dict(calls[-1].params["view"])


def _next_run(ctx: AppContext, channel: str) -> dt.datetime | None:
    job = ctx.scheduler._sched.get_job(digest_job_id(TEAM, channel))
    return None if job is None else job.next_run_time


def test_home_lists_follows_with_unfollow_and_my_channels_with_settings(
    home: HttpDriver, ctx: AppContext
) -> None:
    home.ask("subscribe daily 08:00", channel_id=MINE)
    home.ask("subscribe hourly", channel_id=OTHER)  # the user is not in this one
    home.ask("follow me Kelly", channel_id=MINE)
    home.event(sr.home_opened(USER))
    view = _published(home)
    buttons = {(b["action_id"], b["value"]) for b in _accessories(view)}
    assert ("unfollow_official", "James Kelly") in buttons
    assert ("digest_settings", MINE) in buttons
    assert all(v != OTHER for _, v in buttons)
    unfollow = next(b for b in _accessories(view) if b["action_id"] == "unfollow_official")
    assert unfollow["accessibility_label"] == "Unfollow James Kelly"
    # Unfollow from the Home tab: the follow is gone and the tab is published again.
    home.action("unfollow_official", "James Kelly", container="view")
    view = _published(home, 2)
    assert Channels(ctx.store).follows(TEAM, "user", USER) == []
    assert all(b["action_id"] != "unfollow_official" for b in _accessories(view))


def _submit(home: HttpDriver, modal: dict[str, Any], **inputs: Any) -> Any:
    values: dict[str, dict[str, dict[str, Any]]] = {}
    for block, value in inputs.items():
        if block == "options":
            sel = [{"text": {"type": "plain_text", "text": v}, "value": v} for v in value]
            values[block] = {block: {"type": "checkboxes", "selected_options": sel}}
        else:
            values[block] = {block: {"type": "plain_text_input", "value": value}}
    return home.interactive(sr.view_submission(modal, values))


def test_settings_modal_changes_the_schedule_at_once(
    home: HttpDriver, ctx: AppContext, site: Any
) -> None:
    home.ask("subscribe daily 08:00", channel_id=MINE)
    before = _next_run(ctx, MINE)
    assert before is not None and before.astimezone(ZoneInfo("UTC")).hour == 8
    home.action("digest_settings", MINE, container="view")
    (opened,) = home.fake.wait_for_calls("views.open", 1)
    modal = opened.params["view"]
    assert modal["type"] == "modal" and modal["private_metadata"] == MINE
    initial = {
        b["block_id"]: b["element"].get("initial_value")
        for b in modal["blocks"]
        if b["type"] == "input"
    }
    assert initial["schedule"] == "daily 08:00" and initial["timezone"] == "UTC"

    # A bad schedule: the error is shown in the modal, nothing changes.
    bad = _submit(home, modal, schedule="fortnightly", timezone="UTC")
    assert bad.status == 200
    assert json.loads(bad.body)["response_action"] == "errors"
    assert "schedule" in json.loads(bad.body)["errors"]
    assert _next_run(ctx, MINE) == before

    feed = site.url("/feed.xml")
    ok = _submit(
        home,
        modal,
        schedule="weekdays 07:30",
        timezone="Asia/Tokyo",
        keywords="nuclear, Korea",
        followed="James Kelly",
        feeds=feed,
        options=["flat", "only_followed"],
    )
    assert ok.status == 200 and ok.body in ("", "null")
    deadline = time.monotonic() + 5
    while _next_run(ctx, MINE) == before and time.monotonic() < deadline:
        time.sleep(0.05)
    after = _next_run(ctx, MINE)
    assert after is not None and after != before
    local = after.astimezone(ZoneInfo("Asia/Tokyo"))
    assert (local.hour, local.minute) == (7, 30) and local.weekday() < 5
    sub = Channels(ctx.store).subscription(TEAM, MINE)
    assert sub is not None
    assert (sub.cron, sub.timezone) == ("30 7 * * 1-5", "Asia/Tokyo")
    assert sub.keywords == ("nuclear", "Korea")
    assert sub.flat and sub.only_followed and not sub.paused
    assert [f.name for f in Channels(ctx.store).follows(TEAM, "channel", MINE)] == ["James Kelly"]
    assert [f.url for f in Channels(ctx.store).feeds(TEAM, MINE)] == [feed]
    home.fake.wait_for_calls("views.publish", 1)  # the Home tab shows the new settings

    # Paused: the job is gone; resumed: it is back.
    _submit(home, modal, schedule="weekdays 07:30", timezone="Asia/Tokyo", options=["paused"])
    deadline = time.monotonic() + 5
    while _next_run(ctx, MINE) is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _next_run(ctx, MINE) is None
    assert Channels(ctx.store).feeds(TEAM, MINE) == []  # emptied in the modal
    _submit(home, modal, schedule="hourly", timezone="UTC")
    deadline = time.monotonic() + 5
    while _next_run(ctx, MINE) is None and time.monotonic() < deadline:
        time.sleep(0.05)
    resumed = _next_run(ctx, MINE)
    assert resumed is not None and resumed.minute == 0
