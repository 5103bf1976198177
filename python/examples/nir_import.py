#!/usr/bin/env python3
# nir_import.py : a NIR graph file on lifcore, against the graph's own float equations
# Reads nir_example.nir (written by make_nir_example.py: Input 16 -> Affine ->
# CubaLIF 12 with a recurrent Linear -> Linear -> LIF 4), imports it with
# lifcore.from_nir at dt = 1 ms, prints the quantisation report, runs Poisson
# input on a device and, in floating point, the forward-Euler equations of the
# same graph, and plots both rasters. Prints how many spikes agree within a step.
# Usage: nir_import.py [--device ref|sim] [--file G.nir] [--steps 2000] [--out DIR]
# SPDX-License-Identifier: MIT
"""Demo: a NIR graph imported onto lifcore, against a float simulation of the graph."""

import argparse
import os
import sys

import numpy as np

try:
    import lifcore
except ImportError:  # run from the repository without pip install
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import lifcore

HERE = os.path.dirname(os.path.abspath(__file__))
DT = 1e-3  # seconds per step


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


def simulate(graph, x, dt):
    """NIR's equations, forward Euler, nodes in order(); an edge from a node
    not yet computed in this step (the recurrent one) carries the previous step.
    Supports the node types of the example: Input, Affine, Linear, CubaLIF, LIF, Output."""
    nodes = graph.nodes
    preds = {k: [a for a, b in graph.edges if b == k] for k in nodes}
    prev, state, spikes, seq = {}, {}, {}, order(graph)
    for t in range(x.shape[0]):
        now = {}
        for k in seq:
            n = nodes[k]
            kind = type(n).__name__
            inp = sum((now[p] if p in now else prev.get(p, 0.0)) for p in preds[k])
            if kind == "Input":
                y = x[t].astype(float)
            elif kind == "Affine":
                y = n.weight @ inp + n.bias
            elif kind == "Linear":
                y = n.weight @ inp
            elif kind == "Output":
                y = inp
            elif kind in ("CubaLIF", "LIF"):
                s = state.setdefault(k, {"i": 0.0, "v": 0.0})
                if kind == "CubaLIF":
                    s["i"] = s["i"] + dt / n.tau_syn * (n.w_in * inp - s["i"])
                    s["v"] = s["v"] + dt / n.tau_mem * (n.v_leak - s["v"] + n.r * s["i"])
                else:
                    s["v"] = s["v"] + dt / n.tau * (n.v_leak - s["v"] + n.r * inp)
                z = s["v"] > n.v_threshold
                s["v"] = np.where(z, n.v_reset, s["v"])
                y = z.astype(float)
                spikes.setdefault(k, []).append(z)
            else:
                raise SystemExit("nir_import: the float model has no %s" % kind)
            now[k] = y
        prev = now
    return {k: np.array(v) for k, v in spikes.items()}


def agreement(ref, got, tol=1):
    """Reference spikes matched one-to-one by a spike of the same neuron within tol steps."""
    matched = 0
    for i in range(ref.shape[1]):
        b = list(np.flatnonzero(got[:, i]))
        for t in np.flatnonzero(ref[:, i]):
            j = next((j for j, u in enumerate(b) if abs(u - t) <= tol), None)
            if j is not None:
                matched += 1
                b.pop(j)
    return matched


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--device", default="ref", help="ref (default), sim or serial:PORT")
    ap.add_argument("--file", default=os.path.join(HERE, "nir_example.nir"))
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--rate-hz", type=float, default=20.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="demo_out", help="folder for the PNG plot")
    ap.add_argument("--no-plots", action="store_true")
    args = ap.parse_args(argv)
    try:
        import nir
    except ImportError:
        raise SystemExit("nir_import: needs the nir package (pip install nir, or "
                         "scripts/setup python)") from None

    graph = nir.read(args.file)
    imp = lifcore.from_nir(graph, dt=DT)
    print("nir_import: %s -> %r, w_shift %s, latency %s" % (
        os.path.basename(args.file), imp.network, imp.w_shift, imp.latency))
    print(imp.report)

    rng = np.random.default_rng(args.seed)
    n_in = imp.network.n_inputs
    x = rng.random((args.steps, n_in)) < args.rate_hz * DT
    with lifcore.open(args.device) as dev:
        dev.load(imp.network)
        got = imp.run(dev, x)          # per neuron node, in the graph's time
    want = simulate(graph, x, DT)

    result = {"steps": args.steps, "plots": []}
    for k in want:
        m = agreement(want[k], got[k])
        n_f, n_l = int(want[k].sum()), int(got[k].sum())
        result[k] = {"float_spikes": n_f, "lifcore_spikes": n_l, "matched": m,
                     "agreement": m / max(n_f, n_l, 1)}
        print("nir_import: %-8s %5d float spikes, %5d on lifcore (%s), %5d matched within "
              "1 step (%.1f%%)" % (k, n_f, n_l, args.device, m, 100 * result[k]["agreement"]))
    if not args.no_plots:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        import lifcore.plot as lp
        os.makedirs(args.out, exist_ok=True)
        names = list(want)
        fig, axes = plt.subplots(len(names), 2, figsize=(11, 2.6 * len(names)), squeeze=False,
                                 sharex=True)
        show = min(args.steps, 500)
        for r, k in enumerate(names):
            lp.raster(want[k][:show], ax=axes[r][0], dt_ms=DT * 1e3, label=k,
                      title="%s: NIR graph, float (forward Euler)" % k)
            lp.raster(got[k][:show], ax=axes[r][1], dt_ms=DT * 1e3, label=k, color="C0",
                      title="%s: lifcore %s (%.0f%% within 1 step)"
                      % (k, args.device, 100 * result[k]["agreement"]))
        path = os.path.join(args.out, "nir_import.png")
        fig.tight_layout()
        fig.savefig(path, dpi=100)
        plt.close(fig)
        result["plots"].append(path)
        print("nir_import: plot " + path)
    return result


if __name__ == "__main__":
    main()
