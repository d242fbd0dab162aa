"""The structure tags: why anesthesiology, why me, IMG perspective, why now, future goals.

Guide, "Tailoring Your Personal Statement": "Clearly answer: Why
anesthesiology? Why you? Why now?"; "Non-US citizen IMG perspective:
Highlight adaptability, cross-cultural communication, and the value of your
international training"; "Future goals: Academic anesthesia, critical care,
pain, cardiac, or community practice."
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from writer.nlp.detectors.context import Context, Firm, FromContext
from writer.nlp.features import (
    FIRST_PERSON,
    FIRST_PERSON_ANY,
    SUBJECT_DEPS,
    SentenceFeatures,
    has_my,
    is_negated,
    subject_of,
)

_OTHER_PEOPLE = {
    "classmates",
    "classmate",
    "friends",
    "friend",
    "brother",
    "sister",
    "parents",
    "father",
    "mother",
    "colleagues",
    "many",
    "people",
    "students",
    "uncle",
    "aunt",
    "cousin",
    "he",
    "she",
    "they",
}


def _texts(sent: SentenceFeatures, *keys: str) -> list[str]:
    return [t for key in keys for t in sent.hit_texts(key)]


def _someone_else(sent: SentenceFeatures) -> bool:
    """The sentence is about another person's choice or plan ("My brother plans…")."""
    root = sent.span.root
    subj = subject_of(root)
    return subj is not None and subj.lower_ in _OTHER_PEOPLE


def _future_marked(sent: SentenceFeatures) -> list[str]:
    """Future markers whose owner is the applicant (not "my parents hoped")."""
    doc = sent.span.doc
    out = []
    for a, b in sent.hits("structure.future_marker"):
        tok = doc[a] if b - a == 1 else None
        if tok is not None and tok.pos_ in ("VERB", "AUX"):
            subj = subject_of(tok)
            if subj is not None and subj.lower_ not in FIRST_PERSON_ANY:
                continue
            if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
                continue  # "a call for forty graduates planning their US experience": theirs
            if tok.tag_ == "VBD" or (
                tok.dep_ == "xcomp"
                and tok.head.lemma_
                not in (
                    "want",
                    "would",
                    "like",
                    "love",
                    "hope",
                    "plan",
                    "intend",
                    "aim",
                    "wish",
                    "need",
                )
            ):
                continue  # "I hoped to be a surgeon", "I learned to plan ahead": not a goal
        if tok is not None and tok.pos_ == "NOUN":
            poss = [c for c in tok.children if c.dep_ == "poss"]
            if not poss or poss[0].lower_ != "my":
                continue  # "the goal was a MAP above 65", "our plan was an RSI": not my future
            if any(
                c.dep_ == "compound" and c.lemma_ not in ("year", "career", "life", "term")
                for c in tok.children
            ):
                continue  # "my study plan": not a plan for the future
            if any(
                c.lower_ in ("previous", "old", "original", "former", "first", "earlier")
                for c in tok.children
            ):
                continue  # "my previous plan was…": a past goal
        top = next((t for t in doc[a:b] if not a <= t.head.i < b), doc[a])
        if (
            top.pos_ in ("ADV", "NOUN")
            and top.dep_ in ("advmod", "npadvmod")
            and top.head.tag_ == "VBD"
        ):
            continue  # "Eventually I completed…", "one day the patient had…": told, not planned
        if (
            b - a > 1
            and doc[a].lower_ == "in"
            and (doc[a].head.tag_ in ("VBD", "VBN") or doc[a].head.pos_ in ("NOUN", "ADJ"))
        ):
            continue  # "the best observer she had worked with in ten years": a span looked back on
        if doc[b - 1].lower_ == "myself" and any(
            t.pos_ == "VERB" and is_negated(t) for t in doc[a:b]
        ):
            continue  # "I cannot imagine myself doing any other branch": no plan
        out.append(doc[a:b].text)
    return out


def detect_why_specialty(sent: SentenceFeatures, ctx: Context) -> list[str]:
    found = _why_specialty(sent, ctx)
    if not found:
        return _answers_why_the_specialty(sent, ctx)
    return [] if liking_without_reason(sent, ctx) else found


def _answers_why_the_specialty(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """ "Why anesthesiology? Because I want to be the one who notices the change first.":
    the answer to a question that asks why the specialty, in the sentence after it (a
    heading of its own, or the paragraph's first sentence)."""
    if sent.index == 0 or sent.span[0].lower_ != "because":
        return []
    question = ctx.sentences[sent.index - 1]
    text = question.span.text.strip()
    if not (text.endswith("?") and question.has("structure.specialty")):
        return []
    if not any(t.lower_ == "why" for t in question.span):
        return []
    return [FromContext(f"answers {text!r}")]


def _why_specialty(sent: SentenceFeatures, ctx: Context) -> list[str]:
    if _someone_else(sent) or "exam" in sent.tags:
        return []
    doc = sent.span.doc
    calling = [doc[a:b].text for a, b in sent.hits("structure.calling") if not _denied(doc[a:b])]
    if calling and sent.first_person:
        return [f"calling: {calling[0]!r}"]
    if "why_now" in sent.tags:
        return []  # "I finally have the preparation to pursue it": timing, not the why
    specialty = _texts(sent, "structure.specialty")
    if not specialty or _in_someone_elses_words(sent, ctx, sent.hits("structure.specialty")):
        return []
    attraction = _texts(sent, "structure.attraction")
    if _future_marked(sent) and (sent.has("structure.career") or not attraction):
        return []  # "Long term, I want a career in academic anesthesiology": a goal
    if "anecdote" in sent.tags and not sent.has("structure.calling") and not attraction:
        return []
    if attraction and (sent.first_person or _field_is_subject(sent)):
        return [f"{specialty[0]!r} with {attraction[0]!r}"]
    qualities = _texts(sent, "structure.field_quality")
    if qualities and (sent.first_person or _field_is_subject(sent)):
        return [f"{specialty[0]!r}: {qualities[0]!r}"]
    return []


def _denied(span) -> bool:
    """The words are negated, or said under a negated verb: "I never felt that I belonged
    in my village school"."""
    node = span.root
    for _ in range(3):
        if is_negated(node):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


_CONTENT = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})


def _in_someone_elses_words(sent: SentenceFeatures, ctx: Context, hits) -> bool:
    """Every hit lies in what someone else said ("Dr. Bissessar told me that anaesthesia
    is the most honest specialty"): the clause a speech verb reports, whose speaker is
    not the applicant (ANNOTATION.md: praise of the field in someone else's voice is not
    why_specialty). "I told my father that anesthesia..." is the applicant's own."""
    if not hits:
        return False
    speech = ctx.words("structure", "speech_verbs")
    speakers = ctx.words("structure", "speakers")
    doc = sent.span.doc
    heard: list = []  # the speakers of the reported clauses

    def reported(tok) -> bool:
        hit = tok.i
        while tok.head.i != tok.i:
            verb = tok.head
            if tok.dep_ == "ccomp" and verb.lemma_.lower() in speech and verb.i < hit:
                speaker = subject_of(verb)
                if speaker is not None and (speaker.pos_ == "PROPN" or speaker.lower_ in speakers):
                    heard.append(speaker)
                    return True
                return False
            tok = verb
        return False

    unreported = [a for a, _ in hits if not reported(doc[a])]
    # the field may also name the speaker ("Dr. Gessner, the anesthesiologist who
    # supervised us, liked to tell the students that anesthesia is ...")
    described = {t.i for speaker in heard for t in speaker.subtree}
    if not heard or any(a not in described for a in unreported):
        return False
    # "Everybody says anesthesia is boring, but for me ...": the applicant answers
    after = [t.lower_ for t in doc[hits[-1][1] : sent.span.end]]
    return not ("but" in after and FIRST_PERSON_ANY & set(after[after.index("but") :]))


def liking_without_reason(sent: SentenceFeatures, ctx: Context) -> bool:
    """The applicant likes the field but says nothing of why: "I truly love anesthesia and
    cannot imagine doing anything else", "Anesthesia is my passion and my future"
    (ANNOTATION.md: liking with no reason is not why_specialty). Every content word
    other than the specialty's name is one of ``liking_without_reason`` (a list in
    ``lexicons/structure.toml``), and no word points at a reason told nearby ("since
    then", "that day"). Or so is one clause, and the sentence's other clauses say nothing
    of the field or of a reason: "Anesthesiology is the specialty I want for my life, and
    I have worked hard to arrive at this application"."""
    span = range(sent.span.start, sent.span.end)
    if _only_liking(sent, ctx, span):
        return True
    root = sent.span.root
    joined = [
        c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and subject_of(c)
    ]
    if not joined:
        return False
    clauses = [{t.i for t in c.subtree} for c in joined]
    clauses.append(set(span).difference(*clauses))
    named = {i for a, b in sent.hits("structure.specialty") for i in range(a, b)}
    liked = [c for c in clauses if c & named]
    if len(liked) != 1:
        return False
    rest = set(span) - liked[0]
    field = ctx.words("structure", "field_words")
    reasons = {
        i
        for key in ("structure.attraction", "structure.field_quality", "structure.calling")
        for a, b in sent.hits(key)
        for i in range(a, b)
    }
    start, doc = sent.span.start, sent.span.doc
    pointers, told = ctx.words("structure", "reason_pointers"), ctx.words("structure", "told")
    if rest & reasons or any(
        sent.lemmas[i - start] in field
        # "I understood this on the night ...", "since that day", not "this application"
        or (
            sent.words[i - start] in pointers
            and (doc[i].dep_ != "det" or doc[i].head.lemma_.lower() in told)
        )
        for i in rest
    ):
        return False
    return _only_liking(sent, ctx, sorted(liked[0]))


def _only_liking(sent: SentenceFeatures, ctx: Context, tokens) -> bool:
    """Every content word of ``tokens`` (Doc indexes) but the field's name is liking."""
    filler = ctx.words("structure", "liking_without_reason")
    pointers = ctx.words("structure", "reason_pointers")
    start = sent.span.start
    named = {i for a, b in sent.hits("structure.specialty") for i in range(a, b)}
    for i in tokens:
        k = i - start
        word, lemma, pos = sent.words[k], sent.lemmas[k], sent.pos[k]
        if word in pointers:
            return False
        if i in named or pos not in _CONTENT:
            continue
        if lemma not in filler and word not in filler:
            return False
    return True


def rejects_why_specialty(sent: SentenceFeatures, ctx: Context) -> bool:
    """A firm no for the learned model too: liking with no reason, the field praised
    only in someone else's words, or a paragraph that never names the field
    (``_field_unnamed``)."""
    return (
        liking_without_reason(sent, ctx)
        or (
            not sent.has("structure.calling")
            and _in_someone_elses_words(sent, ctx, sent.hits("structure.specialty"))
        )
        or _field_unnamed(sent, ctx)
        or _why_medicine(sent, ctx)
    )


def _why_medicine(sent: SentenceFeatures, ctx: Context) -> bool:
    """Why medicine, not why anesthesiology: "It was the kind of night that reminds me why
    I went into medicine in the first place", with nothing of the field in the sentence
    (ANNOTATION.md: why medicine in general is not why_specialty)."""
    hits = sent.hits("structure.why_medicine")
    if not hits or _names_the_field([sent], ctx, ("structure.specialty",)):
        return False
    # "I had entered medicine to treat malaria, but that night showed me ...": a turn away
    turns, start = ctx.words("structure", "turns"), sent.span.start
    return not any(w in turns for w in sent.words[hits[0][1] - start :])


#: What names the field: its name or one of its parts, a draw, a calling (and the words
#: of its work, ``field_words`` in lexicons/structure.toml).
_PULL = ("structure.specialty", "structure.attraction", "structure.calling")


def _field_unnamed(sent: SentenceFeatures, ctx: Context) -> bool:
    """A reflection whose paragraph never names the field, its work or a pull towards
    it ("What stayed with me from that night was how the team worked. ... I have always
    believed that medicine is at its best when people trust each other"): about medicine
    or a team, not why anesthesiology (guide: "why anesthesiology"; ANNOTATION.md: why
    medicine in general is not). A wish that points back to the paragraph before ("That
    was the medicine I wanted, ...") takes the field from there: after an anesthesia
    scene it is why anesthesiology, after a ward scene it is not. A sentence alone is too
    little context to judge."""
    paragraph = ctx.paragraph(sent)
    if len(paragraph) < 2 or _names_the_field(paragraph, ctx):
        return False
    if not ctx.words("structure", "wish_words").isdisjoint(sent.lemmas):
        before = _paragraph_before(paragraph[0], ctx)
        return not (before and _names_the_field(before, ctx))
    return True


def _names_the_field(
    sentences: list[SentenceFeatures], ctx: Context, keys: tuple[str, ...] = _PULL
) -> bool:
    field = ctx.words("structure", "field_words")
    return any(any(s.has(key) for key in keys) or not field.isdisjoint(s.lemmas) for s in sentences)


def _paragraph_before(first: SentenceFeatures, ctx: Context) -> list[SentenceFeatures]:
    """The paragraph that ends just before ``first``, the first sentence of its own."""
    return ctx.paragraph(ctx.sentences[first.index - 1]) if first.index else []


def _field_is_subject(sent: SentenceFeatures) -> bool:
    root = sent.span.root
    return any(
        c.dep_ in ("nsubj", "nsubjpass")
        and c.lemma_.lower()
        in ("anesthesiology", "anesthesia", "anaesthesia", "anesthesiologist", "specialty", "field")
        for c in root.children
    )


def _subject_words(sent: SentenceFeatures) -> set[int]:
    """The token indexes of the main clause's subject when it is not the applicant: the
    sentence is about that subject ("my mentor completed…", "the department where I
    trained…")."""
    subj = subject_of(sent.span.root)
    if subj is None or subj.lower_ in FIRST_PERSON or _the_applicant_among(subj):
        return set()  # "my mentor and I published ...": the applicant is a subject too
    return {t.i for t in subj.subtree}


def _scene_of_subject(verb, about: set[int]) -> bool:
    """The verb only says where or when the sentence's (other) subject was: "The department
    where I trained in Pune received a national award" is the department's; "The protocol I
    drafted was adopted" is the applicant's work (``about``: ``_subject_words``)."""
    if verb.i not in about or verb.dep_ == "csubj":
        # "Presenting our audit at the congress in Accra taught me ...": the gerund that is
        # the subject is the work itself, not a place or time of it
        return False
    clause = verb
    while clause.dep_ != "relcl" and clause.head.i in about and clause.head is not clause:
        clause = clause.head  # "the year I finished … with the independence to present …"
    return clause.dep_ != "relcl" or any(c.lower_ in ("where", "when") for c in clause.children)


def _mine_outside_subject(sent: SentenceFeatures) -> bool:
    """A first-person word outside the subject: "my mentor completed…" is about the mentor."""
    inside = _subject_words(sent)
    start = sent.span.start
    return any(w in FIRST_PERSON and start + k not in inside for k, w in enumerate(sent.words))


_EVIDENCE_SUBJECTS = {
    "letter",
    "letters",
    "poster",
    "paper",
    "study",
    "project",
    "elective",
    "evaluation",
    "research",
    "work",
    "team",
    "observership",
    "externship",
    "rotation",
    "publication",
    "abstract",
}


def _bare_mention(sent: SentenceFeatures, hit, ctx: Context) -> bool:
    """Evidence that needs a number or a name beside it to be more than a mention
    (``needs_specifics``): "I also have a certificate in critical care"."""
    return hit.text.lower() in ctx.words("structure", "needs_specifics") and not any(
        t.like_num or t.pos_ == "PROPN" for t in sent.span
    )


def _a_generic_post(sent: SentenceFeatures, hit, ctx: Context) -> bool:
    """ "I worked as general doctor in Kinshasa": a post any physician holds, with no
    length, count or output beside it, sums up a career as "six years as a physician
    abroad" does (ANNOTATION.md); "I worked as a general practitioner in Kharkiv for two
    years" tells it."""
    doc = sent.span.doc
    if hit.text.lower() not in ("worked as", "working as"):
        return False
    post = doc[hit.end] if hit.end < sent.span.end else None
    while (
        post is not None and post.dep_ in ("det", "amod", "compound") and post.i + 1 < sent.span.end
    ):
        post = doc[post.i + 1]
    if post is None or post.lemma_.lower() not in ctx.words("structure", "generic_posts"):
        return False
    units = ctx.words("structure", "duration_units")
    return not any(t.like_num or t.lemma_.lower() in units for t in sent.span)


def _only_attended(sent: SentenceFeatures, hit, ctx: Context) -> bool:
    """An event the applicant only went to, with no number beside it ("I went to a workshop
    on blood gas interpretation at the national ICU congress"): ANNOTATION.md counts
    "attending a conference or a workshop with no numbers or evaluation" out. Presenting
    at one or teaching one is another verb and stays evidence."""
    event = hit.root
    if event.lemma_.lower() not in ctx.words("structure", "attended_events"):
        return False
    verb = event.head
    if verb.dep_ == "prep":
        verb = verb.head  # "went to a workshop"
    if verb.lemma_.lower() not in ctx.words("structure", "attendance_verbs"):
        return False
    # "a two-day workshop": how long the event lasted is no number of the applicant's
    measures = ctx.words("structure", "measure_units")
    return not any(t.like_num and not _a_measure(t, measures) for t in sent.span)


def _only_says_who(hit, ctx: Context) -> bool:
    """Evidence in a relative clause that only says which people or place the sentence is
    about: "People I have worked with tend to describe me as the calm one", "The attending
    I shadowed is a well-known expert", "At the hospital where I trained, the first case
    could not start until eight" (the sentence tells of them, not of the applicant's
    work). Not the applicant's own work or a count of the people they served as the
    subject ("The audit I led cut readmissions by a third", "The two hundred third-years I
    tutored voted my sessions the best"), nor a place before a clause about the applicant
    ("At a free clinic where I volunteered every Saturday, I took histories in Hindi")."""
    verb = hit.root if hit.root.pos_ in ("VERB", "AUX") else hit.root.head
    if verb.dep_ != "relcl":
        return False
    noun = verb.head
    if noun.dep_ in ("nsubj", "nsubjpass"):
        return noun.lemma_.lower() not in ctx.words("structure", "own_work_nouns") and not any(
            c.dep_ == "nummod" for c in noun.children
        )
    prep = noun.head  # a phrase that opens the sentence: "At the hospital where I trained, ..."
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.i != prep.sent.start:
        return False
    subj = subject_of(prep.head)
    return subj is not None and subj.lower_ not in FIRST_PERSON_ANY


#: Prepositions that make a span of time a date for something else: "four months into my
#: research year", "before my research year".
_DATE_PREPS = frozenset({"into", "before", "after", "since", "until", "by", "during", "in"})


def _only_a_date(hit, ctx: Context) -> bool:
    """Evidence named only as a time another thing happened in: "I sat Step 3 four months
    into my research year and scored 22 points above my CK" (the research year is a date
    here, with no site or output of its own: ANNOTATION.md), "After I came back from the
    observership I gave Step 2 CK and got 228" (a clause of time). Read in exam sentences
    only: elsewhere the time is often the applicant's work told by what was done in it ("I
    learned R during my research year and wrote the analysis code for our study")."""
    units = ctx.words("structure", "duration_units")
    last = hit[-1]  # "research year", or "my research" compounded to the year
    span = last if last.lemma_.lower() in units else last.head if last.dep_ == "compound" else None
    if (
        span is not None
        and span.lemma_.lower() in units
        and span.dep_ == "pobj"
        and span.head.lower_ in _DATE_PREPS
        and not any(c.dep_ == "prep" for c in span.children)  # "my research year at Yale"
    ):
        return True
    # the experience itself in a clause of time, with no place of its own
    noun = hit.root
    if noun.pos_ not in ("NOUN", "PROPN") or any(c.dep_ == "prep" for c in noun.children):
        return False
    clause = _verb_above(noun)  # a clause of time, or one the parser made the root for
    return clause.dep_ in ("advcl", "ROOT") and any(  # want of a comma ("After I came ... I gave")
        c.dep_ in ("mark", "advmod")  # "when" is read as either
        and c.lower_ in ("after", "before", "since", "until", "when", "once")
        for c in clause.children
    )


def _a_measure(number, measures: frozenset[str]) -> bool:
    """ "54-year-old", "two-day", "150-bed": a number joined by a hyphen to a measure."""
    doc = number.doc
    return (
        number.i + 2 < len(doc)
        and doc[number.i + 1].tag_ == "HYPH"
        and doc[number.i + 2].lemma_.lower() in measures
    )


def _found_wanting(hit, ctx: Context) -> bool:
    """Evidence the sentence itself finds wanting: "my final evaluation suffered for it",
    "that year showed me how thin my US letters were", "his letter says nothing about my
    abilities" (``wanting_verbs``, ``wanting_words``)."""
    item = hit.root
    if item.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = item.head
    if is_negated(verb):
        return False
    if verb.lemma_.lower() in ctx.words("structure", "wanting_verbs"):
        return True
    wanting = ctx.words("structure", "wanting_words")
    return any(
        c.dep_ in ("acomp", "attr", "dobj") and c.lemma_.lower() in wanting for c in verb.children
    )


def _a_rotation_abroad(sent: SentenceFeatures, tok, ctx: Context) -> bool:
    """An elective at a place abroad and nowhere in the US ("I made my elective of two months
    in anesthesia in teaching hospital in Cebu"): a rotation abroad, which ANNOTATION.md
    leaves out of why_me (``rotations_abroad``)."""
    return (
        tok.lemma_.lower() in ctx.words("structure", "rotations_abroad")
        and sent.has("structure.place")
        and not sent.has("structure.us_place")
    )


def _named_as_absent(evidence, absence: frozenset[str]) -> bool:
    """The evidence is named as what was missing: "without any hands-on component",
    "without publications" (``absence_preps``: the preposition over it, within its noun
    phrase)."""
    node = evidence.root
    for _ in range(3):
        if node.head is node:
            return False
        node = node.head
        if node.dep_ == "prep":
            return node.lower_ in absence
        if node.pos_ in ("VERB", "AUX"):
            return False
    return False


def _evidence_is_mine(sent: SentenceFeatures, hit, honouring: frozenset[str]) -> bool:
    """The evidence belongs to the applicant: "my poster", a clause whose subject is I/we,
    or a verb by which others singled the applicant out (``honouring``: "awarded me")."""
    doc = sent.span.doc
    tok = doc[hit[0]]
    if tok.lemma_.lower() == "letter":
        # a letter is written for the applicant, when the sentence is about the applicant
        return sent.first_person
    for node in (tok, tok.head):
        if any(c.dep_ == "poss" and c.lower_ in ("my", "our") for c in node.children):
            return True
    if _claimed_as_done(doc[hit[1] - 1]):
        return True  # "The airway registry I started in Colombo ..."
    if "VERB" not in sent.pos and "AUX" not in sent.pos:
        return True  # a line of a CV, no verb at all: "ACLS and PALS, 2023; ATLS, 2022."
    node = tok
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX"):
            if _given_to_me(node, tok, honouring):
                return True  # "awarded me its gold medal", "nominated me for the award"
            subj = subject_of(node)
            if (
                subj is None
                and node.dep_ == "acl"
                and node.head.dep_ == "ROOT"
                and not any(c.dep_ == "agent" for c in node.children)
            ):
                # a sentence's verb read as a modifier of its subject, which then heads the
                # sentence: "My father, a surgeon in Accra for thirty years, operated on
                # thousands of patients" (the noun did it)
                subj = node.head
            if subj is not None:
                if subj.lower_ in FIRST_PERSON_ANY or _the_applicant_among(subj):
                    return True  # also "my classmates and I organised ..."
                if any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in node.children):
                    return True  # "My mentor and I published ...", parsed as two subjects
                if subj.lower_ not in ("it", "this", "that", "which", "who", "there"):
                    # "My poster won second prize" yes; "my mother worked as a midwife" no
                    mine = any(c.lower_ in ("my", "our") for c in subj.subtree)
                    return mine and subj.lemma_ in _EVIDENCE_SUBJECTS
        if node.head is node:
            break
        node = node.head
    return _mine_outside_subject(sent)


def _me_as_object(verb) -> bool:
    """ "awarded me", "offered me a place": the applicant is what the verb was done to."""
    return any(c.dep_ in ("dobj", "dative") and c.lower_ == "me" for c in verb.children)


def _given_to_me(verb, evidence, honouring: frozenset[str]) -> bool:
    """Others gave the evidence to the applicant: "my school awarded me its gold medal",
    "nominated me for the award", "gave me the best intern award" (but not "the paper
    inspired me", "taught me", "gave me the pace I had been missing")."""
    if not _me_as_object(verb):
        return False
    lemma = verb.lemma_.lower()
    return lemma in honouring or (
        lemma == "give" and evidence.head == verb and evidence.dep_ == "dobj"
    )


def detect_why_me(sent: SentenceFeatures, ctx: Context) -> list[str]:
    if sent.has("structure.not_evidence") or _about_someone_else(sent, ctx):
        return []
    if _future_marked(sent) or (sent.future and not sent.past):
        return _done_before_the_plan(sent, ctx)
    generic = ctx.words("structure", "generic_claims")
    text = sent.span.text.lower()
    claims = any(g in text for g in generic)
    if "blame" not in sent.tags and "exam" not in sent.tags and not claims:
        # what an evaluator wrote is evidence, also in a sentence about readiness; a
        # cliche in someone else's mouth is not ("my attendings said I am a quick learner")
        feedback = reported_feedback(sent, ctx)
        if feedback:
            return [f"feedback: {feedback[0]!r}"]
    if "blame" in sent.tags:
        return []
    if "why_now" in sent.tags and not sent.has("structure.achievement"):
        # readiness that sums experience up is why now only; readiness that cites a role or
        # a record with its length or count is why you too ("After four years as a senior
        # house officer in anesthesia at Tripoli Central Hospital, I have reached a point")
        if not _names_a_workplace(sent, ctx):
            # "After six years as a physician abroad, I am ready": a summary; a count of the
            # applicant's own work is not ("I am ready: 1,450 general anesthetics as primary
            # provider, a signed logbook ...")
            return own_count(sent, ctx)
        return (
            clinical_years(sent, ctx)
            or earlier_role(sent, ctx)
            or tenure(sent, ctx)
            or own_count(sent, ctx)
        )
    where = (
        us_experience(sent, ctx)
        or clinical_years(sent, ctx)
        or earlier_role(sent, ctx)
        or tenure(sent, ctx)
        or own_count(sent, ctx)
        or cv_line(sent, ctx)
        or offered_a_place(sent, ctx)
        or trusted_with_work(sent, ctx)
        or output_in_use(sent, ctx)
        or work_with_an_impact(sent, ctx)
    )
    if where:
        return where
    if not _mine_outside_subject(sent) and not sent.has("structure.evidence"):
        return []
    if claims and not sent.has("structure.evidence"):
        return []  # "I am a team player": a claim, not evidence
    honouring = ctx.words("structure", "honouring_verbs")
    unrealised = _UnrealisedWords.of(ctx)
    absence = ctx.words("structure", "absence_preps")
    evidence = [
        sent.span.doc[a:b].text
        for a, b in sent.hits("structure.evidence")
        if _evidence_is_mine(sent, (a, b), honouring)
        and not _unrealised_hit(sent.span.doc[a:b], unrealised)
        and not _named_as_absent(sent.span.doc[a:b], absence)
        and not _a_rotation_abroad(sent, sent.span.doc[a], ctx)
        and not _bare_mention(sent, sent.span.doc[a:b], ctx)
        and not _a_generic_post(sent, sent.span.doc[a:b], ctx)
        and not _only_attended(sent, sent.span.doc[a:b], ctx)
        and not ("exam" in sent.tags and _only_a_date(sent.span.doc[a:b], ctx))
        and not _only_says_who(sent.span.doc[a:b], ctx)
        and not _found_wanting(sent.span.doc[a:b], ctx)
        and not _one_among(sent.span.doc[b - 1], ctx)
    ]
    if evidence:
        return [f"evidence: {evidence[0]!r}"]
    if "anecdote" in sent.tags or "exam" in sent.tags:
        return []
    doc = sent.span.doc
    specific = None  # a number or a name in the sentence: asked when needed
    about = _subject_words(sent)
    for a, _ in sent.hits("structure.achievement"):
        verb = doc[a]
        if (
            verb.pos_ != "VERB"
            or is_negated(verb)
            or _scene_of_subject(verb, about)
            or _only_says_who(doc[a : a + 1], ctx)
        ):
            continue
        if not _done_by_the_applicant(verb):
            continue
        if specific is None:
            specific = any(t.like_num or t.pos_ == "PROPN" for t in sent.span)
        if specific:
            return [f"did: {verb.text!r}"]
    return []


#: Verbs whose complement is a plan or a wish: what it says has not been done.
_PLAN_VERBS = frozenset(
    "plan hope want wish intend aim aspire seek expect like love prepare look".split()
)
_WILL = frozenset({"will", "'ll", "shall", "would"})


def _planned(tok) -> bool:
    """``tok`` is inside what a plan or a wish is about: the complement of "plan", "hope",
    "want to"..., or a clause with "will" ("I plan to pursue a [fellowship]"), not a clause
    beside it ("[Building on my two publications], I plan to ...")."""
    node = tok
    while True:
        if node.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "aux" and c.lower_ in _WILL for c in node.children
        ):
            return True
        if node.head.i == node.i:
            return False
        if node.dep_ in ("xcomp", "ccomp") and node.head.lemma_.lower() in _PLAN_VERBS:
            return True
        node = node.head


def _in_done_clause(tok, start: int) -> bool:
    """``tok`` is inside a participle clause that opens the sentence (``start``), before
    the plan: "[After teaching ACLS to 150 nurses], ...", "[Building on my two
    publications], ...", "[Having built the first pain clinic], ..." (not "I see myself
    running a research group", which is the plan)."""
    node = tok
    while node.head.i != node.i:
        if (
            node.tag_ in ("VBG", "VBN")
            and node.dep_ in ("advcl", "pcomp")
            and node.left_edge.i <= start + 1
        ):
            return True
        node = node.head
    return False


def _done_before_the_plan(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """Evidence already done, told beside a plan: "After teaching ACLS to 150 nurses in
    Amman, I want to keep teaching", "Building on my two publications in obstetric
    anesthesia, I plan to pursue a fellowship" (ANNOTATION.md: a sentence that cites
    completed, specific work is why_me beside its other tag). What the plan is about
    ("a fellowship") is not evidence."""
    if "exam" in sent.tags or "blame" in sent.tags:
        return []
    doc = sent.span.doc
    honouring = ctx.words("structure", "honouring_verbs")
    unrealised = _UnrealisedWords.of(ctx)
    absence = ctx.words("structure", "absence_preps")
    for a, b in sent.hits("structure.evidence"):
        if (
            (_in_done_clause(doc[a], sent.span.start) or _claimed_as_done(doc[b - 1]))
            and not is_negated(_verb_above(doc[a]))  # "Having never published a paper, ..."
            and not any(_planned(doc[i]) for i in range(a, b))
            and _evidence_is_mine(sent, (a, b), honouring)
            and not _unrealised_hit(doc[a:b], unrealised)
            and not _named_as_absent(doc[a:b], absence)
        ):
            return [f"done before the plan: {doc[a:b].text!r}"]
    work = _work_in_the_done_clause(sent, ctx)
    if work:
        return work
    for a, b in sent.hits("structure.own_count"):
        # "building on the 200 ultrasound-guided blocks I already logged in Ankara": a count
        # the applicant's own clause tells as done, whatever plan it is cited for
        if _claimed_as_done(doc[b - 1]):
            return [f"done before the plan: {doc[a:b].text!r}"]
    return []


#: A year written in digits: "2015", "1998".
_YEAR = re.compile(r"^(19[5-9][0-9]|20[0-9][0-9])$")


#: Verbs by which one meets someone else's work: "the poster I saw", "the paper I read".
_PERCEIVING = frozenset("see read watch hear find like love admire attend notice".split())


def _claimed_as_done(noun) -> bool:
    """The noun's own relative clause tells it as the applicant's, and done: "the 200 blocks
    I already logged in Ankara", "the airway registry I started in Colombo"."""
    return any(
        c.dep_ == "relcl"
        and c.lemma_.lower() not in _PERCEIVING  # "the poster I saw at a conference"
        and _the_applicant_among(subject_of(c))
        and _told_as_done(c)
        for c in noun.children
    )


def _work_in_the_done_clause(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """Work done, told in the participle clause that opens a sentence about a plan or
    readiness, with a length, a number or a name: "Having published two studies on regional
    anesthesia for hip fractures, I plan ...", "Having run a ventilated ICU alone at night
    for three years in Kassala, I am ready ...". Not "Having failed Step 1, I plan ..."
    (no work verb), nor a plan's own clause ("I plan to publish two studies")."""
    doc = sent.span.doc
    verbs = ctx.joined("structure", "career_verbs", "made_verbs")
    candidates = [doc[a] for a, _ in sent.hits("structure.achievement")]
    candidates += sent.tokens_with(sent.lemmas, verbs)
    units = ctx.words("structure", "duration_units")
    quantifiers = ctx.words("structure", "duration_quantifiers")
    for verb in candidates:
        if (
            verb.tag_ != "VBN"
            or not _told_as_done(verb)
            or not _in_done_clause(verb, sent.span.start)
            or is_negated(verb)
            or not _done_by_the_applicant(verb)
        ):
            continue
        # a number or a name of the verb's own clause, not of a deeper one ("Having
        # trained where one ventilator served a whole ward")
        specific = _length_of(verb, units, quantifiers) or any(
            (t.like_num or (t.pos_ == "PROPN" and t.lower_ not in _COUNTRY_WIDE))
            and _verb_above(t.head).i == verb.i
            for t in verb.subtree
            if t.i != verb.i
        )
        if specific:
            return [Firm(f"done before the plan: {verb.text!r}")]
    return []


#: The shortest stay that counts as clinical years (ANNOTATION.md: "a two-month elective
#: abroad is a rotation abroad, not why_me").
MIN_MONTHS = 6


def clinical_years(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """Earlier clinical work or training told with its length (ANNOTATION.md: earlier
    careers and training with specifics are why_me): the applicant worked, served,
    trained or spent a year or more (or six months or more) in a clinical role or place.
    "After internship I worked for two years as a resident in anesthesia in Cairo",
    "I completed two years of compulsory service as a general practitioner in Van".

    Not: plans or wishes ("I will work two more years"), negation, someone else ("my father
    worked twenty years as a surgeon"), a short stay ("a two-month elective"), time with no
    clinical role or place ("I spent three years preparing")."""
    verbs = ctx.words("structure", "career_verbs")
    settings = ctx.words("structure", "career_settings")
    units = ctx.words("structure", "duration_units")
    quantifiers = ctx.words("structure", "duration_quantifiers")
    if settings.isdisjoint(sent.lemmas) and settings.isdisjoint(sent.words):
        return []
    for verb in sent.tokens_with(sent.lemmas, verbs):
        if verb.pos_ != "VERB" or is_negated(verb):
            continue
        if _not_done(verb) or not _told_as_done(verb):
            continue
        if not _done_by_the_applicant(verb):
            continue
        length = _length_of(verb, units, quantifiers)
        if length is not None:
            # work going on since a year, and work told as finished in a perfect participle
            # ("Having worked two years in general practice in Accra, ..."), are forms the
            # model saw too few of to judge
            evidence = f"clinical years: {length!r}"
            ongoing = length.split()[0].lower() in ("since", "from")
            finished = verb.tag_ == "VBN" and _in_done_clause(verb, sent.span.start)
            return [Firm(evidence) if ongoing or finished else evidence]
    return []


def earlier_role(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """An earlier role told with its length where ``clinical_years`` has no verb to read:
    "I was a pharmacist for four years before medicine" (the applicant is the role), "after
    six years like nurse anesthetist in Kumasi", "five years in ambulance gave me ..." (the
    years are spent in the role, in a sentence about the applicant)."""
    if not sent.first_person:
        return []
    settings = ctx.words("structure", "career_settings")
    units = ctx.words("structure", "duration_units")
    quantifiers = ctx.words("structure", "duration_quantifiers")
    for tok in sent.span:
        # a length told in numbers ("four years", "a year"; not "many years"), of the role:
        # "for four years", "four years as a nurse" (not "eight months out of school")
        if tok.lemma_.lower() not in units or not _long_enough(tok, quantifiers & {"a", "an"}):
            continue
        if _someone_elses(tok):
            continue  # "my father's thirty years as a surgeon"
        as_role = any(p.dep_ == "prep" and p.lower_ in ("as", "like") for p in tok.children)
        # "Last three years I am the only doctor who is giving anaesthesia in ...": the
        # length told as an adverb of the clause that names the role
        adverb = tok.dep_ == "npadvmod" and tok.head.lemma_ == "be"
        if (
            not as_role
            and not adverb
            and not (tok.dep_ == "pobj" and tok.head.lower_ in ("for", "after", "over"))
        ):
            continue
        roles = [
            c
            for p in tok.children
            if p.dep_ == "prep" and p.lower_ in ("as", "like")
            for c in p.children
            if c.dep_ == "pobj" and c.lemma_.lower() in settings
        ]
        verb = _verb_above(tok.head)  # "a pharmacist for four years": the years hang on the role
        if verb.lemma_ == "be" and (subj := subject_of(verb)) is not None and subj.lower_ == "i":
            roles += [c for c in verb.children if c.dep_ == "attr" and c.lemma_.lower() in settings]
        if roles and not is_negated(verb):
            return [Firm(f"earlier role: {tok.text!r} as {roles[0].text!r}")]
    return []


def tenure(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """A stretch of the applicant's work told as a phrase, with its length, its field and
    where it was done, whatever the sentence is mainly about: "my two years of research at
    the University of Michigan showed me ...", "After six years in general surgery in
    Asuncion, I realised ...", "As a pharmacist for five years in Alexandria I prepared
    ...", "With a year of supervised ICU night shifts in Almaty behind me, I am ready".
    (ANNOTATION.md: earlier careers and training with specifics are why_me.)

    The length is the applicant's: "my" years (also "my seventh year as internist in
    Caracas"), years after "for", "after", "over", "with" or "during" in a clause whose
    subject is "I", or years that are the subject of what they did to the applicant ("Four
    years of intensive care at the Republic Hospital in Tbilisi showed me ..."). Not
    without a place ("I have been a physician for nine years": a summary), not someone
    else's ("my father's thirty years as a surgeon in Kano"), not a patient's ("two years
    after surgery")."""
    fields = _work_fields(ctx)
    units = ctx.words("structure", "duration_units")
    quantifiers = ctx.words("structure", "duration_quantifiers") & {"a", "an"}
    for tok in sent.span:
        if tok.lemma_.lower() not in units or _someone_elses(tok):
            continue
        lasted = None  # the applicant's verb that lasted this long ("For two years I ...")
        mine = any(c.dep_ == "poss" and c.lower_ in ("my", "our") for c in tok.children)
        # "my seventh year as internist in Caracas" in a readiness sentence; in a scene's
        # time ("In my second year of rural service in Choco, a woman came ...") it is not
        later = mine and "why_now" in sent.tags and _a_later_year(tok)
        if not (_long_enough(tok, quantifiers) or later):
            continue
        if not mine and tok.dep_ == "nsubj":
            verb = tok.head
            years = {t.i for t in tok.subtree}
            if is_negated(verb) or not any(
                t.lower_ in ("me", "i") for t in verb.subtree if t.i not in years
            ):
                continue
        elif not mine and tok.dep_ == "dobj":
            # "I did two years of surgical training in Kharkiv", "I spent three years in
            # the ICU of Mulago": the years are what the applicant's work verb took
            verb = tok.head
            if (
                verb.lemma_.lower() not in ctx.words("structure", "career_verbs")
                or not _done_by_the_applicant(verb)
                or not _told_as_done(verb)
                or is_negated(verb)
            ):
                continue
        elif not mine:
            if tok.dep_ != "pobj" or tok.head.lower_ not in (
                "for",
                "after",
                "over",
                "with",
                "during",
            ):
                continue
            verb = _verb_above(tok.head)
            if (
                verb.pos_ not in ("VERB", "AUX")
                or not _done_by_the_applicant(verb)
                or is_negated(verb)
            ):
                continue
            if tok.head.lower_ in ("for", "over"):
                lasted = verb
        # the field: in the length's own phrase ("of research", "in general surgery", "as a
        # house officer"), or the role the length hangs on ("a pharmacist for five years"),
        # or where the applicant did what lasted that long ("For two years I interpreted
        # for Arabic-speaking patients at a free clinic in Dearborn")
        phrase = [t for p in tok.children if p.dep_ == "prep" for t in p.subtree]
        if tok.head.lower_ == "for" and tok.head.head.pos_ == "NOUN":
            role = tok.head.head
            phrase += [role, *(t for p in role.children if p.dep_ == "prep" for t in p.subtree)]
        field = next((t for t in phrase if t.lemma_.lower() in fields), None)
        if field is None and lasted is not None:
            # its verb, a verb joined to it ("read ... and sat ... at") or their object, as
            # the parser may hang the place on it ("tutored students at a hospital in ...");
            # the field is the place itself ("at a free clinic", "at a palliative care
            # home"), not what is near it ("in a shared apartment near the hospital")
            verbs = (lasted, *(c for c in lasted.children if c.dep_ == "conj"))
            heads = (*verbs, *(c for v in verbs for c in v.children if c.dep_ == "dobj"))
            sites = [
                p
                for h in heads
                for p in h.children
                if p.dep_ == "prep" and p.lower_ in _LOCATIVE and p.i != tok.head.i
            ]
            field = next(
                (
                    t
                    for p in sites
                    for site in p.children
                    if site.dep_ == "pobj"
                    for t in (site, *site.children)
                    if t.dep_ in ("pobj", "compound", "amod") and t.lemma_.lower() in fields
                ),
                None,
            )
            phrase += [t for p in sites for t in p.subtree]
        place = any(
            t.pos_ == "PROPN"
            and t.dep_ in ("pobj", "compound")
            and t.lower_ not in _COUNTRY_WIDE
            and t.lemma_.lower() not in fields  # "in the ICU" is no place
            for t in phrase
        )
        if field is not None and place:
            return [f"tenure: {tok.text!r} of {field.text!r}"]
    return []


#: Ordinals past the first: "my seventh year" is a year or more.
_LATER_ORDINALS = frozenset(
    "second third fourth fifth sixth seventh eighth ninth tenth 2nd 3rd 4th 5th 6th 7th 8th "
    "9th 10th".split()
)


def _a_later_year(unit) -> bool:
    """ "my seventh year", "my second year": an ordinal past the first, so a year or more."""
    return (
        any(c.dep_ == "amod" and c.lower_ in _LATER_ORDINALS for c in unit.children)
        and unit.lemma_.lower() == "year"
    )


def cv_line(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """A line of a CV, with no verb: a role or a credential with where and when it was held
    ("Two years ICU registrar, Kampala.", "Anesthesia officer in Gondar 2019-2021",
    "anesthesiology clerkship, University of Miami, 2023"). Not a scene's time and place
    ("Lagos University Teaching Hospital, 2 a.m.": no role), not a referee's line ("Dr.
    Okafor, consultant anaesthetist, Lagos, 2019": a titled person)."""
    bracketed = _in_brackets(sent.span)
    if any(t.dep_ == "nsubj" and t.head.i not in bracketed for t in sent.span) or any(
        t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") and t.i not in bracketed
        for t in sent.span
    ):
        # a verb, or a subject with its verb mistagged ("Anesthesiologists ... complete");
        # a participle that modifies a noun is no verb here ("Phrenic-sparing blocks")
        return []
    roles = ctx.words("structure", "cv_roles")
    role = next((t for t in sent.span if t.lemma_.lower() in roles), None)
    if role is None or _someone_elses(role) or any(_titled(t) for t in sent.span):
        return []
    fields = _work_fields(ctx)
    place = any(
        t.pos_ == "PROPN" and t.lemma_.lower() not in fields and t.lemma_.lower() not in roles
        for t in sent.span
    )
    units = ctx.words("structure", "duration_units")
    quantifiers = ctx.words("structure", "duration_quantifiers") & {"a", "an"}
    when = any(
        re.search(r"\b(19[5-9][0-9]|20[0-9][0-9])\b", t.text)
        or (t.lemma_.lower() in units and _long_enough(t, quantifiers))
        for t in sent.span
    )
    if place and when:
        return [Firm(f"a CV line: {role.text!r}")]
    return []


def _in_brackets(span) -> set[int]:
    """Indexes of the tokens between round brackets: a CV line's aside ("(3 years,
    completed 2021)") is no verb of the line."""
    inside, depth = set(), 0
    for t in span:
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(0, depth - 1)
        elif depth:
            inside.add(t.i)
    return inside


def _work_fields(ctx: Context) -> frozenset[str]:
    """``career_settings`` and ``tenure_fields``: the fields a stretch of work is spent in,
    joined once a draft."""
    return ctx.joined("structure", "career_settings", "tenure_fields")


def _someone_elses(tok) -> bool:
    """``tok`` is owned by someone other than the applicant: "my father's thirty years",
    "her two years"."""
    return any(c.dep_ == "poss" and c.lower_ not in ("my", "our") for c in tok.children)


def _verb_above(tok):
    """``tok`` if it is a verb, else the nearest verb above it (or the root)."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _long_enough(unit, quantifiers: frozenset[str]) -> bool:
    """ "four years", "a year", "18 months": a year or more, or ``MIN_MONTHS`` months."""
    for mod in unit.children:
        ordinal = re.search(r"(st|nd|rd|th)$", mod.lower_) or mod.lower_ in (
            "first",
            "second",
            "third",
        )
        if mod.dep_ in ("nummod", "det", "quantmod", "amod") and (
            mod.lower_ in quantifiers or (mod.like_num and not ordinal)
        ):
            return unit.lemma_.lower() != "month" or _number(mod) >= MIN_MONTHS
    return False


def _the_applicant_among(doer) -> bool:
    """The doer is the applicant, alone or with others: "I", "my classmates and I", and as
    non-native writers say it, "me and my friend", "my classmates and me"."""
    if doer is None:
        return False
    if doer.lower_ == "i" or (doer.lower_ == "me" and doer.dep_ == "nsubj"):
        return True
    return any(c.dep_ == "conj" and c.lower_ in ("i", "me") for c in doer.children)


def _done_by_the_applicant(verb) -> bool:
    """The applicant did what ``verb`` says: its subject is "I" or "we" (also through a
    participle clause: "Having run a ventilated ICU ..., I am ready"), or it is a gerund
    with no subject of its own that is the subject of what it did to the applicant
    ("Running the ICU at night in Mosul for two years taught me ...", "Presenting a case at
    grand rounds at the Cleveland Clinic showed me ..."). Not "Watching my mentor ... taught
    me", where the gerund's own object is the doer: the verb lists decide what is work."""
    doer = subject_of(verb)
    if any(c.dep_ == "agent" and any(p.lower_ == "me" for p in c.children) for c in verb.children):
        return True  # "The register was kept by me for two years"
    if doer is not None:
        # also "my classmates and me", and "my mentor and I" parsed as two subjects; not
        # "me" that a verb controls ("let me write them")
        return (
            doer.lower_ in ("i", "we")
            or any(c.dep_ == "conj" and c.lower_ in ("i", "me") for c in doer.children)
            or any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in verb.children)
        )
    if verb.tag_ != "VBG" or verb.dep_ not in ("csubj", "nsubj"):
        return False
    # "me" is what the subject did it to, or the subject of its complement ("made me the
    # person the nurses came to find"), not a word inside the gerund's own clause
    near = {verb.head.i, *(c.i for c in verb.head.children if c.i != verb.i)}
    return any(t.lower_ == "me" and t.head.i in near for t in verb.head.subtree)


def own_count(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """A count of the applicant's own work or a place among peers (``structure.own_count``)
    in a sentence about the applicant, not about someone else ("My father operated on 300
    patients", "the hospital of 300 beds")."""
    subj = subject_of(sent.span.root)
    if subj is not None and subj.lemma_.lower() in ctx.words("structure", "others_record_subjects"):
        return []  # "My mentor has published over 100 papers"
    doc = sent.span.doc
    works = ctx.words("structure", "own_work_nouns")
    measures = ctx.words("structure", "measure_units")
    for a, b in sent.hits("structure.own_count"):
        if _a_rate(doc, b):
            continue  # "200 patients in a day": a load told, not a record (the IMG perspective)
        if _a_measure(doc[a], measures):
            continue  # "a 54-year-old woman", "a 150-bed hospital": an attribute, not a count
        if _one_among(doc[b - 1], ctx):
            continue  # "I was one of 120 students in my class": a place in a crowd, no record
        verb = _verb_above(doc[a])
        doer = subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
        # "Managing 350 post-bypass patients as an internist showed me ...": a gerund
        # with no subject of its own, in a sentence about the applicant, is their doing
        gerund = doer is None and verb.tag_ == "VBG" and verb.dep_ in ("csubj", "nsubj", "pcomp")
        # "My 300 anesthetics in a field hospital taught me ...": the count is the applicant's
        mine = has_my(doc[b - 1])
        # "not the 300 spinals I gave in Mwanza": the count's own clause is the applicant's
        claimed = any(
            c.dep_ == "relcl" and _the_applicant_among(subject_of(c)) for c in doc[b - 1].children
        )
        # "National anaesthesiology specialisation exam of Turkey, 2020 - ranked 14th of
        # 1,100": a line with no subject at all is the applicant's CV
        cv = doer is None and not ({"nsubj", "nsubjpass", "csubj"} & set(sent.deps))
        # "My trial of ketamine ... recruited 140 women": the applicant's own study counted
        work = doer is not None and doer.lemma_.lower() in works and has_my(doer)
        if _the_applicant_among(doer) or gerund or mine or claimed or cv or work:
            return [Firm(f"own count: {doc[a:b].text!r}")]
    return []


def _one_among(noun, ctx: Context) -> bool:
    """ "one of 120 students", "among 300 graduates": the applicant counted in a crowd; not
    a few chosen ("one of twelve trainees from across Pakistan selected for the national
    course": ``honouring_verbs``)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("of", "among", "amongst"):
        return False
    if not any(c.dep_ == "nummod" for c in noun.children):
        return False  # "one of my letters" names the letter
    honouring = ctx.words("structure", "honouring_verbs")
    if any(
        c.dep_ in ("acl", "relcl") and c.lemma_.lower() in honouring
        for c in (*noun.children, *prep.head.children)  # "one ... selected"
    ):
        return False
    return prep.lower_ != "of" or prep.head.lower_ in ("one", "each", "any", "none")


def trusted_with_work(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """Work handed to the applicant by those who supervised it ("the attending let me read
    out the plan for each patient at the morning huddle"), outside a scene and not in a plan
    or a wish. "My Arabic lets me take histories" is the IMG perspective; "the consultant
    allowed me to insert the LMA for a small girl" is a moment of a story."""
    supervisors = ctx.words("structure", "supervisors")
    for a, b in sent.hits("structure.trusted"):
        verb = sent.span.doc[a]
        if "anecdote" in sent.tags and not _habitual(sent.span.doc[b - 1]):
            continue
        if verb.lower_ in ("was", "were", "been"):
            # "I was given the responsibility of airway trolley checks": handed to the
            # applicant, by whoever supervised them
            given = sent.span.doc[a + 1]
            receiver = subject_of(given)
            if receiver is not None and receiver.lower_ == "i" and not is_negated(given):
                return [f"trusted: {sent.span.doc[a : a + 3].text!r}"]
            continue
        giver = subject_of(verb)
        if (
            giver is not None
            and (giver.lemma_.lower() in supervisors or _titled(giver))
            and not is_negated(verb)
            and not _not_done(verb)
        ):
            return [f"trusted: {sent.span.doc[a : a + 3].text!r}"]
    return []


def work_with_an_impact(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """The applicant's own work as the subject of what it changed: "Our regional block
    protocol cut average pain scores on the orthopaedic ward from 6 to 3", "My work on a
    blood-transfusion audit in Kano changed the hospital policy for 11 wards", "My team's
    proposal ... won the hospital innovation challenge" (ANNOTATION.md: an output, evidence
    in deed). Not the hospital's ("Our hospital's protocol cut ..."), not a hope ("my
    project could reduce ...")."""
    works = ctx.words("structure", "own_work_nouns")
    impacts = ctx.words("structure", "impact_verbs")
    for tok in sent.span:
        if tok.dep_ != "nsubj" or tok.lemma_.lower() not in works:
            continue
        verb = tok.head
        # a past; "cut" reads as either tense, and a past the parser tags as a participle
        # heads the sentence with no auxiliary ("My team's checklist ... reduced ...")
        done = (
            verb.tag_ == "VBD"
            or verb.lower_ == "cut"
            or (verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children))
        )
        if verb.lemma_.lower() not in impacts or not done or is_negated(verb):
            continue
        if _owned_by_me(tok):
            return [f"work with an impact: {tok.text!r} {verb.text!r}"]
    return []


def _owned_by_me(noun) -> bool:
    """ "my project", "our protocol", "my team's proposal" (not "our hospital's protocol")."""
    for c in noun.children:
        if c.dep_ != "poss":
            continue
        if c.lower_ in ("my", "our"):
            return True
        if c.lemma_.lower() in ("team", "group") and any(
            g.dep_ == "poss" and g.lower_ in ("my", "our") for g in c.children
        ):
            return True
    return False


def output_in_use(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """Something the applicant made that others went on to use: "After the central line
    checklist I drafted was adopted, ...", "I made one pocket card of infusion doses, still
    it is taped on every bay", "... the sedation chart, now it is used in all 3 ICUs"
    (ANNOTATION.md: an output, evidence in deed). Not a plan ("I will write a protocol that
    others can use") and not the hospital's own ("the hospital adopted a new checklist")."""
    made = ctx.words("structure", "made_verbs")
    adopted = ctx.words("structure", "adoption_words")
    if adopted.isdisjoint(sent.lemmas) and adopted.isdisjoint(sent.words):
        return []
    mine = [
        v
        for v in sent.tokens_with(sent.lemmas, made)
        if v.pos_ == "VERB"
        and not is_negated(v)
        and not _not_done(v)
        and not _planned(v)
        and (s := subject_of(v)) is not None
        and s.lower_ in ("i", "we")
    ]
    # what was made: the verb's object, or the noun it describes ("the checklist I drafted"),
    # or a work of the applicant's named as theirs ("the hospital board approved my
    # proposal for a second recovery bay")
    made_things = {c.i for v in mine for c in v.children if c.dep_ == "dobj"}
    made_things |= {v.head.i for v in mine if v.dep_ == "relcl"}
    outputs = ctx.words("structure", "own_outputs")
    named = [t for t in sent.span if t.lemma_.lower() in outputs and has_my(t)]
    made_things |= {t.i for t in named}
    if not made_things:
        return []
    for use in sent.tokens_with_either(adopted):
        verb = use.pos_ == "VERB" or use.tag_.startswith("VB")  # "it is taped" may read ADJ
        if not verb or is_negated(use) or _planned(use) or use.i in made_things:
            continue
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in use.children):
            continue  # "ready to be used": not used yet
        # used is what was made, or "it" / "which" standing for it
        things = [c for c in use.children if c.dep_ in ("nsubjpass", "dobj", "nsubj")]
        if not any(t.i in made_things or t.lower_ in ("it", "they", "which") for t in things):
            continue
        user = subject_of(use)
        if user is None or user.lower_ not in ("i", "we"):
            what = mine[0] if mine else named[0]
            return [Firm(f"output in use: {what.text!r} … {use.text!r}")]
    return []


def _names_an_institution(sent: SentenceFeatures, ctx: Context) -> bool:
    """A named place of work: "Tripoli Central Hospital", "the Japanese Society of
    Anesthesiologists" (a proper name that holds ``institution_words``)."""
    institutions = ctx.words("structure", "institution_words")
    return any(
        t.pos_ == "PROPN"
        and (t.lemma_.lower() in institutions or any(c.lower_ in institutions for c in t.children))
        for t in sent.span
    )


#: Names of a whole country that say where, but no more than "abroad" does.
_COUNTRY_WIDE = frozenset({"us", "u.s.", "usa", "u.s.a.", "america", "united", "states", "uk"})


def _names_a_workplace(sent: SentenceFeatures, ctx: Context) -> bool:
    """A named place of work (``_names_an_institution``) or the place where the work was
    done: "After eight years as a consultant anaesthetist in Lagos"; not "in the US" or
    "in America", which sum up as "abroad" does."""
    if _names_an_institution(sent, ctx):
        return True
    return any(
        t.pos_ == "PROPN"
        and t.dep_ == "pobj"
        and t.head.lower_ in ("in", "at")
        and t.lower_ not in _COUNTRY_WIDE
        for t in sent.span
    )


def _habitual(work) -> bool:
    """The work handed over is a kind of work, not a moment of a story: it came after a
    stretch of time ("By my fourth month, Dr. Farooq let me induce ...", "After my first
    year my consultant asked me to train the new house officers") or is done every time
    ("every morning"); not "the attending ... asked me to review the images with him"."""
    return any(
        t.lower_ in ("every", "each") or t.lemma_.lower() in ("week", "month", "year")
        for t in work.sent
    )


#: The titles that make a name a person's: "Dr. Farooq", "Prof. Adeyemi".
_PERSON_TITLES = frozenset({"dr", "prof", "professor"})


def _titled(person) -> bool:
    """A person named with a title: "Dr. Farooq", "Prof. Adeyemi", "my consultant Prof.
    Adeyemi" (the title beside the name)."""
    return person.pos_ == "PROPN" and any(
        t.lower_.rstrip(".") in _PERSON_TITLES for t in person.children
    )


_RATE_UNITS = frozenset({"day", "morning", "afternoon", "evening", "night", "shift"})


def _a_rate(doc, end: int) -> bool:
    """ "a day", "per day", "each night", "in one morning", "in a single shift" right after
    the count: a load told, not a record."""
    after = [t.lower_ for t in doc[end : end + 4]]
    if after[:1] == ["in"]:
        after = after[1:]
    if after[:1] in (["a"], ["one"]) and after[1:2] == ["single"]:
        after = after[:1] + after[2:]
    return (
        len(after) >= 2
        and after[0] in ("a", "per", "each", "every", "one")
        and after[1] in _RATE_UNITS
    )


def _told_as_done(verb) -> bool:
    """Past ("worked"), present perfect ("have worked") or a past progressive ("was
    working")."""
    if verb.tag_ == "VBD":
        return True
    # the parser lemmatizes "Having" (of "Having run a ventilated ICU ...") as "having"
    aux = [c.lemma_.lower() for c in verb.children if c.dep_ == "aux"]
    if verb.tag_ == "VBN" and ("have" in aux or "having" in aux):
        return True
    if verb.tag_ == "VBG" and "be" in aux:
        return True
    # "Running the ICU at night in Mosul for two years taught me ...": a gerund that is
    # the subject of something done
    return verb.tag_ == "VBG" and verb.dep_ == "csubj" and _told_as_done(verb.head)


def _length_of(verb, units: frozenset[str], quantifiers: frozenset[str]) -> str | None:
    """The length of time the verb's own clause gives ("for two years", "two years",
    "18 months"), if at least ``MIN_MONTHS``, or the year it has gone on since ("I have
    been doing anesthesia in Aleppo since 2015", "from 2019 until today"), for work still
    going on; not one inside a deeper clause."""
    ongoing = verb.tag_ in ("VBG", "VBP", "VBZ") or any(
        c.dep_ == "aux" and c.lower_ in ("have", "has", "'ve") for c in verb.children
    )
    for prep in verb.children:
        if ongoing and prep.dep_ == "prep" and prep.lower_ in ("since", "from"):
            year = next(
                (c for c in prep.children if c.dep_ == "pobj" and _YEAR.match(c.text)), None
            )
            if year is not None:
                return f"{prep.text} {year.text}"
    for token in verb.subtree:
        unit = token.lemma_.lower()
        if unit not in units or token.i == verb.i:
            continue
        clause = token
        while clause.head.i != clause.i and clause.head.pos_ not in ("VERB", "AUX"):
            clause = clause.head
        if clause.head.i != verb.i:
            continue
        for mod in token.children:
            if mod.dep_ not in ("nummod", "det", "quantmod", "amod"):
                continue
            if mod.lower_ in quantifiers or mod.like_num:
                if unit == "month" and _number(mod) < MIN_MONTHS:
                    continue
                return f"{mod.text} {token.text}"
    return None


_NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
}


def _number(token) -> int:
    """A number as written in digits or words ("18", "six"); a number word past twelve
    ("eighteen") counts as twelve, enough for any length check here; 0 when not a number."""
    text = token.lower_
    if text.isdigit():
        return int(text)
    return _NUMBER_WORDS.get(text, 12 if token.like_num else 0)


_LOCATIVE = frozenset({"in", "at", "across", "throughout", "around", "within", "through"})


def us_experience(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """US clinical experience, read from the parse (issue 2: why_me is "USCE,
    observerships, research"; the guide's IMG advice asks for it by name): the applicant
    did clinical work or research at a US place (``cues.us_place``) and it is done, not
    planned. "I rotated through the surgical ICU at Henry Ford Hospital in Detroit", "my
    core rotations were in Chicago and Detroit", "as a volunteer at a free clinic in
    Atlanta, I assisted…", "I have been an observer at a hospital in New Jersey".

    Not: travel, exam study or a move ("I flew to Houston", "I studied for the USMLE in
    Chicago", "my family moved to Texas"), plans and applications ("I hope to rotate in
    Boston", "I applied for an observership in Boston"), nor someone else's work."""
    places = sent.hits("structure.us_place")
    if not places:
        return []
    doc = sent.span.doc
    verbs = ctx.words("structure", "us_activity_verbs")
    nouns = ctx.words("structure", "us_experience_nouns")
    unrealised = _UnrealisedWords.of(ctx)
    for a, b in places:
        name = next((t for t in doc[a:b] if not a <= t.head.i < b), doc[b - 1])
        if _done_there(name, verbs, nouns, unrealised):
            return [f"US experience: {doc[a:b].text!r}"]
    return []


def _done_there(place, verbs, nouns, unrealised) -> bool:
    """Walk up from a place name to what happened there: an experience of the applicant's
    ("my rotation at…", "my Brooklyn observership") or an activity verb whose subject is
    the applicant ("I rotated … in Detroit", "I have been an observer … in New Jersey")."""
    node, located = place, False
    for _ in range(8):
        if node.dep_ == "pobj" and node.head.lower_ in _LOCATIVE:
            located = True  # "in Chicago", "at Henry Ford" (not "to Houston", "from Ohio")
        compound = node.dep_ in ("compound", "amod") and node.head.pos_ in ("NOUN", "PROPN")
        if node.head == node:
            return False
        node = node.head
        lemma = node.lemma_.lower()
        if node.pos_ in ("NOUN", "PROPN") and lemma in nouns and (located or compound):
            if has_my(node):  # "my rotation at Henry Ford", "my Brooklyn observership",
                return not _unrealised(node, unrealised)  # not "… was cancelled"
        if node.pos_ in ("VERB", "AUX"):
            if (
                not located
                or _unrealised_verb(node, unrealised)
                or is_negated(node)
                or _not_done(node)
            ):
                return False
            own = any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children)
            if node.dep_ == "relcl" or node.dep_ in ("advcl", "acl") and not own:
                return False  # "the team I worked with in Dallas was…", "Having worked in
                # Peru and now in Ohio, I can…" (a frame for what follows: a perspective)
            subj = subject_of(node)
            if subj is None:
                return False
            if lemma in verbs:
                return subj.lower_ in ("i", "we")
            if lemma == "be":  # "my core rotations were in…", "I was an observer at…"
                return (has_my(subj) and subj.lemma_.lower() in nouns) or (
                    subj.lower_ == "i"
                    and any(c.dep_ == "attr" and c.lemma_.lower() in nouns for c in node.children)
                )
            return False
    return False


def _not_done(verb) -> bool:
    """A plan, a wish or a forecast: "will rotate", "to observe", "want to train"."""
    return verb.dep_ == "xcomp" or any(
        c.dep_ == "aux" and c.tag_ in ("MD", "TO") for c in verb.children
    )


@dataclass(frozen=True)
class _UnrealisedWords:
    """The word sets an experience's being had or not is read with (lexicons/structure.toml:
    ``us_experience_nouns``, ``unrealised_verbs``, ``own_request_verbs``,
    ``time_frame_preps``, ``pending_nouns``, ``booked_verbs``, ``time_to_come``, ``months``,
    ``ending_verbs``)."""

    experiences: frozenset[str]
    verbs: frozenset[str]
    own_only: frozenset[str]
    frames: frozenset[str]
    pending: frozenset[str]
    booked: frozenset[str]
    coming: frozenset[str]
    months: frozenset[str]
    ending: frozenset[str]

    @classmethod
    def of(cls, ctx: Context) -> _UnrealisedWords:
        return cls(
            ctx.words("structure", "us_experience_nouns"),
            ctx.words("structure", "unrealised_verbs"),
            ctx.words("structure", "own_request_verbs"),
            ctx.words("structure", "time_frame_preps"),
            ctx.words("structure", "pending_nouns"),
            ctx.words("structure", "booked_verbs"),
            ctx.words("structure", "time_to_come"),
            ctx.words("structure", "months"),
            ctx.words("structure", "ending_verbs"),
        )


def _unrealised_verb(verb, words: _UnrealisedWords) -> bool:
    """ "applied", "was offered", "am hoping" (by lemma, or as written: the model's
    lemmatizer makes "hoping" "hop"); "asked" only when the applicant asked."""
    lemma = verb.lemma_.lower()
    if lemma in words.booked:
        # "is confirmed for January": the experience is what was set, for a time to come
        return any(c.dep_ == "auxpass" for c in verb.children) and any(
            c.dep_ == "prep" and c.lower_ == "for" for c in verb.children
        )
    if lemma not in words.verbs and verb.lower_ not in words.verbs:
        return False
    if lemma in words.own_only:
        subject = subject_of(verb)
        return subject is not None and subject.dep_ == "nsubj" and subject.lower_ in ("i", "we")
    return True


#: Verbs that, negated, say the experience never took place.
_NEVER_HAD = frozenset("start begin happen materialize materialise occur proceed".split())


def _still_to_come(verb, words: _UnrealisedWords) -> bool:
    """A present tense with a time still to come: "Next month I start a two-week
    observership in Atlanta", "My research year at Pittsburgh starts in September" (not
    "In 2020 I take second place", a past told in the present)."""
    if verb.tag_ not in ("VBP", "VBZ") or verb.lemma_.lower() in words.ending:
        return False  # "my research contract ends in June": had, and going on
    for child in verb.children:
        if child.dep_ in ("npadvmod", "advmod") and (
            child.lower_ in words.coming or any(c.lower_ in words.coming for c in child.children)
        ):
            return True  # "next month", "soon"
        if child.dep_ == "prep" and child.lower_ in ("in", "from", "on"):
            if any(c.dep_ == "pobj" and c.lower_ in words.months for c in child.children):
                return True  # "in September"
    return False


def _pending(noun, words: _UnrealisedWords) -> bool:
    """ "application", "request", "waiting list": what the applicant asked or waits for
    (not "I guided nine IMGs through their observership applications")."""
    if any(c.dep_ == "poss" and c.lower_ not in ("my", "our") for c in noun.children):
        return False
    lemma = noun.lemma_.lower()
    return lemma in words.pending or any(
        c.dep_ in ("compound", "amod") and f"{c.lower_} {lemma}" in words.pending
        for c in noun.children
    )


def _unrealised_hit(hit, words: _UnrealisedWords) -> bool:
    """``_unrealised`` of an evidence phrase, read from its first word or its last ("My
    research [year] starts in September": the phrase "my research")."""
    return _unrealised(hit[0], words) or (len(hit) > 1 and _unrealised(hit[-1], words))


def _unrealised(evidence, words: _UnrealisedWords) -> bool:
    """An experience applied for, offered or refused, not had: "I applied for an
    observership in Boston", "I was accepted for an externship, but my visa was refused",
    "I am hoping to secure an externship", "I was supposed to begin a research year",
    "I am on the waiting list for an externship", "my observership application" (an
    abstract accepted at a meeting stays evidence; "I moved to Boston to work as a research
    fellow" is work done; so is what happened "during my observership")."""
    if evidence.lemma_.lower() not in words.experiences:
        return False
    node = evidence
    for _ in range(4):
        if node.head == node:
            return False
        node = node.head
        if node.dep_ == "prep" and node.lower_ in words.frames:
            return False
        if node.pos_ in ("NOUN", "PROPN") and _pending(node, words):
            return True
        if node.pos_ in ("VERB", "AUX"):
            if (
                _unrealised_verb(node, words)
                # "A research year ... that I had arranged never started"
                or (is_negated(node) and node.lemma_.lower() in _NEVER_HAD)
                or any(
                    c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall") for c in node.children
                )
                or _still_to_come(node, words)
            ):
                return True
            if node.dep_ != "xcomp":
                return False  # the verb that governs it is a done thing
    return False


def reported_feedback(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """What a supervisor, a letter or an evaluation said of the applicant, read from the
    parse (issue 2 and ANNOTATION.md: "evaluations, letters" are why_me, "what a named
    writer wrote is"): "Dr. Patel wrote that I was 'the most prepared observer…'", "my
    attending noted in her evaluation that my pre-op notes were…", "the ICU attending told
    me in my final feedback that I was…", "my program director described me as…".

    The reporter is someone who evaluates (``feedback_reporters``: a supervisor, an
    attending, a letter; or a name), never the applicant, a relative or a bare "he"
    (a grateful patient: "he told me that I had treated him like a son"); what is
    reported is a clause about the applicant ("that I…", "that my notes…") or, after a
    verb of appraisal, the applicant ("described me as", "praised my handoffs"). Advice,
    orders and forecasts are not feedback ("told me that I should retake", "told me to
    wait", "said I would make a good doctor")."""
    saying = ctx.words("structure", "feedback_verbs")
    appraising = ctx.words("structure", "appraisal_verbs")
    reporters = ctx.words("structure", "feedback_reporters")
    advice = ctx.words("structure", "advice_modals")
    others = ctx.words("structure", "feedback_not_mine")
    found = []
    for verb in sent.tokens_with_either(saying | appraising):
        if verb.pos_ != "VERB" or verb.dep_ == "xcomp" or is_negated(verb):
            continue  # "taught me to say 'I don't know'": the applicant says it
        said_by = verb
        if verb.dep_ == "acl" and verb.head.lemma_.lower() in reporters:
            said_by = verb.head.head  # "wrote a letter describing my work as…"
        subj = subject_of(said_by)
        if subj is None or not any(
            (t.pos_ == "PROPN" and t.dep_ not in ("compound", "amod"))
            or t.lemma_.lower() in reporters
            or t.lower_ in reporters  # "Every attending ... rated me": read as the verb "attend"
            for t in subj.subtree
            if t.dep_ != "relcl"
        ):
            # a pronoun may be a grateful patient: "he told me that I had…"; a unit's name
            # is no reporter: "the ICU shifts I have worked tell me I am ready"
            continue
        appraisal = verb.lemma_.lower() in appraising or verb.lower_ in appraising
        if appraisal and _applicant_appraised(verb):
            found.append(verb.text)
            continue
        if verb.lemma_.lower() in saying and any(
            _about_the_applicant(c, advice, others) for c in verb.subtree if c.dep_ == "ccomp"
        ):
            found.append(verb.text)
    return found


def _doers(verb) -> list:
    """Who may have done ``verb``: every subject the parser gave it ("When my observership
    ended, the chief offered", read with two subjects) or, with none, its clause's subject;
    and an appositive before it, where the parser hangs the real subject after a fronted
    place ("After my observership in Detroit, the chief ... offered": "chief" read as an
    appositive of "Detroit", "observership" as the subject)."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if not subjects:
        subjects = [s for s in (subject_of(verb),) if s is not None]
    return subjects + [t for t in verb.doc[verb.sent.start : verb.i] if t.dep_ == "appos"]


def offered_a_place(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """An evaluator who took the applicant on: "the chief of the pain service offered me a
    place on his opioid-tapering study" (ANNOTATION.md, session 19: a place offered on a
    research team after an observership is an evaluation in deed). The one who offers is
    someone who evaluates (``feedback_reporters``, a name or a title), the offer is done,
    and it is a place in work (``own_work_nouns``, ``offered_into``)."""
    reporters = ctx.words("structure", "feedback_reporters")
    places = ctx.words("structure", "offered_places")
    into = ctx.joined("structure", "own_work_nouns", "offered_into")
    for verb in sent.span:
        if verb.lemma_.lower() != "offer" or verb.pos_ != "VERB" or is_negated(verb):
            continue
        if _not_done(verb) or not _me_as_object(verb):
            continue
        if not any(s.lemma_.lower() in reporters or _titled(s) for s in _doers(verb)):
            continue
        for place in (c for c in verb.children if c.dep_ == "dobj"):
            if place.lemma_.lower() in places and any(
                p.dep_ == "prep" and any(o.lemma_.lower() in into for o in p.children)
                for p in place.children
            ):
                # firm: the model, which has seen few of these, may not overrule it
                return [Firm(f"offered: {place.text!r}")]
    return []


def _applicant_appraised(verb) -> bool:
    """The appraisal's object is the applicant: "described me as", "praised my handoffs",
    also when the parser reads the grade as a clause of which "me" is the subject ("rated
    me 'exceeds expectations' in every competency")."""
    return any(
        (c.dep_ in ("dobj", "obj") and (c.lower_ == "me" or has_my(c)))
        or (c.dep_ == "ccomp" and any(s.dep_ == "nsubj" and s.lower_ == "me" for s in c.children))
        for c in verb.children
    )


def _about_the_applicant(clause, advice: frozenset[str], others: frozenset[str]) -> bool:
    """A reported clause whose subject is the applicant or the applicant's work ("that I
    anticipated…", "that my presentations were…"), and not advice ("that I should…")."""
    if any(c.dep_ == "aux" and c.lower_ in advice for c in clause.children):
        return False
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return False
    return subj.lower_ == "i" or (subj.lemma_.lower() not in others and has_my(subj))


def _experienced(sent: SentenceFeatures) -> bool:
    """The sentence reports what already happened: a past verb or a present perfect
    ("I have seen anesthesia given with very little, and I will never…")."""
    return sent.past or any(
        any(c.dep_ == "aux" and c.lemma_ == "have" for c in t.children)
        for t in sent.tokens_with(sent.fine_tags, ("VBN",))
    )


def _only_a_plan(sent: SentenceFeatures) -> bool:
    """Future-marked with no experience behind it: "I plan to work in global health" is a
    goal; "The resourcefulness I developed in Nepal is something I will bring" is a
    perspective the applicant already has."""
    return bool(_future_marked(sent)) and not _experienced(sent)


def scarce_resources(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """Resources the setting lacked, read from the parse rather than a phrase list
    (guide: "the value of your international training"; ANNOTATION.md counts a
    resource-limited setting): "no blood was available", "we did not have a
    ventilator", "a hospital that lacked basic monitors", "the only warmer we had",
    "one pulse oximeter for the recovery room", "concentrators shared between wards",
    "when you have only halothane and ketamine"."""
    resources = ctx.words("structure", "resources")
    limiting = ctx.words("structure", "resource_limiters")
    lacking = ctx.words("structure", "lacking_words")
    found = []
    for tok in sent.tokens_with_either(resources):
        noun = tok
        while noun.dep_ in ("conj", "compound", "appos") and noun.head is not noun:
            noun = noun.head  # "halothane and ketamine", "pulse oximeter"
        heads = [noun, tok]
        mods = {
            c.lower_
            for n in heads
            for c in n.children
            if c.dep_ in ("det", "amod", "nummod", "advmod", "quantmod", "neg", "predet")
        }
        if mods & limiting:
            found.append(tok.text)
            continue
        head = noun.head
        if head.lower_ == "without":
            found.append(tok.text)
            continue
        verb = head.head if noun.dep_ == "pobj" and head.dep_ == "prep" else head
        lemma = verb.lemma_.lower()
        if lemma in lacking or verb.lower_ in lacking:
            found.append(tok.text)  # "lacked monitors", "oxygen was rationed", "ran out of"
            continue
        if lemma in ("have", "be", "exist", "get", "find", "come") and (
            is_negated(verb)
            or any(
                c.lower_ in lacking for c in verb.children if c.dep_ in ("acomp", "advmod", "prt")
            )
            or any(c.lower_ in limiting for c in verb.children if c.dep_ == "advmod")
        ):
            found.append(tok.text)  # "we did not have a ventilator", "blood was unavailable"
            continue
        if any(c.lower_ in lacking for c in noun.children if c.dep_ in ("amod", "acl", "relcl")):
            found.append(tok.text)  # "a shared oximeter", "drugs unavailable for months"
    return found


def languages_in_use(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """Languages the applicant uses in care, read from the parse (ANNOTATION.md: a language
    "used with patients (also at a US observership)" is img_perspective; "listed without
    use" or "spoken only at home" is not): "I use Tagalog with Filipino patients",
    "translated the questionnaire into Urdu", "Knowing Amharic let me comfort an Ethiopian
    grandmother", "a Spanish-speaking mother grew calm when I explained"."""
    languages = ctx.words("structure", "languages")
    if languages.isdisjoint(sent.words):
        return []
    audience = ctx.words("structure", "language_audience")
    if not any(
        not any(c.dep_ == "poss" and c.lower_ in FIRST_PERSON_ANY for c in tok.children)
        for tok in sent.tokens_with(sent.words, audience)
    ):
        return []  # not about care: "At home I speak Yoruba with my parents"
    uses = ctx.words("structure", "language_use")
    if any(is_negated(t) for t in sent.tokens_with_either(uses)):
        return []  # "though I have not yet used it with patients"
    found = []
    people = ctx.words("structure", "nationality_nouns")
    for tok in sent.tokens_with(sent.words, languages):
        if tok.dep_ == "amod" and tok.head.lemma_.lower() in people:
            continue  # a nationality: "my Polish department chief", "a Haitian father"
        nxt = tok.nbor(1) if tok.i + 1 < sent.span.end else None
        if nxt is not None and nxt.lower_ in ("-", "–") and tok.i + 2 < sent.span.end:
            nxt = tok.nbor(2)
        if nxt is not None and nxt.lower_ in ("speaking", "speaker", "speakers"):
            found.append(tok.text)  # "a Spanish-speaking mother", "a Farsi speaker"
            continue
        node = tok
        for _ in range(4):  # up the tree: "into Urdu" -> "translated"; "Spanish" -> "use"
            if node.head is node:
                break
            node = node.head
            if node.lemma_.lower() in uses or node.lower_ in uses:
                if _used_by_the_applicant(node, languages):
                    found.append(tok.text)
                break
            if node.pos_ in ("VERB", "AUX") and node.dep_ not in (
                "xcomp",
                "conj",
                "advcl",
                "pcomp",
            ):
                break
    return found


def _used_by_the_applicant(verb, languages: frozenset[str]) -> bool:
    """The verb of use is not someone else's: "the mother asked, in Newari, ..." is the
    patient's language, not the applicant's. No subject of its own ("asked me to explain
    in Spanish"), the applicant, the language itself ("My Creole helped"), or a gerund
    ("Knowing Amharic let me") is."""
    verbs = (verb, verb.head) if verb.dep_ == "conj" else (verb,)  # "the mother turned and asked"
    subject = next((c for v in verbs for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return (
        subject is None
        or subject.lower_ in FIRST_PERSON_ANY
        or subject.lower_ in languages
        or subject.lower_ in ("it", "this", "that", "which")
    )


def detect_img_perspective(sent: SentenceFeatures, ctx: Context) -> list[str]:
    if _only_a_plan(sent) or "blame" in sent.tags:
        return []
    mine = not FIRST_PERSON_ANY.isdisjoint(sent.words)
    value = _texts(sent, "structure.img_value")
    clinical = sent.has("structure.clinical") or "anecdote" in sent.tags
    if value and mine and ("exam" not in sent.tags or clinical):
        # not a circumstance of the exam day: "The generator in my Prometric centre failed
        # twice", "a Step 1 taken in my third language"
        return [f"international value: {value[0]!r}"]
    spoken = languages_in_use(sent, ctx)
    if spoken and (mine or "anecdote" in sent.tags):
        return [f"a language used in care: {spoken[0]!r}"]
    scarcity = _texts(sent, "structure.scarcity") + scarce_resources(sent, ctx)
    context = _texts(sent, "structure.img_context", "structure.place") + scarcity
    lesson = _texts(sent, "structure.img_lesson")
    if (
        context
        and clinical
        and (lesson or "anecdote" in sent.tags)
        and (mine or "anecdote" in sent.tags)
    ):
        return [f"{context[0]!r}: {(lesson or ['in a scene'])[0]!r}"]
    named = _texts(sent, "structure.scarcity")  # said outright, not read from the parse
    if named and clinical and _i_did(sent):
        # the applicant's own clinical work with too little: "I was intubating on the floor
        # by flashlight because the power had gone" (ANNOTATION.md: the constraint shown)
        return [f"{named[0]!r}: {'own work'!r}"]
    if scarcity and mine and (lesson or _a_habit_now(sent)):
        # what working with little left in the applicant: "Having practiced where dialysis
        # was not available to everyone, I know the weight of rationing decisions"
        return [f"{scarcity[0]!r}: {(lesson or ['a habit now'])[0]!r}"]
    if lesson and _lesson_points_back(sent, ctx):
        return [FromContext(f"a lesson from the sentence before: {lesson[0]!r}")]
    return _adapted_to_the_us(sent, ctx)


def _adapted_to_the_us(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """What the applicant had to change to work in a US hospital, named ("The first thing I
    had to change there was how I spoke in the operating room", "I had to unlearn the habit
    of presenting a plan as already decided"), or learned of how a US team works ("I also
    learned to call the nurses by their first names"): ANNOTATION.md, adapting to US
    hospitals is the IMG perspective when the sentence names what changed, even with home
    never named (dev82-84). The US is named in the sentence, or in its paragraph (then the
    tag is read from context). Not a skill learned in a scene ("I had to learn to place
    arterial lines quickly")."""
    changed = _texts(sent, "structure.habit_change")
    if not changed and "learn" in sent.lemmas:
        # "I also learned to call the nurses by their first names": learned, of the ways a
        # US team works (``us_work_habits``), not of a skill
        habits = ctx.words("structure", "us_work_habits")
        changed = [w for w, lemma in zip(sent.words, sent.lemmas, strict=True) if lemma in habits]
    if not changed or FIRST_PERSON.isdisjoint(sent.words) or sent.has("anecdote.scene"):
        return []
    if _names_the_us(sent, ctx):
        return [f"adapting to a US hospital: {changed[0]!r}"]
    if any(_names_the_us(s, ctx) for s in ctx.paragraph(sent) if s is not sent):
        return [FromContext(f"adapting to a US hospital: {changed[0]!r}")]
    return []


def _names_the_us(sent: SentenceFeatures, ctx: Context) -> bool:
    """A US place, or an abroad hint that names the US ("in America", "American")."""
    return sent.has("structure.us_place") or any(
        _american_hint(sent, ctx, hit) for hit in sent.hits("structure.abroad_hint")
    )


def _lesson_points_back(sent: SentenceFeatures, ctx: Context) -> bool:
    """A lesson whose subject points back ("That ratio taught me to ration my own
    attention", "This taught me to read the heart from the arterial line", "Those changes
    are now simply how I work") to the sentence before it in the paragraph, which told
    the scarcity, the home setting or the US habit the lesson comes from (ANNOTATION.md,
    dev74-78 and dev82-84: a shortage or an adaptation referred back to)."""
    prev = ctx.previous(sent)
    if prev is None:
        return False
    subj = subject_of(sent.span.root)
    pointers = ctx.words("structure", "back_pointers")
    if subj is None or not (
        subj.lower_ in pointers
        or any(c.dep_ == "det" and c.lower_ in pointers for c in subj.children)
    ):
        return False
    return "img_perspective" in prev.tags or _beyond_the_us(prev, ctx)


def _i_did(sent: SentenceFeatures) -> bool:
    """A verb in the sentence has "I" or "we" as its subject (not only "my patients")."""
    return any(
        t.dep_ in ("nsubj", "nsubjpass")
        and t.lower_ in ("i", "we")
        and t.head.pos_ in ("VERB", "AUX")
        for t in sent.span
    )


def _a_habit_now(sent: SentenceFeatures) -> bool:
    """The main clause says what the applicant does or knows now ("I check cylinders by
    reflex", "we diagnose with our hands"): first person, present tense or a modal."""
    root = sent.span.root
    subject = subject_of(root)
    return (
        subject is not None
        and subject.lower_ in ("i", "we")
        and ("Pres" in root.morph.get("Tense") or root.tag_ in ("VBP", "VBZ", "MD"))
    )


def rejects_why_me(sent: SentenceFeatures, ctx: Context) -> bool:
    """A firm no: the experience the sentence names was applied for, offered, refused or
    is still to come ("I was accepted for an observership in Ohio, but my visa was
    refused", "I have been accepted for an observership starting in October"), which
    ANNOTATION.md counts as no evidence; or all it names is an event only attended, a
    letter or evaluation it finds wanting or a place in a crowd (``_only_attended``,
    ``_found_wanting``, ``_one_among``); or the sentence is a relative's or a friend's
    record ("My husband spent a year as a research fellow at the Mayo Clinic"); or it
    excuses a setback ("My supervisor refused to write my letter out of jealousy")."""
    if "blame" in sent.tags:
        return True  # an excuse, not evidence, as the detector reads it (detect_why_me)
    unrealised = _UnrealisedWords.of(ctx)
    doc = sent.span.doc
    if any(_unrealised_hit(doc[a:b], unrealised) for a, b in sent.hits("structure.evidence")):
        return True
    hits = [doc[a:b] for a, b in sent.hits("structure.evidence") + sent.hits("structure.own_count")]
    if (
        hits
        and all(
            _only_attended(sent, h, ctx)
            or _found_wanting(h, ctx)
            or _one_among(doc[h.end - 1], ctx)
            for h in hits
        )
        and not detect_why_me(sent, ctx)
    ):
        # "I went to a workshop at the ICU congress", "my evaluation suffered", "I was one
        # of 120 students in my class"
        return True
    if _about_someone_else(sent, ctx):
        return True
    subj = _root_subject(sent)
    if subj is None or subj.lemma_.lower() not in ctx.words("structure", "relatives"):
        return False
    subjects = [*subj.children, *sent.span.root.children]  # "my sister and I": the applicant too
    return not any(c.dep_ in ("conj", "nsubj") and c.lower_ in ("i", "we") for c in subjects)


def _about_someone_else(sent: SentenceFeatures, ctx: Context) -> bool:
    """The sentence is another person's record, "my" and "me" only saying who they are to
    the applicant: "My research supervisor trained in pediatric anesthesia at Boston
    Children's", "Dr. Oduya, who supervised my thesis, has published more than forty
    papers" (``_someone_elses_record``); or another person's work named by its possessor,
    "My lab partner's thesis was selected ..." (``_someone_elses_thing``)."""
    subj = _root_subject(sent)
    return subj is not None and (
        _someone_elses_record(sent, subj, ctx) or _someone_elses_thing(sent, subj, ctx)
    )


def _someone_elses_thing(sent: SentenceFeatures, subj, ctx: Context) -> bool:
    """The subject is another person's work, named by its possessor: "My lab partner's
    thesis was selected for the national student research award", "My brother's paper won
    the best poster prize". Every "my" or "me" of the sentence is in the possessor's own
    words ("my lab partner") or names a place the two share ("our hospital"), so it only
    says who the person is to the applicant; one in what the subject says of the work
    makes it the applicant's too ("Dr. Rao's trial, which I coordinated for two years,
    enrolled 400 women")."""
    owner = next(
        (c for c in subj.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")), None
    )
    if owner is None or (owner.lemma_.lower() == "team" and has_my(owner)):
        return False  # "My team's proposal ... won": a team the applicant worked in
    people = ctx.joined("structure", "others_record_subjects", "supervisors", "relatives")
    if owner.lemma_.lower() not in people and not _titled(owner):
        return False
    inside = {t.i for t in owner.subtree}
    places = ctx.words("structure", "shared_places")  # "changed practice at our hospital"
    return all(
        t.i in inside or (t.dep_ == "poss" and t.head.lemma_.lower() in places)
        for t in sent.span
        if t.lower_ in FIRST_PERSON_ANY
    )


def _root_subject(sent: SentenceFeatures):
    """The subject of the sentence's main verb, or the root noun itself when the verb was
    read as its modifier ("My father, a surgeon …, operated on thousands": acl)."""
    root = sent.span.root
    subj = subject_of(root)
    return root if subj is None and root.pos_ == "NOUN" else subj


def _someone_elses_record(sent: SentenceFeatures, subj, ctx: Context) -> bool:
    """Another person's record, with no "I", "me", "my" or "we" anywhere: "He built the
    difficult airway service ... he has published more than thirty papers", "His department
    gives about 9,000 anesthetics a year" (a mentor's, told beside one's own). A "me" that
    only says what the person is to the applicant leaves the record theirs: "Dr. Nassar has
    been an example to me: he was among the first in Lebanon to teach ..." (``admired_as``),
    and neither does a place the two share: "in our hospital he is the one everyone calls"
    (``shared_places``). So too a person or a body named as the subject of a finite verb,
    whose "my" or "me" only say who they are to the applicant: "My chief in Bucharest wrote
    the national protocol", "The registrar who trained me had done more than 3,000
    spinals"."""
    mine = [t for t in sent.span if t.lower_ in FIRST_PERSON_ANY]
    admired = ctx.words("structure", "admired_as")
    places = ctx.words("structure", "shared_places")
    people = ctx.joined("structure", "others_record_subjects", "supervisors")
    # a person or a body named as the subject ("My chief in Bucharest wrote the national
    # protocol", "The registrar who trained me had done more than 3,000 spinals", "The
    # anesthesiology program in Cluj runs a weekly journal club"); "my" and "me" that only
    # say who they are to the applicant leave the record theirs ("our team" does not: the
    # applicant may be in it)
    verb = subj.head
    finite = verb.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") for c in verb.children
    )
    # "My research supervisor trained in pediatric anesthesia at ...": the verb read as a
    # participle of its subject, which then heads the sentence
    said = [c for c in subj.children if c.dep_ == "acl" and c.tag_ in ("VBD", "VBN")]
    told = subj.dep_ == "ROOT" and bool(said)
    other = (
        # a subject with a finite verb: not a CV line's role ("Chief resident of internal
        # medicine, ..., 2021-2022, scheduling 48 residents")
        ((subj.dep_ in ("nsubj", "nsubjpass") and finite) or told)
        and (subj.lemma_.lower() in people or _titled(subj))
        and subj.lower_ not in FIRST_PERSON_ANY
        # "my QI team reduced ...": a team the applicant worked in
        and not (subj.lemma_.lower() == "team" and has_my(subj))
    )
    described = {t.i for t in subj.subtree} if other else set()
    if told:
        described -= {t.i for act in said for t in act.subtree}  # what the subject did
    if not all(
        (
            t.lower_ == "me"
            and t.dep_ == "pobj"
            and t.head.lower_ in ("to", "for")
            and t.head.head.lemma_.lower() in admired
        )
        or (t.dep_ == "poss" and t.head.lemma_.lower() in places)
        or (t.i in described and t.lower_ in ("my", "me"))
        for t in mine
    ):
        return False
    third = ("he", "she", "they", "his", "her", "their")
    return (
        subj.lower_ in third
        or any(c.dep_ == "poss" and c.lower_ in third for c in subj.children)
        or (bool(mine) and _titled(subj))
        or other
    )


#: Signs of another country, a culture or a resource-limited setting, beside the
#: weaker ``structure.abroad_hint``.
_ABROAD_SIGNS = (
    "structure.img_value",
    "structure.img_context",
    "structure.place",
    "structure.scarcity",
)


def rejects_img_perspective(sent: SentenceFeatures, ctx: Context) -> bool:
    """A firm no: a plan with no experience behind it, not a perspective; a lesson
    with no sign of abroad, another language or culture, or a resource-limited setting
    ("The work taught me patience" is another strength); or an American scene in an
    American paragraph (``_only_american``)."""
    if _only_a_plan(sent):
        return True
    if not (
        any(sent.has(key) for key in (*_ABROAD_SIGNS, "structure.abroad_hint"))
        or scarce_resources(sent, ctx)
    ):
        return True
    return _only_american(sent, ctx)


def _beyond_the_us(sent: SentenceFeatures, ctx: Context) -> bool:
    """The sentence shows a country other than the US, a culture, a language or a
    resource-limited setting: "in Damascus", "as a foreign graduate", "in Spanish",
    "no capnograph". A hint that names only the US ("in Columbus", "American") is not one."""
    if any(sent.has(key) for key in _ABROAD_SIGNS) or scarce_resources(sent, ctx):
        return True
    return any(not _american_hint(sent, ctx, hit) for hit in sent.hits("structure.abroad_hint"))


def _american_hint(sent: SentenceFeatures, ctx: Context, hit: tuple[int, int]) -> bool:
    """An abroad hint that names the US: a place in the gazetteer ("in Columbus"), or a
    word of ``us_words`` ("in the US", "American", "here in")."""
    a, b = hit
    if any(x < b and a < y for x, y in sent.hits("structure.us_place")):
        return True
    start, us = sent.span.start, ctx.words("structure", "us_words")
    return any(word in us for word in sent.words[a - start : b - start])


def _only_american(sent: SentenceFeatures, ctx: Context) -> bool:
    """An observership scene or a US department summed up ("When I met him in the
    pre-operative area of a hospital in Columbus, Ohio, ...", "I understand how the
    anesthesia team is organized"), with no lesson drawn, in a paragraph where no
    sentence shows another country: experience in the US, not an international
    graduate's perspective (guide: "the IMG perspective"; ANNOTATION.md counts adapting
    to US hospitals only where what changed is named). A sentence alone is too little
    context to judge, so only a paragraph of several sentences is read this way."""
    if sent.has("structure.img_lesson"):
        return False
    paragraph = ctx.paragraph(sent)
    return len(paragraph) > 1 and not any(_beyond_the_us(s, ctx) for s in paragraph)


#: What says the applicant is ready, or why this is the time: readiness, timing,
#: residency itself in view, or the question asked ("Why now?").
_READINESS = (
    "structure.readiness",
    "structure.timing",
    "structure.residency_start",
    "structure.asked_now",
)


def rejects_why_now(sent: SentenceFeatures, ctx: Context) -> bool:
    """A firm no for the learned model: a "now" in a paragraph that never speaks of
    readiness, timing or residency ("I have since rebuilt my study habits ..., and the
    same discipline now shows in my research work", in a paragraph on the exam) says
    what is true today, not why this is the time to start (guide: "why now"). A sentence
    alone is too little context to judge."""
    if _told_as_past(sent):
        return True
    paragraph = ctx.paragraph(sent)
    return len(paragraph) > 1 and not any(s.has(key) for s in paragraph for key in _READINESS)


def _told_as_past(sent: SentenceFeatures) -> bool:
    """A moment told in the past with no word of now, readiness, timing or residency ("I
    was thirty and had already worked for four years, but that was the evening I
    recognized the medicine I wanted to practise"): a story, not why this is the time."""
    root = sent.span.root
    past = root.tag_ == "VBD" or (
        root.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had" for c in root.children)
    )
    return (
        past
        and not sent.has("structure.now_words")
        and not any(sent.has(key) for key in _READINESS)
    )


def detect_why_now(sent: SentenceFeatures, ctx: Context) -> list[str]:
    ending = _free_to_start(sent, ctx)
    if ending:
        # firm: the model's why now was trained before the sets that label a post's end
        return [Firm(f"free to start: {ending!r}")]
    if _future_marked(sent) and not sent.has("structure.timing"):
        return []
    now_words = _texts(sent, "structure.now_words")
    if (
        now_words
        and sent.has("structure.residency_start")
        and not _quoted(sent)
        and not _past_readiness(sent)
    ):
        return [f"now: {now_words[0]!r}"]
    timing = _texts(sent, "structure.timing")
    timing = [t for t in timing if not _quoted(sent)]
    if timing and sent.first_person or timing and sent.has("structure.residency_start"):
        return [f"timing: {timing[0]!r}"]
    now_and_then = _now_what_was_lacking(sent, now_words)
    if now_and_then:
        return [f"now what was lacking: {now_and_then!r}"]
    doc = sent.span.doc
    for a, b in sent.hits("structure.readiness"):
        span = doc[a:b]
        if b - a == 1:
            tok = doc[a]
            if tok.dep_ not in ("acomp", "oprd", "amod", "conj") and tok.pos_ != "ADJ":
                continue  # "I prepared the assessments": the verb, not readiness
            subj = subject_of(tok.head if tok.dep_ in ("acomp", "amod", "oprd") else tok)
            if subj is None or subj.lower_ != "i" or is_negated(tok.head) or is_negated(tok):
                continue
            if tok.head.tag_ == "VBD" and tok.head.lemma_ in ("be", "feel", "become", "seem"):
                continue  # "I was ready to quit medicine": then, not now
        return [f"readiness: {span.text!r}"]
    return []


def _free_to_start(sent: SentenceFeatures, ctx: Context) -> str | None:
    """What holds the applicant now comes to its end, with residency in view: "My
    fellowship in Iowa ends on June 30, and I have planned nothing after it except
    residency", "my appointment in Albuquerque ends on June 30, the day before residencies
    begin" (ANNOTATION.md: a contract end date in a readiness line is why now). The post
    is the applicant's own ("my", ``appointments`` in lexicons/structure.toml) and its end
    is still to come (a present or future "ends", "finishes", "is over")."""
    # residency in view: named, or the month it begins ("the first of July is the date I
    # have been working toward")
    if not (sent.has("structure.residency_start") or {"residency", "july"} & set(sent.lemmas)):
        return None
    posts, ends = ctx.words("structure", "appointments"), ctx.words("structure", "ending_verbs")
    for verb in sent.span:
        if verb.lemma_.lower() not in ends or is_negated(verb):
            continue
        upcoming = verb.tag_ in ("VBZ", "VBP") or any(
            c.dep_ == "aux" and c.lower_ in ("will", "'ll") for c in verb.children
        )
        subj = subject_of(verb)
        if upcoming and subj is not None and subj.lemma_.lower() in posts and has_my(subj):
            return sent.span.doc[subj.i : verb.i + 1].text
    return None


_HOLDING = {"have", "bring", "possess", "carry", "hold"}
_LACKING = {"lack", "miss"}


def _now_what_was_lacking(sent: SentenceFeatures, now_words: list[str]) -> str | None:
    """ "Today I have the preparation that I did not have when I first applied", "Now I have
    the skills I lacked two years ago": what the applicant holds now (a present "I have",
    beside a now-word) set against what they lacked before (a past "did not have", "lacked"
    or "was missing", their own)."""
    if not now_words and "today" not in sent.lowers:
        return None
    for verb in sent.span:
        if verb.lemma_.lower() not in _HOLDING or verb.tag_ not in ("VBP", "VBZ"):
            continue
        subj = subject_of(verb)
        if subj is None or subj.lower_ != "i" or is_negated(verb):
            continue
        for then in verb.subtree:
            if then.i == verb.i or then.pos_ not in ("VERB", "AUX") or not _past(then):
                continue
            who = subject_of(then)
            lemma = then.lemma_.lower()
            if (
                who is not None
                and who.lower_ in ("that", "which")
                and then.dep_ == "relcl"
                and lemma == "miss"
            ):
                # "the preparation that was missing when I first applied"
                return sent.span.doc[verb.i : then.i + 1].text
            if who is None or who.lower_ != "i":
                continue
            if lemma in _LACKING or (lemma in _HOLDING and is_negated(then)):
                return sent.span.doc[verb.i : then.i + 1].text
    return None


def _past(verb) -> bool:
    """A past tense: the verb's own ("lacked") or its auxiliary's ("did not have", "was missing")."""
    return verb.tag_ == "VBD" or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in verb.children)


def _past_readiness(sent: SentenceFeatures) -> bool:
    """ "In 2019 I felt ready for residency, but I was not": readiness then, not now."""
    return any(
        t.head.tag_ == "VBD" and t.head.lemma_ in ("be", "feel", "seem")
        for t in sent.tokens_with(sent.lemmas, ("ready", "prepared"))
    )


def _quoted(sent: SentenceFeatures) -> bool:
    """Reported speech ("Now is the time to close," the attending said) is not the applicant's claim."""
    return sent.span.text.lstrip()[:1] in '"\u201c'


def detect_future_goals(sent: SentenceFeatures, ctx: Context) -> list[str]:
    career = _texts(sent, "structure.career")
    if not career or _someone_else(sent):
        return []
    marker = _future_marked(sent)
    if marker or (sent.future and sent.first_person):
        return [f"future: {(marker or ['will'])[0]!r} + {career[0]!r}"]
    return []
