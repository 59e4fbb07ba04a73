package org.vrrp;

/**
 * The environment would not let a router start or act: a missing capability, an unknown interface or
 * namespace, no network adapter. The message names the cause and the fix.
 */
public class VrrpException extends RuntimeException {
    /** @param message what went wrong and what to do about it */
    public VrrpException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do about it
     * @param cause the failure underneath
     */
    public VrrpException(String message, Throwable cause) {
        super(message, cause);
    }
}
