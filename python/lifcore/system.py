# system.py : lifcore.System, several cores (Networks) joined by routes
# A route (a, k, b, j, d) carries the spikes of neuron k of core a to input axon
# j of core b after d steps (docs/system.md). Routes are checked by the C
# library (lc_system_add_routes) when they are added, against the cores' sizes;
# the delay against the device's D when the system is loaded. Files are read
# and written by lc_system_load / lc_system_save (docs/formats.md).
# SPDX-License-Identifier: MIT
"""lifcore.System: cores (lifcore.Network) joined by routes with delays."""

import contextlib
import ctypes
import os

import numpy as np

from . import _lib, errors
from ._lib import LifcoreError
from .network import Network, _CNet


class _CSystem:
    """Owns a struct lc_system (lc_system_create ... lc_system_free)."""

    def __init__(self, ptr):
        self.ptr = ptr

    def close(self):
        if self.ptr:
            _lib.lc_system_free(self.ptr)
        self.ptr = _lib.SystemP()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()

    def add_routes(self, routes):
        r = np.ascontiguousarray(routes, dtype=np.uint32).reshape(-1, 5)
        if len(r) == 1:  # its message names "route (a, k, b, j, d)"
            _lib.lc_system_add_route(self.ptr, *[int(x) for x in r[0]], _lib.msg_buffer(),
                                     _lib.MSG_LEN)
        elif len(r):
            _lib.lc_system_add_routes(self.ptr, r.ctypes.data_as(ctypes.c_void_p), len(r),
                                      _lib.msg_buffer(), _lib.MSG_LEN)

    def routes(self):
        count = ctypes.c_size_t()
        p = _lib.lc_system_routes(self.ptr, ctypes.byref(count))
        if not count.value:
            return np.zeros((0, 5), dtype=np.uint32)
        a = np.ctypeslib.as_array(ctypes.cast(p, ctypes.POINTER(ctypes.c_uint32)),
                                  shape=(count.value, 5))
        return a.copy()


def _c_system(nets):
    """A _CSystem of the C networks @p nets (pointers; copied by the C library)."""
    arr = (_lib.NetP * len(nets))(*nets)
    ptr = _lib.SystemP()
    _lib.lc_system_create(arr, len(nets), ctypes.byref(ptr))
    return _CSystem(ptr)


class System:
    """A system of cores (docs/system.md).

    ``System([net0, net1, ...])``: core ``c`` is the lifcore.Network ``cores[c]``
    (held by reference: edits to a Network before ``Device.load`` are loaded).
    ``route(a, k, b, j, d)`` adds routes (scalars or arrays, broadcast together);
    ``routes`` is the (R x 5) array of the routes, sorted, each once.
    """

    def __init__(self, cores):
        cores = list(cores)
        if not cores:
            raise ValueError("System: give at least one core (a list of lifcore.Network)")
        for c, net in enumerate(cores):
            if not isinstance(net, Network):
                raise TypeError("System: core %d is a %s, expected a lifcore.Network"
                                % (c, type(net).__name__))
        self._cores = cores
        self._skeleton = None  # a C system of empty cores of the same sizes: holds the routes

    # ---- cores and routes ----------------------------------------------------------
    @property
    def cores(self):
        """The cores (a list of lifcore.Network; the list is a copy, the networks are not)."""
        return list(self._cores)

    @property
    def n_cores(self):
        return len(self._cores)

    def __len__(self):
        return len(self._cores)

    def __getitem__(self, c):
        return self._cores[c]

    def _checker(self):
        if self._skeleton is None:
            with contextlib.ExitStack() as stack:
                nets = [stack.enter_context(_CNet(n.n_neurons, n.n_inputs)).ptr
                        for n in self._cores]
                self._skeleton = _c_system(nets)
        return self._skeleton

    def route(self, a, k, b, j, d):
        """Add routes: the spikes of neuron ``k`` of core ``a`` reach input axon ``j``
        of core ``b`` after ``d`` steps (1 <= d <= D of the device). Each argument is
        an integer or an array; arrays are broadcast together, so
        ``S.route(0, np.arange(64), 1, np.arange(64), 5)`` adds 64 routes at once.
        All or none: a bad route raises LifcoreRangeError naming it and nothing is
        added. A route given twice is one route. Returns self."""
        try:
            cols = np.broadcast_arrays(*[np.asarray(x) for x in (a, k, b, j, d)])
        except ValueError:
            raise ValueError("route: the arguments do not broadcast together: shapes %s"
                             % [np.shape(x) for x in (a, k, b, j, d)]) from None
        for name, x in zip(_lib.ROUTE_FIELDS, cols):
            if x.dtype == np.bool_ or x.dtype.kind not in "iu":
                raise TypeError("route: %s must be integers, got %s" % (name, x.dtype))
        r = np.stack([c.ravel().astype(np.int64) for c in cols], axis=1)
        bad = (r < 0) | (r > 0xFFFFFFFF)
        if bad.any():
            i = int(np.argmax(bad.any(axis=1)))
            _lib.raise_error(errors.ERR_RANGE, "route (%s): an index out of range 0..2^32-1"
                             % ", ".join(str(int(v)) for v in r[i]))
        r = r.astype(np.uint32)
        self._checker().add_routes(r)  # raises with the C library's message
        return self

    @property
    def routes(self):
        """The routes, an (R x 5) uint32 array of (a, k, b, j, d), sorted, each once."""
        return self._checker().routes()

    def _c_routes(self):
        return self._checker().routes()

    # ---- C conversion, files -----------------------------------------------------------
    def _to_c(self):
        """A new _CSystem holding this system (the caller closes it)."""
        with contextlib.ExitStack() as stack:
            nets = [stack.enter_context(n._to_c()).ptr for n in self._cores]
            cs = _c_system(nets)
        try:
            cs.add_routes(self._c_routes())
        except BaseException:
            cs.close()
            raise
        return cs

    def validate(self, max_delay=65535):
        """Check every core and route (lc_system_validate); raise LifcoreError naming
        the first problem ("core 1: neuron[2].du = ...", "route (...): delay ...")."""
        with self._to_c() as cs:
            _lib.lc_system_validate(cs.ptr, int(max_delay), _lib.msg_buffer(), _lib.MSG_LEN)
        return self

    def save(self, path):
        """Write a system file (docs/formats.md) with lc_system_save."""
        path = os.fspath(path)
        with self._to_c() as cs:
            _lib.lc_system_validate(cs.ptr, 65535, _lib.msg_buffer(), _lib.MSG_LEN)
            try:
                _lib.lc_system_save(cs.ptr, path.encode())
            except LifcoreError as e:
                raise LifcoreError(e.code, e.message, "cannot write %s" % path) from None

    @classmethod
    def load(cls, path):
        """Read a system file (or a network file: one core, no routes) with lc_system_load."""
        path = os.fspath(path)
        ptr = _lib.SystemP()
        try:
            _lib.lc_system_load(path.encode(), ctypes.byref(ptr), _lib.msg_buffer(),
                                _lib.MSG_LEN)
        except LifcoreError as e:
            detail = e.detail if path in e.detail else "%s: %s" % (path, e.detail)
            raise LifcoreError(e.code, e.message, detail) from None
        with _CSystem(ptr) as cs:
            cores = []
            for c in range(_lib.lc_system_n_cores(cs.ptr)):
                view = _CNet.adopt(_lib.lc_system_core(cs.ptr, c))
                net = Network.__new__(Network)
                net._from_c(view)
                view.ptr = _lib.NetP()  # owned by the system
                cores.append(net)
            routes = cs.routes()
        self = cls(cores)
        if len(routes):
            self.route(*routes.T)
        return self

    def __repr__(self):
        return "<lifcore.System of %d cores (%s), %d routes>" % (
            self.n_cores, ", ".join("%dx%d" % (n.n_neurons, n.n_inputs) for n in self._cores),
            len(self.routes))


def load_system(path):
    """Read a system file (same as System.load)."""
    return System.load(path)
