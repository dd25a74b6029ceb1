"""The `briefbot` command end to end, as a user runs it (real processes, real files)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REPO, SEEDS, shared_path

BRIEFBOT = [sys.executable, "-m", "bot.cli"]


def run(
    args: list[str], tmp_path: Path, stdin: str = "", **env: str
) -> subprocess.CompletedProcess:
    full_env = {
        k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "BRIEFBOT_", "DATABASE"))
    }
    full_env.update({"DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "COLUMNS": "120", **env})
    return subprocess.run(
        BRIEFBOT + args,
        cwd=tmp_path,
        env=full_env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_ingest_twice_reports_nothing_new(tmp_path: Path) -> None:
    first = run(["ingest", str(SEEDS)], tmp_path)
    assert first.returncode == 0, first.stderr
    assert "1 new" in first.stdout and "0 failed" in first.stdout
    second = run(["ingest", str(SEEDS)], tmp_path)
    assert "0 new" in second.stdout and "1 unchanged" in second.stdout
    assert "(1 articles stored)" in second.stdout


def test_ingest_corpus_twice(tmp_path: Path) -> None:
    corpus = shared_path("corpus", "diplomacy")
    first = run(["ingest", str(corpus)], tmp_path)
    assert first.returncode == 0, first.stderr
    assert "80 new" in first.stdout
    second = run(["ingest", str(corpus)], tmp_path)
    assert "0 new" in second.stdout and "80 unchanged" in second.stdout
    assert "(80 articles stored)" in second.stdout


def test_partial_failure_names_the_bad_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text((SEEDS / "kelly-tokyo-2003.txt").read_text())
    (folder / "photo.txt").write_bytes(bytes(range(256)) * 40)
    res = run(["ingest", str(folder)], tmp_path)
    assert res.returncode == 1
    assert "photo.txt" in res.stderr and "binary" in res.stderr
    assert "1 new" in res.stdout and "1 failed" in res.stdout


def test_brief_json_writes_one_file_per_article(tmp_path: Path) -> None:
    out = tmp_path / "pred"
    res = run(["brief", "--json", "--out", str(out), str(SEEDS / "kelly-tokyo-2003.txt")], tmp_path)
    assert res.returncode == 0, res.stderr
    data = json.loads((out / "kelly-tokyo-2003.json").read_text())
    assert data["file"] == "kelly-tokyo-2003.txt"
    for key in ("officials", "meetings", "agreements", "next_stops"):
        assert isinstance(data[key], list)
    names = {o["name"] for o in data["officials"]}
    assert "James Kelly" in names


def test_bad_setting_stops_with_one_line(tmp_path: Path) -> None:
    res = run(["ingest", str(SEEDS)], tmp_path, BRIEFBOT_TIMEZONE="Nowhere/Land")
    assert res.returncode == 2
    assert res.stderr.strip().splitlines() == [
        "error: BRIEFBOT_TIMEZONE: unknown timezone 'Nowhere/Land' (use an IANA name such as "
        "Asia/Tokyo)"
    ]


def test_unreadable_path_is_reported(tmp_path: Path) -> None:
    res = run(["brief", str(tmp_path / "missing.txt")], tmp_path)
    assert res.returncode == 1 and "no such file" in res.stderr


@pytest.mark.parametrize("stdin", ["", "/brief Kelly\n"])
def test_console_mode(tmp_path: Path, stdin: str) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "kelly.txt").write_text((SEEDS / "kelly-tokyo-2003.txt").read_text())
    res = run(["run"], tmp_path, stdin=stdin)
    assert res.returncode == 0, res.stderr
    assert "1 new" in res.stdout
    assert "Kelly" in res.stdout  # the digest mentions the seed's story
    if stdin:
        answer = res.stdout.split("Ctrl-D quits.", 1)[1]
        assert "James Kelly" in answer and "Yabunaka" in answer


def test_make_targets_exist() -> None:
    text = (REPO / "Makefile").read_text()
    for target in ("run:", "test:", "lint:"):
        assert target in text


@pytest.mark.parametrize(
    ("env", "dotenv", "words"),
    [
        ({"BRIEFBOT_TIMEZONE": "Europe/" + "x" * 300}, None, "BRIEFBOT_TIMEZONE: unknown timezone"),
        ({"DATABASE_URL": "sqlite:////proc/briefbot/x.db"}, None, "cannot create the database"),
        ({"BRIEFBOT_CONSOLE_DIGEST_CRON": "every day"}, None, "BRIEFBOT_CONSOLE_DIGEST_CRON:"),
        ({}, b"PORT=\xff\xfe3000\n", ".env: cannot be read"),
    ],
)
def test_bad_settings_stop_with_one_line_and_exit_2(
    tmp_path: Path, env: dict[str, str], dotenv: bytes | None, words: str
) -> None:
    if dotenv is not None:
        (tmp_path / ".env").write_bytes(dotenv)
    res = run(["sources", "list"], tmp_path, **env)
    assert res.returncode == 2, res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0], lines


@pytest.mark.parametrize(
    "url",
    [
        "http://0x7f000001/feed.xml",
        "http://2130706433/feed.xml",
        "http://127.1/feed.xml",
        "http://0177.0.0.1/feed.xml",
        "http://{hostname}/feed.xml",
    ],
)
def test_sources_add_refuses_disguised_and_internal_hosts(tmp_path: Path, url: str) -> None:
    import socket

    hostname = socket.gethostname()
    try:
        resolved = socket.gethostbyname(hostname)
    except OSError:
        pytest.skip("this machine's name does not resolve")
    if "{hostname}" in url and not ipaddress_is_internal(resolved):
        pytest.skip("this machine's name resolves to a public address")
    res = run(["sources", "add", url.format(hostname=hostname)], tmp_path)
    assert res.returncode == 2, res.stdout
    assert "only public sites can be fetched" in res.stderr
    if "{hostname}" in url:
        assert resolved not in res.stderr  # a refusal never tells what a name resolves to
    listing = run(["sources", "list"], tmp_path)
    assert "No feeds yet" in listing.stdout or "no feeds yet" in listing.stdout


def ipaddress_is_internal(addr: str) -> bool:
    import ipaddress

    ip = ipaddress.ip_address(addr)
    return ip.is_private or ip.is_loopback


def test_json_logs(tmp_path: Path) -> None:
    res = run(["sources", "list"], tmp_path, LOG_LEVEL="DEBUG", BRIEFBOT_LOG_FORMAT="json")
    assert res.returncode == 0, res.stderr
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert lines, "expected DEBUG/INFO log lines"
    for ln in lines:
        rec = json.loads(ln)  # every log line is one JSON object
        assert {"time", "level", "logger", "message"} <= set(rec)
    assert any(json.loads(ln)["logger"].startswith("alembic") for ln in lines)


def test_ingest_with_an_article_over_a_million_characters_stores_everything(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    seed = (SEEDS / "kelly-tokyo-2003.txt").read_text(encoding="utf-8")
    for i in range(9):
        (folder / f"good{i}.txt").write_text(f"{seed}\nStory {i}.\n", encoding="utf-8")
    paras = [f"Paragraph {i}. {seed}" for i in range(1_000_001 // len(seed) + 2)]
    (folder / "huge.txt").write_text("\n\n".join(paras), encoding="utf-8")
    res = run(["ingest", str(folder)], tmp_path)
    assert res.returncode == 0, res.stderr
    assert "10 new, 0 updated, 0 unchanged, 0 failed (10 articles stored)" in res.stdout


def test_bot_token_alone_says_why_console_mode(tmp_path: Path) -> None:
    token = "xoxb-1234-secret-value"
    res = run(["run"], tmp_path, SLACK_BOT_TOKEN=token, BRIEFBOT_SEEDS=str(tmp_path / "none"))
    assert res.returncode == 0, res.stderr
    assert "SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN" in res.stderr
    assert "SLACK_SIGNING_SECRET" in res.stderr and "console mode" in res.stderr
    assert token not in res.stdout + res.stderr
    quiet = run(["run"], tmp_path, BRIEFBOT_SEEDS=str(tmp_path / "none"))
    assert "console mode" not in quiet.stderr


def test_markdown_without_front_matter_is_refused_by_name(tmp_path: Path) -> None:
    res = run(["ingest", str(REPO / "README.md")], tmp_path)
    assert res.returncode == 1
    assert "README.md" in res.stderr and "front matter" in res.stderr
    assert "0 new" in res.stdout and "1 failed" in res.stdout


def test_manifest_for_http_mode_fills_every_request_url(tmp_path: Path) -> None:
    import yaml

    res = run(
        ["manifest", "--http", "https://bot.example.org/"],
        tmp_path,
        BRIEFBOT_UNFURL_DOMAINS="bbc.co.uk, Reuters.com",
    )
    assert res.returncode == 0, res.stderr
    data = yaml.safe_load(res.stdout)
    url = "https://bot.example.org/slack/events"
    settings = data["settings"]
    assert data["features"]["slash_commands"][0]["url"] == url
    assert settings["event_subscriptions"]["request_url"] == url
    assert settings["interactivity"]["request_url"] == url
    assert settings["socket_mode_enabled"] is False
    assert data["features"]["unfurl_domains"] == ["bbc.co.uk", "reuters.com"]
    socket = yaml.safe_load(run(["manifest"], tmp_path).stdout)
    assert socket["settings"]["socket_mode_enabled"] is True
    assert "unfurl_domains" not in socket["features"]
    bad = run(["manifest", "--http", "http://insecure.example"], tmp_path)
    assert bad.returncode == 2 and "https" in bad.stderr


def test_ask_answers_as_one_channel_would(tmp_path: Path) -> None:
    """`briefbot ask` reads every article; with --team/--channel, what that channel sees."""
    from briefings.store import Store
    from briefings.store.visibility import Audience
    from tests.briefings.factories import article, meeting_extraction

    store = Store.open(f"sqlite:///{tmp_path / 'cli.db'}")
    art = article("a", "Ingrid Solberg and Mateo Fuentes met in Rome on Monday.")
    people = [("Ingrid Solberg", None), ("Mateo Fuentes", None)]
    store.save(art, meeting_extraction(art, people), Audience("T1", "CA", 1))
    store.close()
    assert "Ingrid Solberg" in run(["ask", "Ingrid Solberg"], tmp_path).stdout
    mine = run(["ask", "Ingrid Solberg", "--team", "T1", "--channel", "CA"], tmp_path)
    assert "Fuentes" in mine.stdout, mine.stderr
    other = run(["ask", "Ingrid Solberg", "--team", "T1", "--channel", "CB"], tmp_path)
    assert other.returncode == 0, other.stderr
    assert "Fuentes" not in other.stdout and "Rome" not in other.stdout
