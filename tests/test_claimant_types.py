"""claimant_type: what kind of source a claimant is (cases in tests/cases/claimant_types.yaml)."""

from __future__ import annotations

import pytest

from toolkit.extract.claimant_types import KINDS, claimant_type

from conftest import load_cases


@pytest.mark.parametrize("case", load_cases("claimant_types"))
def test_claimant_type(case):
    assert claimant_type(case["name"]) == case["expect"]


def test_every_kind_is_one_the_contract_names():
    names = ["NIS", "Kremlin", "Yonhap", "Mara Okonjo", "witnesses", "district governor", "Mountain Relief Foundation"]
    assert {claimant_type(n) for n in names} == set(KINDS)
