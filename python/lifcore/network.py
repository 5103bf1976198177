# network.py : lifcore.Network, one core's network as numpy arrays
# Parameters, weights and plasticity bits of the arithmetic contract
# (docs/model.md). Ranges are checked by the C library (lc_net_validate) when
# the network is validated, saved or loaded onto a device; files are read and
# written by lc_net_load / lc_net_save (docs/formats.md).
# SPDX-License-Identifier: MIT
"""lifcore.Network: the network of one core (parameters, weights, plasticity)."""

import ctypes
import operator
import os

import numpy as np

from . import _lib, errors
from ._lib import LifcoreError

_INT32 = np.iinfo(np.int32)


def _fail_range(detail):
    _lib.raise_error(errors.ERR_RANGE, detail)


def _as_int_array(name, value, shape, lo, hi, dtype):
    """value (scalar or array broadcastable to shape) as a new array of dtype.

    Refuses non-integers and values that dtype cannot hold (lo..hi), naming the
    first offending element like lc_net_validate does; the contract's own ranges
    are the C library's business.
    """
    a = np.asarray(value)
    if a.dtype == np.bool_:
        a = a.astype(np.int64)
    if a.dtype.kind == "f":
        if not np.all(np.isfinite(a)) or np.any(a != np.round(a)):
            raise TypeError("%s: values must be integers (got %s); round them first, e.g. "
                            "with np.rint" % (name, a.dtype))
    elif a.dtype.kind not in "iu":
        raise TypeError("%s: values must be integers, got %s" % (name, a.dtype))
    try:
        a = np.broadcast_to(a, shape)
    except ValueError:
        raise ValueError("%s: expected shape %s, got %s" % (name, shape, np.shape(value))) \
            from None
    bad = (a < lo) | (a > hi)
    if np.any(bad):
        pos = np.unravel_index(int(np.argmax(bad)), shape)
        idx = "".join("[%d]" % p for p in pos)
        _fail_range("%s%s = %d out of range %d..%d" % (name, idx, int(a[pos]), lo, hi))
    return np.array(a, dtype=dtype)


def _as_int(name, value):
    if isinstance(value, (bool, np.bool_)):
        value = int(value)
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        value = int(value)
    if not isinstance(value, (int, np.integer)):
        raise TypeError("%s: expected an integer, got %r" % (name, value))
    value = int(value)
    if not _INT32.min <= value <= _INT32.max:
        _fail_range("%s = %d out of range" % (name, value))
    return value


class StdpSet:
    """One STDP parameter set: a_plus, a_minus (gains), s_plus, s_minus (right
    shifts), w_min, w_max (clamp of a learned weight). All integers, 0 by default."""

    __slots__ = _lib.STDP_FIELDS + ("_name",)

    def __init__(self, _name="stdp", **values):
        object.__setattr__(self, "_name", _name)
        for f in _lib.STDP_FIELDS:
            object.__setattr__(self, f, 0)
        self.set(**values)

    def __setattr__(self, key, value):
        if key not in _lib.STDP_FIELDS:
            raise AttributeError("%s has no field %r (fields: %s)"
                                 % (self._name, key, ", ".join(_lib.STDP_FIELDS)))
        object.__setattr__(self, key, _as_int("%s.%s" % (self._name, key), value))

    def set(self, **values):
        """Set several fields at once: ``net.stdp_in.set(a_plus=4, w_max=127)``."""
        for k, v in values.items():
            setattr(self, k, v)
        return self

    def as_dict(self):
        return {f: getattr(self, f) for f in _lib.STDP_FIELDS}

    def __eq__(self, other):
        return isinstance(other, StdpSet) and self.as_dict() == other.as_dict()

    def __repr__(self):
        return "StdpSet(%s)" % ", ".join("%s=%d" % kv for kv in self.as_dict().items())


def _size_arg(name, value, lo, hi):
    """value as an int in lo..hi, or LifcoreArgError naming the argument (2.5 is not 2)."""
    try:
        v = operator.index(value)
    except TypeError:
        raise LifcoreError(_lib.ERROR_CODES["LC_ERR_ARG"], _lib.strerror(
            _lib.ERROR_CODES["LC_ERR_ARG"]), "Network: %s must be an integer, got %r (%s)"
            % (name, value, type(value).__name__)) from None
    if not lo <= v <= hi:
        raise LifcoreError(_lib.ERROR_CODES["LC_ERR_ARG"], _lib.strerror(
            _lib.ERROR_CODES["LC_ERR_ARG"]), "Network: %s=%d out of range %d..%d"
            % (name, v, lo, hi))
    return v


class _CNet:
    """Owns a struct lc_net (lc_net_create ... lc_net_free); close() twice is fine."""

    def __init__(self, n_neurons, n_inputs):
        self.ptr = _lib.NetP()
        _lib.lc_net_create(n_neurons, n_inputs, ctypes.byref(self.ptr))

    @classmethod
    def adopt(cls, ptr):
        self = cls.__new__(cls)
        self.ptr = ptr
        return self

    def close(self):
        if self.ptr:
            _lib.lc_net_free(self.ptr)
        self.ptr = _lib.NetP()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()

    # numpy views of the C arrays (valid until close)
    _DTYPES = {ctypes.c_int32: np.int32, ctypes.c_int8: np.int8, ctypes.c_uint8: np.uint8}

    def _view(self, ptr, ctype, shape):
        if 0 in shape:  # nothing to see (and the pointer may be NULL)
            return np.zeros(shape, dtype=self._DTYPES[ctype])
        return np.ctypeslib.as_array(ctypes.cast(ptr, ctypes.POINTER(ctype)), shape=shape)

    def views(self):
        s = self.ptr.contents
        n, m = s.n_neurons, s.n_inputs
        return {
            "neuron": self._view(s.neuron, ctypes.c_int32, (n, len(_lib.NEURON_PARAMS))),
            "w_in": self._view(s.w_in, ctypes.c_int8, (m, n)),
            "w_rec": self._view(s.w_rec, ctypes.c_int8, (n, n)),
            "plastic_in": self._view(s.plastic_in, ctypes.c_uint8, (m, n)),
            "plastic_rec": self._view(s.plastic_rec, ctypes.c_uint8, (n, n)),
        }


_NEURON_LIMITS = (_INT32.min, _INT32.max)
_CORE_SCALARS = _lib.CORE_FIELDS  # learning included


class Network:
    """The network of one lifcore core (docs/model.md).

    ``Network(n_neurons, n_inputs)`` starts from the contract's defaults (those of
    lc_net_create: w_shift 6, everything else 0, no weights, nothing plastic).

    Per neuron (int32 arrays of n_neurons): ``du``, ``dv``, ``vth``, ``bias``, ``tref``.
    Matrices, indexed source first: ``w_in`` (n_inputs x n_neurons, int8),
    ``w_rec`` (n_neurons x n_neurons, int8), ``plastic_in``, ``plastic_rec`` (bool).
    Core scalars (int): ``w_shift``, ``v_reset``, ``theta_plus``, ``d_theta``, ``dx``,
    ``dy``, ``x_imp``, ``y_imp``, ``learning``. STDP sets: ``stdp_in``, ``stdp_rec``.

    Assigning to an attribute checks the type and shape (``net.vth = 5000``
    broadcasts); the contract's ranges are checked by :meth:`validate`, which
    :meth:`save` and ``Device.load`` call. Arrays can also be edited in place
    (``net.w_in[3, :] = 10``); numpy then casts to the array's dtype, so stay
    within int8 for weights. A misspelt attribute name is an error.
    """

    __slots__ = ("_n", "_m", "_neuron", "_w_in", "_w_rec", "_plastic_in", "_plastic_rec",
                 "_core", "_stdp_in", "_stdp_rec")

    def __init__(self, n_neurons, n_inputs=0):
        n_neurons = _size_arg("n_neurons", n_neurons, 1, _lib.NET_MAX_NEURONS)
        n_inputs = _size_arg("n_inputs", n_inputs, 0, _lib.NET_MAX_INPUTS)
        # the C library decides what a valid size and the defaults are
        with _CNet(n_neurons, n_inputs) as c:
            self._from_c(c)

    # ---- conversion to and from struct lc_net ---------------------------------
    def _from_c(self, c):
        s = c.ptr.contents
        v = c.views()
        object.__setattr__(self, "_n", int(s.n_neurons))
        object.__setattr__(self, "_m", int(s.n_inputs))
        object.__setattr__(self, "_neuron",
                           {f: v["neuron"][:, k].astype(np.int32)
                            for k, f in enumerate(_lib.NEURON_PARAMS)})
        object.__setattr__(self, "_w_in", v["w_in"].astype(np.int8))
        object.__setattr__(self, "_w_rec", v["w_rec"].astype(np.int8))
        object.__setattr__(self, "_plastic_in", v["plastic_in"] != 0)
        object.__setattr__(self, "_plastic_rec", v["plastic_rec"] != 0)
        object.__setattr__(self, "_core", {f: int(getattr(s.core, f)) for f in _CORE_SCALARS})
        object.__setattr__(self, "_stdp_in", StdpSet("stdp_in", **{
            f: getattr(s.core.stdp_in, f) for f in _lib.STDP_FIELDS}))
        object.__setattr__(self, "_stdp_rec", StdpSet("stdp_rec", **{
            f: getattr(s.core.stdp_rec, f) for f in _lib.STDP_FIELDS}))

    def _to_c(self):
        """A new _CNet holding this network (the caller closes it)."""
        n, m = self._n, self._m
        for name, a, shape in (("w_in", self._w_in, (m, n)), ("w_rec", self._w_rec, (n, n)),
                               ("plastic_in", self._plastic_in, (m, n)),
                               ("plastic_rec", self._plastic_rec, (n, n))):
            if a.shape != shape:
                raise ValueError("%s: expected shape %s, got %s" % (name, shape, a.shape))
        for f, a in self._neuron.items():
            if a.shape != (n,):
                raise ValueError("%s: expected shape %s, got %s" % (f, (n,), a.shape))
        c = _CNet(n, m)
        try:
            v = c.views()
            for k, f in enumerate(_lib.NEURON_PARAMS):
                v["neuron"][:, k] = self._neuron[f]
            v["w_in"][...] = self._w_in
            v["w_rec"][...] = self._w_rec
            v["plastic_in"][...] = self._plastic_in
            v["plastic_rec"][...] = self._plastic_rec
            core = c.ptr.contents.core
            for f in _CORE_SCALARS:
                setattr(core, f, self._core[f])
            for f in _lib.STDP_FIELDS:
                setattr(core.stdp_in, f, getattr(self._stdp_in, f))
                setattr(core.stdp_rec, f, getattr(self._stdp_rec, f))
        except BaseException:
            c.close()
            raise
        return c

    # ---- sizes -----------------------------------------------------------------
    @property
    def n_neurons(self):
        """N, the number of neurons."""
        return self._n

    @property
    def n_inputs(self):
        """M, the number of input axons."""
        return self._m

    def set(self, **values):
        """Set several attributes at once, e.g. ``net.set(**lifcore.from_lava(...))``
        or ``net.set(vth=5000, theta_plus=100)``. Returns self."""
        for k, v in values.items():
            setattr(self, k, v)
        return self

    # ---- files, validation, copies -------------------------------------------
    def validate(self):
        """Check every range of the contract with lc_net_validate; raise
        LifcoreError (LC_ERR_RANGE) naming the first bad field, e.g.
        ``neuron[3].du = 5000 out of range 0..4096``. Returns self."""
        with self._to_c() as c:
            _lib.lc_net_validate(c.ptr, _lib.msg_buffer(), _lib.MSG_LEN)
        return self

    def save(self, path):
        """Write the network file (docs/formats.md) with lc_net_save, after validating."""
        path = os.fspath(path)
        with self._to_c() as c:
            _lib.lc_net_validate(c.ptr, _lib.msg_buffer(), _lib.MSG_LEN)
            try:
                _lib.lc_net_save(c.ptr, path.encode())
            except LifcoreError as e:
                raise LifcoreError(e.code, e.message, "cannot write %s" % path) from None

    @classmethod
    def load(cls, path):
        """Read a network file with lc_net_load (the CLI's JSON format)."""
        ptr = _lib.NetP()
        msg = _lib.msg_buffer()
        path = os.fspath(path)
        try:
            _lib.lc_net_load(path.encode(), ctypes.byref(ptr), msg, _lib.MSG_LEN)
        except LifcoreError as e:
            detail = e.detail if path in e.detail else "%s: %s" % (path, e.detail)
            raise LifcoreError(e.code, e.message, detail) from None
        self = cls.__new__(cls)
        with _CNet.adopt(ptr) as c:
            self._from_c(c)
        return self

    def copy(self):
        """A deep copy."""
        other = Network.__new__(Network)
        for k in self.__slots__:
            v = getattr(self, k)
            if isinstance(v, dict):
                v = {a: (b.copy() if isinstance(b, np.ndarray) else b) for a, b in v.items()}
            elif isinstance(v, np.ndarray):
                v = v.copy()
            elif isinstance(v, StdpSet):
                v = StdpSet(v._name, **v.as_dict())
            object.__setattr__(other, k, v)
        return other

    def __eq__(self, other):
        if not isinstance(other, Network):
            return NotImplemented
        if (self._n, self._m) != (other._n, other._m) or self._core != other._core:
            return False
        if self._stdp_in != other._stdp_in or self._stdp_rec != other._stdp_rec:
            return False
        if any(not np.array_equal(self._neuron[f], other._neuron[f]) for f in self._neuron):
            return False
        return all(np.array_equal(getattr(self, k), getattr(other, k))
                   for k in ("_w_in", "_w_rec", "_plastic_in", "_plastic_rec"))

    __hash__ = None

    def __repr__(self):
        return ("Network(n_neurons=%d, n_inputs=%d, learning=%d, %d+%d nonzero weights)"
                % (self._n, self._m, self._core["learning"], np.count_nonzero(self._w_in),
                   np.count_nonzero(self._w_rec)))

    def __setattr__(self, key, value):
        prop = getattr(type(self), key, None)
        if not isinstance(prop, property) or prop.fset is None:
            raise AttributeError("Network has no settable attribute %r" % key)
        prop.fset(self, value)


def _neuron_property(name, doc):
    def get(self):
        return self._neuron[name]

    def set_(self, value):
        self._neuron[name] = _as_int_array(name, value, (self._n,), *_NEURON_LIMITS,
                                           dtype=np.int32)
    return property(get, set_, doc=doc)


def _matrix_property(name, rows, doc):
    def get(self):
        return getattr(self, "_" + name)

    def set_(self, value):
        shape = (self._m if rows == "m" else self._n, self._n)
        a = _as_int_array(name, value, shape, -128, 127, dtype=np.int8)
        object.__setattr__(self, "_" + name, a)
    return property(get, set_, doc=doc)


def _bits_property(name, rows, doc):
    def get(self):
        return getattr(self, "_" + name)

    def set_(self, value):
        shape = (self._m if rows == "m" else self._n, self._n)
        a = np.asarray(value)
        if a.dtype != np.bool_:
            a = _as_int_array(name, a, np.shape(a), 0, 1, dtype=np.int8)
        try:
            a = np.broadcast_to(a, shape)
        except ValueError:
            raise ValueError("%s: expected shape %s, got %s" % (name, shape, np.shape(value))) \
                from None
        object.__setattr__(self, "_" + name, np.array(a, dtype=bool))
    return property(get, set_, doc=doc)


def _core_property(name, doc):
    def get(self):
        return self._core[name]

    def set_(self, value):
        self._core[name] = _as_int(name, value)
    return property(get, set_, doc=doc)


def _stdp_property(name):
    def get(self):
        return getattr(self, "_" + name)

    def set_(self, value):
        if isinstance(value, StdpSet):
            value = value.as_dict()
        if not isinstance(value, dict):
            raise TypeError("%s: expected a StdpSet or a dict of its fields" % name)
        object.__setattr__(self, "_" + name, StdpSet(name, **value))
    return property(get, set_, doc="STDP set of the %s synapses (StdpSet)"
                    % ("input" if name == "stdp_in" else "recurrent"))


_NEURON_DOCS = {
    "du": "current decay per step in 1/4096, 0..4096 (int32 array of n_neurons)",
    "dv": "membrane decay per step in 1/4096, 0..4096",
    "vth": "threshold, 0..2^23-1",
    "bias": "constant drive added every non-refractory step, +/-(2^23-1)",
    "tref": "refractory steps after a spike, 0..63",
}
_CORE_DOCS = {
    "w_shift": "synaptic input is scaled by 2^w_shift, 0..15 (default 6)",
    "v_reset": "membrane value after a spike",
    "theta_plus": "homeostasis: threshold rise per spike (0: off)",
    "d_theta": "homeostasis: decay of the threshold rise, 0..4096",
    "dx": "decay of the pre-traces, 0..4096",
    "dy": "decay of the post-traces, 0..4096",
    "x_imp": "pre-trace increment per spike, 0..65535",
    "y_imp": "post-trace increment per spike, 0..65535",
    "learning": "STDP on (1) or off (0)",
}
for _f in _lib.NEURON_PARAMS:
    setattr(Network, _f, _neuron_property(_f, _NEURON_DOCS[_f]))
for _f in _CORE_SCALARS:
    setattr(Network, _f, _core_property(_f, _CORE_DOCS[_f]))
Network.w_in = _matrix_property("w_in", "m", "input weights, n_inputs x n_neurons, int8")
Network.w_rec = _matrix_property("w_rec", "n", "recurrent weights, n_neurons x n_neurons, int8")
Network.plastic_in = _bits_property("plastic_in", "m", "plasticity of w_in (bool)")
Network.plastic_rec = _bits_property("plastic_rec", "n", "plasticity of w_rec (bool)")
Network.stdp_in = _stdp_property("stdp_in")
Network.stdp_rec = _stdp_property("stdp_rec")


def load_network(path):
    """Read a network file (same as Network.load)."""
    return Network.load(path)
