"""Per-doc token caches (lemmas, lower forms, sentences) that every events module reads."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from frontwire.nlp import per_doc

#: ``doc.user_data`` keys of the per-document caches below.
LEMMAS_KEY = "frontwire_event_lemmas"
SENTS_KEY = "frontwire_event_sents"
LOWERS_KEY = "frontwire_event_lowers"


def _token_lemma(token: Token) -> str:
    """The lower-cased lemma; plural proper nouns lose their 's' ("Iskanders" -> "iskander"),
    which spaCy's lemmatizer leaves alone, so named weapons and units match their entries."""
    lemma = token.lemma_.lower()
    if (
        token.tag_ == "NNPS"
        and lemma == token.lower_
        and lemma.endswith("s")
        and not lemma.endswith("ss")
    ):
        return lemma[:-1]
    return lemma


def _doc_lemmas(doc: Doc) -> list[str]:
    """Every token's lower-cased lemma, worked out once per document: the trigger scan
    and the coding rules ask for the same lemmas hundreds of thousands of times."""
    return per_doc(doc, LEMMAS_KEY, lambda: [_token_lemma(t) for t in doc])


def _lemma(tok: Token) -> str:
    return _doc_lemmas(tok.doc)[tok.i]


def _span_lemmas(span: Span) -> list[str]:
    return _doc_lemmas(span.doc)[span.start : span.end]


def _doc_lowers(doc: Doc) -> list[str]:
    """Every token's lower-cased form, once per document (see ``_doc_lemmas``)."""
    return per_doc(doc, LOWERS_KEY, lambda: [t.lower_ for t in doc])


def _sent_of(tok: Token) -> Span:
    """The token's sentence; spaCy walks the parse on every ``Token.sent``, so the
    sentence of each token is looked up once per document."""
    doc = tok.doc
    return per_doc(doc, SENTS_KEY, lambda: [s for s in doc.sents for _ in range(len(s))])[tok.i]


def _pos_ok(tok: Token, allowed: list[str]) -> bool:
    pos = tok.pos_
    if pos == "AUX":
        pos = "VERB"
    if pos == "PROPN" and (not tok.is_title or tok.is_sent_start or not tok.ent_type_):
        # headlines and captions ("Shelled school") tag common words as names
        pos = "VERB" if tok.lower_.endswith("ed") else "NOUN"
    if pos == "ADJ" and tok.tag_ == "VBN":
        pos = "VERB"
    return pos in allowed or (pos == "ADJ" and "ADJ" in allowed)
