"""One article in, one Extraction out: ingest -> nlp -> extract, in the order the data needs.

``STAGES`` is the flow: times, places and actors come first because claims and events
read them; events come next and link themselves to the claims that report them; the
relevance judge last drops candidates that report no real event. Configuration switches a
stage off or swaps it (``frontwire.extract.stages``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.tokens import Doc

from frontwire.extract.actors import extract_actors
from frontwire.extract.claims import extract_claims
from frontwire.extract.config import extract_config
from frontwire.extract.context import start_article
from frontwire.extract.events import extract_events
from frontwire.extract.events.relevance import judge_events
from frontwire.extract.places import extract_places
from frontwire.extract.stages import Records, Stage, active_stages
from frontwire.extract.times import extract_times
from frontwire.model import Article, Extraction
from frontwire.nlp import get_nlp


def _times(doc: Doc, article: Article, found: Records) -> None:
    found.times = extract_times(doc, article)


def _places(doc: Doc, article: Article, found: Records) -> None:
    found.places = extract_places(doc, article)


def _actors(doc: Doc, article: Article, found: Records) -> None:
    found.actors = extract_actors(doc, article, found.places)


def _claims(doc: Doc, article: Article, found: Records) -> None:
    found.claims = extract_claims(doc, article, found.times)


def _events(doc: Doc, article: Article, found: Records) -> None:
    found.events = extract_events(
        doc, article, found.times, found.places, found.actors, found.claims
    )


def _relevance(doc: Doc, article: Article, found: Records) -> None:
    found.events = judge_events(doc, article, found.events, found.claims)


#: The extraction flow, in order: each stage reads what the stages before it found.
STAGES: tuple[Stage, ...] = (
    Stage("times", _times),
    Stage("places", _places),
    Stage("actors", _actors),  # the country in focus comes from the places
    Stage("claims", _claims),
    Stage("events", _events),  # reads all of the above, links itself to the claims
    Stage("relevance", _relevance),  # drops candidates that report no real event
)


def extract_doc(doc: Doc, article: Article) -> Extraction:
    """Run the configured stages over an already parsed article."""
    start_article(doc, article)
    cfg = extract_config()
    found = Records()
    for stage in active_stages(STAGES, cfg.stages_off, cfg.stage_overrides):
        stage.run(doc, article, found)
    return Extraction(
        article=article,
        events=found.events,
        claims=found.claims,
        places=found.places,
        times=found.times,
        actors=found.actors,
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
