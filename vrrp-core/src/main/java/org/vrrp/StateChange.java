package org.vrrp;

import java.time.Instant;
import java.util.Objects;

/**
 * One transition of one VRRP instance, as delivered to a {@link VrrpListener}.
 *
 * @param instance       instance name (the router's name when it has a single instance)
 * @param from           state before
 * @param to             state after
 * @param reason         why, a closed set to switch over ({@link Reason.MasterDown},
 *                       {@link Reason.HigherPriority}, {@link Reason.Shutdown}, ...); its {@code toString()}
 *                       reads as in the log: {@code "master down timer expired"},
 *                       {@code "higher priority 250 from 192.0.2.2"}, {@code "shutdown"}
 * @param sequence       1, 2, 3, ... per router, in the order transitions happened; callbacks are delivered in this order
 * @param time           wall-clock time of the transition
 * @param priority       the instance's effective priority at the transition
 */
public record StateChange(String instance, VrrpState from, VrrpState to, Reason reason, long sequence,
                          Instant time, int priority) {
    /**
     * Checks that the components are present.
     *
     * @param instance instance name (the router's name when it has a single instance)
     * @param from state before
     * @param to state after
     * @param reason why, a closed set to switch over ({@link Reason.MasterDown}, {@link Reason.HigherPriority}, {@link Reason.Shutdown}, ...); its {@code toString()} reads as in the log: {@code "master down timer expired"}, {@code "higher priority 250 from 192.0.2.2"}, {@code "shutdown"}
     * @param sequence 1, 2, 3, ... per router, in the order transitions happened; callbacks are delivered in this order
     * @param time wall-clock time of the transition
     * @param priority the instance's effective priority at the transition
     */
    public StateChange {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(time, "time");
    }

    @Override
    public String toString() {
        return "(" + instance + ") " + from + " -> " + to + ": " + reason;
    }
}
