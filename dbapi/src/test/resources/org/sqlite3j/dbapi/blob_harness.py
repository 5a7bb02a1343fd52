# BlobTest's differential harness: reads one operation per line on stdin, prints each result.
import sys, sqlite3
def fmt(v):
    if v is None: return "none"
    if isinstance(v, (bytes, bytearray)): return "b:" + bytes(v).hex()
    if isinstance(v, bool): return "i:%d" % v
    if isinstance(v, int): return "i:%d" % v
    if isinstance(v, str): return "s:" + v
    return "?:" + repr(v)
def data(h):
    return b"" if h == "-" else bytes.fromhex(h)
out = []
cx = blob = None
for line in sys.stdin.read().split("\n"):
    if not line:
        continue
    t = line.split(" ")
    op = t[0]
    try:
        r = None
        if op == "new":
            cx = sqlite3.connect(":memory:", **({"isolation_level": None} if t[1:] == ["auto"] else {}))
            blob = None
        elif op == "sql": cx.execute(line[4:])
        elif op == "query": r = cx.execute(line[6:]).fetchone()[0]
        elif op == "commit": cx.commit()
        elif op == "rollback": cx.rollback()
        elif op == "intx": r = cx.in_transaction
        elif op == "closecon": cx.close()
        elif op == "open":
            kw = {"readonly": "ro" in t[4:]}
            for a in t[4:]:
                if a.startswith("name="): kw["name"] = a[5:]
            blob = cx.blobopen(t[1], t[2], int(t[3]), **kw)
        elif op == "read": r = blob.read(*[int(a) for a in t[1:]])
        elif op == "write": blob.write(data(t[1]))
        elif op == "seek": blob.seek(*[int(a) for a in t[1:]])
        elif op == "tell": r = blob.tell()
        elif op == "len": r = len(blob)
        elif op == "get": r = blob[int(t[1])]
        elif op == "slice": r = blob[slice(*[int(a) for a in t[1:]])]
        elif op == "set": blob[int(t[1])] = int(t[2])
        elif op == "setslice": blob[slice(*[int(a) for a in t[1:-1]])] = data(t[-1])
        elif op == "close": blob.close()
        else: raise RuntimeError("unknown op " + op)
        out.append("ok " + fmt(r))
    except Exception as e:
        code = getattr(e, "sqlite_errorcode", None)
        out.append("err %s %s %s" % (type(e).__name__, "-" if code is None else code, e))
sys.stdout.write("\n".join(out) + "\n")
