package org.sqlite3j.dbm.gnu;

/**
 * GDBM's hash function ({@code hash.c}, {@code _gdbm_hash}): a 31-bit value whose top
 * {@code dir_bits} bits index the bucket directory and whose remainder modulo {@code bucket_elems}
 * is an element's home slot in its bucket.
 *
 * <p>The key bytes are C {@code char}, which is signed on amd64: a byte of 0x80 or more adds a
 * negative number, exactly as Java's signed {@code byte} does here.
 */
final class GdbmHash {

    private GdbmHash() {
    }

    /** {@code _gdbm_hash(key)}: a value in [0, 2^31). */
    static int hash(byte[] key) {
        int value = 0x238F13AF * key.length;
        int shift = 0; // index * 5 % 24, kept without a division
        for (int index = 0; index < key.length; index++) {
            value = (value + (key[index] << shift)) & 0x7FFFFFFF;
            shift += 5;
            if (shift >= 24) {
                shift -= 24;
            }
        }
        return (1103515243 * value + 12345) & 0x7FFFFFFF;
    }

    /** {@code _gdbm_bucket_dir}: the directory index of {@code hash} in a directory of {@code dirBits} bits. */
    static int bucketDir(int hash, int dirBits) {
        return hash >> (GdbmConst.HASH_BITS - dirBits);
    }
}
