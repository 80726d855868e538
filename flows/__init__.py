"""Prefect flows: the data team's interface to the pipeline.

- :mod:`flows.nightly`: everything answered since the last completed run, up to yesterday.
- :mod:`flows.backfill`: a date range, window by window, in parallel, resumable.
- :mod:`flows.deploy`: both as deployments (nightly on a cron schedule) served by one process.

Flows are thin: each is one ``@flow`` over small typed ``@task`` wrappers of the library
(``pipeline.ingest``, ``pipeline.lake``, ``pipeline.audit``); no table, HTTP or rule logic
lives here.
"""
