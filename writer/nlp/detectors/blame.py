"""`blame`: the sentence moves responsibility for a setback off the applicant.

Guide: "Never blame others, life events, or the exam system; focus on
ownership and improvement." Interviews: "Insight, not excuses. Growth, not
self-pity." The parse decides who did what: a setback whose cause (the
subject of a harming verb, the agent of a passive one, the object of "due
to", the subject of a "because" or "if" clause) is someone or something other
than the applicant is blame; the same hardship followed by "I should have…"
is ownership.
"""

from __future__ import annotations

from writer.nlp.detectors.context import Context, Firm
from writer.nlp.features import (
    FIRST_PERSON,
    SentenceFeatures,
    has_my,
    is_first_person,
    is_negated,
    subject_of,
)

#: What the applicant does: "with more practice I would have scored higher" owns the result
#: (beside ``own_merit``, which has "effort").
_OWN_DOING = {"practice", "planning", "revision", "review", "focus"}

_SELF_FAULT = {
    "lack",
    "mistake",
    "error",
    "choice",
    "decision",
    "strategy",
    "approach",
    "underestimation",
    "overconfidence",
    "complacency",
    "procrastination",
    "habit",
    "planning",
    "method",
    "methods",
    "preparation",
    "inexperience",
    "misjudgment",
    "misjudgement",
    "ignorance",
    "naivety",
}
_NEGATIVE_SUBJECTS = {"nobody", "none", "noone"}
_OBJECT_DEPS = {"dobj", "dative", "xcomp", "ccomp", "attr", "prep", "prt", "oprd", "acomp"}


def _setback_in_view(sent: SentenceFeatures, ctx: Context, agent=None) -> bool:
    """An exam or a setback word here, or an exam sentence just before. With ``agent``,
    a setback other than the agent itself: "habits that no transcript can show" has none
    ("transcript" is the one said not to show), "no transcript shows why my Step 1 score
    fell" has one; an exam said not to show something is one itself ("The exam does not
    show how good a doctor is": ``exam_agents``)."""
    if "exam" in sent.tags:
        return True
    if agent is None:
        found = _names_a_setback(sent, ctx)
    else:
        setback = _setback_words(sent, ctx)
        exams = ctx.words("blame", "exam_agents")
        found = any(
            (t.i != agent.i or t.lemma_.lower() in exams)
            and (t.lower_ in setback or t.lemma_.lower() in setback)
            for t in sent.span
        )
    if found:
        return True
    prev = ctx.previous(sent)
    return prev is not None and "exam" in prev.tags


def _setback_words(sent: SentenceFeatures, ctx: Context) -> frozenset[str]:
    """The words that tell of a setback in this sentence: ``setback_words``, less the
    neutral ones ("interviews", "observership") unless the sentence says they were lacking,
    and the word that finds the applicant's own record wanting ("my letters are generic",
    "I have only one US letter")."""
    lacking = not ctx.words("blame", "lacking_words").isdisjoint(sent.words)
    found = _setback_set(ctx, with_neutral=lacking)
    wanting = _my_record_wanting(sent, ctx) or _my_record_scarce(sent, ctx)
    return found if wanting is None else found | {wanting}


def _setback_set(ctx: Context, with_neutral: bool) -> frozenset[str]:
    """``setback_words``, with or without the neutral ones, built once a draft."""
    key = ("setback_words", with_neutral)
    if key not in ctx.memo:
        setback = ctx.words("blame", "setback_words")
        neutral = ctx.words("blame", "neutral_setback_words")
        ctx.memo[key] = setback if with_neutral else setback - neutral
    return ctx.memo[key]


def _more_than_the_lack(sent: SentenceFeatures, ctx: Context) -> bool:
    """A setback besides what the sentence says was not allowed or not taught: "we were
    never trained for the USMLE" has one (the exam); "as an observer I was not allowed to
    do procedures" has none: the procedures are a neutral word, lacking only by the "not"
    (``neutral_setback_words``)."""
    if "exam" in sent.tags:
        return True
    setback = _setback_set(ctx, with_neutral=False)
    if not (setback.isdisjoint(sent.words) and setback.isdisjoint(sent.lemmas)):
        return True
    prev = ctx.previous(sent)
    return prev is not None and "exam" in prev.tags


def _names_a_setback(sent: SentenceFeatures, ctx: Context) -> bool:
    """A setback word (``_setback_words``) among the sentence's words or lemmas."""
    setback = _setback_words(sent, ctx)
    return not (setback.isdisjoint(sent.words) and setback.isdisjoint(sent.lemmas))


def _my_record_wanting(sent: SentenceFeatures, ctx: Context) -> str | None:
    """ "my letter from the ICU rotation is generic", "my letters are lukewarm": the
    applicant's evidence (``evidence_records``) said to be thin (``wanting_words``); not
    advice about letters in general ("a generic letter can do more harm than none")."""
    records = ctx.words("blame", "evidence_records")
    wanting = ctx.words("structure", "wanting_words")
    for tok in sent.span:
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.lemma_.lower() not in records:
            continue
        if not has_my(tok) or is_negated(tok.head):
            continue
        for c in tok.head.children:
            if c.dep_ in ("acomp", "attr") and c.lemma_.lower() in wanting:
                return c.lower_
    return None


def _my_record_scarce(sent: SentenceFeatures, ctx: Context) -> str | None:
    """The applicant's record counted as scant: "I have only one US letter", "my logbook
    lists only fourteen central lines", "my externship lasted only ten days". A count
    under "only" (``scarce_words``) that is what the applicant has of a record
    (``evidence_records``), or what the applicant's record or stint (``stint_records``)
    holds or lasted; not another's count ("only two interns were chosen, and I was one"),
    nor a count conceded and answered ("I have only one US letter, but it comes from the
    chief who watched me for eight weeks")."""
    scarce = ctx.words("blame", "scarce_words")
    records = ctx.words("blame", "evidence_records")
    stints = ctx.joined("blame", "evidence_records", "stint_records")
    conceding = ctx.words("blame", "conceding_conjunctions")
    for tok in sent.span:
        if tok.lower_ not in scarce or tok.dep_ != "advmod" or not tok.head.like_num:
            continue
        counted = tok.head.head
        if tok.head.dep_ != "nummod" or counted.dep_ not in ("dobj", "npadvmod", "attr"):
            continue
        verb = counted.head
        subj = subject_of(verb)
        if subj is None or is_negated(verb):
            continue
        if any(c.dep_ == "cc" and c.lower_ in conceding for c in verb.children):
            continue  # conceded, then answered: "I have only one US letter, but it ..."
        if subj.lower_ == "i" and verb.lemma_.lower() == "have":
            if counted.lemma_.lower() in records:
                return tok.lower_
        elif has_my(subj) and subj.lemma_.lower() in stints:
            return tok.lower_
    return None


def _is_negative_subject(tok) -> bool:
    """ "Nobody", "No one", "none of my teachers" (also as a conjunct: "my father and no one else")."""
    for t in (tok, *(c for c in tok.children if c.dep_ == "conj")):
        if t.lower_ in _NEGATIVE_SUBJECTS or any(
            c.dep_ == "det" and c.lower_ == "no" for c in t.children
        ):
            return True
    return False


def _external(tok, agents) -> bool:
    """Is ``tok`` (a subject or agent) someone or something other than the applicant?"""
    if tok is None or is_first_person(tok):
        return False
    if tok.lower_ in ("it", "this", "that", "which", "what", "there"):
        return False
    words = {tok.lower_, tok.lemma_.lower()} | {
        c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")
    }
    return bool(words & agents) or _is_negative_subject(tok)


def _partitive(tok):
    """The people a number or quantifier picks out: "two of my letter writers" -> writers."""
    if tok is None or tok.pos_ not in ("NUM", "DET", "PRON", "ADJ"):
        return tok
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return obj
    return tok


def _someone_else(tok) -> bool:
    """Any subject that is not the applicant: a noun, a name, he/she/they, nobody."""
    if tok is None or is_first_person(tok):
        return False
    if tok.lower_ in ("it", "this", "that", "which", "what", "there", "who"):
        return False
    return (
        tok.pos_ in ("NOUN", "PROPN")
        or tok.lower_ in ("he", "she", "they")
        or _is_negative_subject(tok)
    )


_BAD_OUTCOME_WORDS = {
    "fail",
    "failure",
    "low",
    "lower",
    "weak",
    "poor",
    "poorly",
    "bad",
    "badly",
    "worse",
    "miss",
    "lose",
    "reject",
    "rejection",
    "deny",
    "refuse",
    "struggle",
    "unable",
    "unmatched",
    "nowhere",
}


def _bad_outcome(sent: SentenceFeatures) -> bool:
    """Something went wrong for the applicant: a failure word, or "I could not…"."""
    if not _BAD_OUTCOME_WORDS.isdisjoint(sent.lemmas):
        return True
    return any(
        is_negated(t) and is_first_person(subject_of(t))
        for t in sent.tokens_with(sent.pos, ("VERB", "AUX"))
    )


def _consequence_blame(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """ "The coordinator never answered my emails, so I missed the deadline":
    someone else acted (or failed to), so the applicant's setback followed."""
    doc = sent.span.doc
    for tok in _consequence_links(sent):
        before = doc[sent.span.start : _link_start(tok)]
        after = doc[tok.i + 1 : sent.span.end]
        cause = next(
            (
                t
                for t in before
                if t.pos_ in ("VERB", "AUX")
                and (t.head == t or not before.start <= t.head.i < before.end)
            ),
            None,
        )  # the top verb of the clause before "so" (the parser may hang it under the later verb)
        if cause is None:
            continue
        subj = subject_of(cause)
        if not (_someone_else(subj) or _done_to_me(cause, subj)):
            continue
        # "which is why I came home from that month without a letter"
        records = ctx.words("blame", "evidence_records")
        without = any(
            t.lower_ == "without" and any(c.lemma_.lower() in records for c in t.children)
            for t in after
        )
        for verb in (t for t in after if t.pos_ in ("VERB", "AUX")):
            vsubj = subject_of(verb)
            # "so I ...", "so our ...", or "so no one could write me a letter"
            mine = (
                vsubj is not None
                and (is_first_person(vsubj) or any(c.lower_ in ("us", "me") for c in vsubj.subtree))
            ) or _object_is_me(verb)
            # "..., so I would not ask you to comment on it": a choice, not a setback
            chosen = any(t.dep_ == "aux" and t.lower_ in ("would", "'d") for t in after)
            if (
                mine
                and not chosen
                and (
                    is_negated(verb)
                    or verb.lemma_.lower() in ctx.words("blame", "bad_outcome_verbs")
                    or any(
                        t.lower_ in ("not", "n't", "never", "fewer", "none", "no") for t in after
                    )
                    or without
                    or (vsubj is not None and _is_negative_subject(vsubj))  # "nobody could"
                )
            ):
                return [f"{subj.text} … so I …"]
    return []


def _done_to_me(verb, subj) -> bool:
    """ "I was kept standing in the corner of the OR": the applicant is the subject of a
    passive whose doer goes unnamed, so someone else did it (``_SUFFERED`` verbs only: not
    "I was admitted to ...", "I was selected ...")."""
    return (
        subj is not None
        and subj.dep_ == "nsubjpass"
        and is_first_person(subj)
        and verb.lemma_.lower() in _SUFFERED
        and not any(c.dep_ == "agent" for c in verb.children)
    )


#: Passives in which someone else held the applicant back: "I was kept standing", "I was
#: left out of ...", "I was ignored".
_SUFFERED = frozenset({"keep", "leave", "ignore", "exclude", "assign", "put"})


def _consequence_links(sent: SentenceFeatures) -> list:
    """The words that join a cause to what followed: "so", and "why" in "this is why",
    "that is why", "which is why" ("the observership was cancelled by the hospital, this
    is why I do not have a US letter")."""
    doc = sent.span.doc
    links = []
    for tok in sent.span:
        if tok.i == sent.span.start:
            continue
        if tok.lower_ == "so":
            links.append(tok)
        elif (
            tok.lower_ == "why"
            and tok.i - 2 > sent.span.start
            and doc[tok.i - 1].lower_ in ("is", "was", "'s")
            and doc[tok.i - 2].lower_ in ("this", "that", "which")
        ):
            links.append(tok)
    return links


def _link_start(tok) -> int:
    """Where the link begins: "so" itself, or "this" of "this is why"."""
    return tok.i - 2 if tok.lower_ == "why" else tok.i


def _contrast_with_self(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """ "the 212 reflects that schedule more than what I know", "my score says more about
    the war than about my knowledge": the result is said to show something else rather
    than the applicant. Not when the other side is the applicant's own too ("reflects my
    effort more than my Step 1 did") or when the applicant is the one who shows it."""
    verbs = ctx.words("blame", "contrast_verbs")
    doc = sent.span.doc
    found = []
    for than in sent.span:
        if than.lower_ != "than":
            continue
        verb, steps = than.head, 0
        while verb.lemma_.lower() not in verbs and verb.head is not verb and steps < 3:
            verb, steps = verb.head, steps + 1
        if verb.lemma_.lower() not in verbs or verb.i > than.i:
            continue
        subj = subject_of(verb)
        if subj is None or is_first_person(subj) or subj.lower_ in _NEGATIVE_SUBJECTS:
            continue
        self_side = {t.i for t in than.subtree}
        if not any(doc[i].lower_ in FIRST_PERSON for i in self_side if i > than.i):
            continue
        shown = [
            t
            for c in verb.children
            if c.dep_ in ("dobj", "attr")
            for t in c.subtree
            if t.i not in self_side and t.i != than.i and t.lower_ not in ("more", "rather")
        ]
        if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in shown):
            continue
        if any(t.lower_ in FIRST_PERSON for t in shown):
            continue
        found.append(doc[verb.i : max(self_side) + 1].text)
    return found


#: What one makes or chooses: "the result of a list ... which I built myself", "because of a
#: decision I made" puts the cause on the applicant.
_MAKING = {"build", "make", "choose", "decide", "create", "plan", "pick", "write", "design", "set"}


def _cause_is_self(sent: SentenceFeatures, hit, merit: frozenset[str] = frozenset()) -> bool:
    """ "due to my poor strategy" is ownership; "due to the war" is not. A result that
    "reflects my effort" or "my current knowledge" (``merit``) is put on the applicant;
    one that "reflects my thyroid" or "never reflected my true ability" is not."""
    doc = sent.span.doc
    end = hit[1]
    window = doc[end : min(end + 4, sent.span.end)]
    words = {t.lower_ for t in window} | {t.lemma_.lower() for t in window}
    if words & _SELF_FAULT and any(t.lower_ in ("my", "own") for t in window):
        return True
    last = doc[end - 1]
    if last.lower_ == "my" and last.dep_ == "poss":
        owned = last.head
        if owned.lemma_.lower() in merit and not is_negated(owned.head):
            return True
    if doc[hit[1] - 1].lower_ == "why":
        return False  # "…, which is why I failed": the cause is the clause before
    if _reason_is_mine(doc[hit[0] : hit[1]], merit):
        return True  # "Poor planning on my part is the reason my score was low"
    if any(
        t.dep_ == "relcl"
        and t.lemma_.lower() in _MAKING
        and t.head.dep_ == "pobj"
        and end <= t.head.i < end + 4
        and is_first_person(subject_of(t))
        and not is_negated(t)
        for t in doc[end : sent.span.end]
    ):
        return True  # "the result of a list with no visa filter, which I built myself"
    if _link_owned(sent, hit, merit):
        return True
    return bool(window) and window[0].lower_ in ("me", "myself", "i")


#: The prepositions that join a cause to its link: "came from", "because of", "due to",
#: "caused by".
_CAUSAL_PREPOSITIONS = {"from", "of", "to", "by"}


def _link_owned(sent: SentenceFeatures, hit, merit: frozenset[str]) -> bool:
    """A link's cause (the object of its preposition) is the applicant's own doing ("came
    from my own study plan"; not the applicant as its target, "against me"), or the link
    is set against an outside cause it denies with the same preposition ("came from
    passive reading and too few timed blocks, not from the questions", "from my plan
    rather than from anything around me"); not when what it denies is the applicant
    ("came from the war, not from my preparation")."""
    doc = sent.span.doc
    preps = [t for t in doc[hit[0] : hit[1]] if t.pos_ == "ADP"]
    if not preps:
        return False
    link = preps[-1]
    if link.lower_ not in _CAUSAL_PREPOSITIONS:
        return False  # "reflects the chaos of that year more than my knowledge": a contrast
    if any(
        # "against me", "on me": the target; "events that I had no power over": not mine
        _own_cause(c, merit, clauses=False) and not is_first_person(c)
        for c in link.children
        if c.dep_ == "pobj"
    ):
        return True
    for tok in doc[hit[1] : sent.span.end]:
        if tok.lower_ != link.lower_:
            continue
        before = [t.lower_ for t in doc[max(sent.span.start, tok.i - 2) : tok.i]]
        if before[-1:] == ["not"] or before == ["rather", "than"]:
            denied = [c for c in tok.children if c.dep_ in ("pobj", "pcomp")]
            return bool(denied) and not any(_own_cause(c, merit) for c in denied)
    return False


def _names_an_outside_cause(sent: SentenceFeatures, ctx: Context, owned) -> bool:
    """Another cue of an outside cause beside the ``owned`` hits."""
    merit = ctx.words("blame", "own_merit")
    return any(
        not any(x <= a and b <= y for x, y in owned) and not _cause_is_self(sent, (a, b), merit)
        for a, b in sent.hits("blame.external_cause") + sent.hits("blame.beyond_control")
    )


def _reason_is_mine(words, merit: frozenset[str]) -> bool:
    """ "X is the reason ...": the cause is the subject of the copula that "reason" is
    the attribute of, and it is the applicant's own ("my own overconfidence is the reason
    I failed")."""
    reason = next((t for t in words if t.lower_ == "reason"), None)
    if reason is None or reason.head.lemma_ != "be":
        return False
    if reason.dep_ == "attr":
        cause = subject_of(reason.head)
    elif reason.dep_ == "nsubj":
        # "The reason I failed Step 2 CK was the way I studied"
        cause = next((c for c in reason.head.children if c.dep_ in ("attr", "acomp")), None)
    else:
        return False
    return cause is not None and _own_cause(cause, merit)


#: What the applicant's own failings are called, beside ``_SELF_FAULT``: "my
#: overconfidence", "my poor time management".
_OWN_FAILINGS = {"overconfidence", "management", "complacency", "arrogance", "procrastination"}


def _own_cause(subj, merit: frozenset[str], clauses: bool = True) -> bool:
    """A cause that is the applicant or their own doing: "I", "my own overconfidence",
    "poor planning on my part", "my preparation" (not "my father's illness"); with
    ``clauses``, also one a relative clause makes the applicant's ("the way I studied")."""
    if subj.lower_ in ("i", "me", "myself"):
        return True
    words = [t.lower_ for t in subj.subtree]
    pairs = set(zip(words, words[1:], strict=False))
    if ("my", "own") in pairs or ("my", "part") in pairs:
        return True
    if clauses and any(c.dep_ == "relcl" and _active_first_person(c) for c in subj.children):
        return True  # "the way I studied", "the choices I made"; not "the questions I was given"
    lemma = subj.lemma_.lower()
    return has_my(subj) and (
        lemma in merit or lemma in _SELF_FAULT or lemma in _OWN_DOING or lemma in _OWN_FAILINGS
    )


def _active_first_person(verb) -> bool:
    """The applicant did ``verb`` ("the choices I made"), not had it done to them ("the
    questions I was given")."""
    subject = subject_of(verb)
    return subject is not None and subject.dep_ != "nsubjpass" and is_first_person(subject)


#: What the applicant may say they were not, denying only a readiness: "not because I was ready".
_READY = {"ready", "prepared", "confident", "able", "capable", "qualified"}


def _denied_cause(doc, because, agents: frozenset[str]) -> str:
    """What "not because …" (``because`` is the word "because") denies:

    - ``"self"``, the applicant's own fault: "not because of me", "not because I was
      lazy", "not because of anything I did", "not because of my ability";
    - ``"lack"``, a readiness the applicant did not have: "I picked that date ..., not
      because I was ready" (ownership: the reason was not readiness);
    - ``"other"``, anything else: "not because of my situation at home", "not because the
      exam was unfair" (ownership: the outside cause is denied).
    """
    nxt = doc[because.i + 1] if because.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ == "of":
        cause = next(
            (
                c
                for t in (because, nxt)
                for c in t.children
                if c.dep_ in ("pobj", "pcomp") and c.i > nxt.i
            ),
            None,
        )
        if cause is None:
            return "other"
        if cause.lower_ in ("me", "myself", "i"):
            return "self"
        if any(t.dep_ == "nsubj" and is_first_person(t) for t in cause.subtree):
            return "self"  # "anything I did", "what I say"
        # "my application", "something in my profile", "my ability" are the applicant's own
        # doing; "my situation at home", "my father's illness" are not
        own = [t for t in cause.subtree if has_my(t) and t.lemma_.lower() not in agents]
        return "self" if own and own[0].dep_ != "poss" else "other"
    verb = because.head
    if not is_first_person(subject_of(verb)):
        return "other"
    state = [c for c in verb.children if c.dep_ in ("acomp", "attr")]
    negated = any(c.dep_ == "neg" and c.i > because.i for c in verb.children)
    if not negated and any(c.lemma_.lower() in _READY for c in state):
        return "lack"
    return "self"


def _not_because(sent: SentenceFeatures, hit):
    """The word "because" of a hit that starts "not because", or None."""
    doc = sent.span.doc
    words = doc[hit[0] : hit[1]]
    if len(words) > 1 and words[0].lower_ == "not" and words[1].lower_ == "because":
        return words[1]
    return None


def _denies_another_cause(sent: SentenceFeatures, hit, agents: frozenset[str]) -> bool:
    """ "not because I was ready", "not because of my situation at home": a cause that is
    not the applicant's fault, denied."""
    because = _not_because(sent, hit)
    return because is not None and _denied_cause(sent.span.doc, because, agents) != "self"


_REASON_NOUNS = {"reason", "cause", "explanation", "excuse"}


def _reason_refused(sent: SentenceFeatures, hit) -> bool:
    """ "I do not offer it as the reason for my CK score", "my divorce was not the cause of my
    result": a reason the sentence names only to refuse it."""
    doc = sent.span.doc
    for tok in doc[hit[0] : hit[1]]:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in _REASON_NOUNS:
            continue
        head = tok.head.head if tok.head.lower_ == "as" else tok.head
        if is_negated(head) or any(c.dep_ == "neg" for c in tok.children):
            return True
    return False


def _gives_too_little(verb, lacking: frozenset[str]) -> bool:
    """What a relative clause says was given was lacking: "the little time my seniors
    gave us", "the only case they gave me" (the noun it describes, or its own words)."""
    subject = subject_of(verb)
    skip = set() if subject is None else {t.i for t in subject.subtree}
    words = [*verb.head.children, *(t for t in verb.subtree if t.i not in skip)]
    return any(t.lower_ in lacking for t in words if t is not verb)


def _agent_blame(sent: SentenceFeatures, ctx: Context, setback: bool) -> list[str]:
    agents = ctx.words("blame", "external_agents")
    harm = ctx.words("blame", "harm_verbs")
    helping = ctx.words("blame", "help_verbs")
    beside_setback = ctx.words("blame", "harm_beside_setback")
    lacking = ctx.words("blame", "lacking_words")
    found = []
    for tok in sent.tokens_with(sent.pos, ("VERB", "AUX")):
        lemma = tok.lemma_.lower()
        if lemma not in harm and lemma not in helping and lemma != "give":
            continue  # none of the cases below: not worth reading the verb's clause
        if lemma in beside_setback and tok.dep_ == "relcl" and not _gives_too_little(tok, lacking):
            continue  # "the time the residents gave us at lunch": a gift described
        subj = subject_of(tok)
        negated = is_negated(tok)
        has_object = any(c.dep_ in _OBJECT_DEPS for c in tok.children)
        agent = next(
            (g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"),
            None,
        )
        if lemma in harm and not negated:
            if _external(agent, agents) and setback:
                found.append(f"{tok.text} by {agent.text} …")
            elif (
                subj is not None
                and subj.dep_ != "nsubjpass"
                and _external(subj, agents)
                and has_object
            ):
                if _is_negative_subject(subj):
                    continue  # "Nobody forced me to book Step 1 early" is ownership
                if setback:
                    found.append(f"{subj.text!r} {tok.text} …")
        elif lemma in helping and subj is not None and _external(subj, agents):
            if _open_condition(tok):
                continue  # "I understand completely if program policy does not allow it"
            if (
                not negated
                and _is_negative_subject(subj)
                and any(c.dep_ == "aux" and c.tag_ == "MD" for c in tok.children)
                and _object_is_me(tok)
            ):
                continue  # "a patience that no rotation could have taught me": praise
            if negated or _is_negative_subject(subj):
                if _setback_in_view(sent, ctx, agent=subj) or _object_is_me(tok):
                    found.append(f"{subj.text!r} did not {lemma} …")
        elif (
            lemma in helping
            and negated
            and subj is not None
            and subj.dep_ == "nsubjpass"
            and subj.lower_ in ("we", "i")
        ):
            if setback and _more_than_the_lack(sent, ctx):
                found.append(
                    f"{subj.text} were never {tok.text} …"
                )  # "we were never trained for the USMLE"
        elif (
            lemma == "give"
            and subj is not None
            and subj.dep_ == "nsubjpass"
            and is_first_person(subj)
        ):
            if _external(agent, agents) or any(
                c.lower_ in ("bad", "wrong", "poor") for c in tok.subtree
            ):
                found.append(f"given … by {agent.text if agent is not None else 'others'}")
    return found


def _own_result(subj, ctx: Context) -> bool:
    """``subj`` is the applicant's own result or record ("my Step 1 score", "my
    application"): no one else to blame."""
    return subj is not None and (
        subj.lemma_.lower() in ctx.words("blame", "own_results")
        and any(c.dep_ == "poss" and c.lower_ in ("my", "our") for c in subj.children)
    )


def _open_condition(verb) -> bool:
    """``verb`` heads a present-tense "if" or "unless" clause: a case that may or may not
    arise ("if program policy does not allow it"), not something that happened."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head  # "if you feel you cannot, or your schedule does not allow it"
    marked = any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in clause.children)
    present = verb.tag_ in ("VBP", "VBZ") or any(
        c.dep_ == "aux" and c.tag_ in ("VBP", "VBZ") for c in verb.children
    )
    return marked and present


def _object_is_me(tok) -> bool:
    return any(c.lower_ in ("me", "us") for c in tok.children if c.dep_ in ("dobj", "dative"))


def _credited(condition) -> bool:
    """An unreal condition that someone had not done something, without which the
    applicant would not have got where they are ("if my mentor had not pushed me, I would
    not be here", "had my father not sold his car, I would not be here"): gratitude, not
    an excuse. A better result had it not happened stays one ("had my visa interview not
    fallen in the same month, I would have passed"; "..., I would not have failed")."""
    result = condition.head
    return is_negated(condition) and result is not condition and _gain_denied(result)


def _gain_denied(verb) -> bool:
    """ "I would not be here", "I would never have passed": a good outcome said not to
    have come about, unlike a bad one ("I would not have failed")."""
    return is_negated(verb) and verb.lemma_.lower() not in _BAD_OUTCOME_WORDS


def _clause_blame(sent: SentenceFeatures, ctx: Context, setback: bool) -> list[str]:
    """ "because the coordinator lost my paperwork", "if the exam had been in my language"."""
    agents = ctx.words("blame", "external_agents")
    beside_setback = ctx.words("blame", "harm_beside_setback")
    harm = ctx.words("blame", "harm_verbs") - beside_setback
    helping = ctx.words("blame", "help_verbs")
    negligent = ctx.words("blame", "negligence_verbs")
    counterfactual = sent.has("blame.counterfactual")
    found = []
    if counterfactual:
        for tok in sent.tokens_with(sent.deps, ("advcl",)):
            # "Had the NBME allowed extra time, my score would look different"
            if tok.dep_ == "advcl" and _inverted_had(tok):
                subj = subject_of(tok)
                if _external(subj, agents) and not _credited(tok):
                    found.append(f"had {subj.text} … it would …")
            # "If I had been born in Ohio…": the circumstance of birth
            if (
                tok.lemma_ == "bear"
                and tok.dep_ == "advcl"
                and any(c.lower_ == "if" for c in tok.children)
            ):
                found.append("if I had been born elsewhere …")
    marks = sent.tokens_with(sent.deps, ("mark",))
    for tok in marks:
        if tok.lower_ not in ("because", "if"):
            continue
        verb = tok.head
        subj = _partitive(subject_of(verb))
        if (
            tok.lower_ == "if"
            and counterfactual
            and is_first_person(subj)
            and _lacked_circumstance(verb)
        ):
            found.append("if I had had what others had …")
            continue
        harmed_mine = verb.lemma_.lower() in harm and any(
            c.dep_ == "dobj" and has_my(c) for c in verb.children
        )  # "because the credentialing office mishandled my file"
        if not (
            _external(subj, agents) or (_someone_else(subj) and (_bad_outcome(sent) or harmed_mine))
        ):
            continue
        if _own_result(subj, ctx):
            continue  # "because my Step 1 score is low, I want ...": the applicant's own fact
        if tok.lower_ == "because" and _a_gain_explained(verb, ctx):
            continue  # "My score improved because my mentor reviewed every block with me"
        lemma = verb.lemma_.lower()
        if tok.lower_ == "if":
            if counterfactual and not _credited(verb):
                found.append(f"if {subj.text} … I would have …")
        elif (
            (setback and _setback_explained(sent, ctx, verb))
            or lemma in harm
            or (lemma in negligent and _external(subj, agents))
            # "I did not publish because my PI gave the projects to others"
            or (lemma in beside_setback and _bad_outcome(sent))
            or (
                # "because they do not understand the hospital", of patients who are
                # afraid: someone's failing to help excuses only a setback beside it
                lemma in helping
                and is_negated(verb)
                and _setback_outside(sent, ctx, {t.i for t in verb.subtree})
            )
        ):
            if any(c.lower_ == "not" for c in tok.lefts) or (
                tok.i > 0 and tok.doc[tok.i - 1].lower_ == "not"
            ):
                continue  # "not because the exam was unfair" is ownership
            found.append(f"because {subj.text} …")
    return found


def _better_if(sent: SentenceFeatures, ctx: Context, records_only: bool = False) -> list[str]:
    """The applicant's better result, had an outside condition been otherwise: "With better
    equipment at my hospital, I would have a much longer procedure log", "In Portuguese I
    would have scored above 240", "Without the strike I would not have failed". A condition
    that is the applicant's own doing ("with more practice", "with better preparation") owns
    the result instead. ``records_only`` keeps a result that is a record: the applicant's
    evaluation or log, or more of their work ("I could have done many more arterial lines"),
    not a moment of a scene ("with a working monitor I could have seen it sooner")."""
    agents = ctx.words("blame", "external_agents")
    enough = ctx.words("blame", "enough_words")
    own = ctx.words("blame", "own_merit") | _SELF_FAULT | _OWN_DOING
    languages = ctx.words("structure", "languages")
    records = ctx.words("blame", "weighed_records") | ctx.words("blame", "evidence_records")
    out = []
    for verb in sent.span:
        auxes = [c.lower_ for c in verb.children if c.dep_ == "aux"]
        if not ({"would", "could"} & set(auxes)):
            continue
        if verb.dep_ == "relcl":
            continue  # "patients we could have saved with basic equipment": what they lost
        subj = subject_of(verb)
        mine = subj is not None and subj.lemma_.lower() in records and has_my(subj)
        condition = _others_condition(verb, own)
        better = mine or (is_first_person(subj) and not is_negated(verb))
        if not ("have" in auxes or verb.lemma_ == "have") and not (
            better and condition is not None
        ):
            # "would be" is a counterfactual only beside an unreal past condition: "Had my
            # hospital owned a video laryngoscope, my logbook would be twice as long", "Had
            # the agency submitted my ERAS on time, I would already be a resident" (not
            # "... I would not be here", the gratitude of a worse result)
            continue
        if not is_first_person(subj) and not mine:
            continue
        if records_only and not mine and not _more_of(verb):
            continue
        if condition is not None:
            # "Had the residents let me do more ..., my evaluation would have been much
            # stronger"; not "If I had started earlier, my score would have been higher"
            out.append(f"{condition.text} … would have …")
            continue
        if mine:
            continue
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("with", "without", "in"):
                continue
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is None or any(
                t.lemma_.lower() in own
                for t in (obj, *obj.children)
                if t is obj or t.dep_ == "compound"
            ):
                continue  # "with more practice", "with more practice tests"
            lemma = obj.lemma_.lower()
            if prep.lower_ == "with":
                found = any(c.tag_ == "JJR" or c.lower_ in enough for c in obj.children)
            elif prep.lower_ == "without":
                # "Without the strike I would not have failed"; not "Without my wife I would
                # never have passed", a gain owed to someone
                found = (
                    lemma in agents
                    and lemma not in ("question", "questions")
                    and not _gain_denied(verb)
                )
            else:
                found = lemma in languages
            if found:
                out.append(f"{prep.text} {obj.text} … I would have …")
    return out


def _more_of(verb) -> bool:
    """The verb's object is more of something: "done many more arterial lines", "far more
    airway experience to show"."""
    return any(
        c.dep_ == "dobj" and any(m.lower_ in ("more", "longer") for m in c.subtree)
        for c in verb.children
    )


def _inverted_had(clause) -> bool:
    """An unreal condition told by inversion, "had" first: "Had the NBME allowed extra
    time, ...", "Had the residents let me ..."."""
    return any(
        c.dep_ == "aux" and c.lower_ == "had" and c.i < clause.i and c.i == clause.left_edge.i
        for c in clause.children
    )


def _others_condition(verb, own: frozenset[str]):
    """The verb of an unreal condition on ``verb`` ("if the hospital had given me leave",
    "had the residents let me ...") whose subject is someone or something other than the
    applicant and their own doing, or None."""
    for clause in verb.children:
        if clause.dep_ != "advcl":
            continue
        marks = [c for c in clause.children if c.dep_ == "mark"]
        inverted = _inverted_had(clause)
        if not inverted and not any(m.lower_ == "if" for m in marks):
            continue
        if not inverted and not any(
            c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d") for c in clause.children
        ):
            continue  # "if I pass Step 3, I would have ..." is no unreal past
        cond_subj = subject_of(clause)
        if cond_subj is None or is_first_person(cond_subj) or cond_subj.lower_ in ("it", "there"):
            continue
        if cond_subj.lemma_.lower() in own:
            continue  # "had my preparation been ...": the applicant's own doing
        if is_negated(clause):
            continue  # "if the residents had not helped me": gratitude, not an excuse
        return clause
    return None


def _read_in_light(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """ "please read my CV in this light", "the score ... should be read with that whole year
    in mind", "judge my Step 1 result in the context of the war": the reader asked to weigh
    the applicant's record (``weighed_records``) in a frame (``weighing_frames``), with
    someone or something else (``external_agents``) named in the sentence as what to weigh
    it by. "Please consider my application in light of my Step 3 score" weighs a strength
    against the record: nothing outside the applicant is named."""
    verbs = ctx.words("blame", "weighing_verbs")
    frames = ctx.words("blame", "weighing_frames")
    records = ctx.words("blame", "weighed_records")
    agents = ctx.words("blame", "external_agents") - {"it", "they", "people", "one"}
    out = []
    for verb in sent.span:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in verbs:
            continue
        record = next(
            (
                c
                for c in verb.children
                if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in records
            ),
            None,
        )
        if record is None:
            continue
        frame = next(
            (
                o
                for holder in (verb, record)
                for p in holder.children
                if p.dep_ == "prep"
                for o in p.children
                if o.dep_ == "pobj" and o.lemma_.lower() in frames
            ),
            None,
        )
        outside = [
            t
            for t in sent.span
            if t.lemma_.lower() in agents
            and t.pos_ in ("NOUN", "PROPN")
            and not record.left_edge.i <= t.i <= record.i
        ]
        if frame is not None and outside:
            out.append(f"{frame.head.text} {frame.text} of {outside[0].text!r}")
    return out


def _is_question(sent: SentenceFeatures) -> bool:
    return sent.span.text.rstrip(" \"'”").endswith("?")


def _of_course(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """ "The strike kept our university shut for eight months, and of course I take Step 1
    with no clinical year", "My school closed for a year, and of course my score showed
    it": the applicant's setback told as what had to follow from something else
    (``external_agents``, the subject of the clause before; not "we", who may be the
    applicant too)."""
    doc = sent.span.doc
    agents = ctx.words("blame", "external_agents") - {"it", "they", "one", "people"}
    out = []
    for tok in sent.span:
        if tok.lower_ != "course" or tok.i == sent.span.start or doc[tok.i - 1].lower_ != "of":
            continue
        before = _clause_before_of_course(tok)
        if before is None or is_first_person(before):
            continue
        if any(t.lemma_.lower() in agents for t in before.subtree):
            out.append(f"{before.text} …, and of course …")
    return out


def _clause_before_of_course(course):
    """The subject of the clause that "of course" follows ("The strike kept us out, and of
    course I ..." gives "strike"), or None."""
    verb = course.head.head if course.head.lower_ == "of" else course.head
    if verb.dep_ not in ("conj", "advcl") or verb.head.i >= verb.i:
        return None
    return subject_of(verb.head)


def _of_course_after_my_doing(sent: SentenceFeatures, hit) -> bool:
    """ "I studied alone, and of course my score showed it": what followed of course
    followed from the applicant's own doing."""
    for tok in sent.span.doc[hit[0] : hit[1]]:
        if tok.lower_ == "course":
            before = _clause_before_of_course(tok)
            return before is not None and is_first_person(before)
    return False


#: The first words of a sentence that answers the question before it: "Yes, it was.",
#: "Partly.", "In part.", "It was.", "Of course it was."
_ANSWERS = {"yes", "partly", "mostly", "largely", "partially", "in", "it", "of", "certainly"}


def _fault_questioned(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """ "Is it my fault that my Step 1 fell in the month of the earthquake?", "Why should it be
    my fault that I was born ...?": a question that answers itself, no. Not one the next
    sentence answers ("Was it my fault? Yes, it was." "Partly.")."""
    if not _is_question(sent):
        return []
    nxt = ctx.sentences[sent.index + 1] if sent.index + 1 < len(ctx.sentences) else None
    if nxt is not None and nxt.span[0].lower_ in _ANSWERS:
        return []
    return [
        f"my {t.text}"
        for t in sent.span
        if t.lemma_.lower() in ("fault", "responsibility") and has_my(t)
    ]


_CIRCUMSTANCES = {
    "access",
    "resources",
    "resource",
    "support",
    "time",
    "money",
    "help",
    "guidance",
    "mentor",
    "tutor",
    "chance",
    "opportunity",
    "opportunities",
    "materials",
    "funds",
    "course",
    "courses",
}


def _lacked_circumstance(verb) -> bool:
    """ "If I had had access to the same resources…": the missing thing was a circumstance."""
    if verb.lemma_ not in ("have", "get", "receive", "be"):
        return False
    return any(t.lemma_.lower() in _CIRCUMSTANCES for t in verb.subtree) or any(
        t.lemma_ == "bear" for t in verb.subtree
    )


#: Ownership phrases that are also the form of a better result under other conditions.
_COUNTERFACTUAL_OWNING = frozenset({"i could have", "i would have"})


def _real_ownership(sent: SentenceFeatures, agents: frozenset[str]) -> list[str]:
    """Ownership phrases that are not themselves negated ("not my responsibility")."""
    doc = sent.span.doc
    out = []
    excuses = sent.hits("blame.quiet_excuse")
    for a, b in sent.hits("blame.ownership") + sent.hits("blame.foreseen_cost"):
        if any(x <= a and b <= y for x, y in excuses):
            continue  # "my preparation was" inside "my preparation was disturbed"
        before = doc[max(sent.span.start, a - 2) : a]
        if any(t.lower_ in ("not", "n't", "never", "no", "nobody", "none") for t in before):
            continue  # "not my responsibility", "nobody takes responsibility"
        if _is_question(sent) and any(
            t.lemma_.lower() in ("fault", "responsibility") for t in doc[a:b]
        ):
            continue  # "Is it my fault that ...?" asks, and owns nothing
        because = _not_because(sent, (a, b))
        if because is not None and _denied_cause(doc, because, agents) == "self":
            continue  # "…, not because of anything I did": a denial of fault, not ownership
        out.append(doc[a:b].text)
    return out


def detect_blame(sent: SentenceFeatures, ctx: Context) -> list[str]:
    fate = _fate_against_me(sent, ctx)
    self_pity = _self_pity(sent) + fate
    ownership = _real_ownership(sent, ctx.words("blame", "external_agents"))
    setback = _setback_in_view(sent, ctx)

    evidence: list[str] = []
    if self_pity:
        # fate told as against the applicant is firm: the model has seen few of these
        evidence += [(Firm if t in fate else str)(f"self-pity: {t!r}") for t in self_pity]
    if "anecdote" in sent.tags and "exam" not in sent.tags:
        # "Because of her low platelets, he chose general anesthesia": a clinical
        # story's causes are not the applicant's excuses; a record that could have been
        # better under others' conditions is one ("Had the fellows let me hold the
        # laryngoscope, my evaluation would have been stronger").
        return evidence + [
            Firm(f"a better record under other conditions: {t!r}")
            for t in _better_if(sent, ctx, records_only=True)
        ]
    if not self_pity and _nothing_excused(sent, ctx):  # self-pity and fate found once, above
        return []
    critique = _critique(sent)
    if critique and (setback or _about_exam_system(sent, ctx)):
        evidence += [f"criticises the exam or system: {t!r}" for t in critique]
    if setback:
        merit = ctx.words("blame", "own_merit")
        shifted = [
            (a, b)
            for a, b in sent.hits("blame.external_cause") + sent.hits("blame.beyond_control")
            if not _cause_is_self(sent, (a, b), merit)
            and not _denies_another_cause(sent, (a, b), ctx.words("blame", "external_agents"))
            and not _reason_refused(sent, (a, b))
            and not _of_course_after_my_doing(sent, (a, b))
            and not _negative_subject_near(sent, (a, b))
            and not _is_a_score(sent, (a, b))
            and not _gratitude(sent, (a, b))
            and _explains_a_setback(sent, ctx, (a, b))
        ]
        shifted = [sent.span.doc[a:b].text for a, b in _outermost(shifted)]
        evidence += [f"shifts the cause: {t!r}" for t in shifted]
    evidence += [f"pins the setback on {t}" for t in _agent_blame(sent, ctx, setback)]
    evidence += [Firm(f"handed to another: {t!r}") for t in _handed_to_another(sent, ctx)]
    evidence += _clause_blame(sent, ctx, setback)
    better = _better_if(sent, ctx)
    evidence += [Firm(f"a better result under other conditions: {t!r}") for t in better]
    if better:
        # "With proper equipment ..., I could have done many more central lines": the
        # "could have" is the better result, not the applicant's regret
        ownership = [o for o in ownership if o.lower() not in _COUNTERFACTUAL_OWNING]
    evidence += [Firm(f"asks for the record to be read {t}") for t in _read_in_light(sent, ctx)]
    if setback:
        evidence += [f"the setback as what followed: {t!r}" for t in _of_course(sent, ctx)]
    evidence += _consequence_blame(sent, ctx)
    if setback:
        evidence += [
            f"puts the result on something else: {t!r}" for t in _contrast_with_self(sent, ctx)
        ]
    evidence += [Firm(f"excuses quietly: {t!r}") for t in _quiet_excuses(sent)]
    denial = _denies_agency(sent, ctx) + [
        f"asks whose fault it is: {t!r}" for t in _fault_questioned(sent, ctx)
    ]
    weighed = _weighed_excuse(sent, ctx) if ownership and setback else []
    if ownership and not self_pity and not denial and not weighed:
        # "Although my father was ill, I should have postponed" is ownership.
        return []
    return evidence + denial + weighed


def _handed_to_another(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """What was the applicant's, or promised to them, told as handed to someone else:
    "The rotation I was promised in Ohio went to an American student", "the residency place
    was given to a minister's nephew instead of me", "promise me authorship and after give
    it to American student". Not the applicant's own giving ("I gave my seat to an elderly
    patient"), nor what was never theirs ("the award went to a classmate")."""
    recipients = ctx.words("blame", "other_recipients")
    owed = ctx.words("blame", "owed_things")
    out = []
    for verb in sent.tokens_with(sent.lemmas, ("go", "give", "award", "hand", "pass")):
        if verb.pos_ != "VERB" or is_negated(verb):
            continue
        to = [
            c
            for p in verb.children
            if p.dep_ in ("prep", "dative") and p.lower_ == "to"
            for c in p.children
            if c.dep_ == "pobj"
        ]
        if not any(
            r.lemma_.lower() in recipients or any(c.lower_ == "else" for c in r.children)
            for r in to
        ):
            continue
        subj = subject_of(verb)
        if subj is not None and subj.lower_ in ("i", "we"):
            continue  # "I gave my seat to an elderly patient"
        thing = next(
            (
                c
                for c in verb.children
                if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                and c.lower_ not in ("i", "we", "they", "he", "she")
            ),
            None,
        )
        if thing is None:
            continue
        mine = any(c.dep_ == "poss" and c.lower_ in ("my", "our") for c in thing.children) or any(
            c.dep_ == "relcl" and any(g.lower_ in ("i", "me") for g in c.subtree)
            for c in thing.children
        )
        promised = thing.lower_ == "it" and any(
            t.lemma_.lower() == "promise" and any(c.lower_ == "me" for c in t.children)
            for t in sent.span
        )
        instead = any(t.lower_ == "instead" for t in sent.span) and "me" in sent.words
        if (mine or promised or instead) and (
            thing.lemma_.lower() in owed or promised or thing.lower_ == "it"
        ):
            out.append(f"{thing.text} … {verb.text} to {to[0].text}")
    return out


def _weighed_excuse(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """A cause weighed and put outside: "which I failed mostly because the only test centre
    I could reach moved my appointment twice", an excuse that ownership words before it do
    not undo (``weighing_words`` before "because", an outside cause that explains the
    setback)."""
    weighing = ctx.words("blame", "weighing_words")
    agents = ctx.words("blame", "external_agents")
    out = []
    for tok in sent.tokens_with(sent.deps, ("mark",)):
        if tok.lower_ != "because" or tok.i == sent.span.start:
            continue
        if tok.doc[tok.i - 1].lower_ not in weighing:
            continue
        verb = tok.head
        subj = _partitive(subject_of(verb))
        if _external(subj, agents) and _setback_explained(sent, ctx, verb):
            out.append(
                Firm(f"puts most of the setback outside: {tok.doc[tok.i - 1].text} because …")
            )
    return out


def _self_pity(sent: SentenceFeatures) -> list[str]:
    """``blame.self_pity`` hits, less a worth to be shown ("I am ready to do anything to
    prove that I deserve it" aspires; "I deserve a chance after all I suffered" pities)
    and less a price paid for one's own doing."""
    doc = sent.span.doc
    out = []
    for a, b in sent.hits("blame.self_pity"):
        before = doc[max(sent.span.start, a - 3) : a]
        if any(t.lemma_.lower() in ("prove", "show", "demonstrate", "earn") for t in before):
            continue
        if doc[a].lower_ == "where" and (a == sent.span.start or doc[a - 1].pos_ != "ADP"):
            continue  # "Kathmandu is where I was born" tells; "because of where I was born" pities
        price = any(t.lower_ == "price" for t in doc[a:b])
        if price and [t.lower_ for t in doc[b : min(b + 2, sent.span.end)]] == ["for", "my"]:
            continue  # "I paid the price for my overconfidence": the price of one's own doing
        out.append(doc[a:b].text)
    return out


def _fate_against_me(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """Fate, luck or life (``fate_agents``) told as working against the applicant: "Luck
    has never once been on my side", "Fate has taken something from me at each stage",
    "Bad fortune has followed me through every step of my career", "Fate has been against
    me". The agent is the subject, and its verb is against "me", a side or favour
    (``fate_sides``) it was never on, a harm done to "me" (``fate_harms``) or something
    taken "from me" (``fate_takings``); not luck that helped ("Luck was on my side that
    day", "Chance took me to a rotation in Houston")."""
    agents = ctx.words("blame", "fate_agents")
    harms = ctx.words("blame", "fate_harms")
    takings = ctx.words("blame", "fate_takings")
    sides = ctx.words("blame", "fate_sides")
    out = []
    for subj in sent.span:
        if subj.dep_ != "nsubj" or subj.lemma_.lower() not in agents:
            continue
        verb = subj.head
        lemma = verb.lemma_.lower()
        to_me = {
            (p.lower_ if p.dep_ == "prep" else p.dep_)
            for p in verb.children
            if (p.dep_ == "prep" and any(o.lower_ == "me" for o in p.children))
            or (p.dep_ == "dobj" and p.lower_ == "me")
        }
        side = is_negated(verb) and any(
            t.lemma_.lower() in sides and any(c.lower_ == "my" for c in t.children)
            for t in verb.subtree
        )
        if (
            "against" in to_me
            or side
            or (lemma in harms and "dobj" in to_me and not is_negated(verb))
            or (lemma in takings and "from" in to_me and not is_negated(verb))
        ):
            out.append(f"{subj.text} {verb.text}")
    return out


def _quiet_excuses(sent: SentenceFeatures) -> list[str]:
    """``blame.quiet_excuse`` hits that excuse: not denied ("was not the fault of my
    circumstances but of my planning"), not the applicant's own ("the fault of my
    planning"), not a forecast ("many programs will filter me out, and I understand why")."""
    doc = sent.span.doc
    out = []
    for a, b in sent.hits("blame.quiet_excuse"):
        before = doc[max(sent.span.start, a - 2) : a]
        after = doc[b] if b < sent.span.end else None
        if any(t.lower_ in ("not", "n't", "never") for t in before):
            continue
        if after is not None and after.lower_ in ("my", "mine", "me") and doc[b - 1].lower_ == "of":
            continue
        verb = next((t for t in doc[a:b] if t.pos_ == "VERB"), None)
        if verb is not None and any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
            continue
        doer = subject_of(verb) if verb is not None else None
        if doer is not None and doer.lower_ in ("i", "we"):
            continue  # "I did not give myself the time to prepare": ownership
        out.append(doc[a:b].text)
    return out


def _denies_agency(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """ "There was very little I could have done about it", with a setback in this
    sentence or any before it: the applicant denies any part in the setback, whatever
    ownership words stand around it. Not of a patient ("nothing more I could have done
    for him"): a clinical story's sorrow is no excuse."""
    hits = sent.hit_texts("blame.no_agency")
    if not hits or _for_someone(sent, ctx):
        return []
    if not (
        _setback_in_view(sent, ctx)
        or any("exam" in s.tags or _names_a_setback(s, ctx) for s in ctx.sentences[: sent.index])
    ):
        return []
    return [f"denies any part in the setback: {t!r}" for t in hits]


def _for_someone(sent: SentenceFeatures, ctx: Context) -> bool:
    """ "for him", "for the patient": what could not be done was for a person."""
    people = ctx.words("blame", "patients")
    return any(
        t.lower_ == "for"
        and any(
            c.dep_ == "pobj" and (c.lower_ in people or c.lemma_.lower() in people)
            for c in t.children
        )
        for t in sent.span
    )


_EXAM_CUES = ("exam.exam_name", "exam.exam_noun", "exam.exam_verb", "exam.score_number")


def _setback_among(sent: SentenceFeatures, ctx: Context, tokens) -> bool:
    """An exam (its name, noun, verb or score) or a setback word among ``tokens``."""
    setback = _setback_words(sent, ctx)
    exam = {i for key in _EXAM_CUES for a, b in sent.hits(key) for i in range(a, b)}
    return any(t.i in exam or t.lower_ in setback or t.lemma_.lower() in setback for t in tokens)


def _exam_just_before(sent: SentenceFeatures, ctx: Context) -> bool:
    prev = ctx.previous(sent)
    return prev is not None and "exam" in prev.tags


def _setback_explained(sent: SentenceFeatures, ctx: Context, verb) -> bool:
    """The setback is where the cause clause (headed by ``verb``) explains it: the sentence
    is about the exam, one just before is, or a setback or a shortfall (a negation, "lack",
    "small") is in the clause the "because" modifies. "My first letter is from the doctor
    who directed my observership, and I hope the second can come from critical care,
    because programs want to know ..." explains a choice, not the observership."""
    if "exam" in sent.tags or _exam_just_before(sent, ctx):
        return True
    cause = {t.i for t in verb.subtree}
    head = verb.head if verb.head.i != verb.i else verb
    effect = [t for t in head.subtree if t.i not in cause]
    shortfall = ctx.words("blame", "shortfall_words")
    return _setback_among(sent, ctx, effect) or any(
        t.dep_ == "neg" or t.lower_ in shortfall or t.lemma_.lower() in shortfall for t in effect
    )


#: What went well, in the clause a "because" explains (beside ``gain_words``).
_GAINS = frozenset("pass match rise climb increase succeed improve jump".split())


def _a_gain_explained(verb, ctx: Context) -> bool:
    """The clause that the "because" clause (headed by ``verb``) explains tells of a gain,
    not a setback: "My score improved because my mentor reviewed every block with me", "I
    matched into surgery because the program valued my research" (not "I did not match
    because ...", not "my score rose too little")."""
    head = verb.head
    if head.i == verb.i or is_negated(head):
        return False
    gains = ctx.words("blame", "gain_words")
    if not (head.lemma_.lower() in _GAINS or head.lower_ in gains):
        return False
    cause = {t.i for t in verb.subtree}
    effect = [t for t in head.subtree if t.i not in cause]
    return not any(t.lemma_.lower() in _BAD_OUTCOME_WORDS or t.dep_ == "neg" for t in effect)


def _setback_outside(sent: SentenceFeatures, ctx: Context, cause: set[int]) -> bool:
    """An exam or a setback word in the sentence outside ``cause`` (the token indices of
    the cause), or an exam sentence just before: the effect a cause would excuse.
    "patients who are afraid because they do not understand the hospital" has none."""
    return _exam_just_before(sent, ctx) or _setback_among(
        sent, ctx, (t for t in sent.span if t.i not in cause)
    )


def _explains_a_setback(sent: SentenceFeatures, ctx: Context, hit) -> bool:
    """A connective that only links a cause to its effect ("because of", "came from":
    ``linking_causes``) shifts the blame for a setback only when its effect is one: an
    exam or a setback word in the sentence outside the cause itself ("interested in your
    department because of the work your group published": "published" is in the cause),
    and, for a verb ("came from"), in its subject ("two of my three letters came from
    outside anesthesiology" explains the letters, beside a score in another clause).
    An exam sentence just before gives the effect too."""
    doc = sent.span.doc
    if doc[hit[0] : hit[1]].text.lower() not in ctx.words("blame", "linking_causes"):
        return True
    if _exam_just_before(sent, ctx):
        return True
    verb = next((t for t in doc[hit[0] : hit[1]] if t.pos_ in ("VERB", "AUX")), None)
    subject = subject_of(verb) if verb is not None else None
    if subject is not None and subject.pos_ != "PRON":
        return _setback_among(sent, ctx, subject.subtree)
    root = doc[hit[0] : hit[1]].root
    if verb is None and root.head.i == root.i:
        return True  # "Because of ..." parsed as the sentence's root: its effect is unknown
    cause = (
        set(range(hit[0], hit[1]))
        | {  # and the connective's object: "because of [...]"
            t.i
            for p in doc[hit[0] : hit[1]]
            if p.pos_ in ("ADP", "SCONJ")
            for c in p.children
            if c.dep_ in ("pobj", "pcomp") and not hit[0] <= c.i < hit[1]
            for t in c.subtree
        }
    )
    return _setback_outside(sent, ctx, cause)


def _gratitude(sent: SentenceFeatures, hit) -> bool:
    """ "Please pass my thanks to Ms. Grant", "special thanks to the residents": thanks given,
    not "thanks to the strike" as a cause (the word before "thanks" owns or qualifies it)."""
    doc = sent.span.doc
    a, _ = hit
    if doc[a].lower_ != "thanks" or a == sent.span.start:
        return False
    before = doc[a - 1]
    return before.pos_ in ("PRON", "ADJ", "DET", "VERB") and before.lower_ != "no"


def _is_a_score(sent: SentenceFeatures, hit) -> bool:
    """ "My Step 2 CK result of 219": "result of" before a number gives the score, not a
    cause ("the result of the pandemic")."""
    doc = sent.span.doc
    after = doc[hit[1]] if hit[1] < sent.span.end else None
    return (
        after is not None
        and after.text[:1].isdigit()
        and doc[hit[0] : hit[1]].root.lemma_.lower() in ("result", "score")
    )


def _outermost(hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each phrase once: a hit inside a longer one ("than my knowledge" in "more than my
    knowledge") is the same evidence, quoted once."""
    unique = sorted(set(hits))
    return [
        (a, b)
        for a, b in unique
        if not any(c <= a and b <= d and (c, d) != (a, b) for c, d in unique)
    ]


def _negative_subject_near(sent: SentenceFeatures, hit) -> bool:
    """ "Nobody forced me": the cause-shifting phrase is denied by its subject."""
    doc = sent.span.doc
    for i in range(*hit):
        subj = subject_of(doc[i])
        if subj is not None and _is_negative_subject(subj):
            return True
    return False


def _about_exam_system(sent: SentenceFeatures, ctx: Context) -> bool:
    """The sentence speaks of the exams or the selection system (``exam_system_words``)."""
    return not ctx.words("blame", "exam_system_words").isdisjoint(sent.lemmas)


def _critique(sent: SentenceFeatures) -> list[str]:
    """Criticism of the exam or system, minus the guide's own acknowledgement
    ("My Step 1 score did not reflect my capabilities")."""
    doc = sent.span.doc
    out = []
    for a, b in sent.hits("blame.system_critique"):
        verb = next(
            (
                t
                for t in doc[a:b]
                if t.lemma_.lower() in ("reflect", "define", "capture", "measure", "represent")
            ),
            None,
        )
        if verb is not None:
            subj = subject_of(verb)
            if subj is not None and any(c.lower_ == "my" for c in subj.children):
                continue
        if (
            any(t.lower_ in ("not", "n't") for t in doc[max(sent.span.start, a - 3) : a])
            and verb is None
        ):
            continue  # "not because the exam was unfair"
        out.append(doc[a:b].text)
    return out


_BLAME_CUES = tuple(
    f"blame.{group}"
    for group in (
        "quiet_excuse",
        "external_cause",
        "counterfactual",
        "beyond_control",
        "system_critique",
        "self_pity",
    )
)


#: The cues that carry blame by themselves; a bare connective ("because of") does not.
_CARRYING_CUES = tuple(key for key in _BLAME_CUES if key != "blame.external_cause")


#: Verbs of an unreal condition that tell what the applicant had or was given, not did:
#: "if I had had the same resources", "had I received the same preparation", "if I had
#: been in a normal situation" put the better result on circumstances.
_RECEIVING = frozenset("have be get receive gain obtain enjoy live grow bear".split())


#: Verbs by which a setback teaches the applicant something.
_TEACHING = frozenset("teach tell show give".split())


def _setback_as_teacher(sent: SentenceFeatures, ctx: Context) -> bool:
    """The setback itself, as the subject, taught the applicant something: "Failing CK
    told me more about my study habits than any teacher ever did", "My failure taught me
    to ask for help"."""
    setback = _setback_words(sent, ctx)
    root = sent.span.root
    if root.lemma_.lower() not in _TEACHING or is_negated(root):
        return False
    if not any(c.dep_ in ("dobj", "dative") and c.lower_ == "me" for c in root.children):
        return False
    subj = subject_of(root)
    if subj is None:
        subj = next((c for c in root.children if c.dep_ == "csubj"), None)
    return subj is not None and any(
        t.lower_ in setback or t.lemma_.lower() in setback for t in subj.subtree
    )


def _own_regret(sent: SentenceFeatures, ctx: Context) -> bool:
    """Every better result in the sentence hangs on something the applicant would have
    done: "If I had started my preparation earlier, my score would have been higher",
    "Had I asked for help sooner, I would have passed". Not what they would have had or
    been given ("if I had had the same resources as American students"), not a condition
    that names someone or something else ("if I had postponed it after my father died"),
    and not a negated one ("if I had not been on nights")."""
    agents = ctx.words("blame", "external_agents")
    own = ctx.words("blame", "own_merit") | _OWN_DOING
    found = False
    for verb in sent.span:
        auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
        if not ({"would", "could"} & auxes) or "have" not in auxes:
            continue
        for clause in verb.children:
            if clause.dep_ != "advcl":
                continue
            marks = {c.lower_ for c in clause.children if c.dep_ in ("mark", "aux")}
            if not ({"if", "had"} & marks):
                continue
            doer = subject_of(clause)
            if is_first_person(doer):
                passive = any(c.dep_ == "auxpass" for c in clause.children)
            elif doer is not None and has_my(doer) and doer.lemma_.lower() in own:
                passive = False  # "had my preparation been more structured"
            else:
                return False
            words = {t.lemma_.lower() for t in clause.subtree} | {t.lower_ for t in clause.subtree}
            if (
                passive
                or is_negated(clause)
                or (clause.lemma_.lower() in _RECEIVING and is_first_person(doer))
                or "same" in words
                or not words.isdisjoint(agents)
            ):
                return False
            found = True
    return found


def _because_of_my_method(sent: SentenceFeatures, ctx: Context) -> bool:
    """A "because" clause in which the applicant did something of their own method
    (``own_method_verbs``): "because I prepared the way I had always studied". "Because I
    was working full time" or "because I sat Step 1 days after a funeral" give
    circumstances, not a method."""
    methods = ctx.words("blame", "own_method_verbs")
    return any(
        tok.lower_ == "because"
        and tok.head.lemma_.lower() in methods
        and (subj := subject_of(tok.head)) is not None
        and subj.lower_ == "i"
        for tok in sent.tokens_with(sent.deps, ("mark",))
    )


def _my_method_then(sent: SentenceFeatures, ctx: Context) -> bool:
    """The applicant's own method, then what followed: "I had prepared alone, only with
    textbooks, so I did not discover my weak points" (``own_method_verbs`` before "so" /
    "this is why", with "I" as its subject)."""
    methods = ctx.words("blame", "own_method_verbs")
    doc = sent.span.doc
    for link in _consequence_links(sent):
        before = doc[sent.span.start : _link_start(link)]
        if any(
            t.lemma_.lower() in methods and (s := subject_of(t)) is not None and s.lower_ == "i"
            for t in before
            # a way of working, not a state: "I was preparing while working long hours" tells
            # a circumstance
            if t.pos_ == "VERB" and t.tag_ in ("VBD", "VBN")
        ):
            return True
    return False


def _not_mine_to_excuse(sent: SentenceFeatures, ctx: Context) -> bool:
    """Nothing of the applicant's is excused, and nothing pitied (``_nothing_excused``)."""
    return not (_self_pity(sent) or _fate_against_me(sent, ctx)) and _nothing_excused(sent, ctx)


def _nothing_excused(sent: SentenceFeatures, ctx: Context) -> bool:
    """A reason is refused and every other cause is the applicant's own ("My divorce was
    not the reason for my low score", "My school did not teach us the USMLE, but this was
    not the reason for my failure; the reason is I studied alone"), or the setback is
    someone else's (``_someone_elses_setback``)."""
    causes = sent.hits("blame.external_cause")
    merit = ctx.words("blame", "own_merit")
    if any(_reason_refused(sent, h) for h in causes) and all(
        _reason_refused(sent, h) or _cause_is_self(sent, h, merit) for h in causes
    ):
        return True
    return _someone_elses_setback(sent, ctx)


def _someone_elses_setback(sent: SentenceFeatures, ctx: Context) -> bool:
    """The setback is another person's, with its cause: "My best friend from medical school
    failed Step 1 twice because of the strikes, and I still think he was the better
    student", "My cousin could not sit Step 1 because the only centre closed, so I paid
    her rebooking". Every setback word's clause, or the clause it explains ("because the
    centre closed" explains "could not sit"), has someone else as its subject
    (``relatives``, he, she), and none has the applicant ("My father lost his job, so I
    failed Step 1" is the applicant's setback)."""
    if "exam" in sent.tags or _exam_just_before(sent, ctx):
        return False  # the exam is the applicant's ("My father fell ill the month of my exam")
    people = ctx.words("structure", "relatives")
    setback = _setback_words(sent, ctx)
    words = [
        t
        for t in sent.span
        if (t.lower_ in setback or t.lemma_.lower() in setback)
        and not _in_a_subject(t)  # "classmates with lower grades matched ..."
    ]
    if not words:
        return False
    for word in words:
        node = word
        while True:
            subj = subject_of(node) if node.pos_ in ("VERB", "AUX") else None
            if subj is not None and is_first_person(subj):
                return False
            if subj is not None and (subj.lemma_.lower() in people or subj.lower_ in ("he", "she")):
                break  # someone else's
            if node.head.i == node.i:
                return False  # no person found: not known to be someone else's
            node = node.head
    return True


def _in_a_subject(tok) -> bool:
    """``tok`` is part of a subject, below any verb: "classmates with lower grades"."""
    node = tok
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        if node.dep_ in ("nsubj", "nsubjpass"):
            return True
        node = node.head
    return False


def rejects_blame(sent: SentenceFeatures, ctx: Context) -> bool:
    """A firm no: the sentence owns the outcome ("..., and the decision was mine"), or
    there is nothing to excuse: no setback in view and no word of blame or self-pity, or
    it is part of a clinical scene and not about the exams ("the uterus refused to
    contract": a story's causes are not the applicant's excuses, as in ``detect_blame``)."""
    if _real_ownership(sent, ctx.words("blame", "external_agents")):
        return True
    if _not_mine_to_excuse(sent, ctx):
        return True
    if (_because_of_my_method(sent, ctx) or _my_method_then(sent, ctx)) and not any(
        sent.has(key) for key in _BLAME_CUES
    ):
        # "I failed Step 1 because I prepared the way I had always studied", "I had prepared
        # alone, only with textbooks, so I did not discover my weak points"
        return True
    if "anecdote" in sent.tags and "exam" not in sent.tags and not sent.has("blame.self_pity"):
        return True
    merit = ctx.words("blame", "own_merit")
    reasons = [
        (a, b)
        for a, b in sent.hits("blame.external_cause")
        if _reason_is_mine(sent.span.doc[a:b], merit)
    ]
    if reasons and not _names_an_outside_cause(sent, ctx, reasons):
        return True  # "Poor planning on my part is the reason my score was low"
    if _own_regret(sent, ctx):
        # "If I had asked for help sooner, I would have passed on my first attempt"
        return True
    if _setback_as_teacher(sent, ctx) and not any(
        sent.has(key) for key in ("blame.external_cause", "blame.beyond_control")
    ):
        return True  # "Failing CK told me more about my study habits than any teacher did"
    if not _bad_outcome(sent) and any(
        tok.lower_ == "because" and _a_gain_explained(tok.head, ctx)
        for tok in sent.tokens_with(sent.deps, ("mark",))
    ):
        return True  # "My score improved because my mentor reviewed every block with me"
    setback = _setback_in_view(sent, ctx)
    if not setback and not any(sent.has(key) for key in _CARRYING_CUES):
        # a bare connective ("because of this") whose effect is a gain: "the team worked
        # better because of this"
        gains = ctx.words("blame", "gain_words")
        if sent.has("blame.external_cause") and not gains.isdisjoint(sent.words):
            return True
    return not (setback or any(sent.has(key) for key in _BLAME_CUES))
