"""people: display forms of names."""

from __future__ import annotations

import pytest

from briefings.compose import compose_briefing
from briefings.models import Agreement, Extraction, Meeting, Official
from briefings.people import display_surname, family_name_first
from tests.briefings.factories import article, ev


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Yoriko Kawaguchi", "Kawaguchi"),
        ("George W. Bush", "Bush"),
        # Family name first: Chinese (pinyin given names) and Korean.
        ("Li Zhaoxing", "Li"),
        ("Wen Jiabao", "Wen"),
        ("Wang Yi", "Wang"),
        ("Ban Ki-moon", "Ban"),
        ("Chen Shui-bian", "Chen"),
        ("Kim Jong Il", "Kim"),
        # Western names that start with such a word keep their surname.
        ("Lee Scott", "Scott"),
        ("Kim Howells", "Howells"),
        ("Lin Homer", "Homer"),
        ("Han Solo", "Solo"),
    ],
)
def test_display_surname(name: str, shown: str) -> None:
    assert display_surname(name) == shown
    assert family_name_first(name) is (shown == name.split()[0])


def test_a_chinese_official_is_mr_li_on_second_mention() -> None:
    s1 = "Ana Ruiz met Li Zhaoxing in Beijing."
    s2 = "Ruiz and Li agreed to hold a trade forum."
    text = f"{s1}\n{s2}"
    ex = Extraction(
        "x",
        "t",
        officials=(Official("Ana Ruiz"), Official("Li Zhaoxing", "Foreign Minister")),
        meetings=(
            Meeting(("Ana Ruiz", "Li Zhaoxing"), "held", "Beijing", None, None, ev(text, s1)),
        ),
        agreements=(
            Agreement(("Ruiz", "Li Zhaoxing"), "agreed", "hold a trade forum", ev(text, s2)),
        ),
    )
    b = compose_briefing(article("x", text), ex)
    assert [ln.text for ln in b.lines] == [
        "Ana Ruiz met FM Li Zhaoxing in Beijing",
        "Ruiz and Li to hold a trade forum",
    ]
