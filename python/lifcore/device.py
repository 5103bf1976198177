# device.py : lifcore.open and lifcore.Device, one open lifcore device
# Wraps lc_open/lc_close and the calls on a device (lifcore.h): load a network,
# run or stream spikes, read weights, state, counters and info. Numpy arrays in
# and out, shapes checked before the call; errors raise LifcoreError with the
# C library's detail.
# SPDX-License-Identifier: MIT
"""lifcore.open and lifcore.Device."""

import contextvars
import ctypes
import dataclasses
import os
import urllib.parse

import numpy as np

from . import _lib, errors
from ._lib import LifcoreError
from .network import Network
from .system import System

LC_ERR_ARG = errors.ERR_ARG

# progress bars of run(): with progress=None (the default) a run of at least
# PROGRESS_MIN_STEPS steps is cut into pieces and shows a tqdm bar once it has taken
# PROGRESS_DELAY_S seconds (a short run shows nothing and is one call). Off for the whole
# process with LIFCORE_PROGRESS=0; lifcore.sweep turns it off in its runs.
PROGRESS_MIN_STEPS = 2000
PROGRESS_DELAY_S = 1.0
_progress_default = contextvars.ContextVar("lifcore_progress", default=None)


def _tqdm(what):
    """tqdm.tqdm, or an ImportError saying how to get it."""
    try:
        from tqdm.auto import tqdm
    except ImportError:
        raise ImportError("%s: a progress bar needs tqdm (pip install tqdm, or "
                          "scripts/setup python); or pass progress=False" % what) from None
    return tqdm


def _progress_plan(progress, steps, chunk):
    """(tqdm class or None, steps per call, seconds before the bar shows) for a run of
    @p steps."""
    whole = None, max(1, steps), 0
    if progress is None:
        progress = _progress_default.get()
    delay = 0
    if progress is None:  # auto: long runs only, when tqdm is there and not turned off
        if steps < PROGRESS_MIN_STEPS or os.environ.get("LIFCORE_PROGRESS", "1") == "0":
            return whole
        try:
            bar = _tqdm("run")
        except ImportError:
            return whole
        delay = PROGRESS_DELAY_S
    elif progress:
        bar = _tqdm("run")
    else:
        return whole
    if chunk is None:
        chunk = max(500, -(-steps // 100))
    chunk = int(chunk)
    if chunk < 1:
        raise ValueError("run: chunk must be >= 1, got %d" % chunk)
    return bar, chunk, delay


def _spike_array(a, what):
    """A dense spike array as contiguous uint8 0/1: bool, or integers that are all 0 or 1.
    Anything else (0.7, 2, -1) is refused: reading it as "nonzero" would hide a mistake."""
    if a.dtype == np.bool_:
        return np.ascontiguousarray(a, dtype=np.uint8)
    if not np.issubdtype(a.dtype, np.integer):
        raise ValueError("%s must be bool or integers 0/1, got dtype %s (convert explicitly, "
                         "e.g. x > 0.5)" % (what, a.dtype))
    bad = np.argwhere((a != 0) & (a != 1))
    if bad.size:
        i = tuple(int(x) for x in bad[0])
        raise ValueError("%s must be 0 or 1, got %d at %s" % (what, int(a[i]), i))
    return np.ascontiguousarray(a, dtype=np.uint8)


@dataclasses.dataclass(frozen=True)
class Info:
    """What a device is and can hold (struct lc_info)."""
    backend: str            #: "ref", "sim" or "serial"
    n_neurons: int          #: N, neurons the device holds
    n_inputs: int           #: M, input axons the device holds
    lanes: int              #: synapses per weight word (P)
    clock_hz: int           #: core clock (0 for ref)
    baud: int               #: UART baud rate (0 for ref)
    protocol_version: int   #: link protocol version (0 for ref)
    core_version: int       #: core RTL version (0x00010000 = 1.0)
    features: frozenset     #: names among "stdp", "homeostasis", "streaming"
    features_mask: int      #: the LC_FEATURE_* bits
    library_version: str    #: liblifcore's version string
    n_cores: int = 1        #: cores a System may have on this device
    max_delay: int = 0      #: D, the largest route delay (0: no routes)


Counters = dataclasses.make_dataclass(
    "Counters", [(f, int) for f in _lib.COUNTER_FIELDS], frozen=True,
    namespace={"__doc__": "Statistics of a device and its link (struct lc_counters): "
                          + ", ".join(_lib.COUNTER_FIELDS) + ".",
               "as_dict": lambda self: dataclasses.asdict(self)})


@dataclasses.dataclass(frozen=True, eq=False)
class State:
    """State of the loaded network (docs/model.md): per neuron ``u``, ``v``, ``r``,
    ``theta``, ``x``, ``y`` (int32 arrays of n_neurons); per input axon ``x_in``."""
    u: np.ndarray
    v: np.ndarray
    r: np.ndarray
    theta: np.ndarray
    x_in: np.ndarray
    x: np.ndarray
    y: np.ndarray

    def as_dict(self):
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    def __eq__(self, other):
        return isinstance(other, State) and all(
            np.array_equal(a, b) for a, b in zip(self.as_dict().values(),
                                                 other.as_dict().values()))


def _sim_missing_hint(detail, device):
    """The C library's 'cannot load liblcsim.so' message, with what to install and run."""
    from pathlib import Path
    query = urllib.parse.parse_qs(device.partition("?")[2])
    cores = query.get("cores", ["1"])[-1]
    packaged = Path(_lib.path).parent / _lib.SIM_NAME
    if cores not in ("", "1"):
        how = ("%sbuild the system models in the repository checkout with 'make sim-libs' "
               "(needs Verilator >= 5: apt-get install verilator) and set LIFCORE_SIM_LIB_C%s "
               "to build/sim/liblcsim_c%s.so, or give sim?cores=%s&lib=PATH"
               % ("a pip-installed package carries only the one-core model: "
                  if Path(_lib.path).parent == _lib.PACKAGE_DIR and packaged.exists() else "",
                  cores, cores, cores))
    elif Path(_lib.path).parent == _lib.PACKAGE_DIR and not packaged.exists():
        how = ("this lifcore package was built without the sim model (Verilator was not "
               "found). Install Verilator >= 5, g++ and zlib (Debian: apt-get install "
               "verilator g++ zlib1g-dev) and reinstall from the repository checkout: "
               "pip install --force-reinstall ./python (LIFCORE_BUILD_SIM=1 makes a "
               "missing Verilator an error); or build it in the checkout with 'make -C sim' "
               "and set LIFCORE_SIM_LIB=<checkout>/build/sim/liblcsim.so")
    else:
        how = ("build the model with 'make -C sim' in the repository (needs Verilator >= 5: "
               "apt-get install verilator) and set LIFCORE_SIM_LIB to build/sim/liblcsim.so, "
               "or pip install ./python with Verilator installed, which puts it in the package")
    return "%s. To get it: %s" % (detail, how) if detail else how


def device_string(device, **options):
    """``device_string("ref", n=256, m=128)`` -> ``"ref?n=256&m=128"``."""
    if not options:
        return device
    sep = "&" if "?" in device else "?"
    return device + sep + "&".join("%s=%s" % (k, urllib.parse.quote(str(v), safe="/.:-_"))
                                   for k, v in options.items())


def open(device="sim", **options):  # noqa: A001 (the natural name: lifcore.open)
    """Open a device: ``"ref"`` (C model), ``"sim"`` (Verilator model of the board
    behind its UART) or ``"serial:/dev/ttyUSB1"`` (a board). Keyword options are
    appended to the device string (``open("ref", n=256, m=128)``). Use it as a
    context manager, or call close()."""
    return Device(device_string(device, **options))


class Device:
    """An open lifcore device (lc_open ... lc_close). See lifcore.open."""

    def __init__(self, device="sim"):
        if not isinstance(device, str):
            raise TypeError("device: expected a string like 'ref', 'sim' or "
                            "'serial:/dev/ttyUSB1', got %r" % (device,))
        self.name = device
        self._h = None
        self._n = self._m = 0  # sizes of the loaded network (0: none); a System: all cores
        self._shapes = None    # a System loaded: [(n_neurons, n_inputs)] per core
        h = _lib.DeviceP()
        try:
            _lib.lc_open(device.encode(), ctypes.byref(h))
        except LifcoreError as e:
            if e.name == "LC_ERR_NOTFOUND" and device.split("?")[0] == "sim":
                raise LifcoreError(e.code, e.message,
                                   _sim_missing_hint(e.detail, device)) from None
            raise
        self._h = h

    # ---- life cycle --------------------------------------------------------------
    def close(self):
        """Close the device; calling it again does nothing."""
        h, self._h = self._h, None
        if h:
            _lib.lc_close(h)

    @property
    def closed(self):
        return not self._h

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if getattr(self, "_h", None):
            self.close()

    def __repr__(self):
        state = "closed" if self.closed else (
            "system of %d cores" % len(self._shapes) if self._shapes is not None else
            "network %dx%d" % (self._n, self._m) if self._n else "no network")
        return "<lifcore.Device %r, %s>" % (self.name, state)

    @property
    def _handle(self):
        if not self._h:
            raise LifcoreError(LC_ERR_ARG, _lib.strerror(LC_ERR_ARG),
                               "device '%s' is closed" % self.name)
        return self._h

    # ---- description ------------------------------------------------------------
    def info(self):
        """What the device is and can hold (Info)."""
        i = _lib.Info()
        _lib.lc_info(self._handle, ctypes.byref(i))
        return Info(backend=i.backend.decode(), n_neurons=i.n_neurons, n_inputs=i.n_inputs,
                    lanes=i.lanes, clock_hz=i.clock_hz, baud=i.baud,
                    protocol_version=i.protocol_version, core_version=i.core_version,
                    features=frozenset(k for k, b in _lib.FEATURE_BITS.items()
                                       if i.features & b),
                    features_mask=i.features, library_version=library_version(),
                    n_cores=i.n_cores, max_delay=i.max_delay)

    def counters(self):
        """Statistics of the device and its link (Counters)."""
        c = _lib.Counters()
        _lib.lc_counters(self._handle, ctypes.byref(c))
        return Counters(**{f: int(getattr(c, f)) for f in _lib.COUNTER_FIELDS})

    def clear_counters(self):
        _lib.lc_clear_counters(self._handle)

    @property
    def network_shape(self):
        """(n_neurons, n_inputs) of the loaded network, or None."""
        return (self._n, self._m) if self._n else None

    # ---- network -----------------------------------------------------------------
    def load(self, net):
        """Load a Network (parameters, weights, plasticity bits) or a System (its
        cores and routes) and reset the state.
        The C library checks every range first (LC_ERR_RANGE names the field or
        the route) and that it fits the device (LC_ERR_SIZE); nothing is sent
        otherwise. A backend without systems refuses more than one core or any
        route with LC_ERR_UNSUPPORTED."""
        if isinstance(net, System):
            return self._load_system(net)
        if not isinstance(net, Network):
            raise TypeError("load: expected a lifcore.Network or lifcore.System, got %s"
                            % type(net).__name__)
        h = self._handle
        with net._to_c() as c:
            try:
                _lib.lc_load(h, c.ptr)
            except LifcoreError as e:
                if e.name not in ("LC_ERR_RANGE", "LC_ERR_SIZE", "LC_ERR_ARG"):
                    self._n = self._m = 0  # the device may hold half a network now
                    self._shapes = None
                raise
        self._n, self._m = net.n_neurons, net.n_inputs
        self._shapes = None

    def _load_system(self, sys):
        h = self._handle
        with sys._to_c() as cs:
            try:
                _lib.lc_load_system(h, cs.ptr)
            except LifcoreError as e:
                if e.name not in ("LC_ERR_RANGE", "LC_ERR_SIZE", "LC_ERR_ARG",
                                  "LC_ERR_UNSUPPORTED"):
                    self._n = self._m = 0
                    self._shapes = None
                raise
        self._shapes = [(c.n_neurons, c.n_inputs) for c in sys.cores]
        self._n = sum(n for n, _ in self._shapes)
        self._m = sum(m for _, m in self._shapes)

    @property
    def system_shapes(self):
        """[(n_neurons, n_inputs)] of each core of the loaded System, or None."""
        return list(self._shapes) if self._shapes is not None else None

    def select_output(self, cores=None):
        """Output selection: which cores' spikes come back (lc_select_output).
        cores: None for every core, else one bool per core of what is loaded; the
        unselected cores' arrays from run() and stream() then stay all False. Routing
        and learning are unaffected. A board of a system of cores drops the unselected
        spikes on the device, so they take no link bandwidth. A load selects every core."""
        h = self._handle
        if cores is None:
            _lib.lc_select_output(h, None, 0)
            return
        sel = np.ascontiguousarray(np.asarray(cores, dtype=bool).astype(np.uint8).ravel())
        _lib.lc_select_output(h, sel.ctypes.data_as(ctypes.c_void_p), len(sel))

    def reset_state(self):
        """Clear u, v, r, theta, traces and previous spikes; keep parameters and weights."""
        _lib.lc_reset_state(self._handle)

    def _need_net(self, what, probe):
        """Without a loaded network, let the C library refuse (its message names
        the function); probe() is that call with empty arguments."""
        if not self._n:
            probe()
            raise LifcoreError(LC_ERR_ARG, _lib.strerror(LC_ERR_ARG),
                               "%s: no network loaded (call load first)" % what)

    # ---- running -----------------------------------------------------------------
    def run(self, inputs=None, steps=None, progress=None, chunk=None):
        """Run timesteps with dense input spikes.

        ``inputs``: array-like (steps x n_inputs), True (or 1) where an input axon
        spikes; or None with ``steps`` for a run without input.
        Returns a bool array (steps x n_neurons), True where a neuron spiked.

        With a System loaded: ``inputs`` is a list with one entry per core, each
        (steps x n_inputs of that core) or None (no external input to it), and the
        result a list with one bool array (steps x n_neurons of that core) per core.

        ``progress``: None (default) shows a tqdm bar on a long run (at least
        PROGRESS_MIN_STEPS steps, once it has taken a second; nothing without tqdm or
        with LIFCORE_PROGRESS=0); True always (tqdm required); False never. With a bar
        the run is made of calls of ``chunk`` steps (default steps/100, at least 500):
        the device keeps its state between them, so the spikes, state and weights are
        those of one call.
        """
        h = self._handle
        self._need_net("run", lambda: _lib.lc_run(h, 0, None, None))
        if self._shapes is not None:
            return self._run_system(inputs, steps, progress, chunk)
        n, m = self._n, self._m
        if inputs is None:
            if steps is None:
                raise ValueError("run: give inputs (steps x n_inputs) or steps")
            spikes = np.zeros((int(steps), m), dtype=np.uint8)
        else:
            a = np.asarray(inputs)
            if a.ndim != 2 or a.shape[1] != m:
                raise ValueError("run: inputs must have shape (steps, %d) for the loaded "
                                 "network, got %s" % (m, a.shape))
            if steps is not None and int(steps) != a.shape[0]:
                raise ValueError("run: steps=%d but inputs has %d rows" % (steps, a.shape[0]))
            spikes = _spike_array(a, "run: inputs")
        t = spikes.shape[0]
        out = np.zeros((t, n), dtype=np.uint8)
        plan = _progress_plan(progress, t, chunk)
        chunk = plan[1]
        with self._bar(plan, t) as tick:
            for a in range(0, t, chunk):
                b = min(t, a + chunk)
                _lib.lc_run(h, b - a, spikes[a:b].ctypes.data_as(ctypes.c_void_p),
                            out[a:b].ctypes.data_as(ctypes.c_void_p))
                tick(b - a)
        return out.view(np.bool_)

    def _bar(self, plan, total):
        """A context giving tick(steps): the tqdm bar's update, or nothing."""
        import contextlib
        bar, _, delay = plan
        if bar is None:
            return contextlib.nullcontext(lambda k: None)

        @contextlib.contextmanager
        def ctx():
            with bar(total=total, unit="step", desc="lifcore %s" % self.name, delay=delay,
                     leave=False) as b:
                yield b.update
        return ctx()

    def _run_system(self, inputs, steps, progress=None, chunk=None):
        shapes = self._shapes
        if inputs is None:
            if steps is None:
                raise ValueError("run: give inputs (one array per core) or steps")
            inputs = [None] * len(shapes)
        if isinstance(inputs, np.ndarray) or not hasattr(inputs, "__len__") or \
                len(inputs) != len(shapes):
            raise ValueError("run: a System of %d cores is loaded: give a list of %d input "
                             "arrays (or None), one per core" % (len(shapes), len(shapes)))
        t = None if steps is None else int(steps)
        arrays = []
        for c, (x, (n, m)) in enumerate(zip(inputs, shapes)):
            if x is None:
                arrays.append(None)
                continue
            a = np.asarray(x)
            if a.ndim != 2 or a.shape[1] != m:
                raise ValueError("run: inputs of core %d must have shape (steps, %d), got %s"
                                 % (c, m, a.shape))
            if t is None:
                t = a.shape[0]
            elif a.shape[0] != t:
                raise ValueError("run: inputs of core %d have %d rows, expected %d"
                                 % (c, a.shape[0], t))
            arrays.append(_spike_array(a, "run: inputs of core %d" % c))
        if t is None:
            raise ValueError("run: no core has inputs: give steps")
        outs = [np.zeros((t, n), dtype=np.uint8) for n, _ in shapes]
        plan = _progress_plan(progress, t, chunk)
        chunk = plan[1]
        with self._bar(plan, t) as tick:
            for a in range(0, t, chunk):
                b = min(t, a + chunk)
                ins = [x[a:b] if x is not None else None for x in arrays]
                in_p = (ctypes.c_void_p * len(shapes))(*[
                    x.ctypes.data if x is not None and x.size else None for x in ins])
                out_p = (ctypes.c_void_p * len(shapes))(*[o[a:b].ctypes.data for o in outs])
                _lib.lc_run_system(self._handle, b - a, in_p, out_p)
                tick(b - a)
        return [o.view(np.bool_) for o in outs]

    def _core_shape(self, what, core):
        """(n, m) of @p core of what is loaded (a Network is core 0)."""
        if self._shapes is None:
            if core not in (None, 0):
                raise ValueError("%s: core=%r, but a Network (one core) is loaded"
                                 % (what, core))
            return self._n, self._m
        if core is None:
            core = 0
        if not 0 <= int(core) < len(self._shapes):
            raise ValueError("%s: core=%r, the loaded System has %d cores"
                             % (what, core, len(self._shapes)))
        return self._shapes[int(core)]

    def stream(self, steps, inputs=None, on_output=None):
        """Run ``steps`` timesteps through lc_stream, without holding them all in memory.

        ``inputs`` gives each step's input spikes, one of:
          - None: no input;
          - a callable ``inputs(step)`` returning that step's spikes;
          - an iterable (list, generator, 2-D array) yielding one entry per step.
        An entry is a sequence of input axon indices, or a bool row of n_inputs
        (only a bool dtype is read as a row). Inputs are asked for ahead of the
        outputs, as far as the device's credit allows.

        ``on_output(step, idx)`` receives the neurons that spiked in each step
        (uint32 array, ascending); returning False stops the stream after that step.
        An exception raised by either function stops the stream and is re-raised here.

        Returns the number of spikes of each neuron over the steps run (int64 array).

        With a System loaded, indices are global: core c's axons (and neurons)
        are numbered after those of cores 0..c-1 (docs/system.md).
        """
        h = self._handle
        self._need_net("stream", lambda: _lib.lc_stream(
            h, 0, _lib.INPUT_FN(), _lib.OUTPUT_FN(), None))
        steps = int(steps)
        if steps < 0:
            raise ValueError("stream: steps must be >= 0, got %d" % steps)
        n, m = self._n, self._m
        counts = np.zeros(n, dtype=np.int64)
        caught = []          # the first exception raised by a Python function
        stopped = [False]    # on_output asked to stop

        if inputs is None:
            next_input = None
        elif callable(inputs):
            next_input = inputs
        else:
            it = iter(inputs)

            def next_input(step):
                try:
                    return next(it)
                except StopIteration:
                    raise ValueError("stream: the inputs ran out at step %d of %d"
                                     % (step, steps)) from None

        def c_input(user, step, idx, cap, count):
            try:
                count[0] = 0
                if next_input is None:
                    return 0
                entry = next_input(int(step))
                a = np.asarray(entry if entry is not None else [])
                if a.dtype == np.bool_:
                    if a.shape != (m,):
                        raise ValueError("stream: step %d: a bool input row must have %d "
                                         "entries, got shape %s" % (step, m, a.shape))
                    a = np.flatnonzero(a)
                elif a.size and a.dtype.kind not in "iu":
                    raise TypeError("stream: step %d: input indices must be integers, got %s"
                                    % (step, a.dtype))
                a = np.unique(a.astype(np.int64).ravel())
                if a.size and a[0] < 0:
                    raise ValueError("stream: step %d: negative input index %d"
                                     % (step, a[0]))
                k = min(a.size, cap)
                if k:
                    buf = np.ctypeslib.as_array(idx, shape=(k,))
                    buf[:] = np.minimum(a[:k], 0xFFFFFFFF)
                count[0] = a.size  # more than cap: the C library reports it
                return 0
            except BaseException as e:  # noqa: B902 (re-raised after lc_stream)
                caught.append(e)
                return -1

        def c_output(user, step, idx, count):
            try:
                spikes = (np.ctypeslib.as_array(idx, shape=(count,)).copy() if count
                          else np.zeros(0, dtype=np.uint32))
                counts[spikes] += 1
                if on_output is not None and on_output(int(step), spikes) is False:
                    stopped[0] = True
                    return -1
                return 0
            except BaseException as e:  # noqa: B902
                caught.append(e)
                return -1

        in_fn, out_fn = _lib.INPUT_FN(c_input), _lib.OUTPUT_FN(c_output)
        self._callbacks = (in_fn, out_fn)  # alive for as long as the C library may call them
        try:
            _lib.lc_stream(h, steps, in_fn, out_fn, None)
        except LifcoreError as e:
            if caught:
                raise caught[0] from e
            if not (stopped[0] and e.name == "LC_ERR_ARG"):
                raise
        finally:
            self._callbacks = None
        if caught:  # a backend that went on regardless
            raise caught[0]
        return counts

    # ---- reading back --------------------------------------------------------------
    def read_weights(self, core=None):
        """The weights now on the device: (w_in, w_rec), int8 arrays
        (n_inputs x n_neurons, n_neurons x n_neurons); of core ``core`` of a
        loaded System (default 0)."""
        h = self._handle
        self._need_net("read_weights", lambda: _lib.lc_read_weights(h, None, None, None, None))
        n, m = self._core_shape("read_weights", core)
        w_in = np.zeros((m, n), dtype=np.int8)
        w_rec = np.zeros((n, n), dtype=np.int8)
        _lib.lc_read_core_weights(h, int(core or 0),
                                  w_in.ctypes.data_as(ctypes.c_void_p) if w_in.size else None,
                                  w_rec.ctypes.data_as(ctypes.c_void_p), None, None)
        return w_in, w_rec

    def read_plasticity(self, core=None):
        """The plasticity bits on the device: (plastic_in, plastic_rec), bool arrays
        (of core ``core`` of a loaded System, default 0)."""
        h = self._handle
        self._need_net("read_plasticity",
                       lambda: _lib.lc_read_weights(h, None, None, None, None))
        n, m = self._core_shape("read_plasticity", core)
        p_in = np.zeros((m, n), dtype=np.uint8)
        p_rec = np.zeros((n, n), dtype=np.uint8)
        _lib.lc_read_core_weights(h, int(core or 0), None, None,
                                  p_in.ctypes.data_as(ctypes.c_void_p) if p_in.size else None,
                                  p_rec.ctypes.data_as(ctypes.c_void_p))
        return p_in != 0, p_rec != 0

    def read_network(self, template, core=None):
        """A copy of ``template`` (the Network that was loaded, or core ``core`` of
        the System) with the weights now on the device, e.g. to save what was learned."""
        n, m = self._core_shape("read_network", core) if self._n else (self._n, self._m)
        if (template.n_neurons, template.n_inputs) != (n, m):
            raise ValueError("read_network: the template is %dx%d, the device holds %dx%d"
                             % (template.n_neurons, template.n_inputs, n, m))
        net = template.copy()
        net.w_in, net.w_rec = self.read_weights(core)
        net.plastic_in, net.plastic_rec = self.read_plasticity(core)
        return net

    def read_state(self, core=None):
        """The state of the loaded network, or of core ``core`` of a loaded System
        (default 0) (State: u, v, r, theta, x_in, x, y)."""
        h = self._handle
        self._need_net("read_state", lambda: _lib.lc_read_state(h, None, None))
        n, m = self._core_shape("read_state", core)
        st = (_lib.NeuronState * n)()
        x_in = np.zeros(m, dtype=np.int32)
        _lib.lc_read_core_state(h, int(core or 0), st,
                                x_in.ctypes.data_as(ctypes.c_void_p) if x_in.size else None)
        a = np.ctypeslib.as_array(ctypes.cast(st, ctypes.POINTER(ctypes.c_int32)),
                                  shape=(n, len(_lib.STATE_FIELDS)))
        cols = {f: a[:, k].copy() for k, f in enumerate(_lib.STATE_FIELDS)}
        return State(x_in=x_in, **cols)


def library_version():
    """liblifcore's version string (lc_version)."""
    return _lib.lc_version().decode()


def list_ports():
    """The serial ports of this machine (lc_list_ports); LifcoreError
    LC_ERR_UNSUPPORTED when the library was built without libserialport."""
    names = ctypes.POINTER(ctypes.c_char_p)()
    count = ctypes.c_size_t()
    _lib.lc_list_ports(ctypes.byref(names), ctypes.byref(count))
    try:
        return [names[i].decode() for i in range(count.value)]
    finally:
        _lib.lc_free_ports(names)
