package org.sqlite3j.dbm.ndbm;

import java.nio.charset.StandardCharsets;

/**
 * Berkeley DB's hash arithmetic for the HASH access method: the default hash function
 * {@code __ham_func5} (Fowler/Noll/Vo), {@code __db_log2}, and the bucket-to-page mapping of
 * {@code hash.h} ({@code BS_TO_PAGE}). All arithmetic is unsigned 32-bit, as in C.
 */
public final class HashFunctions {

    /**
     * {@code CHARKEY} as Berkeley DB hashes it into the meta page's {@code h_charkey}:
     * {@code sizeof(CHARKEY)} bytes, so "%$sniglet^&" and its terminating NUL.
     */
    private static final byte[] CHARKEY = "%$sniglet^&\0".getBytes(StandardCharsets.US_ASCII);

    private HashFunctions() {
    }

    /**
     * {@code __ham_func5}: for each byte, {@code h *= 16777619; h ^= byte}, starting from 0.
     * Berkeley DB's default hash (the one ndbm's {@code dbm_open} gets), returned as the int
     * whose bits are the C {@code u_int32_t}.
     */
    public static int func5(byte[] key) {
        int h = 0;
        for (byte b : key) {
            h *= 16777619;
            h ^= b & 0xFF;
        }
        return h;
    }

    /** {@code CHARKEY}'s 12 bytes (a copy). */
    public static byte[] charkey() {
        return CHARKEY.clone();
    }

    /** {@code __db_log2(num)}: the smallest {@code i} with {@code 2^i >= num} (0 for 0 and 1). */
    public static int log2(long num) {
        int i = 0;
        for (long limit = 1; limit < num; limit <<= 1) {
            i++;
        }
        return i;
    }

    /**
     * {@code __ham_call_hash}: the bucket of a hash value — {@code hash & high_mask}, and when that is
     * beyond {@code max_bucket}, {@code hash & low_mask}.
     */
    public static long bucket(int hash, HashMeta meta) {
        long h = hash & 0xFFFFFFFFL;
        long bucket = h & meta.highMask();
        if (bucket > meta.maxBucket()) {
            bucket &= meta.lowMask();
        }
        return bucket;
    }
}
