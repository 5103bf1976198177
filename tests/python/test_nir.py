# test_nir.py : lifcore.from_nir / to_nir against a float simulation of the NIR graph
# The reference here is this file's own numpy code of NIR's equations
# (nnir.readthedocs.io, the nir package's node docstrings), discretised with
# forward Euler at dt: CubaLIF  I += dt/tau_syn (-I + w_in x),
# v += dt/tau_mem (v_leak - v + r I), spike when v > v_threshold, then v = v_reset;
# LIF  v += dt/tau (v_leak - v + r x); IF  v += dt r x; LI like LIF without spikes.
# Nodes are evaluated in dependency order (order()); an edge from a node not yet
# evaluated in this step (a cycle) carries the previous step's value.
# The imported network runs on 'ref'; spike times must agree within one step for
# most spikes. Skipped when the nir package is not installed.
# SPDX-License-Identifier: MIT
import numpy as np
import pytest

nir = pytest.importorskip("nir", reason="the nir package is not installed (pip install nir, "
                          "or scripts/setup python)")

import lifcore  # noqa: E402
from lifcore import errors  # noqa: E402

DT = 1e-3  # 1 ms steps: tau_syn 5 steps, tau_mem 20 steps, input at 20 Hz, outputs ~10-40 Hz


# ---------------------------------------------------------------------------
# the float reference
# ---------------------------------------------------------------------------
def order(graph):
    """The nodes in the order of one step: a node comes when all its inputs are
    computed; on a cycle, the first node with at least one computed input comes
    first (its other inputs then carry the previous step's values)."""
    preds = {k: [a for a, b in graph.edges if b == k] for k in graph.nodes}
    names = sorted(graph.nodes, key=lambda k: (type(graph.nodes[k]).__name__ != "Input", k))
    done = []
    while len(done) < len(names):
        rest = [k for k in names if k not in done]
        ready = [k for k in rest if all(p in done for p in preds[k])] or \
            [k for k in rest if any(p in done for p in preds[k])] or rest
        done.append(ready[0])
    return done


def simulate(graph, inputs, dt, steps=None):
    """Forward-Euler simulation of a NIR graph. inputs: dict Input name -> (T x n).
    Returns dict node name -> (T x n) output (spikes as bool, LI/CubaLI/I as v)."""
    nodes = graph.nodes
    preds = {k: [a for a, b in graph.edges if b == k] for k in nodes}
    T = steps if steps is not None else next(iter(inputs.values())).shape[0]
    out_now, out_prev, state, hist = {}, {}, {}, {}
    rec = {k: [] for k in nodes}
    size, seq = {}, order(graph)
    for k, n in nodes.items():
        t = type(n).__name__
        if t == "Input":
            size[k] = int(np.atleast_1d(n.input_type["input"])[0])
        elif t in ("Affine", "Linear"):
            size[k] = n.weight.shape[0]
        elif t == "Output":
            size[k] = int(np.atleast_1d(n.output_type["output"])[0])
        elif t == "Delay":
            size[k] = n.delay.shape[0]
        else:
            size[k] = (n.v_threshold if hasattr(n, "v_threshold") else n.r).shape[0]
        out_prev[k] = np.zeros(size[k])
    for t in range(T):
        out_now = {}
        for k in seq:
            n = nodes[k]
            typ = type(n).__name__
            if typ == "Input":
                y = np.asarray(inputs[k][t], dtype=float)
            else:
                x = sum((out_now[p] if p in out_now else out_prev[p]) for p in preds[k])
                x = np.asarray(x, dtype=float)
                s = state.setdefault(k, {"v": np.zeros(size[k]), "i": np.zeros(size[k])})
                if typ == "Affine":
                    y = n.weight @ x + n.bias
                elif typ == "Linear":
                    y = n.weight @ x
                elif typ == "Output":
                    y = x
                elif typ == "Delay":
                    h = hist.setdefault(k, [])
                    h.append(x)
                    d = np.rint(n.delay / dt).astype(int)
                    y = np.array([h[-1 - d[e]][e] if len(h) > d[e] else 0.0
                                  for e in range(size[k])])
                elif typ in ("CubaLIF", "CubaLI"):
                    s["i"] = s["i"] + dt / n.tau_syn * (-s["i"] + n.w_in * x)
                    s["v"] = s["v"] + dt / n.tau_mem * (n.v_leak - s["v"] + n.r * s["i"])
                    y = s["v"].copy()
                elif typ in ("LIF", "LI"):
                    s["v"] = s["v"] + dt / n.tau * (n.v_leak - s["v"] + n.r * x)
                    y = s["v"].copy()
                elif typ in ("IF", "I"):
                    s["v"] = s["v"] + dt * n.r * x
                    y = s["v"].copy()
                else:
                    raise AssertionError("no reference for %s" % typ)
                if typ in ("CubaLIF", "LIF", "IF"):
                    z = s["v"] > n.v_threshold
                    s["v"] = np.where(z, n.v_reset, s["v"])
                    y = z.astype(float)
            out_now[k] = y
            rec[k].append(y)
        out_prev = out_now
    res = {}
    for k, n in nodes.items():
        a = np.array(rec[k])
        res[k] = a.astype(bool) if type(n).__name__ in ("CubaLIF", "LIF", "IF") else a
    return res


def agreement(ref, got, tol=1):
    """Fraction of the reference's spikes matched one-to-one by a spike of the same
    neuron at most tol steps away (greedy in time), and the fraction of got's
    spikes left unmatched. Also the number of reference spikes."""
    matched = extra = total = 0
    for i in range(ref.shape[1]):
        a = list(np.flatnonzero(ref[:, i]))
        b = list(np.flatnonzero(got[:, i]))
        total += len(a)
        used = [False] * len(b)
        for t in a:
            for j, u in enumerate(b):
                if not used[j] and abs(u - t) <= tol:
                    used[j] = True
                    matched += 1
                    break
        extra += used.count(False)
    n_got = int(got.sum())
    return (matched / total if total else 1.0), (extra / n_got if n_got else 0.0), total


def exact_fraction(ref, got):
    r = int(ref.sum())
    return float(np.sum(ref & got) / r) if r else 1.0


def run_ref(imp, x, steps=None):
    with lifcore.open("ref") as dev:
        dev.load(imp.network)
        return imp.run(dev, x, steps=steps)


def arr(v, n):
    return np.full(n, float(v))


def poisson(rng, steps, n, rate_hz, dt=DT):
    return rng.random((steps, n)) < rate_hz * dt


# ---------------------------------------------------------------------------
# graphs
# ---------------------------------------------------------------------------
def cuba(n, tau_syn=5e-3, tau_mem=20e-3, r=1.0, w_in=1.0, vth=1.0, v_leak=0.0, v_reset=0.0):
    return nir.CubaLIF(tau_syn=arr(tau_syn, n), tau_mem=arr(tau_mem, n), r=arr(r, n),
                       v_leak=arr(v_leak, n), v_threshold=arr(vth, n),
                       v_reset=arr(v_reset, n), w_in=arr(w_in, n))


def two_layer(rng, n_in=40, n1=32, n2=10, rec=0.0, delay=None):
    """Input -> Affine -> CubaLIF (with a recurrent Linear of weights +-rec unless
    rec is None) -> Linear -> LIF."""
    # per-step gain of an input spike on v: (dt/tau_mem) r (dt/tau_syn) w_in W; r and w_in
    # chosen like snnTorch's export (r = tau_mem/dt, w_in = tau_syn/dt): gain = W
    nodes = {"in": nir.Input(input_type={"input": np.array([n_in])}),
             "fc1": nir.Affine(weight=rng.uniform(-0.03, 0.07, (n1, n_in)),
                               bias=np.zeros(n1)),
             "lif1": cuba(n1, r=20e-3 / DT, w_in=5e-3 / DT)}
    edges = [("in", "fc1"), ("fc1", "lif1")]
    if rec is not None:
        nodes["rec"] = nir.Linear(weight=rng.uniform(-rec, rec, (n1, n1)))
        edges += [("lif1", "rec"), ("rec", "lif1")]
    src = "lif1"
    if delay is not None:
        nodes["dly"] = nir.Delay(delay=np.full(n1, delay * DT))
        edges += [("lif1", "dly")]
        src = "dly"
    nodes["fc2"] = nir.Linear(weight=rng.uniform(0.0, 0.6, (n2, n1)))
    nodes["lif2"] = nir.LIF(tau=arr(10e-3, n2), r=arr(10e-3 / DT, n2), v_leak=arr(0, n2),
                            v_threshold=arr(1.0, n2))
    nodes["out"] = nir.Output(output_type={"output": np.array([n2])})
    edges += [(src, "fc2"), ("fc2", "lif2"), ("lif2", "out")]
    return nir.NIRGraph(nodes=nodes, edges=edges)


# ---------------------------------------------------------------------------
# tests
# ---------------------------------------------------------------------------
def test_one_cubalif_layer_agrees_with_the_float_model():
    rng = np.random.default_rng(1)
    n_in, n = 50, 40
    g = nir.NIRGraph(nodes={
        "in": nir.Input(input_type={"input": np.array([n_in])}),
        "fc": nir.Affine(weight=rng.uniform(-0.03, 0.07, (n, n_in)), bias=np.zeros(n)),
        "lif": cuba(n, r=20e-3 / DT, w_in=5e-3 / DT),
        "out": nir.Output(output_type={"output": np.array([n])})},
        edges=[("in", "fc"), ("fc", "lif"), ("lif", "out")])
    x = poisson(rng, 3000, n_in, 20.0)
    imp = lifcore.from_nir(g, dt=DT)
    net, report = imp
    assert isinstance(net, lifcore.Network) and net.n_neurons == n and net.n_inputs == n_in
    assert imp.latency == {"lif": 0} and imp.outputs == {"out": "lif"}
    got = run_ref(imp, x)["lif"]
    want = simulate(g, {"in": x}, DT)["lif"]
    frac, extra, total = agreement(want, got)
    print("one layer: %d reference spikes, %.4f within 1 step, %.4f exact, %.4f extra"
          % (total, frac, exact_fraction(want, got), extra))
    assert total > 500
    # measured 0.934 within one step: the cost of 8-bit weights (a weight of this layer
    # is ~30 quanta, so each is off by up to 1.6%) and of 12-bit decays
    assert frac >= 0.9 and extra <= 0.1
    quant = simulate(lifcore.to_nir(net, dt=DT), {"input": x}, DT)["neurons"]
    qfrac, qextra, _ = agreement(quant, got)
    print("one layer against the float model of the quantised network: %.4f within 1 step"
          % qfrac)
    assert qfrac >= 0.98 and qextra <= 0.02  # measured 0.992
    # the weights: every one within half a quantum (no clipping at percentile 100)
    e = report.get("lif", "weight<-in")
    assert e["clipped"] == 0 and e["max_abs_error"] <= 0.5 * e["scale"] * (1 + 1e-9)
    assert report.get("lif", "v_threshold")["max_rel_error"] < 1e-4
    assert report.get("lif", "tau_syn")["max_rel_error"] < 0.01


def test_two_layers_in_one_core_run_one_step_late_per_layer():
    rng = np.random.default_rng(2)
    g = two_layer(rng)
    x = poisson(rng, 3000, 40, 20.0)
    imp = lifcore.from_nir(g, dt=DT)
    net = imp.network
    assert isinstance(net, lifcore.Network) and net.n_neurons == 42
    assert imp.latency == {"lif1": 0, "lif2": 1}
    assert imp.neurons == {"lif1": (0, 0, 32), "lif2": (0, 32, 42)}
    # the layer-to-layer weights are recurrent weights of the core
    assert np.count_nonzero(net.w_rec[:32, 32:]) > 0 and not np.any(net.w_rec[32:, :])
    got = run_ref(imp, x)
    want = simulate(g, {"in": x}, DT)
    # the float model of lifcore's own (quantised) parameters: the integer
    # arithmetic adds almost nothing to the rounding of the parameters
    quant = simulate(lifcore.to_nir(net, dt=DT), {"input": x}, DT)["neurons"]
    for k, sl in (("lif1", slice(0, 32)), ("lif2", slice(32, 42))):
        frac, extra, total = agreement(want[k], got[k])
        print("%s: %d reference spikes, %.4f within 1 step, %.4f exact, %.4f extra"
              % (k, total, frac, exact_fraction(want[k], got[k]), extra))
        assert total > 100
        assert frac >= 0.85 and extra <= 0.15, k
        q = quant[imp.latency[k]:, sl][:len(got[k])]
        qfrac, qextra, _ = agreement(q, got[k][:len(q)])
        print("%s against the float model of the quantised network: %.4f within 1 step, "
              "%.4f exact" % (k, qfrac, exact_fraction(q, got[k][:len(q)])))
        assert qfrac >= 0.99 and qextra <= 0.01, k
    # run() is Device.run with the second layer's spikes taken one step later
    with lifcore.open("ref") as dev:
        dev.load(net)
        raw = dev.run(imp.device_inputs(x, extra=1))
    assert np.array_equal(raw[:-1, :32], got["lif1"]) and np.array_equal(raw[1:, 32:],
                                                                          got["lif2"])


def test_recurrent_weights_agree_less_because_the_float_model_is_chaotic():
    rng = np.random.default_rng(2)
    g = two_layer(rng, rec=0.005)
    x = poisson(rng, 3000, 40, 20.0)
    imp = lifcore.from_nir(g, dt=DT)
    assert np.count_nonzero(imp.network.w_rec[:32, :32]) > 900
    got = run_ref(imp, x)
    want = simulate(g, {"in": x}, DT)
    # the float model against itself with its input weights perturbed by 0.1%
    g.nodes["fc1"].weight = g.nodes["fc1"].weight * (1 + 1e-3 * rng.standard_normal((32, 40)))
    pert = simulate(g, {"in": x}, DT)
    for k in ("lif1", "lif2"):
        frac, extra, total = agreement(want[k], got[k])
        pfrac = agreement(want[k], pert[k])[0]
        print("recurrent %s: %d reference spikes, %.4f within 1 step (float perturbed by "
              "0.1%%: %.4f)" % (k, total, frac, pfrac))
        assert total > 100 and frac >= 0.75 and extra <= 0.25, k


def test_system_target_gives_the_networks_spikes():
    rng = np.random.default_rng(3)
    g = two_layer(rng, rec=0.01)
    x = poisson(rng, 1000, 40, 20.0)
    a = lifcore.from_nir(g, dt=DT)
    b = lifcore.from_nir(g, dt=DT, target="system", pack=False)
    assert isinstance(b.network, lifcore.System) and b.network.n_cores == 2
    assert len(b.network.routes) == 32 and set(b.network.routes[:, 4]) == {1}
    ra, rb = run_ref(a, x), run_ref(b, x)
    for k in ra:
        assert np.array_equal(ra[k], rb[k]), k
    # packed, both nodes fit one core: a System of that one core, the Network's spikes
    p = lifcore.from_nir(g, dt=DT, target="system")
    assert p.network.n_cores == 1 and len(p.network.routes) == 0
    assert p.network[0] == a.network
    # too big for one core: auto makes a System, 'network' refuses naming the sizes
    c = lifcore.from_nir(g, dt=DT, max_neurons=32)
    assert c.is_system and c.network.n_cores == 2
    with pytest.raises(errors.LifcoreSizeError, match="42 neurons"):
        lifcore.from_nir(g, dt=DT, max_neurons=32, target="network")


def three_layer(rng):
    """Input 30 -> CubaLIF 20 -> LIF 20 -> LIF 10, feed-forward."""
    g = two_layer(rng, n_in=30, n1=20, n2=20, rec=None)
    nodes, edges = dict(g.nodes), [e for e in g.edges if e != ("lif2", "out")]
    nodes["fc3"] = nir.Linear(weight=rng.uniform(0.0, 0.5, (10, 20)))
    nodes["lif3"] = nir.LIF(tau=arr(10e-3, 10), r=arr(10e-3 / DT, 10), v_leak=arr(0, 10),
                            v_threshold=arr(1.0, 10))
    nodes["out"] = nir.Output(output_type={"output": np.array([10])})
    edges += [("lif2", "fc3"), ("fc3", "lif3"), ("lif3", "out")]
    return nir.NIRGraph(nodes=nodes, edges=edges)


def test_packing_layers_into_cores_keeps_the_spikes():
    rng = np.random.default_rng(8)
    g = three_layer(rng)
    x = poisson(rng, 1000, 30, 20.0)
    one = lifcore.from_nir(g, dt=DT)
    assert not one.is_system and one.latency == {"lif1": 0, "lif2": 1, "lif3": 2}
    packed = lifcore.from_nir(g, dt=DT, max_neurons=40)
    assert packed.is_system and [c.n_neurons for c in packed.network.cores] == [40, 10]
    assert [c.n_inputs for c in packed.network.cores] == [30, 20]
    r = packed.network.routes
    assert len(r) == 20 and set(r[:, 0]) == {0} and set(r[:, 2]) == {1} and set(r[:, 4]) == {1}
    apart = lifcore.from_nir(g, dt=DT, target="system", pack=False)
    assert apart.network.n_cores == 3
    want = run_ref(one, x)
    assert sum(int(v.sum()) for v in want.values()) > 300
    for imp in (packed, apart):
        got = run_ref(imp, x)
        for k in want:
            assert np.array_equal(want[k], got[k]), k
    # a node larger than a core is refused, not split
    with pytest.raises(errors.LifcoreSizeError, match=r"'lif1' \(CubaLIF\): 20 neurons"):
        lifcore.from_nir(g, dt=DT, max_neurons=16)
    with pytest.raises(errors.LifcoreSizeError, match=r"'lif1'.*30 input axons"):
        lifcore.from_nir(g, dt=DT, max_inputs=16)


def test_delay_nodes_become_routes():
    rng = np.random.default_rng(4)
    g = two_layer(rng, delay=5)
    x = poisson(rng, 2000, 40, 20.0)
    imp = lifcore.from_nir(g, dt=DT)
    assert imp.is_system
    assert set(imp.network.routes[:, 4]) == {5} and imp.latency == {"lif1": 0, "lif2": 0}
    with pytest.raises(errors.LifcoreUnsupportedError, match="'lif2'.*delayed 5 steps"):
        lifcore.from_nir(g, dt=DT, target="network")
    # packed into one core, the delay is a route from the core to its own axons
    assert imp.network.n_cores == 1 and set(imp.network.routes[:, 2]) == {0}
    apart = lifcore.from_nir(g, dt=DT, pack=False)
    assert apart.network.n_cores == 2
    for k, v in run_ref(apart, x).items():
        assert np.array_equal(v, run_ref(imp, x)[k]), k
    got = run_ref(imp, x)
    want = simulate(g, {"in": x}, DT)
    for k in ("lif1", "lif2"):
        frac, extra, total = agreement(want[k], got[k])
        print("delay %s: %d reference spikes, %.4f within 1 step, %.4f extra"
              % (k, total, frac, extra))
        assert total > 50 and frac >= 0.9 and extra <= 0.1, k
    # a delay of one step is the core's own w_rec: one Network, no latency
    one = lifcore.from_nir(two_layer(np.random.default_rng(4), delay=1), dt=DT)
    assert not one.is_system and one.latency == {"lif1": 0, "lif2": 0}


def test_if_layer_and_li_readout():
    rng = np.random.default_rng(5)
    n_in, n, n_out = 30, 20, 4
    g = nir.NIRGraph(nodes={
        "in": nir.Input(input_type={"input": np.array([n_in])}),
        "fc": nir.Linear(weight=rng.uniform(0, 0.25, (n, n_in)) / DT),
        "if": nir.IF(r=arr(1.0, n), v_threshold=arr(1.0, n)),
        "fc2": nir.Linear(weight=rng.normal(0.05, 0.05, (n_out, n))),
        "li": nir.LI(tau=arr(5e-3, n_out), r=arr(5e-3 / DT, n_out), v_leak=arr(0, n_out)),
        "out": nir.Output(output_type={"output": np.array([n_out])})},
        edges=[("in", "fc"), ("fc", "if"), ("if", "fc2"), ("fc2", "li"), ("li", "out")])
    T = 600
    x = poisson(rng, T, n_in, 100.0)
    imp = lifcore.from_nir(g, dt=DT)
    want = simulate(g, {"in": x}, DT)
    vs = []
    with lifcore.open("ref") as dev:
        dev.load(imp.network)
        xi = imp.device_inputs(x, extra=1)
        out = np.zeros((T + 1, imp.network.n_neurons), dtype=bool)
        for t in range(T + 1):
            out[t] = dev.run(xi[t:t + 1])[0]
            vs.append(imp.voltage(dev.read_state().v, "li"))
    got = imp.split(out, steps=T)
    frac, extra, total = agreement(want["if"], got["if"])
    print("IF: %d reference spikes, %.4f within 1 step" % (total, frac))
    assert total > 100 and frac >= 0.95
    assert not got["li"].any()  # a read-out never spikes
    v = np.array(vs)[imp.latency["li"]:]  # LI runs one step late, like a layer
    err = np.abs(v - want["li"]) / np.max(np.abs(want["li"]))
    print("LI read-out: error rms %.4f, median %.4f, largest %.4f of the largest |v|"
          % (np.sqrt(np.mean(err ** 2)), np.median(err), np.max(err)))
    assert np.sqrt(np.mean(err ** 2)) < 0.02 and np.median(err) < 0.005


def test_quantisation_report_and_percentile_clipping():
    rng = np.random.default_rng(6)
    g = two_layer(rng, rec=0.01)
    full = lifcore.from_nir(g, dt=DT).report
    assert full.clipped == 0
    assert full.get("lif2", "tau")["max_rel_error"] < 0.01
    clipped = lifcore.from_nir(g, dt=DT, percentile=90).report
    e = clipped.get("lif1", "weight<-in")
    # 10% of lif1's nonzero weights lie above the 90th percentile of |w|
    nz = np.count_nonzero(g.nodes["fc1"].weight) + np.count_nonzero(g.nodes["rec"].weight)
    assert 0 < e["clipped"] + clipped.get("lif1", "weight<-lif1@1")["clipped"] <= 0.11 * nz
    assert "max rel err" in str(clipped)
    # an Affine bias on a CubaLIF is a steady-state approximation and says so
    g.nodes["fc1"].bias = np.full(32, 0.1)
    r = lifcore.from_nir(g, dt=DT).report
    assert any("steady-state" in n for n in r.notes)


def _graph_with(node, n_in=4, n=3, name="bad"):
    return nir.NIRGraph(nodes={
        "in": nir.Input(input_type={"input": np.array([n_in])}),
        "fc": nir.Linear(weight=np.ones((n, n_in))),
        name: node,
        "out": nir.Output(output_type={"output": np.array([n])})},
        edges=[("in", "fc"), ("fc", name), (name, "out")], type_check=False)


def test_what_cannot_be_mapped_is_refused_naming_the_node():
    conv = nir.Conv2d(input_shape=(4, 4), weight=np.ones((1, 1, 2, 2)), stride=1, padding=0,
                      dilation=1, groups=1, bias=np.zeros(1))
    g = nir.NIRGraph(nodes={"in": nir.Input(input_type={"input": np.array([1, 4, 4])}),
                            "conv1": conv, "out": nir.Output(output_type={"output":
                                                                          np.array([9])})},
                     edges=[("in", "conv1"), ("conv1", "out")], type_check=False)
    with pytest.raises(errors.LifcoreUnsupportedError, match=r"'conv1' \(Conv2d\).*convol"):
        lifcore.from_nir(g, dt=DT)
    with pytest.raises(errors.LifcoreRangeError, match=r"'bad' \(LIF\).*v_threshold\[0\]"):
        lifcore.from_nir(_graph_with(nir.LIF(tau=arr(1e-2, 3), r=arr(1, 3), v_leak=arr(0, 3),
                                             v_threshold=arr(-1, 3))), dt=DT)
    with pytest.raises(errors.LifcoreRangeError, match=r"'bad'.*tau\[0\].*shorter than dt"):
        lifcore.from_nir(_graph_with(nir.LIF(tau=arr(1e-5, 3), r=arr(1, 3), v_leak=arr(0, 3),
                                             v_threshold=arr(1, 3))), dt=DT)
    with pytest.raises(errors.LifcoreUnsupportedError, match=r"'bad'.*v_reset differs"):
        lifcore.from_nir(_graph_with(nir.LIF(tau=arr(1e-2, 3), r=arr(1, 3), v_leak=arr(0, 3),
                                             v_threshold=arr(1, 3),
                                             v_reset=np.array([0, 0.1, 0]))), dt=DT)
    # a leaky integrator's voltage cannot feed another layer
    rng = np.random.default_rng(0)
    g = two_layer(rng, rec=None)
    g.nodes["lif1"] = nir.CubaLI(tau_syn=arr(5e-3, 32), tau_mem=arr(2e-2, 32), r=arr(1, 32),
                                 v_leak=arr(0, 32))
    with pytest.raises(errors.LifcoreUnsupportedError, match=r"'lif1' \(CubaLI\).*feeds 'fc2'"):
        lifcore.from_nir(g, dt=DT)
    with pytest.raises(errors.LifcoreArgError, match="dt"):
        lifcore.from_nir(two_layer(rng), dt=0)
    # a linear node whose output goes nowhere is not dropped silently
    g = two_layer(rng, rec=None)
    g.nodes["spare"] = nir.Linear(weight=np.ones((3, 32)))
    g.edges.append(("lif1", "spare"))
    with pytest.raises(errors.LifcoreUnsupportedError, match=r"'spare' \(Linear\).*no neuron"):
        lifcore.from_nir(g, dt=DT)
    # feed-forward layers whose paths differ in length cannot share one core's timing
    g = two_layer(rng, rec=None)
    g.nodes["skip"] = nir.Linear(weight=np.ones((10, 40)))
    g.edges += [("in", "skip"), ("skip", "lif2")]
    with pytest.raises(errors.LifcoreUnsupportedError, match=r"'lif2'.*different latencies"):
        lifcore.from_nir(g, dt=DT)
    with pytest.raises(errors.LifcoreUnsupportedError, match=r"'lif2'.*cannot delay the user"):
        lifcore.from_nir(g, dt=DT, target="system")
    # a Delay on the user's input
    g = two_layer(rng, rec=None)
    g.nodes["d_in"] = nir.Delay(delay=np.full(40, 2 * DT))
    g.edges = [("in", "d_in"), ("d_in", "fc1")] + [e for e in g.edges if e != ("in", "fc1")]
    with pytest.raises(errors.LifcoreUnsupportedError, match=r"'lif1'.*from Input 'in' is "
                       r"delayed 2 steps"):
        lifcore.from_nir(g, dt=DT)


def test_to_nir_round_trips_through_a_file(tmp_path):
    rng = np.random.default_rng(7)
    n, m = 24, 16
    net = lifcore.Network(n, m)
    net.set(du=rng.integers(40, 400, n), dv=rng.integers(10, 100, n), vth=20000,
            bias=rng.integers(-20, 40, n), w_shift=6, v_reset=-300)
    net.w_in = rng.integers(-40, 100, (m, n))
    net.w_rec = np.where(rng.random((n, n)) < 0.2, rng.integers(-30, 30, (n, n)), 0)
    g = lifcore.to_nir(net, dt=DT)
    assert type(g.nodes["neurons"]).__name__ == "CubaLIF"
    path = tmp_path / "net.nir"
    nir.write(path, g)
    g2 = nir.read(path)
    assert set(g2.nodes) == set(g.nodes)
    for k in ("tau_syn", "tau_mem", "r", "v_leak", "v_threshold", "v_reset", "w_in"):
        assert np.allclose(getattr(g2.nodes["neurons"], k), getattr(g.nodes["neurons"], k))
    back = lifcore.from_nir(path, dt=DT)
    assert back.network == net
    # the exported graph's own float equations give lifcore's spikes
    x = poisson(rng, 1500, m, 100.0)
    want = simulate(g2, {"input": x}, DT)["neurons"]
    with lifcore.open("ref") as dev:
        dev.load(net)
        got = dev.run(x)
    frac, extra, total = agreement(want, got)
    print("export: %d float spikes, %.4f within 1 step, %.4f exact"
          % (total, frac, exact_fraction(want, got)))
    assert total > 100 and frac >= 0.95 and extra <= 0.05
    # LIF and IF exports
    net.du = 4096
    assert type(lifcore.to_nir(net, dt=DT).nodes["neurons"]).__name__ == "LIF"
    assert lifcore.from_nir(lifcore.to_nir(net, dt=DT), dt=DT).network == net
    net.dv, net.bias = 0, 0
    assert type(lifcore.to_nir(net, dt=DT).nodes["neurons"]).__name__ == "IF"
    assert lifcore.from_nir(lifcore.to_nir(net, dt=DT), dt=DT).network == net


def test_to_nir_refuses_what_nir_cannot_say():
    net = lifcore.Network(3, 2)
    net.set(du=100, dv=50, vth=1000)
    net.tref = [0, 2, 0]
    with pytest.raises(errors.LifcoreUnsupportedError, match="neuron 1 has tref = 2"):
        lifcore.to_nir(net, dt=DT)
    net.tref = 0
    net.learning = 1
    with pytest.raises(errors.LifcoreUnsupportedError, match="plasticity"):
        lifcore.to_nir(net, dt=DT)
    net.learning = 0
    net.dv = [50, 0, 50]
    with pytest.raises(errors.LifcoreUnsupportedError, match="neuron 1 has dv = 0"):
        lifcore.to_nir(net, dt=DT)
