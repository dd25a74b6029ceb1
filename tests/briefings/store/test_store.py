from pathlib import Path

from sqlalchemy import inspect, select

from briefings.models import (
    Agreement,
    Article,
    Evidence,
    Extraction,
    Itinerary,
    Meeting,
    Official,
    Stop,
)
from briefings.store import SaveOutcome, Store
from briefings.store.engine import MIGRATIONS
from briefings.store.schema import Base, MeetingParticipantRow, OfficialRow, StopRow

EV = Evidence("Kelly met Abe in Tokyo.", 0, 23)


def _extraction(article_id: str, version: str = "v1") -> Extraction:
    return Extraction(
        article_id=article_id,
        extractor_version=version,
        officials=(
            Official("James Kelly", "Assistant Secretary of State", "U.S.", ("Kelly", "Mr Kelly")),
            Official("Shinzo Abe", "secretary general", None, ("Abe",)),
        ),
        meetings=(Meeting(("James Kelly", "Shinzo Abe"), "held", "Tokyo", "Monday", None, (EV,)),),
        agreements=(Agreement(("Kelly", "Abe"), "agreed", "take up the issue", (EV,)),),
        next_stops=(Itinerary("James Kelly", (Stop("China", "Tuesday"), Stop("Washington"))),),
    )


ART = Article(id="a1", title="Kelly in Tokyo", text="Kelly met Abe in Tokyo. He goes to China.")


def test_migrations_create_every_table_from_empty(db_url: str) -> None:
    store = Store.open(db_url)
    tables = set(inspect(store.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables
    Store.open(db_url).close()  # migrating again is a no-op
    store.close()


def test_single_alembic_head() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert len(ScriptDirectory.from_config(cfg).get_heads()) == 1


def test_save_is_idempotent_and_facts_are_queryable(db_url: str) -> None:
    store = Store.open(db_url)
    outcome, aid = store.save(ART, _extraction("a1"))
    assert outcome is SaveOutcome.NEW
    assert store.save(ART, _extraction("a1")) == (SaveOutcome.UNCHANGED, aid)
    assert store.classify(ART, "v1") is SaveOutcome.UNCHANGED
    assert store.count_articles() == 1
    with store.session() as s:
        kelly = s.scalar(select(OfficialRow).where(OfficialRow.key == "james kelly"))
        assert kelly is not None and kelly.title == "Assistant Secretary of State"
        parts = s.scalars(
            select(MeetingParticipantRow.official_id).order_by(MeetingParticipantRow.position)
        ).all()
        assert parts[0] == kelly.id and parts[1] is not None
        stops = s.scalars(select(StopRow.place).order_by(StopRow.seq)).all()
        assert stops == ["China", "Washington"]
    store.close()


def test_changed_text_or_newer_extractor_replaces_facts(db_url: str) -> None:
    store = Store.open(db_url)
    _, aid = store.save(ART, _extraction("a1"))
    assert store.classify(ART, "v2") is SaveOutcome.UPDATED
    outcome, aid2 = store.save(ART, _extraction("a1", "v2"))
    assert (outcome, aid2) == (SaveOutcome.UPDATED, aid)
    with store.session() as s:
        assert len(s.scalars(select(StopRow)).all()) == 2  # replaced, not duplicated
    got = store.get_article(aid)
    assert got is not None and got[1] is not None and got[1].extractor_version == "v2"
    store.close()


def test_dedupe_by_url_and_by_text(db_url: str) -> None:
    store = Store.open(db_url)
    a = Article(id="u", title="t", text="Same words here.", url="https://x.org/a?utm_source=tw")
    b = Article(id="u2", title="t", text="Same words here.", url="https://x.org/a")
    assert store.save(a, _extraction("u"))[0] is SaveOutcome.NEW
    assert store.save(b, _extraction("u"))[0] is SaveOutcome.UNCHANGED
    c = Article(id="c", title="t", text="Other text.\n")
    d = Article(id="d", title="t", text="  other   TEXT. ")
    assert store.save(c, _extraction("c"))[0] is SaveOutcome.NEW
    assert store.save(d, _extraction("c"))[0] is SaveOutcome.UNCHANGED
    assert store.count_articles() == 2
    store.close()


def test_sqlite_file_uses_wal(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sub' / 'x.db'}"
    store = Store.open(url)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert (tmp_path / "sub" / "x.db").exists()
    store.close()


def test_an_official_reached_by_a_name_mapped_elsewhere_is_linked_once(db_url: str) -> None:
    """'Kelly' already maps to James Kelly in this article but resolves to the stored
    'Kelly'; a third name resolving there too must not link that row twice."""
    store = Store.open(db_url)
    store.save(
        Article(id="p", title="p", text="earlier"),
        Extraction("p", "v1", officials=(Official("Kelly"), Official("Ann Kelly"))),
    )
    ex = Extraction(
        "a",
        "v1",
        officials=(
            Official("James Kelly", aliases=("Kelly",)),
            Official("Kelly"),
            Official("Ann Kelly"),
        ),
    )
    outcome, _ = store.save(Article(id="a", title="a", text="Kelly, Kelly and Kelly."), ex)
    assert outcome is SaveOutcome.NEW
    store.close()


def test_migrations_build_the_indexes_the_models_declare(db_url: str) -> None:
    """The Alembic chain and schema.py agree on every index (reads rely on them)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    store = Store.open(db_url)
    try:
        with store.engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        index_diffs = [d for d in diffs if isinstance(d, tuple) and "index" in d[0]]
        assert index_diffs == []
        names = {i["name"] for i in inspect(store.engine).get_indexes("officials")}
        assert "ix_officials_last_seen" in names
    finally:
        store.close()


def test_index_signature_moves_with_every_official_change(db_url: str) -> None:
    from briefings.store.queries import index_signature

    store = Store.open(db_url)
    try:
        empty = index_signature(store)
        store.save(ART, _extraction("a1"))
        first = index_signature(store)
        assert first != empty
        other = Article(id="a2", title="Kelly again", text="Kelly met Abe in Seoul.")
        store.save(other, _extraction("a2"))  # the same officials, seen again
        assert index_signature(store) != first
    finally:
        store.close()
