package org.vrrp.config.keepalived;

import java.util.Objects;

/**
 * Where something was written in a keepalived configuration: a file (as named in messages) and a
 * 1-based line number. Immutable and thread-safe.
 *
 * @param file the file name used in messages: the path given to the reader, or an included file's
 *             path resolved against its includer
 * @param line 1-based line number, or 0 when the finding is about the file as a whole (it cannot be read)
 */
public record SourceLocation(String file, int line) {
    /**
     * Checks that the file is named and the line is not negative.
     *
     * @param file the file name used in messages: the path given to the reader, or an included file's path resolved against its includer
     * @param line 1-based line number, or 0 when the finding is about the file as a whole (it cannot be read)
     */
    public SourceLocation {
        Objects.requireNonNull(file, "file");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0, got " + line);
        }
    }

    /** {@code file:line} (just {@code file} for line 0), the prefix of every diagnostic. */
    @Override
    public String toString() {
        return line == 0 ? file : file + ":" + line;
    }
}
