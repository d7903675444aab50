"""Import the evaluation corpus's gold files, export them, and score them with the corpus's scorer.

The corpus lives beside the checkout (../shared/corpus) on developers' machines and in CI; on
a machine without it this test is skipped, with the reason printed.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from vigil.cli import cli

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not (CORPUS / "score.py").exists(), reason=f"no evaluation corpus at {CORPUS}"),
]


def test_gold_files_round_trip_with_acts_f1_one(tmp_path):
    runner = CliRunner()
    imported = runner.invoke(cli, ["import", str(CORPUS / "gold"), "--articles", str(CORPUS / "articles")])
    assert imported.exit_code == 0, imported.output
    exported = runner.invoke(cli, ["export", "--format", "report-json", "--out", str(tmp_path)])
    assert exported.exit_code == 0, exported.output
    scored = subprocess.run(
        [sys.executable, str(CORPUS / "score.py"), str(CORPUS / "gold"), str(tmp_path), "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    result = json.loads(scored.stdout)
    assert result["acts"]["f1"] == 1.0
    assert result["victims"]["f1"] == 1.0
    assert set(result["attribute_accuracy"].values()) == {1.0}
    assert result["dedup"]["f1"] == 1.0
    checked = subprocess.run([sys.executable, str(CORPUS / "check.py"), str(tmp_path)], capture_output=True, text=True)
    assert (checked.returncode, checked.stdout) == (0, "")
