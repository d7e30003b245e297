"""Stage 8, report: the notebooks run as a scheduled, reproducible report.

In: ``notebooks/NN_*.ipynb``, ``notebooks/params.yaml`` and the facts.
Out: ``reports/<run-id>/`` (notebooks as HTML, figures, exported facts, ``manifest.json``,
``index.html``) and ``reports/latest``; the commands ``report`` and ``notebooks``.
"""
