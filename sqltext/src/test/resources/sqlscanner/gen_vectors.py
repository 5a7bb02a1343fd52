#!/usr/bin/env python3
"""Generates the SqlScanner test vectors by asking SQLite itself (through CPython).

Usage:
    gen_vectors.py [--out FILE]   write the committed vector file (default: vectors.txt next to
                                  this script); deterministic for a given SQLite version
    gen_vectors.py --live         read "<from>\t<escaped sql>" lines on stdin, print the vectors
                                  for each (used by SqlScannerTest to check fresh random inputs)

Oracles (all SQLite or CPython, never a re-implementation):
  complete  sqlite3.complete_statement(sql)                       == sqlite3_complete()
  end       sqlite3_prepare_v2(sql[from:]) pzTail (via ctypes on the libsqlite3 that _sqlite3 uses)
            when SQLite compiles a statement; otherwise (syntax errors, semantic errors, leading
            empty statement) the first prefix ending in ';' that sqlite3_complete() accepts, which
            is the brief's definition; inputs on which SQLite's tokenizer and sqlite3_complete()'s
            cruder scanner can disagree are skipped in that fallback
  blank     CPython: con.execute("select 1;" + tail) raises "You can only execute one statement at
            a time." iff the tail is not blank (from = 9)
  params    sqlite3_bind_parameter_count / sqlite3_bind_parameter_name of sql[from:end]
            (only when SQLite compiles it)

Line format (fields separated by TAB, each field escaped: \\ \t \n \r \\uXXXX; a parameter name
field of exactly \\N means NULL; indices are UTF-16 code units, as Java counts them):
  schema   <sql>
  complete <sql> <true|false>
  end      <from> <sql> <end>
  blank    <from> <sql> <true|false>
  params   <from> <sql> <count> <name1> ... <nameN>
"""
import ctypes
import random
import re
import sqlite3
import sys
import os

import _sqlite3

SCHEMA = "create table t(a,b,c); create table u(x,y);"


# ------------------------------------------------------------------------------------------------
# Oracles
# ------------------------------------------------------------------------------------------------

class Oracle:
    def __init__(self):
        # dlsym on the extension's handle searches the extension and its dependencies, so this
        # finds the very SQLite that the sqlite3 module uses, linked statically or dynamically.
        lib = ctypes.CDLL(_sqlite3.__file__)
        lib.sqlite3_libversion.restype = ctypes.c_char_p
        self.version = lib.sqlite3_libversion().decode()
        if self.version != sqlite3.sqlite_version:
            raise SystemExit("libsqlite3 mismatch: %s vs %s" % (self.version, sqlite3.sqlite_version))
        lib.sqlite3_open.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
        lib.sqlite3_exec.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p,
                                     ctypes.c_void_p, ctypes.c_void_p]
        lib.sqlite3_prepare_v2.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int,
                                           ctypes.POINTER(ctypes.c_void_p),
                                           ctypes.POINTER(ctypes.c_void_p)]
        lib.sqlite3_bind_parameter_count.argtypes = [ctypes.c_void_p]
        lib.sqlite3_bind_parameter_name.argtypes = [ctypes.c_void_p, ctypes.c_int]
        lib.sqlite3_bind_parameter_name.restype = ctypes.c_char_p
        lib.sqlite3_finalize.argtypes = [ctypes.c_void_p]
        self.lib = lib
        self.db = ctypes.c_void_p()
        if lib.sqlite3_open(b":memory:", ctypes.byref(self.db)) != 0:
            raise SystemExit("sqlite3_open failed")
        if lib.sqlite3_exec(self.db, SCHEMA.encode(), None, None, None) != 0:
            raise SystemExit("schema failed")
        self.con = sqlite3.connect(":memory:")

    def prepare(self, s):
        """(ok, has_stmt, tail_index_in_s, names) for sqlite3_prepare_v2(s)."""
        b = s.encode("utf-8")
        buf = ctypes.create_string_buffer(b)
        stmt = ctypes.c_void_p()
        tail = ctypes.c_void_p()
        rc = self.lib.sqlite3_prepare_v2(self.db, buf, len(b) + 1, ctypes.byref(stmt), ctypes.byref(tail))
        off = tail.value - ctypes.addressof(buf) if tail.value else len(b)
        tail_index = len(b[:off].decode("utf-8", errors="strict"))
        if rc != 0:
            return False, False, tail_index, None
        names = None
        if stmt.value:
            n = self.lib.sqlite3_bind_parameter_count(stmt)
            names = []
            for i in range(1, n + 1):
                nm = self.lib.sqlite3_bind_parameter_name(stmt, i)
                names.append(None if nm is None else nm.decode("utf-8"))
            self.lib.sqlite3_finalize(stmt)
        return True, stmt.value is not None, tail_index, names

    def complete(self, s):
        return sqlite3.complete_statement(s)

    def blank(self, tail):
        """True/False by CPython's one-statement check, None if something else went wrong."""
        try:
            self.con.execute("select 1;" + tail).fetchall()
            return True
        except sqlite3.ProgrammingError as e:
            if "one statement at a time" in str(e):
                return False
            return None
        except Exception:
            return None

    def complete_end(self, s):
        """Index just past the first ';' at which sqlite3_complete() accepts the prefix."""
        i = s.find(";")
        while i >= 0:
            if self.complete(s[: i + 1]):
                return i + 1
            i = s.find(";", i + 1)
        return len(s)


# sqlite3_complete() scans more crudely than SQLite's tokenizer, which SqlScanner.endOfStatement
# follows (as sqlite3_prepare_v2 does).  The two disagree on:
#   - Tcl variables: "$a(;)" is one token for the tokenizer, a ';' for sqlite3_complete();
#   - U+FEFF: whitespace for the tokenizer, an identifier character for sqlite3_complete();
#   - "@end" ":end" "#end": one variable token vs "@" + the keyword END;
#   - "?12end": "?12" + END vs "?" + the word "12end";  "1.end": one (illegal) number token vs
#     "1" "." END;  "$a::end": one variable token vs "$a" ":" ":" END.
# This can only change the result for text that SQLite refuses to compile, so the fallback
# oracle (sqlite3_complete) is not used for text containing any of these patterns.
_KW = r"(?:create|temp|temporary|trigger|end|explain)(?![\w$\u0080-\U0010ffff])"
_DIVERGENT = re.compile(
    r"[$@:#][\w$\u0080-\U0010ffff:]*\(|\ufeff|"
    r"[@:#]" + _KW + r"|\?\d+" + _KW + r"|\d\." + _KW + r"|::" + _KW,
    re.IGNORECASE)


def oracle_end(o, sub):
    """End of the first statement of sub (a str index into sub), or None if unknowable."""
    ce = o.complete_end(sub)
    ok, has_stmt, _, _ = o.prepare(sub[:ce])
    if ok and not has_stmt:
        return ce, "empty"            # only whitespace/comments and one ';' (or nothing)
    ok, has_stmt, tail, _ = o.prepare(sub)
    if ok and has_stmt:
        return tail, "prepare"
    if _DIVERGENT.search(sub):
        return None, None
    return ce, "complete"


# ------------------------------------------------------------------------------------------------
# Output format
# ------------------------------------------------------------------------------------------------

def esc(s):
    out = []
    for ch in s:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif o < 0x20 or 0x7F <= o <= 0x9F or o in (0xFEFF, 0x2028, 0x2029):
            out.append("\\u%04x" % o)
        else:
            out.append(ch)
    return "".join(out)


def unesc(s):
    out = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == "\\" and i + 1 < len(s):
            nx = s[i + 1]
            if nx == "u":
                out.append(chr(int(s[i + 2:i + 6], 16)))
                i += 6
                continue
            out.append({"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}[nx])
            i += 2
            continue
        out.append(ch)
        i += 1
    # re-pair UTF-16 surrogates written as two \\u escapes (not produced by esc, but be lenient)
    return "".join(out).encode("utf-16-le", "surrogatepass").decode("utf-16-le")


def u16(s, idx):
    """UTF-16 code-unit index of the str index idx."""
    return len(s[:idx].encode("utf-16-le", "surrogatepass")) // 2


def str_index(s, idx16):
    """str index of the UTF-16 code-unit index idx16 (rounded up to a whole code point)."""
    acc = 0
    for idx, ch in enumerate(s):
        if acc >= idx16:
            return idx
        acc += 2 if ord(ch) > 0xFFFF else 1
    return len(s)


def vectors_for(o, s, frm=0, want=("complete", "end", "blank", "params")):
    """Yields output lines for input s, statement start frm (a str index)."""
    lines = []
    if "complete" in want and frm == 0:
        lines.append("complete\t%s\t%s" % (esc(s), "true" if o.complete(s) else "false"))
    if "blank" in want and frm == 0:
        b = o.blank(s)
        if b is not None:
            lines.append("blank\t9\t%s\t%s" % (esc("select 1;" + s), "true" if b else "false"))
    sub = s[frm:]
    end, _src = oracle_end(o, sub)
    if end is None:
        return lines
    if "end" in want:
        lines.append("end\t%d\t%s\t%d" % (u16(s, frm), esc(s), u16(s, frm + end)))
    if "params" in want:
        ok, has_stmt, _tail, names = o.prepare(sub[:end])
        if ok:
            names = names if has_stmt else []
            fields = ["params", str(u16(s, frm)), esc(s), str(len(names))]
            fields += ["\\N" if n is None else esc(n) for n in names]
            lines.append("\t".join(fields))
    return lines


# ------------------------------------------------------------------------------------------------
# Inputs
# ------------------------------------------------------------------------------------------------

TRIGGER_HEAD = "create trigger tr after insert on t "

HAND = [
    # basics
    "", " ", "\n\t ", ";", " ; ", ";;", "select 1", "select 1;", "SELECT 1;", "select 1;;",
    "select 1; select 2", "select 1 ; select 2;", "select 1\n;\nselect 2\n", "; select 1",
    "  ;  select 1; select 2", "select 1; ", "select 1 ;\n", "values (1), (2); values (3)",
    "select", "select 1 +", "select 1 + ;", "x", "x;", "1;", "(;", ");",
    # string literals
    "select 'a;b'", "select 'a;b';", "select 'a;b'; select 2", "select 'it''s; ok'; select 2",
    "select '''';", "select ''';'';", "select 'abc", "select 'abc;", "select 'abc; def' ;",
    "select 'x'';' ; x", "select ';'||';' ; select 3", "select x'0a0b'; select 1", "select X'0A'; x",
    "select x'0a", "select x'0a;'; select 2", "select x'0'; select 1",
    "select 'a\nb;c'; select 2", "select '--;' ; select 2", "select '/*;' ; select 2",
    # quoted identifiers
    'select 1 as "a;b"; select 2', 'select 1 as "a"";b"; select 2', 'select 1 as "a',
    'select 1 as "a;', "select 1 as [a;b]; select 2", "select 1 as [a", "select 1 as [a;",
    "select 1 as [a]]; b]; select 2", "select 1 as `a;b`; select 2", "select 1 as `a``;b`; select 2",
    "select 1 as `a", 'select "a;b" from t; select 2', "select [a;b] from t; select 2",
    'select """;"""; select 2', "select 1 as [];",
    # comments
    "select 1 -- ; comment\n; select 2", "select 1 -- ; comment", "select 1; -- trailing",
    "select 1; -- trailing\n", "select /* ; */ 1; select 2", "select 1 /* unterminated ;",
    "select 1; /* unterminated ;", "select 1; /* closed */", "-- only a comment", "-- c\n",
    "/* only */", "/* only", "/**/;", "/*/;", "/*/ ; */ select 1; x", "select 1 /**/; x",
    "select 1 --\n; x", "select 1 -", "select 1 /", "select 1 /*", "select 1; /", "select 1; -",
    "--;\n;", "/*;*/;", "select 1 /* a */ /* b ; */ -- c ;\n ; x", "select 1;/* c */ -- d\n",
    "select 1; --", "select 1;/*", "select 1;*/",
    # triggers
    TRIGGER_HEAD + "begin select 1; end; select 2",
    TRIGGER_HEAD + "begin select 1; end",
    TRIGGER_HEAD + "begin select 1; end;",
    TRIGGER_HEAD + "begin select 1;",
    TRIGGER_HEAD + "begin select 1; select 2; end; select 3",
    TRIGGER_HEAD + "begin select case when 1 then 2 end; end; select 1",
    TRIGGER_HEAD + "begin select case when new.a then 1 else case 2 when 3 then 4 end end; end; select 1",
    TRIGGER_HEAD + "begin update u set x = case when new.a = 1 then 'end;' else 'x' end; end; x",
    TRIGGER_HEAD + "begin insert into u values (1, 2); delete from u where x = case 1 when 1 then 1 end; end ; select 1",
    TRIGGER_HEAD + "begin select 1; /* c */ end /* d */ ; select 2",
    TRIGGER_HEAD + "begin select 1; -- c\n end -- d\n; select 2",
    TRIGGER_HEAD + "when new.a = 'x;' begin select 1; end; select 2",
    TRIGGER_HEAD + "begin select 1; END; select 2",
    TRIGGER_HEAD + "BEGIN SELECT 1; End; SELECT 2",
    TRIGGER_HEAD + "begin select 1;; end; select 2",
    TRIGGER_HEAD + "begin select 1 end; select 2; end; x",
    TRIGGER_HEAD + "begin select 1; end x; select 2; end; select 3",
    "create temp trigger tr after insert on t begin select 1; end; select 2",
    "create temporary trigger tr after insert on t begin select 1; end; select 2",
    "CREATE TEMP TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END; SELECT 2",
    "create trigger if not exists tr after insert on t begin select 1; end; select 2",
    "create trigger main.tr after insert on t begin select 1; end; select 2",
    "create temp temp trigger tr after insert on t begin select 1; end; select 2",
    "explain create trigger tr after insert on t begin select 1; end; select 2",
    "explain query plan create trigger tr after insert on t begin select 1; end; select 2",
    "explain create temp trigger tr after insert on t begin select 1; end; select 2",
    "explain explain create trigger tr after insert on t begin select 1; end; select 2",
    "/* c */ create /* c */ trigger tr after insert on t begin select 1; end; select 2",
    "create table trigger(x); select 1", "create table tt(trigger); select 1", "create view v as select 1; select 2",
    "create temp table x(a); select 1", "create index i on t(a); select 1",
    "select 1; create trigger tr after insert on t begin select 1; end; select 2",
    "\"create\" trigger tr begin select 1; end; select 2", "create \"trigger\" x; select 2",
    "create trigger", "create trigger;", "create trigger x; end;", "create trigger x; end; select 1;",
    "create trigger tr after insert on t begin select 1; end\n;\n",
    "create trigger tr after insert on t begin select 1; end -- no semicolon",
    "create trigger tr after insert on t for each row begin update t set a = 1; end; x",
    "create trigger tr before delete on t begin select raise(abort, 'end;'); end; select 1",
    "create trigger tr instead of insert on t begin select 1; end; select 2",
    "create trigger \u00e9 after insert on t begin select 1; end; select 2",
    "create trigger tr after insert on t begin select 1; end\u00e9; select 2; end; x",
    "create trigger tr after insert on t begin select 1; end$; select 2; end; x",
    "create trigger tr after insert on t begin select 1; \"end\"; select 2; end; x",
    "trigger; create; end; explain;", "temp trigger; select 1;", "end;", "create;", "explain;",
    "create  \n temp\t trigger x begin ; end ;", "Create Temporary Trigger x Begin ; End ;",
    "create tempo trigger x begin ; end ;", "create temp tr\u0131gger x begin ; end ; select 1;",
    "create trigger x begin ; endx ; end ; select 1;", "create trigger x begin ; end",
    "create trigger x begin ; end ; ; ;",
    # EXPLAIN
    "explain select 1; select 2", "explain query plan select 1; select 2", "EXPLAIN SELECT 1;",
    "explain", "explain;", "explain create table z(a); select 1",
    # unicode
    "select '\u00e9;'; select 2", "select 1 as \"\u540d\u524d;\"; select 2",
    "select 1 as \u540d\u524d; select 2", "select '\U0001F600;' ; select 2",
    "select 1 as \U0001F600; select 2", "select 1 as [\U0001F600;]; select \U0001F600",
    "select 1 as x\u00e9; x", "\u00e9; select 1", "select 1; \u00e9", "select '\U0001F600",
    "select :\u00e9t\u00e9, :\u00e9t\u00e9, $\U0001F600", "select 1 /* \U0001F600 ; */; x",
    "select 1 as \u2028; x", "select 1;\u00a0",
    # whitespace oddities
    "select 1 \x0b ; select 2", "select 1 ;\x0b select 2", "select 1\x0c; select 2",
    "select 1\r\n; select 2", "\x0bselect 1;", "select 1;\x0b", "select 1; \x0c\r\n\t ",
    "\ufeffselect 1; select 2", "select 1 as \ufeffend; select 2", "select 1; \ufeff",
    # numbers and operators
    "select 1.5e+3; x", "select .5; x", "select 0x1F; x", "select 1e; x", "select 1.; x",
    "select a->>'x' from t; x", "select a -> 'y;' from t; x", "select 1<>2, 3!=4, 5||6; x",
    "select 1-1; x", "select 1--1;\n; x", "select 1/2; x", "select 1 /*/ ; */ ; x",
    # parameters
    "select ?", "select ?, ?", "select ?, ?, ?; select ?", "select ?1, ?2, ?1", "select ?2, ?1, ?, ?2",
    "select ?5", "select ?5, ?", "select ?3, :x", "select ?, ?1", "select :a, ?1, ?2",
    "select ?007, ?7", "select ?7, ?007", "select ?0001", "select ?1a", "select ?a",
    "select :a, :b, :a", "select @a, @b, @a", "select $a, $b, $a", "select #a, #b, #a",
    "select :a, @a, $a, #a", "select :A, :a", "select :a1, :_b, :1", "select @1, $1",
    "select $a::b, $a::b, $::c", "select $a(x), $a(y), $a(x)", "select $a(;) ; select 2",
    "select :a(1,2), @b(), #c(x)", "select :a::b::c", "select :a:::b", "select $a(x y)",
    "select $a(", "select :", "select @", "select $", "select #", "select ?, :a, @b, $c, #d, ?5, ?, ?2, :a",
    "select #1", "select :a$b, :a$b", "select $a$b", "select ?0", "select ?250001",
    "select ?99999999999999999999", "select ?40, ?", "select 'a?', \"?\", [?], `?`, ?",
    "select 1 -- ?\n, ?", "select /* ?, :a */ :b", "select :a; select :b", "select ?; select ?2",
    "select * from t where a = :a and b = :b and c = :a; select 1",
    "insert into t values (?, ?, ?)", "insert into t values (:a, :b, :c); insert into t values (?)",
    "update t set a = ? where b = ?2 and c = ?", "delete from t where a = $x(1) or b = $x(1)",
    "select ?1, ?3, :a", "values (?), (?); x", "select @\u00e9, @\u00e9", "select x'0a' ?",
    "select 1 as ?", "select ?,?,?,?,?,?,?,?,?,?,?10,?11,?", "select :a::b(x y)",
    TRIGGER_HEAD + "begin select ?; end; select ?",
    "select 1; select ?", "with q(x) as (select ?) select x, ? from q",
    # identifier characters at the edges of their ranges, a '-' at the very start, upper-case
    # keywords with an A, a comment or a ";" where an exponent could start (issue 19, mutation testing)
    "select :z, :Z, :a0, :a9, :\u0080, @y9", "select 1 as xyz09_$\u0080Z", "-1; x",
    "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1;",
    "CREATE TEMPORARY TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;", "select 1e--;\n; x",
    "select 1e;5; x", "select 1e+;5; x", "select 1.e;5; x", "select 11e--;\n; x",
    "select 0;5; x", "select 0x;5; x", "select 0x1;5; x", "select 0x--;\n; x", "select 0xa_--;\n; x",
    "select 0xf:a; x", "select 0x9@a; x", "select 0xF.1e--;\n; x", "select 0x1[;]; x", "select 0x1`;`; x",
]

FROM_CASES = [
    ("select 1; select ?, :a; select 3", 9),
    ("select 1; select ?, :a; select 3", 10),
    ("select 1;select 2", 9),
    ("select 1; ; select 2", 9),
    ("select 'x;' ; create trigger tr after insert on t begin select 1; end; select 2", 13),
    ("select '\U0001F600'; select :x, ?; select 1", 10),
    ("select '\U0001F600'; select :x, ?; select 1", 11),
    ("select 1;", 9),
    ("select 1; -- c", 9),
    ("abc; select $a(;); x", 4),
]

TAIL_HAND = [
    "", " ", "\n", "\t\r\n\x0c", ";", " ;", "-- c", "-- c\n", "-- c\n;", "/* c */", "/* c", "/*",
    "/**/", "/*/", "/* */ ", "/* */;", "-", "/", "--", "x", "\x0b", "\ufeff", "\u00a0", "-- c\n--d",
    "/* a */ -- b\n /* c", " select 2", "/* ; */", "-- ;", "/*/ */", "*/", "/ *", "- -",
    "\n\n-- one\n-- two\n", "/* \U0001F600 */", "\U0001F600",
]

SOUP = [";", ";", " ", "\n", "'", '"', "[", "]", "`", "--", "/*", "*/", "-", "/", "*", "end",
        "END", "create", "CREATE", "temp", "temporary", "trigger", "TRIGGER", "explain", "select",
        "x", "1", "\u00e9", "\U0001F600", "$a", "@b", ":c", "?", "?2", "#d", "e", "\t", ")"]


def soup(rng):
    return "".join(rng.choice(SOUP) for _ in range(rng.randint(1, 14)))


def sprinkle(rng):
    return rng.choice([" ", " ", " ", "\n", "\t", " /* ; */ ", " -- ; ?\n", "  ", "\r\n"])


def expr(rng, params=True, depth=0):
    choices = ["1", "2.5", "'s;t'", "'it''s'", "x'0a0b'", "NULL", "a", "b", "\"c\"", "[a]", "`b`",
               "'end;'", "'\U0001F600'"]
    if params:
        choices += ["?", "?", "?2", "?7", ":name", ":Name", "@p", "$v", "$v::w", "$f(x)", "#h",
                    ":\u00e9", ":name"]
    e = rng.choice(choices)
    if depth < 2 and rng.random() < 0.25:
        e = "case when %s then %s else %s end" % (expr(rng, params, depth + 1),
                                                  expr(rng, params, depth + 1),
                                                  expr(rng, params, depth + 1))
    elif depth < 2 and rng.random() < 0.2:
        e = "(%s + %s)" % (expr(rng, params, depth + 1), expr(rng, params, depth + 1))
    return e


def statement(rng):
    w = sprinkle
    k = rng.randrange(9)
    if k == 0:
        return "select %s,%s%s from t where a =%s%s" % (expr(rng), w(rng), expr(rng), w(rng), expr(rng))
    if k == 1:
        return "insert into t(a, b) values (%s,%s%s)" % (expr(rng), w(rng), expr(rng))
    if k == 2:
        return "update t set a = %s where b = %s" % (expr(rng), expr(rng))
    if k == 3:
        return "delete from u where x = %s" % expr(rng)
    if k == 4:
        body = ";".join(rng.choice([
            " select %s" % expr(rng, False),
            " update u set x = %s" % expr(rng, False),
            " insert into u values (%s, %s)" % (expr(rng, False), expr(rng, False)),
            " delete from u where y =%s%s" % (w(rng), expr(rng, False)),
        ]) for _ in range(rng.randint(1, 3)))
        temp = rng.choice(["", "temp ", "TEMPORARY ", "temp /* x */ "])
        pre = rng.choice(["", "", "explain ", "explain query plan "])
        return "%screate %strigger tr after insert on t begin%s;%send" % (pre, temp, body, w(rng))
    if k == 5:
        return "explain select %s" % expr(rng)
    if k == 6:
        return "with q(x) as (select %s) select x from q" % expr(rng)
    if k == 7:
        return "values (%s)" % expr(rng)
    return rng.choice(["select 1", "begin", "commit", "savepoint s", "release s", "pragma user_version"])


def script(rng):
    parts = []
    if rng.random() < 0.15:
        parts.append(rng.choice([";", " ; ", "-- c\n;", "/* c */ ;"]))
    for _ in range(rng.randint(1, 3)):
        parts.append(statement(rng) + sprinkle(rng) + ";" + sprinkle(rng))
    s = "".join(parts)
    r = rng.random()
    if r < 0.15:
        s = s[: rng.randrange(len(s) + 1)]          # truncated anywhere
    elif r < 0.25:
        s = s.rstrip().rstrip(";")                   # last statement unterminated
    return s


def generate(out_path):
    o = Oracle()
    rng = random.Random(20240607)
    lines = ["# Generated by gen_vectors.py from SQLite %s (CPython %s); do not edit by hand."
             % (o.version, sys.version.split()[0]),
             "schema\t" + esc(SCHEMA)]
    inputs = list(HAND)
    inputs += [script(rng) for _ in range(220)]
    inputs += [soup(rng) for _ in range(260)]
    seen = set()
    for s in inputs:
        if s in seen:
            continue
        seen.add(s)
        lines += vectors_for(o, s)
    for s, frm in FROM_CASES:
        lines += vectors_for(o, s, frm, want=("end", "params"))
    for s in [script(rng) for _ in range(40)]:
        if len(s) > 2:
            lines += vectors_for(o, s, rng.randrange(len(s) + 1), want=("end", "params"))
    for t in TAIL_HAND + [soup(rng) for _ in range(80)]:
        b = o.blank(t)
        if b is not None:
            lines.append("blank\t9\t%s\t%s" % (esc("select 1;" + t), "true" if b else "false"))
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    counts = {}
    for ln in lines[1:]:
        k = ln.split("\t", 1)[0]
        counts[k] = counts.get(k, 0) + 1
    print("wrote %s: %s" % (out_path, counts), file=sys.stderr)


def live():
    o = Oracle()
    out = sys.stdout
    for raw in sys.stdin:
        raw = raw.rstrip("\n")
        if not raw:
            continue
        frm_s, sql_e = raw.split("\t", 1)
        s = unesc(sql_e)
        frm = str_index(s, int(frm_s))
        want = ("complete", "end", "blank", "params") if frm == 0 else ("end", "params")
        for ln in vectors_for(o, s, frm, want):
            out.write(ln + "\n")
    out.flush()


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--live"]:
        live()
    else:
        path = args[1] if args[:1] == ["--out"] and len(args) > 1 else \
            os.path.join(os.path.dirname(os.path.abspath(__file__)), "vectors.txt")
        generate(path)
