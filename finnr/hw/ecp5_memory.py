"""Where yosys puts a memory on a Lattice ECP5 (EBR, distributed RAM or
logic) and how many EBRs it takes: memory_libmap's rules and costs, facts
the ECP5 resource model (:mod:`finnr.models.calibration`) and the RTL
generator (a FIFO in EBR reads ahead, :func:`finnr.models.cost.fifo_prefetches`)
share."""

from __future__ import annotations

import math

EBR_SHAPES = ((1, 16384), (2, 8192), (4, 4096), (9, 2048), (18, 1024), (36, 512))
"""(width, depth) of an ECP5 EBR (DP16KD; 36 bits wide as PDPW16KD, one
read and one write port: FPGA-DS-02012 table 2.8), as yosys's
memory_libmap uses them (techlibs/lattice/brams_16kd.txt)."""
EBR_COST, DPR_COST, ROM_BIT_COST, RAM_BIT_COST = 128, 4, 1 / 16, 1.0
"""memory_libmap's costs on an ECP5 (yosys passes/memory/memory_libmap.cc,
techlibs/lattice/{brams_16kd,lutrams}.txt): 128 an EBR, 4 a 16 x 4
distributed RAM (TRELLIS_DPR16X4, not offered for ROMs), a bit as logic
1/16 in a ROM and 1 in a RAM (its ``-logic-cost-rom``/``-ram`` defaults);
a memory of several blocks in depth adds 1/2 a read bit a further block
(the output mux) and 1/2 a block (the write-enable demux), and a read port
of its own 2."""


def _ebr_shape(depth: int, width: int) -> tuple[int, int]:
    """(blocks side by side, blocks in depth) of the EBR aspect ratio that
    needs the fewest blocks."""
    return min(((math.ceil(width / w), math.ceil(depth / d)) for w, d in EBR_SHAPES), key=lambda s: s[0] * s[1])


def ecp5_blocks(depth: int, width: int) -> int:
    """EBRs of a ``depth`` x ``width`` memory: the fewest over the EBR's
    aspect ratios (blocks side by side for the width, cascaded for the
    depth)."""
    if depth <= 0 or width <= 0:
        return 0
    across, down = _ebr_shape(depth, width)
    return across * down


def _mapping_cost(units: int, unit_cost: float, down: int, width: int, rom: bool, extra: float = 0) -> float:
    return unit_cost * units + 0.5 * (down - 1) * width + (0.5 * down if down > 1 and not rom else 0) + 2 + extra


DPR_EXTRA = 6
"""memory_libmap's further cost of a RAM in TRELLIS_DPR16X4s (its read
emulation), measured: a FIFO of 2 words stays in flip-flops up to 9 bits
wide (2 x 8 = 16 <= 4·2 + 2 + 6) and goes to distributed RAM from 12."""


def ecp5_mapping(depth: int, width: int, rom: bool) -> str:
    """Where yosys (memory_libmap) puts a memory on an ECP5: ``"ebr"``,
    ``"dpr"`` (TRELLIS_DPR16X4s; never a ROM) or ``"logic"`` (flip-flops
    and multiplexers; a ROM: LUTs of constants), the cheapest by its costs
    (:data:`EBR_COST` ...), logic on a tie."""
    if depth <= 0 or width <= 0:
        return "logic"
    across, down = _ebr_shape(depth, width)
    costs = {"logic": math.floor(depth * width * (ROM_BIT_COST if rom else RAM_BIT_COST)),
             "ebr": _mapping_cost(across * down, EBR_COST, down, width, rom)}
    if not rom:
        rows = math.ceil(depth / 16)
        costs["dpr"] = _mapping_cost(rows * math.ceil(width / 4), DPR_COST, rows, width, rom, DPR_EXTRA)
    return min(costs, key=lambda k: (costs[k], k != "logic"))


def ecp5_in_ebr(depth: int, width: int, rom: bool) -> bool:
    """Whether yosys puts a memory in EBR on an ECP5 (:func:`ecp5_mapping`)."""
    return ecp5_mapping(depth, width, rom) == "ebr"
