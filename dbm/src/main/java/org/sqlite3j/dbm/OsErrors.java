package org.sqlite3j.dbm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * File-system helpers shared by the backends: Python's {@code OSError} messages
 * ({@code "[Errno 2] No such file or directory: 'x'"}), the process umask, and Unix modes as
 * permission sets. Package-private.
 */
final class OsErrors {

    private OsErrors() {
    }

    /**
     * CPython's {@code str(OSError)} for {@code e} on {@code filename}: {@code [Errno N] strerror: 'name'}
     * ({@code b'name'} when {@code bytesName}, as for the fsencoded names dbm.dumb uses).
     */
    static String message(IOException e, Path filename, boolean bytesName) {
        String name = filename.toString();
        String shown = bytesName ? Dbm.repr(name.getBytes(StandardCharsets.UTF_8)) : strRepr(name);
        String errno = errno(e);
        return errno != null ? errno + ": " + shown : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String errno(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "[Errno 2] No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "[Errno 13] Permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "[Errno 17] File exists";
        }
        if (e instanceof NotDirectoryException) {
            return "[Errno 20] Not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "[Errno 39] Directory not empty";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            String reason = fse.getReason();
            if (reason.contains("Is a directory")) {
                return "[Errno 21] Is a directory";
            }
            if (reason.contains("Read-only file system")) {
                return "[Errno 30] Read-only file system";
            }
            if (reason.contains("No space left")) {
                return "[Errno 28] No space left on device";
            }
        }
        String m = e.getMessage();
        if (m != null && m.contains("Is a directory")) {
            return "[Errno 21] Is a directory";
        }
        return null;
    }

    /** Python's {@code repr(str)} for the ASCII-or-printable names of files. */
    static String strRepr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7F) {
                sb.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append(quote).toString();
    }

    private static volatile Integer umask;

    /**
     * The process umask (Linux: the {@code Umask:} line of {@code /proc/self/status}); 022 when it
     * cannot be read.
     */
    static int umask() {
        Integer u = umask;
        if (u == null) {
            u = 0022;
            Path status = Path.of("/proc/self/status");
            if (Files.isReadable(status)) {
                try (InputStream in = Files.newInputStream(status)) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                        if (line.startsWith("Umask:")) {
                            u = Integer.parseInt(line.substring(6).trim(), 8);
                        }
                    }
                } catch (IOException | NumberFormatException ignored) {
                    // keep 022
                }
            }
            umask = u;
        }
        return u;
    }

    /** The permission bits (0777) of a Unix mode as a set. */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

    /** True when the file system of {@code dir} has Unix permissions. */
    static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
