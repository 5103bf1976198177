#!/usr/bin/env python3
# make_nir_example.py : writes nir_example.nir, the small NIR graph of nir_import.py
# Input (16) -> Affine -> CubaLIF (12, with a weak recurrent Linear) -> Linear -> LIF (4)
# -> Output, in seconds, made for dt = 1 ms. The numbers are drawn from a fixed seed,
# so running this again writes the same graph. Needs numpy and nir (pip install nir).
# Usage: make_nir_example.py [OUT.nir]
# SPDX-License-Identifier: MIT
"""Write the example NIR graph used by nir_import.py."""

import os
import sys

import numpy as np


def graph(seed=11):
    import nir
    rng = np.random.default_rng(seed)
    n_in, n1, n2 = 16, 12, 4
    dt = 1e-3  # r = tau_mem/dt and w_in = tau_syn/dt: one weight is the per-step jump of v

    def full(v, n):
        return np.full(n, float(v))

    nodes = {
        "input": nir.Input(input_type={"input": np.array([n_in])}),
        "fc1": nir.Affine(weight=rng.uniform(-0.05, 0.12, (n1, n_in)), bias=np.zeros(n1)),
        "hidden": nir.CubaLIF(tau_syn=full(5e-3, n1), tau_mem=full(20e-3, n1),
                              r=full(20e-3 / dt, n1), v_leak=full(0, n1),
                              v_threshold=full(1, n1), v_reset=full(0, n1),
                              w_in=full(5e-3 / dt, n1)),
        "rec": nir.Linear(weight=rng.uniform(-0.01, 0.01, (n1, n1))),
        "fc2": nir.Linear(weight=rng.uniform(0.0, 0.5, (n2, n1))),
        "readout": nir.LIF(tau=full(10e-3, n2), r=full(10e-3 / dt, n2), v_leak=full(0, n2),
                           v_threshold=full(1, n2), v_reset=full(0, n2)),
        "output": nir.Output(output_type={"output": np.array([n2])}),
    }
    edges = [("input", "fc1"), ("fc1", "hidden"), ("hidden", "rec"), ("rec", "hidden"),
             ("hidden", "fc2"), ("fc2", "readout"), ("readout", "output")]
    return nir.NIRGraph(nodes=nodes, edges=edges)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    import nir
    out = argv[0] if argv else os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                            "nir_example.nir")
    nir.write(out, graph())
    print("wrote %s (%d bytes)" % (out, os.path.getsize(out)))
    return out


if __name__ == "__main__":
    main()
