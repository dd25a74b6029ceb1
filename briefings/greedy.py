"""The entity recogniser's greedy parse, run with the GIL held: same entities, faster.

spaCy's transition-based components decide one action per state and step in a
compiled loop that releases the GIL (`Parser._parseC`). In the wheel installed
here, the NER's move-validity checks (`ner.pyx`, `Begin.is_valid` and the rest)
take and drop the GIL around each call into the parse state, several times per
possible action per step: about 45% of the NER's time is spent in the GIL's mutex
(measured with `perf`; `bench/extract.py` runs it end to end). When the calling
thread already holds the GIL those calls cost almost nothing.

`hold_gil` puts, in front of a loaded pipeline's NER, a component that runs the
same greedy parse step by step from Python: the same tables (`lower` over the
token vectors, computed once per batch), the same sums in the same order (padding
row for a missing token, feature rows added one by one, then the bias), maxout,
the same BLIS `gemm` for the scores, unseen classes set to the batch minimum as
spaCy does, and spaCy's own `transition_states` to check validity and apply the
best action, now with the GIL held. Documents are batched and sorted as
`Parser.pipe` does (each batch parsed whole rather than in quarters: fewer steps,
the same scores for each state). `tests/briefings/test_nlp.py`
compares every document's serialised analysis with the stock parse.

The parser (arc-eager) is left alone: its checks take no GIL, and a step loop in
Python is no faster there. Anything unexpected (a beam, another model shape, GPU
ops) leaves the component as spaCy built it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["GreedyHoldingGil", "hold_gil"]


class _StepSizes:
    """What `ParserStepModel.get_token_ids` reads from its model: `state2vec.nF`."""

    __slots__ = ("nF", "state2vec")

    def __init__(self, n_feats: int) -> None:
        self.nF = n_feats
        self.state2vec = self


def _supported(parser: Any) -> bool:
    from thinc.api import NumpyOps

    try:
        model = parser.model
        layers = model.layers
        return (
            parser.cfg.get("beam_width") == 1
            and model.name == "parser_model"
            and len(layers) == 3
            and layers[1].name == "precomputable_affine"
            and layers[1].has_dim("nP")
            and layers[1].get_dim("nP") >= 2
            and bool(model.attrs.get("has_upper"))
            and type(model.ops) is NumpyOps
        )
    except (AttributeError, KeyError, ValueError):
        return False


def greedy_parse(parser: Any, docs: list[Doc]) -> list[Any]:
    """`parser.predict(docs)` for a greedy, maxout, NumPy-backed model: the parse
    states, ready for `parser.set_annotations`."""
    from spacy.ml.parser_model import ParserStepModel

    if not any(len(doc) for doc in docs):
        return parser.moves.init_batch(docs)
    parser._ensure_labels_are_added(docs)
    model = parser.model
    tok2vec, lower, upper = model.layers
    batch = parser.moves.init_batch(docs)
    # (tokens + 1, features, hidden, pieces); row 0 is the padding of a missing token.
    cached = lower.predict(tok2vec.predict(docs))
    n_feats = cached.shape[1]
    table = cached.reshape(cached.shape[0], n_feats, -1)
    n_hidden, n_pieces = lower.get_dim("nO"), lower.get_dim("nP")
    bias = lower.get_param("b").reshape(-1)
    weights, out_bias = upper.get_param("W"), upper.get_param("b")
    unseen = sorted(model.attrs["unseen_classes"])
    sizes = _StepSizes(n_feats)
    ops = model.ops
    states = [s for s in batch if not s.is_final()]
    while states:
        ids = ParserStepModel.get_token_ids(sizes, states)  # -1: no such token
        ids += 1
        summed = table[ids[:, 0], 0]  # a copy: 0 + x is x
        for f in range(1, n_feats):
            summed += table[ids[:, f], f]
        summed += bias
        hidden = summed.reshape(len(states), n_hidden, n_pieces).max(axis=2)
        scores = ops.gemm(hidden, weights, trans2=True)
        scores += out_bias
        if unseen:
            scores[:, unseen] = scores.min()
        states = parser.transition_states(states, scores)
    return batch


class GreedyHoldingGil:
    """A transition-based component whose `pipe` parses with the GIL held; every
    other attribute is the wrapped component's."""

    def __init__(self, parser: Any) -> None:
        self.parser = parser

    def __getattr__(self, name: str) -> Any:
        return getattr(self.parser, name)

    def __call__(self, doc: Doc) -> Doc:
        return self.parser(doc)

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        from spacy.util import minibatch

        parser = self.parser
        error_handler = parser.get_error_handler()
        # As `Parser.pipe`: batches sorted by length, parsed in quarters. A state's
        # scores depend on no other state (BLIS gives each row of a product the same
        # sums whatever the rows around it), except through the batch minimum given to
        # unseen classes: with none, a whole batch is parsed at once (fewer steps).
        part_size = batch_size if not parser.model.attrs["unseen_classes"] else batch_size // 4
        for batch in minibatch(docs, size=batch_size):
            in_order = list(batch)
            try:
                by_length = sorted(in_order, key=len)
                for sub in minibatch(by_length, size=max(part_size, 2)):
                    part = list(sub)
                    parser.set_annotations(part, greedy_parse(parser, part))
                yield from in_order
            except Exception as e:
                error_handler(parser.name, parser, in_order, e)


def hold_gil(nlp: Language, names: Iterable[str] = ("ner",)) -> list[str]:
    """Wrap the named components of `nlp` in place; returns the names wrapped."""
    from spacy.pipeline import EntityRecognizer

    components: list[tuple[str, Any]] | None = getattr(nlp, "_components", None)
    if components is None:  # pragma: no cover - another spaCy
        return []
    done = []
    for i, (name, pipe) in enumerate(components):
        if name in names and isinstance(pipe, EntityRecognizer) and _supported(pipe):
            components[i] = (name, GreedyHoldingGil(pipe))
            done.append(name)
    return done
