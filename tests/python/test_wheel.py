# test_wheel.py : pip builds the package on its own, the wheel carries liblifcore
# A fresh venv (python -m venv --system-site-packages, so numpy and setuptools come
# from this interpreter and nothing is downloaded), no PYTHONPATH and no LIFCORE_*
# variables: the installed package must find its own library.
#   - an sdist made from the checkout, unpacked elsewhere, builds a wheel (the sdist
#     carries the C sources), which installs and runs a network on "ref" giving the
#     spikes of the library under test; built without the sim model, "sim" says what
#     to install and run (default group, about 10 s)
#   - marked long (make test-long, group python-long): `pip wheel ./python` from the
#     checkout with the sim model (Verilator), which then runs "sim" like "ref"
# SPDX-License-Identifier: MIT
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile

import numpy as np
import pytest

from conftest import REPO

PYDIR = REPO / "python"

# the network run in the venv: printed as JSON, compared with the same run here
SCRIPT = r"""
import json, sys
import numpy as np
import lifcore
device = sys.argv[1]
net = lifcore.Network(16, 8)
net.dv = 600
net.vth = 3000
net.w_in = np.random.default_rng(4).integers(0, 80, (8, 16))
net.plastic_in = True
net.set(dx=1024, dy=1024, x_imp=4000, y_imp=4000, learning=1)
net.stdp_in.set(a_plus=8, a_minus=6, s_plus=10, s_minus=10, w_min=0, w_max=127)
x = lifcore.poisson(np.full(8, 200.0), steps=300, dt_ms=1.0, rng=2)
out = {"library": lifcore.library_path, "package": lifcore.__file__}
try:
    with lifcore.open(device) as dev:
        dev.load(net)
        out["spikes"] = [s.tolist() for s in lifcore.to_indices(dev.run(x))]
        out["w_in"] = dev.read_weights()[0].tolist()
except lifcore.LifcoreError as e:
    out["error"] = [e.name, str(e)]
print(json.dumps(out))
"""


def reference_run():
    """SCRIPT's network, run here on "ref" by the library under test."""
    ns = {}
    exec(compile(SCRIPT.replace("device = sys.argv[1]", "device = 'ref'")
                 .replace("print(json.dumps(out))", ""), "<script>", "exec"), ns)
    return json.loads(json.dumps(ns["out"]))


def can_build_offline():
    """setuptools >= 61 with bdist_wheel (built in from 70.1, else the wheel package)."""
    if importlib.util.find_spec("setuptools") is None:
        return "setuptools is not installed (scripts/setup python)"
    import setuptools
    major = tuple(int(p) for p in setuptools.__version__.split(".")[:2])
    if major < (61, 0):
        return "setuptools %s is older than 61" % setuptools.__version__
    if major < (70, 1) and importlib.util.find_spec("wheel") is None:
        return ("setuptools %s needs the wheel package to build wheels (pip install wheel; "
                "scripts/setup python)" % setuptools.__version__)
    return None


NO_BUILD = can_build_offline()
needs_build = pytest.mark.skipif(NO_BUILD is not None, reason=str(NO_BUILD))


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("LIFCORE_") and k not in ("PYTHONPATH", "PIP_REQUIRE_VIRTUALENV")}
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1", **extra)
    return env


def sh(cmd, cwd, env, timeout=600):
    r = subprocess.run([str(c) for c in cmd], cwd=str(cwd), env=env, capture_output=True,
                       text=True, timeout=timeout)
    assert r.returncode == 0, "%s failed (%d):\n%s\n%s" % (
        " ".join(map(str, cmd)), r.returncode, r.stdout[-3000:], r.stderr[-3000:])
    return r.stdout


def make_venv(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip",
                    str(venv)], check=True, timeout=120)
    return venv / "bin" / "python"


def install_and_run(py, wheel, tmp_path, device, env):
    sh([py, "-m", "pip", "install", "--no-deps", "--no-index", wheel], tmp_path, env)
    out = sh([py, "-c", SCRIPT, device], tmp_path, env)  # cwd tmp_path: no lifcore/ there
    return json.loads(out.strip().splitlines()[-1])


@needs_build
def test_sdist_builds_a_wheel_that_carries_the_library(tmp_path):
    t0 = time.time()
    env = clean_env(LIFCORE_BUILD_SIM="0")
    py = make_venv(tmp_path)
    # the sdist, made from the checkout as a build frontend does (PEP 517 build_sdist)
    sdist_dir = tmp_path / "sdist"
    sdist_dir.mkdir()
    name = sh([py, "-c", "from setuptools import build_meta as b; import sys; "
                         "print(b.build_sdist(sys.argv[1]))", sdist_dir], PYDIR, env)
    sdist = sdist_dir / name.strip().splitlines()[-1]
    with tarfile.open(sdist) as tf:
        names = tf.getnames()
        tf.extractall(tmp_path / "unpacked")
    top = names[0].split("/")[0]
    for rel in ("setup.py", "pyproject.toml", "csrc/host/Makefile", "csrc/host/include/lifcore.h",
                "csrc/sim/Makefile", "csrc/rtl/lc_board.v"):
        assert "%s/%s" % (top, rel) in names, rel
    assert not [n for n in names if n.endswith(".so")], "the sdist must not carry a binary"
    # built away from the checkout: only the sdist's own sources
    src = tmp_path / "unpacked" / top
    wheels = tmp_path / "wheels"
    t1 = time.time()
    sh([py, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", wheels, src],
       tmp_path, env)
    build_s = time.time() - t1
    (wheel,) = wheels.glob("lifcore-*.whl")
    assert "-py3-none-" in wheel.name and not wheel.name.endswith("-any.whl"), wheel.name
    with zipfile.ZipFile(wheel) as z:
        files = z.namelist()
    assert "lifcore/liblifcore.so" in files
    assert "lifcore/liblcsim.so" not in files  # LIFCORE_BUILD_SIM=0
    got = install_and_run(py, wheel, tmp_path, "ref", env)
    site = str(tmp_path / "venv")
    assert got["library"].startswith(site) and got["library"].endswith("lifcore/liblifcore.so")
    assert got["package"].startswith(site)
    want = reference_run()
    assert sum(len(s) for s in got["spikes"]) > 50
    assert got["spikes"] == want["spikes"]
    assert got["w_in"] == want["w_in"]
    # no sim model in this wheel: the error says what to install and what to run
    sim = json.loads(sh([py, "-c", SCRIPT, "sim"], tmp_path, env).strip().splitlines()[-1])
    name, text = sim["error"]
    assert name == "LC_ERR_NOTFOUND"
    assert "apt-get install verilator" in text
    assert "pip install --force-reinstall ./python" in text
    print("sdist -> wheel: wheel built in %.1f s (no sim model), whole test %.1f s"
          % (build_s, time.time() - t0))


@pytest.mark.long
@needs_build
def test_pip_wheel_from_the_checkout_carries_the_sim_model(tmp_path):
    if shutil.which("verilator") is None:
        pytest.skip("verilator is not installed (apt-get install verilator)")
    env = clean_env(LIFCORE_BUILD_SIM="1")
    py = make_venv(tmp_path)
    wheels = tmp_path / "wheels"
    t1 = time.time()
    sh([py, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", wheels, PYDIR],
       tmp_path, env, timeout=1800)
    build_s = time.time() - t1
    (wheel,) = wheels.glob("lifcore-*.whl")
    with zipfile.ZipFile(wheel) as z:
        files = z.namelist()
    assert {"lifcore/liblifcore.so", "lifcore/liblcsim.so"} <= set(files)
    got = install_and_run(py, wheel, tmp_path, "sim", env)
    assert "error" not in got, got.get("error")
    want = reference_run()
    np.testing.assert_equal(got["spikes"], want["spikes"])
    assert got["w_in"] == want["w_in"]
    print("pip wheel ./python with the sim model: %.1f s" % build_s)
