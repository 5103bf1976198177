# test_helpers.py : encoders, time-constant conversion, the Lava mapping, plots, library lookup
# SPDX-License-Identifier: MIT
import math
import os
import subprocess
import sys

import numpy as np
import pytest

import lifcore
from conftest import REPO


# ---- encoders -----------------------------------------------------------------------
def test_poisson_is_reproducible_with_a_seed():
    a = lifcore.poisson([10, 50, 200], 1000, rng=42)
    b = lifcore.poisson([10, 50, 200], 1000, rng=np.random.default_rng(42))
    assert a.dtype == np.bool_ and a.shape == (1000, 3)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, lifcore.poisson([10, 50, 200], 1000, rng=43))


def test_poisson_rates_are_right():
    seed = 7
    s = lifcore.poisson([20.0, 100.0, 0.0], 50000, dt_ms=1.0, rng=seed)
    rates = s.mean(0) * 1000.0
    print("seed", seed, "rates", rates)
    assert abs(rates[0] - 20) < 2.0 and abs(rates[1] - 100) < 4.0 and rates[2] == 0
    # dt scales the probability per step
    s = lifcore.poisson(100.0, 20000, dt_ms=0.1, rng=seed)
    assert s.shape == (20000, 1) and abs(s.mean() - 0.01) < 0.002


def test_poisson_refuses_bad_rates():
    with pytest.raises(ValueError):
        lifcore.poisson([-1.0], 10)
    with pytest.raises(ValueError):
        lifcore.poisson([1.0], 10, dt_ms=0)


def test_regular_spikes_every_period():
    s = lifcore.regular([100.0, 250.0, 0.0], 40, dt_ms=1.0)
    assert np.flatnonzero(s[:, 0]).tolist() == [9, 19, 29, 39]
    assert s[:, 1].sum() == 10 and np.all(np.diff(np.flatnonzero(s[:, 1])) == 4)
    assert not s[:, 2].any()
    shifted = lifcore.regular(100.0, 40, phase=0.5)
    assert np.flatnonzero(shifted[:, 0]).tolist() == [4, 14, 24, 34]
    assert lifcore.regular(5000.0, 5).all()  # at most one spike per step
    with pytest.raises(ValueError):
        lifcore.regular(10.0, 5, phase=1.0)


def test_indices_round_trip():
    s = lifcore.poisson([300.0] * 6, 30, rng=1)
    idx = lifcore.to_indices(s)
    assert len(idx) == 30 and all(isinstance(i, np.ndarray) for i in idx)
    assert np.array_equal(lifcore.from_indices(idx, 6), s)
    with pytest.raises(ValueError):
        lifcore.from_indices([[6]], 6)


# ---- time constants --------------------------------------------------------------------
@pytest.mark.parametrize("tau, dt, d", [(20.0, 1.0, 200), (5.0, 1.0, 742), (1.0, 1.0, 2589),
                                        (20.0, 0.1, 20), (float("inf"), 1.0, 0),
                                        (0.0, 1.0, 4096)])
def test_decay_constant_matches_the_formula(tau, dt, d):
    assert lifcore.decay_constant(tau, dt) == d
    if 0 < tau < float("inf"):
        assert d == round(4096 * (1 - math.exp(-dt / tau)))


def test_decay_constant_of_arrays_and_its_inverse():
    taus = np.array([2.0, 10.0, 50.0, 100.0])
    d = lifcore.decay_constant(taus, 1.0)
    assert d.dtype.kind == "i" and d.shape == (4,)
    back = lifcore.time_constant(d, 1.0)
    assert np.allclose(back, taus, rtol=0.02)
    assert lifcore.time_constant(0) == float("inf") and lifcore.time_constant(4096) == 0.0
    with pytest.raises(ValueError):
        lifcore.decay_constant(-1.0)
    with pytest.raises(ValueError):
        lifcore.time_constant(5000)


def test_decay_constant_decays_like_exp_on_the_device(ref):
    """A current left alone on the device shrinks like exp(-t/tau)."""
    tau, dt = 8.0, 1.0
    net = lifcore.Network(1, 1)
    net.set(du=lifcore.decay_constant(tau, dt), dv=4096, vth=2 ** 23 - 1, w_in=[[100]])
    ref.load(net)
    ref.run(np.array([[1]], bool))
    u0 = ref.read_state().u[0]
    ref.run(steps=16)
    u16 = ref.read_state().u[0]
    assert abs(u16 / u0 - math.exp(-16 * dt / tau)) < 0.01


# ---- Lava ------------------------------------------------------------------------------
def lava_lif_step(u, v, a, du, dv, vth, bias):
    """One step of Lava's bit-accurate LIF as docs/model.md describes it (the test's
    independent oracle): decays truncate toward zero, du has Lava's +1, inputs are
    shifted 6 bits, u wraps at 2^23, v is clamped to +/-(2^23-1), reset to 0."""
    def decay(z, d):
        return np.sign(z) * ((np.abs(z) * (4096 - d)) >> 12)
    u = decay(u, du + 1) + (a << 6)
    u = np.where(u >= 2 ** 23, u - 2 ** 24, np.where(u < -(2 ** 23), u + 2 ** 24, u))
    v = np.clip(decay(v, dv) + u + bias, -(2 ** 23 - 1), 2 ** 23 - 1)
    s = v > (vth << 6)
    return u, np.where(s, 0, v), s


def test_lava_mapping_reproduces_lavas_lif_step_for_step(ref):
    seed = 2024
    rng = np.random.default_rng(seed)
    n, m, steps = 12, 6, 200
    du = rng.integers(0, 4096, n)
    dv = rng.integers(0, 4096, n)
    vth = rng.integers(0, 2000, n)
    bias_mant = rng.integers(-200, 400, n)
    bias_exp = rng.integers(0, 4, n)
    w = rng.integers(-40, 60, (m, n))
    spikes = rng.random((steps, m)) < 0.3
    net = lifcore.Network(n, m)
    net.set(**lifcore.from_lava(du, dv, vth, bias_mant, bias_exp))
    net.w_in = w
    ref.load(net)
    u = np.zeros(n, np.int64)
    v = np.zeros(n, np.int64)
    bias = bias_mant.astype(np.int64) << bias_exp
    for t in range(steps):
        a = spikes[t].astype(np.int64) @ w
        u, v, s = lava_lif_step(u, v, a, du, dv, vth, bias)
        out = ref.run(spikes[t:t + 1])[0]
        st = ref.read_state()
        assert np.array_equal(out, s), "seed %d step %d: spikes differ" % (seed, t)
        assert np.array_equal(st.u, u), "seed %d step %d: u %s vs Lava %s" % (seed, t, st.u, u)
        assert np.array_equal(st.v, v), "seed %d step %d: v %s vs Lava %s" % (seed, t, st.v, v)


def test_from_lava_refuses_values_lava_cannot_hold():
    with pytest.raises(ValueError, match="du"):
        lifcore.from_lava(du=4096, dv=0, vth=1)
    with pytest.raises(ValueError, match="vth"):
        lifcore.from_lava(du=0, dv=0, vth=1 << 17)
    with pytest.raises(ValueError, match="bias_exp"):
        lifcore.from_lava(du=0, dv=0, vth=1, bias_exp=8)
    with pytest.raises(TypeError):
        lifcore.from_lava(du=0.5, dv=0, vth=1)
    p = lifcore.from_lava(du=4095, dv=4095, vth=(1 << 17) - 1, bias_mant=-4096, bias_exp=7)
    assert (p["du"], p["vth"], p["bias"]) == (4096, ((1 << 17) - 1) << 6, -4096 * 128)


# ---- plots -----------------------------------------------------------------------------
def test_plots_write_png_files(tmp_path):
    pytest.importorskip("matplotlib")
    import lifcore.plot as lp
    s = lifcore.poisson([50.0] * 20, 200, rng=3)
    lp.raster(s, path=tmp_path / "raster.png", title="raster")
    lp.membrane({"a": np.sin(np.arange(100) / 5)}, threshold=0.5,
                spikes=np.arange(100) % 20 == 0, path=tmp_path / "v.png")
    lp.weights(np.arange(-64, 64).reshape(16, 8), path=tmp_path / "w.png")
    lp.receptive_fields(np.zeros((64, 6)), (8, 8), labels=list("abcdef"),
                        path=tmp_path / "rf.png")
    lp.close_all()
    for f in ("raster.png", "v.png", "w.png", "rf.png"):
        data = (tmp_path / f).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 1000, f


def run_python(code, env=None):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=e, cwd=str(REPO))


def test_plot_without_matplotlib_fails_only_when_called():
    code = ("import sys; sys.path.insert(0, 'python'); sys.modules['matplotlib'] = None\n"
            "sys.modules['matplotlib.pyplot'] = None\n"
            "import lifcore, lifcore.plot\n"
            "try:\n    lifcore.plot.raster([[True]])\nexcept ImportError as e:\n"
            "    print('ERR', e)\n")
    r = run_python(code)
    assert r.returncode == 0, r.stderr
    assert "ERR lifcore.plot needs matplotlib" in r.stdout


# ---- finding the library ----------------------------------------------------------------
def test_lifcore_lib_points_at_the_library():
    r = run_python("import sys; sys.path.insert(0, 'python'); import lifcore; "
                   "print(lifcore.library_path)", {"LIFCORE_LIB": lifcore.library_path})
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == os.path.realpath(lifcore.library_path) or \
        r.stdout.strip() == lifcore.library_path


def test_lifcore_lib_may_name_a_folder():
    folder = os.path.dirname(lifcore.library_path)
    r = run_python("import sys; sys.path.insert(0, 'python'); import lifcore; "
                   "print(lifcore.library_path)", {"LIFCORE_LIB": folder})
    assert r.returncode == 0, r.stderr
    assert os.path.dirname(r.stdout.strip()) == folder


def test_bad_lifcore_lib_is_a_clear_import_error(tmp_path):
    bogus = tmp_path / "liblifcore.so"
    bogus.write_text("not a library")
    r = run_python("import sys; sys.path.insert(0, 'python'); import lifcore",
                   {"LIFCORE_LIB": str(bogus)})
    assert r.returncode != 0
    assert "LIFCORE_LIB=%s cannot be loaded" % bogus in r.stderr


def test_library_version_is_checked():
    assert lifcore.library_version() == "0.1.0"
    from lifcore import _lib
    assert _lib.version[:2] == _lib.REQUIRED_VERSION[:2]


def test_error_carries_code_name_message_and_detail():
    with pytest.raises(lifcore.LifcoreError) as e:
        lifcore.open("nonsense")
    err = e.value
    assert err.code == -1 and err.name == "LC_ERR_ARG"
    assert err.message and err.detail and "nonsense" in err.detail
    assert str(err) == "%s: %s" % (err.message, err.detail)


def test_counters_structure_matches_the_c_header():
    # ctypes cannot see the C struct: a field missing here lets lc_counters() write
    # past the Python buffer. Compare with struct lc_counters in the public header.
    import re

    from lifcore import _lib
    header = open(os.path.join(REPO, "host", "include", "lifcore.h")).read()
    body = re.search(r"struct lc_counters \{(.*?)\};", header, re.S).group(1)
    fields = tuple(re.findall(r"uint64_t\s+(\w+);", body))
    assert fields == _lib.COUNTER_FIELDS
    assert len(re.findall(r";", body)) == len(fields)  # nothing but uint64_t fields
