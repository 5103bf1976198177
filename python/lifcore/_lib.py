# _lib.py : ctypes declarations of liblifcore (lifcore.h, lifcore_model.h)
# Finds the shared library, checks its version, and declares argtypes, restype
# and errcheck of every function the package calls. Every failing call raises
# LifcoreError with the C library's message (lc_strerror) and detail
# (lc_last_error, or the msg buffer of lc_net_validate / lc_net_load). The error
# codes, their names and their exception classes are read from the library.
# SPDX-License-Identifier: MIT
"""Low-level binding of liblifcore. Not a public API: use lifcore.Network and lifcore.open."""

import ctypes
import ctypes.util
import os
import sys
from ctypes import (CFUNCTYPE, POINTER, Structure, c_char, c_char_p, c_int, c_int8,
                    c_int32, c_size_t, c_uint8, c_uint32, c_uint64, c_void_p)
from pathlib import Path

from . import _map

# The library versions this package works with: same major, minor at least this.
REQUIRED_VERSION = (0, 1, 0)

MSG_LEN = 512  # room for a message from lc_net_validate / lc_net_load


class LifcoreError(Exception):
    """A call into liblifcore failed.

    Attributes: ``code`` (the negative lc_error), ``name`` ("LC_ERR_RANGE", ...),
    ``message`` (lc_strerror(code)) and ``detail`` (lc_last_error or the
    validator's message: which field, which port, which step; may be "").
    """

    def __new__(cls, code, *args, **kwargs):
        # LifcoreError(code, ...) makes the class of that code (LifcoreRangeError, ...)
        if cls is LifcoreError:
            cls = ERROR_CLASSES.get(int(code), cls)
        return super().__new__(cls)

    def __init__(self, code, message, detail=""):
        self.code = int(code)
        self.name = ERROR_NAMES.get(self.code, "LC_ERR_%d" % self.code)
        self.message = message
        self.detail = detail
        text = "%s: %s" % (message, detail) if detail else message
        super().__init__(text)


# ---------------------------------------------------------------------------
# structures (layout of lifcore_model.h and lifcore.h)
# ---------------------------------------------------------------------------
NEURON_PARAMS = ("du", "dv", "vth", "bias", "tref")
STDP_FIELDS = ("a_plus", "a_minus", "s_plus", "s_minus", "w_min", "w_max")
CORE_FIELDS = ("w_shift", "v_reset", "theta_plus", "d_theta", "dx", "dy", "x_imp",
               "y_imp", "learning")
STATE_FIELDS = ("u", "v", "r", "theta", "x", "y")


class NeuronParams(Structure):
    _fields_ = [(f, c_int32) for f in NEURON_PARAMS]


class Stdp(Structure):
    _fields_ = [(f, c_int32) for f in STDP_FIELDS]


class CoreParams(Structure):
    _fields_ = [(f, c_int32) for f in CORE_FIELDS] + [("stdp_in", Stdp), ("stdp_rec", Stdp)]


class NeuronState(Structure):
    _fields_ = [(f, c_int32) for f in STATE_FIELDS]


class Net(Structure):
    _fields_ = [
        ("n_neurons", c_uint32),
        ("n_inputs", c_uint32),
        ("neuron", POINTER(NeuronParams)),
        ("core", CoreParams),
        ("w_in", POINTER(c_int8)),
        ("w_rec", POINTER(c_int8)),
        ("plastic_in", POINTER(c_uint8)),
        ("plastic_rec", POINTER(c_uint8)),
    ]


class Info(Structure):
    _fields_ = [
        ("backend", c_char * 16),
        ("protocol_version", c_uint32),
        ("core_version", c_uint32),
        ("n_neurons", c_uint32),
        ("n_inputs", c_uint32),
        ("lanes", c_uint32),
        ("clock_hz", c_uint32),
        ("baud", c_uint32),
        ("features", c_uint32),
        ("n_cores", c_uint32),
        ("max_delay", c_uint32),
    ]


# the fields of struct lc_counters, in order (tests/python/test_helpers.py checks them
# against host/include/lifcore.h: a short structure lets the C library write past it)
COUNTER_FIELDS = ("steps", "cycles", "spikes_in", "spikes_out", "last_step_cycles", "dropped",
                  "crc_errors", "resyncs", "retransmits", "duplicates", "timeouts",
                  "bytes_tx", "bytes_rx", "gaps", "framing")


class Counters(Structure):
    _fields_ = [(f, c_uint64) for f in COUNTER_FIELDS]


# the LC_FEATURE_* bits, from the generated address map
FEATURE_BITS = {"stdp": _map.LC_FEATURE_STDP, "homeostasis": _map.LC_FEATURE_HOMEOSTASIS,
                "streaming": _map.LC_FEATURE_STREAMING}

# typedef int (*lc_input_fn)(void *user, uint64_t step, uint32_t *idx, size_t cap, size_t *count);
INPUT_FN = CFUNCTYPE(c_int, c_void_p, c_uint64, POINTER(c_uint32), c_size_t, POINTER(c_size_t))
# typedef int (*lc_output_fn)(void *user, uint64_t step, const uint32_t *idx, size_t count);
OUTPUT_FN = CFUNCTYPE(c_int, c_void_p, c_uint64, POINTER(c_uint32), c_size_t)

DeviceP = c_void_p  # struct lc_device * (opaque)
NetP = POINTER(Net)
SystemP = c_void_p  # struct lc_system * (opaque)
ROUTE_FIELDS = ("a", "k", "b", "j", "d")


class Route(Structure):
    _fields_ = [(f, c_uint32) for f in ROUTE_FIELDS]


# ---------------------------------------------------------------------------
# finding the library
# ---------------------------------------------------------------------------
LIB_NAMES = {"darwin": "liblifcore.dylib", "win32": "lifcore.dll"}
LIB_NAME = LIB_NAMES.get(sys.platform, "liblifcore.so")
PACKAGE_DIR = Path(__file__).resolve().parent
REPO_BUILD_LIB = PACKAGE_DIR.parent.parent / "build" / "host" / LIB_NAME


SIM_NAME = "liblcsim.so"  # the sim model a wheel may carry beside liblifcore (setup.py)


def candidates():
    """Where the library is looked for, in order: (description, path or name).
    LIFCORE_LIB, when set, overrides everything (make test points it at
    build/host/liblifcore.so); otherwise the copy inside the package (a pip
    install compiles it there) comes first."""
    found = []
    env = os.environ.get("LIFCORE_LIB")
    if env:
        p = Path(env)
        found.append(("LIFCORE_LIB", p / LIB_NAME if p.is_dir() else p))
    found.append(("package folder", PACKAGE_DIR / LIB_NAME))
    found.append(("repository build tree", REPO_BUILD_LIB))
    system = ctypes.util.find_library("lifcore")
    if system:
        found.append(("system", system))
    for prefix in ("/usr/local/lib", "/usr/lib"):
        found.append(("system", Path(prefix) / LIB_NAME))
    return found


def _load():
    tried = []
    for where, path in candidates():
        if where != "LIFCORE_LIB" and isinstance(path, Path) and not path.exists():
            tried.append("%s (%s: not there)" % (path, where))
            continue
        try:
            return ctypes.CDLL(str(path)), str(path)
        except OSError as e:
            hint = (" (the library needs jansson at run time: apt-get install libjansson4)"
                    if "jansson" in str(e) else "")
            if where == "LIFCORE_LIB":  # asked for explicitly: do not fall back silently
                raise ImportError("lifcore: LIFCORE_LIB=%s cannot be loaded: %s%s"
                                  % (path, e, hint))
            tried.append("%s (%s: %s%s)" % (path, where, e, hint))
    raise ImportError(
        "lifcore: cannot find %s. Install the package with pip from the repository "
        "checkout (pip install ./python compiles it into the package), or build it with "
        "'make build/host/liblifcore.a' there and set LIFCORE_LIB to its path. Tried:\n  %s"
        % (LIB_NAME, "\n  ".join(tried)))


lib, path = _load()


def _version_tuple(number):
    return (number >> 16) & 0xFF, (number >> 8) & 0xFF, number & 0xFF


def _declare(name, restype, argtypes, errcheck=None):
    try:
        f = getattr(lib, name)
    except AttributeError:
        raise ImportError("lifcore: %s has no function %s; it is older than this package "
                          "(rebuild the C library)" % (path, name)) from None
    f.restype = restype
    f.argtypes = argtypes
    if errcheck is not None:
        f.errcheck = errcheck
    return f


# ---------------------------------------------------------------------------
# error checks
# ---------------------------------------------------------------------------
def strerror(code):
    return lib.lc_strerror(code).decode("utf-8", "replace")


def raise_error(code, detail=""):
    raise LifcoreError(code, strerror(code), detail)


def _last_error(dev):
    return lib.lc_last_error(dev).decode("utf-8", "replace")


def check_dev(result, func, args):
    """errcheck of a function whose first argument is the device."""
    if result < 0:
        raise_error(result, _last_error(args[0]))
    return result


def check_open(result, func, args):
    """errcheck of lc_open: the detail is lc_last_error(NULL)."""
    if result < 0:
        raise_error(result, _last_error(None))
    return result


def check_plain(result, func, args):
    if result < 0:
        raise_error(result, "%s failed" % func.__name__)
    return result


def check_msg(msg_index):
    """errcheck of a function that writes its reason into the buffer args[msg_index]."""
    def check(result, func, args):
        if result < 0:
            buf = args[msg_index]
            detail = buf.value.decode("utf-8", "replace") if buf is not None else ""
            raise_error(result, detail or "%s failed" % func.__name__)
        return result
    return check


# ---------------------------------------------------------------------------
# declarations
# ---------------------------------------------------------------------------
lc_strerror = _declare("lc_strerror", c_char_p, [c_int])
lc_error_name = _declare("lc_error_name", c_char_p, [c_int])
lc_error_count = _declare("lc_error_count", c_int, [])
lc_version = _declare("lc_version", c_char_p, [])
lc_version_number = _declare("lc_version_number", c_uint32, [])

version_number = lc_version_number()
version = _version_tuple(version_number)
if version[0] != REQUIRED_VERSION[0] or version[1:] < REQUIRED_VERSION[1:] or (
        version[0] == 0 and version[1] != REQUIRED_VERSION[1]):
    raise ImportError("lifcore: %s is version %d.%d.%d, this package needs %d.%d.x"
                      % ((path,) + version + REQUIRED_VERSION[:2]))

lc_last_error = _declare("lc_last_error", c_char_p, [DeviceP])


# ---------------------------------------------------------------------------
# the error codes, from the library: enum lc_error is written once, in C
# ---------------------------------------------------------------------------
def _error_table():
    names = {}
    for code in range(0, -lc_error_count(), -1):  # 0, -1, ..., no gaps
        name = lc_error_name(code)
        if not name:
            raise ImportError("lifcore: %s has no name for error code %d" % (path, code))
        names[code] = name.decode("ascii")
    return names


def _class_name(name):
    """LC_ERR_RANGE -> LifcoreRangeError, LC_ERR_NOTFOUND -> LifcoreNotfoundError."""
    return "Lifcore%sError" % name[len("LC_ERR_"):].capitalize()


ERROR_NAMES = _error_table()             # code -> "LC_ERR_..." (LC_OK included)
ERROR_CODES = {name: code for code, name in ERROR_NAMES.items()}
LC_OK = ERROR_CODES["LC_OK"]
# one subclass of LifcoreError per code (lifcore.errors); LifcoreError(code, ...) picks it
ERROR_CLASSES = {
    code: type(_class_name(name), (LifcoreError,),
               {"__doc__": "%s: %s." % (name, strerror(code)), "__module__": "lifcore.errors"})
    for code, name in ERROR_NAMES.items() if code < 0
}

lc_net_create = _declare("lc_net_create", c_int, [c_uint32, c_uint32, POINTER(NetP)],
                         check_plain)
lc_net_free = _declare("lc_net_free", None, [NetP])
lc_net_limits = _declare("lc_net_limits", None, [POINTER(c_uint32), POINTER(c_uint32)])


def _net_limits():
    n, m = c_uint32(), c_uint32()
    lc_net_limits(ctypes.byref(n), ctypes.byref(m))
    return n.value, m.value


NET_MAX_NEURONS, NET_MAX_INPUTS = _net_limits()  # LC_NET_MAX_NEURONS, LC_NET_MAX_INPUTS
lc_net_copy = _declare("lc_net_copy", c_int, [NetP, POINTER(NetP)], check_plain)
lc_net_validate = _declare("lc_net_validate", c_int, [NetP, c_char_p, c_size_t], check_msg(1))
lc_net_load = _declare("lc_net_load", c_int, [c_char_p, POINTER(NetP), c_char_p, c_size_t],
                       check_msg(2))
lc_net_save = _declare("lc_net_save", c_int, [NetP, c_char_p], check_plain)

lc_system_create = _declare("lc_system_create", c_int, [POINTER(NetP), c_uint32,
                                                        POINTER(SystemP)], check_plain)
lc_system_free = _declare("lc_system_free", None, [SystemP])
lc_system_add_route = _declare("lc_system_add_route", c_int,
                               [SystemP, c_uint32, c_uint32, c_uint32, c_uint32, c_uint32,
                                c_char_p, c_size_t], check_msg(6))
# routes: count x struct lc_route (a C-contiguous uint32 array of shape (count, 5))
lc_system_add_routes = _declare("lc_system_add_routes", c_int,
                                [SystemP, c_void_p, c_size_t, c_char_p, c_size_t], check_msg(3))
lc_system_n_cores = _declare("lc_system_n_cores", c_uint32, [SystemP])
lc_system_core = _declare("lc_system_core", NetP, [SystemP, c_uint32])
lc_system_routes = _declare("lc_system_routes", POINTER(Route), [SystemP, POINTER(c_size_t)])
lc_system_validate = _declare("lc_system_validate", c_int,
                              [SystemP, c_uint32, c_char_p, c_size_t], check_msg(2))
lc_system_load = _declare("lc_system_load", c_int,
                          [c_char_p, POINTER(SystemP), c_char_p, c_size_t], check_msg(2))
lc_system_save = _declare("lc_system_save", c_int, [SystemP, c_char_p], check_plain)

lc_open = _declare("lc_open", c_int, [c_char_p, POINTER(DeviceP)], check_open)
lc_close = _declare("lc_close", None, [DeviceP])
lc_info = _declare("lc_info", c_int, [DeviceP, POINTER(Info)], check_dev)
lc_load = _declare("lc_load", c_int, [DeviceP, NetP], check_dev)
lc_reset_state = _declare("lc_reset_state", c_int, [DeviceP], check_dev)
lc_run = _declare("lc_run", c_int, [DeviceP, c_size_t, c_void_p, c_void_p], check_dev)
lc_stream = _declare("lc_stream", c_int, [DeviceP, c_uint64, INPUT_FN, OUTPUT_FN, c_void_p],
                     check_dev)
lc_read_weights = _declare("lc_read_weights", c_int,
                           [DeviceP, c_void_p, c_void_p, c_void_p, c_void_p], check_dev)
lc_read_state = _declare("lc_read_state", c_int, [DeviceP, POINTER(NeuronState), c_void_p],
                         check_dev)
lc_load_system = _declare("lc_load_system", c_int, [DeviceP, SystemP], check_dev)
# in, out: NULL or arrays of one pointer per core
lc_run_system = _declare("lc_run_system", c_int, [DeviceP, c_size_t, POINTER(c_void_p),
                                                  POINTER(c_void_p)], check_dev)
lc_loaded_cores = _declare("lc_loaded_cores", c_uint32, [DeviceP])
lc_select_output = _declare("lc_select_output", c_int, [DeviceP, c_void_p, c_uint32], check_dev)
lc_read_core_weights = _declare("lc_read_core_weights", c_int,
                                [DeviceP, c_uint32, c_void_p, c_void_p, c_void_p, c_void_p],
                                check_dev)
lc_read_core_state = _declare("lc_read_core_state", c_int,
                              [DeviceP, c_uint32, POINTER(NeuronState), c_void_p], check_dev)
lc_counters = _declare("lc_counters", c_int, [DeviceP, POINTER(Counters)], check_dev)
lc_clear_counters = _declare("lc_clear_counters", c_int, [DeviceP], check_dev)
lc_list_ports = _declare("lc_list_ports", c_int,
                         [POINTER(POINTER(c_char_p)), POINTER(c_size_t)], check_plain)
lc_free_ports = _declare("lc_free_ports", None, [POINTER(c_char_p)])


def msg_buffer():
    return ctypes.create_string_buffer(MSG_LEN)
