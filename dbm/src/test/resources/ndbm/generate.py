# Regenerates the committed dbm.ndbm files and their listings with Debian's /usr/bin/python3
# (dbm.ndbm on Berkeley DB 5.3). Run from this directory:  /usr/bin/python3 generate.py
# Each NAME.db has NAME.txt: one line per key in Python's keys() order, "hex(key) hex(db[key])".
# be-medium.db (big-endian), chksum-medium.db (page checksums) and dups.db (DB_DUP) are made from these
# with db5.3_load (db5.3-util); chained.db holds 60 values of 900-999 bytes (chained bucket pages):
#   db5.3_dump medium.db | db5.3_load -c db_lorder=4321 -t hash be-medium.db
#   db5.3_dump medium.db | db5.3_load -c chksum=1 -t hash chksum-medium.db
#   db5.3_load dups.db < (a bytevalue dump with duplicates=1: b'one', b'dup' x3, b'many' x300, b'two')
# and listed with:  /usr/bin/python3 generate.py list NAME
import dbm.ndbm, os, random, sys

def listing(name):
    # "-" for a key keys() lists but d.get() does not find (Berkeley DB's sorted-page search misses
    # it); one non-empty value is fetched first, as an empty value reads as None before that
    d = dbm.ndbm.open(name, 'r')
    for k in d.keys():
        if d.get(k):
            break
    with open(name + '.txt', 'w') as f:
        for k in d.keys():
            v = d.get(k)
            f.write(k.hex() + ' ' + ('-' if v is None else v.hex()) + '\n')
    d.close()

if len(sys.argv) > 2 and sys.argv[1] == 'list':
    listing(sys.argv[2])
    sys.exit(0)

assert dbm.ndbm.library == 'Berkeley DB'
for name in ('empty', 'small', 'medium', 'quirks', 'emptyfirst'):
    if os.path.exists(name + '.db'):
        os.remove(name + '.db')
d = dbm.ndbm.open('empty', 'n'); d.close()
d = dbm.ndbm.open('small', 'n')
d[b'a'] = b'1'; d[b'b'] = b'22'; d['key3'] = 'value3'; d['ключ'] = 'значение'
d[b'\x00\xff\x00'] = b'\x00binary\xff'; d[b''] = b'empty key'; d[b'empty value'] = b''
d.close()
rnd = random.Random(20261207)
d = dbm.ndbm.open('medium', 'n')
for i in range(400):
    d[b'key%d' % i] = b'value-%d-' % i + bytes(rnd.randrange(256) for _ in range(rnd.randrange(40)))
d[b'big value'] = bytes(rnd.randrange(256) for _ in range(9000))
d[b'K' * 1500] = b'big key'
d[b'both' * 400] = b'V' * 5000
for i in range(0, 400, 7):
    del d[b'key%d' % i]
d[b'key8'] = b'replaced'
d.close()
# quirks: an empty key, a prefix of a big key and empty values on pages with big keys
d = dbm.ndbm.open('quirks', 'n')
for i in range(12):
    d[b'B%02d' % i + b'b' * (1100 + 37 * i)] = b'big key %d' % i
    d[b'B%02d' % i] = b'prefix of a big key'
    d[b'k%02d' % i] = b''
d[b''] = b'value of the empty key'
d[b'B'] = b'B'
d.close()
# emptyfirst: the empty key comes first in cursor order, so keys() and len() stop at once
d = dbm.ndbm.open('emptyfirst', 'n')
d[b''] = b'abc'
d[b'y'] = b'1'
d.close()
for name in ('empty', 'small', 'medium', 'quirks', 'emptyfirst'):
    listing(name)
