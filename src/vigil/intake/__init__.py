"""Turn a news article into a draft incident report, without Django.

One module per stage: fetch (guarded HTTP), article (HTML to text and metadata), entities
(people, organisations, places), acts, dates, places, penalties (terms and fines), legal
(legal bases), interventions; pipeline.py wires them. Text in, a `vigil.core.report.Report` out.
"""


class IntakeError(Exception):
    """An input that cannot be taken in, with a message a documenter can act on."""
