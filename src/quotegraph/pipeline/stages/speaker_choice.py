"""Which phrase names the speaker of a cue the parser got half wrong: small rules over one parsed sentence.

Each rule is a pure function named for the pattern it covers, and each covers a shape news text repeats
and the small parser often misreads:

* ``past_dateline``: "WASHINGTON -- President Obama, …, said": the parser makes the dateline the subject
  and the name its apposition; the speaker is the name.
* ``inverted_object``: "…, said another witness in the probe, former adviser Fiona Hill.": after a
  content that comes first, the parser takes the subject of an inverted "said X" for its object.
* ``surface_frame``: '“…,” comments Robin Biesbroek.', '“…,” the patient described in the report.': a
  short frame right after a quotation whose cue the parser tagged as a noun or a participle.
* ``frame_length``: '“…?” He Jianxiong, the former director …, said at an event.': a frame is short by
  its words up to the cue, however long the speaker's introduction.
* ``can_speak``: "the raid that killed bin Laden … and said": a relative clause on a noun that says
  nothing does not take the verb joined after it.
* ``is_time_phrase`` (from ``resolvers.phrases``): "Trump on Monday said", "the group in 2015 warned": a
  time phrase the parser hung on the speaker's noun is no part of the speaker's name.
* ``participle_head``: "a group backing Bush", "voters saying they …": the noun an active participle
  modifies is who does what it says.
* ``verbless_head``: "A Quinnipiac poll found last week that …": a sentence the parser gave no verbal
  root, its verb hung on the noun as a modifier; the noun is its subject.
* ``nominal_holder``: "Mr. Ban's record on promoting …", "the decision by the FBI to not recommend …":
  the possessor or the "by" phrase of a noun is who holds it and what hangs on it.
* ``fronted_apposition``: "In an interview with hosts Joe Scarborough and Mika Brzezinski, the candidate
  stated …": the parser hung the subject on the fronted phrase as an apposition or a conjunct.

Nothing here changes its input.
"""

from __future__ import annotations

import re

from ..lexicons import channel_nouns, cues, document_nouns, lemma, org_nouns, speech_nouns
from ..resolvers.lexicon import person_noun
from ..resolvers.phrases import is_time_phrase
from ..work import Clause, Token
from .marks import QUOTE_MARKS

__all__ = ["past_dateline", "named_after_quote", "colon_source", "fronted_phrase_subject", "headless_frame_subject", "inverted_object", "surface_frame", "can_speak", "controlling_object", "frame_length", "is_time_phrase",
           "addressed", "asker", "phrase_before_cue", "participle_head", "verbless_head", "nominal_holder", "fronted_apposition",
           "SPEECH_CLASSES"]

SPEECH_CLASSES = ("speech", "write")
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_NOMINAL = ("NOUN", "PROPN")
_INVERTED_OBJECT_DEPS = ("dobj", "attr", "npadvmod", "oprd")
_CONTENT_DEPS = ("ccomp", "parataxis", "dep")
# verbs whose object is not the subject of the clause under them ("promised voters to cut taxes")
_SUBJECT_CONTROL = frozenset("promise vow pledge threaten offer".split())
# Verbs of asking: in the passive their subject is the one asked, and the question is someone else's.
_ASKING = frozenset("ask question press quiz query".split())
_FRAME_CLASSES = SPEECH_CLASSES + ("object",)  # '“…,” the patient described': the quotation is the object
_NOUN_PHRASE = ("DET", "ADJ", "NOUN", "PROPN", "PART", "NUM")
_FRAME_END = frozenset((".", ",", "!", "?", ";", ":"))
_MAX_FRAME_TOKENS = 12  # words of a frame after a quotation: the speaker's phrase and the cue


def speech_cue(word: str, classes: tuple[str, ...] = SPEECH_CLASSES) -> bool:
    """Is ``word`` (any inflection) a cue of the lexicon of one of ``classes`` ("comments", "said")?"""
    entry = cues().get(lemma(word.lower()))
    return entry is not None and entry[0] in classes


def past_dateline(clause: Clause, subj: Token, opening: int) -> Token | None:
    """The subject itself when it is past the dateline; for a dateline word the parser made the
    subject ("WASHINGTON -- President Obama, …, said"), the named apposition after the dateline."""
    if subj.i >= opening:
        return subj
    for c in subj.children:
        t = clause.tokens[c]
        if t.dep == "appos" and t.i >= opening and t.pos in _NOMINAL and t.region is None:
            return t
    return None


def named_after_quote(clause: Clause, quote: Token) -> Token | None:
    """'“… pay his?” a narrator in the Clinton ad asks.': the parser made the quotation the subject and the
    speaker its apposition; the speaker is the apposition. '“…,” the White House spokesman, Josh Earnest,
    said': the parser made the speaker the quotation's object, between it and the cue it is subject of."""
    for c in quote.children:
        t = clause.tokens[c]
        if t.i <= quote.i or t.pos not in _NOMINAL or t.region is not None:
            continue
        if t.dep == "appos" or (t.dep == "dobj" and quote.head != quote.i and t.i < quote.head):
            return t
    return None


def inverted_object(clause: Clause, verb: Token) -> Token | None:
    """The speaker of an inverted frame the parser read as an object: "<content>, said another witness",
    '“…!” wrote a man calling himself Paul' (a speech cue with no subject but its quotation, its content
    before it, and a noun right after it)."""
    if verb.pos != "VERB" or verb.i + 1 >= len(clause.tokens):
        return None
    entry = cues().get(verb.lemma)
    if entry is None or entry[0] not in SPEECH_CLASSES:
        return None
    kids = [clause.tokens[c] for c in verb.children]
    if any(t.dep in ("nsubj", "nsubjpass") and t.region is None for t in kids):
        return None  # (a quotation the parser made the subject is the content: '“…!” wrote a man')
    if not any(t.i < verb.i and (t.dep in _CONTENT_DEPS or t.region is not None) for t in kids):
        return None
    if verb.i == 0 or not _closes_content(clause.tokens[verb.i - 1]):
        return None
    for t in kids:
        if t.i > verb.i and t.dep in _INVERTED_OBJECT_DEPS and t.pos in _NOMINAL and t.region is None \
                and _first_words(clause, verb, t):
            return t
    return None


def _closes_content(t: Token) -> bool:
    """The comma or closing quotation mark between a content and the inverted frame after it."""
    return t.text == "," or t.region is not None or bool(t.text) and all(ch in QUOTE_MARKS for ch in t.text)


def _first_words(clause: Clause, verb: Token, noun: Token) -> bool:
    """Nothing but the noun's own phrase lies between the verb and the noun."""
    inside = set(clause.subtree(noun.i))
    return all(i in inside for i in range(verb.i + 1, noun.i + 1))


def surface_frame(clause: Clause, after: int) -> tuple[Token, list[Token]] | None:
    """A short frame that opens the sentence right after a quotation (tokens from ``after``) and ends it:
    '“…,” comments Robin Biesbroek of the CDF.' or '“…,” the patient described in the case report.'
    Read by the words, not the parse: ``(cue, speaker tokens)``, the cue a speech verb of the lexicon
    and the speaker a proper name after it or a noun phrase before it."""
    toks = [t for t in clause.tokens if t.start >= after]
    if not toks or toks[0].region is not None:
        return None
    frame = []
    for t in toks:
        if t.region is not None or t.text in _FRAME_END and frame:
            break
        frame.append(t)
    rest = toks[len(frame):]
    if not frame or len(frame) > _MAX_FRAME_TOKENS or (rest and rest[0].text not in _FRAME_END):
        return None
    if _verb_like(frame[0]) and speech_cue(frame[0].text):  # "comments Robin Biesbroek of the CDF"
        name = _capitalised_run(frame[1:])
        return (frame[0], name) if name else None
    for k, t in enumerate(frame[1:], start=1):  # "the patient described in the case report"
        if _verb_like(t) and speech_cue(t.text, _FRAME_CLASSES) and _inflected(t.text):
            before, tail = frame[:k], frame[k + 1:]
            # "the 90-year-old wrote" (the parser read "wrote" as a noun): hyphens inside the phrase
            if (before[-1].pos in _NOMINAL or _AGE_WORD.fullmatch("".join(x.text for x in before[-5:]))) \
                    and all(x.pos in _NOUN_PHRASE or x.text in ("-", "‑") for x in before) \
                    and (not tail or tail[0].pos in ("ADP", "ADV")):
                return t, before
            return None
        if t.pos not in _NOUN_PHRASE and t.text not in ("-", "‑"):
            return None
    return None


_AGE_WORD = re.compile(r"\d{1,3}[-‑]years?[-‑]old")


def _inflected(word: str) -> bool:
    """An inflected verb form ("says", "described", "wrote"), not a base form that may be a noun
    ("report", "comment")."""
    low = word.lower()
    return low.endswith(("s", "ed")) or lemma(low) != low


def phrase_before_cue(clause: Clause, cue: Token, after: int) -> list[Token] | None:
    """The words between a quotation (ending at offset ``after``) and its cue when they are a noun phrase
    the parser did not make the cue's subject ('“…,” the 85-year-old said.', where "85-year-old" was read
    as modifying "said"): the speaker's phrase, read by the words. None when anything else is there."""
    toks = [t for t in clause.tokens[: cue.i] if t.start >= after]
    while toks and toks[0].pos == "PUNCT" and toks[0].text != "-":
        toks = toks[1:]  # the comma and quote mark that close the quotation
    if not toks or len(toks) > _MAX_FRAME_TOKENS or any(t.region is not None for t in toks):
        return None
    if not all(t.pos in _NOUN_PHRASE or t.text in ("-", "‑") for t in toks) or toks[0].pos not in ("DET", "PROPN", "NOUN"):
        return None
    last = toks[-1]
    aged = last.text.lower() == "old" and len(toks) >= 3 and toks[-2].text in ("-", "‑")  # "the 85-year-old"
    return toks if last.pos in _NOMINAL or aged else None


def _verb_like(t: Token) -> bool:
    """A cue word the parser may have tagged as a noun ("comments") or a participle ("described")."""
    return t.pos in ("VERB", "NOUN", "AUX") and t.text[:1].islower()


def _capitalised_run(toks: list[Token]) -> list[Token]:
    run = []
    for t in toks:
        if not (t.text[:1].isupper() and t.pos in ("PROPN", "NOUN", "X")):
            break
        run.append(t)
    return run


_SOURCE_LEADS = (("here", "’s"), ("here", "'s"), ("here", "is"), ("more", "from"), ("and", "from"), ("from",),
                 ("via",), ("per",))
_SEGMENT_BREAKS = frozenset(("-", "—", "–", "--", ";"))
_MAX_SOURCE_TOKENS = 8
_SOURCE_PHRASE = ("PROPN", "NOUN", "DET", "ADJ", "ADP", "NUM", "PART", "PUNCT", "CCONJ")


def colon_source(clause: Clause, quote_start: int) -> list[Token] | None:
    """The source a verbless phrase before a colon names for the quotation after it: 'Here’s Clinton in
    December 1992: “…”', 'More from Jones: “…”', 'Pollsters agree - Carl Bialik: “…”', 'From the report:
    “…”'. The phrase runs from the sentence start or the last dash; the source is its first name (a run of
    proper nouns), or a document it opens with ("the report"). None when the phrase has a verb (a frame of
    its own) or names nothing."""
    before = [t for t in clause.tokens if t.end <= quote_start and t.text.strip()]
    if len(before) < 2 or before[-1].text != ":":
        return None
    seg = before[:-1]
    cut = max((k for k, t in enumerate(seg) if t.text in _SEGMENT_BREAKS), default=-1)
    seg = seg[cut + 1:]
    words = tuple(t.text.lower() for t in seg)
    lead = next((n for n in _SOURCE_LEADS if words[:len(n)] == n), ())
    seg = seg[len(lead):]
    if not seg or len(seg) > _MAX_SOURCE_TOKENS or any(t.region is not None or t.pos not in _SOURCE_PHRASE
                                                       for t in seg):
        return None
    run = []
    for t in seg:
        if t.pos != "PROPN" and not (run and t.text in ("&", "and")):
            break
        run.append(t)
    while run and run[-1].pos != "PROPN":
        run.pop()
    if run:
        return run
    if len(seg) >= 2 and seg[0].pos == "DET" and seg[1].pos == "NOUN" and seg[1].lemma in document_nouns():
        return seg[:2]
    return None


def fronted_phrase_subject(clause: Clause, verb: Token) -> Token | None:
    """'In a statement to the Observer, her senior policy adviser, Jake Sullivan, said: …', 'Saturday at
    the convention Sen. Elizabeth Warren (D-MA) said …': the parser hung the speaker on the noun of a
    phrase fronted before the cue as its apposition, and left the cue without a subject. The speaker is
    the first such apposition whose phrase runs up to the cue."""
    toks = clause.tokens
    for t in toks[: verb.i]:
        if t.dep != "appos" or t.pos not in _NOMINAL or t.region is not None or not _in_fronted_phrase(clause, t, verb):
            continue
        gap = toks[max(clause.subtree(t.i)) + 1 : verb.i]
        return t if all(g.text == "," for g in gap) and len(gap) <= 1 else None
    return None


def headless_frame_subject(clause: Clause, verb: Token) -> Token | None:
    """'Mitt Romney, the 2012 Republican presidential nominee, tweeted in response: “…”': the parser read the
    cue of a sentence with no other verb as a participle on the name, and made the name the root (or the
    apposition of the quotation: '“…?” the 43-year-old asked in the video’s description.'). The name is
    the subject (not so for a passive participle, "the letter, signed by 40 senators")."""
    if verb.dep != "acl" or verb.tag not in ("VBD", "VBN") or verb.head == verb.i:
        return None
    head = clause.tokens[verb.head]
    nominal = head.pos in _NOMINAL or head.pos == "ADJ" and head.text.lower().endswith("old")  # "43-year-old"
    on_quote = head.dep == "appos" and head.head != head.i and clause.tokens[head.head].region is not None
    if not (head.dep == "ROOT" or on_quote) or not nominal or head.i > verb.i or head.region is not None:
        return None
    if any(clause.tokens[c].dep in ("agent", "auxpass", "nsubjpass") for c in verb.children):
        return None
    return head


def _in_fronted_phrase(clause: Clause, t: Token, verb: Token) -> bool:
    """Does ``t`` hang on the noun of a prepositional phrase of ``verb`` before it ("In a statement to the
    Observer, …")?"""
    h = clause.tokens[t.head]
    for _ in range(4):
        if h.dep != "pobj" or h.head == h.i:
            return False
        prep = clause.tokens[h.head]
        if prep.dep != "prep" or prep.head == prep.i or prep.i > verb.i:
            return False
        if prep.head == verb.i:
            return True
        h = clause.tokens[prep.head]
    return False


def can_speak(noun: Token) -> bool:
    """Can the noun a relative clause hangs on say something: a name, a person, an organisation, a
    document or a channel ("a group which opposes …", "the letter that says …"), not "the raid that
    killed …" or "his time on MSNBC, which …"?"""
    if noun.pos == "PROPN":
        return True
    low = noun.lemma.lower()
    return noun.pos in ("NOUN", "PRON") and (person_noun(low) or low in org_nouns() or low in channel_nouns()
                                            or low in document_nouns() or noun.pos == "PRON")


def controlling_object(clause: Clause, tok: Token, head: Token) -> Token | None:
    """The object of a verb that makes it the subject of the clause under it: "led the journalist to fear
    …", "left many nations feeling that …", "forced Stumpf to admit that …" (object control); None when the
    clause is no such complement or the verb takes no object before it."""
    if tok.dep not in ("xcomp", "oprd") and not (tok.dep == "ccomp" and tok.tag == "VBG"):
        return None
    if head.pos != "VERB" or head.lemma in _SUBJECT_CONTROL:
        return None
    objs = [clause.tokens[c] for c in head.children if clause.tokens[c].dep in ("dobj", "dative")]
    objs = [t for t in objs if t.i < tok.i and t.region is None and can_speak(t)]  # not "used blunt language to"
    return objs[-1] if objs else None


def addressed(clause: Clause, verb: Token) -> bool:
    """``verb`` reports what was asked *of* the person it is told about: a verb of asking as a passive or
    bare past participle ("Asked about her vote, she said …", "when pressed on why, he …", "Sanders was
    asked if …"). Whoever answers, the question is not theirs: its speaker is the asker (``asker``) or no one.
    "has asked" and "they asked" are active: their subject asks."""
    if verb.lemma not in _ASKING or verb.tag != "VBN":
        return False
    kids = [clause.tokens[c] for c in verb.children]
    return not any(k.dep == "nsubj" or (k.dep == "aux" and k.lemma == "have") for k in kids)


def asker(clause: Clause, verb: Token) -> Token | None:
    """The one who asked, for an ``addressed`` cue: the agent of the passive ("was asked by host Bill
    Maher"), or None."""
    for c in verb.children:
        if clause.tokens[c].dep == "agent":
            objs = [clause.tokens[g] for g in clause.tokens[c].children if clause.tokens[g].dep == "pobj"]
            if objs:
                return objs[0]
    return None


def frame_length(clause: Clause, subj: Token, cue: Token) -> int:
    """Words of a frame sentence up to its cue, the speaker's appositions not counted: '“…?” He Jianxiong,
    the former director for China at the IMF, said at an event.' is a short frame (3 words) with a long
    introduction of the speaker."""
    aside = {i for c in subj.children if clause.tokens[c].dep in ("appos", "relcl", "acl")
             for i in clause.subtree(c)}
    return sum(1 for t in clause.tokens[: cue.i + 1] if t.i not in aside and t.pos not in ("PUNCT", "SPACE"))


_SPEAKING_POS = ("NOUN", "PROPN", "PRON")


def participle_head(clause: Clause, tok: Token, *, climbed: bool) -> Token | None:
    """The noun an active participle modifies, its subject: "a group backing Bush", "voters saying they …",
    "a poll showing …" (``tok`` a present participle hung on the noun). Reached from a clause under it
    (``climbed``), a past participle or an adjective passes its noun on too: "the one impassioned in
    blasting me", "contributors intent on deciding who …". None for any other modifier or a quotation."""
    if tok.dep not in ("acl", "amod") or tok.head == tok.i:
        return None
    head = clause.tokens[tok.head]
    if head.pos not in _SPEAKING_POS or head.region is not None or head.i > tok.i or not _speaking(clause, head):
        return None
    if _free_participle(clause, tok, head) or _authored(clause, head):
        return None
    if tok.tag == "VBG" and tok.pos == "VERB":
        return head
    return head if climbed and (tok.tag == "VBN" or tok.pos == "ADJ") else None


def _speaking(clause: Clause, noun: Token) -> bool:
    """Not a time ("at the time of the convention showing …" hangs the participle on the wrong noun)."""
    return noun.ent_type not in ("DATE", "TIME") and noun.lemma.lower() not in _TIME_NOUNS


_TIME_NOUNS = frozenset("time moment period era day week month year night morning evening".split())


def _free_participle(clause: Clause, tok: Token, head: Token) -> bool:
    """A participle set off by a comma after an object ("Trump said things would change, referring to
    …"): it goes with the clause and its subject, whatever noun the parser hung it on (after a subject,
    a root or an apposition it is still the noun's: "Christie, the governor, …, calling him …")."""
    if tok.i == 0 or clause.tokens[tok.i - 1].text != "," or tok.i - 1 == head.i:
        return False
    return head.head != head.i and head.dep not in _SUBJECT_DEPS + ("appos",)



def _authored(clause: Clause, noun: Token) -> bool:
    """A thing made or sent that is the object of a verb ("the council approved a resolution condemning …",
    "began writing op-eds defending …", "Trump said things …, referring to …"): the participle is its
    author's, the verb's subject. A name or a noun for someone ("recruit pastors supporting Cruz") is no
    such thing."""
    return noun.dep == "dobj" and noun.pos == "NOUN" and not can_speak(noun) or \
        noun.dep == "dobj" and noun.lemma.lower() in document_nouns() | speech_nouns()


_NAMING_VERBS = frozenset("call name dub title label term quote".split())


def verbless_head(clause: Clause, tok: Token) -> Token | None:
    """The subject of a verb the parser hung on a noun as a modifier in a sentence it gave no verbal root
    ("A Quinnipiac poll found last week that …", "Mitt Romney, the nominee, tweeted in response: …"):
    with no other verb to be the sentence's, the noun is the verb's subject. A past participle that is
    passive or names something ("a mission called Europa") stays a modifier."""
    if tok.dep != "acl" or tok.pos != "VERB" or tok.head == tok.i:
        return None
    head = clause.tokens[tok.head]
    if head.pos not in _SPEAKING_POS or head.region is not None or head.i > tok.i:
        return None
    root = head
    while root.head != root.i and root.dep in ("appos", "conj"):
        root = clause.tokens[root.head]
    if root.head != root.i or root.region is None and root.pos in ("VERB", "AUX"):
        return None  # the noun is no root's, or the root is a verb: the modifier is one
    if tok.tag == "VBN" and (tok.lemma in _NAMING_VERBS or any(
            clause.tokens[c].dep in ("auxpass", "agent", "oprd", "attr") for c in tok.children)):
        return None
    return head if tok.tag in ("VBD", "VBZ", "VBP", "VBN") else None


def nominal_holder(clause: Clause, noun: Token) -> Token | None:
    """Who holds what a noun names: its possessor ("his promise to …", "Mr. Ban's record on …") or the
    one its "by" phrase names ("the decision by the FBI to …"); a "by" phrase of a time or a means
    ("by Friday", "by phone") names no one."""
    for c in noun.children:
        t = clause.tokens[c]
        if t.dep == "poss" and t.region is None:
            return t
    for c in noun.children:
        t = clause.tokens[c]
        if t.dep == "prep" and t.text.lower() == "by" and t.i > noun.i:
            for k in t.children:
                obj = clause.tokens[k]
                if obj.dep == "pobj" and obj.region is None and can_speak(obj) and obj.pos != "PRON" \
                        and not is_time_phrase(clause, t):
                    return obj
    return None


_HUNG_DEPS = ("appos", "conj")
_FINITE_TAGS = frozenset(("VBD", "VBZ", "VBP"))


def fronted_apposition(clause: Clause, verb: Token) -> Token | None:
    """The subject the parser hung on a phrase fronted before a finite cue with no subject of its own: "In
    an interview with hosts Joe Scarborough and Mika Brzezinski, the candidate stated …" (an apposition of
    the last host), "Alarmed by the unrest in Nevada, Senator Harry Reid, the minority leader, said …" (a
    conjunct of "Nevada"). The phrase must end right before the cue (its adverbs aside). An apposition set
    off by commas after a name describes the name, which is the speaker ("Reid, the minority leader,");
    one with no comma after it is the speaker itself; a conjunct joined by "and" brings its first
    conjunct ("Obama and Clinton call …")."""
    if verb.pos not in ("VERB", "AUX") or verb.region is not None:
        return None
    kids = [clause.tokens[c] for c in verb.children]
    if any(t.dep in ("nsubj", "nsubjpass", "csubj", "expl", "auxpass") for t in kids):
        return None
    if verb.tag not in _FINITE_TAGS and not any(t.dep == "aux" for t in kids):
        return None
    k = verb.i - 1
    while k >= 0 and clause.tokens[k].head == verb.i and clause.tokens[k].dep in ("advmod", "neg", "aux"):
        k -= 1
    closed = k >= 0 and clause.tokens[k].text == ","
    k -= closed
    if k < 0:
        return None
    node = _hung_phrase(clause, clause.tokens[k], k, verb)
    if node is None:
        return None
    head = clause.tokens[node.head]
    if node.dep == "appos" and closed and head.pos == "PROPN" and head.region is None:
        return head  # "Senator Harry Reid, the minority leader, said"
    while node.dep == "conj" and clause.tokens[node.head].pos in _NOMINAL and any(
            clause.tokens[c].dep == "cc" and node.head < c < node.i for c in clause.tokens[node.head].children):
        node = clause.tokens[node.head]  # "Obama and Clinton": the first conjunct
    return node


def _hung_phrase(clause: Clause, last: Token, end: int, verb: Token) -> Token | None:
    """The lowest apposition or conjunct above ``last`` (up to the cue) whose phrase ends at ``end``."""
    node = last
    for _ in range(6):
        if node.head == node.i or node.i > verb.i:
            return None
        if node.dep in _HUNG_DEPS and node.pos in _NOMINAL and node.region is None and \
                max(clause.subtree(node.i)) == end:
            ok = node.pos == "PROPN" or can_speak(node)
            return node if ok and node.ent_type not in ("DATE", "TIME") else None
        node = clause.tokens[node.head]
        if node.i == verb.i:
            return None
    return None
