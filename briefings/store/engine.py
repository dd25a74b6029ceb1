"""Engine creation and automatic migrations."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from ..errors import StoreError

MIGRATIONS = Path(__file__).with_name("migrations")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets readers (slash commands) run while a digest or ingest writes.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def database_url_problem(url: str) -> str | None:
    """What is wrong with a database URL (for a settings error), or None."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return (
            "must be a SQLAlchemy URL such as sqlite:///data/briefbot.db "
            "or postgresql+psycopg://user@host/db"
        )
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        return "only sqlite and postgresql databases are supported"
    return None


def backend_of(url: str) -> str:
    """ "sqlite" or "postgresql" (what `database_url_problem` accepts)."""
    return make_url(url).get_backend_name()


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite files get their folder created and WAL switched on."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r}") from exc
    kwargs: dict[str, Any] = {"future": True}
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:" and not db.startswith("file:"):
            folder = Path(db).expanduser().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"cannot create the database folder {folder}: {exc.strerror}"
                ) from None
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    else:
        kwargs.update(pool_pre_ping=True, pool_size=5, max_overflow=10)
    try:
        engine = create_engine(parsed, **kwargs)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot use database {parsed.render_as_string()}: {exc}") from exc
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option(
        "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
    )
    return cfg


def _advisory_key(engine: Engine) -> int:
    """A 63-bit lock key for this database and schema (two deployments never contend)."""
    name = f"briefbot-migrate:{engine.url.database}:{engine.url.query.get('options', '')}"
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big") >> 1


def _sqlite_file(engine: Engine) -> Path | None:
    db = engine.url.database
    if not db or db == ":memory:" or db.startswith("file:"):
        return None
    return Path(db).expanduser()


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive flock on `path`, waited for (the kernel frees it when a holder dies)."""
    import fcntl

    with open(path, "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _migration_engine(engine: Engine) -> Engine:
    """For SQLite, an engine whose transactions really cover DDL: pysqlite runs
    CREATE TABLE outside any transaction, so a kill mid-migration would leave
    half a schema. `BEGIN IMMEDIATE` makes the whole upgrade one transaction."""
    if engine.dialect.name != "sqlite":
        return engine
    mig = create_engine(
        engine.url, connect_args={"check_same_thread": False, "timeout": 30}, poolclass=NullPool
    )

    @event.listens_for(mig, "connect")
    def _connect(dbapi_conn: Any, record: Any) -> None:
        _sqlite_pragmas(dbapi_conn, record)
        dbapi_conn.isolation_level = None  # SQLAlchemy's BEGIN below, not the driver's

    @event.listens_for(mig, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return mig


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (safe to run on every start).

    One transaction under a lock: a PostgreSQL advisory lock (transaction-level),
    or an flock on `<database>.migrate.lock` beside a SQLite file. Simultaneous
    first starts wait for each other; a start killed half-way leaves nothing
    behind, so the next start migrates from scratch.
    """
    from alembic import command

    cfg = alembic_config(engine)
    sqlite_file = _sqlite_file(engine) if engine.dialect.name == "sqlite" else None
    lock = (
        _file_lock(sqlite_file.with_name(sqlite_file.name + ".migrate.lock"))
        if sqlite_file is not None
        else nullcontext()
    )
    mig = _migration_engine(engine)
    try:
        with lock, mig.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _advisory_key(engine)})
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except SQLAlchemyError as exc:
        raise StoreError(
            f"could not migrate the database: {exc.__class__.__name__}: {exc}"
        ) from exc
    finally:
        if mig is not engine:
            mig.dispose()


def schema_current(engine: Engine) -> bool:
    """True when the database is reachable and at the newest revision (for /readyz)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    try:
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
    except SQLAlchemyError:
        return False
    return current == head
