"""The pipeline loads only the components the rules read, and extracts the same."""

from __future__ import annotations

import pytest

from briefings.errors import BriefingError
from briefings.extract import Extractor
from briefings.loaders import load_paths
from briefings.nlp import COMPONENTS, MODEL, fix_lemmas, load_pipeline, model_components
from tests.support import shared_path


def test_only_the_listed_components_are_loaded(nlp) -> None:  # type: ignore[no-untyped-def]
    shipped = model_components()
    left_out = [c for c in shipped if c not in COMPONENTS]
    assert left_out, "the model ships nothing unused: nothing to exclude"
    names = set(nlp.component_names)  # enabled and disabled alike
    assert set(COMPONENTS) <= names
    assert not names & set(left_out)


def test_extraction_is_unchanged_on_the_dev_corpus(extractor) -> None:  # type: ignore[no-untyped-def]
    """The pipeline as the model ships it (every component loaded) against ours."""
    import spacy

    from briefings.extract.rules import add_pipes

    full = spacy.load(MODEL)
    fix_lemmas(full)
    add_pipes(full)
    assert set(full.component_names) > set(extractor.nlp.component_names)
    folder = shared_path("corpus", "diplomacy")
    articles = load_paths([folder]).articles
    assert len(articles) == 80
    want = [x.to_json() for x in Extractor(full).extract_many(articles)]
    got = [x.to_json() for x in extractor.extract_many(articles)]
    assert got == want
    assert sum(len(x["meetings"]) for x in got) > 20


def test_an_unknown_component_is_a_clear_error() -> None:
    with pytest.raises(BriefingError, match="no component coref"):
        load_pipeline((*COMPONENTS, "coref"))


def _token_attrs(doc) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_indexed_attribute_rules_give_the_matcher_s_attributes(nlp) -> None:  # type: ignore[no-untyped-def]
    """Every token's POS, tag, morphology, lemma and dependency label, as the model's
    own attribute ruler (a Matcher over all its patterns) sets them."""
    from briefings.nlp import load_pipeline

    plain = load_pipeline(fast_matching=False)
    ruler, fast = plain.get_pipe("attribute_ruler"), nlp.get_pipe("attribute_ruler")
    assert "match" not in vars(ruler) and "match" in vars(fast)  # the two really differ
    texts = [a.text for a in load_paths([shared_path("corpus", "diplomacy")]).articles]
    # Rare patterns too: "gonna", "ain't", "y'all", "let's", "nothin'", spaces.
    texts.append("Y'all ain't gonna believe it.  Let's go, c'mon, nothin' doing.\n\nGot ta run.")
    n = 0
    for a, b in zip(plain.pipe(texts), nlp.pipe(texts), strict=True):
        assert _token_attrs(a) == _token_attrs(b)
        assert ruler.match(a) == fast.match(b)
        n += len(a)
    assert n > 30_000  # the whole dev corpus was compared


def test_exact_text_entity_patterns_find_the_same_entities(nlp) -> None:  # type: ignore[no-untyped-def]
    """briefbot's places moved to the ruler's PhraseMatcher: the same entities as its
    Matcher found, on the dev corpus."""
    from briefings.extract.rules import RULER_NAME
    from briefings.nlp import load_pipeline

    plain = load_pipeline(fast_matching=False)
    fast_ruler = nlp.get_pipe(RULER_NAME)
    assert len(fast_ruler.phrase_patterns["GPE"]) > 100
    assert not plain.get_pipe(RULER_NAME).phrase_patterns
    assert len(fast_ruler.matcher) >= 1  # the honorific + name pattern stays a token pattern
    texts = [a.text for a in load_paths([shared_path("corpus", "diplomacy")]).articles]
    texts.append("Mr Straw flew from New York to Tbilisi, then to Guinea-Bissau and Sri Lanka.")
    found = 0
    for a, b in zip(plain.pipe(texts), nlp.pipe(texts), strict=True):
        want = [(e.start, e.end, e.label_) for e in a.ents]
        assert [(e.start, e.end, e.label_) for e in b.ents] == want
        found += sum(1 for e in a.ents if e.label_ == "GPE")
    assert found > 100


def test_memoised_lemmas_are_the_lemmatizer_s_own(nlp) -> None:  # type: ignore[no-untyped-def]
    """The lemmatizer's per-document step (one look-up per text, POS and morphology)
    gives every token the lemma spaCy's own per-token step gives, on the dev corpus."""
    from briefings.nlp import load_pipeline

    plain = load_pipeline(fast_matching=False)
    assert "pipe" in vars(nlp.get_pipe("lemmatizer"))  # the two really differ
    assert "pipe" not in vars(plain.get_pipe("lemmatizer"))
    texts = [a.text for a in load_paths([shared_path("corpus", "diplomacy")]).articles]
    # Inflections, exceptions, numbers, empty and space-only documents.
    texts += ["The ministers were meeting; geese flew, better deals went worse.", "", "  \n "]
    n = 0
    for a, b in zip(plain.pipe(texts), nlp.pipe(texts), strict=True):
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
        n += len(a)
    assert n > 30_000
    one = nlp("The two sides were meeting in Geneva.")  # nlp(text): spaCy's own step
    assert [t.lemma_ for t in one] == ["the", "two", "side", "be", "meet", "in", "Geneva", "."]


def test_greedy_parse_holding_the_gil_is_the_stock_parse(nlp) -> None:  # type: ignore[no-untyped-def]
    """The parser's and NER's step loop run from Python (GIL held) give every document the very
    analysis spaCy's compiled loop gives: serialised docs equal byte for byte, on the
    dev corpus, in batches of several sizes, with preset entities (the places ruler)."""
    from briefings.greedy import GreedyHoldingGil, hold_gil
    from briefings.nlp import load_pipeline

    plain = load_pipeline(fast_matching=False)
    for name in ("parser", "ner"):  # the two really differ
        assert isinstance(nlp.get_pipe(name), GreedyHoldingGil)
        assert not isinstance(plain.get_pipe(name), GreedyHoldingGil)
    texts = [a.text for a in load_paths([shared_path("corpus", "diplomacy")]).articles]
    # Entities at the very start and end, one-token documents, empty and space-only ones.
    texts += ["Kelly met Straw in Tbilisi", "Moscow", "", "  \n ", "Mr Straw. Mr Powell."]
    ents = arcs = 0
    for batch_size in (16, 3):
        got = nlp.pipe(texts, batch_size=batch_size)
        for a, b in zip(plain.pipe(texts, batch_size=batch_size), got, strict=True):
            assert a.to_bytes() == b.to_bytes()
            ents += len(a.ents)
            arcs += sum(t.head.i != t.i for t in a)
    assert ents > 2_000 and arcs > 50_000
    one = nlp("Jack Straw met Colin Powell in Washington.")  # nlp(text): spaCy's own step
    assert [e.label_ for e in one.ents] == ["PERSON", "PERSON", "GPE"]
    assert one[2].dep_ == "ROOT"
    assert hold_gil(nlp) == []  # wrapped once


def test_lemmas_the_shipped_lemmatizer_gets_wrong_are_fixed(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("She hoped to sign; he hopes so, hoping to sign, and they dined. Hopes grew.")
    lemmas = {t.lower_: t.lemma_ for t in doc}
    assert [lemmas[w] for w in ("hoped", "hopes", "hoping", "dined")] == ["hope"] * 3 + ["dine"]
    assert lemmas["sign"] == "sign" and doc[-3].lemma_ == "hope"  # the noun too
    piped = next(iter(nlp.pipe(["The minister hoped to seal a deal."])))
    assert piped[2].lemma_ == "hope"


def test_a_hoped_for_deal_is_no_agreement(nlp) -> None:  # type: ignore[no-untyped-def]
    from briefings.extract import extract_doc
    from briefings.models import Article

    text = "Finance Minister Juan Roca hoped to seal an agreement rescheduling the debt."
    x = extract_doc(nlp(text), Article(id="t", title="", text=text), None)
    assert x.agreements == ()


def test_joint_act_verbs_stay_one_word_with_the_acts_lemma(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Norway and Chile Co-hosted the talks; he expected VW to co-sign a memorandum.")
    words = {t.text: t.lemma_ for t in doc}
    assert words["Co-hosted"] == "host"
    assert words["co-sign"] == "sign"
    assert "co" not in words
