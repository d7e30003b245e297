"""Stage 8, report: the notebooks run as a scheduled, reproducible report.

In: ``notebooks/NN_*.ipynb``, ``notebooks/params.yaml`` and the facts.
Out: ``reports/<run-id>/`` (notebooks as HTML, figures, exported facts, ``manifest.json``,
``index.html``) and ``reports/latest``; the commands ``report`` and ``notebooks``.
One module per job: the run (:mod:`.runner`) checks the parameters (:mod:`.params`, the
schema ``notebooks/params.yaml``, read by the restricted :mod:`.yaml_reader`; values from
``--param`` by :mod:`.cli_params`), reserves and publishes run folders, switches ``latest``,
prunes and sweeps the folders of interrupted runs (:mod:`.folders`), exports the facts
(:mod:`.export`), executes notebooks in worker processes that never outlive the run
(:mod:`.execution`; ``SIGTERM`` and Ctrl-C stop a run cleanly, :mod:`.interrupts`), writes
``index.html`` (:mod:`.index`) and records inputs, versions, the ``analysis`` package used
and its git state (:mod:`.provenance`); :mod:`.notebooks` finds, reads and writes notebook
files, :mod:`.refresh` re-runs the committed ones (``make notebooks``) and :mod:`.cli` holds
the commands.
"""
