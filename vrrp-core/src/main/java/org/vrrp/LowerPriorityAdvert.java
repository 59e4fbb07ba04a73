package org.vrrp;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * A master heard an advert of lower priority (or of equal priority from a lower address) for its virtual
 * router: another router believes it is master, typically after a communication break. keepalived runs
 * {@code notify_master_rx_lower_pri} on each one; delivered to {@link VrrpListener#masterHeardLowerPriority}.
 *
 * @param instance     the instance that is master
 * @param from         the source address of the advert
 * @param priority     the priority in the advert
 * @param ourPriority  the master's effective priority
 * @param time         wall-clock time it was heard
 */
public record LowerPriorityAdvert(String instance, InetAddress from, int priority, int ourPriority, Instant time) {
    /**
     * Checks that the components are present.
     *
     * @param instance the instance that is master
     * @param from the source address of the advert
     * @param priority the priority in the advert
     * @param ourPriority the master's effective priority
     * @param time wall-clock time it was heard
     */
    public LowerPriorityAdvert {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(time, "time");
    }

    @Override
    public String toString() {
        return "(" + instance + ") master heard lower priority " + priority + " from " + from.getHostAddress()
                + ", ours " + ourPriority;
    }
}
