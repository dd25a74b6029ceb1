import datetime as dt
import json
from pathlib import Path

import pytest

from briefings.errors import LoadError
from briefings.loaders import load_file, load_paths, parse_txt
from tests.support import SEEDS, shared_path

HEADER = """title: Ministers meet in Oslo
published: 2019-03-04
url: https://example.org/news/oslo
source: Example News
license: CC BY 2.5

Norway's foreign minister met her Swedish counterpart in Oslo on Monday.
They agreed to cooperate on Arctic research.
"""


def test_txt_with_header_block(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(HEADER)
    (art,) = load_file(f)
    assert art.title == "Ministers meet in Oslo"
    assert art.published == dt.date(2019, 3, 4)
    assert art.url == "https://example.org/news/oslo"
    assert art.source == "Example News"
    assert art.text.startswith("Norway's foreign minister")
    assert "title:" not in art.text


def test_txt_without_header_derives_title_from_first_sentence() -> None:
    (art,) = load_file(SEEDS / "kelly-tokyo-2003.txt")
    assert art.title.startswith("U.S. Assistant Secretary of State James Kelly")
    assert art.published is None and art.url is None
    assert art.id.startswith("sha256:")


def test_unknown_header_values_become_none() -> None:
    art = parse_txt("title: T\npublished: unknown\nurl: unknown\n\nBody text here.", "x.txt")
    assert art.published is None and art.url is None and art.title == "T"


def test_text_that_merely_looks_like_a_header_is_body() -> None:
    art = parse_txt("Note: the talks resumed on Monday.\nMore text.", "x.txt")
    assert art.text.startswith("Note: the talks resumed")


def test_markdown_front_matter(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text(
        '---\ntitle: "Summit in Rome"\ndate: 2020-01-02\n---\n# Summit\n\n**Leaders** met in [Rome](http://x).\n'
    )
    (art,) = load_file(f)
    assert art.title == "Summit in Rome"
    assert art.published == dt.date(2020, 1, 2)
    assert "Leaders met in Rome." in art.text


def test_html_main_text(tmp_path: Path) -> None:
    body = " ".join(["The foreign ministers of France and Germany met in Paris on Tuesday."] * 5)
    f = tmp_path / "a.html"
    f.write_text(
        "<html><head><title>Paris talks</title>"
        '<link rel="canonical" href="https://news.example.com/paris-talks"></head>'
        f"<body><nav>Home | World</nav><article><h1>Paris talks</h1><p>{body}</p>"
        "<p>They agreed to meet again in Berlin next month.</p></article>"
        "<footer>Subscribe now</footer></body></html>"
    )
    (art,) = load_file(f)
    assert "France and Germany met in Paris" in art.text
    assert "Subscribe now" not in art.text
    assert art.title == "Paris talks"


def test_jsonl_bad_line_is_reported_rest_loads(tmp_path: Path) -> None:
    f = tmp_path / "c.jsonl"
    good = {"id": "x:1", "title": "T", "published": "2020-01-01", "url": None, "text": "A met B."}
    f.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({**good, "id": "x:2"}) + "\n")
    report = load_paths([f])
    assert [a.id for a in report.articles] == ["x:1", "x:2"]
    assert len(report.failures) == 1 and "c.jsonl:2" in report.failures[0].reason


def test_binary_file_is_named_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(HEADER)
    (tmp_path / "broken.txt").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    )
    report = load_paths([tmp_path])
    assert [a.title for a in report.articles] == ["Ministers meet in Oslo"]
    assert len(report.failures) == 1
    assert "broken.txt" in report.failures[0].reason and "binary" in report.failures[0].reason


def test_empty_file_and_missing_path(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   \n")
    report = load_paths([tmp_path / "empty.txt", tmp_path / "nope.txt"])
    assert not report.articles
    assert any("no article text" in f.reason for f in report.failures)
    assert any("no such file" in f.reason for f in report.failures)
    with pytest.raises(LoadError):
        load_file(tmp_path / "empty.txt")


def test_windows_1252_text_is_decoded(tmp_path: Path) -> None:
    f = tmp_path / "cp.txt"
    f.write_bytes("Ministers met in Bogotá – the talks went well.".encode("cp1252"))
    (art,) = load_file(f)
    assert "Bogotá – the talks" in art.text


def test_corpus_folder_loads_every_article() -> None:
    folder = shared_path("corpus", "diplomacy")
    report = load_paths([folder])
    assert len(report.articles) == 80 and not report.failures
    wikinews = [a for a in report.articles if a.source == "Wikinews"]
    assert all(a.published and a.url for a in wikinews)


def test_utf16_files_with_a_byte_order_mark_are_read(tmp_path: Path) -> None:
    from briefings.loaders import load_paths

    text = "title: Talks in Tokyo\n\nKelly met Abe in Tokyo on Monday. Ils ont parlé."
    for enc in ("utf-16", "utf-16-be", "utf-32"):
        f = tmp_path / f"{enc}.txt"
        raw = text.encode(enc)
        if enc == "utf-16-be":
            raw = b"\xfe\xff" + raw
        f.write_bytes(raw)
        report = load_paths([f])
        assert not report.failures, report.failures
        assert report.articles[0].title == "Talks in Tokyo"
        assert "parlé" in report.articles[0].text


def test_a_nul_line_in_jsonl_spoils_only_that_line(tmp_path: Path) -> None:
    import json

    from briefings.loaders import load_paths

    good = [
        json.dumps({"id": f"a{i}", "text": f"Kelly met Abe in Tokyo, story {i}."}) for i in range(3)
    ]
    f = tmp_path / "mixed.jsonl"
    f.write_bytes(
        (good[0] + "\n").encode()
        + b'{"id": "bad", "text": "\x00\x00\x00"}\n'
        + ("\n".join(good[1:]) + "\n").encode()
    )
    report = load_paths([f])
    assert [a.id for a in report.articles] == ["a0", "a1", "a2"]
    assert len(report.failures) == 1 and "mixed.jsonl:2" in report.failures[0].reason
    # A NUL byte in any other file still means binary.
    b = tmp_path / "blob.txt"
    b.write_bytes(b"abc\x00def")
    assert "binary" in load_paths([b]).failures[0].reason


def test_markdown_needs_a_title_in_front_matter(tmp_path: Path) -> None:
    f = tmp_path / "NOTES.md"
    f.write_text("# Notes\n\nThe ministers met in Rome on Monday and agreed a plan.\n")
    with pytest.raises(LoadError, match=r"NOTES\.md: .*front matter"):
        load_file(f)


def test_header_title_whitespace_is_collapsed() -> None:
    art = parse_txt("title: Talks  in\tRome\n\nThe ministers met.", "x.txt")
    assert art.title == "Talks in Rome"


def test_html_character_references_in_plain_text_are_decoded() -> None:
    article = parse_txt(
        "He signed a communiqu&#233; in Z&uuml;rich &amp; Bern, for AT&T; &foo; stays.",
        origin="x.txt",
    )
    assert article.text == "He signed a communiqué in Zürich & Bern, for AT&T; &foo; stays."
