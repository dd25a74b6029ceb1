"""Names of people: normal forms and keys used to link mentions across articles.

`name_key` folds case and accents, drops punctuation, honorifics and a leading
title ("U.S. Assistant Secretary of State James Kelly" -> "james kelly"), so the
forms an article uses for one person share a key or at least a surname.
"""

from __future__ import annotations

import re

from .text import fold

_HONORIFICS = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "prof",
    "professor",
    "mister",
    "madam",
    "sen",
    "rep",
    "gen",
    "president",
    "minister",
    "chancellor",
    "baroness",
    "baron",
    "rev",
    "reverend",
    "sheikh",
    "sheik",
    "hon",
    "rt",
    "col",
    "lt",
    "gov",
    "amb",
    "mme",
    "herr",
    "frau",
    "senor",
    "monsieur",
}

# Words that make up titles placed before a name ("Foreign Minister", "U.S.
# Assistant Secretary of State", "Australia's PM"). Stripped from the front of a
# name only, and never the last word, so surnames such as "King" survive.
_TITLE_WORDS = {
    "the",
    "of",
    "for",
    "and",
    "s",
    "former",
    "acting",
    "new",
    "then",
    "interim",
    "outgoing",
    "incoming",
    "current",
    "senior",
    "junior",
    "top",
    "chief",
    "deputy",
    "vice",
    "assistant",
    "asst",
    "under",
    "undersecretary",
    "secretary",
    "general",
    "state",
    "foreign",
    "minister",
    "ministry",
    "prime",
    "pm",
    "fm",
    "president",
    "chancellor",
    "premier",
    "cabinet",
    "ambassador",
    "envoy",
    "special",
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "commissioner",
    "governor",
    "senator",
    "congressman",
    "congresswoman",
    "king",
    "queen",
    "prince",
    "princess",
    "emir",
    "sultan",
    "defence",
    "defense",
    "home",
    "trade",
    "finance",
    "financial",
    "economy",
    "economic",
    "interior",
    "justice",
    "health",
    "education",
    "environment",
    "energy",
    "industry",
    "affairs",
    "development",
    "international",
    "shadow",
    "opposition",
    "party",
    "labour",
    "labor",
    "conservative",
    "conservatives",
    "tory",
    "liberal",
    "democrat",
    "democrats",
    "democratic",
    "republican",
    "lib",
    "dem",
    "mp",
    "mep",
    "chairman",
    "chairwoman",
    "chair",
    "head",
    "director",
    "negotiator",
    "attorney",
    "mayor",
    "councillor",
    "counsel",
    "adviser",
    "advisor",
    "security",
    "national",
    "nuclear",
    "representative",
    "commission",
    "council",
    "european",
    "united",
    "nations",
    "un",
    "eu",
    "nato",
    "imf",
    "wto",
    "g7",
    "g8",
    "u",
    "us",
    "usa",
    "uk",
    "gb",
    "america",
    "american",
    "britain",
    "british",
    "england",
    "english",
    "japan",
    "japanese",
    "china",
    "chinese",
    "france",
    "french",
    "germany",
    "german",
    "russia",
    "russian",
    "israel",
    "israeli",
    "palestine",
    "palestinian",
    "iran",
    "iranian",
    "iraq",
    "iraqi",
    "india",
    "indian",
    "pakistan",
    "pakistani",
    "syria",
    "syrian",
    "turkey",
    "turkish",
    "greece",
    "greek",
    "egypt",
    "egyptian",
    "australia",
    "australian",
    "italy",
    "italian",
    "spain",
    "spanish",
    "korea",
    "korean",
    "north",
    "south",
    "ukraine",
    "ukrainian",
    "georgian",
    "venezuela",
    "venezuelan",
    "colombia",
    "colombian",
    "ecuador",
    "ecuadorian",
    "brazil",
    "brazilian",
    "argentina",
    "argentine",
    "argentinian",
    "mexico",
    "mexican",
    "canada",
    "canadian",
    "kenya",
    "kenyan",
    "nigeria",
    "nigerian",
    "afghan",
    "afghanistan",
    "indonesia",
    "indonesian",
    "cyprus",
    "cypriot",
    "libya",
    "libyan",
    "jordanian",
    "saudi",
    "lebanon",
    "lebanese",
    "irish",
    "ireland",
    "scottish",
    "welsh",
    "polish",
    "poland",
    "dutch",
    "belgian",
    "swedish",
    "norwegian",
    "danish",
    "finnish",
    "austrian",
    "swiss",
    "czech",
    "hungarian",
    "romanian",
    "bulgarian",
    "serbian",
    "croatian",
    "albanian",
    "macedonian",
    "portuguese",
    "taiwanese",
    "vietnamese",
    "thai",
    "philippine",
    "filipino",
    "malaysian",
    "singaporean",
    "tanzanian",
    "mozambican",
    "ethiopian",
    "sudanese",
    "somali",
    "african",
    "asian",
    "arab",
    "gulf",
    "western",
    "eastern",
}


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
