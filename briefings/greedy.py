"""The parser's and the NER's greedy parse, run with the GIL held: same analyses, faster.

spaCy's transition-based components decide one action per state and step in a
compiled loop that releases the GIL (`Parser._parseC`). In the wheel installed
here, the move-validity checks (`ner.pyx`, `arc_eager.pyx`) take and drop the GIL
around calls into the parse state, several times per possible action per step:
about half of the NER's and of the parser's time is spent in the GIL's mutex
(measured with `perf`). When the calling thread already holds the GIL those calls
cost almost nothing.

`hold_gil` puts, in front of a loaded pipeline's parser and NER, a component that
runs the same greedy parse step by step from Python: the same tables (`lower`
over the token vectors, computed once per batch), the same sums in the same order
(the padding row for a missing token, feature rows added one by one, then the
bias), maxout, the same BLIS `gemm` for the scores, unseen classes set to the
batch minimum as spaCy does, and spaCy's own `transition_states` to check validity
and apply the best action, now with the GIL held. Documents are batched and sorted
as `Parser.pipe` does (each batch parsed whole rather than in quarters: fewer
steps, the same scores for each state). `tests/briefings/test_nlp.py` compares
every document's serialised analysis with the stock parse. On 300 BBC articles
the pipeline takes 12.5 CPU s stock, about 8 with both components wrapped.

Anything unexpected (a beam, another model shape, GPU ops) leaves the component
as spaCy built it; `nlp(text)` (one document) runs spaCy's own step.
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
    import numpy
    from spacy.ml.parser_model import ParserStepModel

    if not any(len(doc) for doc in docs):
        return parser.moves.init_batch(docs)
    parser._ensure_labels_are_added(docs)
    model = parser.model
    tok2vec, lower, upper = model.layers
    batch = parser.moves.init_batch(docs)
    # (tokens + 1, features, hidden, pieces); row 0 is the padding of a missing token.
    cached = lower.predict(tok2vec.predict(docs))
    n_rows, n_feats = cached.shape[:2]
    # Per feature, a (tokens + 1, hidden * pieces) view of the table (no copy).
    tables = [cached[:, f].reshape(n_rows, -1) for f in range(n_feats)]
    n_pieces = lower.get_dim("nP")
    bias = lower.get_param("b").reshape(-1)
    weights, out_bias = upper.get_param("W"), upper.get_param("b")
    unseen = sorted(model.attrs["unseen_classes"])
    sizes = _StepSizes(n_feats)
    gemm = model.ops.gemm
    states = [s for s in batch if not s.is_final()]
    while states:
        ids = ParserStepModel.get_token_ids(sizes, states).T + 1  # -1 (no token) -> 0
        summed = tables[0][ids[0]]  # a copy: 0 + x is x
        for f in range(1, n_feats):
            summed += tables[f][ids[f]]
        summed += bias
        hidden = summed[:, ::n_pieces]  # maxout: the largest piece of each hidden unit
        for p in range(1, n_pieces):
            hidden = numpy.maximum(hidden, summed[:, p::n_pieces])
        scores = gemm(hidden, weights, trans2=True)
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
        if name == "parser":  # not set yet (a copy being made): no endless recursion
            raise AttributeError(name)
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


def hold_gil(nlp: Language, names: Iterable[str] = ("parser", "ner")) -> list[str]:
    """Wrap the named components of `nlp` in place; returns the names wrapped."""
    from spacy.pipeline.transition_parser import Parser

    components: list[tuple[str, Any]] | None = getattr(nlp, "_components", None)
    if components is None:  # pragma: no cover - another spaCy
        return []
    done = []
    for i, (name, pipe) in enumerate(components):
        if name in names and isinstance(pipe, Parser) and _supported(pipe):
            components[i] = (name, GreedyHoldingGil(pipe))
            done.append(name)
    return done
