"""``finnr board run DIR --port PORT --input X.npy``: a build of the rtl
backend run on its ECP5 board through the board shell's UART (or, with
``--port sim``, on the Verilator simulation of the board top driven
through its UART pins): the host pre- and post-processing in the reference
interpreter, the accelerator's frames packed into bytes exactly as the
shell unpacks them, as many frames in flight as the shell's receive FIFO
holds; the outputs equal ``finnr run``'s."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from finnr.diagnostics import FinnrError
from finnr.driver.arrays import check_output_path, load_batch, save_or_print, warn_on_input_range

IR = "05-estimated.mlir"
SIM = "sim"


def _load(d: Path):
    """(module, design, manifest, board entry) of a build with a board shell."""
    from finnr.backends.rtl import MANIFEST
    from finnr.backends.rtl.design import designs
    from finnr.ir_io import load_ir

    if not d.is_dir():
        raise FinnrError(f"{d}: not a directory (give the output directory of `finnr build --backend rtl "
                         "--device ulx3s-85f`)")
    manifest_path = d / "rtl" / MANIFEST
    if not (d / IR).is_file() or not manifest_path.is_file():
        raise FinnrError(f"{d}: no {IR} and rtl/{MANIFEST} there; build the model with "
                         "`finnr build --backend rtl --device ulx3s-85f`")
    try:
        manifest = json.loads(manifest_path.read_text())
    except (OSError, ValueError) as e:
        raise FinnrError(f"{manifest_path}: not a readable manifest ({e})") from None
    board = manifest.get("board") if isinstance(manifest, dict) else None
    if not isinstance(board, dict):
        raise FinnrError(f"{d}: the build has no board shell (rtl/board_top.v); finnr writes one for an ECP5 "
                         "board with a USB-UART (ulx3s-85f, ecpix5-85)",
                         ["build with `finnr build --backend rtl --device ulx3s-85f`"])
    if "error" in board:
        raise FinnrError(f"{d}: no board shell: {board['error']}")
    module = load_ir(d / IR)
    ds = designs(module)
    if len(ds) != 1 or ds[0].top != manifest.get("top"):
        raise FinnrError(f"{manifest_path}: does not match {d / IR}; rebuild with `finnr build --backend rtl`")
    return module, ds[0], manifest, board


def run(args: argparse.Namespace) -> int:
    from finnr.backends.rtl.board_host import BoardAccelerator, SerialLink, SimLink
    from finnr.backends.rtl.sim import run_simulated
    from finnr.flows.progress import Steps

    check_output_path(args.output)
    if args.baud is not None and args.baud <= 0:
        raise FinnrError(f"--baud must be a positive number of bits per second, got {args.baud}")
    if not args.timeout > 0:
        raise FinnrError(f"--timeout must be a positive number of seconds, got {args.timeout:g}")
    d = Path(args.dir)
    module, design, manifest, board = _load(d)
    x = load_batch(args.input)
    warn_on_input_range(module, x, args.func)
    baud = args.baud or board["baud"]
    with Steps("finnr board run", quiet=args.quiet) as progress:
        if args.port == SIM:
            files = list(dict.fromkeys([*manifest["partitions"][0]["files"], *board["files"]]))
            link = SimLink(d / "rtl", files, progress)
        else:
            link = SerialLink(args.port, baud, args.timeout)
        progress(f"{len(x)} frame(s): {board['in']['frame_bytes']} bytes in and {board['out']['frame_bytes']} "
                 f"bytes out each, over {'the simulated UART' if args.port == SIM else args.port}")
        t = time.perf_counter()
        try:
            outputs = run_simulated(module, {design.partition: BoardAccelerator(design, link)}, x, args.func)
        finally:
            if isinstance(link, SerialLink):
                link.close()
        seconds = time.perf_counter() - t
    save_or_print(outputs, args.output)
    if not args.quiet:
        if isinstance(link, SimLink) and link.run is not None:
            print(f"simulated {link.run.cycles:,} cycles ({link.clks_per_bit} cycles a UART bit; the board: "
                  f"{board['clks_per_bit']}), {seconds:.2f} s; the shell reported no framing error and no lost byte")
        else:
            print(f"{len(x)} frame(s) in {seconds:.2f} s ({len(x) / seconds:,.1f} frames/s) over {args.port} "
                  f"at {baud:,} baud")
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser(
        "board",
        help="run a build on its ECP5 board (or the board's simulation) through the board shell's UART",
        description="Talk to the board shell of a `finnr build --backend rtl --device ulx3s-85f` (or ecpix5-85) "
        "build, whose bitstream (`finnr bitstream DIR`) is loaded on the board.",
    )
    sub2 = p.add_subparsers(dest="board_command", metavar="COMMAND", required=True)
    r = sub2.add_parser(
        "run",
        help="run the model with its accelerator on the board",
        description="Run the model: the host pre- and post-processing in the reference interpreter, the "
        "accelerator on the board, reached through its USB-UART (8N1; pyserial, the board extra: pip install "
        "'finnr[board]'). Each frame is packed into bytes as the shell unpacks it (each row of the innermost "
        "dimension bit by bit, element 0 in the least-significant bits, padded to whole bytes) and sent; its "
        "output bytes are read before the next frame is sent. --port sim runs the Verilator simulation of the "
        "board top instead, driven bit by bit through its UART pins. The outputs equal `finnr run`'s.",
    )
    r.add_argument("dir", help="the output directory of `finnr build --backend rtl --device ulx3s-85f`")
    r.add_argument("--port", required=True, help="the board's serial port (e.g. /dev/ttyUSB0, COM3), or 'sim'")
    r.add_argument("--input", required=True, help="a .npy file with the input batch")
    r.add_argument("-o", "--output", help="save the output to this .npy file (any number of outputs: .npz)")
    r.add_argument("--baud", type=int, help="the UART's baud rate (default: the shell's, 3000000 on the ULX3S)")
    r.add_argument("--timeout", type=float, default=10.0,
                   help="seconds to wait for a frame's output from the board (default 10)")
    r.add_argument("--func", help="the function to run (default: the only one)")
    r.add_argument("--quiet", action="store_true", help="no progress (shown only on a terminal)")
    r.set_defaults(fn=run)
