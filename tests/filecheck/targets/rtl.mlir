// The rtl target reads dataflow IR. On IR of another level it refuses with
// one message naming the target and the level it needs (it used to print
// nothing and exit 0).
// RUN: not finnr-opt %S/Inputs/mlp.mlir -t rtl 2>&1 | filecheck %s --check-prefix=QNN
// RUN: not finnr-opt %S/Inputs/mlp.mlir -p qnn-streamline,convert-qnn-to-dataflow,dataflow-insert-duplicate,dataflow-insert-dwc,convert-dataflow-to-hls -t rtl 2>&1 | filecheck %s --check-prefix=HLS
// RUN: finnr-opt %S/Inputs/mlp.mlir -p qnn-streamline,convert-qnn-to-dataflow -t rtl | filecheck %s --check-prefix=OK

// QNN: finnr-opt: error: target 'rtl' needs dataflow IR ({{.*}}); the input is qnn IR
// HLS: finnr-opt: error: target 'rtl' needs dataflow IR ({{.*}}); the input is hls IR
// OK: module dataflow_0_top (
