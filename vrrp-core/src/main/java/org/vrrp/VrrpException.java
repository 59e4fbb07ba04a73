package org.vrrp;

/**
 * The environment would not let a router start or act: a missing capability, an unknown interface or
 * namespace, no network adapter. The message names the cause and the fix.
 */
public class VrrpException extends RuntimeException {
    public VrrpException(String message) {
        super(message);
    }

    public VrrpException(String message, Throwable cause) {
        super(message, cause);
    }
}
