"""Text from the data, shown literally in matplotlib charts.

matplotlib reads a pair of unescaped ``$`` in any label, title, tick or
annotation as mathtext (a TeX subset): an outlet named ``$x^$ News`` is
drawn as a formula, and an unbalanced one such as ``$x^$`` raises a
ValueError when the figure is drawn. A dollar sign escaped as ``\\$`` is
drawn as ``$``, and a string without an unescaped ``$`` is never parsed as
math, so ``^``, ``_`` and ``\\`` stay as they are (matplotlib docs, "Writing
mathematical expressions": "a dollar sign is escaped with a backslash";
``Text._preprocess_math``). Every label built from data goes through
:func:`literal`.
"""

from __future__ import annotations


def literal(text: object) -> str:
    """``text`` as a string that matplotlib draws as written (``$`` escaped as ``\\$``).

    Parameters
    ----------
    text : object
        An outlet name, title, term, axis label, ...; turned into ``str``.

    Returns
    -------
    str
        The same characters, each ``$`` preceded by a backslash; matplotlib
        removes the backslash when it draws the string.

    Examples
    --------
    >>> literal("$x^$ News")
    '\\\\$x^\\\\$ News'
    """
    return str(text).replace("$", "\\$")
