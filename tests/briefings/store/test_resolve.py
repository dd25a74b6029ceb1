"""Cross-article resolution of officials: one person under many forms, namesakes apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from briefings.dossier import Candidates, Dossier, lookup
from briefings.models import Article, Evidence, Extraction, Official
from briefings.people import first_names_compatible, name_key, surname
from briefings.store import Store
from briefings.store.schema import OfficialRow
from tests.briefings.factories import article
from tests.support import shared_path


def _officials(store: Store, surname_: str) -> list[str]:
    with store.session() as s:
        return sorted(s.scalars(select(OfficialRow.name).where(OfficialRow.surname == surname_)))


def _save(store: Store, art: Article, *officials: Official) -> int:
    ev = (Evidence(art.text[:50], 0, min(50, len(art.text))),)
    offs = tuple(Official(o.name, o.title, o.affiliation, o.aliases, ev) for o in officials)
    return store.save(art, Extraction(art.id, "test", offs))[1]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("U.S. Assistant Secretary of State James Kelly", "james kelly"),
        ("Mr Kelly", "kelly"),
        ("Mr. José Pérez", "jose perez"),
        ("Foreign Minister Yoriko Kawaguchi", "yoriko kawaguchi"),
        ("Australia's PM John Howard", "john howard"),
        ("Sir Ian Blair", "ian blair"),
        ("Martin Luther King", "martin luther king"),
        ("King", "king"),
    ],
)
def test_name_key(name: str, key: str) -> None:
    assert name_key(name) == key
    assert surname(name) == key.split()[-1]


def test_first_names_compatible() -> None:
    assert first_names_compatible("james kelly", "kelly")
    assert first_names_compatible("j kelly", "james kelly")
    assert first_names_compatible("george w bush", "george bush")
    assert not first_names_compatible("james kelly", "john kelly")
    assert not first_names_compatible("james kelly", "james kelley")


FORMS = ["Kelly", "Mr Kelly", "James Kelly", "U.S. Assistant Secretary of State James Kelly"]


@pytest.mark.parametrize("order", [FORMS, list(reversed(FORMS))], ids=["bare-first", "full-first"])
def test_kelly_forms_are_one_official(db_url: str, order: list[str]) -> None:
    store = Store.open(db_url)
    for i, form in enumerate(order):
        art = article(f"k{i}", f"Article {i}: {form} held talks in Tokyo today.")
        _save(store, art, Official(form))
    assert len(_officials(store, "kelly")) == 1
    ids = set()
    for form in [*FORMS, "kelly", "KELLY", "james kelly"]:
        ans = lookup(store, form)
        assert isinstance(ans, Dossier), (form, ans)
        ids.add(ans.official.id)
    assert len(ids) == 1
    assert lookup(store, "Kelly").official.name == "James Kelly"  # type: ignore[union-attr]
    store.close()


def test_different_first_names_stay_apart(db_url: str) -> None:
    store = Store.open(db_url)
    _save(store, article("a", "James Kelly met officials."), Official("James Kelly", "diplomat"))
    _save(store, article("b", "John Kelly met officials."), Official("John Kelly", "general"))
    _save(store, article("c", "J. Kelly spoke."), Official("James A. Kelly"))
    assert _officials(store, "kelly") == ["James A. Kelly", "John Kelly"]
    ans = lookup(store, "Kelly")
    assert isinstance(ans, Candidates)
    assert {c.name for c in ans.candidates} == {"James A. Kelly", "John Kelly"}
    assert {c.title for c in ans.candidates} == {"diplomat", "general"}
    store.close()


# -- real corpus articles: two Howards, two Blairs ------------------------------------


@pytest.fixture(scope="module")
def bbc() -> dict[str, Article]:
    path = shared_path("corpus", "bbc-news-2004-2005.jsonl")
    wanted = {
        "bbc:politics/104",
        "bbc:politics/212",
        "bbc:politics/379",
        "bbc:politics/070",
        "bbc:politics/216",
        "bbc:politics/184",
    }
    out: dict[str, Article] = {}
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d["id"] in wanted:
                out[d["id"]] = Article(
                    id=d["id"], title=d["title"], text=d["text"], source=d["source"], origin=d["id"]
                )
    assert set(out) == wanted
    return out


@pytest.mark.corpus
def test_namesakes_from_the_corpus_with_hand_built_facts(db_url: str, bbc) -> None:  # type: ignore[no-untyped-def]
    """Michael Howard (Tory leader) and John Howard (Australian PM) stay apart; a bare
    "Mr Howard" goes to whoever the article's title and co-mentions point at."""
    store = Store.open(db_url)
    a104, a212, a379, a070 = (bbc[f"bbc:politics/{n}"] for n in ("104", "212", "379", "070"))
    assert "Michael Howard" in a104.text and "John Howard" in a104.text
    _save(
        store,
        a104,
        Official("Michael Howard", "Conservative leader"),
        Official("John Howard", "Australia's Prime Minister", "Australia"),
        Official("Charles Kennedy", "Liberal Democrat leader"),
        Official("Tony Blair", "Prime Minister"),
    )
    _save(
        store,
        a379,
        Official("Michael Howard", "Tory leader"),
        Official("Charles Kennedy", "Liberal Democrat leader"),
        Official("Ian Blair", "Metropolitan Police Commissioner"),
    )
    assert _officials(store, "howard") == ["John Howard", "Michael Howard"]
    assert _officials(store, "blair") == ["Ian Blair", "Tony Blair"]
    # 212 names "Australia's PM, John Howard" and, as "Mr Howard", the Tory leader.
    _save(
        store,
        a212,
        Official("Michael Howard", None, None, ("Mr Howard",)),
        Official("John Howard", "Australia's PM", "Australia"),
        Official("Lynton Crosby", "campaign director"),
    )
    # 070, as an extractor that missed the full name would give it: "Mr Howard" only,
    # next to Sir Ian Blair and Charles Clarke. Co-mentions settle it: the Tory leader.
    assert "Mr Howard" in a070.text
    _save(
        store,
        a070,
        Official("Mr Howard"),
        Official("Ian Blair", "Metropolitan Police Commissioner"),
        Official("Charles Clarke", "Home Secretary"),
    )
    # A bare "Howard" titled like the Australian PM goes to John Howard.
    _save(
        store,
        article("au", "Howard, the Australian Prime Minister, spoke in Canberra."),
        Official("Howard", "Australian Prime Minister", "Australia"),
    )
    assert _officials(store, "howard") == ["John Howard", "Michael Howard"]
    john = lookup(store, "John Howard")
    michael = lookup(store, "michael howard")
    assert isinstance(john, Dossier) and isinstance(michael, Dossier)
    assert john.official.id != michael.official.id
    assert john.articles == 3 and michael.articles == 4
    assert john.title and "Australia" in john.title
    store.close()


@pytest.mark.corpus
def test_namesakes_from_the_corpus_with_the_real_extractor(  # type: ignore[no-untyped-def]
    sqlite_url: str, bbc, extractor
) -> None:
    """Whatever full names the extractor finds, people sharing a surname with different
    first names end up as different officials, each reachable by name."""
    store = Store.open(sqlite_url)
    arts = list(bbc.values())
    found: dict[str, set[str]] = {}
    for art, ex in zip(arts, extractor.extract_many(arts), strict=True):
        store.save(art, ex)
        for off in ex.officials:
            key = name_key(off.name)
            if len(key.split()) > 1:
                found.setdefault(surname(off.name), set()).add(key)
    namesakes = {
        sur: keys
        for sur, keys in found.items()
        if any(not first_names_compatible(a, b) for a in keys for b in keys)
    }
    if not namesakes:
        pytest.skip("the extractor found no two people sharing a surname in these articles")
    for sur, keys in namesakes.items():
        stored = {name_key(n) for n in _officials(store, sur)}
        for key in keys:
            assert any(first_names_compatible(key, k) and len(k.split()) > 1 for k in stored)
        answers = {k: lookup(store, k) for k in keys}
        for k, ans in answers.items():
            assert isinstance(ans, Dossier), (k, ans)
            assert first_names_compatible(k, name_key(ans.official.name)), (k, ans.official)
        ids = {a.official.id for a in answers.values()}  # type: ignore[union-attr]
        assert len(ids) >= 2, (sur, keys)
        # A bare surname never silently merges them: both are candidates, or the
        # dossier of the more present one names the other under "Also".
        ans = lookup(store, sur)
        shown = (
            {c.id for c in ans.candidates}
            if isinstance(ans, Candidates)
            else {ans.official.id, *(r.id for r in ans.also)}
        )  # type: ignore[union-attr]
        assert ids <= shown, (sur, ans)
    store.close()


@pytest.fixture
def store_(db_url: str):  # type: ignore[no-untyped-def]
    s = Store.open(db_url)
    yield s
    s.close()


def test_a_family_name_written_first_links_and_answers(store_: Store) -> None:
    """'Mr Wen' in a later article is Wen Jiabao (family name first), and `/brief Wen`
    finds him; 'Lee' stays apart from Lee Scott, whose surname is Scott."""
    _save(store_, article("w1", "Wen Jiabao spoke in Beijing."), Official("Wen Jiabao", "Premier"))
    _save(store_, article("w2", "Mr Wen later spoke again."), Official("Wen", None))
    _save(store_, article("w3", "Lee Scott ran the retailer."), Official("Lee Scott", "chief"))
    with store_.session() as s:
        names = sorted(s.scalars(select(OfficialRow.name)))
    assert names == ["Lee Scott", "Wen Jiabao"]
    d = lookup(store_, "Wen")
    assert isinstance(d, Dossier) and d.official.name == "Wen Jiabao"
    assert d.articles == 2
    assert not isinstance(lookup(store_, "Lee"), Dossier)
