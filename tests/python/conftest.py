# conftest.py : shared fixtures of the Python tests (tests/python)
# Puts the repository's python/ first on sys.path (no pip install needed),
# opens 'ref' and 'sim' devices, and skips the sim tests with the C library's
# reason when the Verilator model (build/sim/liblcsim.so) is not available.
# SPDX-License-Identifier: MIT
import json
import os
import sys
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "python"))

import lifcore  # noqa: E402

VECTORS = sorted((REPO / "tests" / "vectors").glob("case*.json"))


def _sim_unavailable():
    """None when a 'sim' device opens, else the reason (the C library's message)."""
    try:
        with lifcore.open("sim"):
            return None
    except lifcore.LifcoreError as e:
        if e.name in ("LC_ERR_NOTFOUND", "LC_ERR_UNSUPPORTED"):
            return "sim backend unavailable (build build/sim/liblcsim.so): %s" % e
        raise


SIM_REASON = _sim_unavailable()
needs_sim = pytest.mark.skipif(SIM_REASON is not None, reason=str(SIM_REASON))


@pytest.fixture
def ref():
    with lifcore.open("ref", n=256, m=128) as dev:
        yield dev


@pytest.fixture
def sim():
    if SIM_REASON is not None:
        pytest.skip(SIM_REASON)
    with lifcore.open("sim") as dev:
        yield dev


@pytest.fixture(params=["ref", pytest.param("sim", marks=needs_sim)])
def device(request):
    """Each test using it runs on ref and on sim."""
    with lifcore.open(request.param) as dev:
        yield dev


def load_vector(path):
    """A conformance vector: (Network, inputs as a bool array, the expected dict)."""
    with open(path) as f:
        doc = json.load(f)
    net = lifcore.Network.load(path)
    inputs = lifcore.from_indices(doc["input_spikes"], net.n_inputs)
    return net, inputs, doc["expected"]


def random_network(rng, n, m, learning=True):
    """A random network that spikes and learns, within the contract's ranges."""
    net = lifcore.Network(n, m)
    net.du = rng.integers(0, 4097, n)
    net.dv = rng.integers(0, 4097, n)
    net.vth = rng.integers(0, 20000, n)
    net.bias = rng.integers(-500, 1500, n)
    net.tref = rng.integers(0, 4, n)
    net.w_in = rng.integers(-60, 100, (m, n))
    net.w_rec = rng.integers(-80, 80, (n, n))
    net.plastic_in = rng.random((m, n)) < 0.7
    net.plastic_rec = rng.random((n, n)) < 0.5
    net.set(v_reset=int(rng.integers(-2000, 500)), theta_plus=int(rng.integers(0, 3000)),
            d_theta=int(rng.integers(0, 4097)), dx=int(rng.integers(0, 4097)),
            dy=int(rng.integers(0, 4097)), x_imp=int(rng.integers(0, 65536)),
            y_imp=int(rng.integers(0, 65536)), learning=int(learning))
    for s in (net.stdp_in, net.stdp_rec):
        lo = int(rng.integers(-128, 0))
        s.set(a_plus=int(rng.integers(0, 256)), a_minus=int(rng.integers(0, 256)),
              s_plus=int(rng.integers(4, 16)), s_minus=int(rng.integers(4, 16)), w_min=lo,
              w_max=int(rng.integers(lo, 128)))
    return net


def pytest_configure(config):
    config.addinivalue_line("markers", "long: slow; run by make test-long (group python-long), "
                                       "left out of make test's python group (-m 'not long')")


def pytest_report_header(config):
    return ["lifcore library: %s (%s)" % (lifcore.library_path, lifcore.library_version()),
            "sim: %s" % ("available" if SIM_REASON is None else SIM_REASON)]


os.environ.setdefault("MPLBACKEND", "Agg")


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """A last line in the suite's format, "python: N passed, M failed" (skips not
    counted; errors count as failures), for scripts/testrun."""
    stats = terminalreporter.stats
    passed = len([r for r in stats.get("passed", []) if getattr(r, "when", "call") == "call"])
    failed = len(stats.get("failed", [])) + len(stats.get("error", []))
    skipped = len(stats.get("skipped", []))
    terminalreporter.write_line("python: %d passed, %d failed (%d skipped)"
                                % (passed, failed, skipped))


@pytest.fixture(autouse=True)
def collect_garbage_after_each_test():
    """Finalizers (a dropped Device closes its handle) run in the test that dropped it."""
    yield
    import gc
    gc.collect()
