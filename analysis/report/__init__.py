"""Stage 8, report: the notebooks run as a scheduled, reproducible report.

In: ``notebooks/NN_*.ipynb``, ``notebooks/params.yaml`` and the facts.
Out: ``reports/<run-id>/`` (notebooks as HTML, figures, exported facts, ``manifest.json``,
``index.html``) and ``reports/latest``; the commands ``report`` and ``notebooks``.
One module per job: the run (:mod:`.runner`) checks the parameters (:mod:`.params`, the
schema ``notebooks/params.yaml``), reserves and publishes run folders, switches ``latest``
and prunes (:mod:`.folders`), exports the facts (:mod:`.export`), executes notebooks in
worker processes (:mod:`.execution`), writes ``index.html`` (:mod:`.index`) and records
inputs, versions and git state (:mod:`.provenance`); :mod:`.notebooks` finds, reads and
writes notebook files, :mod:`.refresh` re-runs the committed ones (``make notebooks``) and
:mod:`.cli` holds the commands.
"""
