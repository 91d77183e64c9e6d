"""Write score tables chunk by chunk: part files, then one output file.

Each scored chunk is written at once to its own Parquet *part* file in a
folder beside the output (``scores.parquet.parts/``), atomically (written
under a temporary name, then renamed), so a killed run leaves only whole
parts. A finished run concatenates the parts, in name order, into the output
(Parquet through ``pyarrow.parquet.ParquetWriter``, or CSV), reading one
part at a time, and removes them. Parquet row groups gather parts up to
:data:`ROW_GROUP_BYTES`: the writer keeps every row group's metadata in
memory until it closes, tens of kB per group of 27 columns, so one group
per 1,000-article part would grow the writer by 50 MB per million articles.
A Parquet file cannot be appended to once closed, which is why the parts
exist: they are what an interrupted run keeps.

Provenance (:mod:`framing.provenance`) goes into CSV files as ``#`` lines and
into Parquet files as the schema metadata key ``framing.provenance``.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from framing.provenance import provenance_lines, to_csv_with_provenance

#: Output formats, by file suffix.
OUTPUT_SUFFIXES = (".parquet", ".csv")
PROVENANCE_KEY = b"framing.provenance"
#: Columns of the score tables that hold text, not numbers.
TEXT_COLUMNS = ("article", "outlet", "alignment", "title", "date")
#: Arrow bytes of the parts gathered into one row group of a Parquet output
#: (about 4,000 score rows). Concatenating 1,000 parts of 1,000 rows, the
#: writer grew by 54 MB with a group per part, by 7 MB with these (28 MB for
#: 3 million rows); larger groups raised a 100,000-article run's peak
#: instead (4 MB groups: 222 MB against 200 MB).
ROW_GROUP_BYTES = 1 * 2**20


def check_output_path(path: str | Path, what: str = "output") -> Path:
    """Return the path if its suffix is an output format, else raise ValueError."""
    path = Path(path)
    if path.suffix.lower() not in OUTPUT_SUFFIXES:
        raise ValueError(f"{what} {str(path)!r} must end in one of {', '.join(OUTPUT_SUFFIXES)}")
    return path


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (resolved, or the same inode through a link)."""
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist yet
        return False


def check_output_not_input(input: Path, *outputs: Path) -> None:
    """Refuse outputs that would overwrite the input, lie inside an input folder, or name one file twice.

    Raises
    ------
    ValueError
        Naming the output and the input it would replace.
    """
    folder = input.resolve() if input.is_dir() else None
    for number, output in enumerate(outputs):
        if _same_file(output, input):
            raise ValueError(f"output {str(output)!r} is the input {str(input)!r}: writing it would replace the corpus; "
                             "choose another --output")
        if folder is not None and folder in output.resolve().parents:
            raise ValueError(f"output {str(output)!r} is inside the input folder {str(input)!r}; choose another --output")
        for other in outputs[:number]:
            if _same_file(output, other):
                raise ValueError(f"--output and --outlets-output are the same file {str(output)!r}")


def parts_dir(output: Path) -> Path:
    """The folder holding the part files of ``output``."""
    return output.with_name(output.name + ".parts")


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write a file so that it is either absent, the old one, or complete."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_part(folder: Path, name: str, frame: pd.DataFrame) -> Path:
    """Write one chunk's rows as ``folder/name.parquet``, atomically."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.parquet"
    tmp = folder / f"{name}.parquet.tmp"
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), tmp)
    os.replace(tmp, path)
    return path


def part_files(folder: Path) -> list[Path]:
    """The finished part files of a folder, in output order."""
    return sorted(folder.glob("part-*.parquet")) if folder.is_dir() else []


def finish_output(folder: Path, output: Path, prov: dict[str, Any]) -> int:
    """Concatenate the parts into ``output`` (Parquet or CSV); return the rows written.

    Raises
    ------
    ValueError
        If there are no parts (the input held no articles).
    """
    parts = part_files(folder)
    if not parts:
        raise ValueError("the input holds no articles with text")
    tmp = output.with_name(output.name + ".tmp")
    rows = 0
    if output.suffix.lower() == ".parquet":
        first = pq.read_schema(parts[0])
        schema = first.with_metadata({**(first.metadata or {}), PROVENANCE_KEY: json.dumps(prov).encode()})
        with pq.ParquetWriter(tmp, schema) as writer:
            gathered: list[pa.Table] = []
            size = 0
            for part in parts:
                table = pq.read_table(part).cast(schema)
                gathered.append(table)
                size += table.nbytes
                rows += table.num_rows
                if size >= ROW_GROUP_BYTES:
                    _write_row_group(writer, gathered)
                    gathered, size = [], 0
            if gathered:
                _write_row_group(writer, gathered)
    else:
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            handle.write("\n".join(provenance_lines(prov)) + "\n")
            for number, part in enumerate(parts):
                frame = pq.read_table(part).to_pandas()
                frame.to_csv(handle, header=number == 0, index=False, lineterminator="\n")
                rows += len(frame)
    os.replace(tmp, output)
    return rows


def _write_row_group(writer: pq.ParquetWriter, tables: list[pa.Table]) -> None:
    """Write the tables as one row group."""
    table = pa.concat_tables(tables)
    writer.write_table(table, row_group_size=max(table.num_rows, 1))
    # Arrow's allocator keeps freed blocks for reuse; given back here, they
    # do not pile up on top of a long scoring run's own peak.
    pa.default_memory_pool().release_unused()


def remove_parts(folder: Path) -> None:
    """Delete a parts folder (after the output is complete, or before a fresh run)."""
    if folder.is_dir():
        shutil.rmtree(folder)


def write_table(frame: pd.DataFrame, path: Path, prov: dict[str, Any]) -> None:
    """Write a whole (small) table, e.g. the outlet scores, as CSV or Parquet with provenance."""
    if path.suffix.lower() == ".parquet":
        table = pa.Table.from_pandas(frame, preserve_index=False)
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), PROVENANCE_KEY: json.dumps(prov).encode()})
        tmp = path.with_name(path.name + ".tmp")
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    else:
        atomic_write_bytes(path, to_csv_with_provenance(frame, prov).encode("utf-8"))


def read_scores(path: str | Path) -> pd.DataFrame:
    """Read a score table written here (CSV with ``#`` provenance lines, or Parquet)."""
    path = Path(path)
    if path.suffix.lower() == ".parquet":
        return pq.read_table(path).to_pandas()
    # Skip only the leading provenance lines: comment="#" would also cut
    # rows whose title holds a "#".
    with path.open(encoding="utf-8") as handle:
        skip = 0
        for line in handle:
            if not line.startswith("#"):
                break
            skip += 1
    header = pd.read_csv(path, skiprows=skip, nrows=0).columns
    text = [c for c in header if c in TEXT_COLUMNS or c.startswith("prefers:")]
    # Text columns keep "" as "" (an outlet without alignment), numbers read NaN.
    frame = pd.read_csv(path, skiprows=skip, dtype={c: str for c in text})
    frame[text] = frame[text].fillna("")
    return frame
