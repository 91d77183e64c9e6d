"""Boilerplate learnt from the corpus: what an outlet repeats in many of its articles.

Web-scraped news carries page furniture (newsletter prompts,
"Advertisement", "Click here for reprint permission", video captions,
copyright lines, share bars) and the outlet's own name. Counted as words,
it looks partisan: it differs by outlet, so it differs by side. The method
here is the one of near-duplicate line removal in web corpora (the
"line-level deduplication" of Lee et al. 2022, "Deduplicating Training Data
Makes Language Models Better", ACL, and the template detection of
Bar-Yossef & Rajagopalan 2002, "Template detection via data mining and its
applications", WWW): a text block that recurs across many pages of one site
is the site's template, not its content.

**How.** Each line of an article is normalised (folded, lowercased, digits
to ``0``, punctuation to spaces) and hashed (BLAKE2b, 8 bytes: the same in
every process, so Dask workers agree). :class:`LineCounter` counts, per
outlet, in how many articles each line hash occurs (once per article).
A line is boilerplate for that outlet when it occurs in at least
``min_articles`` articles *and* in at least ``min_share`` of the outlet's
articles. A repeated quotation can qualify too; dropping it from term counts
is harmless (it is repetition, not a new wording). Long lines (more than
:data:`TEMPLATE_MAX_WORDS` words: scrapers sometimes run a whole page into
one) are also cut into sentences and dash-separated passages of at least
:data:`SEGMENT_MIN_WORDS` words, counted the same way: a photo gallery's
slide label repeated in many of an outlet's articles goes, the rest of the
line stays; so does a passage one article repeats :data:`WITHIN_REPEATS`
times or more (a gallery of 222 slides repeats its label 222 times).

Templates with a varying slot ("JUST WATCHED <video title> Replay More
Videos ...", "Story highlights <summary>", "SEE ALSO: <headline>") are
caught by their first :data:`PREFIX_WORDS` words: a short line (at most
:data:`TEMPLATE_MAX_WORDS` words) whose opening recurs in at least
``template_share`` (default 0.2) of an outlet's articles. Prose openings
("it's", "the president") stay far below that share on the AllSides
development corpus (at most 0.15); furniture openings reach 0.25-0.95.
:class:`Boilerplate`
then removes, from each article of an outlet: those lines; the short lines
that :func:`framing.text.furniture.is_furniture` marks (the hand-written
backstop); leading wire datelines; and the outlet's own names and domain
(from the ``outlet`` field and the articles' URLs).

Memory: one small integer per distinct line per outlet. Past
``max_keys`` line hashes, those seen in one article only are dropped (a
line that is boilerplate recurs, so it survives; the same pruning as the
lossy counting of Manku & Motwani 2002, "Approximate frequency counts over
data streams", VLDB).

Speed: the counting pass remembers, by a digest of each text, the text's
keys (8 bytes each, at most ``memo_keys`` in all): cleaning a text none of
whose keys turned out boilerplate then skips normalising and hashing it
again (the same result: only furniture, datelines and names can go from it).
The memo stays in the process that counted; Dask workers compute keys.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator
from urllib.parse import urlsplit

from framing.article import Article
from framing.text.furniture import is_furniture, may_hold, strip_dateline, strip_inline
from array import array

from framing.text.line_keys import (  # noqa: F401 - line_key, prefix_key: part of this module's interface
    PREFIX_WORDS, SEGMENT_MIN_WORDS, TEMPLATE_MAX_WORDS, WITHIN_REPEATS, article_keys, keys_of, line_key,
    line_table, normal_lines, prefix_key, segment_key, segments, table_keys, text_digest,
)
from framing.text.tokens import fold

#: Defaults of the detector.
DEFAULT_MIN_ARTICLES = 3
DEFAULT_MIN_SHARE = 0.02
DEFAULT_MAX_KEYS = 2_000_000
DEFAULT_TEMPLATE_SHARE = 0.2
#: Keys of counted articles remembered for the cleaning pass (8 bytes each; 0 turns it off).
DEFAULT_MEMO_KEYS = 2_000_000


def check_detector(min_articles: int, min_share: float, template_share: float = DEFAULT_TEMPLATE_SHARE) -> None:
    """Validate the detector's options.

    Raises
    ------
    ValueError
        Naming the bad value and the allowed ones.
    """
    if isinstance(min_articles, bool) or not isinstance(min_articles, int) or min_articles < 2:
        raise ValueError(f"min_articles={min_articles!r} is not allowed; use an integer >= 2")
    if isinstance(min_share, bool) or not isinstance(min_share, (int, float)) or not 0 <= min_share <= 1:
        raise ValueError(f"min_share={min_share!r} is not allowed; use a number from 0 to 1")
    if isinstance(template_share, bool) or not isinstance(template_share, (int, float)) or not 0 < template_share <= 1:
        raise ValueError(f"template_share={template_share!r} is not allowed; use a number above 0, at most 1 (1: off)")


@dataclass
class LineCounter:
    """Per outlet: how many articles, and in how many articles each line hash occurs.

    Counters of several parts of a corpus add up with :meth:`merge`.
    """

    max_keys: int = DEFAULT_MAX_KEYS
    memo_keys: int = DEFAULT_MEMO_KEYS
    articles: Counter = field(default_factory=Counter)
    lines: dict[str, Counter] = field(default_factory=dict)
    prefixes: dict[str, Counter] = field(default_factory=dict)
    domains: dict[str, Counter] = field(default_factory=dict)
    #: Text digest -> the text's keys (int64 bytes), for texts without a passage they repeat:
    #: the cleaning pass then need not compute them again (:meth:`Boilerplate.clean_text`).
    memo: dict[bytes, bytes] = field(default_factory=dict, repr=False)
    _size: int = 0
    _memo_size: int = 0

    def add(self, article: Article) -> None:
        """Count one article's lines and URL domain under its outlet."""
        outlet = article.outlet
        self.articles[outlet] += 1
        counter = self.lines.setdefault(outlet, Counter())
        before = len(counter)
        lines, prefixes, repeated = table_keys(line_table(article.text))
        if not repeated and self._memo_size + len(lines) + len(prefixes) <= self.memo_keys:
            self.memo[text_digest(article.text)] = array("q", lines | prefixes).tobytes()
            self._memo_size += len(lines) + len(prefixes)
        counter.update(lines)
        self.prefixes.setdefault(outlet, Counter()).update(prefixes)
        self._size += len(counter) - before
        domain = _domain(article.url)
        if domain:
            self.domains.setdefault(outlet, Counter())[domain] += 1
        if self._size > self.max_keys:
            self._prune()

    def add_all(self, articles: Iterable[Article]) -> "LineCounter":
        for article in articles:
            self.add(article)
        return self

    def merge(self, other: "LineCounter") -> "LineCounter":
        """Add another counter's counts to this one (in place); return self."""
        self.articles.update(other.articles)
        for outlet, counter in other.lines.items():
            self.lines.setdefault(outlet, Counter()).update(counter)
        for outlet, counter in other.prefixes.items():
            self.prefixes.setdefault(outlet, Counter()).update(counter)
        for outlet, counter in other.domains.items():
            self.domains.setdefault(outlet, Counter()).update(counter)
        for digest, keys in other.memo.items():
            if self._memo_size + len(keys) // 8 <= self.memo_keys and digest not in self.memo:
                self.memo[digest] = keys
                self._memo_size += len(keys) // 8
        self._size = sum(len(c) for c in self.lines.values())
        if self._size > self.max_keys:
            self._prune()
        return self

    def _prune(self) -> None:
        # Lines seen once cannot be boilerplate yet; forgetting them bounds memory.
        for table in (self.lines, self.prefixes):
            for outlet, counter in table.items():
                table[outlet] = Counter({k: n for k, n in counter.items() if n > 1})
        self._size = sum(len(c) for c in self.lines.values())

    def model(
        self, *, min_articles: int = DEFAULT_MIN_ARTICLES, min_share: float = DEFAULT_MIN_SHARE,
        template_share: float = DEFAULT_TEMPLATE_SHARE,
    ) -> "Boilerplate":
        """The boilerplate lines, template openings and outlet names these counts imply."""
        check_detector(min_articles, min_share, template_share)
        lines: dict[str, frozenset[int]] = {}
        prefixes: dict[str, frozenset[int]] = {}
        for outlet, counter in self.lines.items():
            size = self.articles[outlet]
            lines[outlet] = frozenset(k for k, n in counter.items() if n >= max(min_articles, min_share * size))
            prefixes[outlet] = frozenset(k for k, n in self.prefixes.get(outlet, Counter()).items()
                                         if n >= max(min_articles, template_share * size))
        names = {outlet: outlet_names(outlet, self.domains.get(outlet, Counter())) for outlet in self.articles}
        return Boilerplate(lines=lines, prefixes=prefixes, names=names, articles=dict(self.articles), memo=self.memo)


def _domain(url: str) -> str:
    if not url:
        return ""
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    return host.removeprefix("www.")


def outlet_names(outlet: str, domains: Counter | None = None) -> tuple[str, ...]:
    """The ways an outlet names itself: its name, shortened forms and its web domain.

    Examples
    --------
    >>> outlet_names("CNN (Web News)", Counter({"cnn.com": 3}))
    ('cnn (web news)', 'cnn', 'cnn.com')
    >>> outlet_names("The Washington Times")
    ('the washington times', 'washington times')
    """
    base = fold(outlet).strip()
    found = [base]
    short = re.sub(r"\s*\(.*?\)\s*", " ", base).strip()
    short = re.split(r"\s+[-–—|]\s+", short)[0].strip()
    found.append(short)
    if short.startswith("the ") and len(short.split()) >= 3:
        found.append(short[4:])
    if domains:
        domain, _ = domains.most_common(1)[0]
        found.append(domain)
        stem = domain.rsplit(".", 1)[0]
        if len(stem) >= 4 and "." not in stem:
            found.append(stem)
    return tuple(dict.fromkeys(n for n in found if len(n) >= 3))


@dataclass(frozen=True)
class Boilerplate:
    """What to remove from each outlet's articles before counting terms.

    Build it with :func:`detect_boilerplate` (articles in memory) or
    :meth:`LineCounter.model` (a corpus counted in parts). Picklable, so a
    Dask worker can clean its shard with it.

    Attributes
    ----------
    lines : dict
        Outlet -> the hashes (:func:`line_key`) of its boilerplate lines.
    prefixes : dict
        Outlet -> the hashes (:func:`prefix_key`) of its template openings.
    names : dict
        Outlet -> its own names and domain, removed from its texts.
    articles : dict
        Outlet -> number of articles counted.
    removed : Counter
        Outlet -> lines removed so far by :meth:`clean` (the report).
    """

    lines: dict[str, frozenset[int]]
    prefixes: dict[str, frozenset[int]]
    names: dict[str, tuple[str, ...]]
    articles: dict[str, int] = field(default_factory=dict)
    removed: Counter = field(default_factory=Counter, compare=False)
    memo: dict[bytes, bytes] = field(default_factory=dict, compare=False, repr=False)

    def __getstate__(self) -> dict[str, object]:
        # The memo serves the process that counted; a Dask worker computes keys itself.
        return {**self.__dict__, "memo": {}}

    def _needles(self, outlet: str) -> tuple[str, ...] | None:
        # Names to look for before the name pattern runs (furniture.may_hold): lowercase ASCII ones only.
        names = self.names.get(outlet, ())
        return tuple(n.lower() for n in names) if all(n.isascii() for n in names) else None

    def _name_pattern(self, outlet: str) -> re.Pattern[str] | None:
        names = sorted(self.names.get(outlet, ()), key=len, reverse=True)
        if not names:
            return None
        # A one-word name may be a word too ("Reason", "Vice", "The Hill" is two): it is
        # removed only as a name is written, capitalised or in capitals, never in lower case.
        parts = [f"(?i:{re.escape(n)})" if " " in n or "." in n else f"(?:{re.escape(n.capitalize())}|{re.escape(n.upper())})"
                 for n in names]
        return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")

    def clean_text(self, text: str, outlet: str, *, pattern: re.Pattern[str] | None = None) -> tuple[str, int]:
        """A text without its outlet's boilerplate lines, furniture, datelines and names.

        Returns
        -------
        (str, int)
            The cleaned text (lines kept in order, joined by newlines) and how
            many lines were removed.
        """
        needles = self._needles(outlet) if pattern is None else None
        if pattern is None:
            pattern = self._name_pattern(outlet)
        known = self.lines.get(outlet, frozenset())
        openings = self.prefixes.get(outlet, frozenset())
        return self._clean(text, known, openings, known | openings, pattern, needles)

    def _clean(
        self, text: str, known: frozenset[int], openings: frozenset[int], either: frozenset[int],
        pattern: re.Pattern[str] | None, needles: tuple[str, ...] | None,
    ) -> tuple[str, int]:
        remembered = self.memo.get(text_digest(text)) if self.memo else None
        if remembered is not None and either.isdisjoint(array("q", remembered)):
            # None of its lines, passages or openings is boilerplate and no passage repeats
            # (or it would not be remembered): only furniture, datelines and names can go.
            lines = text.splitlines()
            kept = [line for line in lines if not (is_furniture(line) and line_key(line) is not None)]
            return self._finish(kept, len(lines), pattern, needles)
        table = line_table(text)
        # A passage the article itself repeats (a gallery's slide label, 222 times) is furniture too.
        repeated = {k for k, n in Counter(k for _, _, _, line_keys in table for k in line_keys if k is not None).items()
                    if n >= WITHIN_REPEATS}
        drop = known | repeated
        kept: list[str] = []
        removed = 0
        for line, norm, line_parts, line_keys in table:
            key, prefix = keys_of(norm)
            if key is not None and (key in known or prefix in openings or is_furniture(line)):
                removed += 1
                continue
            if line_keys and drop:
                keep = [p for p, k in zip(line_parts, line_keys) if k not in drop]
                if len(keep) < len(line_parts):
                    removed += len(line_parts) - len(keep)
                    line = " ; ".join(keep)
            kept.append(strip_inline(strip_dateline(line)))
        return self._finish(kept, None, pattern, needles, removed)

    @staticmethod
    def _finish(
        kept: list[str], total: int | None, pattern: re.Pattern[str] | None, needles: tuple[str, ...] | None,
        removed: int = 0,
    ) -> tuple[str, int]:
        if total is not None:  # kept lines not yet stripped of labels and datelines
            removed = total - len(kept)
            kept = [strip_inline(strip_dateline(line)) for line in kept]
        cleaned = "\n".join(kept)
        if pattern is not None and (needles is None or may_hold(cleaned, needles)):
            # A break mark, not a space: "the Washington Times reported" must not become the bigram "the reported".
            cleaned = pattern.sub(" ; ", cleaned)
        return cleaned, removed

    def clean(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Each article with its text cleaned (:meth:`clean_text`), lazily."""
        outlets: dict[str, tuple] = {}
        for article in articles:
            if article.outlet not in outlets:
                known = self.lines.get(article.outlet, frozenset())
                openings = self.prefixes.get(article.outlet, frozenset())
                outlets[article.outlet] = (known, openings, known | openings, self._name_pattern(article.outlet),
                                           self._needles(article.outlet))
            text, removed = self._clean(article.text, *outlets[article.outlet])
            self.removed[article.outlet] += removed
            yield replace(article, text=text)

    def report(self) -> list[dict[str, object]]:
        """Per outlet, most removed first: articles, boilerplate lines and template openings
        found, and lines removed by :meth:`clean` so far."""
        return [
            {"outlet": outlet, "articles": self.articles.get(outlet, 0),
             "boilerplate_lines": len(self.lines.get(outlet, ())),
             "template_openings": len(self.prefixes.get(outlet, ())),
             "lines_removed": self.removed.get(outlet, 0)}
            for outlet in sorted(self.articles, key=lambda o: (-self.removed.get(o, 0), o))
        ]


def detect_boilerplate(
    articles: Iterable[Article],
    *,
    min_articles: int = DEFAULT_MIN_ARTICLES,
    min_share: float = DEFAULT_MIN_SHARE,
    template_share: float = DEFAULT_TEMPLATE_SHARE,
    max_keys: int = DEFAULT_MAX_KEYS,
) -> Boilerplate:
    """Learn each outlet's boilerplate from the articles themselves.

    Parameters
    ----------
    articles : iterable of Article
    min_articles : int
        A line is boilerplate only if it occurs in at least this many of
        the outlet's articles (default 3).
    min_share : float
        ... and in at least this share of them (default 0.02).
    template_share : float
        A short line's opening marks a template when it opens lines in at
        least this share of the outlet's articles (default 0.2; 1 turns it off).
    max_keys : int
        Line hashes kept before the single-article ones are dropped.

    Returns
    -------
    Boilerplate

    Examples
    --------
    >>> news = [Article(id=w, outlet="Daily", text=f"{w} are on the agenda.\\nSign in to comment")
    ...         for w in ("Taxes", "Roads", "Schools", "Parks")]
    >>> model = detect_boilerplate(news)
    >>> next(model.clean(news)).text
    'Taxes are on the agenda.'
    """
    check_detector(min_articles, min_share, template_share)
    counter = LineCounter(max_keys=max_keys).add_all(articles)
    return counter.model(min_articles=min_articles, min_share=min_share, template_share=template_share)


def strip_boilerplate(articles: list[Article], **options: object) -> tuple[list[Article], Boilerplate]:
    """Detect and remove boilerplate from articles held in memory (two passes over the list)."""
    model = detect_boilerplate(articles, **options)  # type: ignore[arg-type]
    return list(model.clean(articles)), model
