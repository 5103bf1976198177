# test_device.py : lifcore.open / Device on 'ref' (and on 'sim' where the fixture says so)
# SPDX-License-Identifier: MIT
import gc

import numpy as np
import pytest

import lifcore
from conftest import VECTORS, load_vector, random_network


def worked_example():
    """The worked example of docs/model.md (one neuron, two plastic inputs)."""
    net = lifcore.Network(1, 2)
    net.set(du=1024, dv=512, vth=5000, bias=100, tref=1, w_shift=6, v_reset=-500,
            theta_plus=1000, d_theta=2048, dx=1024, dy=1024, x_imp=1000, y_imp=2000,
            learning=1)
    net.stdp_in.set(a_plus=3, a_minus=5, s_plus=6, s_minus=8, w_min=-64, w_max=70)
    net.w_in = [[40], [-20]]
    net.plastic_in = True
    inputs = np.array([[1, 0], [1, 0], [0, 1], [1, 0]], dtype=bool)
    return net, inputs


def test_worked_example_of_the_model_page(device):
    net, inputs = worked_example()
    device.load(net)
    out = device.run(inputs)
    assert out.dtype == np.bool_ and out.shape == (4, 1)
    assert out[:, 0].tolist() == [False, True, False, True]
    st = device.read_state()
    assert (st.u[0], st.v[0], st.r[0], st.theta[0], st.x[0], st.y[0]) == \
        (6040, -500, 1, 1250, 1562, 3125)
    assert st.x_in.tolist() == [1984, 750]
    w_in, w_rec = device.read_weights()
    assert w_in[:, 0].tolist() == [70, -14] and w_rec.tolist() == [[0]]


@pytest.mark.parametrize("path", VECTORS, ids=lambda p: p.name)
def test_conformance_vector(device, path):
    net, inputs, exp = load_vector(path)
    device.load(net)
    out = device.run(inputs)
    got = [np.flatnonzero(r).tolist() for r in out]
    for t, (g, e) in enumerate(zip(got, exp["output_spikes"])):
        assert g == e, "%s: first difference at step %d: got %s, expected %s" % (
            path.name, t, g, e)
    w_in, w_rec = device.read_weights()
    assert w_in.tolist() == exp["w_in"] and w_rec.tolist() == exp["w_rec"]
    st = device.read_state().as_dict()
    for k, v in exp["state"].items():
        assert st[k].tolist() == v, "%s: state %s differs" % (path.name, k)


def test_info_describes_the_device(device):
    info = device.info()
    assert info.backend in ("ref", "sim")
    assert info.n_neurons >= 1 and info.n_inputs >= 1
    assert "stdp" in info.features and info.features_mask & 1
    assert info.library_version == lifcore.library_version()
    if info.backend == "ref":
        assert (info.n_neurons, info.n_inputs, info.clock_hz, info.baud) == (1024, 1024, 0, 0)
    else:
        assert info.clock_hz > 0 and info.baud > 0


def test_ref_capacity_options():
    with lifcore.open("ref", n=7, m=3) as dev:
        info = dev.info()
        assert (info.n_neurons, info.n_inputs) == (7, 3)
        with pytest.raises(lifcore.LifcoreError) as e:
            dev.load(lifcore.Network(8, 3))
        assert e.value.name == "LC_ERR_SIZE" and "does not fit" in str(e.value)
        dev.load(lifcore.Network(7, 3))


def test_stream_gives_the_same_as_run(device):
    rng = np.random.default_rng(11)
    net = random_network(rng, 20, 12)
    inputs = rng.random((150, 12)) < 0.2
    device.load(net)
    dense = device.run(inputs)
    w_dense = device.read_weights()
    st_dense = device.read_state()

    device.load(net)
    seen = []
    counts = device.stream(150, (np.flatnonzero(r) for r in inputs),
                           lambda t, idx: seen.append((t, idx.tolist())))
    assert [t for t, _ in seen] == list(range(150))
    assert [i for _, i in seen] == [np.flatnonzero(r).tolist() for r in dense]
    assert counts.tolist() == dense.sum(0).tolist()
    assert all(np.array_equal(a, b) for a, b in zip(device.read_weights(), w_dense))
    assert device.read_state() == st_dense


def test_stream_takes_bool_rows_a_function_or_nothing(ref):
    net, inputs = worked_example()
    ref.load(net)
    want = ref.run(inputs)
    ref.load(net)
    assert ref.stream(4, list(inputs)).tolist() == want.sum(0).tolist()
    ref.load(net)
    assert ref.stream(4, lambda t: np.flatnonzero(inputs[t])).tolist() == want.sum(0).tolist()
    ref.load(net)
    assert ref.stream(3).tolist() == [0]  # no input, bias 100 < vth


def test_stream_removes_duplicate_indices(ref):
    net, inputs = worked_example()
    ref.load(net)
    want = ref.run(inputs)
    ref.load(net)
    ref.clear_counters()
    out = []
    ref.stream(4, [[0, 0, 0], [0, 0], [1, 1], [0]], lambda t, i: out.append(i.tolist()))
    assert out == [np.flatnonzero(r).tolist() for r in want]
    assert ref.counters().spikes_in == 4


def test_stream_is_lazy_about_long_inputs(ref):
    """A generator of a million steps is only read as far as the stream goes."""
    ref.load(lifcore.Network(2, 2))
    taken = []

    def endless():
        while True:
            taken.append(1)
            yield [0]

    ref.stream(100, endless())
    assert 100 <= len(taken) < 1000


def test_exception_in_input_function_propagates(ref):
    ref.load(lifcore.Network(2, 2))

    def bad(t):
        if t == 5:
            raise KeyError("boom at 5")
        return []

    with pytest.raises(KeyError, match="boom at 5") as e:
        ref.stream(10, bad)
    assert isinstance(e.value.__cause__, lifcore.LifcoreError)
    assert ref.counters().steps == 5
    ref.run(steps=2)  # the device is still usable


def test_exception_in_output_function_propagates(ref):
    net, inputs = worked_example()
    ref.load(net)

    def bad(t, idx):
        raise RuntimeError("output %d" % t)

    with pytest.raises(RuntimeError, match="output 0"):
        ref.stream(4, inputs, bad)


def test_output_function_returning_false_stops_the_stream(ref):
    ref.load(lifcore.Network(3, 1))
    steps = []
    ref.stream(50, None, lambda t, idx: steps.append(t) if t < 9 else False)
    assert steps == list(range(9))
    assert ref.counters().steps == 10


def test_stream_input_errors(ref):
    ref.load(lifcore.Network(3, 4))
    with pytest.raises(lifcore.LifcoreError, match="input index 4 >= n_inputs 4"):
        ref.stream(3, [[1], [4], [0]])
    with pytest.raises(ValueError, match="negative"):
        ref.stream(1, [[-1]])
    with pytest.raises(ValueError, match="ran out at step 2 of 5"):
        ref.stream(5, [[], [1]])
    with pytest.raises(ValueError, match="bool input row must have 4"):
        ref.stream(1, [np.array([True, False])])
    with pytest.raises(TypeError, match="integers"):
        ref.stream(1, [[0.5]])


def test_run_checks_the_input_shape(ref):
    ref.load(lifcore.Network(3, 4))
    with pytest.raises(ValueError, match=r"shape \(steps, 4\)"):
        ref.run(np.zeros((5, 3), bool))
    with pytest.raises(ValueError, match=r"shape \(steps, 4\)"):
        ref.run(np.zeros(4, bool))
    with pytest.raises(ValueError, match="steps"):
        ref.run()
    assert ref.run(np.zeros((0, 4), bool)).shape == (0, 3)
    assert ref.run(steps=3).shape == (3, 3)


def test_run_accepts_bool_and_0_1_integers_only(ref):
    net, inputs = worked_example()
    ref.load(net)
    a = ref.run(inputs)
    for dtype in (np.int64, np.uint8, np.int8):
        ref.load(net)
        assert np.array_equal(a, ref.run(inputs.astype(dtype)))
    bad = inputs.astype(np.int64)
    bad[1, 1] = 7
    with pytest.raises(ValueError, match=r"must be 0 or 1, got 7 at \(1, 1\)"):
        ref.run(bad)
    with pytest.raises(ValueError, match="got dtype float64"):
        ref.run(inputs * 0.7)
    with pytest.raises(ValueError, match="got dtype float64"):
        ref.run(inputs.astype(float))   # even 0.0/1.0: a float is not a spike


def test_without_a_network_every_call_says_so(ref):
    for call in (lambda: ref.run(steps=1), lambda: ref.stream(1), ref.read_weights,
                 ref.read_state, ref.read_plasticity, ref.reset_state):
        with pytest.raises(lifcore.LifcoreError) as e:
            call()
        assert e.value.name == "LC_ERR_ARG" and "no network loaded" in str(e.value)


def test_load_refuses_an_out_of_range_network_before_sending(ref):
    net, _ = worked_example()
    ref.load(net)
    bad = net.copy()
    bad.dv[0] = 4097
    with pytest.raises(lifcore.LifcoreError) as e:
        ref.load(bad)
    assert e.value.name == "LC_ERR_RANGE"
    assert "neuron[0].dv = 4097 out of range 0..4096" in str(e.value)
    ref.run(steps=1)  # the previous network is still loaded
    with pytest.raises(TypeError):
        ref.load("net.json")


def test_bad_device_strings():
    for s, name in (("nonsense", "LC_ERR_ARG"), ("ref?n=0", "LC_ERR_ARG"),
                    ("ref?bogus=1", "LC_ERR_ARG"), ("serial:/dev/no-such-port", None)):
        with pytest.raises(lifcore.LifcoreError) as e:
            lifcore.open(s)
        assert str(e.value), s
        if name:
            assert e.value.name == name, s
    with pytest.raises(lifcore.LifcoreError, match="bogus"):
        lifcore.open("ref", bogus=1)
    with pytest.raises(TypeError):
        lifcore.Device(3)


def test_close_twice_and_use_after_close():
    dev = lifcore.open("ref")
    dev.close()
    dev.close()
    assert dev.closed
    with pytest.raises(lifcore.LifcoreError, match="closed"):
        dev.info()
    with lifcore.open("ref") as d2:
        pass
    assert d2.closed
    d2.close()


def test_dropped_device_is_closed_by_the_garbage_collector():
    dev = lifcore.open("ref")
    dev.load(lifcore.Network(3, 3))
    del dev
    gc.collect()


def test_counters_count_steps_and_spikes(device):
    net, inputs = worked_example()
    device.load(net)
    device.clear_counters()
    device.run(inputs)
    c = device.counters()
    assert (c.steps, c.spikes_in, c.spikes_out, c.dropped) == (4, 4, 2, 0)
    assert c.as_dict()["steps"] == 4
    device.clear_counters()
    assert device.counters().steps == 0


def test_reset_state_keeps_the_learned_weights(device):
    net, inputs = worked_example()
    device.load(net)
    device.run(inputs)
    device.reset_state()
    st = device.read_state()
    assert not any(a.any() for a in st.as_dict().values())
    assert device.read_weights()[0][:, 0].tolist() == [70, -14]


def test_read_plasticity_and_read_network(ref):
    net = random_network(np.random.default_rng(5), 6, 4)
    ref.load(net)
    p_in, p_rec = ref.read_plasticity()
    assert np.array_equal(p_in, net.plastic_in) and np.array_equal(p_rec, net.plastic_rec)
    ref.run(np.random.default_rng(1).random((50, 4)) < 0.5)
    learned = ref.read_network(net)
    assert np.array_equal(learned.w_in, ref.read_weights()[0])
    assert np.array_equal(learned.vth, net.vth)
    with pytest.raises(ValueError):
        ref.read_network(lifcore.Network(2, 2))


def test_smaller_network_runs_at_its_own_size(device):
    net, inputs = worked_example()
    device.load(net)
    assert device.network_shape == (1, 2)
    assert device.run(inputs).shape == (4, 1)


def test_list_ports_gives_a_list_or_unsupported():
    try:
        ports = lifcore.list_ports()
    except lifcore.LifcoreError as e:
        assert e.name == "LC_ERR_UNSUPPORTED"
    else:
        assert isinstance(ports, list) and all(isinstance(p, str) for p in ports)
