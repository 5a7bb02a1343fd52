/**
 * {@code dbm.gnu} in pure Java: GDBM files exactly as libgdbm 1.23 (Debian amd64: little-endian,
 * 64-bit {@code off_t}, magic {@code 0x13579acf}; the "numsync" header {@code 0x13579ad1} too) reads
 * and writes them. The public type is {@link org.sqlite3j.dbm.gnu.Gdbm}, Python's {@code gdbm}
 * object; {@code org.sqlite3j.dbm.DbmGnu.open} returns one.
 *
 * <h2>The file</h2>
 * Block 0 is the {@linkplain org.sqlite3j.dbm.gnu.Header header} with the active avail (free space)
 * table; the bucket directory (an array of {@code off_t} bucket addresses, indexed by the top
 * {@code dir_bits} bits of the 31-bit {@linkplain org.sqlite3j.dbm.gnu.GdbmHash hash}) and the
 * {@linkplain org.sqlite3j.dbm.gnu.Bucket buckets} (open-addressing tables of {@code bucket_elems}
 * elements, each with six free-space entries) live in other blocks; each key and its value are stored
 * together at the element's {@code data_pointer}. A full bucket splits on the next hash bit, doubling
 * the directory when its depth reaches {@code dir_bits}; free space moves between bucket tables, the
 * header table and a stack of avail blocks ({@link org.sqlite3j.dbm.gnu.Falloc}). The code follows
 * GDBM's own algorithms step by step, so a file written here has the layout (addresses, free lists,
 * key order) libgdbm gives the same sequence of operations; only bytes GDBM never reads (stale
 * slots of empty elements) may differ.
 *
 * <h2>Crash rule</h2>
 * Writes are ordered as GDBM orders them (record, buckets, directory, header, then the file is
 * extended to {@code next_block}); new buckets and directories go to fresh space. Before anything is
 * written past the on-disk header's {@code next_block}, that one header field is raised first, so a
 * process dying between any two writes leaves a file that libgdbm and this code open and list (GDBM
 * alone would leave a file longer than {@code next_block}, which it refuses as "needs recovery").
 * GDBM's remaining window is kept: a value replaced in space freed by the same update, or a free
 * list still naming space the dying update had taken. Every update is written (with {@code pwrite})
 * before the store or delete returns, as libgdbm 1.23's updates are copied into its memory mapping
 * before they return: a process killed (SIGKILL) after an operation returned loses nothing of it, and
 * leaves a file both libgdbm and this code open without recovery ({@code DbmGnuKillTest}). Against a
 * machine crash nothing is promised before {@code sync()} or {@code close()} (which fsync), or with the
 * "s" flag, as in GDBM.
 *
 * <h2>The file in memory</h2>
 * libgdbm maps the whole file and keeps every bucket; here {@link org.sqlite3j.dbm.gnu.GdbmChannel}
 * keeps the file's bytes in 64 KiB chunks read with {@code pread} (up to 64 MiB a file, or a sixteenth
 * of the heap), and the engine keeps the parsed buckets, so a lookup makes no system call. Not a
 * {@code MappedByteBuffer}: a mapping of a file that another process truncates faults, and the JVM
 * throws that fault as an {@code InternalError} at some later point, outside any handler here; a chunk
 * cannot fault, and a truncated file gives {@code Unexpected end of file}. Nothing is mapped, so
 * closing releases everything at once (the chunks become garbage).
 */
package org.sqlite3j.dbm.gnu;
