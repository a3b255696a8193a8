"""Speakers: the mention a speech act's subject gives, and the discourse that resolves names,
pronouns and roles ("the governor") against the speakers met so far.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from frontwire.extract.claims.lexicon import CLAUSE_DEPS, DETERMINERS, INDEFINITE, _Lexicon
from frontwire.extract.context import doc_text, per_doc

# --------------------------------------------------------------------------- speakers


@dataclass
class _Mention:
    """Who a speech act's subject names, before it is resolved against earlier speakers."""

    start: int
    end: int
    head: Token
    name: str | None = None  # a proper name when the mention has one
    text: str = ""  # the noun phrase without its determiner
    kind: str = "person"  # person | organization
    role: str | None = None
    organization: str | None = None
    pronoun: str | None = None
    indefinite: bool = False  # "a military official" introduces someone new
    #: False when the subject is no person, organisation or role ("everything", "the war",
    #: a headline's "Trigger War"): such a subject is nobody's voice.
    typed: bool = True
    channel_noun: bool = False  # "the report said": its author speaks
    antecedent_channel: str | None = None  # "In his video address, X thanked ... he said"


@dataclass
class _Entity:
    """One speaker, whatever names the article gives them."""

    name: str
    kind: str
    proper: bool
    role: str | None = None
    organization: str | None = None
    last_pos: int = 0
    last_para: int = 0
    words: set[str] = field(default_factory=set)
    channel: str | None = None  # the channel of the sentence that last named them
    channel_para: int = -1
    spoke_pos: int = -1  # where a claim was last attributed to them
    gender: str | None = None  # "he" or "she", once a title, role or pronoun has told
    spoke_para: int = -1
    plural: bool = False  # "journalists", "analysts": never "he" or "she"


def _strip_det(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].lower_ in DETERMINERS or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]
    return tokens


def _text_of(doc: Doc, tokens: list[Token]) -> str:
    if not tokens:
        return ""
    return doc_text(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]


def _np_tokens(head: Token, appositions: bool = True) -> list[Token]:
    """A noun phrase without relative or trailing clauses (and, if asked, appositions)."""
    skip = CLAUSE_DEPS if appositions else CLAUSE_DEPS | {"appos"}
    keep: list[Token] = []
    stack = [head]
    while stack:
        tok = stack.pop()
        keep.append(tok)
        stack.extend(
            c
            for c in tok.children
            if c.dep_ not in skip and (c.dep_ != "prep" or c.lower_ in ("of", "for"))
        )
    keep.sort(key=lambda t: t.i)
    # keep the contiguous block around the head
    block = [head]
    by_i = {t.i: t for t in keep}
    i = head.i - 1
    while i in by_i:
        block.insert(0, by_i[i])
        i -= 1
    i = head.i + 1
    while i in by_i:
        block.append(by_i[i])
        i += 1
    return block


def _is_name_token(tok: Token, lex: _Lexicon) -> bool:
    if tok.lower_ in lex.particles and tok.dep_ == "compound":
        return True
    return tok.pos_ == "PROPN" and tok.text[:1].isupper()


def _name_runs(tokens: list[Token], lex: _Lexicon) -> list[list[Token]]:
    runs: list[list[Token]] = []
    for tok in tokens:
        if _is_name_token(tok, lex) and tok.text[:1].isalpha():
            if runs and runs[-1][-1].i == tok.i - 1:
                runs[-1].append(tok)
            else:
                runs.append([tok])
    # a run may not start or end with a lower-case particle
    cleaned = []
    for run in runs:
        while run and run[0].lower_ in lex.particles and run[0].text.islower():
            run = run[1:]
        while run and run[-1].lower_ in lex.particles and run[-1].text.islower():
            run = run[:-1]
        if run:
            cleaned.append(run)
    return cleaned


_SURNAMES_KEY = "frontwire_claims_person_surnames"


def person_surnames(doc: Doc) -> dict[str, list[str]]:
    """Last word of every person the entity recogniser finds in the article -> that
    person's fullest name's words. Where it misses the same person elsewhere ("May said",
    "Zelenskyy" read as a noun, "Gazeta.pl Paweł Zalewski" read as one organisation) the
    surname still tells a person."""

    def build() -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            words = [t.text for t in ent if t.is_alpha and t.text[:1].isupper()]
            if not words or len(words[-1]) < 2:
                continue
            if len(words) > len(found.get(words[-1], [])):
                found[words[-1]] = words
        return found

    return per_doc(doc, _SURNAMES_KEY, build)


def _surname(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.text in person_surnames(tok.doc)


def _is_org_word(tok: Token, lex: _Lexicon) -> bool:
    return tok.lower_ in lex.org_nouns or tok.lemma_.lower() in lex.org_nouns


def _mention_for(subject: Token, lex: _Lexicon) -> _Mention:
    """Read a subject noun phrase the way a reader does: name, role, organisation."""
    doc = subject.doc
    if subject.lower_ in lex.pronouns:
        return _Mention(
            subject.idx,
            subject.idx + len(subject),
            subject,
            text=subject.text,
            pronoun=subject.lower_,
        )
    tokens = _np_tokens(subject)
    runs = _name_runs(tokens, lex)
    if not runs and subject.pos_ != "PROPN" and _surname(subject):
        runs = [[subject]]  # "May said", "Zelenskyy, though, said": a surname misread
    # the name the subject itself is part of; else one in apposition to it
    name_run: list[Token] | None = next((run for run in runs if subject in run), None)
    if (
        name_run is not None
        and _surname(name_run[-1])
        and not any(t.ent_type_ == "PERSON" or _is_org_word(t, lex) for t in name_run)
    ):
        # "Gazeta.pl Paweł Zalewski" read as one organisation: the person's name is the
        # words the article names that person with elsewhere
        full = person_surnames(doc)[name_run[-1].text]
        keep = len(full) if [t.text for t in name_run[-len(full) :]] == full else 1
        name_run = name_run[-keep:]
    if name_run is None:
        for run in runs:
            if any(t.dep_ == "appos" for t in run):
                name_run = run
    if (
        name_run is not None
        and all(
            t.lower_.rstrip(".") in lex.titles
            or t.lower_ in lex.person_nouns
            or t.lower_ in lex.country_words
            for t in name_run
        )
        and any(t.lower_ in lex.person_nouns for t in name_run)
    ):
        name_run = None  # "US President", "Foreign Minister": a role written capitalised
    if name_run is not None and not any(_is_org_word(t, lex) for t in name_run):
        # "Minister of Foreign Affairs Piotr Wawrzyk": "Affairs" ends the role's "of" phrase
        cut = [k for k, t in enumerate(name_run) if t.dep_ == "pobj" and t is not subject]
        if cut and cut[-1] + 1 < len(name_run):
            name_run = name_run[cut[-1] + 1 :]
    persons = [t for t in tokens if t.ent_type_ == "PERSON" and t.text[:1].isupper()]
    in_run = [t for t in name_run or [] if t in persons]
    if name_run is not None and in_run:
        # "Other Topics of Interest Scholz": the name starts where the person's does
        if not any(_is_org_word(t, lex) for t in name_run):
            name_run = name_run[name_run.index(in_run[0]) :]
    elif persons and (name_run is None or not any(_is_org_word(t, lex) for t in name_run)):
        # "Minister of Foreign Affairs of Belarus Vladimir Makei", "Deputy Minister of
        # Foreign Affairs Piotr Wawrzyk": the person's name is what the entity recogniser
        # calls the person, the capitalised words before it are the role
        ent = doc[persons[0].i : persons[0].i + 1]
        for e in doc.ents:
            if e.start <= persons[0].i < e.end:
                ent = e
        name_run = [t for t in ent if not t.is_punct and t.text not in ("'s", "’s")]
    if name_run is not None and len(name_run) > 1 and name_run[0].lower_ in lex.channel_nouns:
        # "Statement of the Ministry of Foreign Affairs": the ministry speaks
        rest = [t for t in name_run[1:] if t.lower_ not in ("of", "the", "from", "by")]
        if rest and rest[0].i > name_run[1].i - 1:
            name_run = name_run[name_run.index(rest[0]) :]
    if name_run is not None:
        # an organisation's name goes on through "of" and "for": General Staff of Ukraine,
        # Institute for the Study of War
        if any(_is_org_word(t, lex) for t in name_run):
            while name_run[-1].i + 2 < len(doc) and doc[name_run[-1].i + 1].lower_ in ("of", "for"):
                end = name_run[-1].i
                gap_ok = {end + 2} | ({end + 3} if doc[end + 2].lower_ == "the" else set())
                rest = [r for r in runs if r[0].i in gap_ok]
                if not rest:
                    break
                name_run = [*name_run, *doc[end + 1 : rest[0][-1].i + 1]]
        # titles written before a person's name belong to the role
        # ("US President Joe Biden"), and so does a country before a person's name, not
        # before a paper's ("Kyiv Independent")
        titles = {t.rstrip(".") for t in lex.titles}
        person = any(t.ent_type_ == "PERSON" or _surname(t) for t in name_run)
        if not any(_is_org_word(t, lex) for t in name_run):
            while len(name_run) > 1 and (
                name_run[0].lower_.rstrip(".") in titles
                or (
                    name_run[0].lower_ in lex.country_words
                    and name_run[0].ent_type_ != "PERSON"
                    and person
                )
            ):
                name_run = name_run[1:]
    span_tokens = _strip_det(tokens)
    own_tokens = span_tokens  # the subject's own words, without a coordinated group
    if name_run is None and subject.tag_ == "NNS" and span_tokens:
        # "Reporters and independent monitors said": both groups speak
        others = [
            c
            for c in subject.children
            if c.dep_ == "conj" and c.pos_ == "NOUN" and _role_word(c, lex)
        ]
        if others and any(c.dep_ == "cc" for c in subject.children):
            joined = _np_tokens(others[0])
            if joined and joined[0].i > span_tokens[-1].i:
                span_tokens = _strip_det(list(doc[span_tokens[0].i : joined[-1].i + 1]))
    start = span_tokens[0].idx if span_tokens else subject.idx
    last = span_tokens[-1] if span_tokens else subject
    mention = _Mention(start, last.idx + len(last), subject, text=_text_of(doc, span_tokens))
    mention.indefinite = any(
        c.dep_ == "det" and c.lower_ in INDEFINITE for c in subject.children
    ) or (
        subject.tag_ in ("NNS", "NNPS")
        and not any(c.dep_ in ("det", "poss") for c in subject.children)
    )
    head_lemma = subject.lemma_.lower()
    if name_run is not None:
        name_ids = {t.i for t in name_run}
        mention.name = _text_of(doc, name_run)
        role_tokens = _strip_det([t for t in span_tokens if t.i not in name_ids])
        # a role is words around the name; drop a lone comma-bound appositive remnant
        role_tokens = [t for t in role_tokens if not (t.is_punct and t.text in ",")]
        mention.role = _text_of(doc, role_tokens) if role_tokens else None
        if any(_is_org_word(t, lex) for t in name_run):
            mention.kind = "organization"
        elif any(t.ent_type_ == "PERSON" or _surname(t) for t in name_run) or any(
            t.lower_ in lex.person_nouns or t.lower_ in lex.titles for t in role_tokens
        ):
            mention.kind = "person"
        elif any(t.ent_type_ in ("ORG", "NORP", "GPE") for t in name_run):
            mention.kind = "organization"
        mention.organization = _organization_in(role_tokens, lex)
    else:
        if head_lemma in lex.org_nouns or subject.lower_ in lex.org_nouns:
            mention.kind = "organization"
        elif head_lemma in lex.person_nouns:
            mention.kind = "person"
        else:
            mention.kind = "organization" if subject.pos_ == "PROPN" else "person"
        if mention.kind == "person":  # an organisation needs no organisation of its own
            others = [t for t in own_tokens if t.i != subject.i]
            mention.organization = _organization_in(others, lex)
            acronyms = [t.text for t in others if t.text.isupper() and len(t.text) >= 2]
            if mention.organization is None and len(acronyms) == 1:
                mention.organization = acronyms[0]  # "ISW analysts", "UN officials"
    mention.typed, mention.channel_noun = _typed(subject, span_tokens, name_run, lex)
    return mention


_SPEAKER_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
#: Labels no speaker has; the recogniser's other labels on a name (PRODUCT for "Cole")
#: are too often wrong to reject it for.
_NOT_SPEAKER_ENTS = frozenset(
    {
        "DATE",
        "TIME",
        "MONEY",
        "QUANTITY",
        "CARDINAL",
        "ORDINAL",
        "PERCENT",
        "EVENT",
        "LAW",
        "LANGUAGE",
    }
)


def _role_word(tok: Token, lex: _Lexicon) -> bool:
    words = {tok.lower_, tok.lemma_.lower()}
    return bool(words & (lex.person_nouns | lex.org_nouns | lex.titles))


def _in_headline(tok: Token) -> bool:
    """A line that does not end as a sentence does: a headline, teaser or caption."""
    text = doc_text(tok.doc)
    start = text.rfind("\n", 0, tok.idx) + 1
    end = text.find("\n", tok.idx)
    line = text[start : end if end >= 0 else len(text)].rstrip()
    return not line or line[-1] not in '.!?"”»…:'


def _typed(
    subject: Token, span: list[Token], name_run: list[Token] | None, lex: _Lexicon
) -> tuple[bool, bool]:
    """(is a speaker, stands for its author): a speaker is a person, an organisation or a
    role phrase. A proper name counts when the entity recogniser or the role and
    organisation lexicons say it is one; a common noun when its head is a role or an
    organisation word ("the governor", "the ministry", "officials"); "the report" stands
    for whoever wrote it. Anything else ("everything", "the war", "sirens", a headline's
    capitalised words) is not a speaker at all."""
    paper = name_run is not None and len(name_run) > 1 and name_run[-1].ent_type_ == "ORG"
    if name_run is not None and name_run[-1].lower_ in lex.channel_nouns and not paper:
        # "Vilnius Summit Communique", "Statement": its author speaks; "The Washington
        # Post" is a newspaper the recogniser knows, a speaker of its own
        return True, True
    if name_run is not None:
        ents = {t.ent_type_ for t in name_run}
        if "PERSON" in ents or _surname(name_run[-1]) or any(_role_word(t, lex) for t in span):
            return True, False
        if ents & _SPEAKER_ENTS - {"NORP"}:
            return True, False
        if "NORP" in ents:  # "Russia's" yes, "Americans" (a people) no
            return subject.tag_ != "NNPS" and not subject.text.endswith("s"), False
        # an acronym (ISW, NATO, IAEA) names an organisation; a name the recogniser left
        # unlabelled counts in running text, not in a headline's capitalised words
        if any(t.text.isupper() and len(t.text) >= 2 for t in name_run):
            return True, False
        if any(t.ent_type_ in _NOT_SPEAKER_ENTS for t in name_run):
            return False, False
        if _in_headline(subject) or any(t.pos_ in ("VERB", "AUX") for t in span):
            return False, False
        # capitalised common words ("Trigger War" glued from a teaser) are written in lower
        # case elsewhere in the article; a name is not
        lower = {t.text for t in subject.doc if t.text.islower()}
        return not any(t.text.lower() in lower for t in name_run), False
    head = {subject.lower_, subject.lemma_.lower()}
    if head & (lex.person_nouns | lex.org_nouns):
        return True, False
    if subject.ent_type_ in _SPEAKER_ENTS - {"NORP"}:
        return True, False
    if head & lex.channel_nouns and subject.lower_ != "x":
        return True, True
    return False, False


def _organization_in(role_tokens: list[Token], lex: _Lexicon) -> str | None:
    """The organisation a role belongs to: "commander of the Ukrainian army" -> Ukrainian army."""
    if not role_tokens:
        return None
    doc = role_tokens[0].doc
    for tok in role_tokens:
        if tok.lower_ in ("of", "for"):
            obj = [c for c in tok.children if c.dep_ == "pobj"]
            if obj and (_is_org_word(obj[0], lex) or obj[0].ent_type_ == "ORG"):
                return _text_of(doc, _strip_det(_np_tokens(obj[0], appositions=False))) or None
    org_idx = [i for i, t in enumerate(role_tokens) if _is_org_word(t, lex)]
    if org_idx and not any(t.lower_ == "of" for t in role_tokens[: org_idx[-1]]):
        return _text_of(doc, _strip_det(role_tokens[: org_idx[-1] + 1])) or None
    return None


class _Discourse:
    """The speakers met so far, in reading order; resolves each new mention."""

    def __init__(self, lex: _Lexicon) -> None:
        self.lex = lex
        self.entities: list[_Entity] = []
        #: Every person the article names, speaking or not, with the role it gives them
        #: ("US President Joe Biden"): "the American president" may stand for one of them.
        self.named: list[tuple[int, _Entity]] = []

    def register_named(self, span: Span) -> None:
        """Note a person named in the text (an entity recogniser's PERSON span)."""
        found = _named_person(span, self.lex)
        if found is not None:
            self.named.append(found)
            self.named.sort(key=lambda item: item[0])

    def _registered(self, mention: _Mention) -> _Entity | None:
        """The fullest registered name of the person a name mention names ("Biden")."""
        assert mention.name is not None
        last = mention.name.split()[-1].lower()
        same = [e for _, e in self.named if e.name.split()[-1].lower() == last]
        return max(same, key=lambda e: len(e.name)) if same else None

    def _named_by_role(self, mention: _Mention, words: set[str], strict: bool) -> _Entity | None:
        """The registered person a role phrase fits: the nearest named before it, else the
        first named after it (a headline's "the president" before the lead names him)."""
        fitting = [(p, e) for p, e in self.named if self._fits(words, e, strict)]
        before = [e for p, e in fitting if p < mention.start]
        after = [e for p, e in fitting if p >= mention.start]
        choice = before[-1] if before else (after[0] if after else None)
        if choice is None:
            return None
        for ent in self.entities:  # already a speaker under that name
            if ent.proper and ent.name == choice.name:
                return ent
        ent = _Entity(choice.name, "person", proper=True, role=choice.role or mention.text)
        ent.words |= choice.words
        self.entities.append(ent)
        return ent

    def _touch(self, ent: _Entity, pos: int, para: int) -> _Entity:
        ent.last_pos, ent.last_para = pos, para
        return ent

    def _same_named(self, mention: _Mention) -> _Entity | None:
        assert mention.name is not None
        words = [w.lower() for w in mention.name.split()]
        for ent in reversed(self.entities):
            if not ent.proper:
                continue
            ent_words = [w.lower() for w in ent.name.split()]
            if ent.name.lower() == mention.name.lower():
                return ent
            if _abbreviates(mention.name, ent.name) or _abbreviates(ent.name, mention.name):
                return ent  # "ISW" after "the Institute for the Study of War (ISW)"
            if mention.kind == "person" or ent.kind == "person":
                if words[-1] == ent_words[-1]:
                    return ent
            elif _contains(ent_words, words) or _contains(words, ent_words):
                return ent
        return None

    def resolve(self, mention: _Mention, para: int) -> _Entity | None:
        pos = mention.start
        if not mention.typed and not (mention.name and self._registered(mention)):
            return None  # unless it is a person the article named ("May" of Clifford May)
        if mention.channel_noun:
            return self._author(pos, para)
        if mention.pronoun is not None:
            return self._pronoun(mention.pronoun, pos, para)
        if mention.name is not None:
            ent = self._same_named(mention)
            if ent is None:
                ent = _Entity(mention.name, mention.kind, proper=True)
                known = self._registered(mention) if mention.kind == "person" else None
                if known is not None and len(known.name) > len(mention.name):
                    ent.name, ent.role = known.name, known.role
                    ent.words |= known.words
                self.entities.append(ent)
            elif len(mention.name) > len(ent.name) or not ent.proper:
                ent.name = mention.name
            ent.role = ent.role or mention.role
            ent.organization = ent.organization or self._organization(mention.organization)
            ent.words |= _content_words(mention.role or "")
            ent.gender = ent.gender or _gender_of(mention.text, self.lex)
            return self._touch(ent, pos, para)
        ent = None if mention.indefinite else self._back_reference(mention)
        if ent is None:
            ent = _Entity(mention.text or mention.head.text, mention.kind, proper=False)
            ent.plural = mention.head.tag_ in ("NNS", "NNPS")
            ent.organization = self._organization(mention.organization)
            ent.words |= _content_words(mention.text)
            ent.gender = _gender_of(mention.text, self.lex) if mention.kind == "person" else None
            self.entities.append(ent)
        return self._touch(ent, pos, para)

    def _organization(self, name: str | None) -> str | None:
        """ "spokesman for the group": the group is the organisation last met of that kind;
        "ISW analysts": the organisation "ISW" abbreviates."""
        for ent in self.entities:
            if name and ent.proper and _abbreviates(name, ent.name):
                return ent.name
        words = _content_words(name or "")
        if len(words) != 1 or not words & self.lex.org_nouns:
            return name
        generic = self.lex.generic["organization"]
        for ent in sorted(self.entities, key=lambda e: -e.last_pos):
            if ent.kind == "organization" and (
                words <= ent.words | _content_words(ent.name) or words & generic
            ):
                return ent.name
        return name

    def _author(self, pos: int, para: int) -> _Entity | None:
        """ "The report said": the organisation last met, else a person of this paragraph."""
        recent = sorted(self.entities, key=lambda e: -e.last_pos)
        for ent in recent:
            if ent.kind == "organization" and para - ent.last_para <= 2:
                return self._touch(ent, pos, para)
        for ent in recent:
            if ent.kind == "person" and para - ent.last_para <= 1:
                return self._touch(ent, pos, para)
        return None

    def _fits(self, words: set[str], ent: _Entity, strict: bool = False) -> bool:
        """A role's words fit a speaker's when every word that is not a country is one of
        theirs and the countries, if both say one, agree ("the American president" fits
        "US President Joe Biden"; "the Ukrainian president" does not). ``strict``: a
        country the role names must be one the speaker's words name too."""
        countries = self.lex.country_words
        theirs = ent.words | _content_words(ent.name)
        own = {w for w in words if w not in countries}
        if not own or not own <= theirs:
            return False
        if strict and any(w in countries for w in words):
            return self._same_country(words, ent) and any(w in countries for w in theirs)
        return self._same_country(words, ent)

    def _same_country(self, words: set[str], ent: _Entity) -> bool:
        countries = self.lex.country_words
        mine = {iso for w in words for iso in countries.get(w, ())}
        theirs = ent.words | _content_words(ent.name)
        other = {iso for w in theirs for iso in countries.get(w, ())}
        return not mine or not other or bool(mine & other)

    def _back_reference(self, mention: _Mention) -> _Entity | None:
        """'the governor', 'the agency', 'the human rights organization' -> an earlier speaker."""
        head = mention.head.lemma_.lower()
        words = _content_words(mention.text) - self.lex.nondistinctive
        recent = sorted(self.entities, key=lambda e: -e.last_pos)
        if mention.kind == "person" and words:
            # a country the role names must be the person's own, when someone fits so;
            # only then a speaker whose country the text never gave
            for strict in (True, False):
                for ent in recent:
                    if ent.kind == "person" and self._fits(words, ent, strict):
                        return ent
                named = self._named_by_role(mention, words, strict)
                if named is not None:
                    return named
        for ent in recent:
            same_kind = ent.kind == mention.kind == "organization"
            if words and same_kind and words <= ent.words | _content_words(ent.name):
                return ent
        generic = self.lex.generic.get(mention.kind, frozenset())
        if head in generic or mention.head.lower_ in generic:
            # "the ministry" is the last ministry met, "the human rights organization" the
            # last organisation; but a role of a country ("Ukraine's infrastructure
            # ministry", "the prime minister of Estonia") only one whose words have its
            # own ("infrastructure"), and one right after a country ("Russia said ...
            # the defence ministry says") is that country's, someone new
            countries = set(self.lex.country_words)
            own = words - {head, mention.head.lower_} - countries
            for ent in sorted(self.entities, key=lambda e: -e.last_pos):
                if not self._same_country(words, ent):
                    continue  # "Russia's defence ministry" is not Ukraine's
                if ent.plural and mention.head.tag_ == "NN":
                    continue  # "the secretary" is not "reporters and monitors"
                theirs = ent.words | _content_words(ent.name)
                if own and not own | {head} <= theirs:
                    if words & countries:
                        continue
                    if ent.kind == mention.kind and _content_words(ent.name) <= countries:
                        return None
                if ent.kind == mention.kind:
                    return ent
                if mention.kind == "organization" and ent.organization:
                    # "the agency" after the ICRC's spokeswoman: the spokeswoman's employer
                    org = _Entity(ent.organization, "organization", proper=True)
                    org.words |= _content_words(ent.organization)
                    self.entities.append(org)
                    return org
        return None

    def _pronoun(self, pronoun: str, pos: int, para: int) -> _Entity | None:
        kinds = self.lex.pronouns[pronoun]
        recent = [
            e
            for e in sorted(self.entities, key=lambda e: -e.last_pos)
            if not (pronoun in ("he", "she") and (e.gender not in (None, pronoun) or e.plural))
        ]
        # "He said ..." after a quote is the last speaker's, though others were named since
        speakers = sorted(
            (e for e in recent if e.spoke_para >= 0 and para - e.spoke_para <= 1),
            key=lambda e: -e.spoke_pos,
        )
        if speakers and speakers[0].kind == kinds[0]:
            return self._gendered(self._touch(speakers[0], pos, para), pronoun)
        # the preferred kind if it was met in this or the previous paragraph
        for ent in recent:
            if ent.kind == kinds[0] and para - ent.last_para <= 1:
                return self._gendered(self._touch(ent, pos, para), pronoun)
        for ent in recent:
            if ent.kind in kinds:
                return self._gendered(self._touch(ent, pos, para), pronoun)
        if pronoun in ("he", "she") and not self.entities:
            # an article that opens "He said: ..." names him next
            after = [e for p, e in self.named if p > pos]
            if after:
                ent = _Entity(after[0].name, "person", proper=True, role=after[0].role)
                ent.words |= after[0].words
                self.entities.append(ent)
                return self._gendered(self._touch(ent, pos, para), pronoun)
        return None

    @staticmethod
    def _gendered(ent: _Entity, pronoun: str) -> _Entity:
        if ent.kind == "person" and pronoun in ("he", "she"):
            ent.gender = ent.gender or pronoun
        return ent


def _gender_of(text: str, lex: _Lexicon) -> str | None:
    """ "he" or "she" when a title or role word of the mention says so (Mr, spokeswoman)."""
    found = {lex.gendered[w] for w in re.findall(r"[\w.]+", text.lower()) if w in lex.gendered}
    return found.pop() if len(found) == 1 else None


def _abbreviates(short: str, name: str) -> bool:
    """ "ISW" for "Institute for the Study of War", "IAEA" for "International Atomic Energy
    Agency": the initials of the name's capitalised words."""
    if not (2 <= len(short) <= 6 and short.isalpha() and short.isupper()):
        return False
    initials = "".join(w[0] for w in re.findall(r"[^\W\d_][\w'’-]*", name) if w[0].isupper())
    return len(initials) > 1 and initials == short


def _content_words(text: str) -> set[str]:
    """Lower-case words that tell one speaker from another ("russia", "defence", "ministry")."""
    return set(re.findall(r"\w+", text.lower())) - {"s", "the", "of", "a", "an", "for"}


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def _named_person(span: Span, lex: _Lexicon) -> tuple[int, _Entity] | None:
    """(position, person) for a PERSON span, with the role the words around it give:
    titles inside it and the role nouns before it ("US President Joe Biden", "Minister of
    Foreign Affairs of Belarus Vladimir Makei") or in apposition ("Joe Biden, the American
    president")."""
    doc = span.doc
    titles = {t.rstrip(".") for t in lex.titles}
    tokens = [t for t in span if not t.is_punct or t.text in ".-"]
    role: list[Token] = []
    while len(tokens) > 1 and (
        tokens[0].lower_.rstrip(".") in titles or tokens[0].lower_ in lex.country_words
    ):
        role.append(tokens.pop(0))
    while tokens and tokens[-1].text in ("'s", "’s", "'", "’"):
        tokens.pop()
    if not tokens or not any(t.text[:1].isupper() for t in tokens):
        return None
    name = doc_text(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
    root = span.root
    i = span.start - 1
    before: list[Token] = []
    while i >= span.sent.start:
        tok = doc[i]
        if tok.is_punct or tok.lower_ in DETERMINERS or not root.is_ancestor(tok):
            break
        before.insert(0, tok)
        i -= 1
    appos = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    role_tokens = before + role
    for a in appos:
        role_tokens += _strip_det(_np_tokens(a, appositions=False))
    ent = _Entity(name, "person", proper=True)
    if role_tokens:
        role_tokens.sort(key=lambda t: t.i)
        if any(_role_word(t, lex) for t in role_tokens):
            ent.role = " ".join(t.text for t in role_tokens if t.text not in ("'s", "’s"))
            ent.words |= _content_words(ent.role)
    return span.start_char, ent
