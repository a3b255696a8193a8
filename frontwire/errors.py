"""User-facing errors: each names the input and the problem, and maps to exit code 2."""

from __future__ import annotations


class FrontwireError(Exception):
    """An error the user can fix; the CLI prints it as one line and exits 2."""


class InputError(FrontwireError):
    """A bad input: missing file, undecodable bytes, bad date, too large."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem
