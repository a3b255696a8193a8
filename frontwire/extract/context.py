"""ArticleContext: what the extractors share about one article while it is extracted.

The extractors used to talk through string keys in ``doc.user_data``: events read the
focus country that actors left there, ``actors_between`` read the token map that
``roles_for_trigger`` built. Now one object per article holds that state with named,
typed fields, and this is the only module that touches ``doc.user_data`` (the context
rides on the Doc under one key, so the extractors' ``(doc, article, ...)`` signatures
keep working and a Doc carries its own context into every call).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from spacy.tokens import Doc

if TYPE_CHECKING:
    from frontwire.model import Actor, Article

T = TypeVar("T")

#: The one ``doc.user_data`` key: the Doc's ArticleContext.
CONTEXT_KEY = "frontwire_context"


@dataclass
class ArticleContext:
    """One article's shared state: its Doc, the Article, the focus country, and caches.

    ``focus`` is set by the actors extractor (the country the article is about) and read
    by roles and events. ``actor_tokens`` is the token -> actor map of the actor list that
    ``roles_for_trigger`` last resolved, with that list, so ``actors_between`` can read it.
    ``cached`` keeps per-document answers that one extractor asks again and again.
    """

    doc: Doc
    article: Article | None = None
    focus: str | None = None
    actor_tokens: tuple[tuple[tuple[int, int], ...], tuple[Actor, ...], dict[int, Actor]] | None = (
        None
    )
    _caches: dict[str, Any] = field(default_factory=dict, repr=False)

    def cached(self, key: str, build: Callable[[], T]) -> T:
        """``build()``, computed once per article and kept under ``key``.

        Extractors ask the same questions of one document thousands of times (its text,
        the lemma of each token, the clause of a verb); each answer is worked out once.
        Keys are private to the module that uses them.
        """
        if key not in self._caches:
            self._caches[key] = build()
        return self._caches[key]

    @property
    def text(self) -> str:
        """The parsed text, built once: spaCy rebuilds ``doc.text`` on every access."""
        return self.cached("frontwire_text", lambda: self.doc.text)


def context_of(doc: Doc) -> ArticleContext:
    """The Doc's context, made (with no article) the first time it is asked for."""
    context = doc.user_data.get(CONTEXT_KEY)
    if context is None:
        context = ArticleContext(doc)
        doc.user_data[CONTEXT_KEY] = context
    return context


def start_article(doc: Doc, article: Article) -> ArticleContext:
    """The context for extracting ``article`` from ``doc`` (its parse)."""
    context = context_of(doc)
    context.article = article
    return context


def per_doc(doc: Doc, key: str, build: Callable[[], T]) -> T:
    """``context_of(doc).cached(key, build)``: a per-document answer, worked out once."""
    return context_of(doc).cached(key, build)


def doc_text(doc: Doc) -> str:
    """The parsed text, built once per Doc: spaCy rebuilds ``doc.text`` on every access,
    which made per-mention look-ups quadratic in article length."""
    return context_of(doc).text
