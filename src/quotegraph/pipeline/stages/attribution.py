"""Find statements: a cue, its content and the phrase naming the speaker.

Two passes over each parsed sentence. Cue-first: every reporting cue (a verb
from the lexicon, "according to", "called for") takes its content from the
parse (the complement clause, or the object for verbs like "urge"); the type
follows from the quotation marks inside the content. Quote-first: every
quotation left over that reads like speech is attached to a cue in its frame,
to a colon-ended frame just before it ("The Times reports:"), or to the
speaker of the statement just before it (a quote that continues a speaker's
words). Scare quotes and quoted sub-headings are not statements.
"""

from __future__ import annotations

import re

from ...model import Span
from ..base import stage
from ..lexicons import cues, document_nouns, noun_cues
from ..work import Candidate, Clause, Proposal, Token, Work
from .frames import (SUBJECT_DEPS, adjacent_name, announced_statement, complement, content_tokens, continued_after_frame,
                     coordinated, cue_weight, dateline, fronted_content, governing_verbs, is_cue, is_noun_cue, light_partner,
                     mention_span, object_pieces, passive, reacting_verb, second_attribution, first_attribution, statement_kind,
                     subject_of, that_clause_cue, with_object_complements, with_stranded_conjuncts, without_finite_conjunct,
                     without_other_tense_conjunct, without_leading_time, without_trailing_aside)
from .marks import QUOTE_MARKS
from .speaker_choice import (addressed, can_speak, colon_source, fronted_apposition, frame_length, inverted_object, phrase_before_cue,
                             surface_frame)

_TRIM = " \t\n,;:—–-"
_RELATIVE_PRONOUNS = frozenset(("which", "who", "whom", "that", "whose"))
_WORD = re.compile(r"[A-Za-z’']+")
# Between a frame set off by commas and its quotation: the comma, a few words of the sentence, the mark.
_AFTER_FRAME = re.compile(r"\s*,\s*(?P<words>(?:[^\W\d_][\w’']*\s+){0,3})[\"“‘']?")
_FRAME_WORDS = 8
_COLON_FRAME_WORDS = 20  # words of a sentence that ends in a colon and frames the quotation after it
_LONGEST_FRAME_AFTER = 40  # words of a frame sentence after a quotation, its speaker's introduction included
_SYNTAX_ONLY = ("cue:that-clause", "cue:noun-that-clause")
# The parts of speech a cue can have: is_cue takes verbs and auxiliaries, is_noun_cue nouns, and
# light_partner and that_clause_cue verbs.
_CUE_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})
_PHRASE_FORMS = ("object", "topic", "spoken-of", "predicative", "demand", "noun-topic", "light", "passive")
_NAMING_DEPS = ("compound", "amod", "nmod", "poss")
_SENT_END = re.compile(rf"[.!?…][{re.escape(QUOTE_MARKS)}]*$")

__all__ = ["Attribution", "content_tokens", "subject_of", "quote_type"]

_DASH_CREDIT = re.compile(r"[^\S\n]*(?P<dash>[―—–]|--)[^\S\n]*(?P<name>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3})")
_LABEL = re.compile(r"[\"“]?(?P<name>(?:[A-Z][A-Za-z.'’-]+|[A-Z]{2,})(?: [A-Z][A-Za-z.'’-]+){0,2})(?P<colon>:)[ \t]+(?=\S)")
_NOT_LABELS = frozenset(("update", "updated", "editor's note", "note", "watch", "read", "photo", "photos", "video",
                         "related", "source", "sources", "advertisement", "breaking", "exclusive", "abstract", "live",
                         "contributing", "contributors", "credit", "credits", "see more", "see also", "more",
                         "read more", "posted", "published", "reporting", "additional reporting", "editing",
                         "written by", "by", "filed", "correction", "clarification"))
# A transcript line ends as a sentence does; a headline or a credit line does not.
_LABEL_END = re.compile(rf"[.!?…][{re.escape(QUOTE_MARKS)})]*\s*$")


def quote_type(work: Work, spans: list[Span]) -> tuple[str, list[int]]:
    """'direct', 'mixed' or 'indirect' from the quotation marks, and the regions involved."""
    inside = total = 0
    hits = [h for s in spans for h in work.region_index.overlapping(s.start, s.end)]
    involved = sorted({k for _, _, k in hits})
    text = work.text
    for s in spans:
        total += sum(map(str.isalnum, text[s.start : s.end]))
        for rs, re_, _ in work.region_index.overlapping(s.start, s.end):
            lo, hi = max(rs, s.start), min(re_, s.end)
            inside += sum(map(str.isalnum, text[lo:hi]))
    if total and inside == total:
        return "direct", involved
    return ("mixed" if inside else "indirect"), involved


_SUBORDINATORS = ("if", "when", "because", "unless", "while", "once", "although", "though")


def _subordinators_only(toks: list[Token]) -> bool:
    """'He said that if "the final resolution requires it, we will appeal"', 'said that "we will win"': "that",
    alone or with a subordinating conjunction, before a quotation that goes on in lower case opens the
    reported clause, and the statement starts with it."""
    return toks[0].text.lower() == "that" and (len(toks) == 1 or len(toks) == 2 and toks[1].text.lower() in _SUBORDINATORS)


_LEAD_WORDS = 30


def _sentence_lead(toks: list[Token], lead: str) -> bool:
    """The words opening a sentence before a quotation its frame follows are a part of what was said
    ('Teachers are “looking …,” she said', 'If the legislation passes, "it is going to …," he said',
    'But "if you are critical …," said Roffman'): PolNeAR's annotators start the statement with them.
    Not a lead that ends in a colon, a dash or a parenthesis ('Her reply: “…”'), a single word set off
    by a comma ('Yet, “it is hard …”'), nor one the speaker was asked or is seen doing ('Asked about it,
    “…,” he said')."""
    words = _WORD.findall(lead)
    end = lead.rstrip()[-1:]
    if not words or len(words) > _LEAD_WORDS or end in ";:—–-(" or end == "," and len(words) < 2:
        return False
    return bool(toks) and not is_cue(toks[0])


_OBJECT_POS = frozenset(("DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM"))


def _infinitive_opening(toks: list[Token]) -> bool:
    """'She vows to “defend the Affordable Care Act”', 'called on people to "remember …"': the words
    between a cue and a quotation that finishes an infinitive ("to", "not to", after a short object)
    open what was promised or urged; PolNeAR starts the statement with them."""
    if not toks or toks[-1].text.lower() != "to":
        return False
    obj = toks[:-2] if len(toks) > 1 and toks[-2].text.lower() == "not" else toks[:-1]
    return len(obj) <= 4 and all(t.pos in _OBJECT_POS for t in obj)


_FRAME_ADJUNCT_PREPS = frozenset("in on at during per after before since via through amid".split())
_TOPIC_PREPS = frozenset("about for with of".split())
_CLAUSE_OPENERS = frozenset("that if whether because while when although though since unless once".split())
_LEAD_BREAKS = frozenset(("—", "–", "--", "―", "(", ")", ";", ":"))


def _cue_child(clause: Clause, cue: Token, tok: Token) -> Token | None:
    """The child of ``cue`` whose phrase ``tok`` is in; None outside the cue's subtree."""
    path = [tok.i, *clause.ancestors(tok.i)]
    return next((clause.tokens[j] for j in path if j != cue.i and clause.tokens[j].head == cue.i), None)


def _after_frame_adjuncts(clause: Clause, cue: Token, toks: list[Token], topic: bool = True) -> list[Token]:
    """The words after a cue without the frame's own phrases that open them: where and when it was said
    ('said on Thursday he …', 'writes in the column that …', 'said, per a translator, that …'), its
    particle and adverbs ('also', 'last month') and a topic preposition ('talked about continuing …')."""
    rest = list(toks)
    while rest:
        t = rest[0]
        if t.text == ",":
            rest = rest[1:]
            continue
        top = _cue_child(clause, cue, t)
        if top is None or t.region is not None:
            break
        if topic and top is t and t.dep == "prep" and t.text.lower() in _TOPIC_PREPS:
            return rest[1:]
        if not (top.dep == "prep" and top.text.lower() in _FRAME_ADJUNCT_PREPS or top.dep in ("npadvmod", "advmod", "prt")):
            break
        n = 0
        while n < len(rest) and (rest[n].text == "," or _cue_child(clause, cue, rest[n]) is top):
            n += 1
        rest = rest[n:]
    return rest


def _opens_content(clause: Clause, cue: Token, toks: list[Token], clause_only: bool = False) -> bool:
    """The first of ``toks`` opens what the cue reports: a subordinator, or a word of the cue's complement
    or object (a subject, a determiner, a gerund), under the cue in the parse."""
    first = toks[0]
    if first.text.lower() in _CLAUSE_OPENERS:
        return True
    if clause_only and first.pos == "DET" and first.head == cue.i:
        return False  # 'delivered a snappy retort:' (an object), not a clause
    if first.pos not in ("DET", "PRON", "PROPN", "NOUN", "ADJ", "NUM") and first.tag != "VBG":
        return False
    path = [first.i, *clause.ancestors(first.i)]
    if cue.i not in path:
        return False
    via = {clause.tokens[j].dep for j in path[:path.index(cue.i)]}
    return not clause_only or "ccomp" in via or first.tag == "VBG" and "xcomp" in via


def _trimmed(work: Work, start: int, end: int) -> Span | None:
    """``start``..``end`` without the spaces, quote marks and punctuation at either end, and without a
    conjunction left dangling at the end where a cut fell after it ("… the car and", "… a gun, as")."""
    text = work.text
    while start < end and text[start] in _TRIM:
        start += 1
    while True:
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        dangling = _DANGLING.search(text, start, end)
        if dangling is None or dangling.start() <= start:
            break
        end = dangling.start()
    return Span(start, end) if end > start else None


# A word that cannot end what was said: a coordinating conjunction or "as" with nothing after it.
_DANGLING = re.compile(r"(?<=[\s,;—–-])(?:and|but|or|nor|as)$", re.IGNORECASE)


def _split_by_frame(work: Work, clause: Clause, verb: Token, idx: list[int]) -> list[Span]:
    """The spans of a noun-phrase content its frame splits (``object_pieces``); [] when it is whole."""
    pieces = object_pieces(clause, verb, idx)
    if len(pieces) < 2:
        return []
    spans = [_trimmed(work, clause.tokens[p[0]].start, clause.tokens[p[-1]].end) for p in pieces]
    return [s for s in spans if s is not None]


@stage("attribution", requires=("text", "paragraphs", "regions", "clauses", "clusters.kind", "clusters.mentions"),
       assigns=("candidates",))
class Attribution:
    """Find cues, contents and speaker phrases."""

    def accept(self, work: Work, proposal: Proposal) -> None:
        """A later stage may only drop candidates (the filter), never add or reorder them."""
        if proposal.field != "candidates":
            raise ValueError(f"attribution takes no proposals for '{proposal.field}'")
        keep = {id(c) for c in proposal.value}
        if not keep <= {id(c) for c in work.candidates}:
            raise ValueError("a proposal for 'candidates' may only drop candidates")
        work.candidates = [c for c in work.candidates if id(c) in keep]

    def __call__(self, work: Work) -> None:
        covered: set[int] = set()
        headings = _heading_paragraphs(work)
        pending_frame: tuple[Candidate, int] | None = None
        for ci, clause in enumerate(work.clauses):
            if clause.paragraph in headings:
                continue
            found = self._cue_first(work, ci, clause, covered)
            for cand in found:
                covered.update(cand.regions)
            work.candidates.extend(c for c in found if c.spans)
            frame = next((c for c in found if not c.spans), None)
            self._quote_first(work, ci, clause, covered, pending_frame)
            pending_frame = (frame, clause.paragraph) if frame is not None else None
        self._labels(work, covered)
        work.candidates = _one_per_cue(_one_per_quotation(work.candidates), work.text)
        for cand in work.candidates:
            _keep_apart(work, cand)
        work.candidates.sort(key=lambda c: c.spans[0].start)
        work.candidates = _carries_joined(work, work.candidates)

    def _labels(self, work: Work, covered: set[int]) -> None:
        """Transcript and headline labels: 'PENCE: Well, look …', 'Pat Caddell: Voters worried …'. A label
        names the speaker of a quotation that would otherwise carry the previous one's ('"WALLACE: Let’s …')."""
        taken = [s for c in work.candidates if not _carried_only(c) for s in c.spans]
        named = None
        for k, para in enumerate(work.paragraphs):
            m = _LABEL.match(work.text, para.start, para.end)
            if not m or m.group("name").lower() in _NOT_LABELS:
                continue
            if k == 0 and len(work.paragraphs) > 1 and not m.group("name").isupper():
                # the title: "Pence: …" is his, "The Latest: …" and "Stealth Over Health: …" are kickers
                named = named if named is not None else _named_spans(work)
                last = m.group("name").split()[-1].lower()
                if not any(s < m.end("name") and m.start("name") < e for s, e in named) \
                        and last not in document_nouns():  # "Poll: Clinton and Trump in dead heat"
                    continue
            content = _trimmed(work, m.end(), para.end)
            turn = m.group("name").isupper()  # a transcript's turn holds the statements made inside it
            if content is None or any(content.overlap(t) and not (turn and content.start <= t.start <= t.end <= content.end)
                                      for t in taken):
                continue
            if not _LABEL_END.search(work.text, para.start, para.end):
                continue  # "Julian Assange: Sweden drops rape investigation", "Contributing: Jane Roe"
            cand = Candidate(type="indirect", spans=[], cue=work.mention(m.start("colon"), m.end("colon")),
                             speaker_mention=work.mention(m.start("name"), m.end("name")),
                             speaker_head=m.start("name"), rule="label", confidence=0.7,
                             kind="speech")
            cand.clause = next((i for i, c in enumerate(work.clauses) if c.span.start <= m.start() < c.span.end), None)
            self._set_content(work, cand, [content])
            cand.spans = _until_next_turn(work, [Span(max(x.start, content.start), x.end) for x in cand.spans
                                                 if x.end > content.start])
            covered.update(cand.regions)
            work.candidates = [c for c in work.candidates if not (_carried_only(c) and any(
                content.overlap(x) for x in c.spans))]
            work.candidates.append(cand)

    def _cue_first(self, work: Work, ci: int, clause: Clause, covered: set[int]) -> list[Candidate]:
        out = []
        for tok in clause.tokens:
            if tok.lemma == "accord" and tok.text.lower() == "according":
                cand = self._according(work, ci, clause, tok)
            elif tok.pos not in _CUE_POS:  # what none of the cue tests below accepts
                continue
            elif is_cue(tok) or is_noun_cue(clause, tok) or light_partner(clause, tok) is not None or \
                    that_clause_cue(clause, tok):
                cand = self._from_verb(work, ci, clause, tok)
                if cand is not None and tok.pos == "NOUN" and tok.lemma not in noun_cues() and cand.rule == "cue:noun-clause":
                    cand.rule = "cue:noun-that-clause"  # a noun outside the lexicons, known by its clause alone
                if cand is not None and cand.rule == "cue:that-clause":
                    self._to_governing_cue(work, clause, cand, tok)
            elif (noun := announced_statement(clause, tok)) is not None:
                cand = self._announcement(work, ci, clause, tok, noun)
            else:
                continue
            if cand is not None:
                out.append(cand)
        # Univocal: a cue inside another statement's content is part of that content
        # (when two contain each other's cue, the first cue is the reporting one).
        def inside(c: Candidate, o: Candidate) -> bool:
            return any(s.start <= c.cue.start < s.end for s in o.spans)

        def dominated(c: Candidate) -> bool:
            """Inside the content of another cue that reports it (a weak cue such as
            "defended" never swallows a speech cue such as "said")."""
            return any(o is not c and o.spans and inside(c, o) and not (inside(o, c) and o.cue.start > c.cue.start)
                       and o.confidence + 0.1 >= c.confidence for o in out)

        def unrealised(c: Candidate) -> bool:
            """"declined to say whether …", "his refusal to say which side …": speech inside an
            intention's content was not made (it stays, of kind intention)."""
            return any(o is not c and o.spans and o.kind == "intention" and inside(c, o) for o in out)

        def yields(c: Candidate) -> bool:
            """A cue known by its syntax alone (a "that" clause of any verb or noun) yields to a lexicon
            cue reporting the same content (the parser often hangs the clause on the nearer verb)."""
            return c.rule in _SYNTAX_ONLY and any(o is not c and o.spans and o.rule not in _SYNTAX_ONLY and
                                                 any(s.overlap(t) for s in c.spans for t in o.spans) and
                                                 not _reports_inner(c, o) for o in out)

        def restated(c: Candidate, kept: list[Candidate]) -> bool:
            """Two cues of one sentence reporting the same content are one statement, the first cue's
            ("expressed concern that …": the verb reports the clause, and so does its noun)."""
            return bool(c.spans) and any(o is not c and o.spans == c.spans and o.cue.start < c.cue.start for o in kept)

        for c in out:
            for o in out:
                if o is not c and o.spans and c.spans and inside(c, o) and not inside(o, c):
                    self._end_before_second(work, clause, o, c)
        kept = [c for c in out if not dominated(c) and not yields(c)]
        kept = [c for c in kept if not restated(c, kept)]
        for c in kept:
            if unrealised(c):
                c.kind = "intention"  # part of what someone would not say, not a statement made
        return kept

    def _from_verb(self, work: Work, ci: int, clause: Clause, verb: Token) -> Candidate | None:
        form, idx = complement(clause, verb)
        idx = [i for i in idx if i != verb.i]
        noun, reactor = verb, reacting_verb(clause, verb) if form == "noun-clause" else None
        if reactor is not None:  # "Clinton bashed [Trump's proposal to ban …]": the verb's statement
            verb = reactor
        subj, _ = subject_of(clause, verb)
        if subj is None and not addressed(clause, verb):
            subj = _unparsed_subject(clause, verb, skip=frozenset(idx), modifier=False)
        if subj is not None:  # (a noun the cue modifies holds the cue: "a group backing X" keeps "X")
            sub = set(clause.subtree(subj.i)) - set(clause.subtree(verb.i))
            idx = [i for i in idx if i not in sub]
        cue_end = verb.end
        partner = light_partner(clause, verb) if verb.pos == "VERB" else None
        if partner is not None:  # "drew criticism", "lashed out": the phrase is the cue
            cue_end = partner.end
        for c in verb.children:
            t = clause.tokens[c]
            if t.dep == "prt" or (verb.lemma == "call" and t.dep == "prep" and t.text.lower() in ("for", "on") and t.i == verb.i + 1):
                cue_end = max(cue_end, t.end)
        cand = Candidate(type="indirect", spans=[], cue=work.mention(verb.start, cue_end), clause=ci, rule=f"cue:{form}")
        cand.confidence = cue_weight(noun)
        self._frame_speaker(work, clause, cand, subj, verb, _quote_end_before(work, clause, verb) if subj is None else None)
        cand.kind = statement_kind(clause, noun, form, idx, subj) if idx else None
        colon = work.text[clause.span.start:clause.span.end].rstrip().endswith(":")
        if not idx or cand.kind is None:
            # no content here; a frame ending with ':' can still introduce the next quote
            cand.kind = statement_kind(clause, verb, "clause", [], subj)
            cand.rule = "frame"
            return cand if colon else None
        if form in ("clause", "infinitive"):
            idx = with_stranded_conjuncts(clause, verb, without_leading_time(clause, verb, idx))
        if form == "infinitive":
            idx = without_finite_conjunct(clause, idx)
        if form == "clause":
            idx = without_other_tense_conjunct(clause, idx)
        if form in ("object", "predicative"):
            idx = with_object_complements(clause, verb, idx)
        if form == "predicative":
            idx = _before_agent(clause, verb, idx)
        idx = without_trailing_aside(clause, idx, phrase=form in _PHRASE_FORMS, text=work.text)
        # a frame set inside the content ("But to prevent problems, he said, officials should …") leaves the
        # whole sentence to the speaker, its first word too
        framed = bool(idx) and idx[0] < verb.i < idx[-1]
        toks = [clause.tokens[i] for i in _after_dateline(clause, idx, connective=not framed)]
        if not toks:
            return None
        start = min(t.start for t in toks)
        if reactor is not None:
            start = min(start, clause.tokens[min(clause.subtree(noun.i))].start)
        span = _trimmed(work, start, max(t.end for t in toks))
        if span is None:
            return None
        first = [clause.tokens[i] for i in _after_dateline(clause, fronted_content(clause, verb, subj, idx),
                                                           connective=False)] \
            if form in ("clause", "parenthetical") else _raised_subject(clause, verb, span) \
            if form == "infinitive" or form in ("predicative", "object") and passive(clause, verb) else []
        if not first and form in ("clause", "infinitive"):
            first = _extracted_relative(clause, verb, idx)
        piece = _trimmed(work, first[0].start, first[-1].end) if first else None
        spans = [piece, span] if piece is not None else [span]
        if form == "predicative":
            spans = _split_by_frame(work, clause, verb, [t.i for t in toks]) or spans
        tail = continued_after_frame(clause, verb, idx) if form in ("clause", "parenthetical") else []
        if tail and (rest := _trimmed(work, clause.tokens[tail[0]].start, clause.tokens[tail[-1]].end)) is not None:
            spans.append(rest)
        self._set_content(work, cand, spans)
        if form == "quote":
            if cand.type == "direct" and cand.regions:
                self._fronted_subject(work, clause, cand, work.regions[cand.regions[0]])
            self._fronted_piece(work, clause, cand, verb)
        return cand

    def _announcement(self, work: Work, ci: int, clause: Clause, verb: Token, noun: Token) -> Candidate | None:
        """The frame "X released the following statement:" for the quotation after it: the verb and its
        noun are the cue, the verb's subject the speaker; None without a subject."""
        subj, _ = subject_of(clause, verb)
        if subj is None or subj.region is not None:
            return None
        cand = Candidate(type="indirect", spans=[], cue=work.mention(verb.start, noun.end), clause=ci, kind="speech",
                         confidence=cue_weight(verb))
        cand.rule = "frame"  # a frame with no content of its own, as _from_verb's: the quotation after it takes it
        self._speaker(work, clause, cand, subj)
        return cand

    def _end_before_second(self, work: Work, clause: Clause, outer: Candidate, inner: Candidate) -> None:
        """A content ends where a second attribution begins: in "Lynch said the demands erase barriers,
        though she noted clients want diverse teams" the clause after the comma is what someone else
        (or the same speaker, again) reports through a cue of its own, not part of the first content."""
        cue = next((t for t in clause.tokens if t.start == inner.cue.start), None)
        if cue is None or inner.speaker_mention is None or any(clause.tokens[c].dep == "neg" for c in cue.children):
            return  # "…, but the agency did not estimate how many …" says nothing of its own: it stays inside
        if cue.pos == "VERB" and inner.rule in ("cue:noun-clause", "cue:noun-that-clause"):
            return  # "… and that he might decide against his announced plans to …": a reaction to a statement
            # (frames.reacting_verb) inside a content is part of it
        if inner.speaker_mention.text.lower() in _RELATIVE_PRONOUNS:
            return  # "…, a group which opposes …": the writer's description of someone, not their statement
        cut = second_attribution(clause, cue, outer.spans[-1].end)
        if cut is None:
            self._start_after_first(work, clause, outer, cue)
            return
        if not any(s.start < cut < s.end for s in outer.spans):
            return  # the break must fall inside the content, not between its pieces
        if outer.cue is not None and outer.cue.end <= cut and not work.text[outer.cue.end : cut].strip(_TRIM):
            return  # the comma that closes the frame ("A, Mayer said, and B") is no second attribution
        spans = [s for s in outer.spans if s.start < cut]
        last = _trimmed(work, spans[-1].start, min(spans[-1].end, cut))
        if last is None:
            return
        self._set_content(work, outer, spans[:-1] + [last])

    def _start_after_first(self, work: Work, clause: Clause, outer: Candidate, cue: Token) -> None:
        """"Officials said the fire was contained; residents said they were told to stay indoors": the
        content of the second cue starts after the first attribution, which keeps its own statement."""
        if outer.cue is None:
            return
        start = first_attribution(clause, cue, outer.spans[0].start)
        if start is None or start > outer.cue.start or not any(s.start <= start < s.end for s in outer.spans):
            return
        start = max(start, outer.cue.end) if outer.speaker_mention is None or outer.speaker_mention.start >= start \
            else start
        spans = [t for s in outer.spans if s.end > start and (t := _trimmed(work, max(s.start, start), s.end))]
        if spans:
            self._set_content(work, outer, spans)

    def _to_governing_cue(self, work: Work, clause: Clause, cand: Candidate, verb: Token) -> None:
        """"X told teachers who covered the lawn that …": the parser hung the "that" clause on the verb of
        a relative clause on the object of a speech cue; the clause is what that cue reports."""
        noun = clause.tokens[verb.head]
        if verb.dep != "relcl" or noun.dep not in ("dobj", "dative") or noun.head == noun.i:
            return
        cue = clause.tokens[noun.head]
        if not is_cue(cue) or cues()[cue.lemma][0] not in ("speech", "write"):
            return
        subj, _ = subject_of(clause, cue)
        cand.cue, cand.rule = work.mention(cue.start, cue.end), "cue:clause"
        cand.speaker_mention = cand.speaker_head = None
        self._speaker(work, clause, cand, subj)
        cand.kind = statement_kind(clause, cue, "clause", [verb.i], subj)
        cand.confidence = cue_weight(cue)

    def _according(self, work: Work, ci: int, clause: Clause, tok: Token) -> Candidate | None:
        to = [clause.tokens[c] for c in tok.children if clause.tokens[c].text.lower() == "to"]
        src = [clause.tokens[c] for t in to for c in t.children if clause.tokens[c].dep == "pobj"]
        if not src:
            return None
        head = clause.tokens[tok.head] if tok.head != tok.i else tok
        for _ in range(3):  # "One of the officers, according to records, had worked …": the clause, not its subject
            if head.pos in ("VERB", "AUX") or head.head == head.i or head.dep not in SUBJECT_DEPS + ("appos",):
                break
            head = clause.tokens[head.head]
        skip = set(clause.subtree(tok.i))
        idx = [i for i in clause.subtree(head.i) if i not in skip] if head is not tok else []
        if head is tok:
            skip, idx = _after_fronted_source(clause, tok, src[0])
        idx = _drop_source_apposition(clause, idx, max(skip))
        if head is not tok and head.i < tok.i:
            # "X took part, according to the organiser, Y (AROS).": the content ends where the phrase
            # begins, and what the parser hung on the clause after it describes the source; a clause
            # joined after it ("…, according to aides, and said …") goes on with the content
            joined = {j for c in head.children if c > tok.i and clause.tokens[c].dep in ("conj", "cc")
                      for j in clause.subtree(c)}
            idx = [i for i in idx if i < tok.i or i in joined]
        idx = _after_dateline(clause, idx)
        if not idx:
            return None
        toks = [clause.tokens[i] for i in idx]
        span = _trimmed(work, min(t.start for t in toks), max(t.end for t in toks))
        if span is None:
            return None
        end = to[0].end
        cand = Candidate(type="indirect", spans=[], cue=work.mention(tok.start, end), clause=ci, rule="according",
                         kind="document" if src[0].lemma in document_nouns() else "speech")
        cand.confidence = 0.85
        self._speaker(work, clause, cand, src[0])
        self._set_content(work, cand, [span])
        return cand

    def _speaker(self, work: Work, clause: Clause, cand: Candidate, subj: Token | None) -> None:
        if subj is not None:
            s, e = mention_span(clause, subj)
            if not any(ch.isalnum() for ch in work.text[s:e]):
                return  # a stray mark parsed as a subject (e.g. an unknown closing quote) names no one
            conj = coordinated(clause, subj)
            if conj is not None:  # "Anne Price and Tom Hughes warned": a joint speaker
                e = max(e, conj.end)
            if cand.cue is not None and s <= cand.cue.start < cand.cue.end < e:
                s = cand.cue.end + len(work.text[cand.cue.end:e]) - len(work.text[cand.cue.end:e].lstrip())
                # 'Said Ellis:': the parser hung the inverted cue on the name; it is no part of it
            cand.speaker_mention = work.mention(s, e)
            cand.speaker_head = subj.start

    def _frame_speaker(self, work: Work, clause: Clause, cand: Candidate, subj: Token | None, cue: Token,
                       after: int | None) -> None:
        """The speaker of a quotation's frame: the cue's subject, else the noun phrase between the quotation
        (ending at ``after``) and the cue when the parser misread it ('“…,” the 85-year-old said.')."""
        phrase = phrase_before_cue(clause, cue, after) if subj is None and after is not None else None
        if phrase is None:
            self._speaker(work, clause, cand, subj)
        else:
            _phrase_speaker(work, cand, phrase)

    def _set_content(self, work: Work, cand: Candidate, spans: list[Span]) -> None:
        _retype(work, cand, [_cover_marks(work, s) for s in spans])

    def _quote_first(self, work, ci, clause, covered, pending_frame) -> None:
        for tok in clause.tokens:
            k = tok.region
            if k is None or k in covered:
                continue
            region = work.regions[k]
            if region.spans[0].start < clause.span.start:
                continue  # a later paragraph of a quote already handled
            covered.add(k)
            cand = Candidate(type="direct", spans=list(region.spans), clause=ci, regions=[k], rule="quote", kind="speech")
            frame = self._frame_cue(work, clause, tok)
            if frame is not None:
                cand.cue = work.mention(frame.start, frame.end)
                subj, _ = subject_of(clause, frame)
                if subj is None:
                    subj = _unparsed_subject(clause, frame, modifier=True)
                self._frame_speaker(work, clause, cand, subj, frame, region.outer.end)
                cand.kind = statement_kind(clause, frame, "quote", [tok.i], subj)
                cand.confidence = cues()[frame.lemma][1]
                cand.rule = "quote:frame"
                self._fronted_subject(work, clause, cand, region)
                self._predicate_after_cue(work, clause, cand, region, frame)
                self._content_before_quote(work, clause, cand, region, frame)
                self._fronted_piece(work, clause, cand, frame)
            elif (dash := _DASH_CREDIT.match(work.text, region.outer.end)) is not None:
                # vox pops and epigraphs: "“We can build a wall around him.” ― Steve Quinlan"
                cand.cue = work.mention(dash.start("dash"), dash.end("dash"))
                cand.speaker_mention = work.mention(dash.start("name"), dash.end("name"))
                cand.speaker_head, cand.confidence, cand.rule = dash.start("name"), 0.8, "quote:dash"
            elif pending_frame is not None and pending_frame[1] >= clause.paragraph - 1:
                src = pending_frame[0]
                cand.cue, cand.speaker_mention, cand.speaker_head = src.cue, src.speaker_mention, src.speaker_head
                cand.confidence, cand.rule, cand.kind = 0.85, "quote:colon", src.kind or "speech"
            elif not self._without_cue(work, ci, clause, cand, region):
                continue
            work.candidates.append(cand)
        self._framed_short_quotes(work, ci, clause, covered)
        self._short_quotes(work, ci, clause, covered)

    def _without_cue(self, work: Work, ci: int, clause: Clause, cand: Candidate, region) -> bool:
        """A quotation with no lexicon cue in its sentence: its own short frame, a frame the sentence
        split moved into the next sentence, the statement it continues, or else the previous speaker
        carried over. False when it is no new statement (a title, or part of the one before)."""
        lead = work.text[clause.span.start : region.outer.start].strip()
        if lead and not lead.endswith(":"):
            return False  # a title or scare quote inside a sentence, not speech
        verb = _frame_verb(work, clause, region)
        after = _frame_after(work, ci, region)
        if verb is not None:  # '“…,” Trump shot back.': someone else's frame, never a carried speaker
            self._attach_frame_verb(work, clause, cand, verb)
        elif (source := colon_source(clause, region.outer.start)) is not None \
                and " ".join(t.text for t in source).lower() not in _NOT_LABELS:
            self._attach_colon_source(work, clause, cand, source)  # 'More from Jones: “…”'
        elif after is not None:  # '“… who knows?” Trump told ITV.': the frame is the next sentence
            frame_clause, cue = after
            subj, _ = subject_of(frame_clause, cue)
            cand.cue = work.mention(cue.start, cue.end)
            cand.clause = ci + 1  # the frame's sentence: where its cue, channel and date are
            self._speaker(work, frame_clause, cand, subj)
            cand.confidence, cand.rule = cues()[cue.lemma][1], "quote:frame"
        elif (surface := surface_frame(clause, region.outer.end)) is not None:
            self._attach_surface_frame(work, cand, *surface)
        elif (prior := _colon_sentence_before(work, ci, region)) is not None:
            self._attach_colon_sentence(work, ci - 1, cand, *prior)  # 'He listed the qualities: ¶ “…”'
        elif self._continue_previous(work, clause, cand):
            return False
        else:
            cand.carried, cand.confidence, cand.rule = True, 0.6, "quote:carry"
        return True

    def _attach_frame_verb(self, work: Work, clause: Clause, cand: Candidate, verb: Token) -> None:
        """A quotation's own frame with a verb the lexicon does not know ("shot back", "gloated"): the
        verb (with its particle) is the cue and its subject the speaker."""
        end = max([verb.end] + [clause.tokens[c].end for c in verb.children if clause.tokens[c].dep == "prt"])
        if _copular_frame(clause, verb):  # "Schumer was blunt:": the copula and what it says of him
            end = max(clause.tokens[i].end for c in verb.children if clause.tokens[c].dep in ("acomp", "attr")
                      for i in clause.subtree(c))
        cand.cue = work.mention(verb.start, end)
        subj, _ = subject_of(clause, verb)
        self._speaker(work, clause, cand, subj)
        cand.confidence, cand.rule = 0.6, "quote:verb"

    def _attach_colon_source(self, work: Work, clause: Clause, cand: Candidate, source: list[Token]) -> None:
        """A quotation after a verbless phrase and a colon that names its source ('More from Jones: “…”'):
        the colon is the cue and the name the speaker (see ``speaker_choice.colon_source``)."""
        colon = next(t for t in reversed(clause.tokens) if t.end <= cand.spans[0].start and t.text == ":")
        cand.cue = work.mention(colon.start, colon.end)
        _phrase_speaker(work, cand, source)
        cand.confidence, cand.rule = 0.85, "quote:colon"

    def _attach_colon_sentence(self, work: Work, ci: int, cand: Candidate, verb: Token | None,
                               source: list[Token] | None) -> None:
        """A quotation opening its sentence after a sentence ending in a colon that frames it, with a
        verb outside the lexicon ('President Clinton released the following statement:') or none ('More
        from Jones:'): that sentence's subject or source is the speaker, its verb or colon the cue."""
        clause = work.clauses[ci]
        cand.clause = ci  # the frame's sentence: where its cue, channel and date are
        if verb is not None:
            cand.cue = work.mention(verb.start, verb.end)
            self._speaker(work, clause, cand, subject_of(clause, verb)[0])
        else:
            colon = next(t for t in reversed(clause.tokens) if t.text == ":")
            cand.cue = work.mention(colon.start, colon.end)
            _phrase_speaker(work, cand, source)
        cand.confidence, cand.rule = 0.85, "quote:colon"

    def _attach_surface_frame(self, work: Work, cand: Candidate, cue: Token, speaker: list[Token]) -> None:
        """A frame after the quotation that the parser misread ('“…,” comments Robin Biesbroek.'): its
        cue word and the speaker phrase, read by the words (see ``speaker_choice.surface_frame``)."""
        cand.cue = work.mention(cue.start, cue.end)
        _phrase_speaker(work, cand, speaker)
        cand.confidence, cand.rule = 0.6, "quote:verb"

    def _fronted_piece(self, work: Work, clause: Clause, cand: Candidate, cue: Token) -> None:
        """'For black voters, he said, their “political experience told them …”': the words before a frame
        set off by commas, whose quotation follows it, are the first piece of the same statement."""
        text, m = work.text, cand.speaker_mention
        if m is None or not cand.spans:
            return
        frame_start, frame_end = min(m.start, cue.start), max(m.end, cue.end)
        gap = _AFTER_FRAME.fullmatch(text, frame_end, cand.spans[0].start)
        if gap is None:
            return
        start = next((t.start for t in clause.tokens[dateline(clause):] if t.region is None), None)
        if start is None or start >= frame_start:
            return
        lead = text[start:frame_start].rstrip()
        if not lead.endswith(",") or "\n" in lead or any(ch in QUOTE_MARKS for ch in lead):
            return
        toks = [t for t in clause.tokens if start <= t.start < frame_start]
        if not _WORD.search(lead) or len(toks) > 30 or any(is_cue(t) for t in toks):
            return
        # a clause of its own, or a subject the quotation goes on from in lower case; a fronted phrase
        # ("In a statement Thursday", "At a rally", "Holding a book") sets the scene and is no part of it
        clause_lead = any(t.tag in ("VBD", "VBZ", "VBP", "MD") for t in toks)
        subject_lead = toks[0].pos in self._OPENS_CLAUSE and text[gap.end() : gap.end() + 1].islower() \
            and not any(t.pos in ("ADP", "VERB", "AUX") for t in toks)
        if not (clause_lead or subject_lead):
            return
        piece = _trimmed(work, start, start + len(lead))
        if piece is not None:
            rest = Span(gap.start("words"), cand.spans[0].end)
            self._set_content(work, cand, [piece, rest, *cand.spans[1:]])
            _drop_lead_alone(work, cand, cue.start, piece)  # now this one's first piece

    _OPENS_CLAUSE = ("DET", "PRON", "PROPN", "NOUN", "ADJ", "NUM")
    _BREAKS = ("—", "–", "--", "(", ";", ":")

    def _predicate_after_cue(self, work: Work, clause: Clause, cand: Candidate, region, cue: Token) -> None:
        """'Cruz said that the president "has to build on that progress."': a quotation that goes on, in
        lower case, from the clause its cue opens is that clause's predicate (the parser read the quotation
        as a name in apposition); the statement is the clause and the quotation together."""
        text = work.text
        if cue.end > region.outer.start or not text[region.start : region.start + 1].islower():
            return
        toks = [t for t in clause.tokens if cue.end <= t.start < region.outer.start]
        if toks and cue.lemma == "call" and toks[0].text.lower() in ("for", "on"):
            toks = toks[1:]  # 'called on people to “…”': the particle is the cue's
        if _infinitive_opening(toks):
            m = cand.speaker_mention
            if m is None or not toks[0].start <= m.start < region.outer.start:
                rest = [x for x in cand.spans if x.start >= region.outer.end]  # a quotation it goes on with
                self._set_content(work, cand, [Span(toks[0].start, region.outer.end), *rest])
            return
        that = next((k for k, t in enumerate(toks) if t.text.lower() in ("that", "if", "whether")), None)
        if cue.lemma == "tell" or cues().get(cue.lemma, ("",))[0] not in ("speech", "write"):
            if that is None:
                return  # "told reporters …": the addressee comes first
        toks = toks[that:] if that is not None else toks
        # the clause's own subject, with no aside, time or place phrase before the quotation
        if not toks or len(toks) > 12 or "\n" in text[toks[0].start : region.outer.start]:
            return
        if toks[0].pos not in self._OPENS_CLAUSE and toks[0].text.lower() not in ("that", "if", "whether"):
            return
        if toks[-1].pos == "PUNCT" or any(t.text in self._BREAKS or is_cue(t) for t in toks[1:]) or \
                not (any(t.pos in ("NOUN", "PROPN", "PRON") for t in toks) or _subordinators_only(toks)):
            return
        m = cand.speaker_mention
        if m is not None and toks[0].start <= m.start < region.outer.start:
            return
        self._set_content(work, cand, [Span(toks[0].start, region.outer.end)])

    def _content_before_quote(self, work: Work, clause: Clause, cand: Candidate, region, cue: Token) -> None:
        """'He writes in the column that the “movie is …”', 'Awad says in a statement that Trump’s “inflammatory
        rhetoric …”', 'Durbin said on Thursday he "hand-delivered …"': the words between a cue and a quotation
        that they run on into, past the frame's own time, place and channel phrases, are the start of what
        was said; PolNeAR starts the mixed statement with them. At least three words and no break (a dash,
        a parenthesis) among them; before a colon only a clause the cue reports ('said she has the essential
        quality for the job of president: "Steadiness …"'), before a comma only one the quotation goes on
        in lower case ('said its moves had already produced results, "including …"')."""
        text = work.text
        if cue.end > region.outer.start or not cand.spans or cand.spans[0].start != region.spans[0].start:
            return
        toks = [t for t in clause.tokens if cue.end <= t.start < region.outer.start]
        gap = text[cue.end : region.outer.start].rstrip()
        if not toks or "\n" in gap or len(_WORD.findall(gap)) < 3 or gap.endswith("."):
            return
        end = toks[-1].text if toks[-1].text in (",", ":") else ""
        if end:
            toks = toks[:-1]
            if end == "," and not text[region.start : region.start + 1].islower():
                return
        elif toks[-1].pos == "PUNCT" and toks[-1].text not in ("’s", "'s"):
            return
        if not toks or any(t.text in _LEAD_BREAKS or t.region is not None or is_cue(t) and t.pos == "VERB" for t in toks):
            return
        # none of them a clause joined to the cue's ('mentioned X, and the crowd reprised …') or one it
        # hangs on ('When Trump suggested that …, Rubio fired back:')
        above = set(clause.ancestors(cue.i))
        if any(t.i in above or (top := _cue_child(clause, cue, t)) is not None and top.dep in ("conj", "cc")
               for t in toks):
            return
        rest = _after_frame_adjuncts(clause, cue, toks, topic=end != ",")
        if not rest or not _opens_content(clause, cue, rest, clause_only=end == ":"):
            return
        if (cue.lemma == "tell" or cues().get(cue.lemma, ("",))[0] not in ("speech", "write")) \
                and rest[0].text.lower() not in _CLAUSE_OPENERS and cues().get(cue.lemma, ("",))[0] != "object":
            return
        # an object that ends at a comma leaves the words after it to the frame ('echo her concerns, in large
        # part because … "lawful source …"')
        top = _cue_child(clause, cue, rest[0])
        if top is not None and top.dep in ("dobj", "pobj", "dative"):
            last = max(clause.subtree(top.i))
            if last + 1 < len(clause.tokens) and clause.tokens[last + 1].text == "," \
                    and clause.tokens[last + 1].start < toks[-1].start:
                return
        m = cand.speaker_mention
        if m is not None and rest[0].start <= m.start < region.outer.start:
            return
        later = [x for x in cand.spans if x.start >= region.outer.end]
        self._set_content(work, cand, [Span(rest[0].start, region.outer.end), *later])
        _drop_lead_alone(work, cand, cue.start, Span(rest[0].start, region.outer.start))  # 'said its moves had produced results'

    def _fronted_subject(self, work: Work, clause: Clause, cand: Candidate, region) -> None:
        """'Both parties "saw Burma as a country …," Smith said.', 'In past campaigns, "we felt we could reach
        them," he said.': a quotation that goes on, in lower case, from the words opening its sentence (a
        noun phrase, a clause, an adverbial set off by a comma) whose frame follows it is what the speaker
        said together with them; the statement is the lead-in and the quotation (see ``_sentence_lead``)."""
        text = work.text
        if cand.cue is None or cand.cue.start < region.outer.end or not cand.spans \
                or cand.spans[0].start != region.spans[0].start:
            return  # the frame after the quotation, which the statement begins with
        start = next((t.start for t in clause.tokens[dateline(clause):] if t.region is None), None)
        if start is None or start >= region.outer.start or not text[region.start : region.start + 1].islower():
            return
        lead = text[start : region.outer.start]
        toks = [t for t in clause.tokens if start <= t.start < region.outer.start]
        if "\n" in lead or not _sentence_lead(toks, lead):
            return
        self._set_content(work, cand, [Span(start, cand.spans[0].end), *cand.spans[1:]])
        _drop_lead_alone(work, cand, cand.cue.start, Span(start, region.outer.start))  # 'Teachers are', read as the cue's clause

    def _framed_short_quotes(self, work: Work, ci: int, clause: Clause, covered: set[int]) -> None:
        """Short quotations the parser saw word by word, set off by a frame with an explicit cue:
        '"No comment," he said.', '"Is it over?" Smith asked.', 'Smith said: "Never."'."""
        text = work.text
        masked = {t.region for t in clause.tokens if t.region is not None}
        for _, _, k in work.region_index.within(clause.span.start, clause.span.end):
            r = work.regions[k]
            if k in covered or k in masked or len(r.spans) > 1 or r.words < 1:
                continue
            before = text[clause.span.start : r.outer.start]
            after = text[r.outer.end : clause.span.end]
            inner = text[r.start : r.end].rstrip()
            if not before.strip(QUOTE_MARKS + " \t") and (inner[-1:] in ",?!…" or after.lstrip().startswith(",")):
                frame = _up_to_clause_break([t for t in clause.tokens if t.start >= r.outer.end])  # '"A," he said.'
                leading = False
            elif before.rstrip().endswith((":", ",")) and not after.strip(" .!?" + QUOTE_MARKS):
                frame = [t for t in clause.tokens if t.end <= r.outer.start]  # 'He said: "Never."'
                leading = True
            else:
                continue
            if len(_WORD.findall(" ".join(t.text for t in frame if t.region is None))) > _FRAME_WORDS:
                continue
            # the cue next to the quotation, never one whose subject was asked ('Asked if …, he replied: "No."')
            found = [t for t in frame if is_cue(t) and cues()[t.lemma][0] != "object" and not addressed(clause, t)]
            if not found:
                if leading and before.rstrip().endswith(":") and (verb := _colon_frame_verb(clause, frame)):
                    covered.add(k)  # 'Chuck Schumer disagreed: "They will lose."'
                    cand = Candidate(type="direct", spans=list(r.spans), clause=ci, regions=[k], kind="speech")
                    self._attach_frame_verb(work, clause, cand, verb)
                    work.candidates.append(cand)
                continue
            cue = found[-1] if leading else found[0]
            subj, _ = subject_of(clause, cue)
            if subj is not None and subj.start < r.outer.end and subj.end > r.outer.start:
                subj = None  # the parser took a word of the quotation as the subject
            if subj is None and not passive(clause, cue):
                subj = adjacent_name(clause, cue, skip=frozenset(t.i for t in clause.tokens if t.start < r.outer.end
                                                                and t.end > r.outer.start))
            covered.add(k)
            cand = Candidate(type="direct", spans=list(r.spans), clause=ci, regions=[k], rule="quote:frame",
                             cue=work.mention(cue.start, cue.end), confidence=cues()[cue.lemma][1])
            self._frame_speaker(work, clause, cand, subj, cue, r.outer.end)
            cand.kind = statement_kind(clause, cue, "quote", [], subj)
            work.candidates.append(cand)

    def _continue_previous(self, work: Work, clause: Clause, cand: Candidate) -> bool:
        """'“X,” he said. “Y.”': Y continues the statement X in the same paragraph (the frame's own
        asides, '“X,” he said, referring to Z. “Y.”', do not interrupt it; another quotation does)."""
        prev = _last_quotation(work)
        if prev is None or prev.clause is None:
            return False
        if work.clauses[prev.clause].paragraph != clause.paragraph or len(prev.spans) > 1 and prev.rule != "quote:frame":
            return False
        gap = (prev.spans[-1].end, cand.spans[0].start)
        stated = {k for c in work.candidates if c is not prev for k in c.regions}
        if gap[1] - gap[0] > 250 or any(k in stated for _, _, k in work.region_index.overlapping(*gap)):
            return False  # another statement's quotation between them (a title or a nickname is none)
        prev.spans = prev.spans + cand.spans
        prev.regions = prev.regions + cand.regions
        return True

    def _short_quotes(self, work, ci, clause, covered) -> None:
        """Short quotations that stand as whole sentences ("“We are many, they are few.”")."""
        text = work.text
        for _, _, k in work.region_index.within(clause.span.start, clause.span.end):
            r = work.regions[k]
            if k in covered or len(r.spans) > 1 or r.words >= 5 or r.words < 2:
                continue
            if not (clause.span.start <= r.outer.start and r.outer.end <= clause.span.end):
                continue
            outside = text[clause.span.start : r.outer.start] + text[r.outer.end : clause.span.end]
            if re.search(r"[A-Za-z]{2}", outside) or not _SENT_END.search(text[r.start : r.outer.end]):
                continue
            covered.add(k)
            cand = Candidate(type="direct", spans=list(r.spans), clause=ci, regions=[k], carried=True,
                             confidence=0.5, rule="quote:short", kind="speech")
            if not self._continue_previous(work, clause, cand):  # '“Here he is,” she said. “He’s here.”'
                work.candidates.append(cand)

    def _frame_cue(self, work: Work, clause: Clause, tok: Token) -> Token | None:
        """The cue verb governing a quotation in its sentence, if any."""
        if _names_a_thing(work, clause, tok) or _titles_a_work(work, clause, work.regions[tok.region]):
            return None  # 'the “Meth. We’re on it.” campaign': a name for something, not what was said
        intro = _introducing_cue(work, clause, tok)
        if intro is not None:
            return intro
        t = tok
        for _ in range(3):
            if t.head == t.i:
                break
            t = clause.tokens[t.head]
            if is_cue(t):
                return _governing_cue(clause, t)
        cands = [t for t in clause.tokens if is_cue(t) and cues()[t.lemma][0] in ("speech", "write")]
        if len(cands) == 1:
            return cands[0]
        return None


def _introducing_cue(work: Work, clause: Clause, tok: Token) -> Token | None:
    """'Carlineo recalled that he said, “I’ll put a bullet in her head,” the office said.': a speech cue
    right before the quotation (a comma or colon between them) that reports nothing else introduces it,
    whatever the parser hung the quotation on (here the outer "said", whose statement reports his)."""
    region = work.regions[tok.region]
    before = [t for t in clause.tokens if t.end <= region.outer.start and t.text.strip()]
    while before and before[-1].text in (",", ":"):
        before.pop()
    if not before:
        return None
    cue = before[-1]
    if cue.region is not None or not is_cue(cue) or cues()[cue.lemma][0] not in ("speech", "write"):
        return None
    own = [i for i in content_tokens(clause, cue) if i != cue.i and clause.tokens[i].region is None]
    return None if own else cue


def _until_next_turn(work: Work, spans: list[Span]) -> list[Span]:
    """A labelled turn's spans up to the next label: in a transcript quoted as one open quotation
    ('"WALLACE: …¶"PENCE: …'), the paragraph that opens with another name and a colon is that
    speaker's turn, not more of this one."""
    out = spans[:1]
    for x in spans[1:]:
        para = work.paragraphs[work.paragraph_of(x.start)] if work.paragraphs else None
        at = para.start if para is not None and not work.text[para.start:x.start].strip(QUOTE_MARKS + " \t") else x.start
        m = _LABEL.match(work.text, at)
        if m is not None and m.group("name").lower() not in _NOT_LABELS and m.group("name").isupper():
            break
        out.append(x)
    return out


def _named_spans(work: Work) -> list[tuple[int, int]]:
    """Where the article names a person or an organisation (its entity mentions)."""
    return [(m.start, m.end) for c in work.clusters if c.kind in ("person", "organisation") for m in c.mentions]


def _carried_only(cand: Candidate) -> bool:
    """A quotation with no frame of its own, that would take the previous statement's speaker."""
    return cand.carried and cand.cue is None and cand.speaker_mention is None


def _drop_lead_alone(work: Work, cand: Candidate, cue_start: int, lead: Span) -> None:
    """Drop the statement the cue at ``cue_start`` made of ``lead`` alone, now that ``cand`` begins with it."""
    work.candidates = [c for c in work.candidates if not (
        c is not cand and c.cue is not None and c.cue.start == cue_start and c.spans
        and all(lead.start <= x.start and x.end <= lead.end for x in c.spans))]


def _reports_inner(outer: Candidate, inner: Candidate) -> bool:
    """A cue known by its syntax alone whose clause holds a lexicon cue with its own content reports that
    statement ("aides were adamant that Trump's children would seek to block his return"): the lexicon
    cue is part of what it reports, not a rival for the same clause."""
    return any(s.start <= inner.cue.start < s.end for s in outer.spans) and \
        not any(s.start <= outer.cue.start < s.end for s in inner.spans)


def _governing_cue(clause: Clause, cue: Token) -> Token:
    """The cue a quotation belongs to, by syntax: a participle that already reports a clause of its
    own ('He said, suggesting a deal was near, “We can work this out.”') passes the quotation up to
    the speech verb it hangs on, when that verb has no content of its own."""
    if cue.tag != "VBG" or cue.dep not in ("advcl", "xcomp", "conj") or cue.head == cue.i:
        return cue
    own = [clause.tokens[c] for c in cue.children if clause.tokens[c].dep == "ccomp" and clause.tokens[c].region is None]
    head = clause.tokens[cue.head]
    if not own or not is_cue(head) or cues()[head.lemma][0] not in ("speech", "write"):
        return cue
    if any(clause.tokens[c].dep in ("ccomp", "dobj", "xcomp") for c in head.children):
        return cue
    return head


def _up_to_clause_break(frame: list[Token]) -> list[Token]:
    """A frame after a quotation ends where the sentence goes on past the cue: '“You winning?” she
    said, but Kevin was drifting off again …' has the frame 'she said', and '“No,” he said flatly when
    asked whether …' the frame 'he said flatly' (a clause opened by "when", "after", "because" …)."""
    for k, t in enumerate(frame):
        opens_clause = t.pos == "SCONJ" or t.tag == "WRB"
        if (t.text in (",", ";", "—", "–") or opens_clause) and any(is_cue(x) for x in frame[:k]):
            return frame[:k]
    return frame


def _names_a_thing(work: Work, clause: Clause, tok: Token) -> bool:
    """A quotation set inside a noun phrase, between a determiner or adjective and its noun: 'the
    “Meth. We’re on it.” campaign', 'his “Make America Great Again” hat'."""
    if tok.dep not in _NAMING_DEPS or tok.head <= tok.i or clause.tokens[tok.head].pos != "NOUN":
        return False
    region = work.regions[tok.region]
    before = [t for t in clause.tokens if t.end <= region.outer.start]
    after = [t for t in clause.tokens if t.start >= region.outer.end]
    if not before or not after or after[0].i != tok.head:
        return False
    return before[-1].pos in ("DET", "ADJ") or before[-1].tag in ("POS", "PRP$")


def _after_dateline(clause: Clause, idx: list[int], *, connective: bool = True) -> list[int]:
    """A content without the dateline that opens its sentence ("WASHINGTON ― Donald Trump's obsession
    … is an insult, lawmakers said") or the writer's connective ("But the goal is not revenue, he said",
    "However, growth is slowing, the IMF said"): where the story was filed and how the writer links it
    to the sentence before are the writer's, not what was said."""
    n = dateline(clause) if idx and idx[0] == 0 else 0
    if connective and idx and idx[0] == n:  # (a piece set before its frame keeps it: "But to prevent
        n = _connective_end(clause, n)      # problems, he said, officials should …" is one sentence said)
    return [i for i in idx if i >= n] if n else idx


_CONNECTIVES = frozenset("however still meanwhile moreover instead nevertheless nonetheless furthermore besides "
                         "also yet".split())


def _connective_end(clause: Clause, at: int) -> int:
    """Past the connective opening the sentence at token ``at`` ("But", "And", "However,", "In addition,"),
    or ``at`` itself when there is none. The words must be followed by more of the content."""
    toks = clause.tokens
    if at + 2 >= len(toks) or toks[at].region is not None:
        return at
    first = toks[at]
    if first.pos == "CCONJ" and first.text.lower() in ("but", "and", "yet", "so") and toks[at + 1].text != ",":
        return at + 1
    if first.text.lower() in _CONNECTIVES and toks[at + 1].text == ",":
        return at + 2
    if first.text.lower() == "in" and toks[at + 1].text.lower() == "addition" and at + 3 < len(toks) \
            and toks[at + 2].text == ",":
        return at + 3
    return at


def _titles_a_work(work: Work, clause: Clause, region) -> bool:
    """A title in quotation marks after the noun or preposition that introduces it: 'an episode of “The
    Steve Harvey Morning Show,”', 'his 2002 book, “Make Your Kid a Millionaire,”', 'the anthem “A Change
    Is Gonna Come”'. Its words are in title case and it is set inside the sentence, not said."""
    before = [t for t in clause.tokens if t.end <= region.outer.start and t.pos not in ("PUNCT", "SPACE")]
    if not before or not (before[-1].pos in ("NOUN", "PROPN") or before[-1].text.lower() in _TITLE_LEADS):
        return False
    return is_title_case(work.text[region.start : region.end])


_TITLE_LEADS = frozenset(("of", "titled", "entitled", "called", "named", "dubbed"))
_TITLE_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def is_title_case(inner: str) -> bool:
    """Words set as a title: two to twelve words, every word of four letters or more capitalised, and
    no sentence end inside ("The Steve Harvey Morning Show," but not "We will win. Believe me.")."""
    words = _TITLE_WORD.findall(inner)
    if not 2 <= len(words) <= 12 or re.search(r"[.!?;:]\s+\S", inner.strip()):
        return False
    long = [w for w in words if len(w) >= 4]
    return len(long) >= 2 and all(w[0].isupper() for w in long) and sum(w[0].isupper() for w in words) >= 2


def _frame_after(work: Work, ci: int, region) -> tuple[Clause, Token] | None:
    """A quotation ending a sentence whose frame the sentence split put into the next sentence of its
    paragraph: '“… who knows?” Trump told Britain’s ITV.', '“… she’s wrong!” Mr. Trump wrote on Twitter.',
    '“… that are missing.” Trump said.' The frame is short, starts right after the quotation and has a
    speech cue with a subject and no content of its own."""
    text = work.text
    end = text[region.start : region.end].rstrip(QUOTE_MARKS + " ")[-1:]
    if ci + 1 >= len(work.clauses) or end not in ("?", "!", "."):
        return None
    nxt = work.clauses[ci + 1]
    if nxt.paragraph != work.clauses[ci].paragraph or text[region.outer.end : nxt.span.start].strip():
        return None
    if text[nxt.span.start : nxt.span.end].rstrip().endswith(":"):
        return None  # 'She went on to say:': the frame of the quotation after it
    for tok in nxt.tokens:
        if is_cue(tok) and cues()[tok.lemma][0] in ("speech", "write") and _says_nothing_else(nxt, tok):
            if any(ch in QUOTE_MARKS for ch in text[nxt.span.start : tok.start]):
                return None  # '“A.” “B?” Zucker added.': the cue frames a quotation of its own
            subj, _ = subject_of(nxt, tok)
            if subj is None or subj.region is not None:
                return None
            short = frame_length(nxt, subj, tok) <= _FRAME_WORDS and len(_WORD.findall(
                text[nxt.span.start : nxt.span.end])) <= _LONGEST_FRAME_AFTER
            return (nxt, tok) if short else None
    return None


def _says_nothing_else(clause: Clause, cue: Token) -> bool:
    """A frame cue with no content of its own; "wrote on Twitter", "said on Fox News" name the channel, not
    what was said about."""
    form, idx = complement(clause, cue)
    idx = [i for i in idx if i != cue.i]
    return not idx or form == "spoken-of" and clause.tokens[idx[0] - 1].text.lower() == "on"


def _colon_sentence_before(work: Work, ci: int, region) -> tuple[Token | None, list[Token] | None] | None:
    """The frame of a quotation that opens its sentence, in the sentence just before it (the same or the
    previous paragraph) when that ends in a colon and is short: ``(verb, None)`` for its last verb with a
    subject ("He then listed the qualities a nominee needs:"), ``(None, source)`` for a verbless source
    ("More from Jones:")."""
    if ci == 0:
        return None
    prev, clause = work.clauses[ci - 1], work.clauses[ci]
    text = work.text
    if prev.paragraph < clause.paragraph - 1 or text[prev.span.end : region.outer.start].strip() \
            or not text[prev.span.start : prev.span.end].rstrip().endswith(":"):
        return None
    words = [t for t in prev.tokens if t.pos not in ("PUNCT", "SPACE")]
    if not words or len(words) > _COLON_FRAME_WORDS or any(t.region is not None for t in prev.tokens):
        return None
    verbs = [t for t in words if t.pos == "VERB" and t.dep not in ("amod", "acl", "relcl")][-1:]  # not "following"
    if verbs:
        subj = subject_of(prev, verbs[0])[0]
        ok = subj is not None and subj.region is None and subj.pos in ("PROPN", "NOUN", "PRON")
        return (verbs[0], None) if ok else None
    source = colon_source(prev, prev.span.end + 1)
    return (None, source) if source is not None else None


def _frame_verb(work: Work, clause: Clause, region) -> Token | None:
    """The verb of a short frame set right after a quotation ('“…,” Trump shot back with a laugh.',
    '“…,” reads an editorial.') or before it with a colon ('Mr. Christie gloated: “…”', 'The piece used
    one of her quotes as its headline: “…”'), if it has a subject outside the quotation."""
    outside = [t for t in clause.tokens if t.region is None and not (region.outer.start <= t.start < region.outer.end)]
    words = [t for t in outside if t.pos not in ("PUNCT", "SPACE")]
    if not words or any(t.region is not None for t in clause.tokens
                        if t.start >= region.outer.end or t.end <= region.outer.start):
        return None
    after = [t for t in words if t.start >= region.outer.end]
    before = [t for t in words if t.end <= region.outer.start]
    if after and before:
        return None
    if after and len(words) <= _FRAME_WORDS:
        verbs = [t for t in after[:3] if t.pos == "VERB"]
    elif before and len(words) <= _COLON_FRAME_WORDS and \
            work.text[before[-1].end : region.outer.start].strip().endswith(":"):
        verbs = [t for t in before if t.pos == "VERB" or _copular_frame(clause, t)][-1:]
        subj = subject_of(clause, verbs[0])[0] if verbs else None  # "I had to change my answer:": I
        ok = subj is not None and subj.region is None and subj.pos in ("PROPN", "NOUN", "PRON")
        return verbs[0] if ok else None
    else:
        return None
    for verb in verbs:
        subj = [clause.tokens[c] for c in verb.children if clause.tokens[c].dep in SUBJECT_DEPS]
        if subj and subj[0].region is None and subj[0].pos in ("PROPN", "NOUN", "PRON"):
            return verb
    return None


def _colon_frame_verb(clause: Clause, frame: list[Token]) -> Token | None:
    """The verb of a frame outside the lexicons set before a short quotation with a colon ("Chuck
    Schumer disagreed:", "She was defiant:"), when its subject, before it, can speak."""
    verbs = [t for t in frame if t.pos == "VERB" or _copular_frame(clause, t)]
    if not verbs:
        return None
    subj, _ = subject_of(clause, verbs[-1])
    if subj is None or subj.region is not None or subj.i > verbs[-1].i or not can_speak(subj) or \
            subj.pos == "PRON" and subj.text.lower() in ("it", "this", "that", "there"):
        return None
    return verbs[-1]


def _copular_frame(clause: Clause, tok: Token) -> bool:
    """Is ``tok`` the copula of a frame that says how someone spoke, set before a quotation with a colon
    ("Schumer was blunt:", "Her reply was swift:", "McConnell was more cautious:")?"""
    if tok.pos != "AUX" or tok.lemma != "be" or tok.region is not None or \
            not any(clause.tokens[c].dep in ("acomp", "attr") for c in tok.children):
        return False
    subj, _ = subject_of(clause, tok)
    return subj is not None and subj.region is None and subj.i < tok.i and can_speak(subj) and \
        not (subj.pos == "PRON" and subj.text.lower() in ("it", "this", "that", "there"))


def _carries_joined(work: Work, cands: list[Candidate]) -> list[Candidate]:
    """'“Donald Trump is a fraud,” Perez said Sunday on NBC’s “Meet the Press.” “Listening to him …”': a
    quotation with no frame of its own right after a framed quotation in its paragraph goes on with it
    (one statement, two pieces) even where something other than the frame stands between them (here a
    title, which ``_continue_previous`` takes for another statement). After an indirect statement it stays
    a statement of its own with the speaker carried (PolNeAR keeps those apart more often than not); after
    a mixed one too, for realnews gives each its own entry."""
    out: list[Candidate] = []
    for cand in cands:
        prev = out[-1] if out else None
        if prev is not None and cand.rule == "quote:carry" and _carried_only(cand) and prev.type == "direct" \
                and prev.cue is not None and prev.speaker_mention is not None and prev.spans and cand.spans \
                and work.paragraph_of(cand.spans[0].start) == work.paragraph_of(prev.spans[-1].end):
            prev.spans = prev.spans + cand.spans
            prev.regions = prev.regions + cand.regions
            continue
        out.append(cand)
    return out


def _last_quotation(work: Work) -> Candidate | None:
    """The latest statement with a cue if it is a quotation (or ends with one) and only other cues of
    its own frame sentence came after it."""
    later: set[int | None] = set()
    for cand in reversed(work.candidates):
        ends_quoted = cand.type == "direct" or cand.type == "mixed" and bool(cand.regions) and \
            work.regions[cand.regions[-1]].outer.end >= cand.spans[-1].end - 1
        if cand.cue is not None and ends_quoted:
            return cand if later <= {cand.clause} else None
        later.add(cand.clause)
    return None


def _raised_subject(clause: Clause, verb: Token, content: Span) -> list[Token]:
    """"Trump is expected to deliver a speech", "Pigs are considered unclean": the passive subject is who
    or what the infinitive or the predicate is about, and is part of what is expected, asked or known
    (PolNeAR gives it as a piece of the content in most cases). A passive conjunct with no subject of its
    own takes its first conjunct's ("She is moving to Los Angeles but is expected to continue …"). A bare
    "it" stands for the clause itself and is left out."""
    subj = next((clause.tokens[c] for c in verb.children if clause.tokens[c].dep == "nsubjpass"), None)
    if subj is None and verb.dep == "conj" and \
            any(clause.tokens[c].dep == "auxpass" for c in verb.children) and \
            not any(clause.tokens[c].dep in SUBJECT_DEPS for c in verb.children):
        head = clause.tokens[verb.head]
        subj = next((clause.tokens[c] for c in head.children if clause.tokens[c].dep in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.text.lower() == "it" or subj.region is not None:
        return []
    toks = [clause.tokens[i] for i in clause.subtree(subj.i)]
    return toks if toks[-1].end <= verb.start and toks[-1].end <= content.start else []


def _before_agent(clause: Clause, verb: Token, idx: list[int]) -> list[int]:
    """A passive predicative content ends where the agent of its cue begins: in "Oz has been called a
    charlatan by fellow physicians for promoting cures" the physicians are who said it, and what follows
    them is the writer's account of why; the content is "a charlatan"."""
    agent = next((clause.tokens[c] for c in verb.children if clause.tokens[c].dep == "agent" and c > verb.i), None)
    if agent is None or not idx or min(idx) > agent.i:
        return idx
    return [i for i in idx if i < agent.i]


_EXTRACTED = frozenset(("which", "who", "whom", "what", "that"))
_EXTRACTED_DEPS = ("nsubj", "nsubjpass", "dobj", "attr", "dep")


def _extracted_relative(clause: Clause, verb: Token, idx: list[int]) -> list[Token]:
    """The relative pronoun a content lost to its frame: in "the war vote, which she has repeatedly said was
    a mistake" or "what I thought was another fruit basket" the pronoun is the subject of what was said
    and stands for it in the content (PolNeAR gives it as a piece before the frame). Only a pronoun before
    the cue's own subject, for a content clause after the cue with no subject of its own."""
    if not idx or min(idx) <= verb.i:
        return []
    subjects = [clause.tokens[c] for c in verb.children if clause.tokens[c].dep in SUBJECT_DEPS and c < verb.i]
    pron = next((clause.tokens[c] for c in verb.children if c < verb.i and clause.tokens[c].text.lower() in _EXTRACTED
                 and clause.tokens[c].dep in _EXTRACTED_DEPS), None)
    if pron is None or pron.region is not None or not any(s.i > pron.i for s in subjects if s is not pron):
        return []
    if pron.text.lower() == "that" and verb.dep != "relcl":
        return []
    content = set(idx)
    heads = [clause.tokens[i] for i in idx if clause.tokens[i].head not in content or clause.tokens[i].head == i]
    if len(heads) != 1 or heads[0].pos not in ("VERB", "AUX") or \
            any(clause.tokens[c].dep in SUBJECT_DEPS + ("expl",) for c in heads[0].children):
        return []
    if heads[0].tag == "VB" and any(clause.tokens[c].dep == "dobj" for c in heads[0].children):
        return []  # "the reasons that Trump refuses to make public his returns": an infinitive's subject is
        # never there; only one that lost its object ("which he refused to consider") lost it to the pronoun
    return [pron]


def _phrase_speaker(work: Work, cand: Candidate, phrase: list[Token]) -> None:
    """A speaker phrase read off the words rather than the parse: its span, and its last word as the head."""
    cand.speaker_mention = work.mention(phrase[0].start, phrase[-1].end)
    cand.speaker_head = phrase[-1].start


def _quote_end_before(work: Work, clause: Clause, verb: Token) -> int | None:
    """Where the last quotation before ``verb`` in its sentence ends (its closing mark), or None."""
    regions = [t.region for t in clause.tokens[: verb.i] if t.region is not None]
    return work.regions[regions[-1]].outer.end if regions else None


def _unparsed_subject(clause: Clause, verb: Token, *, skip: frozenset[int] = frozenset(),
                      modifier: bool) -> Token | None:
    """The speaker of a cue the parser left without a subject, read off the words around it: a subject
    it hung on a fronted phrase, a name right before or after the cue, the inverted subject it took for
    an object. A cue that shares its subject with a governing verb (a conjunct, a participle, an
    infinitive) takes the one that verb gets so ("Obama and Clinton call them … and describe …"). A
    passive cue has none of these; a modifier cue (an infinitive, a participle) takes its own only when
    ``modifier`` says it is the frame of a quotation."""
    for k, v in enumerate([verb] + governing_verbs(clause, verb)):
        if passive(clause, v):
            return None
        if k == 0 and not modifier and v.dep in ("xcomp", "acl", "relcl", "amod"):
            continue
        found = (subject_of(clause, v)[0] if k else None) or fronted_apposition(clause, v) or adjacent_name(clause, v, skip=skip) or inverted_object(clause, v)
        if found is not None:
            return found
    return None


def _keep_apart(work: Work, cand: Candidate) -> None:
    """The speaker phrase never overlaps the content and never holds a quote mark: cut it to the
    part after the content (or before it), or drop it."""
    m = cand.speaker_mention
    if m is None:
        return
    _split_around_frame(work, cand)
    start, end = m.start, m.end
    for s in cand.spans:
        if s.start < end and start < s.end:
            if s.end < end:
                start = max(start, s.end)
            elif s.start > start:
                end = min(end, s.start)
            else:
                start = end
    text = work.text
    while start < end and (text[start] in QUOTE_MARKS or not text[start].isalnum()):
        start += 1
    marks = [i for i in range(start, end) if text[i] in "\"“”„«»"]
    if marks:
        start = marks[-1] + 1
        while start < end and not text[start].isalnum():
            start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in ".)"):
        end -= 1
    if end <= start:
        cand.speaker_mention, cand.speaker_head = None, None
    elif (start, end) != (m.start, m.end):
        cand.speaker_mention = work.mention(start, end)
        if cand.speaker_head is not None and not start <= cand.speaker_head < end:
            cand.speaker_head = start


def _split_around_frame(work: Work, cand: Candidate) -> None:
    """'But to prevent problems, he said, local officials …': a frame set inside the content
    (speaker and cue) is not part of it; the content is the pieces either side."""
    m = cand.speaker_mention
    marks = [m.start, m.end] + ([cand.cue.start, cand.cue.end] if cand.cue else [])
    lo, hi = min(marks), max(marks)
    out = []
    for s in cand.spans:
        if s.start < lo and hi < s.end:
            for piece in (_trimmed(work, s.start, lo), _trimmed(work, hi, s.end)):
                if piece is not None and any(ch.isalnum() for ch in piece.slice(work.text)):
                    out.append(piece)
        else:
            out.append(s)
    if out != cand.spans:
        _retype(work, cand, out)


def _retype(work: Work, cand: Candidate, spans: list[Span]) -> None:
    """Set a candidate's content to ``spans`` with the type its quotation marks now give: the pieces
    either side of a frame ('“This is a sham,” he said, “and everyone knows it.”') are a direct
    quotation even when the whole, frame included, was mixed."""
    kind, regions = quote_type(work, spans)
    cand.type, cand.regions = kind, regions
    cand.spans = [s for k in regions for s in work.regions[k].spans if s.end > s.start] if kind == "direct" \
        else spans


def _after_fronted_source(clause: Clause, tok: Token, source: Token) -> tuple[set[int], list[int]]:
    """"According to Rush Limbaugh, the move reeks of fear": the parser made "According" the root and hung
    the clause on the source; what follows the comma after the source's name is the content."""
    comma = next((t.i for t in clause.tokens[source.i + 1:] if t.text == ","), None)
    if comma is None or tok.i > source.i or any(t.text == "," for t in clause.tokens[tok.i:source.i]):
        return {tok.i}, []
    idx = [t.i for t in clause.tokens[comma + 1:] if not (t.dep == "punct" and t.head == tok.i)]
    if sum(clause.tokens[i].text[0].isalnum() for i in idx) < 3:
        return {tok.i}, []  # "According to MSNBC, basically.": an aside, no clause
    return set(range(tok.i, comma)), idx


def _drop_source_apposition(clause: Clause, idx: list[int], source_end: int) -> list[int]:
    """"According to Mary Holt, the chief constable, the driver …": the noun
    phrase between the source and the next comma describes the source."""
    after = [i for i in idx if i > source_end]
    if not after or clause.tokens[after[0]].text != ",":
        return idx
    for k, i in enumerate(after[1:], start=1):
        t = clause.tokens[i]
        if t.pos in ("VERB", "AUX"):
            return idx
        if t.text == ",":
            return [j for j in idx if j < after[0] or j > i] if k > 1 else idx
    return idx


def _one_per_quotation(cands: list[Candidate]) -> list[Candidate]:
    """A multi-paragraph quote found from its first paragraph (no cue) and again
    from the cue after its last paragraph is one statement: keep the one with the cue."""
    with_cue = {k for c in cands if c.cue is not None and c.type == "direct" for k in c.regions}
    return [c for c in cands if c.cue is not None or c.type != "direct" or not with_cue.intersection(c.regions)]


def _one_per_cue(cands: list[Candidate], text: str = "") -> list[Candidate]:
    """Pieces of one type reported by one cue are one statement: '“A,” she said, “B.”', '“A,” he
    said. “B.”' and the paragraphs after 'The Times reports:' are one attribution with several content
    spans. Pieces of different types stay apart ('“A,” he said he told them') but for words of the
    writer's and a quotation on either side of a frame set off by commas ('It was, the president said,
    “a stone where …”'), which are one mixed statement (``text`` shows the commas)."""
    out: list[Candidate] = []
    by_cue: dict[tuple[int, int], Candidate] = {}
    for cand in sorted(cands, key=lambda c: c.spans[0].start if c.spans else -1):
        key = (cand.cue.start, cand.cue.end) if cand.cue is not None and cand.spans else None
        first = by_cue.get(key) if key is not None else None
        mixed = first is not None and first.type != cand.type and _framed_between(first, cand, text)
        if first is None or first.type != cand.type and not mixed or not _same_speaker(first, cand):
            if key is not None:
                by_cue.setdefault(key, cand)
            out.append(cand)
            continue
        if mixed:
            first.type = "mixed"
        first.spans = sorted(first.spans + [s for s in cand.spans if s not in first.spans], key=lambda s: s.start)
        first.regions = sorted(set(first.regions) | set(cand.regions))
        first.confidence = max(first.confidence, cand.confidence)
    return out


def _framed_between(first: Candidate, then: Candidate, text: str) -> bool:
    """An indirect piece, its frame set off by commas, then a direct piece: 'It was, the president said, “…”'."""
    if not text or first.type != "indirect" or then.type != "direct" or first.cue is None or len(first.spans) != 1:
        return False
    before, after = text[first.spans[-1].end:first.cue.start], text[first.cue.end:then.spans[0].start]
    mention = first.speaker_mention
    if mention is not None and first.spans[-1].end <= mention.start < first.cue.start:
        before = text[first.spans[-1].end:mention.start]
    elif mention is not None and first.cue.end <= mention.start < then.spans[0].start:
        after = text[mention.end:then.spans[0].start]
    piece = text[first.spans[0].start:first.spans[-1].end]
    if _NOT_A_PIECE.search(piece):
        return False  # the question put ('Asked if …, he said, “…”'), a formula ('That said'), a cut-off phrase
    return before.strip() == "," and after.strip(" \u00a0“\"‘'") == ","


# Writer's words before a frame that are no piece of what was said: the question put to the speaker, the
# formula "that said", or a phrase cut off before its object ("…, including").
_NOT_A_PIECE = re.compile(r"^(?:when |after |while )?(?:asked|pressed|questioned)\b|^that (?:being )?said$|"
                          r"\b(?:including|of|to|for|with|about|on|in|at|by|from|like|as)$", re.IGNORECASE)


def _same_speaker(a: Candidate, b: Candidate) -> bool:
    """The pieces do not name two different speaker phrases."""
    ma, mb = a.speaker_mention, b.speaker_mention
    return ma is None or mb is None or (ma.start, ma.end) == (mb.start, mb.end)


def _cover_marks(work: Work, span: Span) -> Span:
    """Extend a content span so it never cuts a quotation in half (the closing mark is the parser's orphan)."""
    start, end = span.start, span.end
    for _, _, k in work.region_index.overlapping(max(0, start - 1), end + 1):
        r = work.regions[k]
        o = r.outer
        if len(r.spans) == 1:
            if start <= o.start < end < o.end:
                end = o.end
            if start < o.end <= end and o.start < start:
                start = o.start
    return Span(start, end)


def _heading_paragraphs(work: Work) -> set[int]:
    """Paragraphs that are only a short quotation without end punctuation (sub-headings)."""
    out = set()
    text = work.text
    for k, para in enumerate(work.paragraphs):
        body = text[para.start : para.end].strip()
        if len(body) > 80 or not body or body[0] not in QUOTE_MARKS:
            continue
        inner = body[1:-1] if body[-1] in QUOTE_MARKS else None
        if inner and not re.search(r"[.!?:,;]$", inner) and len(inner.split()) <= 8:
            out.add(k)
    return out
