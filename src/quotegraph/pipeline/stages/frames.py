"""The syntax of reporting, as pure functions over one parsed sentence.

Which tokens are cues ("said", "according to", "his claim that"), what a cue
reports (its complement clause, or its object for verbs like "urge"), who its
subject is (climbing through participles, conjunctions and relative clauses),
and the phrase that names a speaker. Nothing here changes its input.
"""

from __future__ import annotations

import re
from typing import Callable

from ..lexicons import (channel_nouns, cue_kinds, cues, document_nouns, light_cues, media_words, noun_cue_kinds, noun_cues,
                        speech_nouns)
from ..resolvers.lexicon import person_noun
from ..work import Clause, Token
from .marks import QUOTE_MARKS
from .speaker_choice import (addressed, asker, can_speak, controlling_object, fronted_phrase_subject,
                             headless_frame_subject, is_time_phrase, named_after_quote, nominal_holder, participle_head,
                             past_dateline, verbless_head)

__all__ = ["is_cue", "is_noun_cue", "reacting_verb", "light_partner", "that_clause_cue", "cue_weight", "content_tokens",
           "complement", "subject_of", "passive", "governing_verbs", "mention_span", "coordinated", "statement_kind", "dateline", "adjacent_name",
           "without_trailing_aside", "without_leading_time", "with_stranded_conjuncts", "announced_statement", "second_attribution", "first_attribution", "with_object_complements", "fronted_content", "SUBJECT_DEPS", "FORMS"]

_COMPLEMENT = ("ccomp", "xcomp", "parataxis")
_OBJECT_DEPS = ("dobj", "dative", "oprd", "xcomp", "ccomp", "attr")
_OBJECT_PREPS = ("as", "for", "of", "over", "to", "on", "about", "against", "with")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_CLIMB_DEPS = ("xcomp", "advcl", "conj", "acl", "relcl", "pcomp", "ccomp", "dobj", "pobj", "prep", "amod",
               "acomp")  # "He was able to tout …", "she was quick to say …": the subject of the copula


def is_cue(tok: Token) -> bool:
    """A token that can introduce reported content."""
    return tok.region is None and tok.pos in ("VERB", "AUX") and tok.lemma in cues() and tok.dep != "aux"


def is_noun_cue(clause: Clause, tok: Token) -> bool:
    """A reporting noun followed by a "that" clause ("on the grounds that …") or an "of" object
    ("his claim of fraud", "allegations of abuse"; "a statement about X" names only a topic)."""
    if tok.region is not None or tok.pos != "NOUN":
        return False
    if tok.lemma not in noun_cues():
        # any noun with a "that" clause of its own ("fears that …", "the idea that …"): a belief
        return bool(_that_clauses(clause, tok))
    return bool(_that_clauses(clause, tok) or _topic_objects(clause, tok))


def _holder(clause: Clause, tok: Token) -> bool:
    """A noun with its holder named ("his claim", "Trump's allegations"): without one, "charges of
    conspiracy" or "allegations of abuse" name an accusation, not someone's statement."""
    return any(clause.tokens[c].dep == "poss" for c in tok.children)


def _topic_objects(clause: Clause, tok: Token) -> list[Token]:
    """The "of" phrase right after a noun, when it holds an object ("claims of fraud")."""
    out = []
    if not _holder(clause, tok):
        return out
    for c in tok.children:
        t = clause.tokens[c]
        if t.dep == "prep" and t.i == tok.i + 1 and t.text.lower() == "of" and \
                any(clause.tokens[k].dep in ("pobj", "pcomp") for k in t.children):
            out.append(t)
    return out


def that_clause_cue(clause: Clause, tok: Token) -> bool:
    """A verb outside the lexicons with a "that" clause of its own ("conceded that …", "feared that …"):
    a reporting construction by its syntax; the filter judges the verb. A predicative adjective with one
    reports it too (_predicative_adjective)."""
    if tok.region is not None or tok.lemma in cues() or tok.dep in ("aux", "auxpass"):
        return False
    if tok.pos == "ADJ":
        return bool(_adjective_clauses(clause, tok))
    return tok.pos == "VERB" and bool(_that_complements(clause, tok))


def _adjective_clauses(clause: Clause, adj: Token) -> list[Token]:
    """The "that" clause of an adjective predicated of someone: "aides were adamant that …", "she made it
    clear that …", "they are confident that …" state the clause as the subject's view (the parser hangs
    the clause on the adjective, as a complement or an adverbial, or on the copula after it)."""
    if adj.pos != "ADJ" or adj.dep not in ("acomp", "ccomp", "oprd") or adj.head == adj.i:
        return []
    heads = _children(clause, adj, ("ccomp", "advcl"))
    if adj.dep == "acomp":
        heads += _children(clause, clause.tokens[adj.head], ("ccomp",))
    out = []
    for t in heads:
        kids = [clause.tokens[c] for c in t.children]
        if t.i > adj.i and any(k.dep == "mark" and k.text.lower() == "that" and k.i > adj.i for k in kids) and \
                any(k.dep in SUBJECT_DEPS for k in kids):
            out.append(t)
    return sorted(out, key=lambda t: t.i)


def _that_complements(clause: Clause, verb: Token) -> list[Token]:
    out = []
    for t in _children(clause, verb, ("ccomp",)):
        kids = [clause.tokens[c] for c in t.children]
        if t.i > verb.i and any(k.dep == "mark" and k.text.lower() == "that" for k in kids) and \
                any(k.dep in SUBJECT_DEPS for k in kids):
            out.append(t)
    return out


def announced_statement(clause: Clause, verb: Token) -> Token | None:
    """The noun for something said that a verb outside the lexicons announces at the end of a sentence
    ending in a colon ("President Clinton released the following statement:", "Sanders made the following
    comment:"): the frame of the quotation after it. None for anything else ("He listed the qualities:")."""
    if verb.pos != "VERB" or verb.region is not None or is_cue(verb) or not clause.tokens or \
            clause.tokens[-1].text != ":":
        return None
    for t in _children(clause, verb, ("dobj",)):
        if t.i > verb.i and t.region is None and t.lemma in speech_nouns() and \
                all(x.pos == "PUNCT" for x in clause.tokens[max(clause.subtree(t.i)) + 1:]):
            return t
    return None


def light_partner(clause: Clause, tok: Token) -> Token | None:
    """The noun or particle that makes a light verb a cue ("drew [criticism]", "lashed [out]"), if any."""
    if tok.region is not None or tok.pos != "VERB" or tok.lemma in cues() or tok.dep == "aux":
        return None
    for c in tok.children:
        t = clause.tokens[c]
        if tok.i < t.i <= tok.i + 4 and (tok.lemma, t.lemma) in light_cues() and t.dep in _LIGHT_DEPS:
            return t
    return None


_LIGHT_DEPS = ("dobj", "prt", "advmod", "prep", "attr", "oprd", "acomp", "npadvmod")
# Prepositions that carry what a light-verb phrase or a speech verb is about ("took aim at X", "warned of X").
_TOPIC_PREPS = ("about", "of", "on", "over", "to", "for", "with", "from")
# (not "at", "against", "behind": "lashed out at X", "threw support behind X" name a target, not what was said)


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
    head = clause.tokens[tok.head]
    if tok.dep == "nsubj" and head.lemma == "be" and tok.lemma in speech_nouns():
        # "His argument is that …", "The message was that …": the noun's content follows the copula
        out += [t for t in _children(clause, head, ("ccomp", "attr")) if t.i > tok.i and
                any(clause.tokens[m].dep == "mark" and clause.tokens[m].text.lower() == "that" for m in t.children)]
    return out


# Prepositions through which a verb takes someone's statement as what it answers or judges
# ("responded to", "balked at", "apologized for", "backed away from", "doubled down on").
_REACTION_PREPS = frozenset("to at for with from on over about against behind by".split())
_ANSWERING_PREPS = frozenset("to at with from over against".split())


def reacting_verb(clause: Clause, noun: Token) -> Token | None:
    """The verb whose object is a reporting noun's whole phrase, when the noun names whose statement it is:
    in "Clinton bashed Trump's proposal to ban Muslims", "city officials have balked at the owner's
    proposal to build a hotel" or "Cruz apologized for his campaign's decision to tell supporters …" the
    verb's subject answers or judges that statement, and what it is about is the noun phrase, the noun
    with its clause. None when the verb reports the phrase itself already (a cue with it as content)."""
    if noun.dep not in ("dobj", "pobj"):
        return None
    head, first = clause.tokens[noun.head], min(clause.subtree(noun.i))
    if noun.dep == "pobj":
        if head.dep != "prep" or head.text.lower() not in _REACTION_PREPS or head.head == head.i or first != head.i + 1:
            return None
        head = clause.tokens[head.head]
    if head.pos != "VERB" or head.region is not None or head.i > noun.i or \
            any(t.pos == "PUNCT" for t in clause.tokens[head.i + 1:first]):
        return None  # "faced controversies - most recently her decision to …": an apposition, not the object
    if not (_holder(clause, noun) or is_cue(head) or _the_statement(clause, noun)):
        return None  # "made plans to …", "focused on the fact that …": the subject's own
    if any(clause.tokens[c].text.lower() == "own" for c in noun.children if c < noun.i):
        return None  # "designing its own plan to …": the subject's own, not a statement it answers
    if (is_cue(head) or light_partner(clause, head) is not None) and \
            set(content_tokens(clause, head)) & set(clause.subtree(noun.i)):
        return None  # "dismissed his claim that …", "expressed concern that …": the verb reports it already
    return head


def _the_statement(clause: Clause, noun: Token) -> bool:
    """"bristled at [the suggestion] that …", "took issue with [the claim] that …": a definite noun for
    something said after a preposition of answering names a statement already made, someone else's (not "the
    fact", "the idea", "an assertion" of one's own, nor the reason of "expelled them on the grounds that …")."""
    return noun.dep == "pobj" and clause.tokens[noun.head].text.lower() in _ANSWERING_PREPS and \
        noun_cue_kinds().get(noun.lemma) == "speech" and \
        any(clause.tokens[c].dep == "det" and clause.tokens[c].text.lower() == "the" for c in noun.children)


# Nouns whose "to" clause is what someone said they would do ("his promise to cut taxes").
_INFINITIVE_NOUNS = frozenset("promise pledge vow threat call demand plan offer refusal decision bid proposal".split())


def cue_weight(tok: Token) -> float:
    if tok.pos == "NOUN":
        return noun_cues().get(tok.lemma, 0.5)
    if tok.lemma not in cues():
        return max((w for (v, _), w in light_cues().items() if v == tok.lemma), default=0.5)
    return cues()[tok.lemma][1]


def _children(clause: Clause, tok: Token, deps: tuple[str, ...]) -> list[Token]:
    return [clause.tokens[c] for c in tok.children if clause.tokens[c].dep in deps]


def content_tokens(clause: Clause, verb: Token) -> list[int]:
    """Token indices of what ``verb`` reports, or [] if it reports nothing here."""
    return complement(clause, verb)[1]


# How a cue's content is attached (``complement``'s first value):
#   clause        a content clause ("said that ...", "said it would ...", "A, he said, B")
#   infinitive    a "to" clause with no subject of its own ("agreed to resign", "is expected to win")
#   quote         a quotation as the object ("said “...”")
#   object        a noun phrase object ("denied the allegations", "posted a video")
#   predicative   an object with a predicate ("called him a liar", "urged voters to ...", "described X as Y")
#   topic         what was spoken of ("spoke of X", "referred to X")
#   noun-clause   a reporting noun's clause ("his claim that ...")
#   demand        "called for X"
#   parenthetical the clause a parenthetical cue is set into ("X, he said, is Y")
#   noun-topic    a reporting noun's "of" object ("his claim of fraud")
#   light         what a light-verb or phrasal cue reports ("drew criticism for X", "lashed out at X")
#   passive       the passive subject ("the figures were confirmed by aides")
#   pronoun       a pronoun object that stands for something said ("he said that")
#   that-clause   the "that" clause of a verb outside the lexicons or of a predicative adjective ("conceded
#                 that ...", "were adamant that ..."): a belief until the
#                 lexicon says otherwise)
FORMS = ("clause", "infinitive", "quote", "object", "predicative", "topic", "noun-clause", "demand", "parenthetical",
         "noun-topic", "light", "passive", "pronoun", "that-clause", "spoken-of")


def complement(clause: Clause, verb: Token) -> tuple[str, list[int]]:
    """How ``verb`` attaches its content (one of ``FORMS``) and the content's token indices ([] if none)."""
    if verb.pos == "NOUN":
        that = _that_clauses(clause, verb)
        if that:
            return "noun-clause", _flatten(clause, that)
        return "noun-topic", _flatten(clause, _topic_objects(clause, verb)[:1], drop_first=True)
    if verb.pos == "ADJ":
        return "that-clause", _flatten(clause, _adjective_clauses(clause, verb))
    if verb.lemma not in cues():
        if light_partner(clause, verb) is None:
            return "that-clause", _flatten(clause, _that_complements(clause, verb))
        return "light", _light_content(clause, verb)
    cls = cues()[verb.lemma][0]
    if cls in ("speech", "write"):
        framed = _as_frame(clause, verb)
        if framed:
            return "parenthetical", framed
    picked: list[Token] = []
    if verb.lemma == "call" and verb.i + 1 < len(clause.tokens):
        nxt = clause.tokens[verb.i + 1]
        if nxt.text.lower() in ("for", "on"):
            if nxt.head == verb.i:  # "called for [an inquiry]": a preposition
                return "demand", _flatten(clause, [nxt] + _demanded_act(clause, verb, nxt), drop_first=True)
            clause_head = clause.tokens[nxt.head]  # "called for [X to be Y]": a clause marker
            return "demand", [i for i in clause.subtree(clause_head.i) if i != nxt.i]
    if cls == "object":
        picked = [t for t in _children(clause, verb, _OBJECT_DEPS) if not _relative_subject(clause, t)]
        # only after the verb: "on Tuesday dismissed the plan" is the frame's time, not what was dismissed
        preps = [p for p in _children(clause, verb, ("prep",)) if p.text.lower() in _OBJECT_PREPS and p.i > verb.i
                 and not _on_a_day(clause, p) and not _on_a_medium(clause, p)]
        topical = [p for p in preps if p.text.lower() in ("of", "about")] if verb.lemma in ("speak", "talk") else \
            [p for p in preps if p.text.lower() == "to"] if verb.lemma == "refer" else []
        if not picked and topical:
            # "spoke of X", "referred to X"; "referred to X as Y" names X as Y, and that is what was said
            named_as = [p for p in preps if p.text.lower() == "as" and p.i > topical[0].i] if verb.lemma == "refer" else []
            return "topic", _flatten(clause, topical[:1] + named_as[:1], drop_first=True)
        if not _children(clause, verb, ("dobj", "dative", "ccomp", "oprd")):
            return "object", []  # "forced to defend not paying …": no object, nothing reported
        form = _object_form(clause, verb, picked, preps)
        picked += preps
        return form, _flatten(clause, picked)
    picked = [t for t in _children(clause, verb, _COMPLEMENT) if not _relative_clause(clause, t)]
    if picked and verb.lemma in _ASPECTUAL_CUES and all(t.dep == "xcomp" and is_cue(t) for t in picked):
        return "infinitive", []  # "continued to insist that …": the statement is the inner cue's
    if picked and verb.lemma in _REQUEST_CUES and all(_bare_infinitive(clause, t) for t in picked):
        asked = [t for t in _children(clause, verb, ("dobj", "dative")) if verb.i < t.i < picked[0].i]
        if asked:  # "asked the crowd to welcome him": who is asked goes with what is asked of them
            return "predicative", _flatten(clause, asked[:1] + picked)
    if not picked and cls in ("speech", "write", "think"):
        picked = _unmarked_clauses(clause, verb) or _stranded_that_clauses(clause, verb)
    if picked:
        return ("infinitive" if all(_bare_infinitive(clause, t) for t in picked) else "clause"), _flatten(clause, picked)
    if _parenthetical(clause, verb):
        # "The economy, he said, is weak." / "It is weak, he said.": the cue is parenthetical
        head = clause.tokens[verb.head]
        if head.pos in ("VERB", "AUX") and _children(clause, verb, SUBJECT_DEPS) and head.i < verb.i + 40:
            own = set(clause.subtree(verb.i))
            return "parenthetical", [i for i in clause.subtree(head.i) if i not in own]
    picked = [t for t in _children(clause, verb, ("dobj", "attr", "npadvmod", "dep", "appos", "oprd", "nsubj", "intj"))
              if t.region is not None]
    if picked:
        # a name the parser hung on the quotation after it ('“…,” Ms. Moore said') is the speaker
        names = {i for t in picked for c in t.children if c > t.i and clause.tokens[c].pos == "PROPN"
                 and clause.tokens[c].dep in ("appos", "nsubj", "compound", "npadvmod", "dep")
                 for i in clause.subtree(c)}
        names |= {i for t in picked if (n := named_after_quote(clause, t)) is not None for i in clause.subtree(n.i)}
        return "quote", [i for i in _flatten(clause, picked) if i not in names]
    if cls != "speech" or verb.lemma not in ("say", "tell", "add"):
        picked = [t for t in _children(clause, verb, ("dobj",)) if t.pos != "PRON"]
    if not picked and cls in ("speech", "write"):
        said = [t for t in _children(clause, verb, ("dobj",)) if t.text.lower() in _SAID_PRONOUNS]
        if said and verb.lemma != "tell":  # "he said that", "she repeated it" ("told him" names the addressee)
            return "pronoun", [said[0].i]
        passive = _passive_content(clause, verb)
        if passive:
            return "passive", passive
    # A speech verb's "about"/"of" phrase ("joked about X", "warned of X") is what was spoken of, not what
    # was said: a statement of its own kind, ``topic`` (real news pages never count it as something said).
    if not picked and cls in ("speech", "write"):
        spoken_of = _spoken_of(clause, verb)
        if spoken_of:
            return "spoken-of", spoken_of
    attitude = _attitude_content(clause, verb, picked)
    return "object", attitude if attitude else _flatten(clause, picked)


# Cues that also say a statement goes on or starts ("continued to insist that …", "began to argue …"):
# the inner cue makes the statement.
_ASPECTUAL_CUES = frozenset(("continue", "begin", "start", "keep", "resume"))

# Speech cues whose object and infinitive make one request ("asked voters to stay home"): PolNeAR's
# annotators take both as what was said; after "told" the object is the one addressed and stays out.
_REQUEST_CUES = frozenset(("ask", "advise", "beg", "invite", "remind"))


# Verbs whose object names an attitude toward what follows it ("expressed concern that …", "expressed dismay at …").
_ATTITUDE_VERBS = frozenset(("express",))
_ATTITUDE_PREPS = frozenset(("about", "at", "for", "over", "with", "in", "of", "on"))
_NOUN_MODIFIERS = ("det", "poss", "amod", "nummod", "compound")


def _attitude_content(clause: Clause, verb: Token, picked: list[Token]) -> list[int]:
    """What an attitude the cue expresses is about: in "expressed concern that the plan would fail" or "expressed
    dismay at Mr. Trump's treatment of …", the noun and its preposition go with the cue ("expressed concern",
    "expressed dismay at") and the content is the clause or the object after them. A noun with a determiner or a
    modifier before a preposition ("their support for Trump", "a deep regret for …") is itself what was expressed
    and stays; [] when the rule does not apply."""
    if verb.lemma not in _ATTITUDE_VERBS or len(picked) != 1 or picked[0].pos != "NOUN" or picked[0].region is not None:
        return []
    noun = picked[0]
    after = [clause.tokens[c] for c in noun.children if c > noun.i]
    if not after or min(clause.subtree(after[0].i)) != noun.i + 1:
        return []
    first = after[0]
    if first.dep in ("acl", "ccomp", "relcl", "appos") and first.pos in ("VERB", "AUX") and \
            _children(clause, first, SUBJECT_DEPS):
        return clause.subtree(first.i)  # "concern that …", "confidence it was …"
    modified = any(clause.tokens[c].dep in _NOUN_MODIFIERS and c < noun.i for c in noun.children)
    if first.dep == "prep" and first.text.lower() in _ATTITUDE_PREPS and not modified and \
            _children(clause, first, ("pobj", "pcomp")):
        return [i for i in clause.subtree(first.i) if i != first.i]  # "dismay at …", "concern about …"
    return []


_SPOKEN_OF_PREPS = frozenset(("about", "of", "against", "over", "on"))


def _spoken_of(clause: Clause, verb: Token) -> list[int]:
    """What a speech verb with no content spoke of: the object of its "about", "of", "against", "over"
    or "on" phrase after it ("warned of a recession", "complained about the referees")."""
    for p in _children(clause, verb, ("prep",)):
        if p.i > verb.i and p.text.lower() in _SPOKEN_OF_PREPS and _children(clause, p, ("pobj", "pcomp")):
            return _flatten(clause, [p], drop_first=True)
    return []


def _unmarked_clauses(clause: Clause, verb: Token) -> list[Token]:
    """"Trump said after the convention he would not accept …": a finite clause with its own subject and
    no conjunction, after a cue that has no complement, is the cue's content (the parser, misled by the
    phrase between them, hangs it on the cue as an adverbial clause)."""
    out = []
    for t in _children(clause, verb, ("advcl",)):
        kids = [clause.tokens[c] for c in t.children]
        if t.i < verb.i or any(k.dep == "mark" or k.tag == "WRB" for k in kids) or \
                not any(k.dep in ("nsubj", "nsubjpass") for k in kids):
            continue  # "said when she resigned": a time, not what was said
        if t.tag in ("VBG", "VBN") and not any(k.dep in ("aux", "auxpass") for k in kids):
            continue  # a participle ("…, saying …", "…, backed by …") is the writer's aside
        if any(clause.tokens[c].dep == "punct" and clause.tokens[c].text in ",;:—–-" and verb.i < c < t.i
               for c in verb.children):
            continue  # "he said, he would …" across a comma: not one unmarked clause
        out.append(t)
    return out[:1]


def _stranded_that_clauses(clause: Clause, verb: Token) -> list[Token]:
    """"Adelson said during a news conference that he may wait …", "groused to a crowd in Georgia that
    CNN …": a "that" clause the parser hung on the noun of the cue's own prepositional phrase (a noun
    that reports nothing) is the cue's content."""
    for p in _children(clause, verb, ("prep",)):
        if p.i < verb.i:
            continue
        for obj in _children(clause, p, ("pobj",)):
            inner = [o for q in _children(clause, obj, ("prep",)) for o in _children(clause, q, ("pobj",))]
            for noun in [obj] + inner:  # "to a crowd in Georgia that …"
                misread = _that_read_as_relative(clause, noun)
                if misread is not None:
                    return [misread]
                if noun.lemma in noun_cues() or noun.lemma in speech_nouns():
                    continue
                that = [t for t in _that_clauses(clause, noun) if t.dep in ("acl", "ccomp", "appos", "relcl")]
                if that:
                    return that[:1]
    return []


# Verbs whose object is a statement or a document ("a statement that it issued"): after them "that"
# opens a true relative clause.
_DOCUMENT_VERBS = frozenset("issue release post publish send write give make deliver prepare read sign "
                            "put draft tweet share circulate file submit obtain see receive".split())
_IRREGULAR_FORMS = frozenset("wrote written gave given made sent put saw seen read".split())


def _document_verb(word: str) -> bool:
    """Is ``word`` a form of one of ``_DOCUMENT_VERBS`` ("issued", "releasing", "wrote")? (Lemmas are
    only known for reporting words.)"""
    w = word.lower()
    if w in _DOCUMENT_VERBS or w in _IRREGULAR_FORMS:
        return True
    for suffix in ("s", "es", "d", "ed", "ing"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)]
            if stem in _DOCUMENT_VERBS or stem + "e" in _DOCUMENT_VERBS or \
                    (len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in _DOCUMENT_VERBS):
                return True
    return False


def _that_read_as_relative(clause: Clause, noun: Token) -> Token | None:
    """"Google said in a statement that it disagreed": the parser reads "that it disagreed" as a
    relative clause on "statement" with "that" as its object. Unless its verb is one that takes a
    statement as its object ("a statement that it issued"), that clause is what was said."""
    for c in noun.children:
        t = clause.tokens[c]
        if t.dep != "relcl" or t.i <= noun.i + 1 or _document_verb(t.text) or t.region is not None:
            continue
        that = clause.tokens[noun.i + 1]
        if that.text.lower() == "that" and that.head == t.i and that.dep == "dobj" and \
                _children(clause, t, ("nsubj", "nsubjpass")) and min(clause.subtree(t.i)) == that.i:
            return t
    return None


# Pronouns that stand for something said ("he said that", "she denied it", "they said so").
_SAID_PRONOUNS = frozenset("that this it so nothing something much everything anything those these".split())


def _passive_content(clause: Clause, verb: Token) -> list[int]:
    """A passive cue's subject is what was said, when someone is named as its source or the cue takes
    what is said as its object ("the figures were confirmed by aides", "the deal was announced")."""
    subj = _children(clause, verb, ("nsubjpass",))
    if not subj or not _children(clause, verb, ("auxpass",)) or subj[0].pos == "PRON" or subj[0].region is not None:
        return []
    if not _children(clause, verb, ("agent",)) and cue_kinds().get(verb.lemma, ("", None, ""))[1] is None:
        return []
    return clause.subtree(subj[0].i)


def _light_content(clause: Clause, verb: Token) -> list[int]:
    """What a light-verb or phrasal cue reports: the verb's clause or object, else the "of/about/for …"
    phrase of the verb or of its noun ("drew criticism [for the remarks]", "made reference [to X]")."""
    partner = light_partner(clause, verb)
    if partner is None:
        return []
    heads = [t for t in _children(clause, verb, ("ccomp", "xcomp", "dobj")) if t.i != partner.i]
    if heads:
        return _flatten(clause, heads)
    for owner in (partner, verb):
        preps = [p for p in _children(clause, owner, ("prep",)) if p.i > partner.i and p.i != partner.i
                 and p.text.lower() in _TOPIC_PREPS and _children(clause, p, ("pobj", "pcomp"))]
        if preps:
            return _flatten(clause, preps[:1], drop_first=True)
    return []


def statement_kind(clause: Clause, verb: Token, form: str, content: list[int], subject: Token | None) -> str | None:
    """The kind of statement ``verb`` makes through ``form`` (``KINDS``), or None when it makes none.

    A bare noun-phrase object is a statement only when it is speech (it holds
    a quotation, or its head is a noun for something said: "denied the
    allegations") or when the cue's object kind says so ("supported the
    bill": belief); "posted a video", "urged voters", "called 911" make none.
    A subject that is a document or recording ("the study found", "video
    shows") makes the statement a document one.
    """
    if _writers_formula(clause, verb):
        return None
    if verb.pos == "NOUN":
        kind: str | None = noun_cue_kinds().get(verb.lemma, "belief")
    elif form == "that-clause":
        kind = "belief"
    elif form in ("spoken-of", "topic"):
        kind = "topic"  # "warned of X", "talked about X", "referred to X": what was spoken of, nothing said
    else:
        clause_kind, object_kind, infinitive_kind = cue_kinds().get(verb.lemma, ("speech", None, "intention"))
        kind = clause_kind
        if form == "infinitive":
            kind = None if _asks_anonymity(clause, content) else infinitive_kind
        elif form == "object":
            kind = clause_kind if _is_speech_object(clause, content) else object_kind
            if verb.lemma in _ADDRESSING and _person_object(clause, content):
                kind = None  # "questioning the patient", "threatening the girl": the one addressed, nothing said
        elif form == "pronoun":
            kind = clause_kind
    if kind is not None and subject is not None and subject.lemma in document_nouns():
        return "document"
    return kind


def _writers_formula(clause: Clause, verb: Token) -> bool:
    """"Which is not to say that …", "That's not to say …", "needless to say", "suffice it to say": the
    writer's own turn of phrase with "to say", no one's statement."""
    if verb.lemma != "say" or not _takes_to(clause, verb) or verb.head == verb.i:
        return False
    head = clause.tokens[verb.head]
    if head.lemma in ("needless", "suffice"):
        return True
    if head.lemma != "be" or verb.dep not in ("xcomp", "attr", "ccomp"):
        return False
    subjects = _children(clause, head, SUBJECT_DEPS)
    return len(subjects) == 1 and subjects[0].text.lower() in ("that", "this", "which", "it")


_ANONYMITY = re.compile(r"(?:not )?to (?:be (?:named|identified|quoted|quoted by name)|remain anonymous|go unnamed)"
                        r"(?: (?:by name|publicly))?", re.I)


def _asks_anonymity(clause: Clause, content: list[int]) -> bool:
    """"…, who asked not to be named", "declined to be identified": the source's terms, nothing said."""
    words = " ".join(clause.tokens[i].text for i in content if clause.tokens[i].pos != "PUNCT")
    return _ANONYMITY.fullmatch(words) is not None


# Cues whose bare object is the person addressed, not what was said ("questioned the suspect").
_ADDRESSING = frozenset("question threaten interview quiz interrogate confront".split())
_PERSON_PRONOUNS = frozenset("him her them me us you".split())


def _person_object(clause: Clause, content: list[int]) -> bool:
    """A noun-phrase object that is a person: a personal pronoun, a person's name, a word for a person."""
    inside = set(content)
    heads = [clause.tokens[i] for i in content if clause.tokens[i].head not in inside or clause.tokens[i].head == i]
    if len(heads) != 1 or heads[0].region is not None:
        return False
    head = heads[0]
    return (head.pos == "PRON" and head.text.lower() in _PERSON_PRONOUNS) or head.ent_type == "PERSON" \
        or (head.pos == "NOUN" and person_noun(head.lemma.lower()))


def _is_speech_object(clause: Clause, content: list[int]) -> bool:
    """A noun-phrase object that is something said: it holds a quotation, or its head is a speech noun."""
    toks = [clause.tokens[i] for i in content]
    if any(t.region is not None or (t.text in QUOTE_MARKS and t.text not in "'’" or t.text in ("''", "``"))
           for t in toks):
        return True  # it holds a quotation (long ones are masked, short ones are words between marks)
    inside = set(content)
    heads = [t for t in toks if t.head not in inside or t.head == t.i]
    return any(t.lemma in speech_nouns() for t in heads)


def _relative_subject(clause: Clause, tok: Token) -> bool:
    """A clause complement whose subject is a relative pronoun right after a noun ("spoke before lawmakers
    defending the budget approved in April that boosted spending"): a relative clause the parser hung on
    the cue, not what was said."""
    if tok.dep != "ccomp":
        return False
    subjects = _children(clause, tok, SUBJECT_DEPS)
    return len(subjects) == 1 and subjects[0].tag in ("WDT", "WP") and _relative_clause(clause, tok)


def _relative_clause(clause: Clause, tok: Token) -> bool:
    """A clause opened by "that" or "which" with no subject of its own is a relative clause the parser
    hung on the cue ("reported delays that exceeded two hours"), not what was said."""
    first = clause.tokens[min(clause.subtree(tok.i))]
    if first.text.lower() not in ("that", "which", "who") or first.i == 0 or first.i + 1 >= len(clause.tokens):
        return False
    before, after = clause.tokens[first.i - 1], clause.tokens[first.i + 1]
    return before.pos in ("NOUN", "PROPN") and after.pos in ("VERB", "AUX") and after.region is None


def _demanded_act(clause: Clause, verb: Token, prep: Token) -> list[Token]:
    """What "called on X" asks X to do: the infinitive after X, which the parser hangs on the cue as its
    complement ("called on Congress to pass the bill") or, past an apposition set off by commas, as an
    adverbial clause ("calls on the regulator, the Office for Students, to require …")."""
    out = _children(clause, verb, ("xcomp",))
    if out or prep.text.lower() != "on":
        return out
    end = max(clause.subtree(prep.i))
    for t in _children(clause, verb, ("advcl",)):
        if t.i > end and t.pos in ("VERB", "AUX") and _takes_to(clause, t) and not _children(clause, t, SUBJECT_DEPS + ("mark",)):
            return [t]
    return []


def _takes_to(clause: Clause, tok: Token) -> bool:
    """Whether ``tok`` is a verb with the infinitive marker "to" ("to resign", "not to say")."""
    return any(clause.tokens[c].dep == "aux" and clause.tokens[c].text.lower() == "to" for c in tok.children)


def _bare_infinitive(clause: Clause, tok: Token) -> bool:
    """A "to" clause with no subject of its own: "agreed [to resign]" (not "wants [him to resign]")."""
    if tok.dep != "xcomp" or tok.pos not in ("VERB", "AUX"):
        return False
    return _takes_to(clause, tok) and not _children(clause, tok, SUBJECT_DEPS)


def _object_form(clause: Clause, verb: Token, picked: list[Token], preps: list[Token]) -> str:
    """``predicative`` when the object comes with what is said of it, else ``object``."""
    deps = {t.dep for t in picked}
    if "ccomp" in deps:
        return "clause"
    if not deps & {"dobj", "dative"} and verb.dep == "acl":
        return "object"  # "a mission called Europa Clipper", "a friend called 911": naming, no one addressed
    if deps & {"xcomp", "oprd"} or any(p.text.lower() in ("as", "of", "for", "over") for p in preps):
        return "predicative"
    return "object"


def _as_frame(clause: Clause, verb: Token) -> list[int]:
    """"As The Washington Post reported, Y": a cue in a fronted "as" clause with a subject of its own
    reports the clause it is set before (its head's subtree without the cue's own)."""
    if verb.dep != "advcl" or verb.head <= verb.i or _children(clause, verb, _COMPLEMENT):
        return []
    own = clause.subtree(verb.i)
    first = clause.tokens[min(own)]
    if first.text.lower() != "as" or first.dep != "mark" or not _children(clause, verb, SUBJECT_DEPS):
        return []
    head = clause.tokens[verb.head]
    if head.pos not in ("VERB", "AUX"):
        return []
    skip = set(own)
    return [i for i in clause.subtree(head.i) if i not in skip and i > max(own)]


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
    if addressed(clause, verb):
        return asker(clause, verb), []  # "Asked about it, she said …": not her question
    if verb.pos == "NOUN":
        holder = nominal_holder(clause, verb)
        if holder is not None:
            return holder, []  # "his promise to …", "Trump's claim that …", "the decision by the FBI to …"
    tok, path, below = verb, [], None
    opening = dateline(clause)
    for _ in range(6):
        subj = [s for t in _children(clause, tok, SUBJECT_DEPS)
                if (s := past_dateline(clause, t, opening) if t.region is None else named_after_quote(clause, t))
                is not None]
        # "headteachers Anne Price … warned": the name; "Elon Musk’s Tesla said": not the owner
        subj.sort(key=lambda t: (_possessor(clause, t), t.pos != "PROPN"))
        if len(subj) > 1 and subj[0].text.lower() in _RELATIVISERS | {"what"}:
            subj = subj[1:] + subj[:1]  # "the emails, which she said were all": she said it; "which" is what she said
        if subj and subj[0].text.lower() == "it" and tok.pos == "ADJ" and tok.dep in ("ccomp", "oprd"):
            subj = []  # "She made it clear that …": the "it" of a small clause stands for the clause; she made it
        if subj and subj[0].text.lower() in ("it", "there") and tok.lemma in _EXPLETIVE_HEADS:
            return _last_subject_before(clause, verb), path
        if subj and not (subj[0].dep == "nsubjpass" and tok is verb and tok.lemma != "quote"):
            return subj[0], path
        agents = _children(clause, tok, ("agent",))
        if agents:
            pobj = _children(clause, agents[0], ("pobj",))
            if pobj:
                return pobj[0], path
        modified = participle_head(clause, tok, climbed=tok is not verb) or verbless_head(clause, tok)
        if modified is not None:
            return modified, path  # "a group backing Bush", "A Quinnipiac poll found last week that …"
        if tok.head == tok.i or tok.dep not in _CLIMB_DEPS and not _adverb_with_complement(tok, below):
            break
        if tok is verb and passive(clause, tok):
            break  # "came under fire when it was revealed that …", "said it was confirmed that …": whoever
            # revealed or confirmed it is not named; the governing verb's subject did not
        if tok.dep == "relcl" and any(t.text.lower() in _RELATIVISERS for t in _children(clause, tok, SUBJECT_DEPS)):
            break  # "met delegates who are expected to say": the delegates' clause, never the outer speaker's
        if tok.dep == "conj":
            rel = _relative_between(clause, tok.head, tok.i)
            if rel is not None and can_speak(clause.tokens[clause.tokens[rel.head].head]):
                return rel, path  # not "the raid that killed bin Laden … and said": raids say nothing
        head = clause.tokens[tok.head]
        controller = controlling_object(clause, tok, head)
        if controller is not None:
            return controller, path  # "All this led the journalist to fear …": the journalist fears it
        if tok is verb and _goes_on_reporting(clause, verb, head):
            head = clause.tokens[head.head]  # "She said it would fail and added …": she added it
        if head.pos in ("NOUN", "PROPN"):
            path.append(head)
            if head.pos == "NOUN" and (tok.dep == "acl" or _gerund_phrase(tok, below)):
                holder = nominal_holder(clause, head)
                if holder is not None:
                    return holder, path  # "Mr. Ban's record on promoting …" (not "his attack on X for saying …")
        below, tok = tok, head
    return None, path


def _possessor(clause: Clause, t: Token) -> bool:
    """Does ``t`` own what follows it ("Musk" in "Musk’s Tesla", read as a second subject)?"""
    return any(c == t.i + 1 and clause.tokens[c].dep == "case" and clause.tokens[c].text in ("'s", "’s", "'", "’")
               for c in t.children)


def _goes_on_reporting(clause: Clause, verb: Token, head: Token) -> bool:
    """Does ``verb`` go on with the report whose content ``head`` is? "She said it would fail and added
    …" and "The mayor said the city would recover, adding that …": the parser hangs the second cue (a
    conjunct, or a participle after a comma) on the reported clause, but the one who said it goes on
    speaking; the reported clause's subject ("the city") says nothing."""
    if not is_cue(verb) or is_cue(head) or head.dep != "ccomp" or not is_cue(clause.tokens[head.head]):
        return False
    if verb.dep == "conj":
        return True
    return verb.dep == "advcl" and verb.tag == "VBG" and verb.i > head.i and \
        any(clause.tokens[c].text == "," and head.i < c < verb.i for c in head.children)


def _gerund_phrase(prep: Token, below: Token | None) -> bool:
    """A preposition with a gerund the climb came from ("record [on] promoting"), not "for" (the reason an
    attack or praise gives is its target's words); a noun phrase ("life, including allegations") is no such."""
    return prep.dep == "prep" and prep.text.lower() != "for" and below is not None and below.dep == "pcomp"


def _adverb_with_complement(tok: Token, below: Token | None) -> bool:
    """An adverb whose preposition the climb came through: "stopped [short] of calling", "was [back] to
    boasting about": the adverb's verb is the one whose subject is sought."""
    return tok.dep == "advmod" and tok.pos == "ADV" and below is not None and below.dep == "prep"


_GOVERNED_DEPS = ("conj", "xcomp", "advcl", "pcomp", "prep", "advmod", "acl")


def _quotation_frame(clause: Clause, quote: Token, tok: Token) -> list[Token]:
    """The cue of the frame the parser hung on a quotation, between the quotation and ``tok`` (a participle
    hung on the quotation after its frame: '“…,” he said, repeating a refrain …'), nearest first."""
    return sorted((t for t in _children(clause, quote, ("parataxis", "ccomp", "conj"))
                   if quote.i < t.i < tok.i and is_cue(t)), key=lambda t: -t.i)


def governing_verbs(clause: Clause, verb: Token) -> list[Token]:
    """The verbs a cue shares its subject with, nearest first: the first conjunct of "X call them … and
    describe …", the verb of a participle or an infinitive ("…, refusing to concede …", "went on to
    say"), of a gerund after a preposition ("stopped short of calling"). The climb stops at a noun or at
    any other link; a verb with a subject of its own ends it (its subject is the one shared)."""
    out, tok = [], verb
    for _ in range(6):
        if tok.head == tok.i or tok.dep not in _GOVERNED_DEPS or tok.dep == "advmod" and tok.pos != "ADV":
            break
        head = clause.tokens[tok.head]
        if head.region is not None:
            out.extend(_quotation_frame(clause, head, tok)[:1])  # '“…,” she said, referencing …': her frame's
            break
        if head.pos in ("NOUN", "PROPN", "PRON"):
            break
        if head.pos in ("VERB", "AUX"):
            out.append(head)
            if _children(clause, head, SUBJECT_DEPS):
                break
        tok = head
    return out


_RELATIVISERS = frozenset(("who", "which", "that", "whom"))
_EXPLETIVE_HEADS = frozenset("come be seem appear happen mean follow".split())


def passive(clause: Clause, verb: Token) -> bool:
    """A passive cue ("is expected to", "was told"): its missing subject is not a name next to it, nor the
    subject of the verb it hangs from."""
    return any(clause.tokens[c].dep in ("auxpass", "nsubjpass") for c in verb.children)


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


def coordinated(clause: Clause, head: Token) -> Token | None:
    """The last proper noun coordinated with a subject ("A and B said"), if any."""
    last = None
    stack = [c for c in head.children if clause.tokens[c].dep == "conj"]
    while stack:
        t = clause.tokens[stack.pop()]
        if t.pos == "PROPN" and t.region is None:
            last = t if last is None or t.i > last.i else last
            stack.extend(c for c in t.children if clause.tokens[c].dep == "conj")
    return last


def _breaks_mention(tok: Token) -> bool:
    """A token a speaker phrase never contains: a quotation, a quote mark, a dash, a dateline."""
    marks_only = all(ch in QUOTE_MARKS for ch in tok.text) and tok.dep != "case"  # "’s" is a possessive
    return tok.region is not None or marks_only or "\"" in tok.text or tok.text in _DASHES


_DASHES = frozenset(("—", "–", "--", "―"))


def dateline(clause: Clause) -> int:
    """Number of tokens of a dateline opening the clause ("HANOI —", "BUFFALO, N.Y. (AP) —"), else 0.

    A dateline is one or more all-capital words, optionally a comma and a
    region ("N.Y.", "Calif."), optionally an agency in parentheses, then a dash;
    or the agency and the dash alone, when the sentence split cut off the place
    ("RENO, Nev." / "(AP) — Donald Trump says …").
    """
    toks = clause.tokens
    i = 0
    while i < len(toks) and _all_caps(toks[i].text):
        i += 1
    if i == 0 and len(toks) > 2 and toks[0].pos == "PROPN" and toks[0].ent_type == "GPE":
        i = 1  # "Indianapolis – Several thousand teachers …", "Washington (AFP) –": a place in title case
    if i > 4 or i == 0 and not (toks and toks[0].text == "("):  # "(AP) —": the sentence split cut off the place
        return 0
    if i < len(toks) and toks[i].text == ",":
        j = i + 1
        while j < len(toks) and j < i + 4 and toks[j].text[:1].isupper() and toks[j].text not in _DASHES:
            j += 1
        i = j if j > i + 1 else i
    if i < len(toks) and toks[i].text == "(":
        j = next((k for k in range(i + 1, min(len(toks), i + 6)) if toks[k].text == ")"), None)
        if j is None:
            return 0
        i = j + 1
    if i < len(toks) and (toks[i].text in _DASHES or toks[i].text == "-"):
        return i + 1
    return 0


def _all_caps(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def adjacent_name(clause: Clause, verb: Token, *, skip: frozenset[int] = frozenset()) -> Token | None:
    """The head of a capitalised name right before ``verb`` ("Mayor Tom Early told"), for an inverted
    frame right after it up to the end of the clause ("…,” says Early."), or the speaker the parser hung
    on a phrase fronted before it or made the root (``speaker_choice.fronted_phrase_subject``,
    ``headless_frame_subject``), for a cue the parser left without a subject."""
    toks = clause.tokens
    start = dateline(clause)
    before = verb.i - 1
    if before >= start and _name_like(toks[before]) and before not in skip:
        return toks[before]
    run = []
    k = verb.i + 1
    while k < len(toks) and (_name_like(toks[k]) or (run and toks[k].text in ("Jr.", "Sr."))):
        run.append(toks[k])
        k += 1
    if run and (k == len(toks) or toks[k].text in (".", ",", "!", "?", ";", ":")) and not skip.intersection(t.i for t in run):
        return run[-1]
    # "In a statement, her adviser, Jake Sullivan, said", "Mitt Romney, the nominee, tweeted:"
    found = fronted_phrase_subject(clause, verb) or headless_frame_subject(clause, verb)
    return found if found is not None and found.i not in skip else None


def _name_like(tok: Token) -> bool:
    """A capitalised word the parser may have mis-tagged inside a name ("Early" as an adverb); a sentence's
    first word is capitalised anyway, so there an adverb or adjective is no name ("Now consider …")."""
    if tok.i == 0 and tok.pos in ("ADV", "ADJ"):
        return False
    return tok.region is None and tok.text[:1].isupper() and tok.pos in ("PROPN", "ADV", "NOUN", "ADJ", "X")


def mention_span(clause: Clause, head: Token) -> tuple[int, int]:
    """Document span of the phrase naming a speaker, without appositions or relative clauses."""
    keep = [head.i]
    stack = [c for c in head.children]
    while stack:
        i = stack.pop()
        t = clause.tokens[i]
        if t.i > head.i and (t.dep in ("appos", "relcl", "acl", "punct", "cc", "conj", "advmod")
                             or is_time_phrase(clause, t)):
            continue  # "Trump on Monday": the time phrase is no part of the name
        keep.append(i)
        stack.extend(t.children)
    keep.sort()
    # keep the run of tokens contiguous with the head, never across a quotation or a quote mark
    lo = hi = keep.index(head.i)
    while lo > 0 and keep[lo - 1] == keep[lo] - 1 and not _breaks_mention(clause.tokens[keep[lo - 1]]):
        lo -= 1
    while hi + 1 < len(keep) and keep[hi + 1] == keep[hi] + 1 and not _breaks_mention(clause.tokens[keep[hi + 1]]):
        hi += 1
    toks = [clause.tokens[i] for i in keep[lo : hi + 1]]
    while len(toks) > 1 and toks[-1].pos == "PUNCT":
        toks.pop()
    while len(toks) > 1 and toks[0].pos == "PUNCT":
        toks.pop(0)
    return toks[0].start, toks[-1].end


_CLOSING_MARKS = frozenset(("”", "’", '"', "''"))
_RELATIVES = frozenset(("which", "who", "whom", "whose"))
_ASIDE_DEPS = ("advcl", "conj", "xcomp", "acl", "relcl", "npadvmod", "appos")


def without_trailing_aside(clause: Clause, idx: list[int], *, phrase: bool = False, text: str = "") -> list[int]:
    """A content without the aside that ends it after a comma or a dash. A participle that is a cue
    starts another statement ("…, saying that …", "…, arguing that …"); a relative clause set off by a
    comma is the writer's description ("said he met Carter and Eric Fanning, who was his chief of staff
    at the time"), after any content; after a noun-phrase content (``phrase``) a participle is no part
    of it either ("the plan, engaging in …"). The content stops before the mark. A comma that ends a
    quotation inside the content ('said he has “expanded the party,” claiming that …') sets off an aside
    after the closing mark the same way; ``text`` (the document's) shows the comma inside a masked quotation."""
    if len(idx) < 3:
        return idx
    idx = _without_joined_cue(clause, idx)
    idx = _quotation_only(clause, idx)
    inside = set(idx)
    for k in range(1, len(idx) - 1):
        mark = clause.tokens[idx[k]]
        if _masked_comma_close(clause, idx, k, text):  # '“… out of business,” which …': the mark closes it
            step = 1
        elif mark.text in (",", "--", "—", "–") and idx[k + 1] == mark.i + 1:
            # '… “expanded the party,” claiming that …': after a comma that ends a quotation, past its mark
            step = 2 if _closes_quotation(clause, idx, k) else 1
        else:
            continue
        start = mark.i + step
        if k + step >= len(idx) or idx[k + step] != start:
            continue
        first = clause.tokens[start]
        head = _aside_head(clause, first, inside)
        relative = first.text.lower() in _RELATIVES
        if head is None or not (phrase or relative or head.tag == "VBG" and is_cue(head)):
            continue
        sub = clause.subtree(head.i)
        if max(sub) >= idx[-1] and min(sub) == start:
            return idx[:k]
    return idx


def _masked_comma_close(clause: Clause, idx: list[int], k: int, text: str) -> bool:
    """Whether ``idx[k]`` is the closing mark of a masked quotation that ends with a comma ('“… business,”')."""
    mark = clause.tokens[idx[k]]
    if not text or mark.text not in _CLOSING_MARKS or k < 1:
        return False
    inner = clause.tokens[idx[k - 1]]
    return inner.region is not None and text[inner.start:mark.start].rstrip().endswith(",")


def _closes_quotation(clause: Clause, idx: list[int], k: int) -> bool:
    """Whether the comma at ``idx[k]`` is followed by a mark that closes a quotation opened inside the content."""
    if k + 1 >= len(idx) or clause.tokens[idx[k + 1]].text not in _CLOSING_MARKS:
        return False
    before = [clause.tokens[i].text for i in idx[:k]]
    if clause.tokens[idx[k + 1]].text == '"':
        return before.count('"') % 2 == 1
    return any(t in ("“", "‘", "``") for t in before)


_OPENING_MARKS = frozenset(("“", '"', "‘", "``"))
# Words that open the writer's clause after a quotation ('“…,” when Clinton blasted him'), never more of it.
_WRITERS_OPENERS = frozenset("when as after before while because since though although if until during".split())


def _quotation_only(clause: Clause, idx: list[int]) -> list[int]:
    """A content that opens with a short quotation ends with it when the words after its closing mark
    are set off by the comma inside it and open a clause of the writer's: 'saying during the debate,
    “That makes me smart,” when Clinton blasted him' reports the quotation, not the "when" clause;
    '“Fund our schools,” and “Put kids first,”' goes on."""
    first = idx[0] if len(idx) >= 4 and clause.tokens[idx[0]].text in _OPENING_MARKS else idx[0] - 1
    if len(idx) < 4 or first < 0 or clause.tokens[first].text not in _OPENING_MARKS:
        return idx
    for k in range(1, len(idx) - 2):
        t, nxt = clause.tokens[idx[k]], clause.tokens[idx[k + 1]]
        if t.text == "," and nxt.text in _CLOSING_MARKS and idx[k + 1] == t.i + 1:
            after = clause.tokens[idx[k + 2]]
            writers = after.pos == "SCONJ" or after.tag == "WRB" or after.text.lower() in _WRITERS_OPENERS
            return idx[:k + 2] if writers else idx
        if t.text in _CLOSING_MARKS and t.text != '"':
            return idx  # the quotation closed without a comma: what follows goes on with it
    return idx


def _aside_head(clause: Clause, first: Token, inside: set[int]) -> Token | None:
    """The head of an aside opened by ``first``: a non-restrictive relative clause or an -ing participle."""
    if first.region is not None:
        return None
    if first.text.lower() in _RELATIVES:
        head = clause.tokens[first.head]
        return head if head.dep in ("relcl", "acl") else None
    t = clause.tokens[first.head] if first.dep in ("neg", "advmod") else first  # "not even needing to …"
    if t.tag == "VBG" and t.dep in _ASIDE_DEPS and t.region is None and t.i - first.i <= 2:
        return t
    return None


def without_leading_time(clause: Clause, verb: Token, idx: list[int]) -> list[int]:
    """A content clause without the time phrase the parser gave it from the cue before it: in "The
    Pentagon said on Friday it would send troops" "on Friday" is when it was said, not part of what."""
    if not idx or idx[0] <= verb.i or any(clause.tokens[i].pos != "PUNCT" for i in range(verb.i + 1, idx[0])):
        return idx
    first = clause.tokens[idx[0]]
    if first.region is not None or first.head == first.i or not is_time_phrase(clause, first):
        return idx
    phrase = clause.subtree(first.i)
    if phrase[0] != first.i or phrase[-1] + 1 >= len(clause.tokens):
        return idx
    rest = [i for i in idx if i > phrase[-1] and clause.tokens[i].text != ","]
    if not rest or clause.tokens[rest[0]].dep not in SUBJECT_DEPS + ("mark",):
        return idx  # the phrase opens no clause of its own ("said on Friday" and nothing after it)
    return [i for i in idx if i >= rest[0]]


def with_stranded_conjuncts(clause: Clause, verb: Token, idx: list[int]) -> list[int]:
    """A content with the conjuncts the parser hung on the cue instead of on the content: in "they said
    they had misgivings, but could not bear to insult him" the part after "but" has no subject of its
    own and comes right after the content, so it goes on with it. A conjunct that is a cue ("… and
    added that …") or has its own subject is a statement of its own."""
    if not idx:
        return idx
    out = list(idx)
    for c in verb.children:
        conj = clause.tokens[c]
        if conj.dep != "conj" or conj.i <= out[-1] or is_cue(conj) or conj.region is not None:
            continue
        if _children(clause, conj, SUBJECT_DEPS + ("expl",)):
            continue
        sub = clause.subtree(conj.i)
        gap = clause.tokens[out[-1] + 1 : sub[0]]
        if not gap and sub[0] == out[-1] + 1 and clause.tokens[out[-1]].text in (",", "and", "or", "but"):
            gap = [clause.tokens[out[-1]]]  # the comma before the conjunct already ends the content
        if not gap or len(gap) > 2 or not all(t.pos in ("PUNCT", "CCONJ") or t.dep == "cc" for t in gap):
            continue
        if any(t.text in ("—", "–", "--", ";", ":") for t in gap):
            continue
        out = sorted(set(out) | {t.i for t in gap} | set(sub))
    return out


_FINITE_TAGS = ("VBD", "VBZ")


def without_finite_conjunct(clause: Clause, idx: list[int]) -> list[int]:
    """An infinitive content without a finite verb joined to it: in "Clinton has vowed to keep abortion
    legal and celebrated the ruling" the parser joins "celebrated" to "keep", but a past or present tense
    cannot go on a "to" clause; it is the subject's next act, and the content stops before "and"."""
    inside = set(idx)

    def finite_on_infinitive(t: Token) -> bool:
        return t.tag in _FINITE_TAGS and t.head in inside and _takes_to(clause, clause.tokens[t.head])

    return _before_last_conjunct(clause, idx, finite_on_infinitive)


def _finite_form(clause: Clause, verb: Token) -> tuple[str, bool] | None:
    """The tag that makes a verb finite (its first auxiliary's, or its own) and whether it has auxiliaries;
    None for a verb that is not finite."""
    auxes = [clause.tokens[c] for c in verb.children if clause.tokens[c].dep in ("aux", "auxpass") and c < verb.i]
    for t in auxes + [verb]:
        if t.tag in ("MD", "VBD", "VBZ", "VBP"):
            return ("VBZ" if t.tag == "VBP" else t.tag), bool(auxes)
    return None


def without_other_tense_conjunct(clause: Clause, idx: list[int]) -> list[int]:
    """A reported clause without a subjectless conjunct in another tense joined to it after ", and" or ", but":
    in "said Rubio's plan would give money to immigrants, and called him weak" or "said they would miss the
    deadline, and requested another month" the parser joins the past tense to the reported verb, but a
    finite verb without the reported verb's auxiliaries or tense does not go on with it; it is the
    speaker's next act and the content stops before the comma. Without the comma ("were tired and left")
    the two verbs are read as one report."""
    inside = set(idx)

    def other_tense(t: Token) -> bool:
        if t.head not in inside or t.i < 2:
            return False
        before = clause.tokens[t.i - 1] if clause.tokens[t.i - 1].dep == "cc" else \
            clause.tokens[t.i - 2] if clause.tokens[t.i - 1].dep == "advmod" and clause.tokens[t.i - 2].dep == "cc" else None
        if before is None or before.i < 1 or clause.tokens[before.i - 1].text != ",":
            return False  # only after ", and" / ", but" (", and then"): without the comma the verbs share more
        mine, theirs = _finite_form(clause, t), _finite_form(clause, clause.tokens[t.head])
        if mine is None or theirs is None or mine[1]:
            return False
        return theirs[1] or mine[0] != theirs[0]

    return _before_last_conjunct(clause, idx, other_tense)


def _without_joined_cue(clause: Clause, idx: list[int]) -> list[int]:
    """"She said the plan would fail and added that …": a speech verb joined by "and" with no subject
    of its own is the speaker's next statement, not part of this one (the parser often hangs it inside)."""
    return _before_last_conjunct(clause, idx, lambda t: is_cue(t) and cues()[t.lemma][0] == "speech")


def _before_last_conjunct(clause: Clause, idx: list[int], ends: Callable[[Token], bool]) -> list[int]:
    """``idx`` without the subjectless conjunct (from the third token on) that ``ends`` says is no part of
    the content and that runs to the content's end, and without the "and" or comma before it."""
    for i in idx[2:]:
        t = clause.tokens[i]
        if t.dep != "conj" or _children(clause, t, SUBJECT_DEPS + ("expl",)) or not ends(t):
            continue
        sub = clause.subtree(t.i)
        if sub[0] != t.i or max(sub) < idx[-1]:
            continue
        keep = [j for j in idx if j < t.i]
        while keep and (clause.tokens[keep[-1]].dep == "cc" or clause.tokens[keep[-1]].pos == "PUNCT"):
            keep.pop()
        return keep or idx
    return idx


_FRONTED_DEPS = ("advcl", "ccomp", "xcomp", "parataxis", "dep", "csubj")


def fronted_content(clause: Clause, verb: Token, subject: Token | None, idx: list[int]) -> list[int]:
    """The first piece of a content split by its frame: in "Though the change was smooth, he said,
    replacing her would be harder" the clause before the subject is what was said as much as the
    one after. Only for a cue set off by commas on both sides whose content follows it; a fronted
    phrase ("In a statement, he said …") is the frame, not the content."""
    if subject is None or not idx or min(idx) < verb.i or verb.i + 1 >= len(clause.tokens):
        return []
    after = clause.tokens[verb.i + 1]
    if after.text != "," and not (after.dep == "npadvmod" and verb.i + 2 < len(clause.tokens)
                                  and clause.tokens[verb.i + 2].text == ","):
        return []
    start = min(clause.subtree(subject.i))
    if start < 2 or clause.tokens[start - 1].text != ",":
        return []
    out: list[int] = []
    for c in verb.children:
        t = clause.tokens[c]
        if t.i < start and t.dep in _FRONTED_DEPS and t.pos in ("VERB", "AUX"):
            out.extend(clause.subtree(t.i))
    out = sorted(out)
    if not out or out[-1] != start - 2:
        return []
    return out


def continued_after_frame(clause: Clause, verb: Token, idx: list[int]) -> list[int]:
    """The second piece of a content its frame interrupts: in "He had no known affiliations, the airline
    added, and had passed all checks" the part after the frame hangs on the cue, but goes on with the
    content before it. Only a conjunct with no subject of its own that is no cue, an "including" list,
    or the agent of a passive content; anything else after the frame (a time, a participle, a clause
    with its own subject) is the writer's."""
    if not idx or max(idx) >= verb.i:
        return []
    for c in sorted(verb.children):
        t = clause.tokens[c]
        if c < verb.i or t.pos == "PUNCT" or t.dep == "cc":
            continue
        sub = clause.subtree(c)
        before = clause.tokens[sub[0] - 1] if sub[0] > 0 else None
        if before is None or not (before.text == "," or before.dep == "cc" and clause.tokens[before.i - 1].text == ","):
            continue
        rest = [i for i in range(sub[-1] + 1, len(clause.tokens)) if clause.tokens[i].pos != "PUNCT"]
        if rest:
            return []
        head = clause.tokens[max(idx, key=lambda i: len(clause.subtree(i)))]
        passive = any(clause.tokens[k].dep == "auxpass" for k in head.children)
        if t.dep == "conj" and t.region is None and not is_cue(t) and not _children(clause, t, SUBJECT_DEPS + ("expl",)) \
                or t.text.lower() == "including" or t.text.lower() == "by" and passive:
            start = before.i if before.dep == "cc" else sub[0]
            return list(range(start, sub[-1] + 1))
        return []
    return []


_BREAKS = (",", ";", "--", "—", "–", "―")
_SET_OFF_DEPS = ("advcl", "relcl", "conj", "parataxis", "ccomp")


def _own_clauses(clause: Clause, cue: Token) -> list[list[int]]:
    """The clauses a cue with a subject of its own may stand in, innermost first: its own subtree, then
    those of the clauses it is set into (at most four levels up); none for a cue without a subject."""
    if not _children(clause, cue, SUBJECT_DEPS):
        return []
    out, node = [], cue
    for _ in range(4):
        out.append(clause.subtree(node.i))
        if node.head == node.i or node.dep not in _SET_OFF_DEPS:
            break
        node = clause.tokens[node.head]
    return out


def second_attribution(clause: Clause, cue: Token, content_end: int) -> int | None:
    """Where a content that runs on into a second attribution must end: the character offset of the
    comma, semicolon or dash that opens the clause of ``cue`` (a cue with a subject of its own) when
    that clause runs to the content's end ("…, though she noted …", "…, which he said were …",
    "…; Smith said …"); None when ``cue`` is not set off like that."""
    for sub in _own_clauses(clause, cue):
        before = clause.tokens[sub[0] - 1] if sub[0] > 0 else None
        if before is not None and before.dep == "cc" and sub[0] > 1:
            before = clause.tokens[sub[0] - 2]  # "…, but she said …"
        if before is not None and before.text in _BREAKS and before.region is None \
                and clause.tokens[sub[-1]].end >= content_end - 1:
            return before.start
    return None


def first_attribution(clause: Clause, cue: Token, content_start: int) -> int | None:
    """Where a content that takes in a first attribution before it must start: the character offset
    just past the semicolon, dash or comma that closes the clause of ``cue`` (a cue with a subject of
    its own) when that clause opens the content ("Officials said the fire was contained; residents said
    …": the parser hangs the first statement on the second cue); None when ``cue`` is not set off so."""
    for sub in _own_clauses(clause, cue):
        if clause.tokens[sub[0]].start <= content_start + 1 and sub[-1] + 1 < len(clause.tokens):
            after = clause.tokens[sub[-1] + 1]
            if after.text in _BREAKS and after.region is None:
                nxt = clause.tokens[after.i + 1] if after.i + 1 < len(clause.tokens) else None
                return nxt.end if nxt is not None and nxt.dep == "cc" else after.end
    return None


# Prepositions that open the frame's time or place ("denied the charge on Tuesday", "at a rally"), not
# part of what a noun-phrase object reports.
_FRAME_PREPS = frozenset("at in on during after before since amid throughout until".split())


def with_object_complements(clause: Clause, verb: Token, idx: list[int]) -> list[int]:
    """A noun-phrase content with the prepositional phrases of its cue that go on right after it: in
    "Clinton mentioned disparaging remarks as examples of his disrespect" the "as" phrase is part of
    what she mentioned (the parser hangs it on the verb). A phrase of time or place ("on Tuesday", "at
    the rally") belongs to the frame and ends the content, as does anything else that is not such a
    phrase."""
    if not idx:
        return idx
    out, end = set(idx), max(idx)
    for c in sorted(verb.children):
        t = clause.tokens[c]
        if c <= verb.i or c in out:
            continue
        sub = clause.subtree(c)
        if sub[0] != end + 1:
            continue
        if _as_predicate(clause, t) or _noun_infinitive(clause, t, out):
            pass
        elif t.dep != "prep" or t.region is not None or t.text.lower() in _FRAME_PREPS and not _in_what(clause, t):
            break
        out.update(range(end + 1, sub[-1] + 1))
        end = sub[-1]
    return sorted(out)


def _on_a_day(clause: Clause, prep: Token) -> bool:
    """"endorsed Hillary Clinton on Thursday": an "on" phrase that names a day is the frame's time, not part
    of what an object cue reports."""
    if prep.text.lower() != "on":
        return False
    objs = _children(clause, prep, ("pobj",))
    return len(objs) == 1 and objs[0].ent_type in ("DATE", "TIME")


# Nouns for a medium a statement is made on ("criticized the plan on Twitter", "posted it on its page"),
# besides the outlet words of ``media_words`` (website, show, radio, television, …).
_MEDIA = frozenset("twitter facebook instagram youtube tiktok x page blog air media broadcast".split())


def _on_a_medium(clause: Clause, prep: Token) -> bool:
    """"mocked her presence on Twitter", "announced the move on its website": after an object, an "on"
    phrase that names a medium is how it was said, the frame's channel, not part of what was said."""
    if prep.text.lower() != "on":
        return False
    objs = _children(clause, prep, ("pobj",))
    return len(objs) == 1 and (objs[0].text.lower() in _MEDIA or objs[0].text.lower() in media_words())


def _as_predicate(clause: Clause, t: Token) -> bool:
    """An "as" clause with no subject of its own, hung on the cue, is what is said of the object ("see the
    campaign as most unfair", "described the parties as covered under the law"); one with its own subject
    ("as it was sailing through the Senate") is the frame's time."""
    if t.dep != "advcl" or t.region is not None:
        return False
    first = clause.tokens[min(clause.subtree(t.i))]
    return first.text.lower() == "as" and first.dep == "mark" and not _children(clause, t, SUBJECT_DEPS + ("expl",))


def _noun_infinitive(clause: Clause, t: Token, content: set[int]) -> bool:
    """A "to" clause with no subject of its own, hung on the cue right after an object headed by a common
    noun, belongs to that noun ("decried Trump's repeated calls to ban all Muslims", "praised the efforts of
    John Kerry to find a solution"); after a person ("attacked Trump to take a swipe at …") it is the
    speaker's purpose, the frame's."""
    if t.dep not in ("advcl", "xcomp", "acl", "relcl") or t.pos not in ("VERB", "AUX") or t.region is not None:
        return False
    first = clause.tokens[min(clause.subtree(t.i))]
    if first.text.lower() != "to" or first.dep != "aux" or _children(clause, t, SUBJECT_DEPS + ("expl",)):
        return False
    heads = [clause.tokens[i] for i in content if clause.tokens[i].head not in content]
    return len(heads) == 1 and heads[0].pos == "NOUN" and not person_noun(heads[0].lemma.lower())


def _in_what(clause: Clause, prep: Token) -> bool:
    """An "in" phrase that says where or in what the object is, not when or where it was said: "discussed
    the migrant crisis in Europe", "backed her candidacy in high numbers", "supported stem cell research
    in the Senate" (but "in 2008", "in an interview", "in a tweet" are the frame's)."""
    if prep.text.lower() != "in":
        return False
    sub = [clause.tokens[i] for i in clause.subtree(prep.i)]
    return not any(t.ent_type in ("DATE", "TIME") or t.region is not None or t.dep == "pobj" and
                   (t.lemma.lower() in _OCCASION_NOUNS or t.lemma.lower() in channel_nouns()) for t in sub)


_GAP_PHRASE_DEPS = ("prep", "npadvmod", "advcl")
# Nouns for the occasion of a statement ("in his state-of-the-state address", "in an interview").
_OCCASION_NOUNS = frozenset("address speech interview debate rally appearance hearing conference op-ed column".split())


def object_pieces(clause: Clause, verb: Token, idx: list[int]) -> list[list[int]]:
    """A predicative content in the pieces its frame splits it into: in "lauded Mr. Clarke in his address
    for helping …" or "called them in an article last week, “…”" the phrase of time or occasion hung on
    the cue between the object and what is said of it is the frame's, and the content is the two pieces
    around it. A gap that holds no such phrase (an adverb, a place, a phrase the parser misplaced: "urged
    voters in New York to …") leaves the content whole."""
    pieces: list[list[int]] = []
    for i in idx:
        if pieces and i == pieces[-1][-1] + 1:
            pieces[-1].append(i)
        elif pieces and not _frame_gap(clause, verb, pieces[-1][-1] + 1, i):
            pieces[-1].extend(range(pieces[-1][-1] + 1, i + 1))
        else:
            pieces.append([i])
    return pieces


def _frame_gap(clause: Clause, verb: Token, lo: int, hi: int) -> bool:
    """Whether tokens ``lo``..``hi``-1 are punctuation and phrases the cue itself takes, one of them naming
    a time ("last week", "in 2011") or the occasion of the statement ("in an interview")."""
    words = [t for t in clause.tokens[lo:hi] if t.pos != "PUNCT"]
    if not words or any(t.region is not None for t in words):
        return False
    covered = {i for t in words if t.head == verb.i and t.dep in _GAP_PHRASE_DEPS for i in clause.subtree(t.i)}
    if not all(t.i in covered for t in words):
        return False
    return any(t.ent_type in ("DATE", "TIME") or t.dep == "pobj" and
               (t.lemma.lower() in _OCCASION_NOUNS or t.lemma.lower() in channel_nouns()) for t in words)
