#!/usr/bin/env python3
# brian2_neuron.py : one LIF neuron on lifcore against the same neuron in Brian2
# A current-based LIF neuron (tau_m, tau_s, refractory period, threshold) is
# written once with float time constants, simulated by Brian2 in floating point,
# and mapped onto lifcore's integers (decay constants from the time constants,
# weights and threshold scaled into the 24-bit membrane). Both get the same
# Poisson input spikes. Prints how many spikes agree, plots both membranes.
# Usage: brian2_neuron.py [--device sim|ref] [--duration-ms 1000] [--out DIR]
# SPDX-License-Identifier: MIT
"""Demo 1: the same LIF neuron on lifcore and in Brian2."""

import argparse
import os
import sys
import time

import numpy as np

try:
    import lifcore
except ImportError:  # run from the repository without pip install
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import lifcore

# The neuron, in float units: v in units of the threshold, time in ms
DT_MS = 0.1           # one lifcore step
TAU_M_MS = 20.0       # membrane time constant
TAU_S_MS = 5.0        # synaptic current time constant
TREF_MS = 2.0         # refractory period
V_TH = 1.0            # threshold (reset to 0)
N_EXC, N_INH = 32, 8  # Poisson inputs
RATE_HZ = 20.0
W_EXC, W_INH = 0.0035, -0.006  # jump of the current per input spike (threshold units per step)
MATCH_MS = 1.0        # a spike pair closer than this counts as the same spike


def lifcore_network(weights):
    """Map the float neuron onto lifcore's integers.

    The per-step update of docs/model.md is u += w * 2^w_shift on a spike,
    u decays by du, v decays by dv and adds u. In float terms v gains I per step,
    so with a scale S (integer membrane units per threshold unit) u = I * S and a
    weight w becomes round(w * S / 2^w_shift). S and w_shift are chosen so the
    largest weight uses the full int8 range and the threshold stays below 2^22.
    """
    du = lifcore.decay_constant(TAU_S_MS, DT_MS)
    # A current jump w leaves tau_s/dt * w on the membrane in the float model, and
    # 4096/du * w with lifcore's geometric decay: match the two totals.
    weights = np.asarray(weights) * (TAU_S_MS / DT_MS) * (du / 4096.0)
    wmax = np.max(np.abs(weights))
    w_shift = 15
    while w_shift > 0 and 127 * 2 ** w_shift / wmax > 2 ** 22:
        w_shift -= 1
    scale = 127 * 2 ** w_shift / wmax
    net = lifcore.Network(n_neurons=1, n_inputs=len(weights))
    net.du = du
    net.dv = lifcore.decay_constant(TAU_M_MS, DT_MS)
    net.vth = int(round(V_TH * scale))
    net.tref = int(round(TREF_MS / DT_MS))
    net.w_shift = w_shift
    net.v_reset = 0
    net.w_in = np.rint(weights * scale / 2 ** w_shift).astype(int)[:, None]
    return net, scale


def run_lifcore(device, net, spikes, trace_steps, progress=True):
    """Run on the device: the first trace_steps one at a time (reading v after each),
    the rest in one go. Returns (output spikes, v trace in integer units)."""
    with lifcore.open(device) as dev:
        dev.load(net)
        out = np.zeros((len(spikes), 1), dtype=bool)
        v = np.zeros(trace_steps)
        for t in range(trace_steps):
            out[t] = dev.run(spikes[t:t + 1])[0]
            v[t] = dev.read_state().v[0]
            if progress and t % 200 == 0:
                print("\r  lifcore (%s): step %d/%d" % (device, t, len(spikes)), end="",
                      flush=True)
        out[trace_steps:] = dev.run(spikes[trace_steps:])
        if progress:
            print("\r  lifcore (%s): %d steps done        " % (device, len(spikes)))
        return out[:, 0], v


def run_brian2(spikes, weights, trace_steps):
    import brian2 as b2
    b2.prefs.codegen.target = "numpy"  # no compiler needed, quick to start
    b2.start_scope()
    b2.defaultclock.dt = DT_MS * b2.ms
    steps, m = spikes.shape
    t_idx, i_idx = np.nonzero(spikes)
    # lifcore adds an input in the step it arrives; Brian2 applies it at the step's start
    gen = b2.SpikeGeneratorGroup(m, i_idx, t_idx * DT_MS * b2.ms)
    eqs = """
    dv/dt = -v / tau_m + I / step : 1 (unless refractory)
    dI/dt = -I / tau_s : 1
    """
    neuron = b2.NeuronGroup(1, eqs, threshold="v > v_th", reset="v = 0",
                            refractory=TREF_MS * b2.ms, method="exact",
                            namespace={"tau_m": TAU_M_MS * b2.ms, "tau_s": TAU_S_MS * b2.ms,
                                       "step": DT_MS * b2.ms, "v_th": V_TH})
    syn = b2.Synapses(gen, neuron, "w : 1", on_pre="I += w")
    syn.connect(i=np.arange(m), j=0)
    syn.w = weights
    mon = b2.StateMonitor(neuron, "v", record=0, dt=DT_MS * b2.ms)
    sp = b2.SpikeMonitor(neuron)
    b2.run(steps * DT_MS * b2.ms)
    out = np.zeros(steps, dtype=bool)
    out[np.rint(np.asarray(sp.t / b2.ms) / DT_MS).astype(int)] = True
    return out, np.asarray(mon.v[0])[:trace_steps]


def agreement(a, b, window_steps):
    """Spikes of a that have a spike of b within window_steps (each b used once)."""
    ta, tb = np.flatnonzero(a), list(np.flatnonzero(b))
    matched, shifts = 0, []
    for t in ta:
        if not tb:
            break
        k = int(np.argmin([abs(t - u) for u in tb]))
        if abs(tb[k] - t) <= window_steps:
            matched += 1
            shifts.append(tb[k] - t)
            tb.pop(k)
    return matched, shifts


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--device", default="sim", help="sim (default), ref or serial:PORT")
    ap.add_argument("--duration-ms", type=float, default=1000.0)
    ap.add_argument("--trace-ms", type=float, default=300.0,
                    help="length of the membrane trace read back step by step")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="demo_out", help="folder for the PNG plots")
    ap.add_argument("--no-plots", action="store_true")
    args = ap.parse_args(argv)

    steps = int(round(args.duration_ms / DT_MS))
    trace_steps = min(steps, int(round(args.trace_ms / DT_MS)))
    rng = np.random.default_rng(args.seed)
    spikes = lifcore.poisson(np.full(N_EXC + N_INH, RATE_HZ), steps, dt_ms=DT_MS, rng=rng)
    weights = np.r_[np.full(N_EXC, W_EXC), np.full(N_INH, W_INH)]

    net, scale = lifcore_network(weights)
    t0 = time.time()
    s_lc, v_lc = run_lifcore(args.device, net, spikes, trace_steps)
    t_lc = time.time() - t0
    s_b2, v_b2 = run_brian2(spikes, weights, trace_steps)

    window = int(round(MATCH_MS / DT_MS))
    matched, shifts = agreement(s_b2, s_lc, window)
    n_b2, n_lc = int(s_b2.sum()), int(s_lc.sum())
    result = {
        "brian2_spikes": n_b2, "lifcore_spikes": n_lc, "matched": matched,
        "agreement": matched / max(n_b2, n_lc, 1),
        "mean_shift_ms": float(np.mean(np.abs(shifts)) * DT_MS) if shifts else float("nan"),
        "seconds": t_lc,
    }
    if not args.no_plots:
        import lifcore.plot as lp
        import matplotlib.pyplot as plt
        os.makedirs(args.out, exist_ok=True)
        fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(9, 5.5), sharex=True,
                                       gridspec_kw={"height_ratios": [3, 1]})
        lp.membrane({"Brian2 (float)": v_b2, "lifcore %s (integer / scale)" % args.device:
                     v_lc / scale}, ax=ax1, dt_ms=DT_MS, threshold=V_TH,
                    ylabel="v (threshold units)",
                    title="One LIF neuron: lifcore vs Brian2 (tau_m %g ms, tau_s %g ms)"
                    % (TAU_M_MS, TAU_S_MS))
        both = np.stack([s_b2[:trace_steps], s_lc[:trace_steps]], axis=1)
        lp.raster(both, ax=ax2, dt_ms=DT_MS, label="0 Brian2, 1 lifcore")
        path = os.path.join(args.out, "brian2_neuron.png")
        fig.tight_layout()
        fig.savefig(path, dpi=110)
        plt.close(fig)
        result["plot"] = path
    print("brian2_neuron: %d of %d Brian2 spikes matched by lifcore (%s) within %g ms "
          "(lifcore %d spikes, agreement %.0f%%, mean shift %.2f ms)%s"
          % (matched, n_b2, args.device, MATCH_MS, n_lc, 100 * result["agreement"],
             result["mean_shift_ms"], "; plot " + result["plot"] if "plot" in result else ""))
    return result


if __name__ == "__main__":
    main()
