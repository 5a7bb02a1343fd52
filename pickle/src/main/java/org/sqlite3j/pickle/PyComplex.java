package org.sqlite3j.pickle;

/**
 * Python's {@code complex}: pickled as {@code builtins.complex(real, imag)}.
 *
 * @param real the real part
 * @param imag the imaginary part
 */
public record PyComplex(double real, double imag) {
}
