"""The I/O schedule of every engine, exact to the cycle: given the cycle at
which each beat of each input is offered, the cycle at which the engine
takes it and the cycle at which it offers each beat of each output, for
outputs that are taken as soon as they are offered (an infinite FIFO
behind every output). These are facts of finnr's RTL engines
(``finnr/backends/rtl/lib``): every engine is a stall-all pipeline or a
reader and a writer around a buffer, and its schedule is a max-plus
recurrence (a step waits for the step before it and for its input beat),
solved here with cumulative maxima over whole streams, so a network of a
million beats is scheduled in a fraction of a second.

On these schedules, :func:`simulate` runs a dataflow partition with
infinite FIFOs and :func:`fifo_depths` sizes every FIFO: the partition's
inputs are offered evenly at the rate of its slowest layer (its cycles
per frame), and each FIFO is as deep as the most words it holds when a
word arrives, + 1. With those depths no producer ever finds its FIFO full,
so the finite design runs exactly as the infinite one, at the slowest
layer's rate; inputs offered earlier (back to back) can only make every
event earlier (the schedules are monotone max-plus systems), so that rate
holds too. :func:`latency` is the first frame's latency with its inputs
offered back to back.

A schedule function takes ``(op, arrivals, frames)``: ``arrivals`` one
array per input of the cycles its beats are offered (``frames`` frames,
back to back in the stream); it returns (per input the cycles the beats are
taken, per output the cycles the beats are offered). Registered with
``@schedule(df.XOp)``, keyed by op class like the other registries."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from xdsl.ir import Operation, SSAValue

from finnr.dialects import dataflow as df
from finnr.dialects import datatypes as dt
from finnr.hw import pipeline
from finnr.models import cost
from finnr.models import layers as lm
from finnr.models.registry import mmv_of

Times = np.ndarray
"""int64 cycles, one per beat."""
Schedule = Callable[[Operation, list[Times], int], tuple[list[Times], list[Times]]]

SCHEDULES: dict[type[Operation], Schedule] = {}
"""Op class -> its engine's schedule."""

_NEVER = -(1 << 62)


def schedule(*op_classes: type[Operation]) -> Callable[[Schedule], Schedule]:
    """Register a schedule function for ``op_classes``."""

    def register(fn: Schedule) -> Schedule:
        for c in op_classes:
            if c in SCHEDULES:
                raise ValueError(f"{c.name} has a schedule already")
            SCHEDULES[c] = fn
        return fn

    return register


def _shape(v: SSAValue) -> tuple[int, ...]:
    return tuple(v.type.get_shape())


def frame_beats(v: SSAValue, elems: int) -> int:
    """Beats per frame of a stream of ``elems`` elements per beat."""
    shape = _shape(v)
    return math.prod(shape[1:]) // elems


_COUNT = np.arange(1 << 16, dtype=np.int64)


def _count(n: int) -> np.ndarray:
    """0, 1, ..., n-1 (a view of one shared array, grown as needed)."""
    global _COUNT
    if n > _COUNT.shape[0]:
        _COUNT = np.arange(max(n, 2 * _COUNT.shape[0]), dtype=np.int64)
    return _COUNT[:n]


def _serial(earliest: Times, after: int = _NEVER) -> Times:
    """One event per cycle at most, in order, each no earlier than
    ``earliest`` (and the first after ``after``): t[k] = max(t[k-1] + 1,
    earliest[k])."""
    k = _count(earliest.shape[0])
    t = earliest - k
    np.maximum(t, after + 1, out=t)
    np.maximum.accumulate(t, out=t)
    t += k
    return t


def _tile(steps: np.ndarray, frames: int, per_frame: int) -> np.ndarray:
    off = np.arange(frames, dtype=np.int64)[:, None] * per_frame
    return (np.asarray(steps, dtype=np.int64)[None, :] + off).ravel()


def program(arrivals: Sequence[Times], frames: int, steps: int, reads: Sequence[np.ndarray],
            writes: Sequence[np.ndarray], latency: int) -> tuple[list[Times], list[Times]]:
    """The schedule of a stall-all pipeline that issues one step per cycle
    (``steps`` per frame, from cycle 0 on): ``reads[i]`` the steps that take
    a beat of input i (in a frame, increasing), ``writes[j]`` the steps
    whose result leaves as a beat of output j ``latency`` cycles after the
    step issued. A step that reads issues once all the beats it reads are
    offered."""
    reads = [np.asarray(r, dtype=np.int64) for r in reads]
    if len(reads) == 1:  # the steps that read, in order, each reading one beat
        first, where = reads[0], [None]
    else:
        first = np.unique(np.concatenate(reads)) if reads else np.zeros(0, np.int64)
        where = [_tile(np.searchsorted(first, r), frames, first.size) for r in reads]
    events = _tile(first, frames, steps)
    if where[0] is None:
        ready = np.asarray(arrivals[0], dtype=np.int64)
    else:
        ready = np.full(events.shape, _NEVER, dtype=np.int64)
        for i, a in zip(where, arrivals, strict=True):
            ready[i] = np.maximum(ready[i], a)
    # a step issues at its index + a delay that only grows
    delay = np.maximum.accumulate(np.maximum(ready - events, 0)) if events.size else events
    issued = events + delay
    taken = [issued if i is None else issued[i] for i in where]
    out = []
    for w in writes:
        w = np.asarray(w, dtype=np.int64)
        if np.array_equal(w, first):  # every step that reads writes
            out.append(issued + latency)
            continue
        # the last event at or before each write (of the frame before, if none in its own)
        k = _tile(np.searchsorted(first, w, side="right") - 1, frames, first.size)
        shift = np.where(k >= 0, delay[np.maximum(k, 0)], 0) if events.size else 0
        out.append(_tile(w, frames, steps) + shift + latency)
    return taken, out


# --- the engines ---------------------------------------------------------------


def _thresholds(op: Operation) -> int:
    """Thresholds per channel (0: none)."""
    t = op.thresholds
    return 0 if t is None else t.type.get_shape()[-1]


@schedule(df.MVAUOp)
def _mvau(op: df.MVAUOp, arrivals: list[Times], frames: int):
    """Input vector read during the first row fold (SF steps), NF row folds
    of SF steps each, a beat ``mvau_latency`` cycles after each fold's last
    step (weight ROM, dot product, accumulate, activation, output
    register). With ``mmv`` = M (SF = NF = 1) a step takes M vectors,
    one beat, and computes them in M datapaths."""
    pe, simd = lm.folding(op)
    sf, nf = op.mw // simd, op.mh // pe
    vectors = frame_beats(op.operands[0], lm.stream_widths(op)[0]) // sf
    v = np.arange(vectors, dtype=np.int64)[:, None] * (sf * nf)
    reads = (v + np.arange(sf)).ravel()
    writes = (v + np.arange(nf) * sf + sf - 1).ravel()
    latency = pipeline.mvau_latency(pe, simd, dt.bitwidth(op.weight_dtype), sf * nf, _thresholds(op))
    return program(arrivals, frames, vectors * sf * nf, [reads], [writes], latency)


@schedule(df.ThresholdingOp)
def _thresholding(op: Operation, arrivals: list[Times], frames: int):
    """A beat per step, out ``thresholding_latency`` cycles later."""
    n = frame_beats(op.operands[0], lm.stream_widths(op)[0])
    return program(arrivals, frames, n, [np.arange(n)], [np.arange(n)],
                   pipeline.thresholding_latency(_thresholds(op)))


@schedule(df.DuplicateOp)
def _duplicate(op: df.DuplicateOp, arrivals: list[Times], frames: int):
    """A beat per step, offered on every output 1 cycle later."""
    n = frame_beats(op.input, lm.stream_widths(op)[0])
    return program(arrivals, frames, n, [np.arange(n)], [np.arange(n)] * len(op.results), 1)


@schedule(df.AddStreamsOp)
def _add_streams(op: Operation, arrivals: list[Times], frames: int):
    """A beat of both inputs per step, out ``ADD_STREAMS_LATENCY`` cycles later."""
    n = frame_beats(op.operands[0], lm.stream_widths(op)[0])
    return program(arrivals, frames, n, [np.arange(n)] * len(op.operands), [np.arange(n)],
                   pipeline.ADD_STREAMS_LATENCY)


@schedule(df.ConcatOp)
def _concat(op: df.ConcatOp, arrivals: list[Times], frames: int):
    """Every vector: each input's channel folds in turn, a beat per step,
    out 1 cycle later."""
    simd = lm.folding(op)[1]
    folds = [c // simd for c in op.input_channels]
    per = sum(folds)
    vectors = frame_beats(op.result, simd) // per
    v = np.arange(vectors, dtype=np.int64)[:, None] * per
    starts = np.cumsum([0, *folds])
    reads = [(v + np.arange(s, s + f)).ravel() for s, f in zip(starts, folds)]
    return program(arrivals, frames, vectors * per, reads, [np.arange(vectors * per)], 1)


@schedule(df.PadOp)
def _pad(op: df.PadOp, arrivals: list[Times], frames: int):
    """A beat of the padded frame per step (row by row), out 1 cycle
    later. With M = ``mmv`` pixels per beat, output beat x of a row
    holds pixels x·M .. x·M+M-1 and reads input beat x - floor(LEFT/M)
    of its row, when there is one (the engine keeps the beat before for
    the pixels LEFT mod M shifts into the next output beat)."""
    _, h, w, c = _shape(op.input)
    top, left, bottom, right = (int(p) for p in op.pads.get_values())
    m = op.mmv.value.data
    cf = c // lm.folding(op)[1]
    oh, ow = h + top + bottom, (w + left + right) // m
    y, x = np.meshgrid(np.arange(oh), np.arange(ow) - left // m, indexing="ij")
    inside = ((y >= top) & (y < top + h) & (x >= 0) & (x < w // m)).ravel()
    steps = np.arange(oh * ow * cf, dtype=np.int64)
    reads = steps[np.repeat(inside, cf)]
    return program(arrivals, frames, steps.size, [reads], [steps], 1)


@schedule(df.UpsampleOp)
def _upsample(op: df.UpsampleOp, arrivals: list[Times], frames: int):
    """A beat of the upsampled frame per step; each pixel's first copy read
    from the input (and kept in a row buffer for the others), out 1 cycle
    later."""
    _, h, w, c = _shape(op.input)
    sh, sw = (int(s) for s in op.scale.get_values())
    cf = c // lm.folding(op)[1]
    # steps in the order (input row, ry, x, rx, cf)
    ry, rx = np.meshgrid(np.arange(sh), np.arange(sw), indexing="ij")
    fresh = np.broadcast_to(((ry == 0)[:, None, :, None] & (rx == 0)[:, None, :, None]),
                            (sh, w, sw, cf))
    fresh = np.tile(fresh.ravel(), h)
    steps = np.arange(fresh.size, dtype=np.int64)
    return program(arrivals, frames, steps.size, [steps[fresh]], [steps], 1)


@schedule(df.DepthToSpaceOp)
def _depth_to_space(op: df.DepthToSpaceOp, arrivals: list[Times], frames: int):
    """Ping-pong row buffers: H + 1 steps of W*B*B*C/SIMD cycles per frame;
    step s reads input row s (s < H) while writing output rows of input
    row s - 1 (s > 0), out 1 cycle later."""
    _, h, _, _ = _shape(op.input)
    row = frame_beats(op.input, lm.stream_widths(op)[0]) // h
    return program(arrivals, frames, (h + 1) * row, [np.arange(h * row)], [np.arange(row, (h + 1) * row)], 1)


@schedule(df.VVAUOp)
def _vvau(op: df.VVAUOp, arrivals: list[Times], frames: int):
    """A beat per step (K*C/(SIMD*PE) per window); a window's C/PE output
    beats leave one per cycle from ``vvau_latency`` cycles after its last
    beat (the accumulate side hands the window to an output buffer that
    empties in C/PE cycles, fewer than a window takes in)."""
    pe, simd = lm.folding(op)
    c, k = np.asarray(op.weight_matrix()).shape
    beats, nf = k * c // (simd * pe), c // pe
    n = frame_beats(op.operands[0], simd * pe)
    (taken,), _ = program(arrivals, frames, n, [np.arange(n)], [], 0)
    last = taken[beats - 1 :: beats]
    first = pipeline.vvau_latency(simd * pe, dt.bitwidth(op.weight_dtype), beats, _thresholds(op))
    return [taken], [(last[:, None] + first + np.arange(nf)).ravel()]


@schedule(df.LabelSelectOp)
def _label_select(op: df.LabelSelectOp, arrivals: list[Times], frames: int):
    """A beat per cycle; after a vector's last beat its K labels leave one
    per cycle from the next cycle on; the next vector's last beat waits
    until the last of them leaves."""
    pe, k = lm.folding(op)[0], op.k.value.data
    nb = _shape(op.input)[-1] // pe
    a = arrivals[0]
    if k <= nb:
        taken = _serial(a)
    else:
        taken = np.empty_like(a)
        after = _NEVER
        for v in range(a.shape[0] // nb):
            seg = _serial(a[v * nb : (v + 1) * nb], after)
            if v:
                seg[-1] = max(seg[-1], taken[v * nb - 1] + k)
            taken[v * nb : (v + 1) * nb] = seg
            after = seg[-1]
    last = taken[nb - 1 :: nb]
    return [taken], [(last[:, None] + 1 + np.arange(k)).ravel()]


@schedule(df.DWCOp)
def _dwc(op: df.DWCOp, arrivals: list[Times], frames: int):
    """A shift buffer of IN + OUT elements: an output beat leaves the cycle
    after the buffer holds its OUT elements (one per cycle); an input beat
    enters once at most OUT elements are left after this cycle's output.
    Widening (IN <= OUT), the outputs never hold an input back (each output
    uses at least one input beat); narrowing, the two recurrences are
    solved together (a fixed point, from below)."""
    n_in, n_out = lm.stream_widths(op)
    a = arrivals[0]
    m = a.shape[0] * n_in // n_out
    need = -(-(np.arange(1, m + 1) * n_out) // n_in) - 1  # last input beat output j needs
    taken = _serial(a)
    out = _serial(taken[need] + 1)
    if n_in <= n_out:
        return [taken], [out]
    gate = -(-(np.arange(a.shape[0]) * n_in) // n_out) - 2  # output that must have left before input i
    gated = np.flatnonzero(gate >= 0)
    while True:
        earliest = a.copy()
        earliest[gated] = np.maximum(earliest[gated], out[gate[gated]])
        new = _serial(earliest)
        if np.array_equal(new, taken):
            return [taken], [out]
        taken = new
        out = _serial(taken[need] + 1)


@schedule(df.SWUOp, df.MaxPoolOp)
def _window(op: df.SWUOp | df.MaxPoolOp, arrivals: list[Times], frames: int):
    """A line buffer of (KH-1)*DH + 1 + SH rows, filled and released row by
    row: the writer takes an input row once the buffer has room for it
    (fewer than that many rows held), the reader emits an output row (KH*KW
    beats per pixel and channel fold, contiguous; one per window for a max
    pool) once its rows are complete, from the cycle after, and releases SH
    rows at its end (the rest of the frame after its last row); out
    ``window_latency`` cycles after a step (the writes wait as long as the
    reads' addresses, so the buffer behaves as without either). A
    parallel-window unit reads a whole window per step, one step per
    output pixel, out ``parallel_window_latency`` cycles after it; with
    ``mmv`` = M, a row is W/M input beats and OW/M steps of M windows."""
    _, h, w, c = _shape(op.input)
    _, oh, ow, _ = _shape(op.result)
    (kh, kw), (sh, _), (dh, _) = op.window()
    pool = isinstance(op, df.MaxPoolOp)
    mmv = mmv_of(op)
    cf = c * mmv // lm.stream_widths(op)[0]
    rn = (kh - 1) * dh + 1
    buf = rn + sh
    parallel = isinstance(op, df.SWUOp) and op.is_parallel
    row_steps = (ow if parallel else ow * kh * kw * cf) // mmv
    per_out = kh * kw if pool else 1
    per_row = w * cf // mmv
    if pool and mmv > 1:  # M whole pixels a beat: KH x NW beats per M outputs
        per_out = kh * cost.pool_words(lm.spec_of(op))
        row_steps = ow // mmv * per_out
    j = np.arange(frames * oh, dtype=np.int64)
    f, r = np.divmod(j, oh)
    need = f * h + r * sh + rn - 1  # the input row each output row needs complete
    released = np.where(r == oh - 1, (f + 1) * h, f * h + (r + 1) * sh)  # rows released after each output row
    g = np.arange(frames * h, dtype=np.int64)
    waits = g >= buf  # input rows that need a row released first
    frees = np.searchsorted(released, g[waits] - buf + 1)  # the output row that releases it
    # writer and reader as one fixed point, from no waiting at all (the
    # least solution is the schedule: every constraint is monotone)
    gate = np.full(g.shape, _NEVER, dtype=np.int64)
    while True:
        taken = _serial(np.maximum(arrivals[0], np.repeat(gate, per_row)))
        done = taken[per_row - 1 :: per_row]
        # output rows one after the other, each once its rows are in
        starts = np.maximum.accumulate(np.maximum(done[need] + 1 - j * row_steps, 0)) + j * row_steps
        new = gate.copy()
        new[waits] = starts[frees] + row_steps  # the writer sees the release the cycle after the row
        if np.array_equal(new, gate):
            break
        gate = new
    steps = np.arange(row_steps, dtype=np.int64)
    emits = steps[per_out - 1 :: per_out]
    latency = pipeline.parallel_window_latency() if parallel else pipeline.window_latency()
    out = (starts[:, None] + emits[None, :] + latency).ravel()
    return [taken.ravel()], [out]


# --- a partition ------------------------------------------------------------------


@dataclass
class Timing:
    """A partition run with infinite FIFOs."""

    offered: dict[SSAValue, Times] = field(default_factory=dict)
    """Per stream, the cycle each beat is offered to its reader."""
    taken: dict[SSAValue, Times] = field(default_factory=dict)
    """Per stream, the cycle its reader takes each beat."""
    outputs: list[Times] = field(default_factory=list)
    """Per partition output, the cycle each beat leaves."""


def _layers(partition: Operation) -> list[Operation]:
    return [op for op in partition.regions[0].block.ops if lm.is_layer(op)]


def simulate(partition: Operation, inputs: Sequence[Times], frames: int,
             on_fifo: Callable[[df.FIFOOp, Times, Times], None] | None = None) -> Timing:
    """Run ``partition``'s layers on their schedules, ``inputs`` the cycles
    the beats of each partition input are offered, every output taken as
    soon as it is offered (FIFOs infinite). With ``on_fifo``, each FIFO's
    push and pop cycles go to ``on_fifo(fifo, pushes, pops)`` as soon as
    they are known, and the timing keeps only the partition's inputs and
    outputs (streams are dropped once read: a large network's streams need
    not all be held at once)."""
    block = partition.regions[0].block
    keep = on_fifo is None
    t = Timing()
    pushes: dict[df.FIFOOp, Times] = {}
    readers: dict[SSAValue, int] = {}  # readers not yet run, per stream
    for arg, times in zip(block.args, inputs, strict=True):
        t.offered[arg] = np.asarray(times, dtype=np.int64)
    for op in block.ops:
        if isinstance(op, df.YieldOp):
            t.outputs = [t.offered[v] for v in op.operands]
            reads = t.outputs  # the host takes every output beat as it is offered
        elif lm.is_layer(op):
            fn = SCHEDULES.get(type(op))
            if fn is None:
                raise ValueError(f"{op.name} ({type(op).__name__}) has no schedule")
            elems = lm.stream_widths(op)[0]
            reads, out = fn(op, [_rebeat(t.offered[v], v, elems, frames) for v in op.operands], frames)
            if isinstance(op, df.FIFOOp) and not keep:
                pushes[op] = reads[0]
            t.offered.update(zip(op.results, out, strict=True))
        else:
            continue
        for v, times in zip(op.operands, reads, strict=True):
            if keep or v in block.args:
                t.taken[v] = times
            if keep:
                continue
            if isinstance(v.owner, df.FIFOOp):
                on_fifo(v.owner, pushes[v.owner], times)
            readers[v] = readers.get(v, sum(1 for _ in v.uses)) - 1
            if readers[v] == 0 and not isinstance(op, df.YieldOp):  # its last reader: drop it
                del t.offered[v]
                pushes.pop(v.owner, None)
    return t


def _rebeat(times: Times, v: SSAValue, elems: int, frames: int) -> Times:
    """The cycles a stream's beats of ``elems`` elements are offered, when
    its producer offers beats of another width (no converter between them,
    as before ``dataflow-insert-dwc``): each beat once its last element is
    (a converter without delay)."""
    count = frames * frame_beats(v, elems)
    if count == times.shape[0]:
        return times
    total = frames * math.prod(_shape(v)[1:])
    last = (np.arange(1, count + 1, dtype=np.int64) * (total // count) - 1) // (total // times.shape[0])
    return times[last]


def held_words(push: Times, pop: Times) -> Times:
    """For every word pushed into a FIFO (``push``, ``pop``: the cycles of
    its pushes and pops, in order), the words it holds at the start of that
    cycle (pushed before, not yet popped)."""
    k = _count(push.shape[0])
    if not push.size:
        return k.copy()
    start, span = int(push[0]), int(pop[-1]) - int(push[0]) + 1
    if span > 8 * push.shape[0]:  # a sparse stream: binary search
        return k - np.searchsorted(pop, push, side="left")
    popped = np.cumsum(np.bincount(pop - start, minlength=span))  # pops up to each cycle
    return k - np.concatenate(([0], popped))[push - start]


def bottleneck_cycles(partition: Operation) -> int:
    """The slowest layer's cycles per frame (whole cycles)."""
    return max((math.ceil(lm.layer_cycles(op) - 1e-9) for op in _layers(partition)), default=1)


def _input_beats(partition: Operation) -> list[int]:
    """Beats per frame of each partition input (the width its reader takes)."""
    block = partition.regions[0].block
    beats = []
    for arg in block.args:
        reader = next(iter(arg.uses)).operation
        elems = lm.stream_widths(reader)[0]
        beats.append(frame_beats(arg, elems))
    return beats


def paced_inputs(partition: Operation, frames: int, period: int) -> list[Times]:
    """Each input's beats offered evenly, ``period`` cycles per frame."""
    out = []
    for n in _input_beats(partition):
        i = np.arange(frames * n, dtype=np.int64)
        out.append((i * period) // n)
    return out


MAX_FRAMES = 64
"""The most frames :func:`fifo_depths` simulates looking for a steady state."""
SETTLED_FRAMES = 2
"""Frames at the end of a run in which no FIFO may hold more than before
for :func:`fifo_depths` to take the run as settled."""


def fifo_depths(partition: Operation, frames: int | None = None) -> dict[df.FIFOOp, int]:
    """The depth each FIFO of ``partition`` needs for the slowest layer's
    rate: the most words it holds in a cycle that pushes one, + 1 (inputs
    offered evenly at that rate). ``frames`` frames; by default 5, then 14,
    32 and 64 until no FIFO holds more in the last :data:`SETTLED_FRAMES`
    frames than before them. The first frames differ from the steady
    state: a delay of theirs travels one frame per layer down a chain of
    layers as slow as the slowest, growing the FIFOs on its way frame after
    frame; once no FIFO grows for two frames it has left."""
    period = bottleneck_cycles(partition)
    fifos = [op for op in partition.regions[0].block.ops if isinstance(op, df.FIFOOp)]
    n = frames or 5
    while True:
        peaks: dict[df.FIFOOp, tuple[int, int]] = {}

        def size(fifo: df.FIFOOp, push: Times, pop: Times, n: int = n, peaks=peaks) -> None:
            held = held_words(push, pop)
            before = held.shape[0] * (n - SETTLED_FRAMES) // n  # the pushes before the last frames
            peaks[fifo] = (int(held.max(initial=0)), int(held[:before].max(initial=0)))

        simulate(partition, paced_inputs(partition, n, period), n, size)
        if frames or n >= MAX_FRAMES or all(whole == earlier for whole, earlier in peaks.values()):
            return {op: peaks[op][0] + 1 for op in fifos}
        n = min(2 * n + 4, MAX_FRAMES)


def latency(partition: Operation) -> int:
    """Cycles from the first input beat taken to the last output beat of
    the first frame offered, inputs offered back to back."""
    zeros = [np.zeros(n, dtype=np.int64) for n in _input_beats(partition)]
    timing = simulate(partition, zeros, 1, on_fifo=lambda fifo, push, pop: None)
    first = min(int(timing.taken[arg][0]) for arg in partition.regions[0].block.args)
    return int(max(o.max() for o in timing.outputs)) - first + 1


@schedule(df.FIFOOp)
def _fifo(op: df.FIFOOp, arrivals: list[Times], frames: int):
    """Takes a word the cycle it is offered (never full: these are the
    depths being sized), offers it the cycle after."""
    return [arrivals[0]], [arrivals[0] + 1]


# --- a network ---------------------------------------------------------------------


@dataclass
class Performance:
    clock_mhz: float
    cycles: list[float]
    bottleneck: int
    fps: float
    latency_cycles: float
    macs: int

    @property
    def tops(self) -> float:
        return 2 * self.macs * self.fps / 1e12


def partitions_of(layers: Sequence[Operation]) -> list[Operation]:
    """The dataflow partitions holding ``layers``, in order."""
    parts: list[Operation] = []
    for op in layers:
        p = op.parent_op()
        if isinstance(p, df.PartitionOp) and p not in parts:
            parts.append(p)
    return parts


def performance(layers: list[Operation], clock_mhz: float) -> Performance:
    """Throughput = f_clk / the slowest layer's cycles per frame. Latency:
    the first frame's, from the engines' schedules (every stage starts on
    its producer's first beats), summed over the partitions (host code
    between them is not counted)."""
    cyc = [lm.layer_cycles(op) for op in layers]
    if not cyc:
        return Performance(clock_mhz, [], -1, 0.0, 0.0, 0)
    b = int(np.argmax(cyc))
    latency_cycles = sum(latency(p) for p in partitions_of(layers))
    return Performance(clock_mhz, cyc, b, clock_mhz * 1e6 / cyc[b], latency_cycles,
                       sum(cost.macs(lm.spec_of(op)) for op in layers))
