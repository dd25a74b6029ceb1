"""Typed settings, built once at start-up from the environment and `.env`.

Every variable is mirrored, with a comment, in `.env.example`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from briefings.errors import BriefingError

DEFAULT_DB = "sqlite:///data/briefbot.db"


class SettingsError(BriefingError):
    """A setting has a bad value; the message names the variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    # OAuth (multi-workspace HTTP mode): set these three with SLACK_SIGNING_SECRET and
    # no SLACK_BOT_TOKEN; each workspace's bot token comes from its installation.
    slack_client_id: str | None = None
    slack_client_secret: SecretStr | None = None
    slack_redirect_uri: str | None = None
    slack_authorize_url: str = "https://slack.com/oauth/v2/authorize"
    database_url: str = DEFAULT_DB
    briefbot_timezone: str = "UTC"
    briefbot_seeds: Path = Path("seeds")
    port: int = Field(default=3000, ge=1, le=65535)
    host: str = "0.0.0.0"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    briefbot_log_format: Literal["text", "json"] = "text"
    briefbot_allow_private_hosts: bool = False
    briefbot_unfurl_domains: str = ""
    briefbot_console_digest_cron: str = "* * * * *"
    briefbot_workspace_posts_per_minute: int = Field(default=50, ge=1)
    briefbot_fetch_timeout: float = Field(default=10.0, gt=0)
    briefbot_max_page_bytes: int = Field(default=5 * 1024 * 1024, ge=1024)
    briefbot_workers: int = Field(default=2, ge=1, le=64)
    briefbot_extract_seconds: float = Field(default=60.0, gt=0)
    briefbot_extract_memory_mb: int = Field(default=1024, ge=256)
    briefbot_extract_workers: int = Field(default=0, ge=0, le=64)  # 0: one per core

    @field_validator("slack_api_url")
    @classmethod
    def _url(cls, v: str) -> str:
        p = urlparse(v)
        if p.scheme not in ("http", "https") or not p.netloc:
            raise ValueError("must be an http(s) URL such as https://slack.com/api/")
        return v if v.endswith("/") else v + "/"

    @field_validator("slack_authorize_url")
    @classmethod
    def _authorize_url(cls, v: str) -> str:
        p = urlparse(v)
        if p.scheme not in ("http", "https") or not p.netloc:
            raise ValueError("must be an http(s) URL such as https://slack.com/oauth/v2/authorize")
        return v

    @field_validator("slack_redirect_uri")
    @classmethod
    def _redirect_uri(cls, v: str | None) -> str | None:
        if v is None:
            return v
        p = urlparse(v)
        # The bot serves the end of an install at this one path (bot.manifest.REDIRECT_PATH).
        if p.scheme not in ("http", "https") or not p.netloc or p.path != "/slack/oauth_redirect":
            raise ValueError(
                "must be the bot's public URL ending in /slack/oauth_redirect, such as "
                "https://bot.example.org/slack/oauth_redirect"
            )
        return v

    @field_validator("database_url")
    @classmethod
    def _db(cls, v: str) -> str:
        if v == DEFAULT_DB:
            # Valid (a test checks it): the store package, SQLAlchemy and a third of a
            # second, is imported only for another URL. `briefbot brief` never opens it.
            return v
        from briefings.store.engine import database_url_problem

        problem = database_url_problem(v)
        if problem:
            raise ValueError(problem)
        return v

    @field_validator("briefbot_timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: name too long
            raise ValueError(
                f"unknown timezone {v!r} (use an IANA name such as Asia/Tokyo)"
            ) from None
        return v

    @field_validator("briefbot_console_digest_cron")
    @classmethod
    def _cron(cls, v: str) -> str:
        from apscheduler.triggers.cron import CronTrigger

        try:
            CronTrigger.from_crontab(v)
        except (ValueError, TypeError, KeyError) as exc:
            raise ValueError(f"not a cron expression ({exc})") from None
        return v

    @property
    def oauth(self) -> bool:
        """Install by OAuth (many workspaces, HTTP mode): client id, client secret and
        signing secret set, and no single-workspace SLACK_BOT_TOKEN."""
        return bool(
            self.slack_client_id
            and self.slack_client_secret
            and self.slack_signing_secret
            and not self.slack_bot_token
        )

    @property
    def mode(self) -> Literal["socket", "http", "console"]:
        if self.slack_bot_token and self.slack_app_token:
            return "socket"
        if self.slack_bot_token and self.slack_signing_secret:
            return "http"
        if self.oauth:
            return "http"
        return "console"

    @property
    def console_reason(self) -> str | None:
        """Why the bot runs in console mode although some Slack setting is present
        (a half-configured deployment must not look like a working one), else None."""
        if self.mode != "console":
            return None
        if self.slack_bot_token:
            return (
                "SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) "
                "nor SLACK_SIGNING_SECRET (HTTP mode) is"
            )
        oauth = {
            "SLACK_CLIENT_ID": self.slack_client_id,
            "SLACK_CLIENT_SECRET": self.slack_client_secret,
            "SLACK_SIGNING_SECRET": self.slack_signing_secret,
        }
        if self.slack_client_id or self.slack_client_secret:
            missing = ", ".join(k for k, v in oauth.items() if not v)
            return f"install by OAuth needs {missing} as well"
        if self.slack_app_token or self.slack_signing_secret:
            which = "SLACK_APP_TOKEN" if self.slack_app_token else "SLACK_SIGNING_SECRET"
            return f"{which} is set but SLACK_BOT_TOKEN is not"
        return None

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.briefbot_timezone)

    @property
    def unfurl_domains(self) -> tuple[str, ...]:
        return tuple(
            d.strip().lower() for d in self.briefbot_unfurl_domains.split(",") if d.strip()
        )


def load_settings(env_file: str | Path | None = ".env", **overrides: Any) -> Settings:
    """Settings from the environment (and `.env`); one clear line per bad variable."""
    try:
        return Settings(_env_file=env_file, **overrides)  # type: ignore[call-arg]
    except (UnicodeDecodeError, OSError) as exc:
        raise SettingsError(
            f"{env_file}: cannot be read ({exc.__class__.__name__}: {exc})"
        ) from None
    except ValidationError as exc:
        err = exc.errors()[0]
        var = str(err["loc"][0]).upper() if err.get("loc") else "settings"
        msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
        raise SettingsError(f"{var}: {msg}") from None
