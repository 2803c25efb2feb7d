// RUN: finnr-opt --version | filecheck %s
// CHECK: finnr-opt 0.1.0 (xdsl 0.74.0)
