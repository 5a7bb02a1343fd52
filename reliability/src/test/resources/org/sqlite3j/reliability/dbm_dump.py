# CPython reopens the dbm files and shelves a killed crash child left (sqlite3j reliability,
# DbmCrashTest) and prints everything in them, one tab-separated line per key, for the Java side to
# compare with its own reading. Arguments: TARGET=PATH, a shelf when TARGET starts with "shelf-".
#   TARGET  key  value.hex()          (dbm files, opened with dbm.open(path, "r"))
#   TARGET  key  repr(value)|ERROR    (shelves, shelve.open(path, "r"); ERROR: the value does not load)
#   TARGET  (empty)  OPEN-ERROR Class: message
import dbm
import shelve
import sys

for arg in sys.argv[1:]:
    target, path = arg.split("=", 1)
    try:
        items = []
        if target.startswith("shelf-"):
            with shelve.open(path, "r") as s:
                for k in s.dict.keys():
                    key = k.decode("utf-8")
                    try:
                        value = repr(s[key])
                    except Exception:
                        value = "ERROR"
                    items.append((key, value))
        else:
            with dbm.open(path, "r") as db:
                items = [(k.decode("utf-8"), db[k].hex()) for k in db.keys()]
    except Exception as e:
        print(target, "", "OPEN-ERROR %s: %s" % (type(e).__name__, e), sep="\t")
        continue
    for key, value in sorted(items):
        print(target, key, value, sep="\t")
