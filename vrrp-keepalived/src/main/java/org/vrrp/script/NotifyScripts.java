package org.vrrp.script;

import java.util.Objects;
import java.util.Optional;

/**
 * The notify scripts of one keepalived vrrp_instance or vrrp_sync_group, as command strings
 * (keepalived syntax: words separated by spaces, single quotes group a word). Immutable and
 * thread-safe.
 *
 * <p>keepalived's calling convention, which {@link NotifyScriptRunner} follows: on a transition the
 * state-specific script ({@code notify_master}, {@code notify_backup}, {@code notify_fault},
 * {@code notify_stop}) runs first with no extra arguments, then the generic {@code notify} script
 * with four extra arguments: {@code INSTANCE|GROUP}, the name, {@code MASTER|BACKUP|FAULT|STOP} and
 * the priority.
 *
 * @param notifyGeneric generic {@code notify} script, run on every transition with TYPE NAME STATE PRIORITY appended
 * @param notifyMaster  run on becoming MASTER
 * @param notifyBackup  run on becoming BACKUP
 * @param notifyFault   run on becoming FAULT
 * @param notifyStop    run when the instance stops
 */
public record NotifyScripts(Optional<String> notifyGeneric, Optional<String> notifyMaster, Optional<String> notifyBackup,
                            Optional<String> notifyFault, Optional<String> notifyStop) {
    /** No scripts at all. */
    public static final NotifyScripts NONE = new NotifyScripts(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    /**
     * Checks that the components are present.
     *
     * @param notifyGeneric generic {@code notify} script, run on every transition with TYPE NAME STATE PRIORITY appended
     * @param notifyMaster run on becoming MASTER
     * @param notifyBackup run on becoming BACKUP
     * @param notifyFault run on becoming FAULT
     * @param notifyStop run when the instance stops
     */
    public NotifyScripts {
        Objects.requireNonNull(notifyGeneric, "notifyGeneric");
        Objects.requireNonNull(notifyMaster, "notifyMaster");
        Objects.requireNonNull(notifyBackup, "notifyBackup");
        Objects.requireNonNull(notifyFault, "notifyFault");
        Objects.requireNonNull(notifyStop, "notifyStop");
    }

    /**
     * True when no script is configured.
     *
     * @return whether no script is configured
     */
    public boolean isEmpty() {
        return notifyGeneric.isEmpty() && notifyMaster.isEmpty() && notifyBackup.isEmpty() && notifyFault.isEmpty()
                && notifyStop.isEmpty();
    }
}
