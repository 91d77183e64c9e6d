"""Scale-out: corpora of any size, streamed in chunks or spread over Dask.

:mod:`~framing.scale.chunk_readers` reads JSON Lines, CSV/TSV, Parquet and
folders of text in chunks (and in byte-range shards for Dask), opening files
through :mod:`~framing.scale.input_files` (plain or gzipped);
:mod:`~framing.scale.csv_copy` copies a CSV or gzipped file to JSON Lines so it can be cut;
:mod:`~framing.scale.streaming` scores chunk by chunk with checkpoints and
resume, which :mod:`~framing.scale.checkpoint` checks before trusting them; :mod:`~framing.scale.score_sink` writes the per-article rows as they
come; :mod:`~framing.scale.term_partials` counts distinctive terms chunk by
chunk, in bounded memory through :mod:`~framing.scale.term_runs` (sorted runs
on disk), and :mod:`~framing.scale.top_terms` keeps only each comparison's top
terms; :mod:`~framing.scale.dask_engine` and :mod:`~framing.scale.dask_terms`
run the same on a Dask cluster (:mod:`~framing.scale.shard_counts`: the
exact two-round merge of the workers' term counts). Results equal the in-memory functions'.

May import: every stage below it (scoring, discovery and their inputs).
"""
