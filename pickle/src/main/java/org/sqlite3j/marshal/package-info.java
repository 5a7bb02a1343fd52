/**
 * Python's {@code marshal} for the JVM: {@link org.sqlite3j.marshal.Marshal} ({@code dumps}/{@code loads},
 * versions 0–4 of CPython 3.13) over the pickle module's value model, {@code .pyc} files as
 * {@link org.sqlite3j.marshal.Pyc} with inert {@link org.sqlite3j.marshal.PyCode} records, and CPython's
 * exceptions ({@link org.sqlite3j.marshal.ValueError}, {@link org.sqlite3j.marshal.EOFError},
 * {@link org.sqlite3j.marshal.TypeError}, ...) under {@link org.sqlite3j.marshal.MarshalError}.
 */
package org.sqlite3j.marshal;
