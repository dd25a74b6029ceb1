"""Names of people: normal forms and keys used to link mentions across articles.

`name_key` folds case and accents, drops punctuation, honorifics and a leading
title ("U.S. Assistant Secretary of State James Kelly" -> "james kelly"), so the
forms an article uses for one person share a key or at least a surname.
"""

from __future__ import annotations

import re

from .extract.lexicon import HONORIFICS, TITLE_WORDS
from .text import fold

# Honorifics and role words come from the extractor's lexicon, so that a name is
# cleaned the same way wherever it is read. Here only the words that precede names in
# place names and nationalities ("British PM", "EU Trade Commissioner") are added:
# they are stripped from the front of a name only, and never the last word, so
# surnames such as "King" survive.
_HONORIFICS = HONORIFICS
_TITLE_WORDS = (
    TITLE_WORDS
    | HONORIFICS
    | frozenset(
        [
            "adviser",
            "advisor",
            "affairs",
            "afghan",
            "afghanistan",
            "african",
            "albanian",
            "america",
            "american",
            "and",
            "arab",
            "argentina",
            "argentine",
            "argentinian",
            "asian",
            "asst",
            "attorney",
            "australia",
            "australian",
            "austrian",
            "belgian",
            "brazil",
            "brazilian",
            "britain",
            "british",
            "bulgarian",
            "canada",
            "canadian",
            "china",
            "chinese",
            "colombia",
            "colombian",
            "commission",
            "conservative",
            "conservatives",
            "council",
            "councillor",
            "counsel",
            "croatian",
            "current",
            "cypriot",
            "cyprus",
            "czech",
            "danish",
            "dem",
            "democrat",
            "democratic",
            "democrats",
            "development",
            "dutch",
            "eastern",
            "economic",
            "economy",
            "ecuador",
            "ecuadorian",
            "education",
            "egypt",
            "egyptian",
            "energy",
            "england",
            "english",
            "environment",
            "ethiopian",
            "eu",
            "european",
            "filipino",
            "financial",
            "finnish",
            "fm",
            "for",
            "france",
            "french",
            "g7",
            "g8",
            "gb",
            "georgian",
            "german",
            "germany",
            "greece",
            "greek",
            "gulf",
            "health",
            "hungarian",
            "imf",
            "incoming",
            "india",
            "indian",
            "indonesia",
            "indonesian",
            "industry",
            "international",
            "iran",
            "iranian",
            "iraq",
            "iraqi",
            "ireland",
            "irish",
            "israel",
            "israeli",
            "italian",
            "italy",
            "japan",
            "japanese",
            "jordanian",
            "junior",
            "kenya",
            "kenyan",
            "korea",
            "korean",
            "labor",
            "labour",
            "lebanese",
            "lebanon",
            "lib",
            "liberal",
            "libya",
            "libyan",
            "macedonian",
            "malaysian",
            "mexican",
            "mexico",
            "ministry",
            "mozambican",
            "national",
            "nations",
            "nato",
            "new",
            "nigeria",
            "nigerian",
            "north",
            "norwegian",
            "nuclear",
            "of",
            "officials",
            "opposition",
            "outgoing",
            "pakistan",
            "pakistani",
            "palestine",
            "palestinian",
            "party",
            "philippine",
            "pm",
            "poland",
            "polish",
            "portuguese",
            "republican",
            "romanian",
            "russia",
            "russian",
            "s",
            "saudi",
            "scottish",
            "security",
            "serbian",
            "singaporean",
            "somali",
            "south",
            "spain",
            "spanish",
            "special",
            "sudanese",
            "swedish",
            "swiss",
            "syria",
            "syrian",
            "taiwanese",
            "tanzanian",
            "thai",
            "then",
            "top",
            "tory",
            "turkey",
            "turkish",
            "u",
            "ukraine",
            "ukrainian",
            "un",
            "under",
            "united",
            "usa",
            "venezuela",
            "venezuelan",
            "vietnamese",
            "welsh",
            "western",
            "wto",
        ]
    )
)


def _words(name: str) -> list[str]:
    return re.sub(r"[^\w\s-]", " ", fold(name)).replace("-", " ").replace("_", " ").split()


def name_key(name: str) -> str:
    """Folded name without punctuation, honorifics or a leading title.

    "Mr. José Pérez" -> "jose perez"; "Foreign Minister Yoriko Kawaguchi" ->
    "yoriko kawaguchi"; "Kelly" -> "kelly". The last word is always kept.
    """
    words = _words(name)
    while len(words) > 1 and (words[0] in _HONORIFICS or words[0] in _TITLE_WORDS):
        words = words[1:]
    # "Kelly's" / possessive residue: "kelly s" -> "kelly"
    while len(words) > 1 and words[-1] == "s":
        words = words[:-1]
    return " ".join(words)


def surname(name: str) -> str:
    key = name_key(name)
    return key.rsplit(" ", 1)[-1] if key else ""


def first_name(name: str) -> str | None:
    """The first word of a multi-word key ("james" for "James Kelly"), else None."""
    words = name_key(name).split()
    return words[0] if len(words) > 1 else None


def first_names_compatible(a: str, b: str) -> bool:
    """Whether two keys can name one person: same surname and no clashing first names.

    "james kelly" ~ "kelly" ~ "j kelly" ~ "james a kelly"; "james kelly" !~ "john kelly".
    """
    wa, wb = a.split(), b.split()
    if not wa or not wb or wa[-1] != wb[-1]:
        return False
    if len(wa) == 1 or len(wb) == 1:
        return True
    fa, fb = wa[0], wb[0]
    if fa == fb:
        return True
    if len(fa) == 1 or len(fb) == 1:
        return fa[0] == fb[0]
    return False


# Family names written first (Chinese, Korean): "Li Zhaoxing" is Mr Li, "Ban Ki-moon"
# Mr Ban. Only with a given name that looks the part (pinyin syllables, a hyphenated
# or two short Korean syllables), so "Lee Scott" and "Kim Howells" keep their surname.
_CHINESE_FAMILY = frozenset({
    "li", "wang", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu",
    "sun", "ma", "zhu", "hu", "guo", "he", "lin", "gao", "luo", "zheng", "liang", "xie",
    "tang", "song", "deng", "han", "feng", "cao", "peng", "zeng", "xiao", "tian", "dong",
    "pan", "yuan", "cai", "jiang", "du", "ye", "cheng", "wei", "su", "lu", "ding", "ren",
    "shen", "yao", "jin", "wen", "xi", "hua", "qian", "kong", "bo", "tan",
})  # fmt: skip
_KOREAN_FAMILY = frozenset({
    "kim", "lee", "park", "roh", "moon", "ban", "choi", "chung", "yoon", "kang", "cho",
    "jang", "lim", "shin", "han", "oh", "seo", "kwon", "hwang", "song", "yoo", "hong",
    "jeon", "ko", "yun", "rhee",
})  # fmt: skip
_PINYIN = re.compile(
    r"(?:(?:[bpmfw]?o|er|(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un"
    r"|ia|ie|iu|ua|uo|ui|ue|a|e|i|u))['-]?){1,3}",
    re.I,
)


def family_name_first(name: str) -> bool:
    """Whether `name` (without a title) is written family name first ("Wen Jiabao")."""
    parts = name.split()
    if len(parts) < 2 or not parts[0].isalpha():
        return False
    family, given = parts[0].lower(), parts[1:]
    if len(given) == 1:
        g = given[0]
        if "-" in g and (family in _KOREAN_FAMILY or family in _CHINESE_FAMILY):
            return True  # "Ban Ki-moon", "Chen Shui-bian"
        return family in _CHINESE_FAMILY and g[:1].isupper() and bool(_PINYIN.fullmatch(g))
    # "Kim Dae Jung", "Kim Jong Il": two short syllables.
    return (
        family in _KOREAN_FAMILY
        and len(given) == 2
        and all(w.isalpha() and w[:1].isupper() and len(w) <= 4 for w in given)
    )


def display_surname(name: str) -> str:
    """The surname as written ("Kawaguchi" for "Yoriko Kawaguchi", "Li" for "Li
    Zhaoxing"), for later mentions."""
    parts = [p for p in re.split(r"\s+", name.strip()) if p]
    if not parts:
        return name
    if family_name_first(" ".join(parts)):
        return parts[0]
    last = parts[-1].rstrip(",.;:")
    # "Jr." / "II" suffixes: keep the word before them
    if last.lower().rstrip(".") in {"jr", "sr", "ii", "iii", "iv"} and len(parts) > 1:
        last = parts[-2].rstrip(",.;:")
    # Particles stay with the surname ("de Hoop Scheffer" keeps its last word only).
    return last


_NOT_NAMES = {
    "he",
    "him",
    "his",
    "she",
    "her",
    "hers",
    "they",
    "them",
    "their",
    "it",
    "its",
    "we",
    "us",
    "our",
    "i",
    "me",
    "my",
    "you",
    "your",
    "who",
    "whom",
    "whose",
    "the",
    "a",
    "an",
    "mr",
    "mrs",
    "ms",
    "minister",
    "president",
    "official",
    "spokesman",
    "spokeswoman",
}


def is_name_form(alias: str) -> bool:
    """False for pronouns and bare titles an extractor may list among aliases ("he")."""
    key = name_key(alias)
    return bool(key) and key not in _NOT_NAMES and len(key) > 1 and key[0].isalpha()


def clean_name(name: str) -> str:
    """The name without a leading title, as written: "U.S. Assistant Secretary of State
    James Kelly" -> "James Kelly"; names without a title come back unchanged."""
    tokens = name.split()
    n = len(name_key(name).split())
    if 0 < n < len(tokens):
        tail = " ".join(tokens[-n:])
        if name_key(tail) == name_key(name):
            return tail
    return name.strip()
