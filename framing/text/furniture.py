"""Generic web furniture, bylines and datelines: the hand-written backstop.

The main boilerplate detector (:mod:`framing.text.boilerplate`) learns an
outlet's furniture from the corpus itself: lines that recur across many of
the outlet's articles. It cannot see furniture that is new in each article
("SEE ALSO: House votes for delays on Obamacare", a byline with the author's
name) or that an outlet has in only one or two articles of a small corpus.
This module is the backstop for those: a short, documented list of patterns
found on news web pages in general, applied only to *short* lines (a
paragraph of prose that says "click here" once is kept), plus the usual
byline and dateline shapes of wire copy.

The list follows the categories of page furniture that boilerplate
removers look for (Kohlschütter, Fankhauser & Nejdl 2010, "Boilerplate
Detection using Shallow Text Features", WSDM: short text blocks with
link-like wording), kept deliberately small: it is not the method, and a
word that news prose uses in sentences ("video", "share") is matched only as
the start of a short line.
"""

from __future__ import annotations

import re

#: A line of at most this many words may be furniture; longer lines are prose.
MAX_FURNITURE_WORDS = 14

#: Short lines that are page furniture wherever they appear (case-insensitive).
#: Each entry: why it is furniture, as a comment.
FURNITURE_PATTERNS: tuple[str, ...] = (
    r"^advertisement\b",                      # ad slot labels ("Advertisement", "ADVERTISEMENT:")
    r"\bclick here\b",                        # link prompts
    r"\bsign up\b|\bsigning up\b",            # newsletter prompts
    r"\bnewsletters?\b",
    r"\bsubscribe\b",
    r"\b(copyright|©|all rights reserved)\b|©",  # copyright lines
    r"\breprint permission\b",
    r"\bcontinue reading\b|\bstory continued below\b|\bread more\b",
    r"^(see also|related|read also|more on this|watch|video|photos?|listen)\s*[:.…]",  # cross-links
    r"^\(\s*(photos?|video|related|see also)\s*:",  # "( PHOTOS: 25 unforgettable quotes)"
    r"\breplay\b|\bmore videos\b|\bwatched\b|\bup next\b",  # video player captions
    r"^(share|tweet|email|print|comment)s?( this)?( (story|article))?$",  # share bars
    r"^follow @?\w+",                         # "Follow @politico"
    r"\bcontributed to this report\b",
    r"\bterms of (use|service)\b|\bprivacy policy\b",
    r"^(updated|published|posted)\b.*\d",     # time stamps
    r"^\d+ (minutes?|hours?|days?|weeks?|months?|years?) ago$",
)
_FURNITURE_RE = re.compile("|".join(f"(?:{p})" for p in FURNITURE_PATTERNS), re.IGNORECASE)

#: Furniture run into prose lines by scrapers (photo-gallery and video-player
#: controls), removed wherever they appear: each is a control's label, never prose.
INLINE_PATTERNS: tuple[str, ...] = (
    r"\bhide caption\b",
    r"\b\d+ of \d+ photos?\s*:(?:\s*photos?\s*:)?",  # "1 of 12 Photos: Photos:"
    r"\breplay more videos\b(?:\s*\.\.\.)?",
    r"\b(?:just watched|must watch)\b",
    r"\bphotos?\s*:",  # a gallery's label, "Photos: Unrest in Syria"
)
_INLINE_RE = re.compile("|".join(f"(?:{p})" for p in INLINE_PATTERNS), re.IGNORECASE)
#: A photo gallery's slide label: "Photos: <gallery title> <gallery title> –", the title twice.
_GALLERY_RE = re.compile(r"\bphotos?:\s*(?:photos?:\s*)?(?P<t>[^–—\n]{3,100}?)\s+(?P=t)\s*[–—-]", re.IGNORECASE)

#: A byline on its own line: "By Jane Doe", "By JANE DOE and John Roe, Reuters".
_BYLINE_RE = re.compile(
    r"^\s*by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}){0,3}\s*$",
    re.IGNORECASE,
)
#: A dateline at the start of a paragraph: "WASHINGTON (AP) —", "NEW YORK, June 3 (Reuters) -", "(CNN)".
_DATELINE_RE = re.compile(
    r"^\s*(?:[A-Z][A-Z.'’ ]{1,30}(?:,\s*[A-Z][\w.]*(?:\s+\d{1,2})?)?\s*)?"
    r"(?:\((?:AP|Reuters|AFP|CNN|UPI|Bloomberg|The Hill|CNSNews\.com)\)\s*)"
    r"(?:[—–-]{1,2}\s*)?"
    r"|^\s*[A-Z][A-Z.'’ ]{2,30}\s*[—–]\s+"
)


def is_furniture(line: str) -> bool:
    """Whether a line is generic page furniture or a byline.

    Only lines of at most :data:`MAX_FURNITURE_WORDS` words qualify: the
    patterns mark short link-like blocks, not prose that uses the words.

    Examples
    --------
    >>> is_furniture("Click here for reprint permission.")
    True
    >>> is_furniture("By Jane Doe")
    True
    >>> is_furniture("The senator said voters should click here and there before deciding what to do about it.")
    False
    """
    stripped = line.strip()
    if not stripped or len(stripped.split()) > MAX_FURNITURE_WORDS:
        return False
    return bool(_FURNITURE_RE.search(stripped) or _BYLINE_RE.match(stripped))


def strip_inline(line: str) -> str:
    """A line without the gallery and video-player labels of :data:`INLINE_PATTERNS`.

    Examples
    --------
    >>> strip_inline("on June 28. Hide Caption 2 of 12 Photos: Photos: Protesters gather")
    'on June 28. ; ; Protesters gather'
    >>> strip_inline("Photos: The high court The high court – Reporters wait outside.")
    '; Reporters wait outside.'
    """
    # A break mark where a label was, so no n-gram spans the gap.
    if "hotos" in line or "HOTOS" in line:
        line = _GALLERY_RE.sub(";", line)
    if not may_hold(line, _INLINE_WORDS):
        return line
    return _INLINE_RE.sub(";", line) if _INLINE_RE.search(line) else line


# The literal text of each of INLINE_PATTERNS (one holds "photo"): a line without
# any of them holds no label, and five substring tests are far cheaper than the regex.
_INLINE_WORDS = ("hide caption", "photo", "replay more videos", "just watched", "must watch")
#: The characters beyond ASCII that a pattern's ASCII letter matches regardless of case
#: (İ ı ſ and the Kelvin sign; tests/text/test_line_keys.py checks the list).
CASE_ALIASES = "\u0130\u0131\u017f\u212a"


def may_hold(text: str, words: tuple[str, ...]) -> bool:
    """False only where no case-insensitive regex match of a word (lowercase ASCII) can be in the text.

    A match regardless of case of ASCII letters is a match of the lowercased
    text, unless the text holds one of :data:`CASE_ALIASES`: then this says
    True. A cheap test before a costly regex.
    """
    if not text.isascii() and any(alias in text for alias in CASE_ALIASES):
        return True
    lowered = text.lower()
    return any(word in lowered for word in words)


def strip_dateline(line: str) -> str:
    """A paragraph without its leading wire dateline ("WASHINGTON (AP) — ").

    Examples
    --------
    >>> strip_dateline("WASHINGTON (AP) — The Senate voted on Tuesday.")
    'The Senate voted on Tuesday.'
    >>> strip_dateline("The Senate voted on Tuesday.")
    'The Senate voted on Tuesday.'
    """
    match = _DATELINE_RE.match(line)
    return line[match.end():] if match and match.end() < len(line) else line
