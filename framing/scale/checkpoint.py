"""The checkpoint of a streamed run: read, checked field by field, and verified against its parts.

A checkpoint (``<output>.checkpoint.json``) is only trusted after three checks:

1. its *shape*: every field has the type and range written here (a list, a
   string fingerprint, a missing ``chunks_done`` or partials that do not
   parse are refused in one line naming the field), and its ``version`` is
   :data:`CHECKPOINT_VERSION`;
2. its *fingerprint* equals the run's (same input, settings and lexicons);
3. every part file it counts as done is present with the row count, size
   and SHA-256 recorded when it was written (:func:`part_record`).

A part that fails check 3 is never skipped: the caller scores again what it
held. A run that has written its output records it (``complete``: rows,
size, modification time) before it removes its parts, so a run killed
during that clean-up is recognised as complete when resumed, instead of
being rebuilt from the parts that are left.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from typing import Any, Mapping

from framing.scoring.partials import Partials, partials_from_json
from framing.scale.score_sink import atomic_write_bytes

#: 2: partials name concepts <lexicon>/<concept>; 3: the parts and the
#: finished output are recorded (row count, size, SHA-256) and verified on resume.
CHECKPOINT_VERSION = 3
#: Fields of a part record, each a non-negative integer but ``name`` and ``sha256``.
PART_FIELDS = ("name", "rows", "bytes", "sha256")


class CheckpointError(ValueError):
    """A checkpoint that cannot be trusted; the message is one line naming the file and the field."""


def checkpoint_path(output: Path) -> Path:
    """The checkpoint file of an output: ``<output>.checkpoint.json``."""
    return output.with_name(output.name + ".checkpoint.json")


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, read in 1 MB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def part_record(path: Path, rows: int) -> dict[str, Any]:
    """What is recorded of a part file when it is written: name, rows, bytes, SHA-256."""
    return {"name": path.name, "rows": int(rows), "bytes": path.stat().st_size, "sha256": file_sha256(path)}


def part_is_intact(folder: Path, record: Mapping[str, Any]) -> bool:
    """Whether the part file of a record is present with its recorded size and SHA-256."""
    path = folder / str(record["name"])
    try:
        return path.is_file() and path.stat().st_size == record["bytes"] and file_sha256(path) == record["sha256"]
    except OSError:
        return False


def _natural(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _fail(path: Path, field: str, why: str) -> CheckpointError:
    return CheckpointError(f"{path}: bad checkpoint field {field!r} ({why}); delete it or run without --resume")


def check_part_records(path: Path, field: str, records: Any) -> list[dict[str, Any]]:
    """Check a list of part records (:func:`part_record`); raise :class:`CheckpointError` naming the field."""
    if not isinstance(records, list):
        raise _fail(path, field, f"a JSON {type(records).__name__}, not a list")
    for number, record in enumerate(records):
        if not isinstance(record, dict) or set(record) != set(PART_FIELDS):
            raise _fail(path, f"{field}[{number}]", f"must be an object with keys {', '.join(PART_FIELDS)}")
        name, sha = record["name"], record["sha256"]
        if not isinstance(name, str) or not name.startswith("part-") or "/" in name or "\\" in name:
            raise _fail(path, f"{field}[{number}].name", "not a part file name")
        if not isinstance(sha, str) or len(sha) != 64:
            raise _fail(path, f"{field}[{number}].sha256", "not a SHA-256")
        for key in ("rows", "bytes"):
            if not _natural(record[key]):
                raise _fail(path, f"{field}[{number}].{key}", "not a non-negative integer")
    return records


def _check_complete(path: Path, value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, dict) or set(value) != {"rows", "bytes", "mtime_ns", "outlets_bytes"}:
        raise _fail(path, "complete", "must be an object with keys rows, bytes, mtime_ns, outlets_bytes")
    for key, number in value.items():
        if not _natural(number):
            raise _fail(path, f"complete.{key}", "not a non-negative integer")


def load_checkpoint(path: Path) -> dict[str, Any] | None:
    """The checkpoint's content with its shape checked, or None when there is none.

    Fields: ``fingerprint`` (object, with ``version`` equal to
    :data:`CHECKPOINT_VERSION`), ``chunks_done`` and ``position`` and
    ``articles`` (non-negative integers), ``partials`` (as
    :func:`framing.scoring.partials.partials_to_json` writes them, parsed here
    into ``state["partials_parsed"]``; their articles must add up to
    ``articles``) and ``partials_sha256`` (:func:`partials_digest` of them), ``parts`` (part records, one per chunk
    done), ``complete`` (null, or the finished output's record). The Dask
    engine's checkpoint holds the fingerprint alone.

    Raises
    ------
    CheckpointError
        For a file that is not JSON, or a field of the wrong type or range.
    """
    if not path.is_file():
        return None
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:
        raise CheckpointError(f"{path}: unreadable checkpoint ({exc}); delete it or run without --resume") from exc
    if not isinstance(state, dict):
        raise _fail(path, "(top level)", f"a JSON {type(state).__name__}, not an object")
    fingerprint = state.get("fingerprint")
    if not isinstance(fingerprint, dict):
        raise _fail(path, "fingerprint", f"a JSON {type(fingerprint).__name__}, not an object")
    version = fingerprint.get("version")
    if version != CHECKPOINT_VERSION:
        raise CheckpointError(
            f"{path}: checkpoint version {version!r} is not supported (this framing writes version "
            f"{CHECKPOINT_VERSION}); run without --resume to start over"
        )
    _check_complete(path, state.get("complete"))
    if fingerprint.get("engine") == "dask":
        return state  # the finished shards are checked by their own files
    for key in ("chunks_done", "position", "articles"):
        if key not in state:
            raise _fail(path, key, "missing")
        if not _natural(state[key]):
            raise _fail(path, key, f"{state[key]!r} is not a non-negative integer")
    parts = check_part_records(path, "parts", state.get("parts"))
    if len(parts) != state["chunks_done"]:
        raise _fail(path, "parts", f"{len(parts)} records for {state['chunks_done']} chunks done")
    if sum(p["rows"] for p in parts) != state["articles"]:
        raise _fail(path, "articles", "not the sum of the parts' rows")
    if state.get("partials_sha256") != partials_digest(state.get("partials")):
        raise _fail(path, "partials", "they do not match their recorded SHA-256 (partials_sha256)")
    partials = state["partials_parsed"] = parse_partials(path, state.get("partials"))
    if sum(p.articles for p in partials.values()) != state["articles"]:
        raise _fail(path, "partials", "their article counts do not add up to the parts' rows")
    return state


def partials_digest(data: Any) -> str:
    """SHA-256 of saved partials as JSON: a checkpoint's partials must match the digest saved with them."""
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest()


def parse_partials(path: Path, data: Any) -> Partials:
    """Parse saved partials; any shape error becomes a :class:`CheckpointError` naming ``partials``."""
    if not isinstance(data, list):
        raise _fail(path, "partials", f"a JSON {type(data).__name__}, not a list")
    try:
        partials = partials_from_json(data)
        for partial in partials.values():
            # Every number must be finite and whole where counted: a count of
            # "1e400" or -3 articles would score nonsense rather than fail.
            if partial.articles < 0 or partial.words < 0 or partial.read_nan < 0:
                raise ValueError("negative count")
            if any(not isinstance(n, int) or n < 0 for n in partial.counts.values()):
                raise ValueError("counts must be non-negative integers")
            if any(not math.isfinite(float(k)) for w in partial.axis_weights.values() for k in w):
                raise ValueError("weights must be finite")
    except (TypeError, ValueError, KeyError, AttributeError, OverflowError, ZeroDivisionError, IndexError) as exc:
        raise _fail(path, "partials", f"{type(exc).__name__}: {exc}") from exc
    return partials


def check_fingerprint(path: Path, state: Mapping[str, Any], fingerprint: Mapping[str, Any]) -> None:
    """Raise :class:`CheckpointError` naming the first setting that differs from this run's."""
    saved = state["fingerprint"]
    for key, value in fingerprint.items():
        if saved.get(key) != value:
            raise CheckpointError(
                f"{path}: the checkpoint was made with another {key} "
                f"({saved.get(key)!r}, now {value!r}); run without resume to start over"
            )


def save_checkpoint(path: Path, fingerprint: Mapping[str, Any], **state: Any) -> None:
    """Write the checkpoint atomically (a kill never leaves half a file)."""
    atomic_write_bytes(path, json.dumps({"fingerprint": fingerprint, **state}).encode("utf-8"))


def shard_result_path(folder: Path, index: int) -> Path:
    """The file a finished shard leaves: its article count, partials and part records."""
    return folder / f"shard-{index:06d}.json"


def finished_shard(folder: Path, index: int) -> list[dict[str, Any]] | None:
    """The part records of a shard an earlier run finished, or None when it must be scored (again).

    The shard's file must be whole and of the right shape, its partials must
    parse, its part rows must add up to its articles, and each part must be
    present with its recorded size and SHA-256.
    """
    path = shard_result_path(folder, index)
    if not path.is_file():
        return None
    try:
        result = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(result, dict) or result.get("shard") != index:
            return None
        records = check_part_records(path, "parts", result.get("parts"))
        parse_partials(path, result.get("partials"))
    except (OSError, ValueError, RecursionError):
        return None
    if sum(r["rows"] for r in records) != result.get("articles"):
        return None
    if not all(part_is_intact(folder, r) for r in records):
        return None
    return records
