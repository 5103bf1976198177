# errors.py : the error codes of liblifcore as Python names and exception classes
# Everything here is built at import time from the C library (lc_error_count,
# lc_error_name, lc_strerror): the numbers are written once, in lifcore_model.h.
# SPDX-License-Identifier: MIT
"""Error codes and exceptions of liblifcore.

``ERR_ARG`` ... ``ERR_UNSUPPORTED`` (and ``LC_OK``) are the C codes; every code
has a subclass of :class:`LifcoreError`, named after it (``LC_ERR_RANGE`` ->
``LifcoreRangeError``), which a failing call raises::

    try:
        dev.load(net)
    except lifcore.errors.LifcoreRangeError as e:
        print(e.name, e.detail)
"""

from ._lib import ERROR_CLASSES, ERROR_CODES, ERROR_NAMES, LC_OK, LifcoreError, strerror

#: code -> "LC_ERR_..." name, LC_OK included
NAMES = dict(ERROR_NAMES)
#: "LC_ERR_..." name -> code
CODES = dict(ERROR_CODES)
#: code -> exception class (negative codes only)
EXCEPTIONS = dict(ERROR_CLASSES)


def name(code):
    """The C name of an error code ("LC_ERR_RANGE"); KeyError for an unknown code."""
    return NAMES[int(code)]


def exception(code):
    """The LifcoreError subclass raised for a negative error code."""
    return EXCEPTIONS[int(code)]


__all__ = ["LifcoreError", "LC_OK", "NAMES", "CODES", "EXCEPTIONS", "name", "exception",
           "strerror"]

# ERR_ARG = -1, ..., and LifcoreArgError, ...: one module attribute per code
for _code, _name in NAMES.items():
    if _code < 0:
        globals()[_name[len("LC_"):]] = _code
        globals()[EXCEPTIONS[_code].__name__] = EXCEPTIONS[_code]
        __all__ += [_name[len("LC_"):], EXCEPTIONS[_code].__name__]
del _code, _name


class SweepError(Exception):
    """A run of :func:`lifcore.sweep` failed.

    Attributes: ``index`` (the run's place in the grid, from 0), ``total`` (runs in
    the sweep), ``point`` (its parameters, a dict), ``error_type`` (the exception's
    class name, "LifcoreRangeError", ...), ``error_name`` (the C name, "LC_ERR_RANGE",
    for a LifcoreError, else None), ``error`` (its text: for a LifcoreError the C
    library's message and detail) and ``traceback`` (the worker's traceback, text).
    """

    def __init__(self, index, total, point, error_type, error_name, error, traceback=""):
        self.index, self.total, self.point = index, total, dict(point)
        self.error_type, self.error_name, self.error = error_type, error_name, error
        self.traceback = traceback
        kind = "%s (%s)" % (error_type, error_name) if error_name else error_type
        super().__init__("sweep: run %d of %d failed at %s: %s: %s"
                         % (index + 1, total, _point_text(point), kind, error))

    def __reduce__(self):  # picklable (a Dask client or joblib may carry it)
        return (SweepError, (self.index, self.total, self.point, self.error_type,
                             self.error_name, self.error, self.traceback))


def _point_text(point):
    return "{%s}" % ", ".join("%s=%r" % kv for kv in point.items())


__all__ += ["SweepError"]
