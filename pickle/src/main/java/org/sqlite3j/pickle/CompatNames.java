package org.sqlite3j.pickle;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code fix_imports} name mapping between Python 2 and Python 3 module and global names, applied
 * by the {@link Unpickler} to GLOBAL/INST names in protocol 0–2 streams and by the {@link Pickler}
 * when it writes globals at protocol 0–2 (CPython's {@code _compat_pickle}, the data-relevant part).
 */
final class CompatNames {
    private static final String[] IMPORTS = {
        "__builtin__", "builtins", "copy_reg", "copyreg", "Queue", "queue",
        "SocketServer", "socketserver", "ConfigParser", "configparser", "repr", "reprlib",
        "markupbase", "_markupbase", "_winreg", "winreg", "thread", "_thread",
        "dummy_thread", "_dummy_thread", "dbhash", "dbm.bsd", "dumbdbm", "dbm.dumb",
        "dbm", "dbm.ndbm", "gdbm", "dbm.gnu", "xmlrpclib", "xmlrpc.client",
        "SimpleXMLRPCServer", "xmlrpc.server", "httplib", "http.client",
        "htmlentitydefs", "html.entities", "HTMLParser", "html.parser", "Cookie", "http.cookies",
        "cookielib", "http.cookiejar", "BaseHTTPServer", "http.server",
        "test.test_support", "test.support", "commands", "subprocess", "urlparse", "urllib.parse",
        "robotparser", "urllib.robotparser", "urllib2", "urllib.request", "anydbm", "dbm",
        "_abcoll", "collections.abc",
    };
    private static final String[] NAMES = {
        "__builtin__", "xrange", "builtins", "range",
        "__builtin__", "reduce", "functools", "reduce",
        "__builtin__", "intern", "sys", "intern",
        "__builtin__", "unichr", "builtins", "chr",
        "__builtin__", "unicode", "builtins", "str",
        "__builtin__", "long", "builtins", "int",
        "itertools", "izip", "builtins", "zip",
        "itertools", "imap", "builtins", "map",
        "itertools", "ifilter", "builtins", "filter",
        "itertools", "ifilterfalse", "itertools", "filterfalse",
        "itertools", "izip_longest", "itertools", "zip_longest",
        "UserDict", "IterableUserDict", "collections", "UserDict",
        "UserList", "UserList", "collections", "UserList",
        "UserString", "UserString", "collections", "UserString",
    };

    private static final Map<String, String> IMPORT_MAPPING;
    private static final Map<String, String> REVERSE_IMPORT_MAPPING;
    private static final Map<PyGlobal, PyGlobal> NAME_MAPPING;
    private static final Map<PyGlobal, PyGlobal> REVERSE_NAME_MAPPING;

    static {
        Map<String, String> imports = new HashMap<>();
        Map<String, String> reverseImports = new HashMap<>();
        Map<PyGlobal, PyGlobal> names = new HashMap<>();
        Map<PyGlobal, PyGlobal> reverseNames = new HashMap<>();
        for (int i = 0; i < IMPORTS.length; i += 2) {
            imports.put(IMPORTS[i], IMPORTS[i + 1]);
            reverseImports.put(IMPORTS[i + 1], IMPORTS[i]);
        }
        for (int i = 0; i < NAMES.length; i += 4) {
            PyGlobal py2 = new PyGlobal(NAMES[i], NAMES[i + 1]);
            PyGlobal py3 = new PyGlobal(NAMES[i + 2], NAMES[i + 3]);
            names.put(py2, py3);
            reverseNames.put(py3, py2);
        }
        IMPORT_MAPPING = Map.copyOf(imports);
        REVERSE_IMPORT_MAPPING = Map.copyOf(reverseImports);
        NAME_MAPPING = Map.copyOf(names);
        REVERSE_NAME_MAPPING = Map.copyOf(reverseNames);
    }

    private CompatNames() {
    }

    /** Python 2 name → Python 3 name (load side); unchanged when not mapped. */
    static PyGlobal toPython3(String module, String name) {
        PyGlobal mapped = NAME_MAPPING.get(new PyGlobal(module, name));
        if (mapped != null) {
            return mapped;
        }
        if ("exceptions".equals(module)) {
            return new PyGlobal("builtins", "StandardError".equals(name) ? "Exception" : name);
        }
        String m = IMPORT_MAPPING.get(module);
        return new PyGlobal(m == null ? module : m, name);
    }

    /** Python 3 name → Python 2 name (dump side, protocol &lt; 3); unchanged when not mapped. */
    static PyGlobal toPython2(PyGlobal g) {
        PyGlobal mapped = REVERSE_NAME_MAPPING.get(g);
        if (mapped != null) {
            return mapped;
        }
        String m = REVERSE_IMPORT_MAPPING.get(g.module());
        return m == null ? g : new PyGlobal(m, g.name());
    }
}
