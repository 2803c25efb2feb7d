// qnn.constant: data from bytes. A constant of more than 100 elements prints
// as hex bytes (dense<"0x...">) and round-trips bit-exactly; small ones print
// as lists; a splat prints as one value; integer storage (i1 to i64, ui8)
// and f32 storage (also for fixed point) are kept.
// RUN: finnr-opt %s --print-op-generic | finnr-opt | filecheck %s

// 121 INT3 weights written as a list print as their 121 bytes.
// CHECK-LABEL: func.func @hex_int
// CHECK-NEXT:    %[[A:.*]] = qnn.constant dense<"0xFDFEFF00010203FDFEFF00010203FDFEFF00010203FDFEFF00010203FDFEFF00010203FDFEFF00010203FDFEFF00010203FDFEFF00010203FDFEFF00010203FDFEFF00010203FDFEFF00010203FDFEFF00010203FDFEFF00010203FDFEFF00010203FDFEFF00010203FDFEFF00010203FDFEFF00010203FDFE"> : tensor<11x11xi8> -> tensor<11x11x!qnn.int<3>>
// CHECK-NEXT:    func.return %[[A]]
func.func @hex_int() -> tensor<11x11x!qnn.int<3>> {
  %a = qnn.constant dense<[[-3, -2, -1, 0, 1, 2, 3, -3, -2, -1, 0], [1, 2, 3, -3, -2, -1, 0, 1, 2, 3, -3], [-2, -1, 0, 1, 2, 3, -3, -2, -1, 0, 1], [2, 3, -3, -2, -1, 0, 1, 2, 3, -3, -2], [-1, 0, 1, 2, 3, -3, -2, -1, 0, 1, 2], [3, -3, -2, -1, 0, 1, 2, 3, -3, -2, -1], [0, 1, 2, 3, -3, -2, -1, 0, 1, 2, 3], [-3, -2, -1, 0, 1, 2, 3, -3, -2, -1, 0], [1, 2, 3, -3, -2, -1, 0, 1, 2, 3, -3], [-2, -1, 0, 1, 2, 3, -3, -2, -1, 0, 1], [2, 3, -3, -2, -1, 0, 1, 2, 3, -3, -2]]> : tensor<11x11xi8> -> tensor<11x11x!qnn.int<3>>
  func.return %a : tensor<11x11x!qnn.int<3>>
}

// 128 floats -8, -7.875, ..., 7.875: little-endian IEEE bytes.
// CHECK-LABEL: func.func @hex_float
// CHECK-NEXT:    qnn.constant dense<"0x000000C10000FCC00000F8C00000F4C00000F0C00000ECC00000E8C00000E4C00000E0C00000DCC00000D8C00000D4C00000D0C00000CCC00000C8C00000C4C00000C0C00000BCC00000B8C00000B4C00000B0C00000ACC00000A8C00000A4C00000A0C000009CC0000098C0000094C0000090C000008CC0000088C0000084C0000080C0000078C0000070C0000068C0000060C0000058C0000050C0000048C0000040C0000038C0000030C0000028C0000020C0000018C0000010C0000008C0000000C00000F0BF0000E0BF0000D0BF0000C0BF0000B0BF0000A0BF000090BF000080BF000060BF000040BF000020BF000000BF0000C0BE000080BE000000BE000000000000003E0000803E0000C03E0000003F0000203F0000403F0000603F0000803F0000903F0000A03F0000B03F0000C03F0000D03F0000E03F0000F03F0000004000000840000010400000184000002040000028400000304000003840000040400000484000005040000058400000604000006840000070400000784000008040000084400000884000008C4000009040000094400000984000009C400000A0400000A4400000A8400000AC400000B0400000B4400000B8400000BC400000C0400000C4400000C8400000CC400000D0400000D4400000D8400000DC400000E0400000E4400000E8400000EC400000F0400000F4400000F8400000FC40"> : tensor<2x64xf32> -> tensor<2x64xf32>
func.func @hex_float() -> tensor<2x64xf32> {
  %f = qnn.constant dense<[[-8.0, -7.875, -7.75, -7.625, -7.5, -7.375, -7.25, -7.125, -7.0, -6.875, -6.75, -6.625, -6.5, -6.375, -6.25, -6.125, -6.0, -5.875, -5.75, -5.625, -5.5, -5.375, -5.25, -5.125, -5.0, -4.875, -4.75, -4.625, -4.5, -4.375, -4.25, -4.125, -4.0, -3.875, -3.75, -3.625, -3.5, -3.375, -3.25, -3.125, -3.0, -2.875, -2.75, -2.625, -2.5, -2.375, -2.25, -2.125, -2.0, -1.875, -1.75, -1.625, -1.5, -1.375, -1.25, -1.125, -1.0, -0.875, -0.75, -0.625, -0.5, -0.375, -0.25, -0.125], [0.0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1.0, 1.125, 1.25, 1.375, 1.5, 1.625, 1.75, 1.875, 2.0, 2.125, 2.25, 2.375, 2.5, 2.625, 2.75, 2.875, 3.0, 3.125, 3.25, 3.375, 3.5, 3.625, 3.75, 3.875, 4.0, 4.125, 4.25, 4.375, 4.5, 4.625, 4.75, 4.875, 5.0, 5.125, 5.25, 5.375, 5.5, 5.625, 5.75, 5.875, 6.0, 6.125, 6.25, 6.375, 6.5, 6.625, 6.75, 6.875, 7.0, 7.125, 7.25, 7.375, 7.5, 7.625, 7.75, 7.875]]> : tensor<2x64xf32> -> tensor<2x64xf32>
  func.return %f : tensor<2x64xf32>
}

// Hex input prints back unchanged; 120 bipolar weights.
// CHECK-LABEL: func.func @hex_in_hex_out
// CHECK-NEXT:    qnn.constant dense<"0xFF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101"> : tensor<8x15xi8> -> tensor<8x15x!qnn.bipolar>
func.func @hex_in_hex_out() -> tensor<8x15x!qnn.bipolar> {
  %w = qnn.constant dense<"0xFF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101FF0101"> : tensor<8x15xi8> -> tensor<8x15x!qnn.bipolar>
  func.return %w : tensor<8x15x!qnn.bipolar>
}

// A splat stays a splat, however large.
// CHECK-LABEL: func.func @splat
// CHECK-NEXT:    qnn.constant dense<3> : tensor<20x20xi8> -> tensor<20x20x!qnn.uint<2>>
// CHECK-NEXT:    qnn.constant dense<-2.500000e-01> : tensor<64x64xf32> -> tensor<64x64xf32>
func.func @splat() -> (tensor<20x20x!qnn.uint<2>>, tensor<64x64xf32>) {
  %s = qnn.constant dense<3> : tensor<20x20xi8> -> tensor<20x20x!qnn.uint<2>>
  %t = qnn.constant dense<-0.25> : tensor<64x64xf32> -> tensor<64x64xf32>
  func.return %s, %t : tensor<20x20x!qnn.uint<2>>, tensor<64x64xf32>
}

// Integer storage types: i1 (true is 1), i16 scalars, i32 and i64 extremes,
// unsigned ui8 (255 is 255).
// CHECK-LABEL: func.func @integer_storage
// CHECK-NEXT:    qnn.constant dense<[true, false, true]> : tensor<3xi1> -> tensor<3x!qnn.binary>
// CHECK-NEXT:    qnn.constant dense<-7> : tensor<i16> -> tensor<!qnn.int<4>>
// CHECK-NEXT:    qnn.constant dense<[-2147483648, 2147483647]> : tensor<2xi32> -> tensor<2x!qnn.int<32>>
// CHECK-NEXT:    qnn.constant dense<[4294967295, 0]> : tensor<2xi64> -> tensor<2x!qnn.uint<32>>
// CHECK-NEXT:    qnn.constant dense<[255, 0]> : tensor<2xui8> -> tensor<2x!qnn.uint<8>>
// CHECK-NEXT:    qnn.constant dense<[-1, 0, 1]> : tensor<3xi8> -> tensor<3x!qnn.ternary>
func.func @integer_storage() {
  %b = qnn.constant dense<[true, false, true]> : tensor<3xi1> -> tensor<3x!qnn.binary>
  %i = qnn.constant dense<-7> : tensor<i16> -> tensor<!qnn.int<4>>
  %l = qnn.constant dense<[-2147483648, 2147483647]> : tensor<2xi32> -> tensor<2x!qnn.int<32>>
  %w = qnn.constant dense<[4294967295, 0]> : tensor<2xi64> -> tensor<2x!qnn.uint<32>>
  %u = qnn.constant dense<[255, 0]> : tensor<2xui8> -> tensor<2x!qnn.uint<8>>
  %t = qnn.constant dense<[-1, 0, 1]> : tensor<3xi8> -> tensor<3x!qnn.ternary>
  func.return
}

// Float storage: f32 results and fixed point (multiples of 2^-2 in [-2, 1.75]).
// CHECK-LABEL: func.func @float_storage
// CHECK-NEXT:    qnn.constant dense<[5.000000e-01, -1.250000e+00, 1.750000e+00, -2.000000e+00]> : tensor<4xf32> -> tensor<4x!qnn.fixed<4, 2>>
// CHECK-NEXT:    qnn.constant dense<[0.125730217, -0.132104859]> : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:    qnn.constant dense<> : tensor<0xf32> -> tensor<0xf32>
func.func @float_storage() {
  %x = qnn.constant dense<[0.5, -1.25, 1.75, -2.0]> : tensor<4xf32> -> tensor<4x!qnn.fixed<4, 2>>
  %y = qnn.constant dense<[0.125730217, -0.132104859]> : tensor<2xf32> -> tensor<2xf32>
  %e = qnn.constant dense<> : tensor<0xf32> -> tensor<0xf32>
  func.return
}
