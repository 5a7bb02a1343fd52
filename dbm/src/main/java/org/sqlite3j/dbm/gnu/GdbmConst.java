package org.sqlite3j.dbm.gnu;

import org.sqlite3j.dbm.Dbm;

/**
 * The constants of GDBM 1.23's on-disk format ({@code gdbmconst.h}, {@code gdbmdefs.h}) for a
 * little-endian machine with a 64-bit {@code off_t} (Debian amd64), and GDBM's error texts
 * ({@code gdbmerrno.c}), which Python's {@code _gdbm.error} carries as its message.
 *
 * <p>Structure sizes are those the C compiler lays out: {@code avail_elem} is 16 bytes
 * ({@code int av_size}, 4 bytes of padding, {@code off_t av_adr}); {@code avail_block} is 32 bytes
 * with its one-element pseudo array; {@code bucket_element} is 24; {@code hash_bucket} is 136.
 */
final class GdbmConst {

    private GdbmConst() {
    }

    /** Original magic number: read as the native 64-bit format, as GDBM does. */
    static final int OMAGIC = 0x13579ace;
    static final int MAGIC32 = 0x13579acd;
    /** The magic number Debian's libgdbm writes (64-bit {@code off_t}, standard header). */
    static final int MAGIC64 = 0x13579acf;
    static final int NUMSYNC_MAGIC32 = 0x13579ad0;
    /** Extended ("numsync") header, 64-bit {@code off_t}. */
    static final int NUMSYNC_MAGIC64 = 0x13579ad1;
    static final int OMAGIC_SWAP = 0xce9a5713;
    static final int MAGIC32_SWAP = 0xcd9a5713;
    static final int MAGIC64_SWAP = 0xcf9a5713;
    static final int NUMSYNC_MAGIC32_SWAP = 0xd09a5713;
    static final int NUMSYNC_MAGIC64_SWAP = 0xd19a5713;

    /** Width of a hash value. */
    static final int HASH_BITS = 31;
    static final int MIN_BLOCK_SIZE = 512;
    /** Freed space of this size or less is forgotten. */
    static final int IGNORE_SIZE = 4;
    /** Key bytes kept in a bucket element ({@code key_start}). */
    static final int SMALL = 4;
    /** Avail entries in each bucket. */
    static final int BUCKET_AVAIL = 6;
    /** GDBM's bucket cache: {@code DEFAULT_CACHESIZE} 100 rounds to 128 slots (the least we keep). */
    static final int CACHE_SIZE = 128;
    /**
     * The most buckets kept parsed: the cache grows with the directory up to this (libgdbm 1.23 grows
     * its cache to the bucket count too), about 4 KiB of file a bucket, so at most ~16 MiB of buckets.
     */
    static final int MAX_CACHE_SIZE = 4096;

    static final int OFF_T = 8;
    static final int AVAIL_ELEM_SIZE = 16;
    /** {@code sizeof (avail_block)}: size, count, next_block and one element. */
    static final int AVAIL_BLOCK_SIZE = 32;
    /** {@code offsetof (avail_block, av_table)}. */
    static final int AVAIL_TABLE_OFFSET = 16;
    /** {@code sizeof (gdbm_file_header)}. */
    static final int FILE_HEADER_SIZE = 40;
    /** {@code sizeof (gdbm_ext_header)}: version, numsync, pad[6]. */
    static final int EXT_HEADER_SIZE = 32;
    static final int BUCKET_ELEMENT_SIZE = 24;
    /** {@code sizeof (hash_bucket)}, with its one-element {@code h_table}. */
    static final int HASH_BUCKET_SIZE = 136;
    /** {@code offsetof (hash_bucket, h_table)}. */
    static final int BUCKET_TABLE_OFFSET = 112;

    // ---- gdbm_errlist ----
    static final String BLOCK_SIZE_ERROR = "Block size error";
    static final String FILE_READ_ERROR = "File read error";
    static final String BAD_MAGIC_NUMBER = "Bad magic number";
    static final String EMPTY_DATABASE = "Empty database";
    static final String READER_CANT_DELETE = "Reader can't delete";
    static final String READER_CANT_STORE = "Reader can't store";
    static final String READER_CANT_REORGANIZE = "Reader can't reorganize";
    static final String REORGANIZE_FAILED = "Reorganize failed";
    static final String MALFORMED_DATA = "Malformed data";
    static final String BYTE_SWAPPED = "Byte-swapped file";
    static final String BAD_FILE_OFFSET = "File header assumes wrong off_t size";
    static final String FILE_EOF = "Unexpected end of file";
    static final String NEED_RECOVERY = "Database needs recovery";
    static final String DIR_OVERFLOW = "Bucket directory overflow";
    static final String BAD_BUCKET = "Malformed bucket header";
    static final String BAD_HEADER = "Malformed database file header";
    static final String BAD_AVAIL = "Malformed avail_block";
    static final String BAD_HASH_TABLE = "Malformed hash table";
    static final String BAD_DIR_ENTRY = "Invalid directory entry";
    static final String BAD_HASH_ENTRY = "Malformed bucket hash entry";
    static final String FILE_WRITE_ERROR = "File write error";

    /** Python's {@code _gdbm.error} with GDBM's message. */
    static Dbm.GnuError error(String message) {
        return new Dbm.GnuError(message);
    }

    /** True when {@code a + b} is a valid, non-overflowing sum of non-negative offsets ({@code off_t_sum_ok}). */
    static boolean sumOk(long a, long b) {
        return a >= 0 && b >= 0 && Long.MAX_VALUE - a >= b;
    }
}
