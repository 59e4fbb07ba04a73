package org.vrrp;

import java.net.InetAddress;
import java.util.Objects;
import org.vrrp.spi.VirtualAddress;

/**
 * Why an instance changed state: a closed set, so a listener can switch over it, and each reads (its
 * {@code toString()}) exactly like the log line, e.g. {@code "higher priority 250 from 192.0.2.2"}.
 * Immutable and thread-safe.
 *
 * <p>{@link Fault} reasons put an instance in FAULT; each names the reason given when it clears
 * ({@link Fault#cleared()}): a {@link LinkDown} clears as {@link LinkUp}, a {@link HealthFailed} as
 * {@link HealthRecovered}.
 */
public sealed interface Reason {
    // ---- elections (RFC 9568 6.4) ----

    /** Master_Down_Timer fired: no advert from a master within Master_Down_Interval. */
    record MasterDown() implements Reason {
        @Override
        public String toString() {
            return "master down timer expired";
        }
    }

    /** The master resigned with a priority-0 advert; we took over after Skew_Time. */
    record PriorityZero(InetAddress master) implements Reason {
        @Override
        public String toString() {
            return "master " + host(master) + " resigned (priority 0)";
        }
    }

    /** A backup with preempt took over from a lower-priority master whose adverts it ignored. */
    record Preempt(int priority, InetAddress master) implements Reason {
        @Override
        public String toString() {
            return "preempting lower priority " + priority + " from " + host(master);
        }
    }

    /** As {@link Preempt}, once the configured preempt delay had passed. */
    record PreemptDelayOver(int priority, InetAddress master) implements Reason {
        @Override
        public String toString() {
            return "preempt delay over, preempting lower priority " + priority + " from " + host(master);
        }
    }

    /** A master heard an advert of higher priority and stepped down. */
    record HigherPriority(int priority, InetAddress from) implements Reason {
        @Override
        public String toString() {
            return "higher priority " + priority + " from " + host(from);
        }
    }

    /** A master heard an advert of equal priority from a higher address (the tie-break) and stepped down. */
    record EqualPriorityHigherAddress(int priority, InetAddress from) implements Reason {
        @Override
        public String toString() {
            return "equal priority " + priority + " from higher address " + host(from);
        }
    }

    // ---- lifecycle ----

    /** The router started; the instance waits to hear the LAN. */
    record Startup() implements Reason {
        @Override
        public String toString() {
            return "startup";
        }
    }

    /** The router closed. */
    record Shutdown() implements Reason {
        @Override
        public String toString() {
            return "shutdown";
        }
    }

    /**
     * The router closed with a hand-over: it sent priority 0, kept its addresses until {@code newMaster} advertised,
     * then let go.
     */
    record HandedOver(InetAddress newMaster) implements Reason {
        @Override
        public String toString() {
            return "shutdown: handed over to " + host(newMaster);
        }
    }

    /** Priority 255: the instance owns its addresses and is master from the start. */
    record AddressOwner() implements Reason {
        @Override
        public String toString() {
            return "address owner (priority 255)";
        }
    }

    /** Configured to start as master (keepalived's {@code state MASTER}). */
    record InitialStateMaster() implements Reason {
        @Override
        public String toString() {
            return "initial state MASTER";
        }
    }

    /** An operator's command, e.g. {@code resign} (API or control socket). */
    record Operator(String command) implements Reason {
        /**
         * Checks that the command is named.
         *
         * @param command the command
         */
        public Operator {
            Objects.requireNonNull(command, "command");
        }

        @Override
        public String toString() {
            return "resign".equals(command) ? "resigned by operator" : command + " by operator";
        }
    }

    /** The priority was set (configured, reloaded or by an operator); a priority change, not a transition. */
    record PrioritySet(int priority) implements Reason {
        @Override
        public String toString() {
            return "priority set to " + priority;
        }
    }

    // ---- sync groups ----

    /** A sync group brought this member along with another member's transition. */
    record SyncGroup(String group, String member, VrrpState memberState, Reason memberReason) implements Reason {
        @Override
        public String toString() {
            return "sync group " + group + ": " + member + " became " + memberState;
        }
    }

    /** A member of the sync group is in FAULT, which holds the whole group there. */
    record SyncGroupMemberInFault(String group, String member) implements Reason {
        @Override
        public String toString() {
            return "sync group " + group + ": " + member + " in fault";
        }
    }

    /** The last member's fault cleared: the group leaves FAULT together. */
    record SyncGroupFaultCleared(String group) implements Reason {
        @Override
        public String toString() {
            return "sync group " + group + ": no member in fault";
        }
    }

    // ---- tracking: faults and their clearing ----

    /** A reason that holds an instance in FAULT while it lasts. */
    sealed interface Fault extends Reason {
        /**
         * The reason given when this fault clears.
         *
         * @return the reason given when this fault clears
         */
        Reason cleared();
    }

    /** A tracked interface lost carrier. */
    record LinkDown(String iface) implements Fault {
        @Override
        public Reason cleared() {
            return new LinkUp(iface);
        }

        @Override
        public String toString() {
            return "link " + iface + " lost carrier";
        }
    }

    /** A tracked interface has carrier again. */
    record LinkUp(String iface) implements Reason {
        @Override
        public String toString() {
            return "link " + iface + " carrier back";
        }
    }

    /** A polled health check has not run yet: no weight until its first result, FAULT if its weight is 0. */
    record HealthNotYetKnown(String check) implements Fault {
        @Override
        public Reason cleared() {
            return new HealthFirstRunPassed(check);
        }

        @Override
        public String toString() {
            return "health check " + check + " has not run yet";
        }
    }

    /** A health check failed its first run. */
    record HealthFirstRunFailed(String check) implements Fault {
        @Override
        public Reason cleared() {
            return new HealthRecovered(check);
        }

        @Override
        public String toString() {
            return "health check " + check + " failed its first run";
        }
    }

    /** A health check passed its first run. */
    record HealthFirstRunPassed(String check) implements Reason {
        @Override
        public String toString() {
            return "health check " + check + " passed its first run";
        }
    }

    /** A health check failed {@code times} runs in a row (its fall count). */
    record HealthFailed(String check, int times) implements Fault {
        @Override
        public Reason cleared() {
            return new HealthRecovered(check);
        }

        @Override
        public String toString() {
            return "health check " + check + " failed" + (times > 1 ? " " + times + " times" : "");
        }
    }

    /** A health check that had failed passes again (its rise count). */
    record HealthRecovered(String check) implements Reason {
        @Override
        public String toString() {
            return "health check " + check + " recovered";
        }
    }

    /** A valued check (keepalived's track_file) read a new value. */
    record TrackedValue(String check, long value) implements Reason {
        @Override
        public String toString() {
            return "tracked value " + check + " is " + value;
        }
    }

    /**
     * A valued check holds FAULT: with weight 0 its value is not 0, or its value times the weight is -254 or
     * lower (keepalived's track_file).
     */
    record TrackedValueFault(String check, long value) implements Fault {
        @Override
        public Reason cleared() {
            return new HealthRecovered(check);
        }

        @Override
        public String toString() {
            return "tracked value " + check + " is " + value + ", which means FAULT";
        }
    }

    /** The kernel refused to add a VIP: the instance goes to FAULT rather than MASTER, and retries later. */
    record VipNotAdded(VirtualAddress vip, String error) implements Fault {
        @Override
        public Reason cleared() {
            return new VipRetry();
        }

        @Override
        public String toString() {
            return "could not add " + vip + ": " + error;
        }
    }

    /** The retry time after a {@link VipNotAdded} passed. */
    record VipRetry() implements Reason {
        @Override
        public String toString() {
            return "retrying to add the VIPs";
        }
    }

    private static String host(InetAddress a) {
        return a == null ? "unknown" : a.getHostAddress();
    }
}
