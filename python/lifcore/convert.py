# convert.py : from float time constants and from Lava's LIF to the contract's integers
# decay_constant: d = round(4096 * (1 - exp(-dt/tau))), the per-step decay of
# docs/model.md. from_lava: the mapping of docs/model.md, "Relation to Loihi's
# LIF in Lava" (du + 1, vth << 6, bias_mant << bias_exp, w_shift 6).
# SPDX-License-Identifier: MIT
"""Conversions into lifcore's integer parameters."""

import numpy as np

DECAY_UNITY = 4096  # LC_DECAY_MAX: a decay constant of 4096 forgets everything each step


def decay_constant(tau_ms, dt_ms=1.0):
    """Decay constant (0..4096) of a time constant: ``round(4096 * (1 - exp(-dt/tau)))``.

    ``tau_ms`` may be an array; ``inf`` gives 0 (no decay), 0 gives 4096 (no memory).
    Returns an int, or an int64 array for array input.
    """
    tau = np.asarray(tau_ms, dtype=float)
    dt = float(dt_ms)
    if dt <= 0:
        raise ValueError("decay_constant: dt_ms must be > 0, got %r" % dt_ms)
    if np.any(tau < 0) or np.any(np.isnan(tau)):
        raise ValueError("decay_constant: time constants must be >= 0")
    with np.errstate(divide="ignore"):
        keep = np.exp(-dt / tau)  # tau = 0 -> exp(-inf) = 0, tau = inf -> 1
    d = np.rint(DECAY_UNITY * (1.0 - keep)).astype(np.int64)
    return int(d) if d.ndim == 0 else d


def time_constant(d, dt_ms=1.0):
    """The time constant (ms) a decay constant stands for: ``-dt / ln(1 - d/4096)``.

    0 gives ``inf``, 4096 gives 0. The inverse of decay_constant up to its rounding.
    """
    d = np.asarray(d, dtype=float)
    if np.any((d < 0) | (d > DECAY_UNITY)):
        raise ValueError("time_constant: decay constants must lie in 0..4096")
    with np.errstate(divide="ignore"):
        tau = -float(dt_ms) / np.log1p(-d / DECAY_UNITY)
    tau = np.where(d == 0, np.inf, np.where(d == DECAY_UNITY, 0.0, tau))
    return float(tau) if tau.ndim == 0 else tau


# Lava's ranges for its bit-accurate LIF (Loihi's registers)
LAVA_RANGES = {
    "du": (0, 4095),
    "dv": (0, 4095),
    "vth": (0, (1 << 17) - 1),
    "bias_mant": (-(1 << 12), (1 << 12) - 1),
    "bias_exp": (0, 7),
}


def from_lava(du, dv, vth, bias_mant=0, bias_exp=0):
    """lifcore parameters equivalent to Lava's bit-accurate LIF (docs/model.md).

    Arguments are Lava's LIF parameters (scalars or arrays of the neurons):
    ``du``, ``dv`` (0..4095), ``vth`` (17-bit unsigned), ``bias_mant``
    (13-bit signed), ``bias_exp`` (0..7). Returns a dict for ``Network.set``:
    per neuron ``du = du + 1``, ``dv``, ``vth = vth << 6``,
    ``bias = bias_mant << bias_exp``, ``tref = 0``; per core ``w_shift = 6``,
    ``v_reset = 0``, ``theta_plus = 0``, ``learning = 0``.
    """
    given = {"du": du, "dv": dv, "vth": vth, "bias_mant": bias_mant, "bias_exp": bias_exp}
    a = {}
    for name, value in given.items():
        v = np.asarray(value)
        if v.dtype.kind == "f" and np.all(v == np.round(v)):
            v = v.astype(np.int64)
        if v.dtype.kind not in "iub":
            raise TypeError("from_lava: %s must be integers, got %s" % (name, v.dtype))
        lo, hi = LAVA_RANGES[name]
        if np.any((v < lo) | (v > hi)):
            raise ValueError("from_lava: %s = %s outside Lava's range %d..%d"
                             % (name, value, lo, hi))
        a[name] = v.astype(np.int64)

    def out(v):
        return int(v) if v.ndim == 0 else v

    return {
        "du": out(a["du"] + 1),
        "dv": out(a["dv"]),
        "vth": out(a["vth"] << 6),
        "bias": out(a["bias_mant"] << a["bias_exp"]),
        "tref": 0,
        "w_shift": 6,
        "v_reset": 0,
        "theta_plus": 0,
        "learning": 0,
    }
