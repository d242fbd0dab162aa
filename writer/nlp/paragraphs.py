"""Parse a draft paragraph by paragraph, and join the pieces into one Doc.

A blank line always ends a sentence in stmt (``stmt_paragraph_breaks``), so no
sentence, dependency or rule ever spans two paragraphs. Parsing each paragraph
as its own text therefore gives the rules nearly the same parse: on 105
multi-paragraph texts when this was written (the labeled emails, and the labeled
statements with a blank line every five sentences), 0.16 % of the tokens had
another tag, head or lemma (at paragraph edges, where tok2vec's window no longer
reaches into the next paragraph), 6 texts were split into sentences better (the
parser, reading a whole page, had cut "… and I did not organize my time" off a
long sentence), and 1 of 2,007 sentences got other tags. A one-page statement
of six paragraphs parses a little faster (about 61 against 67 ms as one text),
and ``Doc.from_docs`` joins the pieces in about 2 ms.

And it makes a warm re-check cheap: with a ``cache`` (``stmt server``), a
paragraph already parsed is not parsed again, so an edit re-parses only the
paragraph it touched. A cached paragraph gives exactly what parsing it again
would: each paragraph is parsed on its own either way.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Iterable, Iterator

from writer.documents.model import split_paragraphs


def paragraph_chunks(text: str) -> list[str]:
    """``text`` cut at the start of each paragraph: the pieces, joined, are ``text``.

    Each piece is a paragraph with the blank lines that follow it (the first also
    with any leading whitespace); a text with no paragraph is one piece.
    """
    starts = [p.start for p in split_paragraphs(text)][1:]
    cuts = [0, *starts, len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]


def join(docs: list):
    """One Doc from the parsed pieces of one text (their texts concatenated)."""
    if len(docs) == 1:
        return docs[0]
    from spacy.tokens import Doc

    return Doc.from_docs(docs, ensure_whitespace=False)


class ParagraphParser:
    """``nlp.pipe`` over the paragraphs of many texts, one joined Doc per text, in order.

    ``cache``: how many parsed paragraphs to keep (least recently used first out);
    0 keeps none. The batch CLI keeps none (its drafts differ); the server keeps a few
    pages' worth, so an edit re-parses one paragraph.
    """

    def __init__(self, nlp, cache: int = 0) -> None:
        self.nlp = nlp
        self.size = cache
        self._cache: OrderedDict[str, object] = OrderedDict()

    def keep(self, size: int) -> None:
        """Keep up to ``size`` parsed paragraphs from now on (0: none)."""
        self.size = size
        while len(self._cache) > size:
            self._cache.popitem(last=False)

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterator:
        if self.size:
            yield from self._pipe_cached(texts, batch_size)
            return
        counts: deque[int] = deque()

        def pieces() -> Iterator[str]:
            for text in texts:
                chunks = paragraph_chunks(text)
                counts.append(len(chunks))  # before its pieces reach nlp.pipe
                yield from chunks

        pending: list = []
        for doc in self.nlp.pipe(pieces(), batch_size=batch_size):
            pending.append(doc)
            while counts and len(pending) >= counts[0]:
                n = counts.popleft()
                yield join(pending[:n])
                del pending[:n]

    def _pipe_cached(self, texts: Iterable[str], batch_size: int) -> Iterator:
        cache = self._cache
        for text in texts:
            chunks = paragraph_chunks(text)
            missing = [c for c in dict.fromkeys(chunks) if c not in cache]
            for chunk, doc in zip(
                missing, self.nlp.pipe(missing, batch_size=batch_size), strict=True
            ):
                cache[chunk] = doc
            docs = []
            for chunk in chunks:
                cache.move_to_end(chunk)
                docs.append(cache[chunk])
            yield join(docs)
            while len(cache) > max(self.size, len(chunks)):
                cache.popitem(last=False)
