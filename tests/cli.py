"""Running the `kg` command inside the tests."""
from __future__ import annotations

from click.testing import CliRunner, Result

from kg.cli import main


def invoke(*args: object) -> Result:
    """Run `kg ARGS`; the run must end by exit status, never by an uncaught exception."""
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stdout + result.stderr
    return result
