# lifcore : Python binding of liblifcore, the host library of the lifcore FPGA SNN core
# Build a network, load it onto a device ("ref", "sim" or a board on a serial
# port), run spikes through it and read back what it learned.
# SPDX-License-Identifier: MIT
"""lifcore: integer LIF neurons with on-chip STDP, on a board, its Verilator model or the C model.

    import lifcore
    net = lifcore.Network(n_neurons=64, n_inputs=32)
    with lifcore.open("ref") as dev:      # or "sim", or "serial:/dev/ttyUSB1"
        dev.load(net)
        out = dev.run(inputs)             # bool (steps x n_inputs) -> bool (steps x n_neurons)

Everything is computed by the C library (liblifcore) through ctypes; see
docs/python.md.
"""

from . import errors
from ._lib import LifcoreError, path as library_path
from .convert import decay_constant, from_lava, time_constant
from .device import Counters, Device, Info, State, device_string, library_version, list_ports
from .device import open  # noqa: A004 (lifcore.open is the natural name)
from .encoders import from_indices, poisson, regular, to_indices
from .network import Network, StdpSet, load_network
from .nir_io import NirImport, QuantReport, from_nir, to_nir
from .system import System, load_system
from .errors import SweepError
from .sweep import SweepRun, sweep

__version__ = "0.1.0"

# lifcore.ERR_ARG ... lifcore.ERR_UNSUPPORTED: the codes, read from the C library
globals().update({k: v for k, v in vars(errors).items() if k.startswith("ERR_")})

__all__ = [
    "LifcoreError", "Network", "StdpSet", "System", "load_system", "Device", "Info",
    "Counters", "State", "open",
    "load_network", "device_string", "library_version", "library_path", "list_ports",
    "poisson", "regular", "to_indices", "from_indices", "decay_constant", "time_constant",
    "from_lava", "errors", "from_nir", "to_nir", "NirImport", "QuantReport",
    "sweep", "SweepRun", "SweepError",
]
