package org.vrrp.script;

import java.util.Optional;
import org.vrrp.VrrpState;

/** The state word keepalived passes to a generic {@code notify} script (always upper case). */
public enum NotifyState {
    /** {@code MASTER}: the instance (or group) became master. */
    MASTER,
    /** {@code BACKUP}: the instance (or group) became backup. */
    BACKUP,
    /** {@code FAULT}: the instance (or group) entered FAULT. */
    FAULT,
    /** The instance stopped (keepalived's {@code notify_stop}); our {@link VrrpState#INITIALIZE} after close. */
    STOP;

    /**
     * The notify state for a transition into {@code state}: INITIALIZE is a stop.
     *
     * @param state the state
     * @return the notify state for a transition into {@code state}: INITIALIZE is a stop
     */
    public static NotifyState of(VrrpState state) {
        switch (state) {
            case MASTER: return MASTER;
            case BACKUP: return BACKUP;
            case FAULT: return FAULT;
            case INITIALIZE: return STOP;
            default: throw new AssertionError(state);
        }
    }

    /** The state-specific script of {@code scripts} for this state ({@code notify_master} for MASTER, ...). */
    Optional<String> specificScript(NotifyScripts scripts) {
        switch (this) {
            case MASTER: return scripts.notifyMaster();
            case BACKUP: return scripts.notifyBackup();
            case FAULT: return scripts.notifyFault();
            case STOP: return scripts.notifyStop();
            default: throw new AssertionError(this);
        }
    }
}
