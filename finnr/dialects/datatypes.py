"""finnr's datatype system: quantized element types as IR types.

Every tensor, stream and ROM in finnr carries its precision in its element
type, so that verifiers, datatype inference and cost models read it from the
type instead of from side attributes:

=====================  ============================  =====================
type                   values                         FINN name
=====================  ============================  =====================
``!qnn.int<n>``        -2^(n-1) .. 2^(n-1)-1          ``INT<n>``
``!qnn.uint<n>``       0 .. 2^n-1                     ``UINT<n>``
``!qnn.bipolar``       {-1, +1} (one bit)             ``BIPOLAR``
``!qnn.binary``        {0, 1}                         ``BINARY``
``!qnn.ternary``       {-1, 0, +1} (two bits)         ``TERNARY``
``!qnn.fixed<w, i>``   k * 2^-(w-i), signed, w bits   ``FIXED<w,i>``
``f32``                IEEE float32                   ``FLOAT32``
=====================  ============================  =====================

The types belong to the ``qnn`` dialect (they are printed ``!qnn.int<4>``) and
are used by all three finnr dialects. ``FLOAT32`` is the builtin ``f32``; the
module-level functions (:func:`bitwidth`, :func:`value_range`, ...) accept it
alongside the quantized types.
"""

from __future__ import annotations

import abc
import re
from collections.abc import Sequence
from typing import ClassVar

import numpy as np
from xdsl.dialects.builtin import Float32Type, IntAttr, f32
from xdsl.ir import Attribute, ParametrizedAttribute, TypeAttribute
from xdsl.irdl import irdl_attr_definition
from xdsl.parser import AttrParser
from xdsl.printer import Printer
from xdsl.utils.exceptions import VerifyException

MAX_BITWIDTH = 32


class DataType(ParametrizedAttribute, TypeAttribute, abc.ABC):
    """A quantized element type: a finite set of values with a bit width."""

    @property
    @abc.abstractmethod
    def bitwidth(self) -> int:
        """Number of bits of one element in hardware."""

    @property
    @abc.abstractmethod
    def min_value(self) -> float:
        """Smallest representable value."""

    @property
    @abc.abstractmethod
    def max_value(self) -> float:
        """Largest representable value."""

    @property
    @abc.abstractmethod
    def finn_name(self) -> str:
        """The name FINN and QONNX give this datatype (``INT4``, ``BIPOLAR``)."""

    @property
    def signed(self) -> bool:
        return self.min_value < 0

    @property
    def is_integer(self) -> bool:
        return True

    def allows(self, values: np.ndarray) -> bool:
        """Whether every element of ``values`` is representable."""
        v = np.asarray(values, dtype=np.float64)
        if v.size == 0:
            return True
        if not np.all(np.isfinite(v)):
            return False
        if v.min() < self.min_value or v.max() > self.max_value:
            return False
        return bool(np.all(v == np.round(v)))


class _WidthType(DataType, abc.ABC):
    """A datatype parametrized by a bit width, printed ``<n>``. Concrete
    subclasses declare ``width: IntAttr`` themselves (xDSL's equality and
    hashing only see parameters annotated on the decorated class)."""

    width: IntAttr

    def __init__(self, width: int | IntAttr):
        super().__init__(IntAttr(width) if isinstance(width, int) else width)

    @property
    def bitwidth(self) -> int:
        return self.width.data

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        with parser.in_angle_brackets():
            width = parser.parse_integer(allow_boolean=False, allow_negative=False)
        return (IntAttr(width),)

    def print_parameters(self, printer: Printer) -> None:
        printer.print_string(f"<{self.width.data}>")

    def verify(self) -> None:
        if not 1 <= self.width.data <= MAX_BITWIDTH:
            raise VerifyException(
                f"{self.name} width must be in 1..{MAX_BITWIDTH}, got {self.width.data}"
            )


@irdl_attr_definition
class IntType(_WidthType):
    """Signed two's-complement integer of ``width`` bits."""

    name = "qnn.int"
    width: IntAttr

    @property
    def min_value(self) -> float:
        return -(2 ** (self.bitwidth - 1))

    @property
    def max_value(self) -> float:
        return 2 ** (self.bitwidth - 1) - 1

    @property
    def finn_name(self) -> str:
        return f"INT{self.bitwidth}"


@irdl_attr_definition
class UIntType(_WidthType):
    """Unsigned integer of ``width`` bits."""

    name = "qnn.uint"
    width: IntAttr

    @property
    def min_value(self) -> float:
        return 0

    @property
    def max_value(self) -> float:
        return 2**self.bitwidth - 1

    @property
    def finn_name(self) -> str:
        return f"UINT{self.bitwidth}"


class _SmallSetType(DataType, abc.ABC):
    """A parameterless datatype with a small fixed value set."""

    BITS: ClassVar[int]
    MIN: ClassVar[int]
    MAX: ClassVar[int]
    FINN_NAME: ClassVar[str]

    @property
    def bitwidth(self) -> int:
        return self.BITS

    @property
    def min_value(self) -> float:
        return self.MIN

    @property
    def max_value(self) -> float:
        return self.MAX

    @property
    def finn_name(self) -> str:
        return self.FINN_NAME


@irdl_attr_definition
class BipolarType(_SmallSetType):
    """{-1, +1}, stored in one bit (0 encodes -1)."""

    name = "qnn.bipolar"
    BITS = 1
    MIN = -1
    MAX = 1
    FINN_NAME = "BIPOLAR"

    def allows(self, values: np.ndarray) -> bool:
        v = np.asarray(values)
        return bool(np.all((v == 1) | (v == -1)))


@irdl_attr_definition
class BinaryType(_SmallSetType):
    """{0, 1}, one bit."""

    name = "qnn.binary"
    BITS = 1
    MIN = 0
    MAX = 1
    FINN_NAME = "BINARY"


@irdl_attr_definition
class TernaryType(_SmallSetType):
    """{-1, 0, +1}, two bits."""

    name = "qnn.ternary"
    BITS = 2
    MIN = -1
    MAX = 1
    FINN_NAME = "TERNARY"


@irdl_attr_definition
class FixedType(DataType):
    """Signed fixed point: ``width`` bits of which ``int_width`` (with the sign)
    are integer bits; values are multiples of 2^-(width - int_width). As in
    FINN, 1 <= int_width < width (``fixed<n, n>`` would be ``int<n>``)."""

    name = "qnn.fixed"
    width: IntAttr
    int_width: IntAttr

    def __init__(self, width: int, int_width: int):
        super().__init__(IntAttr(width), IntAttr(int_width))

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        with parser.in_angle_brackets():
            width = parser.parse_integer(allow_boolean=False, allow_negative=False)
            parser.parse_punctuation(",")
            int_width = parser.parse_integer(allow_boolean=False, allow_negative=False)
        return (IntAttr(width), IntAttr(int_width))

    def print_parameters(self, printer: Printer) -> None:
        printer.print_string(f"<{self.width.data}, {self.int_width.data}>")

    def verify(self) -> None:
        w, i = self.width.data, self.int_width.data
        if not 1 <= w <= MAX_BITWIDTH:
            raise VerifyException(f"qnn.fixed width must be in 1..{MAX_BITWIDTH}, got {w}")
        if not 1 <= i < w:
            raise VerifyException(
                f"qnn.fixed integer width must be >= 1 and < width ({w}), got {i}"
            )

    @property
    def bitwidth(self) -> int:
        return self.width.data

    @property
    def frac_bits(self) -> int:
        return self.width.data - self.int_width.data

    @property
    def min_value(self) -> float:
        return -(2.0 ** (self.int_width.data - 1))

    @property
    def max_value(self) -> float:
        return 2.0 ** (self.int_width.data - 1) - 2.0**-self.frac_bits

    @property
    def is_integer(self) -> bool:
        return self.frac_bits == 0

    @property
    def finn_name(self) -> str:
        return f"FIXED<{self.width.data},{self.int_width.data}>"

    def allows(self, values: np.ndarray) -> bool:
        scaled = np.asarray(values, dtype=np.float64) * 2.0**self.frac_bits
        return IntType(self.width.data).allows(scaled)


DATATYPES: tuple[type[DataType], ...] = (
    IntType,
    UIntType,
    BipolarType,
    BinaryType,
    TernaryType,
    FixedType,
)


# --- functions over every element type, f32 included -----------------------


def is_datatype(t: Attribute) -> bool:
    """Whether ``t`` is a finnr element type (a quantized type or ``f32``)."""
    return isinstance(t, DataType | Float32Type)


def bitwidth(t: Attribute) -> int:
    if isinstance(t, DataType):
        return t.bitwidth
    if isinstance(t, Float32Type):
        return 32
    raise ValueError(f"not a finnr datatype: {t}")


def value_range(t: Attribute) -> tuple[float, float]:
    """(min, max) of the values ``t`` can hold; infinite for ``f32``."""
    if isinstance(t, DataType):
        return (t.min_value, t.max_value)
    if isinstance(t, Float32Type):
        return (-np.inf, np.inf)
    raise ValueError(f"not a finnr datatype: {t}")


def is_integer(t: Attribute) -> bool:
    return isinstance(t, DataType) and t.is_integer


def allows(t: Attribute, values: np.ndarray) -> bool:
    """Whether every element of ``values`` is representable in ``t``."""
    if isinstance(t, DataType):
        return t.allows(values)
    if isinstance(t, Float32Type):
        return True
    raise ValueError(f"not a finnr datatype: {t}")


def finn_name(t: Attribute) -> str:
    if isinstance(t, DataType):
        return t.finn_name
    if isinstance(t, Float32Type):
        return "FLOAT32"
    raise ValueError(f"not a finnr datatype: {t}")


_NAME_RE = re.compile(r"^(INT|UINT|FIXED<)(\d+)(?:,(\d+)>)?$")


def from_finn_name(name: str) -> Attribute:
    """Parse a FINN/QONNX datatype name (``INT4``, ``UINT8``, ``BIPOLAR``,
    ``FIXED<8,4>``, ``FLOAT32``) into its type. Raises ValueError."""
    simple: dict[str, Attribute] = {
        "BIPOLAR": BipolarType(),
        "BINARY": BinaryType(),
        "TERNARY": TernaryType(),
        "FLOAT32": f32,
    }
    key = name.strip().upper().replace(" ", "")
    if key in simple:
        return simple[key]
    m = _NAME_RE.match(key)
    if m is None:
        raise ValueError(f"unknown datatype name '{name}'")
    kind, n, i = m.group(1), int(m.group(2)), m.group(3)
    if (kind == "FIXED<") != (i is not None):
        raise ValueError(f"unknown datatype name '{name}'")
    try:  # the types verify their widths when constructed
        if kind == "FIXED<":
            return FixedType(n, int(i))
        return IntType(n) if kind == "INT" else UIntType(n)
    except VerifyException as e:
        raise ValueError(f"invalid datatype name '{name}': {e}") from None


def smallest_integer_type(lo: float, hi: float) -> DataType:
    """The narrowest integer datatype holding every integer in [lo, hi].

    Bipolar and ternary are not chosen (they are not closed under the
    arithmetic that produces ranges); ``{0, 1}`` gives ``uint<1>``.
    Raises ValueError when no 32-bit type suffices.
    """
    if not (np.isfinite(lo) and np.isfinite(hi)):
        raise ValueError(f"range [{lo}, {hi}] is not finite")
    lo_i, hi_i = int(np.floor(lo)), int(np.ceil(hi))
    if lo_i >= 0:
        n = max(1, hi_i.bit_length())
    else:
        n = max((-lo_i - 1).bit_length(), hi_i.bit_length() if hi_i > 0 else 0) + 1
    if n > MAX_BITWIDTH:  # checked before construction, which would raise
        raise ValueError(f"range [{lo}, {hi}] needs more than {MAX_BITWIDTH} bits")
    return UIntType(n) if lo_i >= 0 else IntType(n)
