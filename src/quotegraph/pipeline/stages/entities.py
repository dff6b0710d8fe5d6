"""Named people, organisations and groups, clustered into canonical entities.

Within one document, "Ken Loach", "Loach" and "Ken" are one person: a
single-word name joins the unique full name it is the surname or first name
of. Titles ("Sir", "Mr", "Sen.") are not part of a canonical name. An
organisation's short form joins its long form ("the Socialist Campaign Group"
and "the Socialist Campaign Group of Labour MPs").
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort

from ...model import Mention
from ..base import stage
from ..lexicons import cue_forms, lemma, org_nouns
from ..resolvers.lexicon import GROUP_WORDS, MARKUP, TITLE_BEFORE, clean_name, first_name_gender, person_noun, title
from ..resolvers.phrases import FUNCTION_WORDS, is_dateline
from ..work import Clause, Cluster, Proposal, Token, Work
from .speaker_choice import speech_cue

__all__ = ["Entities", "clean_name", "kind_of", "newspaper_labels", "GROUP_WORDS"]

_KINDS = {"PERSON": "person", "ORG": "organisation", "NORP": "group", "GPE": "organisation"}
# The last word of most newspapers' names: a name the recogniser filed as a place, an event or a work
# ("the Chicago Tribune" FAC, "the Dallas Morning News" EVENT, "The Daily Telegraph" WORK_OF_ART) is the paper.
_MASTHEAD = frozenset("times post journal news tribune herald gazette chronicle telegraph inquirer enquirer "
                      "examiner register dispatch courier sentinel bulletin observer globe".split())
_MISFILED = frozenset(("FAC", "EVENT", "WORK_OF_ART", "PRODUCT"))


def kind_of(label: str, name: str) -> str:
    """Entity kind from an NER label and the name itself."""
    kind = _KINDS.get(label, "unknown")
    if kind == "organisation" and GROUP_WORDS.search(name):
        return "group"
    return kind


@stage("entities", requires=("text", "paragraphs", "regions", "clauses"), assigns=("clusters",))
class Entities:
    """Collect named-entity mentions and cluster them."""

    def accept(self, work: Work, proposal: Proposal) -> None:
        """A new entity (``clusters``), a further mention of one (``clusters.mentions``, kept in text
        order) or a person's kind learnt from a pronoun (``clusters.kind``)."""
        if proposal.field == "clusters":
            work.clusters.append(proposal.value)
        elif proposal.field == "clusters.mentions":
            insort(proposal.target.mentions, proposal.value, key=lambda m: m.start)
        elif proposal.field == "clusters.kind":
            proposal.target.kind = proposal.value
        else:
            raise ValueError(f"entities takes no proposals for '{proposal.field}'")

    def __call__(self, work: Work) -> None:
        mentions = []  # (start, end, label)
        clause_of: dict[int, tuple[int, int]] = {}
        for clause in work.clauses:
            run = None
            labels = newspaper_labels(clause.tokens)
            for t in clause.tokens:
                label = labels.get(t.i, t.ent_type)
                if t.region is not None or label not in _KINDS or headline_verb(t):
                    run = None
                    continue
                if t.ent_iob == "B" or run is None or run[2] != label:
                    first = surname_read_as_pronoun(clause, t) or untagged_name_start(clause, t, label)
                    run = [(first or t).start, t.end, label]
                    mentions.append(run)
                    clause_of[t.start] = (clause.span.start, clause.span.end)
                else:
                    run[1] = t.end
        mentions = joined_at_particles(work.text, mentions)
        kept = [m for run in mentions for piece in split_at_possessive(work.text, *run)
                for m in _split_person_tail(work, *piece) if not is_dateline(work, m[0], m[1])]
        occurrences = Occurrences(work.text)
        kept = [h for m in kept if (h := headline_name(work, clause_of.get(m[0]), m, occurrences)) is not None]
        work.clusters = cluster_mentions(work, kept)
        _link_known_names(work)


# Lowercase words inside a person's name ("Ursula von der Leyen", "Luiz Inácio Lula da Silva").
NAME_PARTICLES = frozenset("von van der den de del della di da dos das du la le bin ibn al el ter".split())
_PARTICLE_GAP = re.compile(r"(?:\s+(?:%s))*\s+$" % "|".join(sorted(NAME_PARTICLES)))


def joined_at_particles(text: str, mentions: list) -> list:
    """Mentions ``[start, end, label]`` with a person's name the model cut at its particles made one
    again: "Ursula von der" (a person) and "Leyen" (filed as an organisation) are "Ursula von der
    Leyen", a person. Only particles and spaces may lie between the two pieces."""
    out: list = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and prev[2] == "PERSON" and prev[1] <= m[0]:
            gap = text[prev[1]:m[0]]
            tail = text[prev[0]:prev[1]].rsplit(" ", 1)[-1]
            if (gap.strip() == "" and tail in NAME_PARTICLES) or \
                    (gap.strip() and _PARTICLE_GAP.fullmatch(" " + gap.strip() + " ")):
                prev[1] = m[1]
                continue
        out.append(m)
    return out


def untagged_name_start(clause: Clause, t: Token, label: str) -> Token | None:
    """The first word of an organisation's name the recogniser left out of it: "The Liberal Democrats"
    (only "Democrats" tagged), "the Scottish Greens". Capitalised proper nouns right before ``t`` that
    the parser makes part of the same name (compounds of a word of it), tagged as nothing themselves."""
    if label not in ("ORG", "NORP"):
        return None
    first = None
    j = t.i - 1
    while j >= 0:
        w = clause.tokens[j]
        if w.pos != "PROPN" or w.ent_iob != "O" or w.dep not in ("compound", "amod") or w.head < t.i or w.region is not None \
                or not w.text[:1].isupper() or title(w.text) is not None:
            break
        first, j = w, j - 1
    return first


def newspaper_labels(tokens: list[Token]) -> dict[int, str]:
    """``ORG`` for the tokens of each recognised name of a place, event, work or product that is a
    newspaper's: capitalised words ending in a masthead word ("the Miami Herald")."""
    out: dict[int, str] = {}
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.ent_type not in _MISFILED or t.ent_iob != "B":
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].ent_iob == "I" and tokens[j].ent_type == t.ent_type:
            j += 1
        words = [w for w in tokens[i:j] if w.text.lower() not in ("the", "-")]
        last = words[-1].text.lower().split("-")[-1] if words else ""
        if last in _MASTHEAD and all(w.text[:1].isupper() for w in words):
            out.update((k, "ORG") for k in range(i, j))
        i = j
    return out


def surname_read_as_pronoun(clause: Clause, t: Token) -> Token | None:
    """'He Jianxiong, the former director …, said': the surname He tagged as a pronoun right before the
    given name of a person. A pronoun the parser makes a compound of the name that follows is part of it."""
    if t.ent_type != "PERSON" or t.i == 0:
        return None
    prev = clause.tokens[t.i - 1]
    if prev.pos == "PRON" and prev.dep == "compound" and prev.head == t.i and prev.text[:1].isupper() \
            and prev.region is None and prev.ent_type == "":
        return prev
    return None


def headline_verb(t: Token) -> bool:
    """A speech verb the recogniser ran into a name in a title-case headline ("Obama Says …"): no part of it."""
    return t.pos == "VERB" and t.text[:1].isupper() and speech_cue(t.text)


def headline_name(work: Work, sentence: tuple[int, int] | None, m: tuple[int, int, str],
                  occurrences: Occurrences | None = None) -> tuple[int, int, str] | None:
    """A name in a title-case headline that ran on into the next words, when the whole never recurs in
    the article. A person's ("Clinton Plan for Taxes …", "Elizabeth Warren Hammers …") is cut to the
    longest leading part the article writes elsewhere. An organisation's run of four words or more
    ("Flint Water Response Perfectly Captures The Difference Between Bernie Sanders") is the person it
    ends with (a known first name, then words the article writes elsewhere), else the longest leading
    part the article writes elsewhere (a person's when it opens with a known first name), else the
    longest trailing part of two words or more ("Policies Created Conditions for Rise of Islamic State"),
    else no name at all (None)."""
    start, end, label = m
    text = work.text
    if label not in ("PERSON", "ORG") or sentence is None or not title_case(text[sentence[0]:sentence[1]]):
        return m
    occurrences = occurrences or Occurrences(text)
    name = text[start:end]
    words = [(start + w.start(), start + w.end()) for w in re.finditer(r"\S+", name)]
    if occurrences.elsewhere(name, start) or (label == "ORG" and len(words) < 4):
        return m
    if label == "ORG":
        for k in range(1, len(words) - 1):
            ws, _ = words[k]
            if first_name_gender(text[ws:words[k][1]]) and occurrences.elsewhere(text[words[k + 1][0]:end], words[k + 1][0]):
                return (ws, end, "PERSON")
    for k in range(len(words) - 1, 0, -1):
        cut = words[k - 1][1]
        if occurrences.elsewhere(text[start:cut], start):
            person = label == "ORG" and first_name_gender(text[start:words[0][1]]) is not None
            return (start, cut, "PERSON" if person else label)  # "Eva Longoria Discussed Factions …"
    if label == "ORG":
        for k in range(1, len(words) - 1):  # a single trailing word ("… Liberals On Court") is no name
            if occurrences.elsewhere(text[words[k][0]:end], words[k][0]):
                return (words[k][0], end, label)
        return None
    return m


_MINOR_WORDS = frozenset("a an the and but or nor for of in on at to by as vs via".split())


def title_case(sentence: str) -> bool:
    """Is the sentence written in title case (four or more words, nearly all capitalised)?"""
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", sentence)
    content = [w for w in words[1:] if w.lower() not in _MINOR_WORDS]  # title case keeps "for", "but" low
    return len(words) >= 4 and bool(content) and sum(w[0].isupper() for w in content) >= 0.8 * len(content)


class Occurrences:
    """Where each word of a text starts, indexed once (on first use) so that asking whether a name occurs
    elsewhere looks only at the places its first word does, not the whole text again: an article of
    concatenated pages has hundreds of headline names, and a scan of the text for each was quadratic."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: dict[str, list[int]] | None = None

    def elsewhere(self, name: str, at: int) -> bool:
        """Does ``name`` occur as whole words anywhere in the text besides at offset ``at``?"""
        first = _WORD.match(name)
        if first is None or first.start() != 0:  # not opening with a word: look the slow way
            return any(m.start() != at for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", self.text))
        if self._starts is None:
            self._starts = {}
            for w in _WORD.finditer(self.text):
                self._starts.setdefault(w.group(), []).append(w.start())
        text, end = self.text, len(name)
        return any(p != at and text.startswith(name, p) and not _word_char_at(text, p + end)
                   for p in self._starts.get(first.group(), ()))


_POSSESSIVE = re.compile(r"['’]s\s+(?=[A-Z])")


def split_at_possessive(text: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """"Elon Musk’s Tesla" tagged as one person: the owner ("Elon Musk", as tagged) and what is theirs
    ("Tesla", an organisation, the one a statement's "said" is about)."""
    m = _POSSESSIVE.search(text, start, end)
    owned = text[m.end():end] if m is not None else ""
    if m is None or label not in ("PERSON", "ORG") or " " in owned or not _cue_follows(text, end) \
            or owned.lower() in org_nouns() or owned.lower() == "office":
        return [(start, end, label)]  # "the U.S. Attorney's Office said": one office's name
    return [(start, m.start(), label), (m.end(), end, "ORG")]


def _cue_follows(text: str, end: int) -> bool:
    """Is the word right after offset ``end`` a reporting verb in the past or "says" ("… said", "… reported"),
    never a form that may be a noun ("… claims", "… statement")?"""
    m = _NEXT_WORD.match(text, end)
    word = m.group(2) if m is not None else None
    if word is None or word not in cue_forms():
        return False
    return word == "says" or not word.endswith("s") and (word.endswith("ed") or lemma(word) != word)


def _split_person_tail(work: Work, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """'Ukraine Kurt Volker' tagged as one organisation: a place, then a person (first name, surname)."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", work.text[start:end])]
    if label == "PERSON" or len(words) < 3:
        return [(start, end, label)]
    (fs, fe), (ls, le) = words[-2], words[-1]
    if first_name_gender(work.text[fs:fe]) and work.text[ls:ls + 1].isupper() and work.text[fs - 1:fs] == " ":
        return [(start, words[-3][1], label), (fs, le, "PERSON")]
    return [(start, end, label)]


def _after_credit_dash(text: str, start: int, end: int) -> int:
    """Start of the name after an embed's credit dash the recogniser ran into it ("pic.twitter.com/x —
    Paul Ryan (@SpeakerRyan)" tagged as one name): a name never holds a spaced dash."""
    m = None
    for m in re.finditer(r"\s[—–―]\s+", text[start:end]):
        pass
    return start + m.end() if m is not None and re.search(r"[A-Za-z]", text[start + m.end():end]) else start


def _strip_determiner(work: Work, start: int, end: int) -> int:
    m = re.match(r"(?:the|a|an)\s+", work.text[start:end], re.I)
    return start + m.end() if m else start


_NOT_NAMES = FUNCTION_WORDS | {"the", "a", "an"}


def cluster_mentions(work: Work, mentions: list[tuple[int, int, str]]) -> list[Cluster]:
    """Group mentions into clusters; longer names first so short forms can join them."""
    items = []
    for s, e, label in mentions:
        s = _strip_determiner(work, s, e)
        s = _after_credit_dash(work.text, s, e)
        name = clean_name(work.text[s:e])
        if label == "ORG" and name and owns_nothing(work.text, s, e):
            name += work.text[e - 2:e]  # "McDonald’s said": the company's name, not a possessive
        if not name or not re.search(r"[A-Za-z]", name) or name.lower() in _NOT_NAMES or MARKUP.search(name):
            continue  # "the" tagged alone as an organisation would be linked at every "the" of the text;
            # 'datetime="2016' is markup left in the text
        label = settle_label(work, s, e, label, name)
        if label == "PERSON":
            name = person_name(name)
        items.append((s, e, label, name))
    items = _people_by_surname(items)
    index = _ClusterIndex()
    order = sorted(range(len(items)), key=lambda i: -len(items[i][3].split()))
    titled = {i: title_gender(work.text, items[i][0]) for i in order if items[i][2] == "PERSON"}
    votes = _title_votes(items, titled)
    for i in order:
        s, e, label, name = items[i]
        target = index.find(name, label)
        if target is not None and " " not in name and label == "PERSON" \
                and someone_else(target.name, titled.get(i), votes.get(name, {})):
            target = index.exact.get(name.lower())  # "Mr. Obama" is not "Michelle Obama"
        if target is None:
            target = index.add(Cluster(name, kind_of(label, name)))
        target.mentions.append(Mention.of(work.text, s, e))
    clusters = index.clusters
    for c in clusters:
        c.mentions.sort(key=lambda m: m.start)
    clusters.sort(key=lambda c: c.mentions[0].start)
    return clusters


_NEXT_WORD = re.compile(r"\s*(?:([,.;:!?)]|$)|([a-z]+)\b)")


def owns_nothing(text: str, start: int, end: int) -> bool:
    """Is the "’s" ending an organisation's name part of it ("McDonald’s said")? Yes when a cue follows
    it, not a noun to be owned."""
    if text[end - 2:end] not in ("'s", "’s") or end - start < 4:
        return False
    return _cue_follows(text, end)


def _people_by_surname(items: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """'Carly Fiorina' tagged as an organisation is a person when her first name is a known one and the
    article calls her by her surname alone ('Fiorina'); the surname alone is then hers too. Organisations
    are not called by their last word ("Morgan Stanley" is never "Stanley")."""
    bare = {name for _, _, _, name in items if " " not in name}
    people: set[str] = set()
    for _, _, label, name in items:
        words = name.split()
        if label == "ORG" and 2 <= len(words) <= 3 and first_name_gender(words[0]) and words[-1] in bare \
                and not any(w.lower() in org_nouns() for w in words) and not GROUP_WORDS.search(name):
            people.add(name)
    surnames = {n.split()[-1] for n in people}
    return [(s, e, "PERSON" if label == "ORG" and (name in people or name in surnames) else label, name)
            for s, e, label, name in items]


def title_gender(text: str, start: int) -> str | None:
    """The gender a title right before a name gives ("Mr." -> "m", "Mrs." -> "f"), else None."""
    m = TITLE_BEFORE.search(text, max(0, start - 20), start)
    found = title(m.group(1)) if m else None
    return found[0] if found else None


def _title_votes(items, titled: dict[int, str | None]) -> dict[str, dict[str, int]]:
    """For each one-word person name, how often the article titles it as a man's and as a woman's."""
    votes: dict[str, dict[str, int]] = {}
    for i, g in titled.items():
        if g is not None and " " not in items[i][3]:
            votes.setdefault(items[i][3], {}).setdefault(g, 0)
            votes[items[i][3]][g] += 1
    return votes


def someone_else(full_name: str, gender: str | None, votes: dict[str, int]) -> bool:
    """Does a bare surname name someone other than ``full_name``: its own title says the other gender, or,
    untitled, the article titles that surname mostly as the other gender ("Mr. Obama" in an article that
    names only "Michelle Obama" in full)?"""
    own = first_name_gender(full_name.split()[0])
    if own is None:
        return False
    if gender is not None:
        return gender != own
    other = "m" if own == "f" else "f"
    return votes.get(other, 0) > votes.get(own, 0)


_WHO_AFTER = re.compile(r"\s*,\s*(?:who|whose)\b")
_APPOS_AFTER = re.compile(r"\s*,\s*(?:a|an|the|its|his|her|their)?\s*((?:[a-z][\w’'-]*\s+){0,3}[a-z][\w-]*)\b")
_WORD_BEFORE = re.compile(r"\b([a-z][\w-]+)\s+$")
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def settle_label(work: Work, start: int, end: int, label: str, name: str) -> str:
    """The recogniser's label, corrected by what the text says around the name.

    A name with a title ("President Trump"), a person noun before it ("lawyer Montell Figgins"), or a
    person apposition or relative after it ("Eswar Prasad, a trade professor", "X, who represents …") is
    a person's; a "person" whose name holds an organisation word ("… Attorney's Office") is not.
    """
    words = name.split()
    text = work.text
    if label == "PERSON":
        while len(words) > 2 and person_noun(words[0].lower()):
            words = words[1:]  # "Superintendent Jennifer McCormick"
        if any(w.lower() in org_nouns() or w.lower() == "office" for w in words[1:]) or GROUP_WORDS.search(name):
            return "ORG"
        return label
    if label != "ORG" or len(words) > 3 or any(w.lower() in org_nouns() for w in words) or GROUP_WORDS.search(name):
        return label
    if _titled(work, start) or _WHO_AFTER.match(text, end):
        return "PERSON"
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if before and person_noun(before.group(1)):
        return "PERSON"
    after = _APPOS_AFTER.match(text, end)
    if after and any(person_noun(w) for w in after.group(1).split()):
        return "PERSON"
    if says_of_self(text, end):
        return "PERSON"
    return label


_SAYS_SHE = re.compile(r"\s+(\w+)(?:\s+(?:that\s+)?|[^.!?;:\"“”\n]{1,50}?\s+that\s+)(?:she|he)\b")


def says_of_self(text: str, end: int) -> bool:
    """"Ford said she was sure", "Ford wrote in a Facebook post that she …": a name followed by its cue
    and a "he" or "she" opening what it reports is a person's (an organisation reports as "it" or
    "they")."""
    m = _SAYS_SHE.match(text, end)
    return m is not None and m.group(1).lower() in cue_forms()


def person_name(name: str) -> str:
    """A person's name without a leading role word ("Superintendent Jennifer McCormick", "Coach X Y") or
    a trailing score or figure the recogniser ran into it ("Uchiyama 6-2", "Smith (3)")."""
    words = name.split()
    while len(words) > 2 and person_noun(words[0].lower()):
        words = words[1:]
    while len(words) > 1 and re.fullmatch(r"[\d\W]+", words[-1]) and re.search(r"\d", words[-1]):
        words = words[:-1]
    return " ".join(words)


def _titled(work: Work, start: int) -> bool:
    m = TITLE_BEFORE.search(work.text, max(0, start - 20), start)
    return bool(m) and m.group(1).lower() not in ("the", "a", "an")


class _ClusterIndex:
    """Clusters by exact name, by a person's first and last word, and by an organisation's leading words.

    A mention finds the cluster it joins with a few dictionary look-ups instead of a scan of every cluster.
    """

    def __init__(self) -> None:
        self.clusters: list[Cluster] = []
        self.exact: dict[str, Cluster] = {}
        self.last: dict[str, list[Cluster]] = {}
        self.first: dict[str, list[Cluster]] = {}
        self.prefix: dict[tuple[str, ...], list[Cluster]] = {}

    def add(self, c: Cluster) -> Cluster:
        self.clusters.append(c)
        self.exact.setdefault(c.name.lower(), c)
        cw = c.name.split()
        while len(cw) > 2 and cw[-1].lower().rstrip(".") in _NAME_SUFFIXES:
            cw = cw[:-1]
        if c.kind == "person" and len(cw) > 1:
            self.last.setdefault(cw[-1], []).append(c)
            self.first.setdefault(cw[0], []).append(c)
        elif c.kind != "person":
            for n in range(1, len(cw)):
                if cw[n].lower() in ("of", "for", "in", "on"):
                    self.prefix.setdefault(tuple(cw[:n]), []).append(c)
        return c

    def find(self, name: str, label: str) -> Cluster | None:
        hit = self.exact.get(name.lower())
        if hit is not None:
            return hit
        words = name.split()
        if label == "PERSON" or len(words) == 1:
            hits = [c for c in self.last.get(words[-1], []) if len(words) < len(c.name.split())]
            if len(words) == 1 and label == "PERSON":
                hits += [c for c in self.first.get(words[0], []) if c not in hits]
            if label == "PERSON" or len(hits) == 1:
                return hits[0] if len(hits) == 1 else None
        if label != "PERSON":
            hits = self.prefix.get(tuple(words), [])
            return hits[0] if len(hits) == 1 else None
        return None


def _link_known_names(work: Work) -> None:
    """Known names the recogniser did not tag, outside quotations ("Loach is understood …").

    Each word of a clause is looked up among the first words of the known names, so the cost is one
    dictionary look-up per word, however many names the article has.
    """
    names: dict[str, Cluster] = {}
    for c in work.clusters:
        words = c.name.split()
        names[c.name] = c
        if c.kind == "person" and len(words) > 1:
            names.setdefault(words[-1], c)
    if not names:
        return
    by_first: dict[str, list[str]] = {}
    for n in sorted(names, key=len, reverse=True):
        by_first.setdefault(re.match(r"\w*", n).group() or n[:1], []).append(n)
    taken = sorted((m.start, m.end) for c in work.clusters for m in c.mentions)
    index = work.region_index
    text = work.text
    # When every name starts with a capital A-Z, only such words can start one: the others are not
    # looked at (the same words are found, a sixth of the look-ups)
    words = _CAPITAL_WORD if all(_CAPITAL_WORD.fullmatch(k) for k in by_first) else _WORD
    for clause in work.clauses:
        pos = clause.span.start
        for w in words.finditer(text, clause.span.start, clause.span.end):
            if w.start() < pos:
                continue
            found = next((n for n in by_first.get(w.group(), ()) if text.startswith(n, w.start())
                          and w.start() + len(n) <= clause.span.end and not _word_char_at(text, w.start() + len(n))),
                         None)
            if found is None:
                continue
            s, e = w.start(), w.start() + len(found)
            pos = e
            if index.overlapping(s, e) or _overlaps(taken, s, e):
                continue
            names[found].mentions.append(Mention.of(text, s, e))
    for c in work.clusters:
        c.mentions.sort(key=lambda m: m.start)


_WORD = re.compile(r"\b\w+")
_CAPITAL_WORD = re.compile(r"\b[A-Z]\w*")


def _word_char_at(text: str, i: int) -> bool:
    return i < len(text) and (text[i].isalnum() or text[i] == "_")


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    k = bisect_right(taken, (end, end)) - 1
    while k >= 0 and taken[k][0] >= start - 300:
        if taken[k][0] < end and start < taken[k][1]:
            return True
        k -= 1
    return False
