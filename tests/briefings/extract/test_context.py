"""The document context is built once and read by every extractor: running them, in
any order, leaves it as it was (issue 13: no shared mutable state between rules)."""

from __future__ import annotations

import copy

from briefings.extract.agreements import extract_agreements
from briefings.extract.context import DocContext
from briefings.extract.frames import event_frames
from briefings.extract.meetings import extract_meetings
from briefings.extract.officials import collect_titles
from briefings.extract.stops import extract_next_stops
from briefings.models import Article

TEXT = (
    "Prime Minister John Carter and President Maria Lopez met in Oslo on Monday. "
    "The two leaders agreed to cut fishing quotas. Five public sector unions joined "
    "the talks. Mr Carter will then fly to Lima."
)


def _state(ctx: DocContext) -> tuple:
    return (list(ctx._memory), dict(ctx.groups), ctx.titled, dict(ctx.titles))


def test_extractors_leave_the_context_unchanged_in_any_order(nlp) -> None:  # type: ignore[no-untyped-def]
    ctx = DocContext(nlp(TEXT), Article(id="t", title="", text=TEXT))
    before = copy.deepcopy(_state(ctx)[:2]), _state(ctx)[2]
    frames = event_frames(ctx)
    a = extract_agreements(ctx)
    m = extract_meetings(ctx, frames)
    s = extract_next_stops(ctx)
    collect_titles(ctx)
    assert (copy.deepcopy(_state(ctx)[:2]), _state(ctx)[2]) == before
    # The other order gives the same facts.
    ctx2 = DocContext(nlp(TEXT), Article(id="t", title="", text=TEXT))
    s2 = extract_next_stops(ctx2)
    m2 = extract_meetings(ctx2, event_frames(ctx2))
    a2 = extract_agreements(ctx2)
    assert (a, m, s) == (a2, m2, s2)


def test_meetings_are_handed_to_agreement_rules_in_a_copy(nlp) -> None:  # type: ignore[no-untyped-def]
    ctx = DocContext(nlp(TEXT), Article(id="t", title="", text=TEXT))
    more = ctx.with_groups([(0, ["John Carter", "Maria Lopez"])])
    assert more is not ctx and len(more._memory) == len(ctx._memory) + 1


def test_a_name_right_after_a_title_is_a_person_even_if_the_ner_misses_it(nlp) -> None:  # type: ignore[no-untyped-def]
    from briefings.extract.context import DocContext
    from briefings.models import Article

    text = "Premier Jan Moll will visit Oslo. The Prime Minister Office said nothing."
    ctx = DocContext(nlp(text), Article(id="t", title="", text=text))
    assert ctx.persons.is_person("Jan Moll")
    assert not any("Office" in n for n in ctx.persons.canonical_names())


def test_a_role_noun_is_not_the_topic_person_of_another_office(nlp) -> None:  # type: ignore[no-untyped-def]
    from briefings.extract import extract_doc

    text = (
        "Secretary of State Ana Ruiz flew to Oslo on Sunday. "
        "The president met Prime Minister Jack Hale on Monday."
    )
    x = extract_doc(nlp(text), Article(id="t", title="", text=text), None)
    assert all("Ana Ruiz" not in m.participants for m in x.meetings)
    text = (
        "President Ana Ruiz flew to Oslo on Sunday. "
        "The president met Prime Minister Jack Hale on Monday."
    )
    x = extract_doc(nlp(text), Article(id="t", title="", text=text), None)
    assert [set(m.participants) for m in x.meetings] == [{"Ana Ruiz", "Jack Hale"}]


def test_the_prime_minister_is_not_another_minister(nlp) -> None:  # type: ignore[no-untyped-def]
    from briefings.extract import extract_doc

    text = (
        "Foreign Minister Lars Berg said so. Chancellor Eva Lind attended a meeting with "
        "the Prime Minister of New Zealand Bill English in Berlin."
    )
    x = extract_doc(nlp(text), Article(id="t", title="", text=text), None)
    assert [set(m.participants) for m in x.meetings] == [{"Eva Lind", "Bill English"}]


def test_a_closing_quote_split_off_the_last_sentence_opens_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        'President Petro Lenko said: "We will work with him."\n'
        "President-elect Tom Hale talks to the media as he stands with General Jim Mott."
    )
    ctx = DocContext(nlp(text), Article(id="t", title="", text=text))
    he = next(t for t in ctx.doc if t.lower_ == "he")
    assert not ctx.in_quote[he.i]
    assert ctx.persons.pronoun(he) == "Tom Hale"


def test_a_name_parsed_as_a_compound_of_the_root_is_its_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    # The parse the small model gives some captions: "Trump" a compound of "talks" (read
    # as a noun and the root); built by hand, since the misparse depends on context.
    from spacy.tokens import Doc, Span

    from briefings.extract.coref import PersonIndex

    words = ["Donald", "Trump", "talks", "as", "he", "stands", "."]
    doc = Doc(
        nlp.vocab,
        words=words,
        heads=[1, 2, 2, 5, 5, 2, 2],
        deps=["compound", "compound", "ROOT", "mark", "nsubj", "advcl", "punct"],
        pos=["PROPN", "PROPN", "NOUN", "SCONJ", "PRON", "VERB", "PUNCT"],
        sent_starts=[True, False, False, False, False, False, False],
    )
    doc.ents = [Span(doc, 0, 2, label="PERSON")]
    index = PersonIndex(doc).build()
    assert index.pronoun(doc[4]) == "Donald Trump"


def test_a_title_read_off_the_surface_where_the_parse_hangs_the_name_elsewhere(nlp) -> None:  # type: ignore[no-untyped-def]
    from briefings.extract import extract_doc

    text = (
        "Economy Minister Omar Said met President Ali Nour and Egyptian ambassador to "
        "Moscow Salah Bassiouni to discuss the debt."
    )
    x = extract_doc(nlp(text), Article(id="t", title="", text=text), None)
    titles = {o.name: o.title for o in x.officials}
    assert titles["Salah Bassiouni"] == "Egyptian ambassador to Moscow"
    # a date in front is no part of a title
    text = "On Sunday Presidents Kwame Boateng of Ghana and Ali Nour of Mali signed the deal."
    x = extract_doc(nlp(text), Article(id="t", title="", text=text), None)
    assert all("Sunday" not in (o.title or "") for o in x.officials)


def test_the_first_half_of_a_double_barrelled_surname_is_that_person(nlp) -> None:  # type: ignore[no-untyped-def]
    from briefings.extract.coref import PersonIndex

    doc = nlp("Robert Kilroy-Silk quit the party. Mr Kilroy said the party was a joke.")
    names = {m.name: m.canonical for m in PersonIndex(doc).build().mentions}
    assert names["Kilroy"] == "Robert Kilroy-Silk"


def test_a_plural_title_is_worded_for_one_person(nlp) -> None:  # type: ignore[no-untyped-def]
    from briefings.extract import extract_doc

    text = "Prime Ministers Zhou Liang of China and Anibal Costa Silva of Portugal signed it."
    x = extract_doc(nlp(text), Article(id="t", title="", text=text), None)
    assert {o.name: o.title for o in x.officials}["Zhou Liang"] == "Prime Minister"
    text = "Chief of Staff Jim Ross met Foreign Affairs Minister Ann Lee."
    x = extract_doc(nlp(text), Article(id="t", title="", text=text), None)
    assert {o.title for o in x.officials} == {"Chief of Staff", "Foreign Affairs Minister"}


def test_object_control_gives_the_infinitive_its_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The minister urged Iran to sign the treaty.")
    sign = next(t for t in doc if t.lower_ == "sign")
    subj = DocContext.subject_of(sign)
    assert subj is not None and subj.text == "Iran"
    # past a conjunct the parse is not trusted: the one who spoke is the minister
    doc = nlp("Minister Tom Raab urged the embassy to reconsider and spoke with Mike Pompeo.")
    spoke = next(t for t in doc if t.lower_ == "spoke")
    subj = DocContext.subject_of(spoke)
    assert subj is None or subj.text != "embassy"


def test_a_name_the_ner_ran_into_the_body_of_the_title(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "Governor of the Bank of England Sam Reed" comes as one organisation: the body
    ends at its own place, and the name after it is a person."""
    text = (
        "Minister Ann Roe is today meeting Foreign Secretary Jim Hale and Governor of "
        "the Bank of England Sam Reed."
    )
    ctx = DocContext(nlp(text), Article(id="t", title="", text=text))
    assert "Sam Reed" in ctx.persons.known
    # the body alone is no person
    text = "Minister Ann Roe is today meeting the Governor of the Bank of England."
    ctx = DocContext(nlp(text), Article(id="t", title="", text=text))
    assert list(ctx.persons.known) == ["Ann Roe"]


def test_a_hyphenated_surname_after_a_title(nlp) -> None:  # type: ignore[no-untyped-def]
    """The tokenizer splits "Leigh-Pemberton" in three; the name keeps all of it."""
    text = "Ann Roe met Governor of the Bank of England Robin Leigh-Pemberton."
    ctx = DocContext(nlp(text), Article(id="t", title="", text=text))
    assert "Robin Leigh-Pemberton" in ctx.persons.known, list(ctx.persons.known)


def test_a_known_surname_the_tagger_read_as_an_adjective(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "Conable, who flew ..." opens a sentence tagged JJ with no entity: a subject
    that is an adjective and spells a known surname is that person."""
    text = (
        "World Bank President Barber Conable arrived on Sunday. Conable, who flew to "
        "Indonesia yesterday from Tokyo, will meet with President Suharto."
    )
    ctx = DocContext(nlp(text), Article(id="t", title="", text=text))
    second = next(t for t in ctx.doc if t.text == "Conable" and t.i > 5)
    assert ctx.persons.at(second) == "Barber Conable"
    # an adjective that only looks like a name is no one
    text = "Minister Ann Green arrived. Green groups, who marched in Oslo, protested."
    ctx = DocContext(nlp(text), Article(id="t", title="", text=text))
    groups = next(t for t in ctx.doc if t.text == "Green" and t.i > 3)
    assert groups.tag_ == "JJ" and ctx.persons.at(groups) is None


def test_the_doer_of_a_reported_clause_is_not_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "Du Plessis said 34 banks ... agreed to the arrangement worked out with B": a
    reported clause the parser left without a subject does not take the speaker's."""
    doc = nlp(
        "Du Plessis said 34 banks holding more than 70 pct of the frozen debt agreed to "
        "the new arrangement worked out with South African negotiators in London."
    )
    worked = next(t for t in doc if t.lower_ == "worked")
    subj = DocContext.subject_of(worked)
    assert subj is None or subj.text != "Plessis"
    # a first person the parser hung on the auxiliary is still the speaker
    doc = nlp('Lord Tom Reed said: "I have, so far, failed to reach a deal with Ann Roe."')
    failed = next(t for t in doc if t.lower_ == "failed")
    subj = DocContext.subject_of(failed)
    assert subj is not None and subj.text in ("I", "Reed"), subj
    # a subject the parser did give still counts
    doc = nlp("Du Plessis said the banks agreed to the plan.")
    agreed = next(t for t in doc if t.lower_ == "agreed")
    subj = DocContext.subject_of(agreed)
    assert subj is not None and subj.text == "banks"


def test_a_second_of_is_its_own_side(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "envoys of Norway and of Sweden": the parser hangs the second "of" on the verb;
    its object is a side of the role noun all the same."""
    text = "Minister Tom Lind met envoys of Norway and of Sweden on Monday."
    ctx = DocContext(nlp(text), Article(id="t", title="", text=text))
    envoys = next(t for t in ctx.doc if t.lower_ == "envoys")
    assert ctx.sides_of(envoys) == ["Norway", "Sweden"]
    text = "Minister Tom Lind met envoys of Norway and Sweden's king on Monday."
    ctx = DocContext(nlp(text), Article(id="t", title="", text=text))
    envoys = next(t for t in ctx.doc if t.lower_ == "envoys")
    assert ctx.sides_of(envoys) == ["Norway"]
