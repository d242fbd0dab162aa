"""The neighbourhood a detector may consult: the sentences around this one."""

from __future__ import annotations

from dataclasses import dataclass, field

from writer.nlp.features import SentenceFeatures
from writer.nlp.lexicon import Lexicon

#: A paragraph of one line this short, with no sentence end, is a heading or a title
#: ("2. Why me", "Why Anesthesiology:", "PERSONAL STATEMENT"), not a sentence of prose.
HEADING_WORDS = 12
_SENTENCE_END = ".!?\"'\u201d\u2019"


class FromContext(str):
    """Evidence read from the sentences around this one ("continues the scene"). The
    learned model reads one sentence alone, so it overrules such a tag only when it is
    very sure (its base floor, not a tag's raised one)."""


class Firm(str):
    """Evidence a pattern read outright, of a kind the learned model saw too few examples of
    to judge: the applicant's own numbers ("about 400 total intravenous anesthetics", "first
    of 230"), an earlier role with its length ("a pharmacist for four years"), a quiet
    excuse ("the hospital roster did not leave anyone the time to prepare"). The model
    does not overrule it."""


@dataclass
class Context:
    sentences: list[SentenceFeatures]
    lexicons: dict[str, Lexicon]
    #: what a detector worked out once for a paragraph, by (question, paragraph)
    memo: dict = field(default_factory=dict)

    def previous(self, sent: SentenceFeatures) -> SentenceFeatures | None:
        """The sentence before ``sent`` in the same paragraph, if any."""
        if sent.index == 0:
            return None
        prev = self.sentences[sent.index - 1]
        return prev if prev.paragraph == sent.paragraph else None

    def paragraph(self, sent: SentenceFeatures) -> list[SentenceFeatures]:
        """Every sentence of ``sent``'s paragraph, in order."""
        if "paragraphs" not in self.memo:
            grouped: dict[int, list[SentenceFeatures]] = {}
            for s in self.sentences:
                grouped.setdefault(s.paragraph, []).append(s)
            self.memo["paragraphs"] = grouped
        return self.memo["paragraphs"][sent.paragraph]

    def is_heading(self, sent: SentenceFeatures) -> bool:
        """``sent`` is a paragraph of its own, short and with no sentence end, in a draft
        of several paragraphs: a heading. It names a part ("Why me") and says nothing,
        so no detector reads it: "Why me" above a why-you paragraph is not self-pity."""
        if len(self.paragraph(sent)) > 1 or len(self.sentences) < 2:
            return False
        text = sent.span.text.strip()
        if not text or text[-1] in _SENTENCE_END:
            return False
        return sum(1 for t in sent.span if not (t.is_punct or t.is_space)) <= HEADING_WORDS

    def words(self, lexicon: str, name: str) -> frozenset[str]:
        lex = self.lexicons.get(lexicon)
        return lex.sets.get(name, frozenset()) if lex else frozenset()

    def joined(self, lexicon: str, *names: str) -> frozenset[str]:
        """The word sets ``names`` of one lexicon joined, once a draft, not once a sentence."""
        key = ("joined", lexicon, names)
        if key not in self.memo:
            self.memo[key] = frozenset().union(*(self.words(lexicon, n) for n in names))
        return self.memo[key]
