"""A real Dask cluster for the batch tests: loopback only, two single-threaded worker processes."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def dask_cluster():
    """``(cluster, client)``; shared by every batch test that needs Dask, closed at the end."""
    dask = pytest.importorskip("dask")
    distributed = pytest.importorskip("distributed")
    from quotegraph.batch.cluster import local_cluster

    # Give up on a task after it has killed two workers (Dask's default is four), to keep tests short.
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        cluster = local_cluster(2)
    client = distributed.Client(cluster)
    yield cluster, client
    client.close()
    cluster.close()
