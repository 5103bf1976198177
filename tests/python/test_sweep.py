# test_sweep.py : lifcore.sweep (joblib and Dask) and dev.run's progress bar
# A sweep's records equal the same runs made one by one here, in grid order, on
# joblib workers and on a Dask LocalCluster alike; a failing grid point is named with
# the C library's message; dev.run cut into pieces for its bar gives the spikes, state
# and weights of one call; sweep imports and runs serially without the optional
# packages, and says what to install for the rest.
# SPDX-License-Identifier: MIT
import os
import subprocess
import sys
import time

import numpy as np
import pytest

import lifcore
from lifcore import _lib
from conftest import REPO, needs_sim, random_network

N, M, STEPS = 48, 24, 400
DEV = "ref?n=%d&m=%d" % (N, M)


def make_network(seed, dv, lr=4):
    """A small learning network and its inputs, from the grid point."""
    rng = np.random.default_rng(seed)
    net = lifcore.Network(N, M)
    net.dv = dv
    net.du = 1000
    net.vth = 40000
    net.w_in = rng.integers(0, 60, (M, N))
    net.plastic_in = True
    net.set(dx=1024, dy=1024, x_imp=4000, y_imp=4000, learning=1)
    net.stdp_in.set(a_plus=lr, a_minus=lr, s_plus=10, s_minus=10, w_min=0, w_max=127)
    x = lifcore.poisson(np.full(M, 60.0), steps=STEPS, dt_ms=1.0, rng=seed + 100)
    return net, x


def metrics(r):
    w_in, _ = r.device.read_weights()
    return {"spikes": int(r.output.sum()), "first": int(np.argmax(r.output.any(1))),
            "w_sum": int(w_in.astype(int).sum()), "v0": int(r.device.read_state().v[0])}


GRID = {"seed": [1, 2, 3], "dv": [300, 900], "lr": [2, 8]}


def serial_records(grid):
    """The sweep made by hand: one device per point, in the product's order."""
    out = []
    for seed in grid["seed"]:
        for dv in grid["dv"]:
            for lr in grid["lr"]:
                net, x = make_network(seed, dv, lr)
                with lifcore.open(DEV) as dev:
                    dev.load(net)
                    y = dev.run(x, progress=False)
                    r = lifcore.SweepRun(0, {}, net, x, y, dev, 0.0)
                    out.append(dict(seed=seed, dv=dv, lr=lr, **metrics(r)))
    return out


@pytest.fixture(scope="module")
def serial():
    return serial_records(GRID)


def test_grid_points_order():
    from lifcore.sweep import grid_points
    assert grid_points({"a": [1, 2], "b": ["x", "y", "z"]}) == [
        {"a": 1, "b": "x"}, {"a": 1, "b": "y"}, {"a": 1, "b": "z"},
        {"a": 2, "b": "x"}, {"a": 2, "b": "y"}, {"a": 2, "b": "z"}]
    assert grid_points({"a": 3, "b": (1, 2)}) == [{"a": 3, "b": 1}, {"a": 3, "b": 2}]
    assert grid_points([{"a": 1}, {"a": 0, "b": 2}]) == [{"a": 1}, {"a": 0, "b": 2}]
    with pytest.raises(TypeError, match="dict of lists"):
        grid_points("seed")


def test_joblib_records_equal_serial_runs_in_grid_order(serial):
    assert len({r["spikes"] for r in serial}) > 6          # the points differ
    assert all(0 < r["spikes"] < STEPS * N / 2 for r in serial)  # spiking, not saturated
    t0 = time.time()
    got = lifcore.sweep(make_network, GRID, device=DEV, metrics=metrics, n_jobs=2,
                        progress=False, as_frame=False)
    print("12 runs on 2 joblib workers: %.1f s" % (time.time() - t0))
    assert got == serial
    # one after the other in this process (no joblib): the same
    assert lifcore.sweep(make_network, GRID, device=DEV, metrics=metrics, n_jobs=1,
                         progress=False, as_frame=False) == serial


def test_dataframe_with_a_progress_bar(serial, capsys):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("tqdm")
    df = lifcore.sweep(make_network, GRID, device=DEV, metrics=metrics, n_jobs=1,
                       progress=True)
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["seed", "dv", "lr", "spikes", "first", "w_sum", "v0"]
    assert df.to_dict("records") == serial
    err = capsys.readouterr().err
    assert "lifcore.sweep" in err and "12/12" in err


def test_dask_gives_the_joblib_records(serial):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        got = lifcore.sweep(make_network, GRID, device=DEV, metrics=metrics, client=client,
                            progress=False, as_frame=False)
        assert got == serial
        # a failure on the cluster names its grid point too
        with pytest.raises(lifcore.SweepError, match=r"run 5 of 12 .*seed=1, dv=5000, lr=2"):
            lifcore.sweep(make_network, {"seed": [1, 2], "dv": [300, 900, 5000], "lr": [2, 8]},
                          device=DEV, client=client, progress=False)


def test_a_failing_grid_point_is_named_with_the_lifcore_message():
    grid = {"seed": [1, 2], "dv": [300, 5000]}   # dv = 5000 is out of range (0..4096)
    with pytest.raises(lifcore.SweepError) as ei:
        lifcore.sweep(make_network, grid, device=DEV, n_jobs=2, progress=False)
    e = ei.value
    assert (e.index, e.total, e.point) == (1, 4, {"seed": 1, "dv": 5000})
    assert (e.error_type, e.error_name) == ("LifcoreRangeError", "LC_ERR_RANGE")
    text = str(e)
    assert text.startswith("sweep: run 2 of 4 failed at {seed=1, dv=5000}: "
                           "LifcoreRangeError (LC_ERR_RANGE): ")
    assert "dv = 5000 out of range 0..4096" in text, text
    # errors="record": every point has a record, the failing ones say why
    recs = lifcore.sweep(make_network, grid, device=DEV, n_jobs=1, progress=False,
                         errors="record", as_frame=False)
    assert [r["error"] is None for r in recs] == [True, False, True, False]
    assert "out of range" in recs[3]["error"] and "spikes" not in recs[3]
    assert recs[0]["spikes"] > 0
    # a Python error in the user's code: its type and text, and the worker's traceback
    with pytest.raises(lifcore.SweepError, match=r"run 1 of 1 .*KeyError: 'nope'") as ei:
        lifcore.sweep(make_network, {"seed": [1], "dv": [300]}, device=DEV, n_jobs=1,
                      progress=False, metrics=lambda r: {}["nope"])
    assert "KeyError" in ei.value.traceback and ei.value.error_name is None


def test_custom_run_and_default_metrics():
    def experiment(dev, net, point):
        x = lifcore.poisson(np.full(M, 60.0), steps=STEPS, dt_ms=1.0, rng=point["seed"])
        first = dev.run(x)                   # auto progress inside a sweep: one call
        dev.reset_state()
        return {"spikes": int(first.sum()), "again": int(dev.run(x).sum()), "raw": first}

    recs = lifcore.sweep(lambda seed: make_network(seed, 300)[0], {"seed": [1, 2]},
                         device=DEV, run=experiment, n_jobs=1, progress=False,
                         as_frame=False)
    assert [set(r) for r in recs] == [{"seed", "spikes", "again"}] * 2  # scalars only
    assert all(r["spikes"] > 0 for r in recs)
    # without inputs: steps; the default metrics are spikes and rate
    (r,) = lifcore.sweep(lambda seed: make_network(seed, 300)[0], {"seed": [1]}, device=DEV,
                         steps=50, n_jobs=1, progress=False, as_frame=False)
    assert set(r) == {"seed", "spikes", "rate"} and r["rate"] == r["spikes"] / (50 * N)
    with pytest.raises(lifcore.SweepError, match="give inputs= or steps="):
        lifcore.sweep(lambda seed: make_network(seed, 300)[0], {"seed": [1]}, device=DEV,
                      n_jobs=1, progress=False)
    with pytest.raises(lifcore.SweepError, match="also grid parameters"):
        lifcore.sweep(make_network, {"seed": [1], "dv": [300]}, device=DEV, n_jobs=1,
                      progress=False, metrics=lambda r: {"seed": 0})


def test_speedup_with_two_workers():
    """Measured, not asserted beyond equality (the machine is shared)."""
    grid = {"seed": [1, 2, 3], "dv": [300, 900]}

    def long_network(seed, dv):
        net, _ = make_network(seed, dv)
        return net, lifcore.poisson(np.full(M, 60.0), steps=300000, dt_ms=1.0, rng=seed)

    kw = dict(device=DEV, progress=False, as_frame=False)
    t0 = time.time()
    one = lifcore.sweep(long_network, grid, n_jobs=1, **kw)
    t1 = time.time()
    two = lifcore.sweep(long_network, grid, n_jobs=2, **kw)
    t2 = time.time()
    assert one == two
    print("6 runs of 300000 steps: serial %.2f s, 2 joblib workers %.2f s (speed-up %.2f)"
          % (t1 - t0, t2 - t1, (t1 - t0) / (t2 - t1)))


# ---- dev.run's progress bar ---------------------------------------------------------
def count_calls(monkeypatch):
    calls = []
    real = _lib.lc_run

    def counted(h, t, *a):
        calls.append(t)
        return real(h, t, *a)
    monkeypatch.setattr(_lib, "lc_run", counted)
    return calls


def run_both(device_name, net, x, **kw):
    outs = []
    for progress in (False, True):
        with lifcore.open(device_name) as dev:
            dev.load(net)
            y = dev.run(x, progress=progress, **kw)
            outs.append((y, dev.read_weights(), dev.read_state(), dev.counters().steps))
    return outs


def check_same(a, b):
    assert np.array_equal(a[0], b[0])
    assert all(np.array_equal(u, v) for u, v in zip(a[1], b[1]))
    assert a[2] == b[2] and a[3] == b[3]


def test_run_in_pieces_is_bit_identical_on_ref(monkeypatch, capsys):
    pytest.importorskip("tqdm")
    rng = np.random.default_rng(7)
    net = random_network(rng, 40, 30)
    x = rng.random((1000, 30)) < 0.2
    calls = count_calls(monkeypatch)
    one, pieces = run_both("ref", net, x, chunk=37)
    assert calls == [1000] + [37] * 27 + [1]
    assert one[0].sum() > 100
    check_same(one, pieces)
    assert "lifcore ref:" in capsys.readouterr().err  # the bar (erased when done)


@needs_sim
def test_run_in_pieces_is_bit_identical_on_sim():
    pytest.importorskip("tqdm")
    rng = np.random.default_rng(8)
    net = random_network(rng, 20, 16)
    x = rng.random((300, 16)) < 0.2
    one, pieces = run_both("sim", net, x, chunk=23)
    assert one[0].sum() > 20
    check_same(one, pieces)


def test_system_run_in_pieces_is_bit_identical():
    pytest.importorskip("tqdm")
    rng = np.random.default_rng(11)
    sizes = [(20, 10), (7, 15)]
    S = lifcore.System([random_network(rng, n, m) for n, m in sizes])
    S.route([0, 1, 0], [3, 2, 5], [1, 0, 1], [4, 7, 0], [1, 5, 16])
    x = [rng.random((250, 10)) < 0.2, None]
    outs = []
    for progress in (False, True):
        with lifcore.open("ref", delay=16) as dev:
            dev.load(S)
            outs.append((dev.run(x, progress=progress, chunk=9),
                         [dev.read_weights(core=c) for c in range(2)],
                         [dev.read_state(core=c) for c in range(2)]))
    (a, wa, sa), (b, wb, sb) = outs
    assert sum(o.sum() for o in a) > 20
    assert all(np.array_equal(u, v) for u, v in zip(a, b))
    assert all(np.array_equal(u, v) for p, q in zip(wa, wb) for u, v in zip(p, q))
    assert sa == sb


def test_progress_defaults(monkeypatch):
    pytest.importorskip("tqdm")
    net = random_network(np.random.default_rng(3), 10, 8)
    long = np.zeros((lifcore.device.PROGRESS_MIN_STEPS, 8), dtype=bool)
    calls = count_calls(monkeypatch)
    with lifcore.open(DEV) as dev:
        dev.load(net)
        dev.run(long[:100])                      # short: one call, no bar
        dev.run(long)                            # long: in pieces (the bar shows after 1 s)
        assert calls[0] == 100 and len(calls) > 2
        del calls[:]
        dev.run(long, progress=False)
        monkeypatch.setenv("LIFCORE_PROGRESS", "0")
        dev.run(long)
        assert calls == [len(long)] * 2
        with pytest.raises(ValueError, match="chunk must be >= 1"):
            dev.run(long, progress=True, chunk=0)


def test_imports_and_runs_serially_without_the_optional_packages():
    """joblib, tqdm, pandas and dask hidden: lifcore imports, sweep runs with n_jobs=1
    (a list of dicts), and each feature that needs a package names it."""
    code = r"""
import sys
class Hide:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("joblib", "tqdm", "pandas", "dask", "distributed"):
            raise ImportError("hidden: " + name)
sys.meta_path.insert(0, Hide())
import numpy as np
import lifcore
net = lifcore.Network(4, 2)
recs = lifcore.sweep(lambda vth: net, {"vth": [1, 2]}, device="ref", steps=10, n_jobs=1)
assert isinstance(recs, list) and len(recs) == 2, recs
for kw, word in ((dict(n_jobs=2), "pip install joblib"), (dict(n_jobs=1, progress=True),
                 "pip install tqdm"), (dict(n_jobs=1, as_frame=True), "pip install pandas"),
                 (dict(client=object()), "pip install 'dask[distributed]'")):
    try:
        lifcore.sweep(lambda vth: net, {"vth": [1]}, device="ref", steps=10, **kw)
    except ImportError as e:
        assert word in str(e), (kw, str(e))
    else:
        raise AssertionError(kw)
with lifcore.open("ref") as dev:
    dev.load(net)
    dev.run(steps=5000)                       # auto: no tqdm, no bar, no error
    try:
        dev.run(steps=10, progress=True)
    except ImportError as e:
        assert "pip install tqdm" in str(e)
    else:
        raise AssertionError("progress=True without tqdm")
print("ok")
"""
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env=dict(os.environ, PYTHONPATH=str(REPO / "python")), timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "ok"


@needs_sim
def test_sim_sweep_equals_ref_sweep():
    """The same grid on Verilator models (one per worker process) and on ref."""
    def short(seed, dv):
        net, x = make_network(seed, dv)
        return net, x[:120]
    grid = {"seed": [1, 2], "dv": [300]}
    kw = dict(metrics=metrics, n_jobs=2, progress=False, as_frame=False)
    t0 = time.time()
    on_sim = lifcore.sweep(short, grid, device="sim", **kw)
    print("2 runs of 120 steps on sim, 2 workers: %.1f s" % (time.time() - t0))
    assert on_sim == lifcore.sweep(short, grid, device=DEV, **kw)
    assert all(r["spikes"] > 0 for r in on_sim)
