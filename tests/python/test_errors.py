# test_errors.py : the error codes come from the C library, once
# Every lc_error code has a Python name and an exception class, both agreeing
# with the library's lc_error_name and lc_strerror; no copy of the numbers.
# SPDX-License-Identifier: MIT
import re
from pathlib import Path

import pytest

import lifcore
from lifcore import _lib, errors

REPO = Path(__file__).resolve().parents[2]


def c_enum():
    """enum lc_error as host/include/lifcore_model.h spells it: name -> value."""
    text = (REPO / "host" / "include" / "lifcore_model.h").read_text()
    body = re.search(r"enum lc_error \{(.*?)\};", text, re.S).group(1)
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"(LC_\w+) = (-?\d+)", body)}


def test_every_c_code_has_a_name_and_an_exception():
    enum = c_enum()
    assert len(enum) == _lib.lc_error_count() >= 14
    assert errors.NAMES == {v: k for k, v in enum.items()}
    assert errors.LC_OK == 0 and errors.name(0) == "LC_OK"
    for name, code in enum.items():
        assert _lib.lc_error_name(code).decode() == name
        if code == 0:
            continue
        short = name[len("LC_"):]                        # ERR_RANGE
        assert getattr(errors, short) == code == getattr(lifcore, short)
        cls = errors.exception(code)
        assert issubclass(cls, lifcore.LifcoreError) and getattr(errors, cls.__name__) is cls
        e = lifcore.LifcoreError(code, _lib.strerror(code), "why")
        assert type(e) is cls and e.code == code and e.name == name
        assert e.message == _lib.lc_strerror(code).decode() != "unknown error code"
        assert str(e) == "%s: why" % e.message
        with pytest.raises(cls) as info:
            _lib.raise_error(code, "detail")
        assert info.value.name == name and info.value.message == e.message


def test_unknown_codes():
    n = _lib.lc_error_count()
    for code in (1, 7, -n, -n - 1, -1000):
        assert _lib.lc_error_name(code) is None
        assert _lib.strerror(code) == "unknown error code"
    e = lifcore.LifcoreError(-1000, "unknown error code")
    assert type(e) is lifcore.LifcoreError and e.name == "LC_ERR_-1000"


def test_a_failing_call_raises_its_class():
    with pytest.raises(errors.LifcoreArgError) as e:
        lifcore.Network(0, 3)                            # lc_net_create refuses it
    assert e.value.code == lifcore.ERR_ARG
    net = lifcore.Network(5, 2)
    net.du[3] = 5000
    with pytest.raises(errors.LifcoreRangeError) as e:
        net.validate()                                   # lc_net_validate's message
    assert "neuron[3].du" in e.value.detail
    with pytest.raises(errors.LifcoreRangeError):
        net.v_reset = 1 << 40                            # refused on the Python side


def test_no_copy_of_the_codes_in_python():
    """The numbers are read from the library: no LC_ERR_* = -n, no raise_error(-n)."""
    for path in (REPO / "python" / "lifcore").glob("*.py"):
        text = path.read_text()
        assert not re.search(r"LC_ERR_\w+\s*=\s*-\d", text), path
        assert not re.search(r"raise_error\(\s*-\d", text), path
        assert not re.search(r"LifcoreError\(\s*-\d", text), path
