# test_system.py : lifcore.System (docs/system.md) through the Python binding
# The worked example, vectorised routes, a random system on 'ref' against a naive
# model made of one 'ref' device per core stepped one step at a time here (each
# route looks d steps back in the spike history), files, errors.
# SPDX-License-Identifier: MIT
import numpy as np
import pytest

import lifcore
from lifcore.errors import LifcoreRangeError, LifcoreSizeError, LifcoreUnsupportedError

from conftest import random_network


def relay():
    """One neuron that spikes exactly in the steps its one axon spikes."""
    net = lifcore.Network(1, 1)
    net.set(w_shift=0, du=4096, dv=4096, vth=0)
    net.w_in = [[1]]
    return net


def chain():
    S = lifcore.System([relay(), relay(), relay()])
    S.route(0, 0, 1, 0, 2)
    S.route(1, 0, 2, 0, 3)
    S.route(0, 0, 2, 0, 1)
    return S


def test_worked_example(ref):
    S = chain()
    ref.load(S)
    x = np.zeros((12, 1), dtype=bool)
    x[[0, 4], 0] = True
    out = ref.run([x, None, None])
    assert isinstance(out, list) and len(out) == 3
    assert [o.shape for o in out] == [(12, 1)] * 3 and all(o.dtype == np.bool_ for o in out)
    assert list(np.flatnonzero(out[0][:, 0])) == [0, 4]
    assert list(np.flatnonzero(out[1][:, 0])) == [2, 6]
    assert list(np.flatnonzero(out[2][:, 0])) == [1, 5, 9]
    assert ref.system_shapes == [(1, 1)] * 3
    # a reset clears the spikes in flight: nothing arrives afterwards
    x2 = np.zeros((3, 1), dtype=bool)
    x2[0, 0] = True
    ref.run([x2, None, None])           # spikes of core 0 at step 0 are in flight
    ref.reset_state()
    out = ref.run(steps=10)
    assert not any(o.any() for o in out)


def test_info_reports_cores_and_delay():
    with lifcore.open("ref") as dev:
        i = dev.info()
        assert (i.n_cores, i.max_delay) == (1024, 64)
    with lifcore.open("ref", cores=4, delay=16) as dev:
        i = dev.info()
        assert (i.n_cores, i.max_delay) == (4, 16)


def test_vectorised_routes_and_duplicates():
    nets = [lifcore.Network(8, 4), lifcore.Network(5, 8)]
    S = lifcore.System(nets)
    S.route(0, np.arange(8), 1, np.arange(8), np.arange(1, 9))
    S.route(0, 3, 1, 3, 4)  # the same route again
    T = lifcore.System(nets)
    for k in range(8):
        T.route(0, k, 1, k, k + 1)
    assert np.array_equal(S.routes, T.routes)
    assert S.routes.shape == (8, 5)
    assert S.routes.dtype == np.uint32
    assert len(S) == 2 and S[1] is nets[1]


@pytest.mark.parametrize("args,text", [
    ((2, 0, 1, 0, 1), "route (2, 0, 1, 0, 1): core 2 does not exist (2 cores)"),
    ((0, 8, 1, 0, 1), "route (0, 8, 1, 0, 1): neuron 8 does not exist in core 0 (8 neurons)"),
    ((0, 0, 1, 8, 1), "route (0, 0, 1, 8, 1): axon 8 does not exist in core 1 (8 axons)"),
    ((0, 0, 1, 0, 0), "route (0, 0, 1, 0, 0): delay 0 outside 1..65535"),
])
def test_bad_routes_are_named(args, text):
    S = lifcore.System([lifcore.Network(8, 4), lifcore.Network(5, 8)])
    with pytest.raises(LifcoreRangeError) as e:
        S.route(*args)
    assert text in str(e.value)
    assert len(S.routes) == 0


def test_vectorised_bad_route_adds_none():
    S = lifcore.System([lifcore.Network(8, 4), lifcore.Network(5, 8)])
    with pytest.raises(LifcoreRangeError, match=r"routes\[2\] = \(0, 2, 1, 9, 1\): axon 9"):
        S.route(0, [0, 1, 2], 1, [0, 1, 9], 1)
    assert len(S.routes) == 0
    with pytest.raises(LifcoreRangeError, match="out of range"):
        S.route(0, -1, 1, 0, 1)
    with pytest.raises(TypeError):
        S.route(0, 0.5, 1, 0, 1)
    with pytest.raises(TypeError):
        lifcore.System([lifcore.Network(2, 2), "not a network"])


def test_delay_beyond_device_d():
    S = lifcore.System([relay(), relay()])
    S.route(0, 0, 1, 0, 17)
    with lifcore.open("ref", delay=16) as dev:
        with pytest.raises(LifcoreRangeError, match=r"route \(0, 0, 1, 0, 17\): delay 17 "
                                                    r"outside 1\.\.16"):
            dev.load(S)
    with lifcore.open("ref", cores=1) as dev:
        with pytest.raises(LifcoreSizeError, match="2 cores does not fit"):
            dev.load(S)


def test_backend_without_systems():
    with lifcore.open("emu") as dev:
        with pytest.raises(LifcoreUnsupportedError, match="not supported by this backend"):
            dev.load(chain())
        # one core without routes is a network there too
        dev.load(lifcore.System([relay()]))
        out = dev.run([np.array([[1], [0], [1]], dtype=bool)])
        assert list(out[0][:, 0]) == [True, False, True]


def test_one_core_system_is_the_network(ref):
    rng = np.random.default_rng(3)
    net = random_network(rng, 40, 20)
    x = rng.random((120, 20)) < 0.3
    ref.load(net)
    want = ref.run(x)
    w_want, s_want = ref.read_weights(), ref.read_state()
    ref.load(lifcore.System([net]))
    got = ref.run([x])
    assert np.array_equal(got[0], want)
    assert all(np.array_equal(a, b) for a, b in zip(ref.read_weights(core=0), w_want))
    assert ref.read_state(core=0) == s_want
    # and a plain Network keeps its plain API
    ref.load(net)
    assert isinstance(ref.run(x), np.ndarray)
    with pytest.raises(ValueError):
        ref.read_weights(core=1)


def naive_run(nets, routes, inputs, steps):
    """One 'ref' device per core, one step at a time; route (a,k,b,j,d) delivers
    to axon j of core b at t if neuron k of core a spiked at t - d."""
    devs = [lifcore.open("ref") for _ in nets]
    try:
        for d, net in zip(devs, nets):
            d.load(net)
        hist = [np.zeros((steps, n.n_neurons), dtype=bool) for n in nets]
        for t in range(steps):
            for b, (dev, net) in enumerate(zip(devs, nets)):
                x = inputs[b][t].copy()
                for (a, k, bb, j, d) in routes:
                    if bb == b and t - d >= 0 and hist[a][t - d, k]:
                        x[j] = True
                hist[b][t] = dev.run(x[None, :])[0]
        return hist, [d.read_weights() for d in devs], [d.read_state() for d in devs]
    finally:
        for d in devs:
            d.close()


def test_random_system_against_naive(ref):
    rng = np.random.default_rng(11)
    sizes = [(20, 10), (7, 15), (30, 4)]
    nets = [random_network(rng, n, m) for n, m in sizes]
    S = lifcore.System(nets)
    R = 80
    a = rng.integers(0, 3, R)
    k = np.array([rng.integers(0, sizes[x][0]) for x in a])
    b = rng.integers(0, 3, R)
    j = np.array([rng.integers(0, sizes[x][1]) for x in b])
    d = np.concatenate([np.arange(1, 17), rng.integers(1, 17, R - 16)])
    S.route(a, k, b, j, d)
    S.route(a[:10], k[:10], b[:10], j[:10], d[:10])  # duplicates
    steps = 120
    inputs = [rng.random((steps, m)) < 0.1 for _, m in sizes]
    with lifcore.open("ref", delay=16) as dev:
        dev.load(S)
        got = dev.run(inputs)
        weights = [dev.read_weights(core=c) for c in range(3)]
        states = [dev.read_state(core=c) for c in range(3)]
    hist, w_want, s_want = naive_run(nets, S.routes.astype(int), inputs, steps)
    assert sum(h.sum() for h in hist) > 50
    for c in range(3):
        assert np.array_equal(got[c], hist[c]), "core %d" % c
        assert all(np.array_equal(x, y) for x, y in zip(weights[c], w_want[c]))
        assert states[c] == s_want[c]


def test_run_argument_checks(ref):
    ref.load(chain())
    with pytest.raises(ValueError, match="list of 3"):
        ref.run(np.zeros((4, 3), dtype=bool))
    with pytest.raises(ValueError, match="core 1"):
        ref.run([None, np.zeros((4, 2), dtype=bool), None])
    with pytest.raises(ValueError, match="give steps"):
        ref.run([None, None, None])
    assert [o.shape for o in ref.run([None, None, None], steps=5)] == [(5, 1)] * 3
    with pytest.raises(ValueError, match="3 cores"):
        ref.read_state(core=3)


def test_system_file_roundtrip(tmp_path):
    S = chain()
    S.save(tmp_path / "chain.json")
    T = lifcore.System.load(tmp_path / "chain.json")
    assert T.n_cores == 3 and np.array_equal(T.routes, S.routes)
    assert T[2] == S[2]
    relay().save(tmp_path / "relay.json")
    U = lifcore.load_system(tmp_path / "relay.json")  # a network file: one core
    assert U.n_cores == 1 and len(U.routes) == 0
    (tmp_path / "bad.json").write_text('{"cores": [{"file": "relay.json"}],\n'
                                       ' "routes": [[0, 0, 0, 0, 0]]}')
    with pytest.raises(LifcoreRangeError, match=r"bad.json: line 2, column 13: routes\[0\]: "
                                                r"route \(0, 0, 0, 0, 0\): delay 0"):
        lifcore.System.load(tmp_path / "bad.json")
