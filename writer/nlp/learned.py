"""A learned second opinion for the detectors: one logistic regression per tag.

The detectors are precise but their recall stops at the phrasings their
lexicons and parse rules know. This model reads the same parsed sentence
through broader, softer features and may add a tag that no detector gave
(at or above its threshold); it overrules a detector's tag only when it is
nearly sure the tag is wrong (below ``floor``). Its features are:

- ``cue=LEXICON.GROUP``: every lexicon cue group that fires in the sentence
  (so the lexicons in ``lexicons/`` stay the model's vocabulary too);
- ``l=LEMMA`` and ``b=LEMMA_LEMMA``: lowercase lemmas and lemma bigrams;
- ``d=HEAD>DEP>LEMMA``: who did what, from the dependency parse (subjects,
  objects, complements, negation, modifiers);
- ``dh=HEAD>DEP`` and ``dc=DEP>LEMMA``: the same relations with one side left open,
  for every dependency but punctuation ("someone *else* is the subject of *fail*");
- ``r=LEMMA`` and ``t=TENSE``: the root verb and its tense (morphology); ``vt=TENSE``
  for every verb, ``md=MODAL>VERB`` for modals ("will … pursue", "should … postpone").

Where a detector has a firm reason to refuse a tag (someone else's exam, an
ownership sentence, a lesson with no sign of abroad), the model may not give
it either: see ``writer.nlp.detectors.REJECTIONS``.

The weights are data (``sentence_model.json`` beside this module), trained by
``benchmarks/train_model.py`` on the tuning splits of the labeled sentences
only, never on the held-out test split. Inference is a sum of weights: no
library beyond spaCy is needed at run time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("sentence_model.json")
FEATURES_VERSION = "stmt-sentence-features-2"

DEPENDENCIES = frozenset(
    {
        "nsubj",
        "nsubjpass",
        "dobj",
        "pobj",
        "attr",
        "acomp",
        "xcomp",
        "ccomp",
        "advcl",
        "neg",
        "amod",
        "compound",
        "poss",
    }
)


def sentence_features(span, cue_keys, columns=None) -> set[str]:
    """The model's features of one sentence (a spaCy Span) whose cues fired as ``cue_keys``.

    Read from the Doc's ``Columns`` (``writer.nlp.features``: its strings, one list each,
    made once per Doc), not from a Token object per token and attribute: about 100 against
    70 µs a sentence, the columns' share included. The same features (checked on 36,824
    sentences and statements when it was written).
    """
    from writer.nlp.features import Columns

    if columns is None:
        columns = Columns.of(span.doc)
    lemma, dep, head, pos, tag, tense = (
        columns.lemma,
        columns.dep,
        columns.head,
        columns.pos,
        columns.tag,
        columns.tense,
    )
    feats = {f"cue={key}" for key in cue_keys}
    words = [i for i in range(span.start, span.end) if not columns.skip[i]]
    lemmas = [lemma[i] for i in words]
    feats.update(f"l={x}" for x in lemmas)
    feats.update(f"b={a}_{b}" for a, b in zip(lemmas, lemmas[1:], strict=False))
    for i in words:
        word, relation = lemma[i], dep[i]
        if relation == "ROOT":
            feats.add(f"r={word}")
            feats.add(f"t={tense[i]}")
        else:
            governor = lemma[head[i]]
            if relation in DEPENDENCIES:
                feats.add(f"d={governor}>{relation}>{word}")
            feats.add(f"dh={governor}>{relation}")
            feats.add(f"dc={relation}>{word}")
        if pos[i] in ("VERB", "AUX"):
            feats.add(f"vt={tense[i] or tag[i]}")
            if tag[i] == "MD":
                feats.add(f"md={word}>{lemma[head[i]]}")
    return feats


@dataclass(frozen=True)
class TagModel:
    bias: float
    weights: Mapping[str, float]

    def probability(self, features: set[str]) -> float:
        weights = self.weights
        return _sigmoid(self.bias + sum(weights.get(f, 0.0) for f in features))

    def strongest(self, features: set[str], n: int = 3) -> list[str]:
        """The features that pushed hardest towards the tag, most first."""
        pushing = [(self.weights.get(f, 0.0), f) for f in features]
        return [f for w, f in sorted(pushing, reverse=True)[:n] if w > 0]


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


class WeightTable:
    """Every tag's weights in one table: a row a feature, a column a tag.

    Scoring a sentence is then one lookup a feature and one sum of rows, instead of a
    lookup a feature and a tag: ``predict`` went from about 160 to 60 microseconds a
    sentence (it had been 0.76 s of a 120-page batch's 9 s of analysis). The table is
    also the form the build cache keeps, and loads no slower than the eight dicts it
    replaces (15-30 against 20-45 ms).
    """

    def __init__(self, tags: tuple[str, ...], features: list[str], matrix, bias) -> None:
        self.tags = tags
        self.features = features
        self.rows = dict(zip(features, range(len(features)), strict=True))
        self.matrix = matrix  # numpy, len(features) x len(tags)
        self.bias = bias  # numpy, len(tags)

    @classmethod
    def of(cls, tags: Mapping[str, TagModel]) -> WeightTable:
        import numpy

        columns = [m.weights for m in tags.values()]
        if (
            all(isinstance(c, _Column) for c in columns)
            and len({id(c.table) for c in columns}) == 1
        ):
            table = columns[0].table  # a copy of a loaded model (dataclasses.replace)
            if table.tags == tuple(tags) and list(table.bias) == [m.bias for m in tags.values()]:
                return table
        features = sorted({f for c in columns for f in c})
        rows = dict(zip(features, range(len(features)), strict=True))
        matrix = numpy.zeros((len(features), len(columns)))
        for j, weights in enumerate(columns):
            for f, w in weights.items():
                matrix[rows[f], j] = w
        bias = numpy.array([m.bias for m in tags.values()], dtype=float)
        return cls(tuple(tags), features, matrix, bias)

    def scores(self, features: set[str]):
        """The sum of weights and bias per tag (numpy, in ``tags`` order)."""
        rows = list(map(self.rows.__getitem__, self.rows.keys() & features))
        return self.bias + self.matrix.take(rows, axis=0).sum(axis=0) if rows else self.bias


class _Column(Mapping[str, float]):
    """One tag's weights read from a ``WeightTable`` (a weight of 0 is no weight)."""

    def __init__(self, table: WeightTable, j: int) -> None:
        self.table = table
        self.j = j

    def __getitem__(self, feature: str) -> float:
        weight = float(self.table.matrix[self.table.rows[feature], self.j])
        if weight == 0.0:
            raise KeyError(feature)
        return weight

    def __iter__(self) -> Iterator[str]:
        import numpy

        features = self.table.features
        return (features[r] for r in numpy.flatnonzero(self.table.matrix[:, self.j]))

    def __len__(self) -> int:
        import numpy

        return int(numpy.count_nonzero(self.table.matrix[:, self.j]))


@dataclass(frozen=True)
class SentenceModel:
    tags: dict[str, TagModel]
    threshold: float
    trained_on: tuple[str, ...] = ()
    #: per-tag thresholds, where leave-one-set-out found a better one than ``threshold``
    thresholds: dict[str, float] = field(default_factory=dict)
    #: below this probability the model overrules a detector's tag (0: never)
    floor: float = 0.0
    #: per-tag floors, where leave-one-set-out found a better one than ``floor``
    floors: dict[str, float] = field(default_factory=dict)
    #: tags retrained later than the rest (``train_model.py --only``), with their own sets
    trained_on_by_tag: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def sets_of(self, tag: str) -> tuple[str, ...]:
        """The tuning sets ``tag``'s weights were trained on."""
        return self.trained_on_by_tag.get(tag, self.trained_on)

    def threshold_for(self, tag: str) -> float:
        return self.thresholds.get(tag, self.threshold)

    def floor_for(self, tag: str) -> float:
        return self.floors.get(tag, self.floor)

    @cached_property
    def table(self) -> WeightTable:
        return WeightTable.of(self.tags)

    def predict(self, features: set[str]) -> dict[str, float]:
        table = self.table
        return {
            tag: _sigmoid(z)
            for tag, z in zip(table.tags, table.scores(features).tolist(), strict=True)
        }

    def evidence(self, tag: str, features: set[str], probability: float) -> str:
        signals = ", ".join(describe(f) for f in self.tags[tag].strongest(features))
        return f"learned model, {probability:.0%} sure; signals: {signals}"

    def to_dict(self) -> dict:
        return {
            "format": 1,
            "features": FEATURES_VERSION,
            "threshold": self.threshold,
            "thresholds": dict(sorted(self.thresholds.items())),
            "floor": self.floor,
            "floors": dict(sorted(self.floors.items())),
            "trained_on": list(self.trained_on),
            **(
                {
                    "trained_on_by_tag": {
                        t: list(v) for t, v in sorted(self.trained_on_by_tag.items())
                    }
                }
                if self.trained_on_by_tag
                else {}
            ),
            "tags": {
                tag: {"bias": m.bias, "weights": dict(sorted(m.weights.items()))}
                for tag, m in self.tags.items()
            },
        }

    @classmethod
    def from_dict(cls, data: dict) -> SentenceModel:
        if data.get("format") != 1 or data.get("features") != FEATURES_VERSION:
            raise ValueError(
                f"sentence model: format {data.get('format')!r} / features "
                f"{data.get('features')!r}, expected 1 / {FEATURES_VERSION}"
            )
        tags = {
            tag: TagModel(float(spec["bias"]), {k: float(v) for k, v in spec["weights"].items()})
            for tag, spec in data["tags"].items()
        }
        thresholds = {tag: float(t) for tag, t in data.get("thresholds", {}).items()}
        return cls(
            tags,
            float(data["threshold"]),
            tuple(data.get("trained_on", ())),
            thresholds,
            float(data.get("floor", 0.0)),
            {tag: float(f) for tag, f in data.get("floors", {}).items()},
            {tag: tuple(v) for tag, v in data.get("trained_on_by_tag", {}).items()},
        )


def describe(feature: str) -> str:
    """A feature as a reader would say it: ``l=observership`` -> 'observership'."""
    kind, _, value = feature.partition("=")
    if kind == "cue":
        return f"cue {value}"
    if kind == "b":
        return repr(value.replace("_", " "))
    if kind == "d":
        head, dep, child = value.split(">")
        return f"'{head} … {child}' ({dep})"
    if kind == "dh":
        head, dep = value.split(">")
        return f"'{head}' with a {dep}"
    if kind == "dc":
        dep, child = value.split(">")
        return f"'{child}' as {dep}"
    if kind == "md":
        modal, verb = value.split(">")
        return f"'{modal} {verb}'"
    if kind == "vt":
        return f"a verb in tense {value}"
    if kind == "r":
        return f"main verb '{value}'"
    if kind == "t":
        return f"tense {value or 'none'}"
    return repr(value)


_BUILT = "sentence-model-table"


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> SentenceModel | None:
    """The shipped model, or None when it is absent (the detectors alone then decide).

    Parsing the 2.6 MB of JSON and its 100,000 weights takes about 85-95 ms; the parsed
    model's ``WeightTable`` is kept in the build cache (``writer.cache``, with ``marshal``:
    about 20-30 ms), keyed by the file's bytes, so an edited or retrained model
    is read from JSON again. A missing or corrupt cache entry costs the parse, nothing else.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    from writer.cache import build_key, read_built, write_built

    key = build_key(FEATURES_VERSION, raw)
    built = read_built(_BUILT, key, binary=True)
    if _is_built(built):
        tags, features, matrix, bias, settings = built
        threshold, trained_on, thresholds, floor, floors, by_tag = settings
        import numpy

        table = WeightTable(
            tuple(tags),
            features,
            numpy.frombuffer(matrix).reshape(len(features), len(tags)),
            numpy.array(bias, dtype=float),
        )
        models = {tag: TagModel(bias[j], _Column(table, j)) for j, tag in enumerate(tags)}
        model = SentenceModel(models, threshold, trained_on, thresholds, floor, floors, by_tag)
        model.__dict__["table"] = table  # what cached_property would store: built already
        return model
    model = SentenceModel.from_dict(json.loads(raw.decode("utf-8")))
    table = model.table
    write_built(
        _BUILT,
        key,
        (
            list(table.tags),
            table.features,
            table.matrix.tobytes(),
            [float(b) for b in table.bias],
            (
                model.threshold,
                model.trained_on,
                model.thresholds,
                model.floor,
                model.floors,
                model.trained_on_by_tag,
            ),
        ),
        binary=True,
    )
    return model


def _is_built(value) -> bool:
    """The shape ``load_model`` stores: (tags, features, weight table, biases, settings)."""
    try:
        tags, features, matrix, bias, rest = value
        threshold, trained_on, thresholds, floor, floors, by_tag = rest
    except (TypeError, ValueError):
        return False
    return (
        isinstance(tags, list)
        and isinstance(features, list)
        and isinstance(matrix, bytes)
        and len(matrix) == 8 * len(features) * len(tags)
        and isinstance(bias, list)
        and len(bias) == len(tags)
        and all(isinstance(b, float) for b in bias)
        and isinstance(threshold, float)
        and isinstance(trained_on, tuple)
        and isinstance(thresholds, dict)
        and isinstance(floor, float)
        and isinstance(floors, dict)
        and isinstance(by_tag, dict)
    )
