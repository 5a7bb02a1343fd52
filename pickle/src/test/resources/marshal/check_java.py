"""Run by PythonLoadsJavaTest: reads "name<TAB>version<TAB>hex-or-ERR" lines (Java's marshal.dumps of the
values of values.py) and prints one verdict line each: OK, or what is wrong."""
import marshal
import math
import sys

import values


def same(a, b, seen):
    if type(a) is not type(b):
        return False
    key = (id(a), id(b))
    if key in seen:
        return True
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    if isinstance(a, complex):
        return same(a.real, b.real, seen) and same(a.imag, b.imag, seen)
    if isinstance(a, (list, tuple)):
        seen.add(key)
        return len(a) == len(b) and all(same(x, y, seen) for x, y in zip(a, b))
    if isinstance(a, dict):
        seen.add(key)
        return len(a) == len(b) and all(same(k, l, seen) and same(a[k], b[l], seen) for k, l in zip(a, b))
    if isinstance(a, (set, frozenset)):
        return a == b and all(any(same(x, y, seen) for y in b) for x in a)
    return a == b


def main():
    sys.setrecursionlimit(20000)
    table = dict(values.values())
    for line in sys.stdin.read().splitlines():
        name, version, data = line.split("\t")
        version = int(version)
        value = table[name]
        try:
            expected = marshal.dumps(value, version)
        except ValueError:
            expected = None
        if data == "ERR":
            print(name, version, "OK" if expected is None else "JAVA-REFUSED")
            continue
        loaded = marshal.loads(bytes.fromhex(data))
        if isinstance(value, bytearray):
            value = bytes(value)
        if not same(loaded, value, set()):
            print(name, version, "MISMATCH", repr(loaded)[:200])
        elif version <= 2 and expected != bytes.fromhex(data):
            print(name, version, "BYTES-DIFFER", expected.hex()[:200])
        else:
            print(name, version, "OK")


main()
