"""From Documents to tagged sentences: the pipeline, the cues, the detectors.

``Analyzer`` is built once (pipeline, lexicons, matchers) and then runs any
number of documents through ``nlp.pipe`` as one batch.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from writer.documents.model import Document, Paragraph
from writer.nlp.cues import CueFinder
from writer.nlp.detectors import TAGS, run_detectors
from writer.nlp.detectors.context import Context
from writer.nlp.features import Columns, SentenceFeatures
from writer.nlp.learned import load_model
from writer.nlp.lexicon import load_lexicons
from writer.nlp.paragraphs import ParagraphParser
from writer.nlp.sentence import Sentence


@dataclass
class Analysis:
    document: Document
    sentences: list[Sentence]
    paragraphs: list[Paragraph]
    model: str


_BREAK_COMPONENT = "stmt_paragraph_breaks"
#: Tokens after which a lowercase word may still start a sentence.
_SENTENCE_ENDS = frozenset({".", "!", "?", ":", ";", "...", "\u2026"})


def _register_component() -> None:
    from spacy.language import Language

    if Language.has_factory(_BREAK_COMPONENT):
        return

    @Language.component(_BREAK_COMPONENT)
    def paragraph_breaks(doc):
        """Sentence boundaries the parser must respect. A blank line always ends a
        sentence: sentences never cross paragraphs. A lowercase word never starts one
        unless the token before it ends a sentence or is whitespace ("... so the nurse |
        and I gave naloxone", "... preparing for Step 3 | so I can show", '"Are we ready?"
        | the attending asked' were cut there by the parser). Read and written as arrays:
        0.6 µs a word, where setting each Token's ``is_sent_start`` took 14-20."""
        import numpy
        from spacy.attrs import IS_ALPHA, IS_LOWER, IS_SPACE, ORTH, SENT_START

        if len(doc) < 2:
            return doc
        ends = [doc.vocab.strings.add(e) for e in _SENTENCE_ENDS]
        cols = doc.to_array([IS_LOWER, IS_ALPHA, IS_SPACE, ORTH, SENT_START])
        starts = cols[:, 4].astype(numpy.int64)  # 1 a start, -1 not one, 0 the parser's call
        for i in numpy.nonzero(cols[:-1, 2])[0].tolist():
            if doc[i].text.count("\n") >= 2:
                starts[i + 1] = 1
        lowercase = (cols[1:, 0] == 1) & (cols[1:, 1] == 1)
        open_before = (cols[:-1, 2] == 0) & ~numpy.isin(cols[:-1, 3], ends)
        starts[numpy.nonzero(lowercase & open_before)[0] + 1] = -1
        doc.from_array([SENT_START], starts.astype(numpy.uint64).reshape(-1, 1))
        return doc


class Analyzer:
    """The pipeline, lexicons and matchers, built once per process."""

    def __init__(self, nlp=None, lexicon_dirs: tuple[Path, ...] = (), model="shipped") -> None:
        """``model``: the learned second opinion (``"shipped"``, a ``SentenceModel`` or None).
        ``parser`` keeps no parsed paragraph between calls unless told to
        (``parser.keep(n)``, as ``stmt server`` does)."""
        from writer.nlp.pipeline import loading

        with loading():
            self._build(nlp, lexicon_dirs, model)
        self.parser = ParagraphParser(self.nlp)

    def _build(self, nlp, lexicon_dirs: tuple[Path, ...], model) -> None:
        from writer.nlp.pipeline import get_nlp

        self.nlp = nlp if nlp is not None else get_nlp()
        _register_component()
        if _BREAK_COMPONENT not in self.nlp.pipe_names:
            before = "parser" if "parser" in self.nlp.pipe_names else "sentencizer"
            self.nlp.add_pipe(_BREAK_COMPONENT, before=before)
        self.lexicons = load_lexicons(tuple(lexicon_dirs))
        self.cues = CueFinder(self.nlp, self.lexicons)
        self.sentence_model = load_model() if model == "shipped" else model
        if lexicon_dirs and self.sentence_model is not None:
            # The model learned its vetoes beside the shipped lexicons only: a tag the
            # user's own lexicon entries gave ("Mercury was in retrograde" as self-pity)
            # is theirs to keep. The model may still add tags.
            self.sentence_model = replace(self.sentence_model, floor=0.0, floors={})
        self.model = f"{self.nlp.meta.get('stmt_model', self.nlp.meta.get('name'))}-{self.nlp.meta.get('version', '0')}"

    def is_english_word(self, word: str) -> bool:
        """``word`` (any case) is in the model's English word lists (the lemmatizer's
        index of nouns, verbs, adjectives and adverbs, and its irregular forms), as is or
        with a plural or verb ending taken off: "please", "urgent", "letters" are; "PONV",
        "LVAD", "ESPA" are not. Built at the first question (about 90,000 words)."""
        words = self._english_words()
        w = word.lower()
        if w in words:
            return True
        stems = []
        if w.endswith("s"):
            stems += [w[:-1], w[:-2]] if w.endswith("es") else [w[:-1]]
        elif w.endswith("ed"):
            stems += [w[:-2], w[:-1]]
        elif w.endswith("ing"):
            stems += [w[:-3], w[:-3] + "e"]
        return any(s in words for s in stems if len(s) > 2)

    def _english_words(self) -> frozenset[str]:
        if getattr(self, "_words", None) is None:
            words: set[str] = set()
            if "lemmatizer" in self.nlp.pipe_names:
                lemmatizer = self.nlp.get_pipe("lemmatizer")
                lookups = getattr(
                    getattr(lemmatizer, "original", None) or lemmatizer, "lookups", None
                )
                if lookups is not None:
                    for name in ("lemma_index", "lemma_exc"):
                        if lookups.has_table(name):
                            for forms in lookups.get_table(name).values():
                                words.update(forms)
            self._words = frozenset(words)
        return self._words

    def analyze(self, documents: list[Document], batch_size: int = 64) -> list[Analysis]:
        """Each Document parsed paragraph by paragraph (``ParagraphParser``), one batch of
        ``batch_size`` paragraphs at a time, then tagged."""
        texts = (d.prose for d in documents)
        return [
            self._analyze_doc(document, spacy_doc)
            for document, spacy_doc in zip(
                documents, self.parser.pipe(texts, batch_size=batch_size), strict=True
            )
        ]

    def tag_sentences(self, texts: list[str]) -> list[set[str]]:
        """Tag stand-alone sentences (the accuracy benchmark's unit)."""
        return self.tag_docs(self.nlp.pipe(texts, batch_size=64))

    def tag_docs(self, spacy_docs) -> list[set[str]]:
        """The tags of each already parsed stand-alone text (all its sentences together)."""
        out = []
        for spacy_doc in spacy_docs:
            tags: set[str] = set()
            for f in self._features(spacy_doc, [Paragraph(0, 0, len(spacy_doc.text))]):
                tags |= f.tags
            out.append(tags)
        return out

    # -- internals ------------------------------------------------------------
    def _features(
        self, spacy_doc, paragraphs: list[Paragraph], kind: str = "statement"
    ) -> list[SentenceFeatures]:
        """Sentences with their tags. The learned model was trained on statement sentences,
        so messages (emails, letter requests) are tagged by the detectors alone."""
        columns = Columns.of(spacy_doc)
        cue_index = self.cues.find(spacy_doc, kind, columns)
        feats: list[SentenceFeatures] = []
        para_starts = [p.start for p in paragraphs]
        for span in _sentences(spacy_doc):
            para = _paragraph_of(span.start_char, para_starts)
            feats.append(SentenceFeatures(len(feats), span, para, cue_index, columns=columns))
        model = self.sentence_model if kind == "statement" else None
        run_detectors(feats, Context(feats, self.lexicons), model)
        return feats

    def _analyze_doc(self, document: Document, spacy_doc) -> Analysis:
        paragraphs = document.paragraphs
        feats = self._features(spacy_doc, paragraphs, document.kind)
        lines = document.lines
        sentences = []
        for f in feats:
            start, end = f.span.start_char, f.span.end_char
            line, col = lines.position(start)
            end_line, end_col = lines.position(max(start, end - 1))
            sentences.append(
                Sentence(
                    index=f.index,
                    start=start,
                    end=end,
                    line=line,
                    column=col,
                    end_line=end_line,
                    end_column=end_col + 1,
                    paragraph=f.paragraph,
                    text=document.text[start:end],
                    tags=[t for t in TAGS if t in f.tags],
                    evidence=f.evidence,
                    cues=_sentence_cues(f),
                )
            )
        return Analysis(document, sentences, paragraphs, self.model)


def _sentences(spacy_doc):
    """Sentences without leading/trailing whitespace tokens; blank ones dropped."""
    for sent in spacy_doc.sents:
        start, end = sent.start, sent.end
        while start < end and spacy_doc[start].is_space:
            start += 1
        while end > start and spacy_doc[end - 1].is_space:
            end -= 1
        if end > start:
            yield spacy_doc[start:end]


def _sentence_cues(f: SentenceFeatures) -> dict[str, list[str]]:
    doc = f.span.doc
    return {key: [doc[a:b].text for a, b in hits] for key, hits in f.cues.items()}


def _paragraph_of(offset: int, starts: list[int]) -> int:
    import bisect

    return max(0, bisect.bisect_right(starts, offset) - 1)
