"""The package version, in a leaf module so that no part of quotegraph imports the package root."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
