package org.sqlite3j.dbm.ndbm;

/**
 * An off-page duplicate set ({@code H_OFFDUP}): a small btree whose leaves ({@code P_LDUP}, or
 * {@code P_LRECNO} for unsorted duplicates) hold one value per index entry as {@code BKEYDATA}
 * ({@code len}, {@code type}, bytes) or {@code BOVERFLOW} ({@code type} at 2, {@code pgno} at 4,
 * {@code tlen} at 8); internal pages ({@code P_IBTREE}: {@code BINTERNAL}, child at 4;
 * {@code P_IRECNO}: {@code RINTERNAL}, child at 0) lead down. Items flagged {@code B_DELETE} are skipped.
 * Python's ndbm never makes duplicates; this is here so a Berkeley DB hash file that has them reads as a
 * cursor would read it. Walks are bounded by the file's page count.
 */
final class OffpageDuplicates {

    private static final int P_IRECNO = 4;
    private static final int P_LRECNO = 6;
    private static final int B_KEYDATA = 1;
    private static final int B_OVERFLOW = 3;
    private static final int B_DELETE = 0x80;

    private final HashDatabase db;
    private final PageFile file;

    OffpageDuplicates(HashDatabase db, PageFile file) {
        this.db = db;
        this.file = file;
    }

    /** The first value of the set rooted at {@code root}. */
    byte[] first(long root) {
        long steps = 0;
        for (long p = leftmostLeaf(root); p != 0; ) {
            if (++steps > file.pageCount()) {
                throw HashMeta.corrupt("the duplicate leaves from page " + root + " loop");
            }
            HashPage leaf = page(p, leafTypes());
            for (int i = 0; i < leaf.entries(); i++) {
                int off = leaf.itemOffset(i);
                int type = leaf.u8(off + 2);
                if ((type & B_DELETE) == 0) {
                    return value(leaf, off, type);
                }
            }
            p = leaf.nextPgno();
        }
        throw HashMeta.corrupt("the duplicate set at page " + root + " is empty");
    }

    /** How many values the set rooted at {@code root} holds. */
    long count(long root) {
        long n = 0;
        long steps = 0;
        for (long p = leftmostLeaf(root); p != 0; ) {
            if (++steps > file.pageCount()) {
                throw HashMeta.corrupt("the duplicate leaves from page " + root + " loop");
            }
            HashPage leaf = page(p, leafTypes());
            for (int i = 0; i < leaf.entries(); i++) {
                if ((leaf.u8(leaf.itemOffset(i) + 2) & B_DELETE) == 0) {
                    n++;
                }
            }
            p = leaf.nextPgno();
        }
        return n;
    }

    private long leftmostLeaf(long root) {
        long p = root;
        for (long depth = 0; ; depth++) {
            if (depth > file.pageCount()) {
                throw HashMeta.corrupt("the duplicate tree at page " + root + " loops");
            }
            HashPage page = page(p, HashPage.P_LDUP, P_LRECNO, HashPage.P_IBTREE, P_IRECNO);
            if (page.type() == HashPage.P_LDUP || page.type() == P_LRECNO) {
                return p;
            }
            if (page.entries() == 0) {
                throw HashMeta.corrupt("internal duplicate page " + p + " is empty");
            }
            int off = page.itemOffset(0);
            p = page.type() == HashPage.P_IBTREE ? page.u32(off + 4) : page.u32(off);
        }
    }

    private byte[] value(HashPage leaf, int off, int type) {
        if (type == B_KEYDATA) {
            return leaf.bytes(off + 3, leaf.u16(off));
        }
        if (type == B_OVERFLOW) {
            return db.overflow(leaf.u32(off + 4), leaf.u32(off + 8));
        }
        throw HashMeta.corrupt("duplicate page " + leaf.pgno() + " has an item of type " + type);
    }

    private static int[] leafTypes() {
        return new int[] {HashPage.P_LDUP, P_LRECNO};
    }

    private HashPage page(long pgno, int... types) {
        return new HashPage(file, pgno, types);
    }
}
