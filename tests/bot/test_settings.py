import pytest

from bot.settings import DEFAULT_DB, SettingsError, load_settings

SLACK_VARS = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_CLIENT_ID",
    "SLACK_CLIENT_SECRET",
    "SLACK_REDIRECT_URI",
    "SLACK_AUTHORIZE_URL",
)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in (*SLACK_VARS, "DATABASE_URL", "BRIEFBOT_TIMEZONE", "SLACK_API_URL", "PORT"):
        monkeypatch.delenv(var, raising=False)


def test_defaults_mean_console_mode_on_sqlite() -> None:
    s = load_settings(None)
    assert s.mode == "console"
    assert s.database_url == DEFAULT_DB
    assert s.slack_api_url == "https://slack.com/api/"
    assert str(s.timezone) == "UTC"


def test_the_default_database_url_is_one_the_store_accepts() -> None:
    """The settings take the default without asking the store (no SQLAlchemy import
    for `brief`): it must be a URL the store's own check accepts."""
    from briefings.store.engine import database_url_problem

    assert database_url_problem(DEFAULT_DB) is None


@pytest.mark.parametrize(
    ("var", "value", "words"),
    [
        ("BRIEFBOT_TIMEZONE", "Mars/Olympus", "unknown timezone"),
        ("DATABASE_URL", "not a url", "SQLAlchemy URL"),
        ("DATABASE_URL", "mysql://x/y", "only sqlite and postgresql"),
        ("SLACK_API_URL", "ftp://slack", "http(s) URL"),
        ("PORT", "70000", "less than or equal"),
        ("SLACK_REDIRECT_URI", "https://bot.example.org/callback", "/slack/oauth_redirect"),
        ("SLACK_AUTHORIZE_URL", "slack.com/oauth", "http(s) URL"),
    ],
)
def test_bad_value_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, var: str, value: str, words: str
) -> None:
    monkeypatch.setenv(var, value)
    with pytest.raises(SettingsError) as exc:
        load_settings(None)
    msg = str(exc.value)
    assert msg.startswith(f"{var}:") and words in msg and "\n" not in msg


def test_modes_follow_the_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s3cret")
    assert load_settings(None).mode == "http"
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-1")
    s = load_settings(None)
    assert s.mode == "socket"
    assert "xoxb-1" not in repr(s) and "s3cret" not in str(s)  # secrets never printed


def test_env_file_is_read_and_environment_wins(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    env = tmp_path / ".env"
    env.write_text("BRIEFBOT_TIMEZONE=Asia/Tokyo\nPORT=4000\n")
    monkeypatch.setenv("PORT", "5000")
    s = load_settings(env)
    assert s.briefbot_timezone == "Asia/Tokyo" and s.port == 5000


def test_oauth_mode_needs_client_id_secret_and_signing_secret_and_no_bot_token(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SLACK_CLIENT_ID", "1.2")
    monkeypatch.setenv("SLACK_CLIENT_SECRET", "s")
    half = load_settings(None)
    assert half.mode == "console" and not half.oauth
    assert half.console_reason is not None and "SLACK_SIGNING_SECRET" in half.console_reason
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "x")
    s = load_settings(None)
    assert s.oauth and s.mode == "http"
    assert s.slack_authorize_url == "https://slack.com/oauth/v2/authorize"
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")  # a token: single-workspace mode as before
    token = load_settings(None)
    assert not token.oauth and token.mode == "http"


def test_env_example_lists_every_setting() -> None:
    from pathlib import Path

    from bot.settings import Settings

    text = (Path(__file__).resolve().parents[2] / ".env.example").read_text(encoding="utf-8")
    listed = {
        line.split("=", 1)[0] for line in text.splitlines() if "=" in line and line[0].isupper()
    }
    missing = {name.upper() for name in Settings.model_fields} - listed
    assert missing == set()
