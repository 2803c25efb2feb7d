// The verilog target reads hls IR. On IR of another level it refuses with one
// message naming the target and the level it needs (not another target's).
// RUN: not finnr-opt %S/Inputs/mlp.mlir -t verilog 2>&1 | filecheck %s --check-prefix=QNN
// RUN: not finnr-opt %S/Inputs/mlp.mlir -p qnn-streamline,convert-qnn-to-dataflow -t verilog 2>&1 | filecheck %s --check-prefix=DF
// RUN: finnr-opt %S/Inputs/mlp.mlir -p qnn-streamline,convert-qnn-to-dataflow,dataflow-insert-duplicate,dataflow-insert-dwc,convert-dataflow-to-hls -t verilog | filecheck %s --check-prefix=OK

// QNN: finnr-opt: error: target 'verilog' needs hls IR (hls.top ops, after convert-dataflow-to-hls); the input is qnn IR
// DF: finnr-opt: error: target 'verilog' needs hls IR (hls.top ops, after convert-dataflow-to-hls); the input is dataflow IR
// OK: module dataflow_0_top
