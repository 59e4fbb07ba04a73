package org.vrrp;

/** The states of a VRRP instance (RFC 9568 section 6.4), plus FAULT for failed tracking or link. */
public enum VrrpState {
    /** Not started yet, or stopped. */
    INITIALIZE,
    /** Listening to a master; takes over when the master goes silent or resigns. */
    BACKUP,
    /** Owns the virtual addresses and advertises. */
    MASTER,
    /** A tracked interface lost carrier or a weight-0 health check failed: neither advertises nor takes over. */
    FAULT
}
