# test_network.py : lifcore.Network, its checks, and network files (lc_net_save/lc_net_load)
# SPDX-License-Identifier: MIT
import json

import numpy as np
import pytest

import lifcore
from conftest import VECTORS, random_network


def test_new_network_has_the_contract_defaults():
    net = lifcore.Network(n_neurons=5, n_inputs=3)
    assert (net.n_neurons, net.n_inputs) == (5, 3)
    assert net.w_shift == 6
    for f in ("v_reset", "theta_plus", "d_theta", "dx", "dy", "x_imp", "y_imp", "learning"):
        assert getattr(net, f) == 0, f
    for f in ("du", "dv", "vth", "bias", "tref"):
        a = getattr(net, f)
        assert a.shape == (5,) and a.dtype == np.int32 and not a.any(), f
    assert net.w_in.shape == (3, 5) and net.w_in.dtype == np.int8
    assert net.w_rec.shape == (5, 5) and net.w_rec.dtype == np.int8
    assert net.plastic_in.dtype == np.bool_ and not net.plastic_in.any()
    assert net.plastic_rec.shape == (5, 5)
    assert net.stdp_in.as_dict() == dict.fromkeys(
        ("a_plus", "a_minus", "s_plus", "s_minus", "w_min", "w_max"), 0)


def test_bad_sizes_are_refused_by_the_c_library():
    with pytest.raises(lifcore.LifcoreError) as e:
        lifcore.Network(0, 3)
    assert e.value.name == "LC_ERR_ARG"


@pytest.mark.parametrize("args, said", [
    ((2.5, 3), "n_neurons must be an integer, got 2.5 (float)"),
    ((-1, 3), "n_neurons=-1 out of range 1..65536"),
    ((0, 3), "n_neurons=0 out of range 1..65536"),
    ((4, -2), "n_inputs=-2 out of range 0..65536"),
    ((4, 1 << 32), "n_inputs=4294967296 out of range 0..65536"),
    ((4, "3"), "n_inputs must be an integer, got '3' (str)"),
])
def test_bad_sizes_name_the_argument_and_its_range(args, said):
    with pytest.raises(lifcore.LifcoreError) as e:
        lifcore.Network(*args)
    assert e.value.name == "LC_ERR_ARG" and said in str(e.value)


def test_integer_like_sizes_are_fine():
    net = lifcore.Network(np.int64(5), np.uint16(2))
    assert (net.n_neurons, net.n_inputs) == (5, 2)


def test_scalar_assignment_broadcasts_and_arrays_edit_in_place():
    net = lifcore.Network(4, 2)
    net.vth = 5000
    assert net.vth.tolist() == [5000] * 4
    net.vth[2] = 7
    assert net.vth.tolist() == [5000, 5000, 7, 5000]
    net.w_in = [[1, 2, 3, 4], [5, 6, 7, 8]]
    net.w_in[1, 0] = -128
    assert net.w_in[1].tolist() == [-128, 6, 7, 8]
    net.plastic_rec = 1
    assert net.plastic_rec.all()


def test_wrong_shape_is_refused():
    net = lifcore.Network(4, 2)
    with pytest.raises(ValueError, match=r"w_in: expected shape \(2, 4\)"):
        net.w_in = np.zeros((4, 2))
    with pytest.raises(ValueError, match="du"):
        net.du = [1, 2, 3]


def test_weight_outside_int8_names_the_element():
    net = lifcore.Network(4, 3)
    with pytest.raises(lifcore.LifcoreError) as e:
        net.w_in = np.array([[0, 0, 0, 0], [0, 0, 200, 0], [0, 0, 0, 0]])
    assert e.value.name == "LC_ERR_RANGE"
    assert "w_in[1][2] = 200 out of range -128..127" in str(e.value)
    assert not net.w_in.any()  # unchanged


def test_non_integer_values_are_refused():
    net = lifcore.Network(2, 1)
    with pytest.raises(TypeError, match="integers"):
        net.dv = [0.5, 1.0]
    net.dv = [2.0, 3.0]  # integral floats are fine
    assert net.dv.tolist() == [2, 3]
    with pytest.raises(TypeError):
        net.theta_plus = 1.5
    with pytest.raises(TypeError):
        net.stdp_in.a_plus = "3"


def test_misspelt_attribute_is_an_error():
    net = lifcore.Network(2, 1)
    with pytest.raises(AttributeError, match="theta_pluss"):
        net.theta_pluss = 3
    with pytest.raises(AttributeError, match="aplus"):
        net.stdp_in.aplus = 3
    with pytest.raises(AttributeError):
        net.n_neurons = 3  # sizes are fixed


def test_validate_reports_the_c_librarys_message():
    net = lifcore.Network(5, 2)
    net.du[3] = 5000
    with pytest.raises(lifcore.LifcoreError) as e:
        net.validate()
    assert e.value.name == "LC_ERR_RANGE" and e.value.code == lifcore.ERR_RANGE
    assert "neuron[3].du = 5000 out of range 0..4096" in str(e.value)
    assert e.value.message == "a parameter or weight is out of its range" or e.value.message


@pytest.mark.parametrize("field, value", [
    ("w_shift", 16), ("v_reset", -(2 ** 23)), ("theta_plus", -1), ("d_theta", 4097),
    ("dx", -1), ("y_imp", 65536), ("learning", 2)])
def test_every_core_range_is_checked(field, value):
    net = lifcore.Network(2, 1)
    setattr(net, field, value)
    with pytest.raises(lifcore.LifcoreError, match=field):
        net.validate()


@pytest.mark.parametrize("field, value", [("vth", 2 ** 23), ("bias", -(2 ** 23)),
                                          ("tref", 64), ("dv", -1)])
def test_every_neuron_range_is_checked(field, value):
    net = lifcore.Network(3, 1)
    getattr(net, field)[1] = value
    with pytest.raises(lifcore.LifcoreError, match=r"neuron\[1\]\.%s" % field):
        net.validate()


def test_stdp_set_must_have_w_min_below_w_max():
    net = lifcore.Network(2, 1)
    net.stdp_rec.set(w_min=10, w_max=5)
    with pytest.raises(lifcore.LifcoreError, match="stdp_rec"):
        net.validate()
    net.stdp_rec = {"w_min": -5, "w_max": 5, "a_plus": 255, "s_minus": 31}
    net.validate()
    net.stdp_in.s_plus = 32
    with pytest.raises(lifcore.LifcoreError, match="s_plus"):
        net.validate()


def test_value_beyond_int32_is_refused_on_assignment():
    net = lifcore.Network(2, 1)
    with pytest.raises(lifcore.LifcoreError, match=r"vth\[0\]"):
        net.vth = [2 ** 40, 0]
    with pytest.raises(lifcore.LifcoreError, match="v_reset"):
        net.v_reset = 2 ** 33


def test_save_then_load_gives_the_same_network(tmp_path):
    net = random_network(np.random.default_rng(7), 9, 5)
    path = tmp_path / "net.json"
    net.save(path)
    back = lifcore.Network.load(path)
    assert back == net
    assert back is not net
    doc = json.loads(path.read_text())
    assert doc["n_neurons"] == 9 and len(doc["w_in"]) == 5 and len(doc["w_in"][0]) == 9
    assert doc["neuron"]["vth"] == net.vth.tolist()
    assert doc["core"]["theta_plus"] == net.theta_plus


def test_network_without_inputs_round_trips(tmp_path):
    net = lifcore.Network(3, 0)
    net.vth = 10
    net.save(tmp_path / "n.json")
    back = lifcore.load_network(tmp_path / "n.json")
    assert back == net and back.w_in.shape == (0, 3)


@pytest.mark.parametrize("path", VECTORS, ids=lambda p: p.name)
def test_conformance_vectors_load_as_networks(path):
    doc = json.loads(path.read_text())
    net = lifcore.Network.load(path)
    assert net.n_neurons == doc["n_neurons"]
    assert net.w_in.tolist() == doc["w_in"]
    assert net.w_rec.tolist() == doc["w_rec"]
    assert net.vth.tolist() == doc["neuron"]["vth"]
    assert net.learning == doc.get("learning", 0)
    assert net.stdp_in.as_dict() == {**net.stdp_in.as_dict(), **doc.get("stdp_in", {})}


def test_saving_an_invalid_network_writes_nothing(tmp_path):
    net = lifcore.Network(2, 1)
    net.tref = 99
    with pytest.raises(lifcore.LifcoreError, match="tref"):
        net.save(tmp_path / "bad.json")
    assert not (tmp_path / "bad.json").exists()


def test_load_reports_line_and_field(tmp_path):
    p = tmp_path / "bad.json"
    p.write_text('{"n_neurons": 2, "n_inputs": 1,\n "neuron": {"du": [1], "dv": [0, 0], '
                 '"vth": [0, 0], "bias": [0, 0], "tref": [0, 0]},\n'
                 ' "w_in": [[0, 0]], "w_rec": [[0, 0], [0, 0]]}\n')
    with pytest.raises(lifcore.LifcoreError) as e:
        lifcore.Network.load(p)
    assert e.value.name == "LC_ERR_FORMAT"
    assert "neuron.du" in str(e.value) and "line 2" in str(e.value)


def test_misspelt_key_in_a_file_is_an_error(tmp_path):
    p = tmp_path / "typo.json"
    p.write_text('{"n_neurons": 1, "n_inputs": 0, "neuron": {"du": [0], "dv": [0], '
                 '"vth": [0], "bias": [0], "tref": [0]}, "core": {"theta_pluss": 3}, '
                 '"w_in": [], "w_rec": [[0]]}')
    with pytest.raises(lifcore.LifcoreError, match="theta_pluss"):
        lifcore.Network.load(p)


def test_missing_file_is_not_found(tmp_path):
    with pytest.raises(lifcore.LifcoreError) as e:
        lifcore.Network.load(tmp_path / "nope.json")
    assert e.value.name in ("LC_ERR_NOTFOUND", "LC_ERR_IO")
    assert "nope.json" in str(e.value)


def test_save_to_an_unwritable_place_is_an_io_error(tmp_path):
    with pytest.raises(lifcore.LifcoreError) as e:
        lifcore.Network(1, 1).save(tmp_path / "no" / "such" / "dir.json")
    assert e.value.name == "LC_ERR_IO"


def test_copy_is_deep():
    net = random_network(np.random.default_rng(3), 4, 2)
    c = net.copy()
    assert c == net
    c.w_in[0, 0] = 1 if net.w_in[0, 0] != 1 else 2
    c.stdp_in.a_plus = (net.stdp_in.a_plus + 1) % 256
    c.vth[0] += 1
    assert net.w_in[0, 0] != c.w_in[0, 0]
    assert net.stdp_in.a_plus != c.stdp_in.a_plus
    assert net.vth[0] != c.vth[0]
    assert c != net


def test_from_lava_sets_a_network():
    net = lifcore.Network(3, 1)
    net.set(**lifcore.from_lava(du=[0, 100, 4095], dv=7, vth=100, bias_mant=-3, bias_exp=2))
    assert net.du.tolist() == [1, 101, 4096]
    assert net.dv.tolist() == [7] * 3
    assert net.vth.tolist() == [6400] * 3
    assert net.bias.tolist() == [-12] * 3
    assert (net.w_shift, net.v_reset, net.theta_plus, net.learning) == (6, 0, 0, 0)
    net.validate()
