"""A build on a (local) Dask cluster writes what a local build writes, byte for byte."""

import pytest
from click.testing import CliRunner

from untoc_graph.cli import main
from untoc_graph.pipeline import build, default_sources

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as running:
        yield running


def _dump(folder):
    import pyoxigraph as ox

    store = ox.Store.read_only(str(folder / "store"))
    return sorted(str(quad) for quad in store)


def test_a_dask_build_is_byte_identical_to_a_local_one(tmp_path, cluster):
    local, remote = tmp_path / "local", tmp_path / "dask"
    build(default_sources(), local, view=False, validate=False)
    with distributed.Client(cluster, set_as_default=False) as client:
        build(default_sources(), remote, view=False, validate=False, executor=client.get_executor())
    assert (remote / "untoc.ttl").read_bytes() == (local / "untoc.ttl").read_bytes()
    assert _dump(remote) == _dump(local)


def test_the_command_line_builds_on_a_cluster(tmp_path, cluster):
    result = CliRunner().invoke(
        main,
        [
            "build",
            "-o",
            str(tmp_path / "out"),
            "--no-view",
            "--no-validate",
            "-q",
            "--dask",
            cluster.scheduler_address,
        ],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "untoc.ttl").stat().st_size > 100_000


def test_an_unreachable_scheduler_is_one_line(tmp_path):
    result = CliRunner().invoke(
        main, ["build", "-o", str(tmp_path / "out"), "--dask", "tcp://127.0.0.1:9"]
    )
    assert result.exit_code == 2
    assert "cannot reach the scheduler" in result.output
    assert "Traceback" not in result.output
