# setup.py : the build step of the lifcore wheel: compiles liblifcore (and, when
# Verilator >= 5 is there, liblcsim.so, the Verilator model of the board behind the
# 'sim' backend) from the C and Verilog sources and ships them inside the package.
# The metadata is in pyproject.toml; this file only adds the commands below.
#   build_py     runs `make -C <src>/host lib` (and `make -C <src>/sim`) in the
#                build folder and copies liblifcore.so (liblcsim.so) into lifcore/
#   sdist        adds the sources the build needs (host/, sim/, rtl/) under csrc/,
#                so that an sdist builds anywhere, not only next to the checkout
#   bdist_wheel  tags the wheel py3-none-<platform>: it holds a native library
#                (loaded with ctypes: any Python 3, one platform)
# Where the sources are: python/csrc/ (an unpacked sdist), else the repository
# around python/ (a checkout: pip install ./python).
# Environment:
#   LIFCORE_BUILD_SIM  auto (default): build the sim model when verilator >= 5 is on
#                      PATH; 1: required (fail without it); 0: skip it
#   CC, CFLAGS, VERILATOR, JOBS (make -j for the Verilator build, default 2)
# SPDX-License-Identifier: MIT
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Distribution, setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

HERE = Path(__file__).resolve().parent
LIB_NAME = {"darwin": "liblifcore.dylib"}.get(sys.platform, "liblifcore.so")
SIM_NAME = "liblcsim.so"
# what an sdist carries under csrc/ (paths relative to the repository root)
SDIST_TREES = ["host/Makefile", "host/include", "host/src", "sim", "rtl", "LICENSE"]


def source_root():
    """The folder holding host/ and sim/: csrc/ of an sdist, or the checkout."""
    for root in (HERE / "csrc", HERE.parent):
        if (root / "host" / "Makefile").is_file() and (root / "host" / "src").is_dir():
            return root
    raise SystemExit(
        "lifcore: the C sources are not here: neither %s nor %s has host/Makefile. Build "
        "from the repository checkout (pip install ./python), or from an sdist made there "
        "(python -m build --sdist python, which copies host/, sim/ and rtl/ into it)"
        % (HERE / "csrc", HERE.parent))


def verilator_ok(verilator):
    exe = shutil.which(verilator)
    if not exe:
        return False, "%s is not on PATH" % verilator
    try:
        out = subprocess.run([exe, "--version"], capture_output=True, text=True,
                             timeout=30).stdout
    except (OSError, subprocess.SubprocessError) as e:
        return False, "%s --version failed: %s" % (exe, e)
    m = re.search(r"Verilator (\d+)\.", out)
    if not m or int(m.group(1)) < 5:
        return False, "%s is %r, the model needs Verilator >= 5" % (exe, out.strip())
    return True, exe


def run(cmd, what, hint):
    print("lifcore: " + " ".join(cmd), flush=True)
    r = subprocess.run(cmd)
    if r.returncode:
        raise SystemExit("lifcore: building %s failed (exit %d). %s"
                         % (what, r.returncode, hint))


class BuildPy(build_py):
    """build_py, then compile the native libraries into the package."""

    def run(self):
        super().run()
        root = source_root()
        work = Path(self.get_finalized_command("build").build_temp).resolve() / "lifcore-native"
        work.mkdir(parents=True, exist_ok=True)
        make = os.environ.get("MAKE", "make")
        # -ULC_BUILD_DIR: the library must not look for liblcsim.so in this build
        # folder once installed (it finds it next to itself, in the package)
        cflags = ("-ULC_BUILD_DIR " + os.environ.get("CFLAGS", "")).strip()
        run([make, "--no-print-directory", "-C", str(root / "host"), "BUILD=%s" % work,
             "CFLAGS=%s" % cflags, "lib"], "liblifcore",
            "It needs a C99 compiler, make, pkg-config and jansson "
            "(Debian: apt-get install build-essential pkg-config libjansson-dev).")
        built = [work / "host" / LIB_NAME]

        want = os.environ.get("LIFCORE_BUILD_SIM", "auto").strip().lower()
        if want not in ("auto", "0", "1"):
            raise SystemExit("lifcore: LIFCORE_BUILD_SIM=%s: expected auto, 0 or 1" % want)
        verilator = os.environ.get("VERILATOR", "verilator")
        ok, why = verilator_ok(verilator) if want != "0" else (False, "LIFCORE_BUILD_SIM=0")
        if ok:
            run([make, "--no-print-directory", "-C", str(root / "sim"), "BUILD=%s" % work,
                 "VERILATOR=%s" % why, "JOBS=%s" % os.environ.get("JOBS", "2")],
                "the sim model (liblcsim.so)",
                "It needs Verilator >= 5, g++ and zlib (Debian: apt-get install verilator "
                "g++ zlib1g-dev); LIFCORE_BUILD_SIM=0 builds the package without it.")
            built.append(work / "sim" / SIM_NAME)
        elif want == "1":
            raise SystemExit("lifcore: LIFCORE_BUILD_SIM=1 but %s (Debian: apt-get install "
                             "verilator)" % why)
        else:
            print("lifcore: not building the sim model (%s); lifcore.open('sim') will say "
                  "what to install" % why, flush=True)

        dests = [Path(self.build_lib) / "lifcore"]
        if getattr(self, "editable_mode", False):  # pip install -e: the source folder
            dests.append(HERE / "lifcore")
        for dest in dests:
            dest.mkdir(parents=True, exist_ok=True)
            for lib in (dest / LIB_NAME, dest / SIM_NAME):
                if lib.exists() and lib.parent != HERE / "lifcore":
                    lib.unlink()  # a stale copy (make python-lib) must not ship
            for src in built:
                tmp = dest / (".%s.tmp" % src.name)
                shutil.copy2(src, tmp)
                os.replace(tmp, dest / src.name)
                print("lifcore: %s -> %s" % (src, dest / src.name), flush=True)

    def get_outputs(self, include_bytecode=1):
        return super().get_outputs(include_bytecode) + [
            str(Path(self.build_lib) / "lifcore" / n) for n in (LIB_NAME, SIM_NAME)
            if (Path(self.build_lib) / "lifcore" / n).exists()]


class Sdist(sdist):
    """sdist, with the C and Verilog sources under csrc/ (see SDIST_TREES)."""

    def make_release_tree(self, base_dir, files):
        super().make_release_tree(base_dir, files)
        root = source_root()
        for rel in SDIST_TREES:
            src, dst = root / rel, Path(base_dir) / "csrc" / rel
            if src.is_dir():
                shutil.copytree(src, dst, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("__pycache__", "*.o", "*.so"))
            elif src.is_file():
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst)


cmdclass = {"build_py": BuildPy, "sdist": Sdist}

try:  # setuptools >= 70.1 has bdist_wheel; older ones take it from the wheel package
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:
    try:
        from wheel.bdist_wheel import bdist_wheel
    except ImportError:
        bdist_wheel = None

if bdist_wheel is not None:
    class BdistWheel(bdist_wheel):
        """A platform wheel (it holds liblifcore.so) for any Python 3 (ctypes, no C API)."""

        def get_tag(self):
            return ("py3", "none") + tuple(super().get_tag()[2:])

    cmdclass["bdist_wheel"] = BdistWheel

class BinaryDistribution(Distribution):
    """Holds a native library: installed to platlib, the wheel is not pure."""

    def has_ext_modules(self):
        return True


setup(cmdclass=cmdclass, distclass=BinaryDistribution)
