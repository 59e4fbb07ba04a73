package org.vrrp.script;

/** The first word keepalived passes to a generic {@code notify} script: what changed state. */
public enum NotifyTarget {
    /** A vrrp_instance. */
    INSTANCE,
    /** A vrrp_sync_group. */
    GROUP
}
