import subprocess
import sys


def test_core_imports_no_django():
    """The core must run in a batch job or a distributed engine, where Django is not set up."""
    program = (
        "import sys, vigil.core.report, vigil.core.archive, vigil.core.vocab, vigil.core.dates, vigil.core.names, "
        "vigil.core.linking;"
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
