#!/usr/bin/env python3
# digits.py : on-chip STDP learns scikit-learn's 8x8 handwritten digits
# Each image is rate-coded into 64 Poisson input axons. 100 LIF neurons (10 per
# class) learn their input weights on chip with STDP while teacher axons make
# the neurons of the image's class fire (a supervised variant: unsupervised STDP
# fell short with this contract's additive rule, see docs/python.md). The
# post-trace never decays (dy = 0), so every input spike costs a constant
# depression and every teacher-driven spike gives a potentiation that grows with
# the input's recent activity: weights become positive on pixels typical of the
# class and negative on pixels typical of the others. Homeostasis (an adaptive
# threshold) is folded into the thresholds for the test. Neurons are then
# labelled by their responses on part of the training set and tested, learning
# and teacher off, on held-out images. Prints the accuracy; plots the learned
# receptive fields, the confusion matrix and a test raster.
# Usage: digits.py [--device sim|ref] [--fast] [--out DIR]
# SPDX-License-Identifier: MIT
"""Demo 3: supervised on-chip STDP on scikit-learn's 8x8 digits."""

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

PIXELS = 64
CLASSES = 10
PER_CLASS = 10           # neurons per class
TEACH = 5                # teacher axons per class (together they fire a neuron alone)
STEPS_ON, STEPS_OFF = 10, 4  # steps an image is shown, silent steps after it
P_TRAIN, P_TEST = 0.15, 0.8  # spike probability per step of a full-ink pixel
VTH_TRAIN, VTH_TEST = 30000, 90000


def make_network(rng):
    n, m = CLASSES * PER_CLASS, PIXELS + CLASSES * TEACH
    net = lifcore.Network(n_neurons=n, n_inputs=m)
    net.du = 4096            # the current is this step's input
    net.dv = 2048            # the membrane keeps half per step
    net.vth = VTH_TRAIN
    net.tref = 0
    label_of = np.repeat(np.arange(CLASSES), PER_CLASS)
    teacher_of = np.repeat(np.arange(CLASSES), TEACH)
    w = np.zeros((m, n), dtype=int)
    w[:PIXELS] = rng.integers(-2, 3, (PIXELS, n))
    w[PIXELS:] = np.where(teacher_of[:, None] == label_of[None, :], 127, -127)
    net.w_in = w
    plastic = np.zeros((m, n), dtype=bool)
    plastic[:PIXELS] = True  # only pixel synapses learn
    net.plastic_in = plastic
    net.set(w_shift=6, v_reset=0, theta_plus=0, d_theta=64,
            dx=2048, x_imp=4096,        # pre-trace: halves each step
            dy=0, y_imp=65535,          # post-trace: saturates at the first spike, stays
            learning=1)
    # potentiation (16 * x) >> 12 per teacher-driven spike (8 for a pixel that fired in
    # the step before), depression (2 * 65535) >> 16 = 1 per pixel spike
    net.stdp_in.set(a_plus=16, a_minus=2, s_plus=12, s_minus=16, w_min=-127, w_max=127)
    return net, label_of


def encode(images, labels, p_ink, rng, teacher):
    """images (n x 64, 0..1) -> spikes (n * (STEPS_ON + STEPS_OFF) x inputs)."""
    n = len(images)
    out = np.zeros((n, STEPS_ON + STEPS_OFF, PIXELS + CLASSES * TEACH), dtype=bool)
    out[:, :STEPS_ON, :PIXELS] = rng.random((n, STEPS_ON, PIXELS)) < images[:, None, :] * p_ink
    if teacher:
        for k in range(TEACH):
            out[np.arange(n), :STEPS_ON, PIXELS + TEACH * labels + k] = True
    return out.reshape(n * (STEPS_ON + STEPS_OFF), -1)


def run_in_chunks(dev, spikes, what, chunk_images=50):
    """dev.run over a long input, with a progress bar; returns the output spikes."""
    per = STEPS_ON + STEPS_OFF
    n = len(spikes) // per
    outs = []
    t0 = time.time()
    for start in range(0, n, chunk_images):
        outs.append(dev.run(spikes[start * per:min(n, start + chunk_images) * per]))
        done = min(n, start + chunk_images)
        bar = "#" * (30 * done // n)
        print("\r  %-9s [%-30s] %4d/%d images %5.1f s" % (what, bar, done, n, time.time() - t0),
              end="", flush=True)
    print()
    return np.concatenate(outs)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--device", default="sim", help="sim (default), ref or serial:PORT")
    ap.add_argument("--fast", action="store_true",
                    help="fewer images (600 train, 300 label, 400 test): a few minutes on sim")
    ap.add_argument("--train", type=int, help="training images (default 1200, --fast 600)")
    ap.add_argument("--label", type=int, help="training images used to label (default 400)")
    ap.add_argument("--test", type=int, help="test images (default: the other 597, --fast 400)")
    ap.add_argument("--seed", type=int, default=2)
    ap.add_argument("--out", default="demo_out", help="folder for the PNG plots")
    ap.add_argument("--no-plots", action="store_true")
    args = ap.parse_args(argv)

    from sklearn.datasets import load_digits
    digits = load_digits()  # bundled with scikit-learn: no download
    images, labels = digits.data / 16.0, digits.target
    rng = np.random.default_rng(args.seed)
    order = rng.permutation(len(labels))
    n_train = args.train or (600 if args.fast else 1200)
    n_label = args.label or (300 if args.fast else 400)
    n_test = args.test or (400 if args.fast else len(labels) - n_train)
    train, test = order[:n_train], order[n_train:n_train + n_test]
    label_set = train[:n_label]
    if n_test < 1 or n_train + n_test > len(labels):
        raise SystemExit("digits: %d train + %d test images, the data set has %d"
                         % (n_train, n_test, len(labels)))

    net, label_of = make_network(rng)
    t0 = time.time()
    with lifcore.open(args.device) as dev:
        info = dev.info()
        if net.n_neurons > info.n_neurons or net.n_inputs > info.n_inputs:
            raise SystemExit("digits: the network needs %d neurons and %d inputs; device '%s' "
                             "holds %d and %d (build the N=256, M=128 model)"
                             % (net.n_neurons, net.n_inputs, args.device, info.n_neurons,
                                info.n_inputs))
        print("digits: %d neurons, %d inputs on %s (%s, N=%d, M=%d); %d train, %d test images"
              % (net.n_neurons, net.n_inputs, args.device, info.backend, info.n_neurons,
                 info.n_inputs, n_train, n_test))
        dev.load(net)
        run_in_chunks(dev, encode(images[train], labels[train], P_TRAIN, rng, True), "training")
        state = dev.read_state()
        learned = dev.read_network(net)
        learned.learning = 0
        learned.vth = np.minimum(VTH_TEST + state.theta.astype(np.int64), 2 ** 23 - 1)
        learned.theta_plus = 0
        w_rec = np.full((net.n_neurons, net.n_neurons), -40)  # winner-take-most at test
        np.fill_diagonal(w_rec, 0)
        learned.w_rec = w_rec
        dev.load(learned)
        per = STEPS_ON + STEPS_OFF
        r_label = run_in_chunks(dev, encode(images[label_set], None, P_TEST, rng, False),
                                "labelling").reshape(len(label_set), per, -1).sum(1)
        test_out = run_in_chunks(dev, encode(images[test], None, P_TEST, rng, False), "testing")
        r_test = test_out.reshape(len(test), per, -1).sum(1)
        counters = dev.counters()
    seconds = time.time() - t0

    # label each neuron by the class it answers most (mean spikes per image)
    mean = np.stack([r_label[labels[label_set] == c].mean(0) if np.any(
        labels[label_set] == c) else np.zeros(net.n_neurons) for c in range(CLASSES)])
    neuron_label = mean.argmax(0)
    votes = np.stack([r_test[:, neuron_label == c].sum(1) / max(1, np.sum(neuron_label == c))
                      for c in range(CLASSES)], axis=1)
    predicted = votes.argmax(1)
    acc = float(np.mean(predicted == labels[test]))
    silent = float(np.mean(r_test.sum(1) == 0))
    result = {"accuracy": acc, "train": n_train, "test": n_test, "seconds": seconds,
              "silent": silent, "steps": int(counters.steps),
              "teacher_agreement": float(np.mean(neuron_label == label_of))}
    if not args.no_plots:
        import matplotlib.pyplot as plt

        import lifcore.plot as lp
        os.makedirs(args.out, exist_ok=True)
        p1 = os.path.join(args.out, "digits_weights.png")
        fig = lp.receptive_fields(learned.w_in[:PIXELS], (8, 8), labels=neuron_label,
                                  columns=PER_CLASS * 2,
                                  title="input weights learned on %s (label above)"
                                  % args.device)
        fig.savefig(p1, dpi=110)
        plt.close(fig)
        p2 = os.path.join(args.out, "digits_test.png")
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.5))
        conf = np.zeros((CLASSES, CLASSES), dtype=int)
        np.add.at(conf, (labels[test], predicted), 1)
        im = ax1.imshow(conf, cmap="Blues")
        fig.colorbar(im, ax=ax1)
        ax1.set_xlabel("predicted")
        ax1.set_ylabel("true")
        ax1.set_title("confusion, accuracy %.1f%%" % (100 * acc))
        ax1.set_xticks(range(CLASSES))
        ax1.set_yticks(range(CLASSES))
        shown = min(30, n_test)
        lp.raster(test_out[:shown * per], ax=ax2, label="neuron (10 per class)",
                  title="test responses, first %d images: %s" % (
                      shown, " ".join(str(v) for v in labels[test][:shown])))
        fig.tight_layout()
        fig.savefig(p2, dpi=110)
        plt.close(fig)
        result["plots"] = [p1, p2]
    print("digits: accuracy %.1f%% on %d held-out images (trained on %d, on %s; %d steps, "
          "%.0f s)%s" % (100 * acc, n_test, n_train, args.device, result["steps"], seconds,
                         "; plots " + ", ".join(result["plots"]) if "plots" in result else ""))
    return result


if __name__ == "__main__":
    main()
