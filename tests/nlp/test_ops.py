"""The model's matrix products through numpy's BLAS (issue 15): the same numbers, one BLAS thread."""

from __future__ import annotations

import numpy
import pytest
from thinc.api import NumpyOps, get_current_ops

from quotegraph.nlp.ops import MatmulOps, _controller, one_blas_thread


@pytest.mark.parametrize("trans1, trans2", [(False, False), (True, False), (False, True), (True, True)])
def test_gemm_matches_thincs_own(trans1, trans2):
    rng = numpy.random.default_rng(15)
    x = rng.standard_normal((37, 24) if not trans1 else (24, 37), dtype="float32")
    y = rng.standard_normal((24, 19) if not trans2 else (19, 24), dtype="float32")
    want = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    got = MatmulOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert got.dtype == want.dtype and got.shape == want.shape == (37, 19)
    numpy.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


def test_gemm_writes_into_out_when_given():
    x, y = numpy.ones((3, 4), dtype="float32"), numpy.full((4, 2), 2.0, dtype="float32")
    out = numpy.zeros((3, 2), dtype="float32")
    assert MatmulOps().gemm(x, y, out=out) is out
    assert (out == 8.0).all()


def test_blas_runs_on_one_thread_inside_and_as_before_outside():
    def blas_threads():
        return [lib["num_threads"] for lib in _controller().info() if lib["user_api"] == "blas"]

    before = blas_threads()
    if not before:
        pytest.skip("numpy has no BLAS that threadpoolctl can see here")
    with one_blas_thread():
        assert set(blas_threads()) == {1}
    assert blas_threads() == before


@pytest.mark.integration
def test_the_pipeline_model_uses_matmul_ops_and_leaves_the_current_ops_alone():
    from quotegraph.nlp.model import load_model

    before = type(get_current_ops())
    nlp = load_model()
    assert all(isinstance(proc.model.ops, MatmulOps) for _, proc in nlp.pipeline if hasattr(proc, "model"))
    assert type(get_current_ops()) is before
