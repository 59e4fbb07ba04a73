package org.vrrp.runtime;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vrrp.RealtimePriority;
import org.vrrp.spi.NetworkStack;

/**
 * Gives the protocol thread the real-time priority the configuration asks for
 * ({@link org.vrrp.VrrpRouterConfig#realtimePriority()}), through the network adapter, which is the one that may
 * make OS calls. A refusal is logged once per requested value and the router carries on at normal priority, as
 * keepalived does. Confined to the protocol thread: {@link #apply} changes the calling thread.
 */
final class ProtocolThreadPriority {
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolThreadPriority.class);

    private final NetworkStack stack;
    /** The last value asked for, applied or not: asking again for a refused value does not warn again. */
    private int requested = RealtimePriority.OFF;

    ProtocolThreadPriority(NetworkStack stack) {
        this.stack = stack;
    }

    /**
     * Applies {@code priority} to the calling thread if it differs from the last value asked for.
     *
     * @param priority 1..99, or 0 for normal scheduling
     */
    void apply(int priority) {
        if (priority == requested) {
            return;
        }
        int previous = requested;
        requested = priority;
        String thread = Thread.currentThread().getName();
        try {
            stack.setThreadRealtimePriority(priority);
        } catch (IOException | RuntimeException e) {
            if (priority == RealtimePriority.OFF) {
                LOG.warn("{} stays at real-time priority {}: could not return it to normal scheduling: {}", thread,
                        previous, e.getMessage());
            } else {
                LOG.warn("{} runs at normal priority, not real-time priority {} (realtimePriority /"
                        + " vrrp_rt_priority): {}", thread, priority, e.getMessage());
            }
            return;
        }
        if (priority == RealtimePriority.OFF) {
            LOG.info("{} runs at normal priority again (SCHED_OTHER)", thread);
        } else {
            LOG.info("{} runs at real-time priority {} (SCHED_RR)", thread, priority);
        }
    }
}
