package org.vrrp.tool;

/** Thrown by a {@link Command} whose arguments are wrong; the message is one line naming what is wrong. */
public final class UsageException extends Exception {
    /** @param message what is wrong with the command line */
    public UsageException(String message) {
        super(message);
    }
}
