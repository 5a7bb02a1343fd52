# CPython reopens the databases a killed crash child left (sqlite3j reliability, SqlCrashTest) and
# prints, for each file given, one tab-separated line that the Java side compares with its own reading:
#   name  integrity_check  rows  distinct-txns  groups-with-count!=n  sum(totals.rows)  sum(totals.txns)
import sqlite3
import sys

for path in sys.argv[1:]:
    con = sqlite3.connect(path)
    try:
        integrity = ",".join(r[0] for r in con.execute("PRAGMA integrity_check"))
        rows, txns = con.execute("SELECT count(*), count(DISTINCT txn) FROM rows").fetchone()
        half = con.execute("SELECT count(*) FROM (SELECT txn FROM rows GROUP BY txn"
                           " HAVING count(*) != max(n) OR min(n) != max(n))").fetchone()[0]
        total_rows, total_txns = con.execute("SELECT sum(rows), sum(txns) FROM totals").fetchone()
        print("\t".join(str(x) for x in (path, integrity, rows, txns, half, total_rows, total_txns)))
    finally:
        con.close()
