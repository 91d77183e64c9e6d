"""The one CSV/TSV row reader: ``framing add`` and the streamed scorer read tables by the same rules.

Rows are read with the standard library's :mod:`csv` reader in strict mode
(RFC 4180 quoting: a quote opens a quoted cell only at its start; a quoted
cell must be closed, and followed by the delimiter or the row's end) [1]_.
The rules:

- the delimiter is the one of ``,``, ``;``, tab or ``|`` most frequent on the
  header line (ties to the comma); ``.tsv`` files use the tab;
- a row with more cells than the header, the extra ones not empty, is
  refused: it is what an unquoted delimiter inside a text leaves
  (``The coup, which failed, was bad,RT``), and dropping or shifting cells
  would cut the text silently;
- a quote left open is refused: otherwise the rest of the file would become
  one cell of one article;
- a cell longer than the text limit is refused with the text limit's option
  (the :mod:`csv` module's own ``field larger than field limit`` names none).

Rows are numbered as the table's lines are, the header being row 1 (the
line number in an editor when no cell holds a line break).

References
----------
.. [1] Y. Shafranovich, "Common Format and MIME Type for Comma-Separated
   Values (CSV) Files", RFC 4180, 2005, https://www.rfc-editor.org/rfc/rfc4180
"""

from __future__ import annotations

import csv
from typing import Iterable, Iterator

from framing.importers.base import ImportProblem

#: Delimiters recognised on the header line, the first winning ties.
DELIMITERS = ",;\t|"


def detect_delimiter(header_line: str) -> str:
    """The delimiter of a table judged on its header line alone.

    csv.Sniffer misreads a sample that cuts a long quoted text in half, and
    headers rarely quote anything.
    """
    return max(DELIMITERS, key=header_line.count)


def _problem(filename: str, number: int, exc: csv.Error, max_cell_chars: int) -> ImportProblem:
    message = str(exc)
    if "field larger than field limit" in message:
        return ImportProblem(
            f"{filename}, row {number}: a cell far longer than the text limit ({max_cell_chars:,} characters; "
            "raise it with --max-text-chars / max_text_chars)"
        )
    if "unexpected end of data" in message or "EOF" in message:
        return ImportProblem(
            f"{filename}, row {number}: a quote is never closed (the cell would run to the end of the file); "
            "close it or double the quote (\"\") inside quoted cells"
        )
    return ImportProblem(f"{filename}, row {number}: malformed CSV ({message})")


def read_rows(
    lines: Iterable[str], filename: str, *, delimiter: str, max_cell_chars: int
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(row number, {column: cell})`` for each data row (the header is row 1).

    Parameters
    ----------
    lines : iterable of str
        The table's lines, line ends kept (a file opened with ``newline=""``,
        ``io.StringIO(text, newline="")``, or any iterator of such lines; it
        is read lazily).
    filename : str
        For messages.
    delimiter : str
        See :func:`detect_delimiter`.
    max_cell_chars : int
        Longest cell accepted (the text limit).

    Raises
    ------
    ImportProblem
        For a table without a header, a row with more cells than the header,
        an unclosed quote or an over-long cell; the message names the row.
    """
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    # The limit is process-wide: raised for this read alone, restored when
    # the generator finishes or is closed.
    old = csv.field_size_limit()
    # Twice the text limit: a text padded with white space may still fit once
    # stripped, and make_article reports one over the limit precisely.
    csv.field_size_limit(max(old, 2 * max_cell_chars + 1))
    number = 1
    try:
        try:
            first = next(reader, None)
        except csv.Error as exc:
            raise _problem(filename, number, exc, max_cell_chars) from exc
        if first is None or not any(cell.strip() for cell in first):
            raise ImportProblem(f"{filename}: the CSV has no header row")
        header = [cell.strip() for cell in first]
        while True:
            number += 1
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise _problem(filename, number, exc, max_cell_chars) from exc
            if len(record) > len(header) and any(cell.strip() for cell in record[len(header):]):
                raise ImportProblem(
                    f"{filename}, row {number}: {len(record)} cells but the header has {len(header)}; "
                    f"a text holding the delimiter {delimiter!r} must be quoted"
                )
            yield number, dict(zip(header, record + [""] * (len(header) - len(record))))
    finally:
        csv.field_size_limit(old)
