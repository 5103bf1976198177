# sweep.py : lifcore.sweep, a parameter grid run on many devices at once
# Each grid point (the cartesian product of a dict of lists) builds its network with
# the user's function, opens its own device ("ref", "sim", ...), runs, and gives one
# record of the user's metrics. Runs go to joblib worker processes here, or to a Dask
# cluster when given a distributed.Client; a tqdm bar counts them. Records come back in
# grid order, as a pandas DataFrame (pandas installed) or a list of dicts. A failing
# run raises SweepError naming its grid point and the lifcore message (or, with
# errors="record", gives a record with the error). joblib, tqdm, pandas and dask are
# optional: this module imports without them, and says what to install when needed.
# SPDX-License-Identifier: MIT
"""lifcore.sweep: run a parameter grid on many ref/sim devices in parallel."""

import dataclasses
import itertools
import time
import traceback
import warnings

import numpy as np

from . import device as _device
from .errors import SweepError
from ._lib import LifcoreError


@dataclasses.dataclass
class SweepRun:
    """What a metrics function gets for one grid point (the device is still open)."""
    index: int          #: place of the point in the grid, from 0
    params: dict        #: the grid point: parameter name -> value
    network: object     #: what make_network returned (a Network or a System)
    inputs: object      #: the input spikes given to the run (None: none, or a custom run)
    output: object      #: dev.run's spikes, or what the custom run() returned
    device: object      #: the open lifcore.Device
    seconds: float      #: wall time of the run (loading included)


def grid_points(grid):
    """The points of a grid, in order: a dict of lists gives their cartesian product (the
    last key varies fastest; a value that is not a list or tuple is one value), a list of
    dicts is taken as it is."""
    if isinstance(grid, dict):
        keys = list(grid)
        for k in keys:
            if not isinstance(k, str):
                raise TypeError("sweep: grid keys must be parameter names (str), got %r"
                                % (k,))
        values = [list(v) if isinstance(v, (list, tuple, range, np.ndarray)) else [v]
                  for v in grid.values()]
        return [dict(zip(keys, combo)) for combo in itertools.product(*values)]
    if isinstance(grid, (list, tuple)) and all(isinstance(p, dict) for p in grid):
        return [dict(p) for p in grid]
    raise TypeError("sweep: grid must be a dict of lists ({'seed': [1, 2], 'lr': [1, 2]}) "
                    "or a list of dicts, got %s" % type(grid).__name__)


def _default_metrics(run):
    out = run.output
    if isinstance(out, dict):  # a custom run's result: its scalar entries
        return {k: v for k, v in out.items() if np.isscalar(v)}
    arrays = out if isinstance(out, list) else [out]
    total = sum(int(np.sum(a)) for a in arrays)
    cells = sum(int(np.size(a)) for a in arrays)
    return {"spikes": total, "rate": total / cells if cells else 0.0}


def _metrics_of(metrics, run):
    if metrics is None:
        got = _default_metrics(run)
    elif isinstance(metrics, dict):
        got = {name: fn(run) for name, fn in metrics.items()}
    elif callable(metrics):
        got = metrics(run)
        if not isinstance(got, dict):
            got = {"metric": got}
    else:
        raise TypeError("sweep: metrics must be a callable(run) -> dict, a dict of "
                        "name -> callable(run), or None")
    return {k: (v.item() if isinstance(v, np.generic) else v) for k, v in got.items()}


def _run_point(task):
    """One grid point, in a worker: ("ok", index, record) or ("error", index, info).
    Never raises (a LifcoreError does not cross processes as it is)."""
    index, point, spec = task
    token = _device._progress_default.set(False)  # no progress bars inside a sweep
    try:
        t0 = time.perf_counter()
        net = spec["make_network"](**point)
        inputs = None
        if isinstance(net, tuple):
            net, inputs = net
        if inputs is None and spec["run"] is None:
            inputs = spec["inputs"]
            if callable(inputs):
                inputs = inputs(**point)
        device = spec["device"]
        if callable(device):
            device = device(**point)
        with _device.open(device) as dev:
            dev.load(net)
            if spec["run"] is not None:
                output = spec["run"](dev, net, dict(point))
            else:
                if inputs is None and spec["steps"] is None:
                    raise ValueError("sweep: give inputs= or steps= (or make_network "
                                     "returning (network, inputs), or run=)")
                output = dev.run(inputs, steps=spec["steps"], progress=False)
            run = SweepRun(index=index, params=dict(point), network=net, inputs=inputs,
                           output=output, device=dev, seconds=time.perf_counter() - t0)
            record = _metrics_of(spec["metrics"], run)
        clash = sorted(set(record) & set(point))
        if clash:
            raise ValueError("sweep: metric names %s are also grid parameters" % clash)
        return "ok", index, record
    except BaseException as e:  # noqa: B902 (reported with the grid point)
        info = {"error_type": type(e).__name__,
                "error_name": getattr(e, "name", None) if isinstance(e, LifcoreError) else None,
                "error": str(e) or repr(e),
                "traceback": traceback.format_exc()}
        if not isinstance(e, Exception):  # KeyboardInterrupt, SystemExit: not a run's error
            raise
        return "error", index, info
    finally:
        _device._progress_default.reset(token)


def _need(module, what, pip):
    import importlib
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportError("lifcore.sweep: %s needs %s (pip install %s, or scripts/setup "
                          "python)" % (what, module.split(".")[0], pip)) from None


def _bar(progress, total):
    """A tqdm bar (or None) counting runs."""
    if progress is False:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        if progress:
            raise ImportError("lifcore.sweep: progress=True needs tqdm (pip install tqdm, or "
                              "scripts/setup python); or pass progress=False") from None
        return None
    return tqdm(total=total, unit="run", desc="lifcore.sweep")


def _results_joblib(tasks, n_jobs, backend):
    if n_jobs == 1 and backend is None:  # in this process: no joblib needed
        for t in tasks:
            yield _run_point(t)
        return
    joblib = _need("joblib", "n_jobs != 1", "joblib")
    par = joblib.Parallel(n_jobs=n_jobs, backend=backend or "loky", return_as="generator")
    yield from par(joblib.delayed(_run_point)(t) for t in tasks)


def _results_dask(tasks, client):
    distributed = _need("distributed", "client=", "'dask[distributed]'")
    futures = [client.submit(_run_point, t, pure=False) for t in tasks]
    try:
        for fut in distributed.as_completed(futures):
            yield fut.result()
    finally:
        for fut in futures:
            if not fut.done():
                fut.cancel()


def sweep(make_network, grid, device="ref", metrics=None, inputs=None, steps=None, run=None,
          n_jobs=-1, backend=None, client=None, progress=None, errors="raise",
          as_frame=None):
    """Run every point of a parameter grid on its own device, in parallel.

    ``make_network(**point)`` builds the network of a grid point (a Network or a System),
    or returns ``(network, inputs)``. ``grid``: a dict of lists, whose cartesian product
    is run (``{"seed": [1, 2, 3], "dv": [200, 400]}``: 6 runs, the last key fastest), or
    a list of point dicts. Each run opens ``device`` (a device string, or a function of
    the point giving one: ``"ref?n=256&m=128"``, ``"sim"``), loads the network and runs
    it: ``dev.run(inputs, steps)`` with ``inputs`` (an array, or a function of the point)
    and/or ``steps``, or ``run(dev, net, point)`` when given (a whole experiment: train,
    reload, test; what it returns is the run's output).

    ``metrics``: ``metrics(r)`` -> dict, or a dict ``{name: fn(r)}``, where ``r`` is a
    SweepRun (index, params, network, inputs, output, device (still open), seconds).
    By default: ``spikes`` and ``rate`` of the output spikes, or a custom run's dict's
    scalar entries. The values must be picklable (numbers, arrays, strings).

    Where the runs go: ``client`` (a ``distributed.Client``): its Dask cluster;
    otherwise joblib workers (``n_jobs``, default every core; ``backend``, default
    "loky": processes); ``n_jobs=1`` runs them here, one after the other, without joblib.
    The functions are sent to the workers (cloudpickle): they may be lambdas, but must
    not hold an open Device.

    ``progress``: a tqdm bar counting runs (None: when tqdm is installed; True: tqdm
    required; False: none). Runs never show dev.run's own bar.

    ``errors``: "raise" (default) stops at the first failing run in grid order and raises
    SweepError naming the grid point and the error (for a LifcoreError, the C library's
    message and detail); "record" gives that run a record with an ``error`` column (and
    ``error`` None in the others).

    Returns one record per grid point, in grid order: its parameters then its metrics;
    a pandas DataFrame when pandas is installed (``as_frame=None``; True requires it,
    False gives the list of dicts).
    """
    if not callable(make_network):
        raise TypeError("sweep: make_network must be a function of the grid parameters")
    if errors not in ("raise", "record"):
        raise ValueError("sweep: errors must be 'raise' or 'record', got %r" % (errors,))
    if not (isinstance(device, str) or callable(device)):
        raise TypeError("sweep: device must be a device string or a function of the point")
    if run is not None and not callable(run):
        raise TypeError("sweep: run must be a function (dev, net, point) -> output")
    pandas = None
    if as_frame or as_frame is None:
        try:
            import pandas
        except ImportError:
            if as_frame:
                raise ImportError("lifcore.sweep: as_frame=True needs pandas (pip install "
                                  "pandas); as_frame=False gives a list of dicts") from None
    points = grid_points(grid)
    spec = {"make_network": make_network, "device": device, "metrics": metrics,
            "inputs": inputs, "steps": steps, "run": run}
    tasks = [(i, p, spec) for i, p in enumerate(points)]
    records = [None] * len(points)
    bar = _bar(progress, len(points)) if points else None
    results = (_results_dask(tasks, client) if client is not None
               else _results_joblib(tasks, n_jobs, backend))
    failed = {}
    try:
        for status, index, payload in results:
            if status == "ok":
                records[index] = dict(points[index], **payload)
                if errors == "record":
                    records[index]["error"] = None
            else:
                failed[index] = payload
                if errors == "record":
                    records[index] = dict(points[index], error=SweepError(
                        index, len(points), points[index], **payload).args[0])
            if bar is not None:
                bar.update(1)
            if failed and errors == "raise":
                first = min(failed)  # the first failure in grid order, once it is known
                if all(records[i] is not None for i in range(first)):
                    break
    finally:
        if bar is not None:
            bar.close()
        if hasattr(results, "close"):
            with warnings.catch_warnings():  # joblib warns that it cancelled the rest
                warnings.simplefilter("ignore", UserWarning)
                results.close()
    if failed and errors == "raise":
        first = min(failed)
        raise SweepError(first, len(points), points[first], **failed[first])
    if pandas is not None:
        return pandas.DataFrame.from_records(records, columns=_columns(records))
    return records


def _columns(records):
    """The columns in first-seen order (parameters first, then metrics)."""
    cols = {}
    for r in records:
        for k in r:
            cols.setdefault(k, None)
    return list(cols)


__all__ = ["sweep", "SweepRun", "SweepError", "grid_points"]
