"""Faster steps for three rule components, with the same results.

`speed_up` (the model's attribute ruler), `phrase_exact_text` (entity rulers
whose patterns are exact token texts, such as briefbot's places) and
`memo_lemmas` (the rule lemmatizer).

The attribute ruler:
The English model's attribute ruler (tag -> POS/morphology, lemma exceptions)
runs a spaCy `Matcher` over its 179 patterns for every token: about a sixth of
the whole pipeline's time, more than the parser. Almost all of its patterns are
single-token conjunctions of TAG / LOWER / DEP / IS_SPACE tests, so they are
looked up here by the token's lower-case text or tag and checked directly; the
few multi-token patterns keep a small Matcher of their own. `match` returns the
very list the ruler's own `match` would (sorted by rule number, so later rules
still win), and the ruler applies it as before. `tests/briefings/test_nlp.py`
compares every token's attributes against the ruler's own matcher.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler, EntityRuler, Lemmatizer
    from spacy.tokens import Doc

__all__ = ["memo_lemmas", "phrase_exact_text", "speed_up"]

# token attribute -> how to read it from (lower, tag, dep, is_space)
_FIELDS = {"LOWER": 0, "TAG": 1, "DEP": 2, "IS_SPACE": 3}

Check = Callable[[tuple[str, str, str, bool]], bool]


def _test(key: str, value: Any) -> Check | None:
    """One token-pattern key as a predicate; None when it is not one we know."""
    if key not in _FIELDS:
        return None
    i = _FIELDS[key]
    if not isinstance(value, dict):
        return lambda t: t[i] == value
    if len(value) != 1:
        return None
    ((op, arg),) = value.items()
    if op == "IN":
        allowed = frozenset(arg)
        return lambda t: t[i] in allowed
    if op == "NOT_IN":
        banned = frozenset(arg)
        return lambda t: t[i] not in banned
    if op == "REGEX" and key == "LOWER":
        rx = re.compile(arg)
        return lambda t: rx.search(t[i]) is not None
    return None


class _Rule:
    __slots__ = ("checks", "rule")

    def __init__(self, rule: int, checks: list[Check]) -> None:
        self.rule = rule
        self.checks = checks

    def __call__(self, t: tuple[str, str, str, bool]) -> bool:
        return all(c(t) for c in self.checks)


def speed_up(ruler: AttributeRuler) -> None:
    """Give `ruler` the indexed match step (in place; its patterns are unchanged)."""
    from spacy.matcher import Matcher
    from spacy.tokens._retokenize import set_token_attrs

    strings = ruler.vocab.strings
    # One index per token field; a pattern goes in the first whose test is an
    # equality or IN list (so a token finds it by value), else in `general`.
    index: dict[str, dict[Any, list[_Rule]]] = {k: {} for k in ("LOWER", "TAG", "DEP")}
    spaces: list[_Rule] = []
    general: list[_Rule] = []
    rest = Matcher(ruler.vocab, validate=False)
    for rule, entry in enumerate(ruler.patterns):
        alternatives: list[list[dict[str, Any]]] = entry["patterns"]  # type: ignore[assignment]
        singles: list[tuple[dict[str, Any], list[Check]]] = []
        for pattern in alternatives:
            tests = [_test(k, v) for k, v in pattern[0].items()] if len(pattern) == 1 else [None]
            checks = [c for c in tests if c is not None]
            if len(checks) < len(tests):
                singles = []
                break
            singles.append((pattern[0], checks))
        if not singles:  # multi-token or unusual: the Matcher still does these
            rest.add(str(rule), alternatives)
            continue
        for token_pattern, found in singles:
            _file(_Rule(rule, found), token_pattern, index, spaces, general)
    ids = [strings.add(str(i)) for i in range(len(ruler.attrs))]
    by_lower, by_tag, by_dep = index["LOWER"], index["TAG"], index["DEP"]
    attrs, indices = ruler.attrs, ruler.indices

    def match(doc: Doc) -> list[tuple[int, int, int, int]]:
        found: set[tuple[int, int, int, int]] = set()
        for i, tok in enumerate(doc):
            t = (tok.lower_, tok.tag_, tok.dep_, tok.is_space)
            cands = [
                *by_lower.get(t[0], ()),
                *by_tag.get(t[1], ()),
                *by_dep.get(t[2], ()),
                *(spaces if t[3] else ()),
                *general,
            ]
            for r in cands:
                if r(t):
                    found.add((r.rule, ids[r.rule], i, i + 1))
        for m_id, s, e in rest(doc, allow_missing=True, as_spans=False):
            found.add((int(strings[m_id]), m_id, s, e))
        return sorted(found)

    def set_annotations(doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        # As the ruler's own, without building a Span for each one-token match.
        for rule, _m_id, s, e in matches:
            at = indices[rule]
            token = doc[s] if e == s + 1 and at in (0, -1) else doc[s:e][at]
            set_token_attrs(token, attrs[rule])

    ruler.match = match  # type: ignore[method-assign]
    ruler.set_annotations = set_annotations  # type: ignore[method-assign]


def _file(
    rule: _Rule,
    pattern: dict[str, Any],
    index: dict[str, dict[Any, list[_Rule]]],
    spaces: list[_Rule],
    general: list[_Rule],
) -> None:
    for key in ("LOWER", "TAG", "DEP"):
        value = pattern.get(key)
        if isinstance(value, str):
            index[key].setdefault(value, []).append(rule)
            return
        if isinstance(value, dict) and set(value) == {"IN"}:
            for v in value["IN"]:
                index[key].setdefault(v, []).append(rule)
            return
    if pattern.get("IS_SPACE") is True:
        spaces.append(rule)
    else:
        general.append(rule)


def phrase_exact_text(nlp: Language, ruler: EntityRuler) -> int:
    """Move `ruler`'s exact-text token patterns ([{"TEXT": "New"}, {"TEXT": "York"}])
    to its PhraseMatcher, as documents of exactly those words; returns how many.

    A token pattern made only of exact TEXT values matches where the phrase of those
    words does, so the ruler finds the same spans (same labels, same overlap
    resolution), but a Matcher tries each of hundreds of such patterns at every
    token, where a PhraseMatcher looks the words up: 25x faster on briefbot's places.
    Patterns with an id, or any other token attribute, stay in the Matcher."""
    from spacy.tokens import Doc

    if ruler.phrase_matcher_attr not in (None, "ORTH", "TEXT"):
        return 0

    def exact(p: dict[str, Any]) -> bool:
        pat = p["pattern"]
        return (
            isinstance(pat, list)
            and bool(pat)
            and "id" not in p
            and all(set(t) == {"TEXT"} and isinstance(t["TEXT"], str) for t in pat)
        )

    patterns: list[dict[str, Any]] = list(ruler.patterns)
    moved = [p for p in patterns if exact(p)]
    if not moved:
        return 0
    ruler.clear()
    ruler.add_patterns([p for p in patterns if not exact(p)])
    for p in moved:
        words = [t["TEXT"] for t in p["pattern"]]
        doc = Doc(nlp.vocab, words=words, spaces=[True] * (len(words) - 1) + [False])
        ruler.phrase_matcher.add(p["label"], [doc])
        ruler.phrase_patterns[p["label"]].append(doc)
    return len(moved)


def memo_lemmas(lemmatizer: Lemmatizer) -> None:
    """Give a rule lemmatizer a per-document step that looks each lemma up once per
    (text, POS, morphology), in place.

    spaCy's rule lemma is a pure function of those three (its own cache is keyed by
    them; the base-form and no-POS answers read nothing else), but its `__call__`
    builds a Token, a morphology dict and a new string for every token: a twelfth of
    the pipeline's time. Here one `to_array` reads the three keys, the lemmatizer
    itself answers each key the first time, and `from_array` writes the lemmas.
    Tokens that already have a lemma keep it, as before (`overwrite` is honoured).
    Only `pipe` (what `nlp.pipe` calls) is replaced; `nlp(text)` runs the original."""
    import numpy
    from spacy.attrs import LEMMA, MORPH, ORTH, POS
    from spacy.errors import Errors

    if lemmatizer.mode != "rule":
        return
    # Its first answer for a key tests `form in index` against lists of up to 57,000
    # words: the same lists, answering `in` through a set.
    index = lemmatizer.lookups.get_table("lemma_index", {})
    for pos, words in list(index.items()):
        if type(words) is list and all(type(w) is str for w in words):
            index[pos] = _IndexList(words)
    strings = lemmatizer.vocab.strings
    memo: dict[tuple[int, int, int], int] = {}
    overwrite = lemmatizer.overwrite

    def lemmatize(doc: Doc) -> Doc:
        if not lemmatizer._validated:
            lemmatizer._validate_tables(Errors.E1004)
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = [0] * len(rows)
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not overwrite:
                lemmas[i] = lemma
                continue
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                found = memo[key] = strings.add(lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = found
        if rows:
            doc.from_array([LEMMA], numpy.asarray(lemmas, dtype=numpy.uint64))  # type: ignore[arg-type]
        return doc

    def pipe(stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        error_handler = lemmatizer.get_error_handler()
        for doc in stream:
            try:
                yield lemmatize(doc)
            except Exception as e:
                error_handler(lemmatizer.name, lemmatizer, [doc], e)

    lemmatizer.pipe = pipe  # type: ignore[method-assign]


class _IndexList(list[str]):
    """A lemma index list whose `in` is a set lookup (same contents, same answers;
    the lemmatizer never changes its tables after loading)."""

    __slots__ = ("_set",)

    def __init__(self, words: list[str]) -> None:
        super().__init__(words)
        self._set = frozenset(words)

    def __contains__(self, word: object) -> bool:
        return word in self._set
