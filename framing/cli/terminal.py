"""Text from the data, printed safely on a terminal.

Titles, outlet names and article texts are user data: an ESC character
starts an ANSI escape sequence (ECMA-48) that can move the cursor, retitle
the window or hide the lines before it, and a carriage return overwrites
its own line. :func:`terminal_text` shows every control character except
line feed and tab as a visible escape (``\\x1b``, ``\\r``), so what is
printed is what the data holds.
"""

from __future__ import annotations

import re

# C0 controls but tab and line feed, DEL, and the C1 controls (ECMA-48, 5 and 8.2).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NAMED = {"\r": "\\r", "\x0b": "\\v", "\x0c": "\\f", "\n": "\\n", "\t": "\\t"}


def terminal_text(text: object, *, one_line: bool = False) -> str:
    """``text`` with its control characters (but ``\\n`` and ``\\t``) written as visible escapes.

    With ``one_line=True`` line feeds and tabs are escaped too (a row of a table).

    Examples
    --------
    >>> terminal_text("Title\\x1b[2J")
    'Title\\\\x1b[2J'
    """
    pattern = _LINE_BREAK if one_line else _CONTROL
    return pattern.sub(lambda m: _NAMED.get(m.group(), f"\\x{ord(m.group()):02x}"), str(text))
