package org.vrrp.linux;

import java.io.IOException;
import java.util.function.IntFunction;

/**
 * A system call failed. The message names the call, the errno (number, symbol and text) and, when we
 * know one, the fix; {@link #errno()} gives the number for code that handles specific errors.
 *
 * <p>Immutable and thread-safe.
 */
public final class ErrnoException extends IOException {
    /** The errno value the call left. */
    private final int errno;

    ErrnoException(String operation, int errno, String advice) {
        super(operation + " failed: " + Native.describeErrno(errno)
                + (advice == null || advice.isEmpty() ? "" : ". " + advice));
        this.errno = errno;
    }

    /** The same errno, described as a failure of {@code operation}, with the advice for it. */
    ErrnoException as(String operation, IntFunction<String> advice) {
        return new ErrnoException(operation, errno, advice == null ? null : advice.apply(errno));
    }

    /**
     * The errno value the call left (e.g. 1 for EPERM).
     *
     * @return the errno value the call left
     */
    public int errno() {
        return errno;
    }
}
