# encoders.py : spike trains for input axons (Poisson, regular) and format helpers
# Dense bool arrays (steps x channels), the shape Device.run takes. Random trains
# come from a numpy Generator: pass a seed or a Generator to get the same trains
# again.
# SPDX-License-Identifier: MIT
"""Spike-train encoders and conversions between dense and index forms."""

import numpy as np


def _rates(rate_hz, dt_ms, name):
    r = np.atleast_1d(np.asarray(rate_hz, dtype=float))
    if r.ndim != 1:
        raise ValueError("%s: rate_hz must be a scalar or a 1-D array of channels" % name)
    if np.any(r < 0) or np.any(~np.isfinite(r)):
        raise ValueError("%s: rates must be finite and >= 0" % name)
    if dt_ms <= 0:
        raise ValueError("%s: dt_ms must be > 0" % name)
    return r * (dt_ms / 1000.0)  # expected spikes per step


def poisson(rate_hz, steps, dt_ms=1.0, rng=None):
    """Poisson (Bernoulli per step) spike trains.

    ``rate_hz``: one rate per channel (or a scalar for one channel); each step a
    channel spikes with probability ``min(1, rate * dt)``. ``rng`` is a seed or a
    ``numpy.random.Generator``. Returns a bool array (steps x channels).
    """
    p = np.minimum(_rates(rate_hz, dt_ms, "poisson"), 1.0)
    gen = np.random.default_rng(rng)
    return gen.random((int(steps), p.size)) < p


def regular(rate_hz, steps, dt_ms=1.0, phase=0.0):
    """Regular spike trains: channel c spikes whenever its accumulated
    ``rate * dt`` (started at ``phase``, a fraction of a period in 0..1, scalar or
    per channel) crosses an integer, so a rate of 100 Hz at dt = 1 ms spikes every
    10th step. At most one spike per step. Returns a bool array (steps x channels).
    """
    p = _rates(rate_hz, dt_ms, "regular")
    ph = np.broadcast_to(np.asarray(phase, dtype=float), p.shape)
    if np.any((ph < 0) | (ph >= 1)):
        raise ValueError("regular: phase must lie in [0, 1)")
    t = np.arange(1, int(steps) + 1, dtype=float)[:, None]
    # the count of spikes so far, computed per step without accumulating rounding
    count = np.floor(t * p + ph + 1e-9)
    prev = np.floor((t - 1) * p + ph + 1e-9)
    return (count > prev) & (p > 0)


def to_indices(spikes):
    """Dense bool array (steps x channels) -> list of index arrays, one per step."""
    a = np.asarray(spikes)
    if a.ndim != 2:
        raise ValueError("to_indices: expected a 2-D array (steps x channels)")
    return [np.flatnonzero(row) for row in a]


def from_indices(indices, channels):
    """List of index sequences (one per step) -> dense bool array (steps x channels)."""
    out = np.zeros((len(indices), int(channels)), dtype=bool)
    for t, idx in enumerate(indices):
        idx = np.asarray(idx, dtype=np.int64)
        if idx.size and (idx.min() < 0 or idx.max() >= channels):
            raise ValueError("from_indices: step %d has an index outside 0..%d"
                             % (t, channels - 1))
        out[t, idx] = True
    return out
