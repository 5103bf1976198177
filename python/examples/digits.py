#!/usr/bin/env python3
# digits.py : on-chip STDP learns scikit-learn's 8x8 handwritten digits
# Each image is shown as binary "frames": every one of its 54 most variable
# pixels spikes on its ON axon with probability ink/16, on its OFF axon
# otherwise (so dark pixels carry evidence too, and every frame has the same
# number of spikes). 30 LIF neurons (3 per class) learn their input weights on
# chip with the core's STDP, supervised by 20 teacher axons (2 per class). Each
# training trial takes 4 steps and makes the STDP rule a perceptron rule:
#   t0  a frame, free: a neuron fires if its input exceeds the threshold
#   t1  a second frame with every teacher axon on (which inhibits every neuron):
#       a neuron that fired at t0 is depressed by 1 on each axon spiking now
#   t2  the teachers of the image's class alone: its neurons fire and are
#       potentiated by 1 on each axon that spiked at t1
#   t3  silent, so the traces (which last one step) are gone before the next trial
# A correct target neuron gets +1 and -1 (no change), a missed target +1, a
# wrong neuron that fired -1, a correct silent one nothing. Epochs with sparser
# t1 frames lower the learning rate. Each neuron is then labelled by response:
# with the class it fired for most often, freely (at t0), in the last epoch.
# Tested with learning and teachers off, with inhibitory recurrent weights
# between neurons of different labels (a soft winner-take-all: a spike in one
# frame inhibits the other classes in the next): each held-out image is shown
# as 16 frames and the label whose neurons spike most wins. Homeostasis (the
# adaptive threshold) is off by default: --train-theta / --test-theta turn it
# on (docs/python.md has the measurements). Prints the accuracy; plots the
# learned weights, the confusion matrix and a test raster.
# Usage: digits.py [--device sim|ref] [--fast] [--seed S] [--out DIR]
# SPDX-License-Identifier: MIT
"""Demo 3: supervised on-chip STDP (a spiking perceptron) on scikit-learn's 8x8 digits."""

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

PIXELS = 54              # most variable pixels of the 64 (the others are almost always blank)
CLASSES = 10
PER_CLASS = 3            # neurons per class
TEACH = 2                # teacher axons per class
AXONS = 2 * PIXELS + CLASSES * TEACH   # ON, OFF, teachers: 128
TRIAL = 4                # steps of a training trial (see above)
TRIALS_PER_IMAGE = 2     # trials per image and epoch
UPDATE_DENSITY = (1, 1, 1, 0.5, 0.5, 0.25)  # fraction of pixels in the t1 frame, per epoch
TEST_FRAMES, TEST_GAP = 16, 2   # frames an image is shown at test, silent steps after
VTH_TRAIN, VTH_TEST = 80, 40    # thresholds, in units of one weight step (x 2^w_shift)
INHIBITION = 8           # test: w_rec between neurons of different labels is -INHIBITION


def theta_arg(text):
    """'THETA_PLUS,D_THETA' (homeostasis parameters of the core, model.md), or 'off'."""
    if text == "off":
        return (0, 0)
    try:
        plus, decay = (int(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            "expected THETA_PLUS,D_THETA (e.g. 256,41) or off") from None
    return plus, decay


def stdp_amplitude(step):
    """a_plus = a_minus giving a weight change of @p step per update (the learning rate):
    the other trace is 15 one step after its spike, and (a * 15) >> 7 = step."""
    if not 1 <= int(step) <= 29:
        raise ValueError("digits: the weight step (learning rate) must be 1..29, got %r"
                         % (step,))
    return -(-int(step) * 128 // 15)


def make_network(rng, theta=(0, 0), step=1):
    n = CLASSES * PER_CLASS
    net = lifcore.Network(n_neurons=n, n_inputs=AXONS)
    net.du = 4096            # the current is this step's input
    net.dv = 4096            # and so is the membrane: a neuron judges one frame
    net.vth = VTH_TRAIN << 6
    net.tref = 0
    label_of = np.repeat(np.arange(CLASSES), PER_CLASS)
    teacher_of = np.repeat(np.arange(CLASSES), TEACH)
    w = np.zeros((AXONS, n), dtype=int)
    w[:2 * PIXELS] = rng.integers(-2, 3, (2 * PIXELS, n))
    w[2 * PIXELS:] = np.where(teacher_of[:, None] == label_of[None, :], 127, -127)
    net.w_in = w
    plastic = np.zeros((AXONS, n), dtype=bool)
    plastic[:2 * PIXELS] = True  # only pixel synapses learn
    net.plastic_in = plastic
    # traces jump to 65535 and keep 65535 * 1/4096 = 15 one step later, 0 after two:
    # potentiation (9 * 15) >> 7 = 1 on a post spike one step after a pre spike,
    # depression 1 on a pre spike one step after a post spike, nothing otherwise
    # (step > 1: a = stdp_amplitude(step) moves a weight by step instead)
    a = stdp_amplitude(step)
    net.set(w_shift=6, v_reset=0, theta_plus=theta[0], d_theta=theta[1],
            dx=4095, x_imp=65535, dy=4095, y_imp=65535, learning=1)
    net.stdp_in.set(a_plus=a, a_minus=a, s_plus=7, s_minus=7, w_min=-127, w_max=127)
    return net, label_of


def frames(images, density, rng):
    """One ON/OFF frame per image (images: k x PIXELS, 0..1): a pixel (kept with
    probability density) spikes ON with probability ink, else OFF."""
    k = len(images)
    u = rng.random((k, PIXELS))
    keep = rng.random((k, PIXELS)) < density
    return np.hstack([(u < images) & keep, (u >= images) & keep])


def encode_train(images, labels, density, rng):
    n = len(images)
    out = np.zeros((n, TRIALS_PER_IMAGE, TRIAL, AXONS), dtype=bool)
    for r in range(TRIALS_PER_IMAGE):
        out[:, r, 0, :2 * PIXELS] = frames(images, 1.0, rng)
        out[:, r, 1, :2 * PIXELS] = frames(images, density, rng)
        out[:, r, 1, 2 * PIXELS:] = True
        for k in range(TEACH):
            out[np.arange(n), r, 2, 2 * PIXELS + TEACH * labels + k] = True
    return out.reshape(n * TRIALS_PER_IMAGE * TRIAL, AXONS)


def encode_test(images, rng):
    n = len(images)
    out = np.zeros((n, TEST_FRAMES + TEST_GAP, AXONS), dtype=bool)
    for f in range(TEST_FRAMES):
        out[:, f, :2 * PIXELS] = frames(images, 1.0, rng)
    return out.reshape(n * (TEST_FRAMES + TEST_GAP), AXONS)


def run_in_chunks(dev, spikes, per, what, chunk_images=50, progress=True):
    """dev.run over a long input (per steps an image), with a progress bar."""
    n = len(spikes) // per
    outs = []
    t0 = time.time()
    tty = sys.stdout.isatty()  # in a log, one line per phase instead of a moving bar
    for start in range(0, n, chunk_images):
        outs.append(dev.run(spikes[start * per:min(n, start + chunk_images) * per],
                            progress=False))
        done = min(n, start + chunk_images)
        if progress and (tty or done == n):
            bar = "#" * (30 * done // n)
            print("\r  %-10s [%-30s] %4d/%d images %5.1f s"
                  % (what, bar, done, n, time.time() - t0), end="", flush=True)
    if progress:
        print()
    return np.concatenate(outs)


def label_by_response(free, labels):
    """The class each neuron fired for most often (free, teacher-less spikes; rate per
    image of the class, so class sizes do not matter); -1 for a neuron that never fired."""
    rate = np.stack([free[labels == c].mean(0) if np.any(labels == c) else np.zeros(free.shape[1])
                     for c in range(CLASSES)])
    return np.where(free.sum(0) > 0, rate.argmax(0), -1)


def vote(counts, label):
    """Predicted class per image: the label whose neurons spike most (per neuron)."""
    votes = np.stack([counts[:, label == c].sum(1) / max(1, np.sum(label == c))
                      for c in range(CLASSES)], axis=1)
    return votes.argmax(1)


def load_data(seed, n_train=1200, n_test=None):
    """scikit-learn's digits (bundled: no download), split by a generator seeded with
    @p seed; n_test None: every image not trained on. The generator, which the demo goes
    on drawing from (network, frames), is in the result as "rng"."""
    from sklearn.datasets import load_digits
    digits = load_digits()
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(digits.target))
    if n_test is None:
        n_test = len(order) - n_train
    if n_train < 1 or n_test < 1 or n_train + n_test > len(order):
        raise SystemExit("digits: %d train + %d test images, the data set has %d"
                         % (n_train, n_test, len(order)))
    train, test = order[:n_train], order[n_train:n_train + n_test]
    full = digits.data / 16.0
    pixels = np.sort(np.argsort(full[train].var(0))[-PIXELS:])  # chosen on training images
    return {"images": full[:, pixels], "labels": digits.target, "train": train, "test": test,
            "pixels": pixels, "rng": rng}


def experiment(dev, net, label_of, data, device_name="", inhibition=INHIBITION,
               test_theta=(0, 0), progress=True):
    """Train @p net on the open device, label the neurons, test: the result dict of
    main (accuracy, steps, ...) with "network" (the learned one), "label", "predicted"
    and "test_out" (the test spikes)."""
    images, labels, train, test = data["images"], data["labels"], data["train"], data["test"]
    rng = data["rng"]
    n_train, n_test = len(train), len(test)
    t0 = time.time()
    info = dev.info()
    if net.n_neurons > info.n_neurons or net.n_inputs > info.n_inputs:
        raise SystemExit("digits: the network needs %d neurons and %d inputs; device '%s' "
                         "holds %d and %d (build the N=256, M=128 model)"
                         % (net.n_neurons, net.n_inputs, device_name, info.n_neurons,
                            info.n_inputs))
    if progress:
        print("digits: %d neurons, %d inputs on %s (%s, N=%d, M=%d); %d train, %d test images"
              % (net.n_neurons, net.n_inputs, device_name, info.backend, info.n_neurons,
                 info.n_inputs, n_train, n_test))
    dev.load(net)
    per = TRIALS_PER_IMAGE * TRIAL
    for epoch, density in enumerate(UPDATE_DENSITY):
        shuffled = rng.permutation(train)
        out = run_in_chunks(dev, encode_train(images[shuffled], labels[shuffled], density,
                                              rng), per, "epoch %d/%d" % (
                                                  epoch + 1, len(UPDATE_DENSITY)),
                            progress=progress)
    # label by response: the free decisions (step t0, no teacher) of the last epoch
    free = out.reshape(len(shuffled), TRIALS_PER_IMAGE, TRIAL, -1)[:, :, 0].sum(1)
    label = label_by_response(free, labels[shuffled])
    learned = dev.read_network(net)
    tested = learned.copy()
    tested.learning = 0
    tested.vth = VTH_TEST << 6
    tested.theta_plus, tested.d_theta = test_theta
    tested.w_rec = np.where(label[:, None] == label[None, :], 0, -inhibition)
    dev.load(tested)
    per = TEST_FRAMES + TEST_GAP
    test_out = run_in_chunks(dev, encode_test(images[test], rng), per, "testing",
                             progress=progress)
    r_test = test_out.reshape(len(test), per, -1).sum(1)
    steps = int(dev.counters().steps)
    seconds = time.time() - t0

    predicted = vote(r_test, label)
    acc = float(np.mean(predicted == labels[test]))
    silent = float(np.mean(r_test.sum(1) == 0))
    agree = int(np.sum(label == label_of))
    return {"accuracy": acc, "train": n_train, "test": n_test, "seconds": seconds,
            "silent": silent, "steps": steps, "labels": label.tolist(),
            "label_agreement": agree / net.n_neurons,  # response label = teacher's class
            "unlabelled": int(np.sum(label < 0)),
            # the same test spikes counted with the teachers' classes instead
            "accuracy_teacher_labels": float(np.mean(vote(r_test, label_of) == labels[test])),
            "w_in": learned.w_in, "responses": r_test,  # learned weights, test spike counts
            "network": learned, "label": label, "predicted": predicted, "test_out": test_out}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--device", default="sim", help="sim (default), ref or serial:PORT")
    ap.add_argument("--fast", action="store_true",
                    help="fewer images (600 train, 400 test): about 75 s on sim")
    ap.add_argument("--train", type=int, help="training images (default 1200, --fast 600)")
    ap.add_argument("--test", type=int, help="test images (default: the other 597, --fast 400)")
    ap.add_argument("--seed", type=int, default=2)
    ap.add_argument("--inhibition", type=int, default=INHIBITION,
                    help="test: recurrent weight -W between neurons of different labels "
                         "(winner-take-all; 0 turns it off; default %(default)s)")
    ap.add_argument("--train-theta", type=theta_arg, default=(0, 0), metavar="PLUS,DECAY",
                    help="homeostasis during training: theta_plus,d_theta (default off)")
    ap.add_argument("--test-theta", type=theta_arg, default=(0, 0), metavar="PLUS,DECAY",
                    help="homeostasis during the test: theta_plus,d_theta (default off)")
    ap.add_argument("--out", default="demo_out", help="folder for the PNG plots")
    ap.add_argument("--no-plots", action="store_true")
    args = ap.parse_args(argv)

    if not 0 <= args.inhibition <= 128:
        raise SystemExit("digits: --inhibition must be 0..128")
    data = load_data(args.seed, args.train or (600 if args.fast else 1200),
                     args.test or (400 if args.fast else None))
    net, label_of = make_network(data["rng"], args.train_theta)
    with lifcore.open(args.device) as dev:
        result = experiment(dev, net, label_of, data, device_name=args.device,
                            inhibition=args.inhibition, test_theta=args.test_theta)
    n_train, n_test = result["train"], result["test"]
    labels, test, pixels = data["labels"], data["test"], data["pixels"]
    learned, label, predicted = result.pop("network"), result.pop("label"), \
        result.pop("predicted")
    acc, test_out, seconds = result["accuracy"], result.pop("test_out"), result["seconds"]
    agree = int(np.sum(label == label_of))
    per = TEST_FRAMES + TEST_GAP
    if not args.no_plots:
        import matplotlib.pyplot as plt

        import lifcore.plot as lp
        os.makedirs(args.out, exist_ok=True)
        p1 = os.path.join(args.out, "digits_weights.png")
        w = learned.w_in.astype(int)
        grid = np.zeros((64, net.n_neurons), dtype=int)
        grid[pixels] = w[:PIXELS] - w[PIXELS:2 * PIXELS]   # ON minus OFF weight
        lim = max(1, int(np.abs(grid).max()))
        fig = lp.receptive_fields(grid, (8, 8), labels=label, columns=CLASSES,
                                  vmin=-lim, vmax=lim,
                                  title="ON - OFF weights learned on %s (label by response above)"
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
        lp.raster(test_out[:shown * per], ax=ax2,
                  label="neuron (%d per class)" % PER_CLASS,
                  title="test responses, first %d images: %s" % (
                      shown, " ".join(str(v) for v in labels[test][:shown])))
        fig.tight_layout()
        fig.savefig(p2, dpi=110)
        plt.close(fig)
        result["plots"] = [p1, p2]
    print("digits: labels by response match the teachers' classes for %d of %d neurons"
          % (agree, net.n_neurons))
    print("digits: accuracy %.1f%% on %d held-out images (trained on %d, on %s; %d steps, "
          "%.0f s)%s" % (100 * acc, n_test, n_train, args.device, result["steps"], seconds,
                         "; plots " + ", ".join(result["plots"]) if "plots" in result else ""))
    return result


if __name__ == "__main__":
    main()
