"""Reading the source tree without importing it: shared by the contract and
packaging tests."""

from __future__ import annotations

import ast
from pathlib import Path

__all__ = ["REPO", "SRC", "PKG", "README", "LOCK", "module_files", "parse"]

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
PKG = SRC / "quotegraph"
README = REPO / "README.md"
LOCK = REPO / "requirements.lock"


def module_files() -> list[tuple[str, Path]]:
    """``(dotted module name, path)`` for every module under src/quotegraph."""
    out = []
    for path in sorted(PKG.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out.append((".".join(parts), path))
    return out


def parse(path: Path) -> ast.Module:
    """The syntax tree of one source file."""
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
