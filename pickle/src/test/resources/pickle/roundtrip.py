"""Differential round-trip helper for the Java pickle tests (run by CPythonRoundTripTest).

  python3 roundtrip.py emit            -> lines: name TAB proto TAB hex(pickle.dumps(value, proto))
  python3 roundtrip.py checkjava < lines -> same for values Java built natively (java_values), plus
                                          whether the bytes equal CPython's own pickle (SAME/DIFF)
  python3 roundtrip.py check < lines   -> for each "name TAB proto TAB hex" written by Java: loads it,
                                          compares with the original value strictly (types, order,
                                          shared/recursive structure) and prints name TAB proto TAB
                                          OK|FAIL reason
"""
import collections, datetime, decimal, math, pickle, sys

def values():
    v = {}
    for i, x in enumerate([0, 1, -1, 255, 256, 65535, 65536, -256, -257, -2**31, 2**31 - 1, 2**31,
                           -2**31 - 1, 2**63 - 1, 2**63, -2**63 - 1, 2**64, 2**1000, -(2**1000), 127, 128, -128, -129]):
        v["int%d" % i] = x
    for i, x in enumerate([0.0, -0.0, 1.5, 1e16, 1e-5, 1e-4, 123456789.123, 1e300, 5e-324, 0.1, 1/3,
                           float("inf"), float("-inf"), 2.0**53, 1e22, 1e23]):
        v["float%d" % i] = x
    v["none"] = None
    v["true"] = True
    v["false"] = False
    v["complex"] = 3.0 + 4.5j
    v["str_empty"] = ""
    v["str_ascii"] = "hello"
    v["str_latin1"] = "caf\u00e9 \u00ff"
    v["str_bmp"] = "\u20ac\u4e2d"
    v["str_astral"] = "\U0001f600x"
    v["str_surrogate"] = "a\ud800b"
    v["str_escapes"] = "a\\b\nc\r\x00\x1a\t'\"u\\u0041"
    v["str_300"] = "x" * 300
    v["str_70000"] = "y" * 70000
    v["bytes_empty"] = b""
    v["bytes_abc"] = b"abc"
    v["bytes_all"] = bytes(range(256))
    v["bytes_70000"] = b"z" * 70000
    v["bytearray_empty"] = bytearray()
    v["bytearray_ab"] = bytearray(b"a\x00\xffb")
    v["bytearray_70000"] = bytearray(b"q" * 70000)
    v["tuple0"] = ()
    v["tuple1"] = (1,)
    v["tuple2"] = (1, "a")
    v["tuple3"] = (1, 2, 3)
    v["tuple4"] = (1, 2, 3, (4, 5))
    v["list0"] = []
    v["list1"] = [1]
    v["list2"] = [1, "two"]
    v["list1001"] = list(range(1001))
    v["list2500"] = list(range(2500))
    v["list2000"] = list(range(2000))
    v["dict2000"] = {i: None for i in range(2000)}
    v["set1000"] = set(range(1000))
    v["frozenset1000"] = frozenset(range(1000))
    v["dict0"] = {}
    v["dict1"] = {"a": 1}
    v["dict_mixed"] = {"b": [1, 2], 1: (None, True), (1, 2): b"k", 2.5: {"n": {}}}
    v["dict1001"] = {"k%d" % i: i for i in range(1001)}
    v["set0"] = set()
    v["set3"] = {1, 2, 3}
    v["set_mixed"] = {"a", (1, 2), 3.5, None, b"b", frozenset({1})}
    v["set1001"] = set(range(1001))
    v["frozenset0"] = frozenset()
    v["frozenset2"] = frozenset({1, "x"})
    shared = [1, 2]
    v["shared_list"] = [shared, shared, [1, 2]]
    st = "shared-string"
    v["shared_str"] = [st, st]
    rec = []
    rec.append(rec)
    v["recursive_list"] = rec
    recd = {}
    recd["self"] = recd
    v["recursive_dict"] = recd
    inner = []
    t = (inner, 1)
    inner.append(t)
    v["recursive_tuple"] = t
    v["date"] = datetime.date(2024, 2, 29)
    v["time"] = datetime.time(23, 59, 58, 999999)
    v["time_tz"] = datetime.time(1, 2, 3, 4, tzinfo=datetime.timezone(datetime.timedelta(hours=-3)))
    v["datetime"] = datetime.datetime(2024, 1, 2, 3, 4, 5, 6)
    v["datetime_utc"] = datetime.datetime(2024, 1, 2, 3, 4, 5, 600000, tzinfo=datetime.timezone.utc)
    v["datetime_0530"] = datetime.datetime(1, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=5, minutes=30)))
    v["datetime_fold"] = datetime.datetime(2024, 11, 3, 1, 30, fold=1)
    v["datetime_named_tz"] = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=1), "CET"))
    v["timedelta"] = datetime.timedelta(days=-1, seconds=5, microseconds=7)
    v["timedelta_big"] = datetime.timedelta(days=999999999, seconds=86399, microseconds=999999)
    v["timezone"] = datetime.timezone(datetime.timedelta(hours=2))
    v["decimal"] = decimal.Decimal("1.50")
    v["decimal_exp"] = decimal.Decimal("-1E+3")
    v["decimal_small"] = decimal.Decimal("0E-7")
    v["decimal_tiny"] = decimal.Decimal("1.23E-10")
    v["decimal_nan"] = decimal.Decimal("NaN")
    v["decimal_negzero"] = decimal.Decimal("-0")
    v["decimal_inf"] = decimal.Decimal("-Infinity")
    v["ordereddict"] = collections.OrderedDict([("z", 1), ("a", [2])])
    v["ordereddict0"] = collections.OrderedDict()
    v["records"] = [{"id": i, "name": "n%d" % (i % 10), "score": i * 0.5} for i in range(20000)]
    v["strings"] = ["abcdefghij%d" % i for i in range(20000)]
    v["mixed_large"] = [b"a" * 70000, "b" * 70000, bytearray(b"c" * 70000), [1] * 3000, "x"]
    v["nested"] = [[[[[[1]]]]], {"a": ({"b": [()]},)}]
    v["dict_str_20000"] = {("k%d" % i): ("v%d" % i) for i in range(20000)}
    v["dict_float_20000"] = {i: float(i) for i in range(20000)}
    v["floats_20000"] = [float(i) for i in range(20000)]
    v["tuple_20000"] = tuple("s%d" % i for i in range(20000))
    v["set_20000"] = set("s%d" % i for i in range(20000))
    v["frozenset_20000"] = frozenset("s%d" % i for i in range(20000))
    v["tuples_30000"] = [(i,) for i in range(30000)]
    try:
        import zoneinfo
        paris = zoneinfo.ZoneInfo("Europe/Paris")
        v["zoneinfo"] = paris
        v["zoned"] = datetime.datetime(2024, 7, 1, 12, 0, 0, 5, tzinfo=paris)
        v["zoned_overlap_fold0"] = datetime.datetime(2024, 10, 27, 2, 30, tzinfo=paris)
        v["zoned_overlap_fold1"] = datetime.datetime(2024, 10, 27, 2, 30, tzinfo=paris, fold=1)
        v["zoned_gap"] = datetime.datetime(2024, 3, 31, 2, 30, tzinfo=paris)
        v["zoned_fold1_no_overlap"] = datetime.datetime(2024, 7, 1, 12, 0, tzinfo=paris, fold=1)
        v["zoned_shared"] = [v["zoned"], datetime.datetime(2000, 1, 1, tzinfo=paris)]
        v["time_zoneinfo"] = datetime.time(1, 2, tzinfo=paris)
        v["zoneinfo_utc"] = datetime.datetime(2024, 1, 1, tzinfo=zoneinfo.ZoneInfo("UTC"))
    except zoneinfo.ZoneInfoNotFoundError:
        pass
    v["class_ref"] = collections.OrderedDict
    v["builtin_class_ref"] = set
    return v

def java_values():
    """What JavaToPythonTest builds natively in Java, by the same names."""
    shared = [1]
    rec = []
    rec.append(rec)
    return {
        "none": None, "true": True, "false": False, "int_small": 7, "int_neg": -300,
        "int_long": 2**40, "int_big": -(2**100), "float": 2.5, "float_neg_zero": -0.0,
        "str": "h\u00e9llo \U0001f600", "bytes": b"\x00\xffab", "bytearray": bytearray(b"xy"),
        "tuple": (1, "a", None), "tuple_empty": (), "list": [1, [2, 3]], "dict": {"b": 1, "a": 2},
        "set": {1, 2, 3}, "frozenset": frozenset({4, 5}), "complex": complex(1.5, -2),
        "shared": [shared, shared], "recursive": rec,
        "date": datetime.date(2000, 12, 31), "time": datetime.time(12, 0, 0, 1),
        "datetime": datetime.datetime(2024, 5, 6, 7, 8, 9, 123456),
        "datetime_tz": datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.timezone(datetime.timedelta(hours=-7))),
        "timedelta": datetime.timedelta(days=-3, seconds=10, microseconds=20),
        "decimal": decimal.Decimal("3.14159"), "ordereddict": collections.OrderedDict([("x", 1), ("y", 2)]),
        "nested": {"k": [(1, 2), {3}, frozenset(), b"", bytearray()]},
        "zoned": datetime.datetime(2024, 7, 1, 12, 0, 0, 5, tzinfo=_paris()),
        "zoned_fold1": datetime.datetime(2024, 10, 27, 2, 30, tzinfo=_paris(), fold=1),
        "zoned_fold0": datetime.datetime(2024, 10, 27, 2, 30, tzinfo=_paris()),
    }

def _paris():
    import zoneinfo
    return zoneinfo.ZoneInfo("Europe/Paris")

def same(a, b, seen):
    if type(a) is not type(b):
        return "type %s != %s" % (type(a).__name__, type(b).__name__)
    key = (id(a), id(b))
    if key in seen:
        return None
    if isinstance(a, (list, dict, tuple, set, frozenset, bytearray, collections.OrderedDict)):
        seen[key] = True
    if isinstance(a, float):
        if math.isnan(a) and math.isnan(b):
            return None
        return None if (a == b and math.copysign(1, a) == math.copysign(1, b)) else "%r != %r" % (a, b)
    if isinstance(a, decimal.Decimal):
        return None if str(a) == str(b) else "%s != %s" % (a, b)
    if isinstance(a, (list, tuple)):
        if len(a) != len(b):
            return "len %d != %d" % (len(a), len(b))
        for x, y in zip(a, b):
            r = same(x, y, seen)
            if r:
                return r
        return None
    if isinstance(a, dict):
        if list(a.keys()) != list(b.keys()):
            return "keys differ"
        for k in a:
            r = same(a[k], b[k], seen)
            if r:
                return r
        return None
    if isinstance(a, (datetime.datetime, datetime.time)):
        if a != b or a.fold != b.fold or type(a.tzinfo) is not type(b.tzinfo) or repr(a) != repr(b):
            return "%r != %r" % (a, b)
        return None
    return None if a == b else "%r != %r" % (a, b)

def shape(a, b):
    """Shared references in a must be shared in b too (and vice versa)."""
    ids_a, ids_b = {}, {}
    def walk(x, y, path):
        if isinstance(x, (list, dict, tuple, set, frozenset, bytearray, str, bytes)) and len(x) > 0:
            pa, pb = ids_a.get(id(x)), ids_b.get(id(y))
            if (pa is None) != (pb is None) or (pa is not None and pa != pb):
                return "sharing differs at %s" % path
            if pa is not None:
                return None
            ids_a[id(x)] = path
            ids_b[id(y)] = path
        if isinstance(x, (list, tuple)):
            for i, (p, q) in enumerate(zip(x, y)):
                r = walk(p, q, path + "[%d]" % i)
                if r:
                    return r
        if isinstance(x, dict):
            for k in x:
                r = walk(x[k], y[k], path + "[%r]" % (k,))
                if r:
                    return r
        return None
    return walk(a, b, "$")

def main():
    vals = values()
    if sys.argv[1] == "emit":
        for name, value in vals.items():
            for proto in range(6):
                print("%s\t%d\t%s" % (name, proto, pickle.dumps(value, proto).hex()))
        return
    if sys.argv[1] == "checkjava":
        jv = java_values()
        for line in sys.stdin:
            name, proto, data = line.rstrip("\n").split("\t")
            raw = bytes.fromhex(data)
            try:
                got = pickle.loads(raw)
                # compare with CPython's own round trip (protocols < 4 drop datetime.fold, for one)
                ref = pickle.loads(pickle.dumps(jv[name], int(proto)))
                r = same(ref, got, {}) or shape(ref, got)
                ident = raw == pickle.dumps(jv[name], int(proto))
                print("%s\t%s\t%s\t%s" % (name, proto, "OK" if not r else "FAIL " + r, "SAME" if ident else "DIFF"))
            except Exception as e:  # noqa: BLE001
                print("%s\t%s\tFAIL %s: %s\tDIFF" % (name, proto, type(e).__name__, e))
        return
    for line in sys.stdin:
        name, proto, data = line.rstrip("\n").split("\t")
        try:
            got = pickle.loads(bytes.fromhex(data))
            # the reference is CPython's own round trip (protocols < 4 drop datetime.fold, for one)
            ref = pickle.loads(pickle.dumps(vals[name], int(proto)))
            r = same(ref, got, {})
            if not r and name not in ("strings", "str_70000", "records"):
                r = shape(ref, got)
            print("%s\t%s\t%s" % (name, proto, "OK" if not r else "FAIL " + r))
        except Exception as e:  # noqa: BLE001
            print("%s\t%s\tFAIL %s: %s" % (name, proto, type(e).__name__, e))
    sys.stdout.flush()

main()
