#!/usr/bin/env python3
# sweep_digits.py : lifcore.sweep over the digits demo's learning rate
# The learning rate of digits.py is the weight step of one STDP update (1 in the demo:
# a_plus = a_minus = 9, (9 * 15) >> 7 = 1; digits.stdp_amplitude gives the amplitude of
# a step of 2, 3, ...). Each grid point (learning rate x seed) trains and tests the demo
# on a small split of the images, on its own device; the runs go to joblib workers (or
# a Dask cluster with --dask N: N local workers). Prints one line per run and plots the
# held-out accuracy against the learning rate (every seed, and their mean).
# Usage: sweep_digits.py [--device ref|sim] [--lr 1,2,4,8,16,29] [--seeds 1,2,3] [--train 300]
#                        [--test 200] [--jobs 2] [--dask N] [--out DIR] [--no-plots]
# SPDX-License-Identifier: MIT
"""lifcore.sweep over the learning rate of the digits demo (python/examples/digits.py)."""

import argparse
import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)  # digits.py, also in the workers (joblib copies sys.path)
try:
    import lifcore
except ImportError:  # run from the repository without pip install
    sys.path.insert(0, os.path.join(HERE, ".."))
    import lifcore

import digits  # noqa: E402


def int_list(text):
    try:
        return [int(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError("expected integers separated by commas, e.g. 1,2,3")


class Digits:
    """make_network and run of the sweep for one split of the data (picklable)."""

    def __init__(self, n_train, n_test):
        self.n_train, self.n_test = n_train, n_test

    def make_network(self, lr, seed):
        data = digits.load_data(seed, self.n_train, self.n_test)
        net, _ = digits.make_network(data["rng"], step=lr)
        return net

    def run(self, dev, net, point):
        # the same draws as make_network, then the demo's training and test
        data = digits.load_data(point["seed"], self.n_train, self.n_test)
        _, label_of = digits.make_network(data["rng"], step=point["lr"])
        r = digits.experiment(dev, net, label_of, data, device_name=dev.name, progress=False)
        return {"accuracy": r["accuracy"], "silent": r["silent"],
                "label_agreement": r["label_agreement"], "steps": r["steps"],
                "seconds": r["seconds"]}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--device", default="ref", help="ref (default) or sim")
    ap.add_argument("--lr", type=int_list, default=[1, 2, 4, 8, 16, 29],
                    help="weight steps per STDP update, 1..29 (default 1,2,4,8,16,29)")
    ap.add_argument("--seeds", type=int_list, default=[1, 2, 3], help="default 1,2,3")
    ap.add_argument("--train", type=int, default=300, help="training images (default 300)")
    ap.add_argument("--test", type=int, default=200, help="test images (default 200)")
    ap.add_argument("--jobs", type=int, default=2, help="joblib workers (default 2; 1: "
                                                        "one after the other, no joblib)")
    ap.add_argument("--dask", type=int, metavar="N",
                    help="run on a local Dask cluster of N worker processes instead")
    ap.add_argument("--out", default="demo_out", help="folder for the PNG plot")
    ap.add_argument("--no-plots", action="store_true")
    ap.add_argument("--no-progress", action="store_true", help="no progress bar")
    args = ap.parse_args(argv)
    if not args.lr or not args.seeds:
        raise SystemExit("sweep_digits: --lr and --seeds need at least one value")

    exp = Digits(args.train, args.test)
    grid = {"lr": args.lr, "seed": args.seeds}
    kw = dict(device=args.device, run=exp.run, progress=False if args.no_progress else None,
              as_frame=False)
    print("sweep_digits: %d runs (lr %s x seeds %s), %d train / %d test images each, on %s"
          % (len(args.lr) * len(args.seeds), args.lr, args.seeds, args.train, args.test,
             args.device))
    t0 = time.time()
    if args.dask:
        from distributed import Client, LocalCluster
        with LocalCluster(n_workers=args.dask, threads_per_worker=1,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            records = lifcore.sweep(exp.make_network, grid, client=client, **kw)
    else:
        records = lifcore.sweep(exp.make_network, grid, n_jobs=args.jobs, **kw)
    seconds = time.time() - t0
    for r in records:
        print("  lr %2d  seed %2d  accuracy %5.1f%%  (%d steps, %.1f s)"
              % (r["lr"], r["seed"], 100 * r["accuracy"], r["steps"], r["seconds"]))
    mean = {lr: float(np.mean([r["accuracy"] for r in records if r["lr"] == lr]))
            for lr in args.lr}
    best = max(mean, key=mean.get)
    result = {"records": records, "mean": mean, "best_lr": best, "seconds": seconds}
    if not args.no_plots:
        import matplotlib.pyplot as plt
        os.makedirs(args.out, exist_ok=True)
        path = os.path.join(args.out, "sweep_digits.png")
        fig, ax = plt.subplots(figsize=(6, 4))
        for seed in args.seeds:
            pts = [(r["lr"], r["accuracy"]) for r in records if r["seed"] == seed]
            ax.plot(*zip(*pts), "o", alpha=0.6, label="seed %d" % seed)
        ax.plot(list(mean), list(mean.values()), "k-", lw=2, label="mean")
        ax.set_xlabel("learning rate (weight step per STDP update)")
        ax.set_ylabel("held-out accuracy")
        ax.set_xticks(args.lr)
        ax.set_ylim(0, 1)
        ax.axhline(0.1, color="grey", ls=":", lw=1, label="chance")
        ax.set_title("digits on %s: %d train / %d test images" % (args.device, args.train,
                                                                args.test))
        ax.legend(loc="lower left", fontsize=8)
        fig.tight_layout()
        fig.savefig(path, dpi=110)
        plt.close(fig)
        result["plots"] = [path]
    print("sweep_digits: best learning rate %d (mean accuracy %.1f%%); %d runs in %.1f s%s"
          % (best, 100 * mean[best], len(records), seconds,
             "; plot " + result["plots"][0] if "plots" in result else ""))
    return result


if __name__ == "__main__":
    main()
