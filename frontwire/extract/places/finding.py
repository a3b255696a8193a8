"""Which candidates can be places at all (not a person, a title or a common word), the unit words
that choose their kind, and ``_find_mentions`` that runs the matchers and these filters.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Token

from frontwire.extract.context import doc_text, per_doc
from frontwire.extract.places.lexicon import (
    _FUNCTION_POS,
    _INNER_PARTICLES,
    _METONYM_DEPS,
    _NAME_PARTICLES,
    _WEAK_LOCATIVE,
    Lexicon,
    english_words,
)
from frontwire.extract.places.mentions import (
    Mention,
    _add_loose_matches,
    _add_misspelt_units,
    _add_unit_codes,
    _add_variant_matches,
    _building_name,
    _candidate_keys,
    _container_slot,
    _contains,
    _ends_with_phrase,
    _ent_label,
    _head_of_conjuncts,
    _inside_body_name,
    _lowercase_after_locative,
    _same_transliteration,
    _starts_name,
    _words_before,
)
from frontwire.gazetteer.fold import fold
from frontwire.gazetteer.index import Entry, Gazetteer


def _named_person(doc: Doc, tok: Token) -> bool:
    """A lone word that is the last name of a person the article names in full elsewhere
    ("Austin" after "Lloyd Austin"); not a word inside that very name ("Bila Kamianka",
    which the tagger may take for a person, is a town)."""
    spans = per_doc(
        doc,
        "frontwire_places_surnames",
        lambda: [
            (fold(ent[-1].text), ent.start, ent.end)
            for ent in doc.ents
            if ent.label_ == "PERSON" and len(ent) >= 2 and ent[-1].pos_ == "PROPN"
        ],
    )
    name = fold(tok.text)
    named = [(lo, hi) for last, lo, hi in spans if last == name]
    return bool(named) and not any(lo <= tok.i < hi for lo, hi in named)


def _plausible(doc: Doc, m: Mention, lex: Lexicon) -> bool:
    """Reject matches that are surely not places: person names, titles, common words.

    Weaker evidence is weighed after resolution (``_supported``), once the country focus
    of the article is known.
    """
    first = doc[m.start]
    label, ent = _ent_label(doc, m.start, m.end)
    m.label = label
    prev = doc[m.start - 1] if m.start > 0 else None
    if (
        prev is not None
        and prev.lower_ in _NAME_PARTICLES
        and prev.i > 0
        and (_starts_name(doc[prev.i - 1]) or doc[prev.i - 1].lower_ in _NAME_PARTICLES)
    ):
        return False
    single = m.end - m.start == 1
    if m.end < len(doc) and doc[m.end].lower_ in lex.water_after:
        return False  # "the Dnipro river" is not the city of Dnipro
    if m.end < len(doc) and doc[m.end].lower_ in lex.media_after and _starts_name(doc[m.end]):
        return False  # "Dnipro Daily", "Kyiv Post": a news outlet
    if single and len(first.text) <= 3 and not first.text.isupper():
        # "CAR" is an acronym of a country; "Car" starting a headline is a car
        m.entries = [(e, main) for e, main in m.entries if main or e.feature != "country"]
        if not m.entries:
            return False
    if single and len(first.text) <= 3 and first.text.isupper():
        # "US", "UK": a state's short name in capitals, not the village of Us or Uk
        states = [(e, main) for e, main in m.entries if e.feature == "country"]
        m.entries = states or m.entries
    kinds = {e.feature for e, _ in m.entries}
    if single and m.key in lex.stopnames:
        return False
    if single and first.is_stop and first.pos_ in _FUNCTION_POS and first.tag_ != "NNP":
        return False  # "On", "As", "No" at a sentence start
    if single and first.is_sent_start and first.is_stop and first.tag_ not in {"NNP", "NNPS"}:
        return False  # "Most of the victims", "Several were hurt": a quantifier, not Most
    if (
        first.text.isupper()
        and len(first.text) <= 6
        and single
        and "country" not in kinds
        and not (kinds == {"admin1"} and _container_slot(doc, m.start, m.end))
    ):
        return False  # acronyms ("UTICA", "INC") are bodies, not towns; "(Budgam, J&K)" is one
    if label == "PERSON" and ent is not None and len(ent) > (m.end - m.start):
        m.label = "PERSON_PART"  # "Victoria" in "Victoria Nuland", or a mis-tagged phrase
        nxt = doc[m.end] if m.end < ent.end else None
        if (
            nxt is not None
            and ent.start == m.start
            and _starts_name(nxt)
            and nxt.lower_ not in english_words()  # "Kyiv Mayor Vitali Klitschko"
            and fold(nxt.text) not in lex.city_after | lex.admin1_after | lex.admin2_after
        ):
            return False  # "Vladimir Putin": a given name before a surname, never a town
    before = _words_before(doc, m.start, 4)
    # The word right before the name; whitespace-only context (" Ma") has none.
    last_word = before.split()[-1] if before.split() else ""
    m.cue = (
        label in {"GPE", "LOC", "FAC"}
        or last_word in lex.locative_before
        or _ends_with_phrase(before, lex.near_before) is not None
        or _ends_with_phrase(before, lex.city_before) is not None
        or _ends_with_phrase(before, lex.resident_before) is not None
    )
    m.weak_cue = last_word in _WEAK_LOCATIVE
    if single and not m.cue and label not in {"GPE", "LOC"} and _named_person(doc, first):
        return False  # "Austin put troops on standby" after "Lloyd Austin": a person
    m.sent_initial = first.is_sent_start or (prev is not None and prev.text in {'"', "“", "(", "'"})
    m.modifier = doc[m.end - 1].dep_ in {"compound", "amod", "npadvmod"}
    m.agent = _head_of_conjuncts(doc[m.end - 1]).dep_ in _METONYM_DEPS
    m.common_word = single and first.lower_ in english_words()
    m.adjective = first.tag_ == "JJ"
    m.proper = all(t.tag_ in {"NNP", "NNPS"} or not t.is_alpha for t in doc[m.start : m.end])
    m.partial = _continues_name(prev, lex)
    m.facility = _facility_word_after(doc, m.end, lex) is not None
    # "Peremoha cinema in Bakhmut": the building's own town is named right after it
    m.facility_elsewhere = m.facility and any(
        tok.lower_ in {"in", "at"} and tok.i + 1 < len(doc) and _starts_name(doc[tok.i + 1])
        for tok in doc[m.end + 1 : m.end + 4]
    )
    m.partial_next = _continues_name(doc[m.end] if m.end < len(doc) else None, lex, after=True)
    m.hyphen_next = m.partial_next and doc[m.end].text == "-"
    return True


def _facility_word_after(doc: Doc, k: int, lex: Lexicon) -> Token | None:
    """The building word naming a site after a town: "Drama Theater", "Zaporizhzhia nuclear
    plant", "Kharkiv thermal power plant" (up to two modifiers in between)."""
    for j in range(k, min(k + 3, len(doc))):
        tok = doc[j]
        if tok.lower_ in lex.facility_after:
            return tok
        if tok.is_stop or not tok.is_lower or tok.pos_ not in {"ADJ", "NOUN"}:
            return None  # a capitalised word is the next name ("Mariupol Drama Theater")
        if tok.lower_ in lex.city_after or tok.lower_ in lex.admin1_after:
            return None  # "Kharkiv city hospital" names the town first
    return None


def _continues_name(tok: Token | None, lex: Lexicon, after: bool = False) -> bool:
    """A capitalised word (or '-Word') glued to a match: the match is part of a longer name."""
    if tok is None or (not after and tok.is_sent_start):
        return False
    doc = tok.doc
    if tok.text == "-" and after and tok.i + 1 < len(doc):
        return _starts_name(doc[tok.i + 1]) and not tok.whitespace_
    if after and tok.lower_ in _INNER_PARTICLES:
        # "Wadi al-Rabi", "Wadi al Washka", "San Andres de Tuxtla": an article or
        # preposition that only joins the parts of one name, then its next word
        k = tok.i + 1
        if k < len(doc) and doc[k].text == "-" and not tok.whitespace_:
            k += 1
        return k < len(doc) and _starts_name(doc[k]) and not doc[k].is_sent_start
    if not _starts_name(tok) or tok.tag_ not in {"NNP", "NNPS"}:
        return False
    word = fold(tok.text)
    if word in lex.demonyms or word in lex.admin1_after or word in lex.admin2_after:
        return False
    if not after:
        return True  # "City Hall", "Myrna Dolyna": a name word glued before the match
    return word not in lex.city_after and word not in lex.near_after


def _supported(
    m: Mention, focus: dict[str, float], alone: bool = False, cues: frozenset[str] = frozenset()
) -> bool:
    """Keep a resolved match only if enough signals say it is a place in this article."""
    e = m.choice
    if e is None:
        return False
    strict = bool(e.cc) and focus.get(e.cc, 0.0) >= 0.5
    in_focus = strict or (alone and bool(e.cc))
    elsewhere = not alone and not focus.get(e.cc or "", 0.0)  # other places point elsewhere
    pop = e.population if e.feature == "city" else e.population // 4
    contained = any(c.choice is not None and _contains(c.choice, e) for c in m.containers)
    if e.id in m.loose_ids and not contained and not _village_backed(m, e, strict, alone):
        return False
    if contained and m.main:
        return True  # "Faskari LGA (Katsina)": a unit that holds it locates it, NER aside
    if m.code:
        # "(Nalgoda, TS)" after an Indian town; "Ukraine (AP)" is a news agency
        held = any(_contains(e, x.choice) for x in m.inner if x.choice is not None)
        return held or strict or (alone and m.container_pos and len(m.entries) == 1)
    if m.partial and (not m.main or pop < 100_000):
        return False  # "Dolyna" in "Myrna Dolyna": part of a longer, unknown name
    if m.label == "PERSON_PART":
        # "Hussein" in "Hussein al-Ezzi" is only another name of a district: not enough
        named_unit = m.main or m.hint is not None or m.container_pos or e.feature == "country"
        return (e.feature != "city" and named_unit) or (in_focus and pop >= 20_000 and m.main)
    if m.label == "NORP" and not m.main and m.adjective:
        return False  # "Chechen" is an alternate name of Chechnya, but here an adjective
    if contained or e.feature in {"country", "region"}:
        return True
    unique = len({o.cc for o, _ in m.entries if o.id not in m.loose_ids or o.id == e.id}) == 1
    if not m.main and m.common_word:
        return False  # "Market" is an old name of Marquette, "Bridge" one of Norwalk
    rival = any(share > 0 for cc, share in focus.items() if cc != e.cc)
    if not m.main and e.feature == "city" and cues and e.cc not in cues:
        return False  # "Samar" in an NPA story is a Philippine province, not Samara, Russia
    if (
        not m.main
        and elsewhere
        and e.feature == "city"
        and (not m.cue or m.modifier or pop < 1_000_000)
    ):
        return False  # "Jang" is another name of Anyang, China; the note is about Pakistan
    if _building_name(m) and (elsewhere or (m.facility_elsewhere and pop < 20_000)):
        return False  # "the Peremoha cinema in Bakhmut": the cinema, not the village
    weak = not m.main and not strict and pop < (10_000 if m.cue or alone else 50_000)
    if weak and not (m.cue and unique and not elsewhere):
        return False  # an alternate spelling of a small place: not enough here
    if m.partial and (not m.main or pop < 100_000):
        return False  # "Dolyna" in "Myrna Dolyna": part of a longer, unknown name
    if (
        m.partial_next
        and (
            pop < 20_000
            or not in_focus
            or (rival and not strict and not m.hyphen_next and pop < 50_000)
        )
        and not (m.facility and in_focus and m.main)
    ):
        return False  # "Bani" in "Bani Siyah", unless a known town names a building
    if elsewhere and e.feature == "city" and pop < 20_000:
        return False  # a hamlet abroad while the rest of the article is elsewhere
    if m.cue or (m.weak_cue and m.main and m.proper and in_focus):
        return True
    if e.feature == "admin1":
        return in_focus or e.population >= 500_000 or m.proper
    if m.label == "ORG" and in_focus and m.main and m.proper and pop >= 5_000:
        return True  # the small model tags many towns as ORG ("flying above Popasna")
    if m.label in {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"}:
        return pop >= (20_000 if in_focus else 50_000)
    if m.sent_initial and not m.proper:
        return pop >= (20_000 if in_focus else 40_000)
    if not m.proper:
        return pop >= 200_000
    return pop >= (500 if in_focus else 50_000) or m.end - m.start > 1


def _village_backed(m: Mention, e: Entry, strict: bool, alone: bool) -> bool:
    """A reading found only by a loose key (most are villages): hundreds of thousands of
    names, so one needs a unit that holds it or a locative cue in the article's country,
    and no sign that the words are a person's, a body's or part of a longer name."""
    if m.orphan_in is not None and m.orphan_in.choice is not None:
        return _contains(m.orphan_in.choice, e)  # "near Vesele, Donetsk"
    # "near Mineralne" in an OSCE report: the small model tags villages as ORG, and a
    # village on the line the monitors report from is no body's name
    tagged = {"PERSON", "PERSON_PART", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT"}
    town = m.conjunct and m.label == "PERSON" and e.population >= 20_000
    if (m.label in tagged and not town) or (m.label == "ORG" and not m.on_line):
        return False  # (a town listed with another place is no person: "Bakhmut and Avdivka")
    if m.partial or m.partial_next or m.common_word or m.lowercase or m.code:
        return False
    return (m.cue or m.hint == "city") and (strict or (alone and bool(e.cc)))


def _unit_hints(doc: Doc, mentions: list[Mention], lex: Lexicon) -> None:
    """'the Luhansk region', 'Kharkiv city', 'the town of X', 'X district' set the kind."""
    for m in mentions:
        nxt = doc[m.end] if m.end < len(doc) else None
        nxt2 = doc[m.end : m.end + 2].text.lower() if m.end + 1 < len(doc) else ""
        before = _words_before(doc, m.start, 4)
        if nxt is not None and not nxt.is_sent_start:
            word = nxt.lower_
            if nxt2 in lex.admin1_after or nxt2 in lex.admin2_after:
                word = nxt2
                span_end = doc[m.end + 1].idx + len(doc[m.end + 1].text)
            else:
                span_end = nxt.idx + len(nxt.text)
            kind = (
                "admin1"
                if word in lex.admin1_after
                else "admin2"
                if word in lex.admin2_after
                else "city"
                if word in lex.city_after
                else None
            )
            if kind is not None:
                m.hint = kind
                m.end_char_extra = span_end - (doc[m.end - 1].idx + len(doc[m.end - 1].text))
        if m.hint is None and nxt is not None and not nxt.is_sent_start:
            kind = _plural_unit(nxt.lower_, lex)
            if kind is not None:
                # "the Chernihiv and Zhytomyr regions": the plural word names every unit listed
                m.hint = kind
                m.end_char_extra = (
                    nxt.idx + len(nxt.text) - (doc[m.end - 1].idx + len(doc[m.end - 1].text))
                )
                _hint_listed_before(doc, m, mentions, kind)
        prev = doc[m.start - 1] if m.start > 0 else None
        if (
            m.hint is None
            and prev is not None
            and prev.text in {"Oblast", "Province", "Region"}
            and (prev.i == 0 or doc[prev.i - 1].text in {",", "("})
        ):
            m.hint = "admin1"  # "near Velyka Komyshuvakha, Oblast Kharkiv": the word order
        host = _named_part_before(doc, m, before, lex)
        if m.hint is None:
            if host:
                m.hint = "city"  # "the Desnianskyi district of Kyiv": Kyiv holds the district
            elif _ends_with_phrase(before, lex.admin1_before):
                m.hint = "admin1"
            elif (plural := _plural_units_of(before, lex)) is not None:
                # "the provinces of Antioquia, Arauca and Cauca": every name listed after
                m.hint = plural
                _hint_listed_after(doc, m, mentions, plural)
            elif _ends_with_phrase(before, lex.admin2_before):
                m.hint = "admin2"
            elif _ends_with_phrase(before, lex.city_before):
                m.hint = "city"
        if m.hint is not None:
            m.cue = True
        words = m.key.split()
        if (
            (nxt is not None and nxt.lower_ in lex.subplace_after)
            or (_ends_with_phrase(before, lex.subplace_before) and not host)
            or (len(words) > 1 and words[0] in lex.subplace_before)
        ):
            m.subplace = True


def _state_named(
    doc: Doc, i: int, j: int, key: str, entries: list[tuple[Entry, bool]], lex: Lexicon
) -> bool:
    """'The US said', 'sanctions by the UK': a state's short name that is also its demonym
    ('US forces') names the state when it stands as a noun, not as a modifier."""
    head = doc[j - 1]
    if head.tag_ not in {"NNP", "NNPS"} or head.dep_ in {"compound", "amod", "nmod"}:
        return False
    if not doc[i:j].text.replace(".", "").isupper():
        return False  # "American", "Russian": adjectives and peoples
    return any(e.feature == "country" and e.cc == lex.demonyms[key] for e, _ in entries)


def _plural_unit(word: str, lex: Lexicon) -> str | None:
    """'regions', 'oblasts', 'provinces', 'districts': the plural of a unit word."""
    if len(word) < 4 or not word.endswith("s"):
        return None
    single = word[:-1]
    if single in lex.admin1_after:
        return "admin1"
    if single in lex.admin2_after:
        return "admin2"
    return None


def _hint_listed_before(doc: Doc, m: Mention, mentions: list[Mention], kind: str) -> None:
    """Give the unit kind to the names listed before m ('Sumy, Kharkiv and Donetsk oblasts')."""
    by_end = {o.end: o for o in mentions}
    cur = m
    while cur.start >= 2 and doc[cur.start - 1].lower_ in {"and", ",", "or", "&"}:
        k = cur.start - 1
        if doc[k].lower_ in {"and", "or"} and doc[k - 1].text == ",":
            k -= 1  # the Oxford comma
        prev = by_end.get(k)
        if prev is None or prev.hint is not None:
            return
        prev.hint = kind
        prev.cue = True
        cur = prev


def _plural_units_of(before: str, lex: Lexicon) -> str | None:
    """'... the regions of', 'the provinces of': the unit kind a plural names, if it does."""
    words = before.split()
    if len(words) < 2 or words[-1] != "of":
        return None
    kind = _plural_unit(words[-2], lex)
    return kind if kind in {"admin1", "admin2"} else None


def _hint_listed_after(doc: Doc, m: Mention, mentions: list[Mention], kind: str) -> None:
    """Give the unit kind to the names listed right after m ('of Yoro, Copan and Colon')."""
    by_start = {o.start: o for o in mentions}
    cur = m
    while cur.end + 1 < len(doc) and doc[cur.end].lower_ in {"and", ",", "or", "&"}:
        k = cur.end + 1
        if doc[cur.end].text == "," and doc[k].lower_ in {"and", "or"}:
            k += 1  # the Oxford comma
        nxt = by_start.get(k)
        if nxt is None or nxt.hint is not None:
            return
        nxt.hint = kind
        nxt.cue = True
        cur = nxt


def _named_part_before(doc: Doc, m: Mention, before: str, lex: Lexicon) -> bool:
    """'Saltivka district of Kharkiv': a name before 'district of' is the part, so the name
    after it is the town holding it, not a district ('the district of Kherson' is one)."""
    phrase = _ends_with_phrase(before, lex.admin2_before) or _ends_with_phrase(
        before, lex.subplace_before
    )
    if not phrase or not phrase.endswith(" of"):
        return False
    i = m.start - len(phrase.split()) - 1
    return i >= 0 and _starts_name(doc[i]) and not doc[i].is_sent_start


def _find_mentions(
    doc: Doc, gaz: Gazetteer, lex: Lexicon
) -> tuple[list[Mention], Counter, frozenset[str]]:
    """Gazetteer matches, longest first, without overlaps; demonyms feed the country focus.

    Also returns the countries of the bodies named (focus cues such as "LNA", "NPA"): unlike
    a demonym ("Russian shelling of Kharkiv"), such a body says where the story happens."""
    spans = _candidate_keys(doc)
    spans.update(_lowercase_after_locative(doc, lex))
    focus: Counter = Counter()
    for tok in doc:
        if tok.text[:1].isupper():
            cc = lex.demonyms.get(fold(tok.text))
            if cc is not None:
                focus[cc] += 0.5
    cue_ccs: set[str] = set()
    cue_spans: list[tuple[int, int, str]] = []  # a body's name: "Fano militiamen" in Ethiopia
    if lex.focus_cues is not None:
        for match in lex.focus_cues.finditer(doc_text(doc)):
            focus[lex.focus_cue_cc[match.group(1)]] += 0.5
            cue_spans.append((match.start(1), match.end(1), lex.focus_cue_cc[match.group(1)]))
            if not any(fold(w) in lex.demonyms for w in match.group(1).split()):
                # "Russian military" acts abroad too; "NPA", "LNA" work at home
                cue_ccs.add(lex.focus_cue_cc[match.group(1)])
    keys = {k.removeprefix("the ") for k in spans.values()}
    found = gaz.lookup(keys)
    _add_variant_matches(found, keys, gaz, lex)
    loose = _add_loose_matches(found, keys, gaz, lex)
    _add_misspelt_units(doc, spans, found, gaz, lex)
    coded = _add_unit_codes(doc, spans, found, gaz)
    taken = [False] * len(doc)
    mentions: list[Mention] = []
    for (i, j), key in sorted(spans.items(), key=lambda kv: (kv[0][0] - kv[0][1], kv[0][0])):
        key = key.removeprefix("the ")
        entries = found.get(key)
        if not entries or any(taken[i:j]):
            continue
        if key in lex.demonyms and not _state_named(doc, i, j, key, entries, lex):
            continue
        entries = [(e, main or _same_transliteration(key, e.name)) for e, main in entries]
        entries = _inside_body_name(doc, i, j, entries, cue_spans)
        if not entries:
            continue
        mention = Mention(start=i, end=j, key=key, entries=entries, sent=doc[i].sent.start)
        mention.code = key in coded
        mention.loose_ids = loose.get(key, frozenset())
        if not doc[i].text[:1].isupper():
            mention.lowercase = True
            mention.entries = [
                (e, main) for e, main in entries if e.population >= 50_000 and e.feature == "city"
            ]
            if not mention.entries:
                continue
        if not _plausible(doc, mention, lex):
            continue
        for t in range(i, j):
            taken[t] = True
        mentions.append(mention)
    mentions.sort(key=lambda m: m.start)
    return mentions, focus, frozenset(cue_ccs)
