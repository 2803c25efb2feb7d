// The report target reads dataflow IR. On IR of another level it refuses
// with one message naming the target and the level it needs (it used to
// print "0.0 FPS" for qnn or hls IR).
// RUN: not finnr-opt %S/Inputs/mlp.mlir -t report 2>&1 | filecheck %s --check-prefix=QNN
// RUN: not finnr-opt %S/Inputs/mlp.mlir -p qnn-streamline,convert-qnn-to-dataflow,dataflow-insert-duplicate,dataflow-insert-dwc,convert-dataflow-to-hls -t report 2>&1 | filecheck %s --check-prefix=HLS
// RUN: not finnr-opt %S/Inputs/plain.mlir -t report 2>&1 | filecheck %s --check-prefix=PLAIN
// RUN: finnr-opt %S/Inputs/mlp.mlir -p qnn-streamline,convert-qnn-to-dataflow -t report | filecheck %s --check-prefix=OK

// QNN: finnr-opt: error: target 'report' needs dataflow IR (dataflow layers in a dataflow.partition or dataflow.offload, after convert-qnn-to-dataflow; before convert-dataflow-to-hls); the input is qnn IR
// QNN-NOT: FPS
// HLS: finnr-opt: error: target 'report' needs dataflow IR ({{.*}}); the input is hls IR
// HLS-NOT: FPS
// PLAIN: finnr-opt: error: target 'report' needs dataflow IR ({{.*}}); the input is IR without any of finnr's dialects
// OK: # finnr estimate on pynq-z1
