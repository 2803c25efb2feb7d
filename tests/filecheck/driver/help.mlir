// finnr-opt is xdsl-opt with finnr's dialects; its help names the driver
// and ends with finnr's own dialects, passes and targets.
// RUN: finnr-opt --help | filecheck %s
// CHECK: finnr modular optimizer driver
// CHECK: -t TARGET, --target TARGET
// CHECK: -p PASSES, --passes PASSES
// CHECK: finnr dialects: qnn, dataflow, hls
// CHECK: finnr passes (-p 'name{option=value ...}'):
// CHECK: qnn-activation-to-thresholds{max-bits=8}
// CHECK: qnn-streamline{lower-conv=true}
// CHECK-NEXT: The standard streamlining pipeline
// CHECK: finnr targets (-t 'name{option=value ...}'):
