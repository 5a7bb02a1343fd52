/**
 * Python's {@code pickle} for the JVM: {@link org.sqlite3j.pickle.Pickle} ({@code dumps}/{@code loads}),
 * {@link org.sqlite3j.pickle.Pickler} / {@link org.sqlite3j.pickle.Unpickler} over streams, the Python value
 * model ({@link org.sqlite3j.pickle.PyTuple}, {@link org.sqlite3j.pickle.PyByteArray},
 * {@link org.sqlite3j.pickle.PyFrozenSet}, ...), copyreg's registries
 * ({@link org.sqlite3j.pickle.DispatchTable}, {@link org.sqlite3j.pickle.ExtensionRegistry}), deny-by-default
 * global resolution ({@link org.sqlite3j.pickle.Globals}) with inert {@link org.sqlite3j.pickle.PyObject}
 * stubs, and {@link org.sqlite3j.pickle.PickleTools} ({@code dis}, {@code optimize}). No dependencies.
 */
package org.sqlite3j.pickle;
