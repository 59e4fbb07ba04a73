package org.vrrp.examples.differential;

import java.util.ArrayList;
import java.util.List;

/**
 * A scenario written once and run twice (keepalived, then ours, in the role {@code role}): routers,
 * a fault script over time, the VIPs to watch. {@code keepalivedHolders} is what the scenario expects
 * keepalived (the oracle) to show for the first VIP, so a scenario that does not exercise what it claims
 * fails on the keepalived run already. Takeover times must agree within {@link #toleranceMillis}, unless
 * a {@link Deviation} says how and why we differ.
 */
public record Scenario(String name, String why, List<RouterSpec> routers, String role, List<Fault> faults,
                       List<String> vips, String keepalivedHolders, long tailMillis, Deviation deviation,
                       long alignOffsetMillis, long fixedToleranceMillis, String toleranceWhy,
                       Integer reassertAfterFault) {

    /**
     * How late the role, as master, may answer a lower-priority advert on the wire: RFC 9568 6.4.3 (and
     * keepalived) send an advert at once. The slack is for two processes on a busy machine.
     */
    static final long REASSERT_SLACK_MILLIS = 50;

    /**
     * max(100 ms, 15 % of keepalived's figure), the jitter of two processes on a busy 2-core machine;
     * or the scenario's own tolerance where a figure depends on a phase the harness cannot align (a
     * health check's own interval, two masters advertising at independent phases), with its reason.
     */
    public long toleranceMillis(long keepalivedMillis) {
        return fixedToleranceMillis > 0 ? fixedToleranceMillis : Math.max(100, keepalivedMillis * 15 / 100);
    }

    public RouterSpec router(String routerName) {
        return routers.stream().filter(r -> r.name().equals(routerName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + ": no router " + routerName));
    }

    /** Runs the script in order; the run ends {@code tailMillis} after the last fault. */
    public long lengthMillis() {
        return faults.stream().mapToLong(Fault::atMillis).max().orElse(0) + tailMillis;
    }

    @Override
    public String toString() {
        return name;
    }

    public static Builder named(String name, String why) {
        return new Builder(name, why);
    }

    /** Reads like the scenario: routers, role, faults, then what keepalived shows. */
    public static final class Builder {
        private final String name;
        private final String why;
        private final List<RouterSpec> routers = new ArrayList<>();
        private final List<Fault> faults = new ArrayList<>();
        private final List<String> vips = new ArrayList<>();
        private String role;
        private long tailMillis = 2_000;
        private Deviation deviation;
        private Integer reassertAfterFault;
        private long alignOffsetMillis = 100;
        private long fixedToleranceMillis;
        private String toleranceWhy = "max(100 ms, 15 %)";

        private Builder(String name, String why) {
            this.name = name;
            this.why = why;
        }

        public Builder router(RouterSpec router) {
            routers.add(router);
            return this;
        }

        public Builder role(String routerName) {
            this.role = routerName;
            return this;
        }

        public Builder vip(String address) {
            vips.add(address);
            return this;
        }

        public Builder fault(Fault fault) {
            faults.add(fault);
            return this;
        }

        public Builder tail(long millis) {
            this.tailMillis = millis;
            return this;
        }

        /** Tolerance of {@code millis} instead of max(100 ms, 15 %), for the reason given. */
        public Builder tolerance(long millis, String why) {
            this.fixedToleranceMillis = millis;
            this.toleranceWhy = why;
            return this;
        }

        /** Applies aligned faults this long after an advert; 0: at once (intervals below 100 ms). */
        public Builder alignOffset(long millis) {
            this.alignOffsetMillis = millis;
            return this;
        }

        /**
         * Also checks on the wire that the role, as master, answers the first lower-priority advert after
         * fault {@code faultIndex} at once (RFC 9568 6.4.3 "reassert"), as keepalived does; a takeover time
         * cannot show this, since two masters resolve at whichever advert comes first. A run in which the
         * role's own advert came first has no lower advert to answer and does not exercise the rule.
         */
        public Builder reassertAfter(int faultIndex) {
            this.reassertAfterFault = faultIndex;
            return this;
        }

        public Builder deviation(Deviation d) {
            this.deviation = d;
            return this;
        }

        public Scenario keepalivedHolders(String holders) {
            Scenario s = new Scenario(name, why, List.copyOf(routers), role, List.copyOf(faults), List.copyOf(vips),
                    holders, tailMillis, deviation, alignOffsetMillis, fixedToleranceMillis, toleranceWhy,
                    reassertAfterFault);
            for (int i = 1; i < faults.size(); i++) {
                if (faults.get(i).atMillis() < faults.get(i - 1).atMillis()) {
                    throw new IllegalArgumentException(name + ": faults out of order at " + faults.get(i));
                }
            }
            s.router(role); // the role must be one of the routers
            if (vips.isEmpty()) {
                throw new IllegalArgumentException(name + ": no VIP to watch");
            }
            return s;
        }
    }
}
