# plot.py : raster plots, membrane traces and weight maps with matplotlib
# matplotlib is optional: importing lifcore.plot works without it, and each
# function raises ImportError naming the package only when it is called.
# Every function draws into ``ax`` when given (else a new figure), saves to
# ``path`` when given, and returns the Axes.
# SPDX-License-Identifier: MIT
"""Plots of spikes, membrane traces and weights (needs matplotlib)."""

import numpy as np


def _pyplot():
    try:
        import matplotlib.pyplot as plt  # without a display matplotlib picks Agg
    except ImportError as e:
        raise ImportError("lifcore.plot needs matplotlib (pip install matplotlib, or "
                          "scripts/setup python): %s" % e) from None
    return plt


def _axes(ax, figsize):
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def _finish(ax, path):
    if path is not None:
        fig = ax.figure
        fig.tight_layout()
        fig.savefig(path, dpi=110)
    return ax


def raster(spikes, ax=None, dt_ms=None, title=None, path=None, color="k", label="neuron",
           markersize=2.0):
    """Raster plot of a bool array (steps x channels): a dot per spike."""
    a = np.asarray(spikes)
    if a.ndim != 2:
        raise ValueError("raster: expected a 2-D array (steps x channels), got %s" % (a.shape,))
    ax = _axes(ax, (8, 3.5))
    t, c = np.nonzero(a)
    x = t * dt_ms if dt_ms else t
    ax.plot(x, c, "|" if a.shape[1] <= 64 else ".", color=color, markersize=markersize * 3
            if a.shape[1] <= 64 else markersize)
    ax.set_xlim(0, (a.shape[0] * dt_ms) if dt_ms else a.shape[0])
    ax.set_ylim(-0.5, a.shape[1] - 0.5)
    ax.set_xlabel("time (ms)" if dt_ms else "step")
    ax.set_ylabel(label)
    if title:
        ax.set_title(title)
    return _finish(ax, path)


def membrane(traces, ax=None, dt_ms=None, threshold=None, spikes=None, title=None, path=None,
             labels=None, ylabel="membrane"):
    """Membrane (or any state) traces: a 1-D array, a 2-D array (steps x traces) or a
    dict {label: 1-D array}. ``threshold`` draws a dashed line; ``spikes`` (1-D bool,
    steps) marks spike times with ticks above the traces."""
    if isinstance(traces, dict):
        labels = list(traces)
        series = [np.asarray(v, dtype=float) for v in traces.values()]
    else:
        a = np.asarray(traces, dtype=float)
        series = [a] if a.ndim == 1 else [a[:, k] for k in range(a.shape[1])]
        labels = labels or [None] * len(series)
    ax = _axes(ax, (8, 3.5))
    for s, lab in zip(series, labels):
        x = np.arange(len(s)) * (dt_ms or 1)
        ax.plot(x, s, lw=1.0, label=lab)
    if threshold is not None:
        ax.axhline(threshold, ls="--", color="gray", lw=0.8, label="threshold")
    if spikes is not None:
        st = np.flatnonzero(np.asarray(spikes)) * (dt_ms or 1)
        top = max(float(np.nanmax(s)) for s in series) if series else 1.0
        ax.plot(st, np.full(st.shape, top * 1.05), "v", color="r", markersize=4,
                label="spikes")
    ax.set_xlabel("time (ms)" if dt_ms else "step")
    ax.set_ylabel(ylabel)
    if any(lab is not None for lab in labels) or threshold is not None:
        ax.legend(loc="upper right", fontsize=8)
    if title:
        ax.set_title(title)
    return _finish(ax, path)


def weights(w, ax=None, title=None, path=None, xlabel="target neuron", ylabel="source",
            cmap="RdBu_r", vmin=-128, vmax=127):
    """A weight matrix (source x target) as an image, with a colour bar."""
    a = np.asarray(w)
    if a.ndim != 2:
        raise ValueError("weights: expected a 2-D matrix, got %s" % (a.shape,))
    ax = _axes(ax, (6, 5))
    im = ax.imshow(a, aspect="auto", interpolation="nearest", cmap=cmap, vmin=vmin, vmax=vmax)
    ax.figure.colorbar(im, ax=ax, label="weight")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    return _finish(ax, path)


def receptive_fields(w, shape, labels=None, columns=None, title=None, path=None, cmap="RdBu_r",
                     vmin=-128, vmax=127):
    """The input weights of each neuron drawn as an image of ``shape`` (e.g. (8, 8)):
    ``w`` is (inputs x neurons), the first prod(shape) inputs are the pixels.
    ``labels`` (one per neuron) are written above the tiles. Returns the Figure."""
    plt = _pyplot()
    a = np.asarray(w)
    k = int(np.prod(shape))
    n = a.shape[1]
    cols = columns or int(np.ceil(np.sqrt(n)))
    rows = int(np.ceil(n / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(cols * 0.9, rows * 1.0 + 0.4), squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.set_axis_off()
        if i < n:
            ax.imshow(a[:k, i].reshape(shape), cmap=cmap, vmin=vmin, vmax=vmax,
                      interpolation="nearest")
            if labels is not None:
                ax.set_title(str(labels[i]), fontsize=7, pad=1)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    if path is not None:
        fig.savefig(path, dpi=110)
    return fig


def close_all():
    """Close every open figure (long scripts that draw many)."""
    _pyplot().close("all")
