# test_sim_system.py : a system of cores on the simulated multi-core board
# lifcore.open("sim?cores=4") (the Verilator model of lc_board CORES=4 behind its UART
# pins) against the 'ref' device, bit for bit: a random system with fan-in, fan-out,
# self-routes, every delay, learning; output selection; the board's limits; wire faults.
# Skipped with the C library's reason when build/sim/liblcsim_c4.so is missing.
# SPDX-License-Identifier: MIT
import numpy as np
import pytest

import lifcore
from lifcore.errors import LifcoreRangeError, LifcoreSizeError

from conftest import random_network


def _sys_unavailable():
    try:
        with lifcore.open("sim?cores=4"):
            return None
    except lifcore.LifcoreError as e:
        if e.name in ("LC_ERR_NOTFOUND", "LC_ERR_UNSUPPORTED"):
            return "no 4-core sim board (make sim-libs): %s" % e
        raise


REASON = _sys_unavailable()
pytestmark = pytest.mark.skipif(REASON is not None, reason=str(REASON))


def random_system(rng, sizes, n_routes, D=16):
    nets = [random_network(rng, n, m) for n, m in sizes]
    S = lifcore.System(nets)
    C = len(sizes)
    a = rng.integers(0, C, n_routes)
    k = np.array([rng.integers(0, sizes[x][0]) for x in a])
    b = np.where(rng.random(n_routes) < 0.2, a, rng.integers(0, C, n_routes))  # self-routes
    j = np.array([rng.integers(0, sizes[x][1]) for x in b])
    d = np.concatenate([np.arange(1, D + 1), rng.integers(1, D + 1, n_routes - D)])
    S.route(a, k, b, j, d)
    return S


def run_both(S, inputs, device="sim?cores=4", select=None):
    with lifcore.open("ref", cores=4, delay=16) as ref:
        ref.load(S)
        want = ref.run(inputs)
        w_want = [ref.read_weights(core=c) for c in range(len(inputs))]
        s_want = [ref.read_state(core=c) for c in range(len(inputs))]
    with lifcore.open(device) as dev:
        dev.load(S)
        if select is not None:
            dev.select_output(select)
        got = dev.run(inputs)
        w_got = [dev.read_weights(core=c) for c in range(len(inputs))]
        s_got = [dev.read_state(core=c) for c in range(len(inputs))]
        counters = dev.counters()
    return want, got, (w_want, w_got), (s_want, s_got), counters


def test_info():
    with lifcore.open("sim?cores=4") as dev:
        i = dev.info()
        assert (i.n_cores, i.max_delay, i.protocol_version) == (4, 16, 2)
        assert (i.n_neurons, i.n_inputs) == (64, 32)


def test_random_system_matches_ref():
    rng = np.random.default_rng(21)
    sizes = [(64, 32), (20, 9), (40, 32), (7, 3)]
    S = random_system(rng, sizes, 150)
    steps = 100
    inputs = [rng.random((steps, m)) < 0.15 for _, m in sizes]
    want, got, (w_want, w_got), (s_want, s_got), _ = run_both(S, inputs)
    assert sum(int(o.sum()) for o in want) > 100
    for c in range(4):
        assert np.array_equal(got[c], want[c]), "core %d" % c
        assert all(np.array_equal(x, y) for x, y in zip(w_got[c], w_want[c])), "core %d" % c
        assert s_got[c] == s_want[c], "core %d" % c


def test_output_selection_keeps_routing():
    rng = np.random.default_rng(5)
    sizes = [(30, 12), (30, 12), (30, 12)]
    S = random_system(rng, sizes, 90)
    steps = 80
    inputs = [rng.random((steps, m)) < 0.2 for _, m in sizes]
    want, got, _, _, c_sel = run_both(S, inputs, select=[True, False, True])
    assert not got[1].any()
    assert np.array_equal(got[0], want[0]) and np.array_equal(got[2], want[2])
    assert want[1].any()          # core 1 spiked and its routes still delivered
    _, _, _, _, c_all = run_both(S, inputs)
    assert c_sel.bytes_rx < c_all.bytes_rx


def test_wire_faults_change_nothing():
    rng = np.random.default_rng(8)
    sizes = [(25, 10), (25, 10)]
    S = random_system(rng, sizes, 40)
    steps = 60
    inputs = [rng.random((steps, m)) < 0.2 for _, m in sizes]
    want, got, (w_want, w_got), _, counters = run_both(
        S, inputs, device="sim?cores=4&ber=1e-4&drop=1e-4&seed=9")
    for c in range(2):
        assert np.array_equal(got[c], want[c])
        assert all(np.array_equal(x, y) for x, y in zip(w_got[c], w_want[c]))


def test_limits_are_named():
    with lifcore.open("sim?cores=4") as dev:
        S = lifcore.System([lifcore.Network(4, 4) for _ in range(5)])
        with pytest.raises(LifcoreSizeError, match="5 cores does not fit"):
            dev.load(S)
        S = lifcore.System([lifcore.Network(65, 4), lifcore.Network(4, 4)])
        with pytest.raises(LifcoreSizeError, match="core 0 of 65 neurons"):
            dev.load(S)
        S = lifcore.System([lifcore.Network(4, 4), lifcore.Network(4, 4)])
        S.route(0, 1, 1, 2, 17)
        with pytest.raises(LifcoreRangeError, match=r"route \(0, 1, 1, 2, 17\): delay 17"):
            dev.load(S)
        S = lifcore.System([lifcore.Network(64, 32), lifcore.Network(64, 32)])
        k, j = np.meshgrid(np.arange(64), np.arange(5))
        S.route(0, k.ravel(), 1, j.ravel(), 1)
        with pytest.raises(LifcoreSizeError, match="320 routes do not fit .*256 entries"):
            dev.load(S)
