"""Matrix products for the model through numpy's BLAS, on one thread.

thinc multiplies matrices with its bundled BLIS by default. On the CPUs
measured here numpy's BLAS (OpenBLAS) does the same products in about half
the CPU time, and they are most of what the model costs: the pipeline loads
its model with ``MatmulOps`` (thinc's numpy operations with that one method
changed), which cut the CPU of a whole extraction by about a third with
identical output on the evaluation corpora. numpy's BLAS would otherwise
spread each small product over every core and spend more CPU waiting than it
saves, so the model runs inside ``one_blas_thread()``.
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator

import numpy
from thinc.api import NumpyOps

__all__ = ["MatmulOps", "one_blas_thread"]


class MatmulOps(NumpyOps):
    """thinc's numpy operations, with ``gemm`` through ``numpy.matmul``."""

    name = "numpy_matmul"

    def gemm(self, x, y, *, out=None, trans1: bool = False, trans2: bool = False):
        """``x @ y`` (either side transposed first), into ``out`` when given."""
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        return numpy.matmul(a, b, out=out)


@lru_cache(maxsize=1)
def _controller():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """numpy's BLAS on one thread inside the block, as it was outside (the caller's setting is kept)."""
    with _controller().limit(limits=1, user_api="blas"):
        yield
