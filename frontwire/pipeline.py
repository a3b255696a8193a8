"""One article in, one Extraction out: ingest -> nlp -> extract, in the order the data needs.

Times, places and actors come first because claims and events read them; events come
last and link themselves to the claims that report them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.tokens import Doc

from frontwire.extract.actors import extract_actors
from frontwire.extract.claims import extract_claims
from frontwire.extract.context import start_article
from frontwire.extract.events import extract_events
from frontwire.extract.events.relevance import judge_events
from frontwire.extract.places import extract_places
from frontwire.extract.times import extract_times
from frontwire.model import Article, Extraction
from frontwire.nlp import get_nlp


def extract_doc(doc: Doc, article: Article) -> Extraction:
    """Run every extractor over an already parsed article."""
    start_article(doc, article)
    times = extract_times(doc, article)
    places = extract_places(doc, article)
    actors = extract_actors(doc, article, places)
    claims = extract_claims(doc, article, times)
    events = judge_events(
        doc, article, extract_events(doc, article, times, places, actors, claims), claims
    )
    return Extraction(
        article=article, events=events, claims=claims, places=places, times=times, actors=actors
    )


def extract_article(article: Article) -> Extraction:
    return extract_doc(get_nlp()(article.text), article)


def extract_articles(
    articles: Iterable[Article],
    batch_size: int = 32,
    on_failure: Callable[[Article, Exception], None] | None = None,
) -> Iterator[Extraction]:
    """Parse in batches with ``nlp.pipe`` and extract each article in turn.

    Given ``on_failure``, an article whose extraction raises is handed to it and skipped,
    so one extractor bug does not stop a corpus; without it the error propagates.
    """
    pending = list(articles)
    docs = get_nlp().pipe((a.text for a in pending), batch_size=batch_size)
    for article, doc in zip(pending, docs, strict=True):
        if on_failure is None:
            yield extract_doc(doc, article)
            continue
        try:
            extraction = extract_doc(doc, article)
        except Exception as exc:  # reported by the caller, who decides what to tell the user
            on_failure(article, exc)
            continue
        yield extraction
