"""The values of the marshal vectors: one (name, value) list shared by gen_vectors.py (which writes
vectors.tsv once) and the live tests (which check what Java writes against the same values)."""
import math


def values():
    out = []

    def add(name, value):
        out.append((name, value))

    for name, v in [("none", None), ("true", True), ("false", False), ("ellipsis", Ellipsis),
                    ("stopiteration", StopIteration)]:
        add(name, v)
    ints = [0, 1, -1, 255, -256, 32767, 32768, -32768, 2**30, 2**31 - 1, -2**31, 2**31, -2**31 - 1,
            2**32, 2**45 - 1, 2**45, 2**60 - 1, 2**60, -2**60, 2**62, 2**63 - 1, -2**63, 2**63, -2**63 - 1,
            2**64, -(2**64) - 1, 2**75 + 12345, 3**100, -(7**200), 2**1000, -(2**1000) + 1]
    for i, v in enumerate(ints):
        add("int%d" % i, v)
    floats = [0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1.5, 2.5, 1 / 3, 2 / 3, 100.0, 1e16, 1e17, 1.5e16,
              123456789012345678.0, 1e22, 1e23, 1e100, 1e-5, 1e-4, 0.0001234, 1.2345e-7, 5e-324, 1e-310,
              2.2250738585072014e-308, 1.7976931348623157e308, math.inf, -math.inf, math.nan, math.pi,
              -math.e, 9007199254740993.0, 0.30000000000000004, 1e15 + 0.3, 4.35, 299792458.0]
    for i, v in enumerate(floats):
        add("float%d" % i, v)
    complexes = [0j, 1 + 2j, -1.5 - 0.25j, complex(-0.0, -0.0), complex(math.inf, math.nan), 1e100j,
                 complex(0.1, 1e-300)]
    for i, v in enumerate(complexes):
        add("complex%d" % i, v)
    strs = ["", "a", "hello world", "\x00", "\x7f", "\x80", "é", "naïve café", "日本語", "\U0001d11e",
            "a\U0001f600b", "\ud800", "x\udfffy", "a" * 255, "a" * 256, "a" * 300, "é" * 200,
            "tab\tnew\nline", "mixed ascii and ü" * 20]
    for i, v in enumerate(strs):
        add("str%d" % i, v)
    for i, v in enumerate([b"", b"\x00", b"\x00\xff\x80abc", bytes(range(256)), b"x" * 300]):
        add("bytes%d" % i, v)
    add("bytearray", bytearray(b"bytearray data"))
    tuples = [(), (1,), (1, 2, 3), ("a", b"b", 1.5, None), tuple(range(255)), tuple(range(256)),
              tuple(range(300)), ((1, 2), (3, (4, (5,)))), (True, False, Ellipsis)]
    for i, v in enumerate(tuples):
        add("tuple%d" % i, v)
    lists = [[], [1], [1, [2, [3, []]]], list(range(1000)), ["x", 2**70, -0.0, 1j, None, (1,), [], {}]]
    for i, v in enumerate(lists):
        add("list%d" % i, v)
    dicts = [{}, {"a": 1}, {"b": [1, 2], "a": (3,), 7: "seven", 2.5: None, (1, 2): b"t", None: True,
                           frozenset([1]): {"nested": {}}, b"k": 1j}]
    for i, v in enumerate(dicts):
        add("dict%d" % i, v)
    sets = [set(), {1}, {1, 2, 3}, {"c", "b", "a"}, {-1, 1, 2**40, "z", "a", b"a", 0.5, (1,), None, 2**100},
            set(range(100)), {(1, 2), (1, 3), (0, 9), ("x",)}, {frozenset(), frozenset([1, 2])}]
    for i, v in enumerate(sets):
        add("set%d" % i, v)
    frozensets = [frozenset(), frozenset([1]), frozenset(["b", "a", 3, 2.0]),
                  frozenset([frozenset([1, 2]), frozenset([3]), frozenset()]),
                  frozenset(range(-50, 50))]
    for i, v in enumerate(frozensets):
        add("frozenset%d" % i, v)
    shared = [1, 2]
    add("shared_list", [shared, shared, shared])
    t = ("shared", 2**40)
    add("shared_tuple", (t, t, [t]))
    s = "a shared string that is not interned: é"
    add("shared_str", [s, s, {s: s}])
    d = {"k": "v"}
    add("shared_dict", {"one": d, "two": d})
    f = frozenset(["x", "y"])
    add("shared_frozenset", [f, {f}, f])
    rec = []
    rec.append(rec)
    add("recursive_list", rec)
    rd = {}
    rd["self"] = rd
    add("recursive_dict", rd)
    nested = []
    for _ in range(1999):
        nested = [nested]
    add("nested1999", nested)
    too_deep = []
    for _ in range(2000):
        too_deep = [too_deep]
    add("nested2000", too_deep)
    return out
