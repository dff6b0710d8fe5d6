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
from ..base import register
from ..lexicons import cues, noun_cues
from ..work import Candidate, Clause, Token, Work
from .marks import QUOTE_MARKS

_SENT_END = re.compile(rf"[.!?…][{re.escape(QUOTE_MARKS)}]*$")

__all__ = ["Attribution", "content_tokens", "subject_of", "quote_type"]

_COMPLEMENT = ("ccomp", "xcomp", "parataxis")
_OBJECT_DEPS = ("dobj", "dative", "oprd", "xcomp", "ccomp", "attr")
_OBJECT_PREPS = ("as", "for", "of", "over", "to", "on", "about", "against", "with")
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_CLIMB_DEPS = ("xcomp", "advcl", "conj", "acl", "relcl", "pcomp", "ccomp", "dobj", "pobj", "prep", "amod")
_TRIM = " \t\n,;:—–-"


def is_cue(tok: Token) -> bool:
    """A token that can introduce reported content."""
    return tok.region is None and tok.pos in ("VERB", "AUX") and tok.lemma in cues() and tok.dep != "aux"


def is_noun_cue(clause: Clause, tok: Token) -> bool:
    """A reporting noun followed by a "that" clause: "on the grounds that …"."""
    if tok.region is not None or tok.pos != "NOUN" or tok.lemma not in noun_cues():
        return False
    return bool(_that_clauses(clause, tok))


def _that_clauses(clause: Clause, tok: Token) -> list[Token]:
    """Clauses a reporting noun introduces: "the claim that …", "his promise to …"."""
    out = []
    for c in tok.children:
        t = clause.tokens[c]
        if t.dep in ("acl", "ccomp", "appos", "relcl") and t.i > tok.i:
            marks = [clause.tokens[m] for m in t.children if clause.tokens[m].dep in ("mark", "aux")]
            if any(m.text.lower() == "that" and m.i == tok.i + 1 for m in marks):
                out.append(t)
            elif tok.lemma in _INFINITIVE_NOUNS and any(m.text.lower() == "to" and m.i == tok.i + 1 for m in marks):
                out.append(t)
    return out


# Nouns whose "to" clause is what someone said they would do ("his promise to cut taxes").
_INFINITIVE_NOUNS = frozenset("promise pledge vow threat call demand plan offer refusal decision bid proposal".split())


def _weight(tok: Token) -> float:
    if tok.pos == "NOUN":
        return noun_cues().get(tok.lemma, 0.5)
    return cues().get(tok.lemma, ("", 0.5))[1]


def _children(clause: Clause, tok: Token, deps: tuple[str, ...]) -> list[Token]:
    return [clause.tokens[c] for c in tok.children if clause.tokens[c].dep in deps]


def content_tokens(clause: Clause, verb: Token) -> list[int]:
    """Token indices of what ``verb`` reports, or [] if it reports nothing here."""
    if verb.pos == "NOUN":
        return _flatten(clause, _that_clauses(clause, verb))
    cls = cues()[verb.lemma][0]
    picked: list[Token] = []
    if verb.lemma == "call" and verb.i + 1 < len(clause.tokens):
        nxt = clause.tokens[verb.i + 1]
        if nxt.text.lower() in ("for", "on"):
            if nxt.head == verb.i:  # "called for [an inquiry]": a preposition
                return _flatten(clause, [nxt] + _children(clause, verb, ("xcomp",)), drop_first=True)
            clause_head = clause.tokens[nxt.head]  # "called for [X to be Y]": a clause marker
            return [i for i in clause.subtree(clause_head.i) if i != nxt.i]
    if cls == "object":
        picked = _children(clause, verb, _OBJECT_DEPS)
        preps = [p for p in _children(clause, verb, ("prep",)) if p.text.lower() in _OBJECT_PREPS]
        topical = [p for p in preps if p.text.lower() in ("of", "about")] if verb.lemma in ("speak", "talk") else \
            [p for p in preps if p.text.lower() == "to"] if verb.lemma == "refer" else []
        if not picked and topical:
            return _flatten(clause, topical[:1], drop_first=True)  # "spoke of X", "referred to X"
        if not _children(clause, verb, ("dobj", "dative", "ccomp", "oprd")):
            return []  # "forced to defend not paying …": no object, nothing reported
        picked += preps
    else:
        picked = _children(clause, verb, _COMPLEMENT)
        if not picked and _parenthetical(clause, verb):
            # "The economy, he said, is weak." / "It is weak, he said.": the cue is parenthetical
            head = clause.tokens[verb.head]
            if head.pos in ("VERB", "AUX") and _children(clause, verb, _SUBJECT_DEPS) and head.i < verb.i + 40:
                own = set(clause.subtree(verb.i))
                return [i for i in clause.subtree(head.i) if i not in own]
        if not picked:
            picked = [t for t in _children(clause, verb, ("dobj", "attr", "npadvmod", "dep", "appos", "oprd", "nsubj", "intj"))
                      if t.region is not None]
        if not picked and cls != "speech" or (not picked and verb.lemma not in ("say", "tell", "add")):
            picked = [t for t in _children(clause, verb, ("dobj",)) if t.pos != "PRON"]
    return _flatten(clause, picked)


def _parenthetical(clause: Clause, verb: Token) -> bool:
    """A cue set off from the clause it reports: "X, he said, Y" or "X, he said."."""
    if verb.head == verb.i:
        return False
    if verb.dep == "parataxis":
        return True
    if verb.dep not in ("ccomp", "advcl") or verb.i < verb.head:
        return False
    first = min(clause.subtree(verb.i))
    return first > 0 and clause.tokens[first - 1].text in (",", "—", "–")


def _flatten(clause: Clause, heads: list[Token], drop_first: bool = False) -> list[int]:
    out: set[int] = set()
    for k, h in enumerate(heads):
        sub = clause.subtree(h.i)
        if drop_first and k == 0:
            sub = [i for i in sub if i != h.i]
        out.update(sub)
    return sorted(out)


def subject_of(clause: Clause, verb: Token) -> tuple[Token | None, list[Token]]:
    """The subject token of ``verb`` (climbing to governing verbs when it has
    none), and the nouns passed on the way ("a statement defending ...")."""
    if verb.pos == "NOUN":
        poss = [t for t in _children(clause, verb, ("poss",)) if t.region is None]
        if poss:
            return poss[0], []  # "his promise to …", "Trump's claim that …"
    tok, path = verb, []
    for _ in range(5):
        subj = [t for t in _children(clause, tok, _SUBJECT_DEPS) if t.region is None]
        subj.sort(key=lambda t: t.pos != "PROPN")  # "headteachers Anne Price … warned": the name
        if subj and subj[0].text.lower() in ("it", "there") and tok.lemma in _EXPLETIVE_HEADS:
            return _last_subject_before(clause, verb), path
        if subj and not (subj[0].dep == "nsubjpass" and tok is verb and tok.lemma != "quote"):
            return subj[0], path
        agents = _children(clause, tok, ("agent",))
        if agents:
            pobj = _children(clause, agents[0], ("pobj",))
            if pobj:
                return pobj[0], path
        if tok.dep not in _CLIMB_DEPS or tok.head == tok.i:
            break
        if tok.dep == "conj":
            rel = _relative_between(clause, tok.head, tok.i)
            if rel is not None:
                return rel, path
        head = clause.tokens[tok.head]
        if head.pos in ("NOUN", "PROPN"):
            path.append(head)
            if tok.dep in ("acl", "relcl") and head.dep in _SUBJECT_DEPS:
                # "a statement defending X was released": the noun is the subject of its verb.
                pass
        tok = head
    return None, path


_DASH_CREDIT = re.compile(r"[ \t]*(?P<dash>[―—–]|--)[ \t]*(?P<name>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3})")
_LABEL = re.compile(r"[\"“]?(?P<name>(?:[A-Z][A-Za-z.'’-]+|[A-Z]{2,})(?: [A-Z][A-Za-z.'’-]+){0,2})(?P<colon>:)[ \t]+(?=\S)")
_NOT_LABELS = frozenset("update editor's note note watch read photo video related source sources advertisement "
                        "breaking exclusive abstract live".split())
_EXPLETIVE_HEADS = frozenset("come be seem appear happen mean follow".split())


def _last_subject_before(clause: Clause, verb: Token) -> Token | None:
    """The nearest subject before ``verb`` that is not an expletive ("It came after the party …")."""
    for t in reversed(clause.tokens[: verb.i]):
        if t.text.lower() in ("it", "there") or t.region is not None:
            continue
        if t.dep == "nsubj":
            return t
        # "after the party expelled …" is often parsed with the subject as the object of "after"
        if t.dep == "pobj" and clause.tokens[t.head].pos == "SCONJ":
            return t
    return None


def _relative_between(clause: Clause, lo: int, hi: int) -> Token | None:
    """A relativiser subject of a relative clause between two conjoined verbs:
    in "… of X, a group which opposes Y and claims Z" the second verb belongs
    with "opposes", whatever the parser attached it to."""
    for t in clause.tokens[lo + 1 : hi]:
        if t.dep == "relcl" and t.pos in ("VERB", "AUX"):
            subj = [clause.tokens[c] for c in t.children if clause.tokens[c].dep == "nsubj"]
            if subj and subj[0].text.lower() in ("who", "which", "that"):
                return subj[0]
    return None


def _coordinated(clause: Clause, head: Token) -> Token | None:
    """The last proper noun coordinated with a subject ("A and B said"), if any."""
    last = None
    stack = [c for c in head.children if clause.tokens[c].dep == "conj"]
    while stack:
        t = clause.tokens[stack.pop()]
        if t.pos == "PROPN" and t.region is None:
            last = t if last is None or t.i > last.i else last
            stack.extend(c for c in t.children if clause.tokens[c].dep == "conj")
    return last


def mention_span(clause: Clause, head: Token) -> tuple[int, int]:
    """Document span of the phrase naming a speaker, without appositions or relative clauses."""
    keep = [head.i]
    stack = [c for c in head.children]
    while stack:
        i = stack.pop()
        t = clause.tokens[i]
        if t.dep in ("appos", "relcl", "acl", "punct", "cc", "conj", "advmod") and t.i > head.i:
            continue
        keep.append(i)
        stack.extend(t.children)
    keep.sort()
    # keep the run of tokens contiguous with the head
    lo = hi = keep.index(head.i)
    while lo > 0 and keep[lo - 1] == keep[lo] - 1:
        lo -= 1
    while hi + 1 < len(keep) and keep[hi + 1] == keep[hi] + 1:
        hi += 1
    toks = [clause.tokens[i] for i in keep[lo : hi + 1]]
    while len(toks) > 1 and toks[-1].pos == "PUNCT":
        toks.pop()
    while len(toks) > 1 and toks[0].pos == "PUNCT":
        toks.pop(0)
    return toks[0].start, toks[-1].end


def quote_type(work: Work, spans: list[Span]) -> tuple[str, list[int]]:
    """'direct', 'mixed' or 'indirect' from the quotation marks, and the regions involved."""
    inside = total = 0
    hits = [h for s in spans for h in work.region_index.overlapping(s.start, s.end)]
    involved = sorted({k for _, _, k in hits})
    text = work.text
    for s in spans:
        total += sum(1 for ch in text[s.start : s.end] if ch.isalnum())
        for rs, re_, _ in work.region_index.overlapping(s.start, s.end):
            lo, hi = max(rs, s.start), min(re_, s.end)
            inside += sum(1 for ch in text[lo:hi] if ch.isalnum())
    if total and inside == total:
        return "direct", involved
    return ("mixed" if inside else "indirect"), involved


def _trimmed(work: Work, start: int, end: int) -> Span | None:
    text = work.text
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return Span(start, end) if end > start else None


@register("attribution")
class Attribution:
    """Find cues, contents and speaker phrases."""

    name = "attribution"
    requires = ("clauses", "regions", "paragraphs")
    assigns = ("candidates",)

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
        work.candidates = _one_per_quotation(work.candidates)
        work.candidates.sort(key=lambda c: c.spans[0].start)

    def _labels(self, work: Work, covered: set[int]) -> None:
        """Transcript and headline labels: 'PENCE: Well, look …', 'Pat Caddell: Voters worried …'."""
        taken = [s for c in work.candidates for s in c.spans]
        for para in work.paragraphs:
            m = _LABEL.match(work.text, para.start, para.end)
            if not m or m.group("name").lower() in _NOT_LABELS:
                continue
            content = _trimmed(work, m.end(), para.end)
            if content is None or any(content.overlap(t) for t in taken):
                continue
            cand = Candidate(type="indirect", spans=[], cue=work.mention(m.start("colon"), m.end("colon")),
                             speaker_mention=work.mention(m.start("name"), m.end("name")),
                             speaker_head=m.start("name"), rule="label", confidence=0.7)
            cand.clause = next((i for i, c in enumerate(work.clauses) if c.span.start <= m.start() < c.span.end), None)
            self._set_content(work, cand, [content])
            covered.update(cand.regions)
            work.candidates.append(cand)

    def _cue_first(self, work: Work, ci: int, clause: Clause, covered: set[int]) -> list[Candidate]:
        out = []
        for tok in clause.tokens:
            if tok.lemma == "accord" and tok.text.lower() == "according":
                cand = self._according(work, ci, clause, tok)
            elif is_cue(tok) or is_noun_cue(clause, tok):
                cand = self._from_verb(work, ci, clause, tok)
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

        return [c for c in out if not dominated(c)]

    def _from_verb(self, work: Work, ci: int, clause: Clause, verb: Token) -> Candidate | None:
        idx = [i for i in content_tokens(clause, verb) if i != verb.i]
        subj, path = subject_of(clause, verb)
        if subj is not None:
            sub = set(clause.subtree(subj.i))
            idx = [i for i in idx if i not in sub]
        cue_end = verb.end
        for c in verb.children:
            t = clause.tokens[c]
            if t.dep == "prt" or (verb.lemma == "call" and t.dep == "prep" and t.text.lower() in ("for", "on") and t.i == verb.i + 1):
                cue_end = max(cue_end, t.end)
        cand = Candidate(type="indirect", spans=[], cue=work.mention(verb.start, cue_end), clause=ci, rule=f"verb:{verb.lemma}")
        cand.confidence = _weight(verb)
        self._speaker(work, clause, cand, subj, path)
        if not idx:
            # no content here; a frame ending with ':' can still introduce the next quote
            return cand if work.text[clause.span.start:clause.span.end].rstrip().endswith(":") else None
        toks = [clause.tokens[i] for i in idx]
        span = _trimmed(work, min(t.start for t in toks), max(t.end for t in toks))
        if span is None:
            return None
        self._set_content(work, cand, [span])
        return cand

    def _according(self, work: Work, ci: int, clause: Clause, tok: Token) -> Candidate | None:
        to = [clause.tokens[c] for c in tok.children if clause.tokens[c].text.lower() == "to"]
        src = [clause.tokens[c] for t in to for c in t.children if clause.tokens[c].dep == "pobj"]
        if not src:
            return None
        head = clause.tokens[tok.head] if tok.head != tok.i else tok
        skip = set(clause.subtree(tok.i))
        idx = [i for i in clause.subtree(head.i) if i not in skip] if head is not tok else []
        idx = _drop_source_apposition(clause, idx, max(skip))
        if not idx:
            return None
        toks = [clause.tokens[i] for i in idx]
        span = _trimmed(work, min(t.start for t in toks), max(t.end for t in toks))
        if span is None:
            return None
        end = to[0].end
        cand = Candidate(type="indirect", spans=[], cue=work.mention(tok.start, end), clause=ci, rule="according")
        cand.confidence = 0.85
        self._speaker(work, clause, cand, src[0], [])
        self._set_content(work, cand, [span])
        return cand

    def _speaker(self, work: Work, clause: Clause, cand: Candidate, subj: Token | None, path: list[Token]) -> None:
        if subj is not None:
            s, e = mention_span(clause, subj)
            if not any(ch.isalnum() for ch in work.text[s:e]):
                return  # a stray mark parsed as a subject (e.g. an unknown closing quote) names no one
            conj = _coordinated(clause, subj)
            if conj is not None:  # "Anne Price and Tom Hughes warned": a joint speaker
                e = max(e, conj.end)
            cand.speaker_mention = work.mention(s, e)
            cand.speaker_head = subj.start
        work.extra.setdefault("paths", {})[id(cand)] = [work.mention(t.start, t.end) for t in path]

    def _set_content(self, work: Work, cand: Candidate, spans: list[Span]) -> None:
        spans = [_cover_marks(work, s) for s in spans]
        kind, regions = quote_type(work, spans)
        cand.type = kind
        cand.regions = regions
        if kind == "direct":
            cand.spans = [s for k in regions for s in work.regions[k].spans if s.end > s.start]
        else:
            cand.spans = spans

    def _quote_first(self, work, ci, clause, covered, pending_frame) -> None:
        for tok in clause.tokens:
            k = tok.region
            if k is None or k in covered:
                continue
            region = work.regions[k]
            if region.spans[0].start < clause.span.start:
                continue  # a later paragraph of a quote already handled
            covered.add(k)
            cand = Candidate(type="direct", spans=list(region.spans), clause=ci, regions=[k], rule="quote")
            frame = self._frame_cue(work, clause, tok)
            if frame is not None:
                cand.cue = work.mention(frame.start, frame.end)
                subj, path = subject_of(clause, frame)
                self._speaker(work, clause, cand, subj, path)
                cand.confidence = cues()[frame.lemma][1]
                cand.rule = "quote:frame"
            elif (dash := _DASH_CREDIT.match(work.text, region.outer.end)) is not None:
                # vox pops and epigraphs: "“We can build a wall around him.” ― Steve Quinlan"
                cand.cue = work.mention(dash.start("dash"), dash.end("dash"))
                cand.speaker_mention = work.mention(dash.start("name"), dash.end("name"))
                cand.speaker_head, cand.confidence, cand.rule = dash.start("name"), 0.8, "quote:dash"
            elif pending_frame is not None and pending_frame[1] >= clause.paragraph - 1:
                src = pending_frame[0]
                cand.cue, cand.speaker_mention, cand.speaker_head = src.cue, src.speaker_mention, src.speaker_head
                cand.confidence, cand.rule = 0.85, "quote:colon"
            else:
                lead = work.text[clause.span.start : region.outer.start].strip()
                if lead and not lead.endswith(":"):
                    continue  # a title or scare quote inside a sentence, not speech
                if self._continue_previous(work, clause, cand):
                    continue
                cand.carried, cand.confidence, cand.rule = True, 0.6, "quote:carry"
            work.candidates.append(cand)
        self._short_quotes(work, ci, clause, covered)

    def _continue_previous(self, work: Work, clause: Clause, cand: Candidate) -> bool:
        """'“X,” he said. “Y.”': Y continues the statement X in the same paragraph."""
        if not work.candidates:
            return False
        prev = work.candidates[-1]
        if prev.type != "direct" or prev.cue is None or prev.clause is None:
            return False
        if work.clauses[prev.clause].paragraph != clause.paragraph or len(prev.spans) > 1 and prev.rule != "quote:frame":
            return False
        between = work.text[prev.spans[-1].end : cand.spans[0].start]
        if len(between) > 160 or sum(ch in QUOTE_MARKS for ch in between) > 2 and len(between) > 80:
            return False
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
            work.candidates.append(Candidate(type="direct", spans=list(r.spans), clause=ci, regions=[k],
                                             carried=True, confidence=0.5, rule="quote:short"))

    def _frame_cue(self, work: Work, clause: Clause, tok: Token) -> Token | None:
        """The cue verb governing a quotation in its sentence, if any."""
        t = tok
        for _ in range(3):
            if t.head == t.i:
                break
            t = clause.tokens[t.head]
            if is_cue(t):
                return t
        cands = [t for t in clause.tokens if is_cue(t) and cues()[t.lemma][0] in ("speech", "write")]
        if len(cands) == 1:
            return cands[0]
        return None


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
