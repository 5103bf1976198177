# nir_io.py : lifcore.from_nir / lifcore.to_nir, NIR graphs to and from lifcore
# NIR (the Neuromorphic Intermediate Representation, PyPI "nir") describes a
# network as continuous-time nodes (Input, Affine, Linear, CubaLIF, LIF, IF, ...)
# joined by edges. from_nir discretises it with forward Euler at a step dt and
# quantises it to the integer contract of docs/model.md: one Network when it
# fits one core, else a System of one core per neuron node. to_nir exports a
# Network back. The mapping, the scales and the limits are in docs/python.md
# ("NIR"). The nir package is imported only when these functions are called.
# SPDX-License-Identifier: MIT
"""NIR graphs to lifcore networks (from_nir) and back (to_nir). See docs/python.md."""

import os

import numpy as np

from . import _lib, errors
from .network import Network
from .system import System

SMAX = (1 << 23) - 1
DECAY_UNITY = 4096
#: the voltage scale is chosen so that the largest magnitude a neuron node is
#: expected to reach (threshold, reset, leak, or the current of every input
#: spiking at once) is at most this many integer units: 8x below saturation
HEADROOM = 1 << 20

SPIKING = ("CubaLIF", "LIF", "IF")
NON_SPIKING = ("CubaLI", "LI", "I")
LINEAR = ("Affine", "Linear", "Scale", "Identity", "Delay")


def _nir():
    try:
        import nir
    except ImportError:
        raise ImportError("lifcore.from_nir / to_nir need the nir package "
                          "(pip install nir, or scripts/setup python)") from None
    return nir


def _refuse(code, name, node, reason):
    what = "NIR node '%s' (%s)" % (name, type(node).__name__) if node is not None \
        else "NIR node '%s'" % name
    _lib.raise_error(code, "%s: %s" % (what, reason))


def _unsupported(name, node, reason):
    _refuse(errors.ERR_UNSUPPORTED, name, node, reason)


def _vec(name, node, field, n=None):
    """A 1-D float array of a node's field (a scalar is broadcast to n)."""
    a = np.asarray(getattr(node, field), dtype=float)
    if a.ndim == 0 and n is not None:
        a = np.full(n, float(a))
    if a.ndim != 1:
        _unsupported(name, node, "%s has shape %s; lifcore maps only one-dimensional "
                     "neuron nodes" % (field, a.shape))
    if n is not None and a.shape != (n,):
        _unsupported(name, node, "%s has shape %s, expected (%d,)" % (field, a.shape, n))
    if not np.all(np.isfinite(a)) and field not in ("tau", "tau_mem", "tau_syn"):
        _refuse(errors.ERR_RANGE, name, node, "%s is not finite" % field)
    return a


def _size(name, node):
    """Number of elements of a neuron node or an Input."""
    if type(node).__name__ == "Input":
        shape = np.asarray(node.input_type.get("input", node.output_type.get("output")))
        shape = [int(s) for s in np.atleast_1d(shape)]
        if len(shape) != 1:
            _unsupported(name, node, "input shape %s is not one-dimensional (flatten it)"
                         % (tuple(shape),))
        return shape[0]
    field = {"CubaLIF": "v_threshold", "LIF": "v_threshold", "IF": "v_threshold",
             "CubaLI": "v_leak", "LI": "v_leak", "I": "r"}[type(node).__name__]
    a = np.asarray(getattr(node, field))
    if a.ndim != 1:
        _unsupported(name, node, "%s has shape %s; lifcore maps only one-dimensional "
                     "neuron nodes" % (field, a.shape))
    return int(a.shape[0])


def _decay(name, node, field, tau, dt, method):
    """Decay constants of time constants: Euler round(4096 dt/tau) or exact
    round(4096 (1 - exp(-dt/tau))). Returns (d, implied tau, largest relative error)."""
    if np.any(tau <= 0) or np.any(np.isnan(tau)):
        _refuse(errors.ERR_RANGE, name, node, "%s must be > 0" % field)
    with np.errstate(divide="ignore"):
        if method == "euler":
            frac = dt / tau
            if np.any(frac > 1 + 1e-9):
                i = int(np.argmax(frac))
                _refuse(errors.ERR_RANGE, name, node,
                        "%s[%d] = %g is shorter than dt = %g; forward Euler needs dt <= tau "
                        "(use a smaller dt, or method='exact')" % (field, i, tau[i], dt))
        else:
            frac = -np.expm1(-dt / tau)
    d = np.clip(np.rint(DECAY_UNITY * frac), 0, DECAY_UNITY).astype(np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "euler":
            implied = dt * DECAY_UNITY / d
        else:
            implied = -dt / np.log1p(-d / DECAY_UNITY)
        implied = np.where(d == 0, np.inf, implied)
        err = np.where(np.isinf(tau) & np.isinf(implied), 0.0, np.abs(implied - tau) / tau)
    return d, implied, float(np.max(err)) if err.size else 0.0


class _Term:
    """Input to a neuron node from one spiking source: matrix (n_target x n_source),
    the delay in steps NIR asks for, and the nodes it went through."""

    def __init__(self, source, delay, matrix, via):
        self.source, self.delay, self.matrix, self.via = source, delay, matrix, via


class NirImport:
    """What lifcore.from_nir returns. Unpacks as ``network, report = from_nir(...)``.

    Attributes:

    - ``network``: a lifcore.Network (one core) or a lifcore.System;
    - ``report``: the QuantReport (errors of every quantised parameter);
    - ``dt``, ``w_shift`` (per core, a list), ``v_scale`` (node -> integer units
      of v per unit of NIR voltage), ``latency`` (node -> steps by which lifcore's
      spikes of that node come later than the NIR graph's), ``neurons`` (node ->
      (core, first, stop)), ``axons`` (Input node -> [(core, first, stop), ...]),
      ``outputs`` (Output node -> the neuron node that drives it).
    """

    def __init__(self, network, report, **kw):
        self.network = network
        self.report = report
        for k, v in kw.items():
            setattr(self, k, v)

    def __iter__(self):
        return iter((self.network, self.report))

    @property
    def is_system(self):
        return isinstance(self.network, System)

    def device_inputs(self, inputs, steps=None, extra=0):
        """The input of Device.run for ``inputs``: one bool array (steps x n) per
        Input node (a dict by name, or one array when the graph has one Input),
        followed by ``extra`` silent steps. A Network gets one array, a System a
        list with one array (or None) per core."""
        if inputs is None:
            inputs = {}
        if not isinstance(inputs, dict):
            if len(self.axons) != 1:
                raise ValueError("from_nir result: the graph has %d Input nodes (%s): give "
                                 "a dict of arrays by name" % (len(self.axons),
                                                               ", ".join(self.axons)))
            inputs = {next(iter(self.axons)): inputs}
        t = steps
        for k, x in inputs.items():
            if k not in self.axons:
                raise ValueError("from_nir result: no Input node %r (nodes: %s)"
                                 % (k, ", ".join(self.axons)))
            t = np.shape(x)[0] if t is None else t
        if t is None:
            raise ValueError("from_nir result: give inputs or steps")
        cores = self.network.cores if self.is_system else [self.network]
        arrays = [np.zeros((t + extra, c.n_inputs), dtype=bool) for c in cores]
        for k, x in inputs.items():
            x = np.asarray(x, dtype=bool)
            for core, a, b in self.axons[k]:
                if x.shape != (t, b - a):
                    raise ValueError("from_nir result: input %r must have shape (%d, %d), got "
                                     "%s" % (k, t, b - a, x.shape))
                arrays[core][:t, a:b] = x
        if not self.is_system:
            return arrays[0]
        return [a if a.shape[1] else None for a in arrays]

    def split(self, out, steps=None):
        """Device.run's output as a dict: neuron node -> bool (steps x n), each
        shifted back by its latency so that row t is the NIR graph's step t."""
        outs = out if self.is_system else [out]
        res = {}
        for name, (core, a, b) in self.neurons.items():
            lat = self.latency[name]
            o = np.asarray(outs[core])[:, a:b]
            t = o.shape[0] - lat if steps is None else steps
            res[name] = o[lat:lat + t]
        return res

    def run(self, device, inputs=None, steps=None):
        """Run ``inputs`` (see device_inputs; or None with ``steps``) on an open device
        on which this network is loaded, plus as many silent steps as the largest
        latency, and return split()'s dict: neuron node -> bool (steps x n), in the
        NIR graph's time."""
        lat = max(self.latency.values(), default=0)
        x = self.device_inputs(inputs, steps=steps, extra=lat)
        total = (x if not self.is_system else
                 next((a for a in x if a is not None), None))
        total = total.shape[0] if total is not None else steps + lat
        out = device.run(x, steps=total)
        return self.split(out, steps=total - lat)

    def voltage(self, state_v, name):
        """v of a neuron node in NIR units, from the v of Device.read_state() (of its core)."""
        core, a, b = self.neurons[name]
        return np.asarray(state_v)[a:b] / self.v_scale[name]

    def __repr__(self):
        return "NirImport(%r, %d quantised parameters)" % (self.network, len(self.report))


class QuantReport:
    """The quantisation of one from_nir call: a list of entries, one per node and
    parameter, each a dict with ``node``, ``param``, ``max_rel_error`` (largest
    |quantised - exact| / |exact| over the nonzero exact values), ``max_abs_error``
    (in the parameter's unit), ``max_error_of_range`` (max_abs_error / the largest
    |exact|: what rounding to the 8-bit grid costs), ``clipped`` (values that had to
    be clipped to the contract's range), ``zeroed`` (nonzero values that became 0), ``count`` and
    ``scale`` (one integer unit in the parameter's unit). ``notes``: approximations
    that are not a rounding (a list of strings)."""

    def __init__(self):
        self.entries = []
        self.notes = []

    def add(self, node, param, exact, quant, clipped=0, scale=None):
        exact = np.asarray(exact, dtype=float).ravel()
        quant = np.asarray(quant, dtype=float).ravel()
        with np.errstate(divide="ignore", invalid="ignore"):
            both_inf = np.isinf(exact) & np.isinf(quant)
            err = np.where(both_inf, 0.0, np.abs(quant - exact))
            nz = exact != 0
            rel = np.where(both_inf, 0.0, err / np.abs(exact))
        self.entries.append({
            "node": node, "param": param,
            "max_rel_error": float(np.max(rel[nz])) if np.any(nz) else 0.0,
            "max_abs_error": float(np.max(err)) if err.size else 0.0,
            "max_error_of_range": float(np.max(err) / np.max(np.abs(exact)))
            if np.any(nz) and np.all(np.isfinite(exact)) else 0.0,
            "clipped": int(clipped),
            "zeroed": int(np.count_nonzero(nz & (quant == 0))),
            "count": int(exact.size), "scale": scale,
        })

    def __len__(self):
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    def get(self, node, param):
        """The entry of one node's parameter (KeyError when there is none)."""
        for e in self.entries:
            if e["node"] == node and e["param"] == param:
                return e
        raise KeyError((node, param))

    def max_rel_error(self, param=None):
        """Largest relative error over all entries (of one param name, e.g. 'weight')."""
        return max([e["max_rel_error"] for e in self.entries
                    if param is None or e["param"] == param] or [0.0])

    @property
    def clipped(self):
        """Total number of clipped values."""
        return sum(e["clipped"] for e in self.entries)

    def __str__(self):
        lines = ["%-16s %-24s %11s %11s %7s %6s %6s" % (
            "node", "param", "max rel err", "err/range", "clipped", "zeroed", "count")]
        for e in self.entries:
            r = e["max_error_of_range"]
            lines.append("%-16s %-24s %11.3g %11s %7d %6d %6d" % (
                e["node"][:16], e["param"][:24], e["max_rel_error"],
                "-" if r is None else "%.3g" % r, e["clipped"], e["zeroed"], e["count"]))
        lines += ["note: " + n for n in self.notes]
        return "\n".join(lines)

    __repr__ = __str__


# ---------------------------------------------------------------------------
# graph analysis
# ---------------------------------------------------------------------------
def _edges(graph):
    nodes = graph.nodes
    out = []
    for e in graph.edges:
        a, b = e[0], e[1]
        ends = []
        for x in (a, b):
            if x not in nodes and "." in x and x.rsplit(".", 1)[0] in nodes:
                x = x.rsplit(".", 1)[0]  # "node.port": lifcore's nodes have one port
            if x not in nodes:
                _lib.raise_error(errors.ERR_ARG, "NIR edge (%s, %s): no node %r" % (a, b, x))
            ends.append(x)
        out.append(tuple(ends))
    return out


def _order(graph, edges):
    """Node names in depth-first order from the Inputs (then the rest), and the set
    of back edges (edges that close a cycle: they carry the previous step)."""
    succ = {k: [] for k in graph.nodes}
    for a, b in edges:
        succ[a].append(b)
    state, order, back = {}, [], set()

    def visit(root):
        stack = [(root, iter(succ[root]))]
        state[root] = 1
        while stack:
            n, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[n] = 2
                order.append(n)
                stack.pop()
            elif state.get(nxt) == 1:
                back.add((n, nxt))
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(succ[nxt])))

    names = list(graph.nodes)
    for k in [k for k in names if type(graph.nodes[k]).__name__ == "Input"] + names:
        if k not in state:
            visit(k)
    order.reverse()
    return order, back


def from_nir(graph, dt, *, target="auto", max_neurons=None, max_inputs=None, pack=True,
             w_shift=None, method="euler", percentile=100.0):
    """Import a NIR graph (a nir.NIRGraph, or the path of a .nir file).

    ``dt``: the time step, in the graph's time unit. ``target``: ``"network"`` (one
    core, refused when it does not fit), ``"system"`` (cores joined by
    routes) or ``"auto"`` (a Network when the graph fits one core of
    ``max_neurons`` x ``max_inputs`` and needs no routes, else a System). In a System,
    ``pack=True`` puts consecutive neuron nodes into one core while they fit (their
    connections with a one-step delay become w_rec); ``pack=False`` gives every neuron
    node its own core.
    ``w_shift``: the core's w_shift (default: the largest that keeps every node's
    voltages within 2^20). ``method``: ``"euler"`` (decay = round(4096 dt/tau), the
    forward-Euler discretisation of NIR's equations) or ``"exact"`` (round(4096 (1 -
    exp(-dt/tau)))). ``percentile``: the weight magnitude that maps to 127, as a
    percentile of each node's nonzero weights (100: the largest, nothing clipped;
    less clips the outliers, which the report counts).

    Returns a NirImport, which unpacks as ``network, report``. What cannot be
    mapped raises a LifcoreError naming the node and the reason
    (LifcoreUnsupportedError, LifcoreSizeError, LifcoreRangeError).
    """
    nir = _nir()
    if isinstance(graph, (str, os.PathLike)):
        graph = nir.read(graph)
    if not isinstance(graph, nir.NIRGraph):
        raise TypeError("from_nir: expected a nir.NIRGraph or a file name, got %s"
                        % type(graph).__name__)
    try:
        dt = float(dt)
    except (TypeError, ValueError):
        raise TypeError("from_nir: dt must be a number, got %r" % (dt,)) from None
    if not dt > 0 or not np.isfinite(dt):
        _lib.raise_error(errors.ERR_ARG, "from_nir: dt must be > 0, got %r" % dt)
    if target not in ("auto", "network", "system"):
        raise ValueError("from_nir: target must be 'auto', 'network' or 'system'")
    if method not in ("euler", "exact"):
        raise ValueError("from_nir: method must be 'euler' or 'exact'")
    if not 0 < float(percentile) <= 100:
        raise ValueError("from_nir: percentile must lie in (0, 100]")
    max_n = _lib.NET_MAX_NEURONS if max_neurons is None else int(max_neurons)
    max_m = _lib.NET_MAX_INPUTS if max_inputs is None else int(max_inputs)

    nodes = graph.nodes
    for name, node in nodes.items():
        t = type(node).__name__
        if t in ("Input", "Output") or t in SPIKING or t in NON_SPIKING or t in LINEAR:
            continue
        why = {"Conv1d": "convolutions are not mapped (lifcore synapses are a dense "
                         "matrix per core; unroll the convolution into an Affine)",
               "Conv2d": "convolutions are not mapped (lifcore synapses are a dense "
                         "matrix per core; unroll the convolution into an Affine)",
               "NIRGraph": "nested graphs are not mapped (flatten the graph first)",
               "Flatten": "Flatten is not mapped (lifcore's layers are one-dimensional)",
               "SumPool2d": "pooling is not mapped", "AvgPool2d": "pooling is not mapped",
               "Threshold": "a Threshold without a neuron model is not mapped"}
        _unsupported(name, node, why.get(t, "node type %s has no lifcore mapping" % t))

    edges = _edges(graph)
    order, back = _order(graph, edges)
    preds = {k: [] for k in nodes}
    for a, b in edges:
        preds[b].append(a)

    pops = [k for k in order if type(nodes[k]).__name__ in SPIKING + NON_SPIKING]
    ins = [k for k in order if type(nodes[k]).__name__ == "Input"]
    size = {k: _size(k, nodes[k]) for k in pops + ins}
    if not pops:
        _lib.raise_error(errors.ERR_UNSUPPORTED, "NIR graph: no neuron node (CubaLIF, LIF, "
                         "IF, CubaLI, LI, I) to map")

    # ---- what reaches each neuron node: linear maps of spiking sources ----------
    memo, busy = {}, set()

    def out_expr(name, consumer):
        node = nodes[name]
        t = type(node).__name__
        if t == "Input" or t in SPIKING:
            n = size[name]
            return [_Term(name, 0, np.eye(n), [])], 0.0
        if t in NON_SPIKING:
            _unsupported(name, node, "its output (a voltage, not spikes) feeds '%s'; lifcore "
                         "passes only spikes between neurons, so a %s node can only be a "
                         "read-out (an Output)" % (consumer, t))
        if t == "Output":
            _unsupported(name, node, "an Output node feeds '%s'" % consumer)
        if name in memo:
            return memo[name]
        if name in busy:
            _unsupported(name, node, "is on a cycle of linear nodes without a neuron")
        busy.add(name)
        terms, const = in_expr(name)
        if t in ("Affine", "Linear"):
            w = np.asarray(node.weight, dtype=float)
            if w.ndim != 2:
                _unsupported(name, node, "weight has shape %s; only 2-D weights are mapped"
                             % (w.shape,))
            for tm in terms:
                if tm.matrix.shape[0] != w.shape[1]:
                    _unsupported(name, node, "weight %s does not fit its input of %d"
                                 % (w.shape, tm.matrix.shape[0]))
            terms = [_Term(tm.source, tm.delay, w @ tm.matrix, tm.via + [name])
                     for tm in terms]
            const = w @ np.broadcast_to(const, (w.shape[1],))
            if t == "Affine":
                const = const + np.asarray(node.bias, dtype=float).reshape(-1)
        elif t == "Scale":
            s = np.asarray(node.scale, dtype=float).reshape(-1)
            terms = [_Term(tm.source, tm.delay, s[:, None] * tm.matrix, tm.via + [name])
                     for tm in terms]
            const = s * const
        elif t == "Delay":
            dl = np.asarray(node.delay, dtype=float).reshape(-1)
            steps = np.rint(dl / dt).astype(np.int64)
            if np.any(steps < 0):
                _refuse(errors.ERR_RANGE, name, node, "a negative delay")
            if np.any(np.abs(steps * dt - dl) > 1e-6 * max(dt, 1e-300)):
                report_notes.append("%s: delays rounded to whole steps of dt (largest error "
                                    "%.3g)" % (name, float(np.max(np.abs(steps * dt - dl)))))
            new = []
            for tm in terms:
                if tm.matrix.shape[0] != len(steps):
                    _unsupported(name, node, "delay of %d elements on a signal of %d"
                                 % (len(steps), tm.matrix.shape[0]))
                if tm.via or tm.delay:
                    _unsupported(name, node, "only a delay right after a neuron node or an "
                                 "Input (a delay per source neuron) is mapped")
                for d in np.unique(steps):
                    m = np.where((steps == d)[:, None], tm.matrix, 0.0)
                    new.append(_Term(tm.source, int(d), m, [name]))
            terms = new
            if np.any(const != 0):
                _unsupported(name, node, "a delayed constant")
        busy.discard(name)
        memo[name] = (terms, const)
        return memo[name]

    def in_expr(name):
        terms, const = [], 0.0
        if not preds[name]:
            _unsupported(name, nodes[name], "has no input edge")
        for p in preds[name]:
            tt, c = out_expr(p, name)
            if (p, name) in back:  # a back edge: the previous step (NIR's cycle delay)
                tt = [_Term(x.source, x.delay + 1, x.matrix, x.via + ["<cycle>"]) for x in tt]
            terms = terms + tt
            const = const + c
        return terms, np.asarray(const, dtype=float)

    report = QuantReport()
    report_notes = report.notes

    for name, node in nodes.items():
        if type(node).__name__ == "Output" and not preds[name]:
            _unsupported(name, node, "has no input edge")
    outputs = {}
    for name, node in nodes.items():
        if type(node).__name__ != "Output":
            continue
        if len(preds[name]) > 1:
            _unsupported(name, node, "is fed by %d nodes (%s); an Output names one neuron "
                         "node" % (len(preds[name]), ", ".join(preds[name])))
        for p in preds[name]:
            if type(nodes[p]).__name__ not in SPIKING + NON_SPIKING:
                _unsupported(name, node, "is fed by '%s' (%s); only neuron nodes can be "
                             "outputs of lifcore" % (p, type(nodes[p]).__name__))
            outputs[name] = p

    inputs_of = {}
    for p in pops:
        terms, const = in_expr(p)
        # merge terms of the same source and delay
        merged = {}
        for tm in terms:
            key = (tm.source, tm.delay)
            if key in merged:
                merged[key] = _Term(tm.source, tm.delay, merged[key].matrix + tm.matrix,
                                    merged[key].via + tm.via)
            else:
                merged[key] = tm
        for tm in merged.values():
            if tm.matrix.shape != (size[p], size[tm.source]):
                _unsupported(p, nodes[p], "its input from '%s' has %d elements, the node %d"
                             % (tm.source, tm.matrix.shape[0], size[p]))
        c = np.broadcast_to(const, (size[p],)).astype(float)
        inputs_of[p] = (list(merged.values()), c)

    for name, node in nodes.items():
        if type(node).__name__ in LINEAR and name not in memo:
            _unsupported(name, node, "reaches no neuron node (it would be dropped)")

    # ---- the lifcore delay of each term, and the latency of each node ------------
    # A term (q, k): NIR delivers the spikes of q from step t - k. lifcore delivers an
    # Input's spikes in the same step and a neuron's d >= 1 steps later: d = 1 through
    # w_rec when q and p share a core, any d through a route of a System.
    # latency(p): steps by which lifcore's spikes of p come later than NIR's; a term of
    # a neuron node q then needs d = k + latency(p) - latency(q) >= 1.
    def is_input(name):
        return type(nodes[name]).__name__ == "Input"

    for p in pops:
        for tm in inputs_of[p][0]:
            if is_input(tm.source) and tm.delay > 0:
                _unsupported(p, nodes[p], "its input from Input '%s' is delayed %d steps "
                             "(%s); lifcore delivers the user's input in its own step"
                             % (tm.source, tm.delay, ", ".join(tm.via)))
    latency = {p: 0 for p in pops}
    for _ in range(len(pops) + 2):
        changed = False
        for p in pops:
            lat = max([latency[tm.source] + 1 - tm.delay for tm in inputs_of[p][0]
                       if not is_input(tm.source)] + [0])
            if lat != latency[p]:
                latency[p], changed = lat, True
        if not changed:
            break
    else:
        _unsupported(pops[0], nodes[pops[0]], "a cycle of neuron nodes is shorter in NIR "
                     "than lifcore's one step per connection allows (the latencies do not "
                     "settle)")
    for p in pops:
        late = [tm.source for tm in inputs_of[p][0] if not is_input(tm.source)]
        if latency[p] and any(is_input(tm.source) for tm in inputs_of[p][0]):
            src = next(tm.source for tm in inputs_of[p][0] if is_input(tm.source))
            _unsupported(p, nodes[p], "its inputs reach it with different latencies: Input "
                         "'%s' at once, %s %d steps late (lifcore's one step per layer); "
                         "lifcore cannot delay the user's input" % (
                             src, ", ".join("'%s'" % x for x in late), latency[p]))

    def delay_of(p, tm):
        return tm.delay + latency[p] - latency[tm.source]

    n_total = sum(size[p] for p in pops)
    m_total = sum(size[k] for k in ins)
    fits = n_total <= max_n and m_total <= max_m
    odd = [(p, tm) for p in pops for tm in inputs_of[p][0]
           if not is_input(tm.source) and delay_of(p, tm) != 1]
    if target == "network" and not fits:
        _lib.raise_error(errors.ERR_SIZE, "NIR graph: %d neurons and %d inputs do not fit one "
                         "core of %d x %d (neuron nodes: %s); use target='system'" % (
                             n_total, m_total, max_n, max_m,
                             ", ".join("%s %d" % (p, size[p]) for p in pops)))
    if target == "network" and odd:
        p, tm = odd[0]
        _unsupported(p, nodes[p], "its input from '%s' is delayed %d steps in NIR (%s) and "
                     "needs a delay of %d on lifcore; one core delays a neuron's spikes by "
                     "exactly one step; use target='system' (routes)"
                     % (tm.source, tm.delay, ", ".join(tm.via) or "direct", delay_of(p, tm)))
    system = target == "system" or (target == "auto" and (not fits or odd))

    def axon_blocks(group):
        """The axon blocks of a core holding @p group: (kind, source, delay) keys."""
        keys = []
        for p in group:
            for tm in inputs_of[p][0]:
                if is_input(tm.source):
                    key = ("input", tm.source, 0)
                elif tm.source in group and delay_of(p, tm) == 1:
                    continue  # w_rec
                else:
                    key = ("route", tm.source, delay_of(p, tm))
                if key not in keys:
                    keys.append(key)
        return keys

    def n_axons(group):
        return sum(size[k[1]] for k in axon_blocks(group))

    if not system:
        cores_of = [pops]
    else:
        cores_of, cur = [], []
        for p in pops:
            if size[p] > max_n or n_axons([p]) > max_m:
                _lib.raise_error(errors.ERR_SIZE, "NIR node '%s' (%s): %d neurons and %d "
                                 "input axons do not fit one core of %d x %d (nodes are not "
                                 "split across cores)" % (p, type(nodes[p]).__name__, size[p],
                                                          n_axons([p]), max_n, max_m))
            cand = cur + [p]
            if cur and (not pack or sum(size[x] for x in cand) > max_n or
                        n_axons(cand) > max_m):
                cores_of.append(cur)
                cur = [p]
            else:
                cur = cand
        cores_of.append(cur)
    core_of = {p: c for c, group in enumerate(cores_of) for p in group}

    # ---- neuron parameters ----------------------------------------------------------
    par = {}
    for p in pops:
        node, t, n = nodes[p], type(nodes[p]).__name__, size[p]
        q = {"kind": t, "n": n}
        if t in ("CubaLIF", "CubaLI"):
            tau_syn, tau_mem = _vec(p, node, "tau_syn", n), _vec(p, node, "tau_mem", n)
            q["du"], _, e_syn = _decay(p, node, "tau_syn", tau_syn, dt, method)
            q["dv"], _, e_mem = _decay(p, node, "tau_mem", tau_mem, dt, method)
            a = q["du"] / DECAY_UNITY  # the quantised fraction the current loses per step
            a_x = dt / tau_syn if method == "euler" else -np.expm1(-dt / tau_syn)
            b_x = dt / tau_mem if method == "euler" else -np.expm1(-dt / tau_mem)
            r, w_in = _vec(p, node, "r", n), _vec(p, node, "w_in", n)
            gain = b_x * r * a_x * w_in  # v increment per unit of input, exact
            leak = b_x * _vec(p, node, "v_leak", n)
            q["errors"] = [("tau_syn", e_syn), ("tau_mem", e_mem)]
            q["a"] = np.where(a > 0, a, np.nan)
        elif t in ("LIF", "LI"):
            tau = _vec(p, node, "tau", n)
            q["du"] = np.full(n, DECAY_UNITY, dtype=np.int64)
            q["dv"], _, e_mem = _decay(p, node, "tau", tau, dt, method)
            b_x = dt / tau if method == "euler" else -np.expm1(-dt / tau)
            gain = b_x * _vec(p, node, "r", n)
            leak = b_x * _vec(p, node, "v_leak", n)
            q["errors"] = [("tau", e_mem)]
            q["a"] = np.ones(n)
        else:  # IF, I: dv/dt = R I
            q["du"] = np.full(n, DECAY_UNITY, dtype=np.int64)
            q["dv"] = np.zeros(n, dtype=np.int64)
            gain = dt * _vec(p, node, "r", n)
            leak = np.zeros(n)
            q["errors"] = []
            q["a"] = np.ones(n)
        terms, const = inputs_of[p]
        q["weff"] = [gain[:, None] * tm.matrix for tm in terms]
        drive = gain * const
        if t in ("CubaLIF", "CubaLI") and np.any(drive != 0):
            # a constant input current: lifcore's bias acts on v directly, so it stands
            # for the current's steady state (exact after the current settles)
            drive = drive / np.where(np.isnan(q["a"]), np.inf, q["a"])
            report_notes.append("%s: the Affine bias (a constant current) maps to the "
                                "steady-state bias on v; the first ~tau_syn/dt steps differ"
                                % p)
        q["bias_f"] = leak + drive
        if t in SPIKING:
            q["vth_f"] = _vec(p, node, "v_threshold", n)
            q["vreset_f"] = _vec(p, node, "v_reset", n)
            if np.any(q["vth_f"] < 0):
                i = int(np.argmax(q["vth_f"] < 0))
                _refuse(errors.ERR_RANGE, p, node, "v_threshold[%d] = %g < 0; lifcore's "
                        "threshold is unsigned" % (i, q["vth_f"][i]))
        par[p] = q

    # ---- scales ----------------------------------------------------------------------
    def wmax_of(p):
        vals = np.concatenate([np.abs(w).ravel() for w in par[p]["weff"]] + [np.zeros(0)])
        vals = vals[vals > 0]
        if not vals.size:
            return 0.0
        return float(np.percentile(vals, percentile)) if percentile < 100 else float(vals.max())

    def bound_of(p):
        q = par[p]
        rows = sum((np.abs(w).sum(axis=1) for w in q["weff"]), np.zeros(q["n"]))
        a = np.where(np.isnan(q["a"]), 1.0 / DECAY_UNITY, q["a"])
        vals = [np.max(rows), np.max(np.abs(q["bias_f"]))]
        if q["kind"] in SPIKING:
            vals += [np.max(q["vth_f"]), np.max(np.abs(q["vreset_f"]))]
        b = float(max(vals))
        return b if b > 0 else 1.0

    for p in pops:
        par[p]["wmax"], par[p]["bound"] = wmax_of(p), bound_of(p)

    def choose(group):
        """w_shift and the voltage scale of each node of one core."""
        meta = [nodes[p].metadata.get("lifcore_v_scale") for p in group]
        meta_ws = [nodes[p].metadata.get("lifcore_w_shift") for p in group]
        ws = w_shift
        if ws is None and all(m is not None for m in meta_ws) and len(set(
                int(np.asarray(m)) for m in meta_ws)) == 1:
            ws = int(np.asarray(meta_ws[0]))
        if ws is None:
            ws = 0
            for cand in range(15, -1, -1):
                if all(par[p]["wmax"] == 0 or 127 * (1 << cand) / par[p]["wmax"]
                       * par[p]["bound"] <= HEADROOM for p in group):
                    ws = cand
                    break
        if not 0 <= int(ws) <= 15:
            raise ValueError("from_nir: w_shift must lie in 0..15")
        scales = {}
        for p, m in zip(group, meta):
            if m is not None:
                scales[p] = float(np.asarray(m))
                continue
            wm = par[p]["wmax"]
            v = HEADROOM / par[p]["bound"]
            if wm > 0:
                v = min(v, 127 * (1 << ws) / wm)
            scales[p] = v
        return int(ws), scales

    ws_list, v_scale = [], {}
    for group in cores_of:
        ws, sc = choose(group)
        ws_list.append(ws)
        v_scale.update(sc)

    # ---- layout -------------------------------------------------------------------------
    neurons, axons = {}, {k: [] for k in ins}
    core_axons = []  # per core: [((kind, source, delay), first, stop), ...]
    for c, group in enumerate(cores_of):
        first = 0
        for p in group:
            neurons[p] = (c, first, first + size[p])
            first += size[p]
        ax, m = [], 0
        for key in axon_blocks(group):
            ax.append((key, m, m + size[key[1]]))
            m += size[key[1]]
        core_axons.append(ax)
        for (kind, src, d), a, b in ax:
            if kind == "input":
                axons[src].append((c, a, b))
    for k in ins:
        if not axons[k]:
            report_notes.append("Input '%s' reaches no neuron node" % k)

    # ---- networks -----------------------------------------------------------------------
    nets = []
    for c, group in enumerate(cores_of):
        n_c = sum(size[p] for p in group)
        m_c = core_axons[c][-1][2] if core_axons[c] else 0
        net = Network(n_c, m_c)
        ws = ws_list[c]
        du, dv = np.zeros(n_c, np.int64), np.zeros(n_c, np.int64)
        vth, bias = np.zeros(n_c, np.int64), np.zeros(n_c, np.int64)
        w_in = np.zeros((m_c, n_c), np.int64)
        w_rec = np.zeros((n_c, n_c), np.int64)
        resets = {}
        for p in group:
            q, V = par[p], v_scale[p]
            _, a, b = neurons[p]
            du[a:b], dv[a:b] = q["du"], q["dv"]
            unit = (1 << ws) / V  # one weight unit in NIR volts (per step of v)
            for tm, weff in zip(inputs_of[p][0], q["weff"]):
                x = np.rint(weff / unit)
                wi = np.clip(x, -128, 127).astype(np.int64)
                report.add(p, "weight<-%s%s" % (tm.source, "@%d" % tm.delay if tm.delay else ""),
                           weff, wi * unit, clipped=np.count_nonzero(wi != x), scale=unit)
                if is_input(tm.source):
                    key = ("input", tm.source, 0)
                elif core_of[tm.source] == c and delay_of(p, tm) == 1:
                    _, sa, sb = neurons[tm.source]
                    w_rec[sa:sb, a:b] += wi.T
                    continue
                else:
                    key = ("route", tm.source, delay_of(p, tm))
                (_, xa, xb) = next(x for x in core_axons[c] if x[0] == key)
                w_in[xa:xb, a:b] += wi.T
            for e_name, e_val in q["errors"]:
                report.entries.append({"node": p, "param": e_name, "max_rel_error": e_val,
                                       "max_abs_error": None, "max_error_of_range": None,
                                       "clipped": 0,
                                       "zeroed": 0, "count": q["n"], "scale": None})
            bi = np.rint(q["bias_f"] * V)
            bclip = np.count_nonzero(np.abs(bi) > SMAX)
            bias[a:b] = np.clip(bi, -SMAX, SMAX)
            report.add(p, "bias", q["bias_f"], bias[a:b] / V,
                       clipped=bclip, scale=1.0 / V)
            if q["kind"] in SPIKING:
                ti = np.rint(q["vth_f"] * V)
                tclip = np.count_nonzero(ti > SMAX)
                vth[a:b] = np.clip(ti, 0, SMAX)
                report.add(p, "v_threshold", q["vth_f"], vth[a:b] / V, clipped=tclip,
                           scale=1.0 / V)
                ri = np.rint(q["vreset_f"] * V).astype(np.int64)
                for val in np.unique(ri):
                    resets.setdefault(int(val), p)
                report.add(p, "v_reset", q["vreset_f"], np.clip(ri, -SMAX, SMAX) / V,
                           scale=1.0 / V)
            else:
                vth[a:b] = SMAX  # v <= SMAX: never spikes (a read-out)
        # w_rec may have summed two terms into one synapse
        for name_m, mat in (("w_in", w_in), ("w_rec", w_rec)):
            if np.any(np.abs(mat) > 127) or np.any(mat < -128):
                _refuse(errors.ERR_RANGE, group[0], nodes[group[0]],
                        "two NIR paths add up to a %s weight beyond 8 bits" % name_m)
        if len(resets) > 1:
            names = sorted(set(resets.values()))
            _unsupported(names[0], nodes[names[0]], "v_reset differs between neurons of one "
                         "core (integer values %s; lifcore has one v_reset per core)%s"
                         % (sorted(resets), "" if system else "; target='system' gives "
                            "each neuron node its own core"))
        if abs(next(iter(resets), 0)) > SMAX:
            _refuse(errors.ERR_RANGE, resets[next(iter(resets))], None,
                    "v_reset is beyond 24 bits at this voltage scale")
        net.set(du=du, dv=dv, vth=vth, bias=bias, tref=0, w_shift=ws,
                v_reset=next(iter(resets), 0), theta_plus=0, learning=0)
        net.w_in = w_in
        net.w_rec = w_rec
        nets.append(net)

    if system:
        result = System(nets)
        routes = []
        for c, ax in enumerate(core_axons):
            for (kind, src, d), a, b in ax:
                if kind != "route":
                    continue
                sc, sa, sb = neurons[src]
                k = np.arange(sa, sb)
                routes.append(np.stack([np.full_like(k, sc), k, np.full_like(k, c),
                                        np.arange(a, b), np.full_like(k, d)], axis=1))
        if routes:
            r = np.concatenate(routes)
            result.route(r[:, 0], r[:, 1], r[:, 2], r[:, 3], r[:, 4])
    else:
        result = nets[0]
        result.validate()
    return NirImport(result, report, dt=dt, w_shift=ws_list, v_scale=v_scale,
                     latency=latency, neurons=neurons, axons=axons, outputs=outputs,
                     method=method)


# ---------------------------------------------------------------------------
# export
# ---------------------------------------------------------------------------
def to_nir(net, dt, *, method="euler"):
    """Export a lifcore.Network as a NIR graph: Input 'input' (M) -> Linear 'w_in'
    -> one neuron node 'neurons' (N; IF when every du = 4096 and dv = 0, LIF when
    every du = 4096, else CubaLIF) -> Output 'output', with a Linear 'w_rec' from
    the node to itself when w_rec has a nonzero weight. The voltage unit is one
    integer unit of v (metadata lifcore_v_scale = 1, lifcore_w_shift), so
    from_nir(to_nir(net)) gives the same network back. Refused (a LifcoreError
    naming the neuron): tref > 0, homeostasis, learning on, and a current decay
    du = 0 or a membrane decay dv = 0 with du < 4096 (no finite NIR time constant).
    """
    nir = _nir()
    if isinstance(net, System):
        _lib.raise_error(errors.ERR_UNSUPPORTED, "to_nir: exporting a System is not "
                         "implemented (export its cores one by one)")
    if not isinstance(net, Network):
        raise TypeError("to_nir: expected a lifcore.Network, got %s" % type(net).__name__)
    dt = float(dt)
    if not dt > 0 or not np.isfinite(dt):
        _lib.raise_error(errors.ERR_ARG, "to_nir: dt must be > 0, got %r" % dt)
    if method not in ("euler", "exact"):
        raise ValueError("to_nir: method must be 'euler' or 'exact'")
    net.validate()
    bad = [(f, np.flatnonzero(np.asarray(getattr(net, f)) > 0)) for f in ("tref",)]
    for f, idx in bad:
        if idx.size:
            _lib.raise_error(errors.ERR_UNSUPPORTED, "to_nir: neuron %d has %s = %d; NIR has "
                             "no refractory period" % (idx[0], f, net.tref[idx[0]]))
    if net.theta_plus:
        _lib.raise_error(errors.ERR_UNSUPPORTED, "to_nir: theta_plus = %d; NIR has no "
                         "homeostasis" % net.theta_plus)
    if net.learning:
        _lib.raise_error(errors.ERR_UNSUPPORTED, "to_nir: learning = 1; NIR has no "
                         "plasticity (set learning = 0 to export the current weights)")
    n, m = net.n_neurons, net.n_inputs
    du = np.asarray(net.du, dtype=float)
    dv = np.asarray(net.dv, dtype=float)

    def tau(d):
        with np.errstate(divide="ignore"):
            if method == "euler":
                return dt * DECAY_UNITY / d
            return -dt / np.log1p(-d / DECAY_UNITY)

    def frac(d):
        return d / DECAY_UNITY if method == "euler" else -np.expm1(-dt / tau(d))

    if np.all(du == DECAY_UNITY) and np.all(dv == 0):
        kind = "IF"
    elif np.all(du == DECAY_UNITY):
        kind = "LIF"
    else:
        kind = "CubaLIF"
        for arr, what in ((du, "du"), (dv, "dv")):
            if np.any(arr == 0):
                i = int(np.argmax(arr == 0))
                _lib.raise_error(errors.ERR_UNSUPPORTED, "to_nir: neuron %d has %s = 0 (no "
                                 "decay) in a CubaLIF; NIR's time constants must be finite"
                                 % (i, what))
    if kind == "LIF" and np.any(dv == 0):
        i = int(np.argmax(dv == 0))
        _lib.raise_error(errors.ERR_UNSUPPORTED, "to_nir: neuron %d has dv = 0 among leaky "
                         "neurons; NIR's LIF needs a finite tau" % i)
    scale = float(1 << net.w_shift)
    vth = np.asarray(net.vth, dtype=float)
    vreset = np.full(n, float(net.v_reset))
    bias = np.asarray(net.bias, dtype=float)
    meta = {"lifcore_v_scale": 1.0, "lifcore_w_shift": int(net.w_shift)}
    # voltage unit: one integer unit of v; per step v gains b * r * I (LIF) or the
    # current, whose jump per input is a * w_in * x (CubaLIF): choose r and w_in so that
    # both gains are 1 and the weights are w * 2^w_shift
    if kind == "IF":
        neuron = nir.IF(r=np.full(n, 1.0 / dt), v_threshold=vth, v_reset=vreset,
                        metadata=meta)
        if np.any(bias != 0):
            _lib.raise_error(errors.ERR_UNSUPPORTED, "to_nir: bias on an IF neuron (dv = 0) "
                             "has no NIR counterpart (IF has no v_leak)")
    elif kind == "LIF":
        t_m = tau(dv)
        b = frac(dv)
        neuron = nir.LIF(tau=t_m, r=1.0 / b, v_leak=bias / b, v_threshold=vth,
                         v_reset=vreset, metadata=meta)
    else:
        t_s, t_m = tau(du), tau(dv)
        a, b = frac(du), frac(dv)
        neuron = nir.CubaLIF(tau_syn=t_s, tau_mem=t_m, r=1.0 / b, v_leak=bias / b,
                             v_threshold=vth, v_reset=vreset, w_in=1.0 / a, metadata=meta)
    nodes = {"input": nir.Input(input_type={"input": np.array([m])}),
             "w_in": nir.Linear(weight=net.w_in.T.astype(float) * scale),
             "neurons": neuron,
             "output": nir.Output(output_type={"output": np.array([n])})}
    edges = [("input", "w_in"), ("w_in", "neurons"), ("neurons", "output")]
    if np.any(net.w_rec != 0):
        nodes["w_rec"] = nir.Linear(weight=net.w_rec.T.astype(float) * scale)
        edges += [("neurons", "w_rec"), ("w_rec", "neurons")]
    return nir.NIRGraph(nodes=nodes, edges=edges, metadata={"lifcore_dt": dt})


__all__ = ["from_nir", "to_nir", "NirImport", "QuantReport"]
