"""``python -m bench.run``: the same benchmark as ``frontwire bench``, from a checkout."""

from __future__ import annotations

import typer

from frontwire.cli_scale import bench


def main() -> None:
    typer.run(bench)


if __name__ == "__main__":
    main()
