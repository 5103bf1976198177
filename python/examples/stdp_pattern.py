#!/usr/bin/env python3
# stdp_pattern.py : on-chip STDP learns spatial patterns hidden in Poisson noise
# 64 input axons fire Poisson noise. Now and then a fixed subset of them (a
# pattern; three patterns) fires together in one step. During training a teacher
# axon makes the pattern's output neuron fire one step later (supervised STDP,
# as in SpiNNaker studies of pattern detection): synapses from the pattern's
# axons are potentiated, noise synapses are depressed, homeostasis keeps the
# neurons quiet in noise. Then learning and teacher are off and the neurons must
# report each pattern on their own. Prints the detection accuracy; plots the
# learned weights, their evolution and a test raster.
# Usage: stdp_pattern.py [--device sim|ref] [--train-steps 6000] [--out DIR]
# SPDX-License-Identifier: MIT
"""Demo 2: supervised STDP with homeostasis detects spatial patterns in noise."""

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

N_AXONS = 64          # noise and pattern axons
N_PATTERNS = 3        # one output neuron and two teacher axons each
N_TEACH = 2           # teacher axons per pattern: together they fire the neuron alone
PATTERN_SIZE = 12     # axons in a pattern
P_NOISE = 0.04        # spike probability of every axon in every step (40 Hz at 1 ms)
P_IN_PATTERN = 0.85   # each axon of a pattern joins a given presentation with this probability
GAP = (25, 45)        # steps between presentations
WINDOW = 3            # a detection counts within this many steps of the onset


def make_network(rng):
    n, m = N_PATTERNS, N_AXONS + N_TEACH * N_PATTERNS
    net = lifcore.Network(n_neurons=n, n_inputs=m)
    net.du = 4096                   # u is this step's input only
    net.dv = 4096                   # v is this step's input too: a coincidence detector
    net.vth = 200 << 6              # about 6 pattern axons at w_max; the teacher: 254 << 6
    net.tref = 0
    w = np.zeros((m, n), dtype=int)
    w[:N_AXONS] = rng.integers(0, 5, (N_AXONS, n))
    teacher_of = np.repeat(np.arange(n), N_TEACH)
    w[N_AXONS:] = np.where(teacher_of[:, None] == np.arange(n), 127, -127)  # k drives k only
    net.w_in = w
    plastic = np.zeros((m, n), dtype=bool)
    plastic[:N_AXONS] = True
    net.plastic_in = plastic
    w_rec = np.full((n, n), -127)
    np.fill_diagonal(w_rec, 0)
    net.w_rec = w_rec               # mutual inhibition
    net.set(w_shift=6, v_reset=0, theta_plus=1000, d_theta=256,
            dx=3072, dy=3072, x_imp=8192, y_imp=8192, learning=1)
    # Short traces (a quarter left after one step): potentiation (a_plus * x) >> 10 is
    # 2 * a_plus for an axon that fired in the step before the neuron, depression
    # stronger for an axon that fires after it, so uncorrelated noise synapses drift down.
    net.stdp_in.set(a_plus=1, a_minus=2, s_plus=10, s_minus=10, w_min=0, w_max=32)
    return net


def make_inputs(steps, patterns, rng, teacher):
    """Noise plus pattern presentations. Returns (spikes, onsets as (step, pattern))."""
    spikes = rng.random((steps, N_AXONS + N_TEACH * N_PATTERNS)) < P_NOISE
    spikes[:, N_AXONS:] = False
    onsets = []
    t = int(rng.integers(*GAP))
    while t < steps - WINDOW - 1:
        k = int(rng.integers(0, N_PATTERNS + 1))  # N_PATTERNS: a blank (noise only) trial
        if k < N_PATTERNS:
            joined = patterns[k][rng.random(PATTERN_SIZE) < P_IN_PATTERN]
            spikes[t, joined] = True
            if teacher:
                spikes[t + 1, N_AXONS + N_TEACH * k:N_AXONS + N_TEACH * (k + 1)] = True
        onsets.append((t, k))
        t += int(rng.integers(*GAP))
    return spikes, onsets


def score(out, onsets):
    """A trial is right when exactly the pattern's neuron fires within the window
    (and, for a blank trial, none does)."""
    right = 0
    for t, k in onsets:
        fired = set(np.flatnonzero(out[t:t + WINDOW].any(axis=0)).tolist())
        right += fired == ({k} if k < N_PATTERNS else set())
    return right / max(1, len(onsets))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--device", default="sim", help="sim (default), ref or serial:PORT")
    ap.add_argument("--train-steps", type=int, default=6000)
    ap.add_argument("--test-steps", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--out", default="demo_out", help="folder for the PNG plots")
    ap.add_argument("--no-plots", action="store_true")
    args = ap.parse_args(argv)

    rng = np.random.default_rng(args.seed)
    patterns = [np.sort(rng.choice(N_AXONS, PATTERN_SIZE, replace=False))
                for _ in range(N_PATTERNS)]
    net = make_network(rng)
    train, _ = make_inputs(args.train_steps, patterns, rng, teacher=True)
    test, onsets = make_inputs(args.test_steps, patterns, rng, teacher=False)

    t0 = time.time()
    history = []
    with lifcore.open(args.device) as dev:
        dev.load(net)
        before_out = dev.run(test[:0])
        chunks = np.array_split(np.arange(args.train_steps), 20)
        for c, idx in enumerate(chunks):
            dev.run(train[idx])
            history.append(dev.read_weights()[0][:N_AXONS].copy())
            print("\r  training on %s: %3d%%" % (args.device, 100 * (c + 1) // len(chunks)),
                  end="", flush=True)
        print()
        state = dev.read_state()
        learned = dev.read_network(net)
        # test: learning and teacher off; the threshold rise is kept as part of vth
        learned.learning = 0
        learned.vth = np.minimum(net.vth.astype(np.int64) + state.theta, 2 ** 23 - 1)
        learned.theta_plus = 0
        dev.load(learned)
        out = dev.run(test)
        counters = dev.counters()
    seconds = time.time() - t0
    del before_out

    acc = score(out, onsets)
    w = learned.w_in[:N_AXONS]
    in_pat = np.zeros((N_AXONS, N_PATTERNS), dtype=bool)
    for k, p in enumerate(patterns):
        in_pat[p, k] = True
    result = {"accuracy": acc, "trials": len(onsets), "seconds": seconds,
              "w_pattern": float(w[in_pat].mean()), "w_noise": float(w[~in_pat].mean()),
              "steps": int(counters.steps)}
    if not args.no_plots:
        import matplotlib.pyplot as plt

        import lifcore.plot as lp
        os.makedirs(args.out, exist_ok=True)
        fig, axes = plt.subplots(1, 3, figsize=(13, 4.2))
        lp.weights(w, ax=axes[0], xlabel="output neuron", ylabel="input axon",
                   title="learned weights (pattern axons high)", vmin=-32, vmax=32)
        hist = np.array(history)
        x = (np.arange(len(history)) + 1) * args.train_steps / len(history)
        for k in range(N_PATTERNS):
            axes[1].plot(x, hist[:, in_pat[:, k], k].mean(1), color="C%d" % k,
                         label="pattern %d axons -> neuron %d" % (k, k))
            axes[1].plot(x, hist[:, ~in_pat[:, k], k].mean(1), color="C%d" % k, ls="--")
        axes[1].set_xlabel("training step")
        axes[1].set_ylabel("mean weight (dashed: other axons)")
        axes[1].legend(fontsize=7)
        axes[1].set_title("STDP on %s" % args.device)
        seg = slice(0, min(400, args.test_steps))
        lp.raster(test[seg, :N_AXONS], ax=axes[2], color="0.6", label="axon / neuron")
        o = np.flatnonzero(out[seg].any(axis=1))
        for k in range(N_PATTERNS):
            ts = np.flatnonzero(out[seg, k])
            axes[2].plot(ts, np.full(ts.shape, N_AXONS + 2 + 3 * k), "v", color="C%d" % k,
                         markersize=5)
        for t, k in onsets:
            if t < seg.stop and k < N_PATTERNS:
                axes[2].axvline(t, color="C%d" % k, lw=0.6, alpha=0.6)
        axes[2].set_ylim(-1, N_AXONS + 3 * N_PATTERNS + 2)
        axes[2].set_title("test: onsets (lines) and detections (triangles)")
        del o
        path = os.path.join(args.out, "stdp_pattern.png")
        fig.tight_layout()
        fig.savefig(path, dpi=110)
        plt.close(fig)
        result["plot"] = path
    print("stdp_pattern: detection accuracy %.1f%% on %d test trials (%d patterns + blanks) "
          "on %s; mean weight pattern %.0f vs other %.0f; %.1f s%s"
          % (100 * acc, len(onsets), N_PATTERNS, args.device, result["w_pattern"],
             result["w_noise"], seconds, "; plot " + result["plot"] if "plot" in result else ""))
    return result


if __name__ == "__main__":
    main()
