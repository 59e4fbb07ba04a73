package org.vrrp.protocol;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vrrp.HealthCheckSpec;
import org.vrrp.Reason;
import org.vrrp.TrackedLink;

/**
 * What a router's tracked links and health checks make of each instance: its effective priority (the base
 * priority with the checks' weights, as keepalived weighs {@code track_script}) and whether it is in FAULT, and why.
 * A tracked link without carrier, or a weight-0 check failing or not yet run, is a fault; the first such, in the
 * instance's declaration order, is the one named.
 *
 * <p>Pure like the machine: no I/O, no clock, no thread. Links and results come in as calls; verdicts go out as
 * values that the driver feeds to the machines ({@link Input.PriorityChanged}, {@link Input.FaultChanged}). Not
 * thread-safe: the protocol thread owns it.
 */
public final class TrackingPolicy {
    private final Map<String, Check> checks = new LinkedHashMap<>();
    private final Map<String, Boolean> linkUp = new HashMap<>();

    /**
     * What one instance is now.
     *
     * @param priority       the effective priority, 1..255
     * @param priorityReason why it is what it is: the last change of a tracked check, or the base priority set
     * @param fault          the fault that holds the instance in FAULT, or null
     */
    public record Verdict(int priority, Reason priorityReason, Reason.Fault fault) {
    }

    private static final class Check {
        final HealthCheckSpec spec;
        final HealthState state;
        /** How its status last changed; null before the first change. */
        Reason lastChange;
        /** A valued check's last read; null before the first. */
        Long value;

        Check(HealthCheckSpec spec, HealthState state, Reason lastChange) {
            this.spec = spec;
            this.state = state;
            this.lastChange = lastChange;
        }
    }

    /**
     * A policy over these health checks, each in its initial state (see {@link #initialState}).
     *
     * @param specs the specs
     */
    public TrackingPolicy(Collection<HealthCheckSpec> specs) {
        for (HealthCheckSpec spec : specs) {
            checks.put(spec.name(), new Check(spec, initialState(spec), null));
        }
    }

    /**
     * A polled check starts not yet known, as keepalived's vrrp_script: no weight until its first result, and a
     * weight-0 one holds FAULT until then. A pushed check starts healthy: the application reports a failure when
     * it sees one.
     */
    static HealthState initialState(HealthCheckSpec spec) {
        return spec.isPushed() ? HealthState.healthy(spec.fall(), spec.rise())
                : HealthState.notYetKnown(spec.fall(), spec.rise());
    }

    /**
     * A reload: the checks become these. One already known stays known (a master must not drop to FAULT because
     * a fall or rise changed); only a new one starts as at start-up. Links are kept.
     *
     * @param specs the specs
     */
    public void reconfigure(Collection<HealthCheckSpec> specs) {
        Map<String, Check> next = new LinkedHashMap<>();
        for (HealthCheckSpec spec : specs) {
            Check old = checks.get(spec.name());
            boolean sameDebounce = old != null && old.spec.fall() == spec.fall() && old.spec.rise() == spec.rise();
            HealthState state = sameDebounce ? old.state
                    : old != null ? old.state.withDebounce(spec.fall(), spec.rise()) : initialState(spec);
            Check kept = new Check(spec, state, old != null ? old.lastChange : null);
            kept.value = old != null && old.spec.isValued() && spec.isValued() ? old.value : null;
            next.put(spec.name(), kept);
        }
        checks.clear();
        checks.putAll(next);
    }

    /**
     * The names of the health checks, in declaration order.
     *
     * @return the names of the health checks, in declaration order
     */
    public Set<String> checkNames() {
        return checks.keySet();
    }

    /**
     * Whether this link's carrier is already followed.
     *
     * @param iface the iface
     * @return whether this link's carrier is already followed
     */
    public boolean watchesLink(String iface) {
        return linkUp.containsKey(iface);
    }

    /**
     * A link's carrier, first or changed. A link never reported counts as up.
     *
     * @param iface the iface
     * @param up the up
     * @return whether it changed what was known (the instances tracking it need {@link #evaluate})
     */
    public boolean linkChanged(String iface, boolean up) {
        Boolean before = linkUp.put(iface, up);
        return before == null || before != up;
    }

    /**
     * One result of a health check: counted against its fall and rise ({@code pushed}: taken at once, the
     * application has already decided).
     *
     * @param checkName the check name
     * @param healthy the healthy
     * @param pushed the pushed
     * @return how the check changed when its status flipped (the instances tracking it need {@link #evaluate}),
     *         else null
     * @throws IllegalArgumentException if there is no check of that name
     */
    public Reason healthResult(String checkName, boolean healthy, boolean pushed) {
        Check check = checks.get(checkName);
        if (check == null) {
            throw new IllegalArgumentException("no health check named \"" + checkName + "\"; declared: "
                    + checks.keySet());
        }
        boolean first = check.state.status() == HealthState.Status.UNKNOWN;
        boolean flipped = pushed ? check.state.force(healthy) : check.state.record(healthy);
        if (!flipped) {
            return null;
        }
        if (first) {
            check.lastChange = healthy ? new Reason.HealthFirstRunPassed(checkName)
                    : new Reason.HealthFirstRunFailed(checkName);
        } else {
            check.lastChange = healthy ? new Reason.HealthRecovered(checkName)
                    : new Reason.HealthFailed(checkName, check.spec.fall());
        }
        return check.lastChange;
    }

    /**
     * A valued check's read (keepalived's track_file).
     *
     * @param checkName the check name
     * @param value     the value read
     * @return how it changed when the value differs from the last one (the instances tracking it need
     *         {@link #evaluate}), else null
     * @throws IllegalArgumentException if there is no valued check of that name
     */
    public Reason valueResult(String checkName, long value) {
        Check check = checks.get(checkName);
        if (check == null || !check.spec.isValued()) {
            throw new IllegalArgumentException("no valued check named \"" + checkName + "\"; declared: "
                    + checks.keySet());
        }
        if (check.value != null && check.value == value) {
            return null;
        }
        check.value = value;
        check.lastChange = new Reason.TrackedValue(checkName, value);
        return check.lastChange;
    }

    /**
     * What a check adds to the priority now with this weight (0 when it adds nothing).
     *
     * @param checkName the check name
     * @param weight the weight
     * @return what a check adds to the priority now with this weight (0 when it adds nothing)
     */
    public int contribution(String checkName, int weight) {
        Check c = checks.get(checkName);
        if (c.spec.isValued()) {
            return valueContribution(c.value, weight);
        }
        return PriorityCalculator.contribution(weight, c.state.status());
    }

    /** keepalived's track_file: value times weight, clamped to -254..253; -254 is FAULT, so it adds nothing. */
    static int valueContribution(Long value, int weight) {
        if (value == null || weight == 0) {
            return 0;
        }
        long s = Math.max(-254, Math.min(253, value * (long) weight));
        return s == -254 ? 0 : (int) s;
    }

    /** Whether a valued check holds FAULT: not read yet with weight 0, non-zero with weight 0, or -254 or lower. */
    static boolean valueFault(Long value, int weight) {
        if (weight == 0) {
            return value == null || value != 0;
        }
        return value != null && value * (long) weight <= -254;
    }

    /**
     * An instance's priority and fault now.
     *
     * @param trackedInterfaces links whose carrier loss is a fault
     * @param trackedChecks     health check name to its weight for this instance
     * @param basePriority      configured, or set by the API, before weights
     * @param otherFault        a fault the driver holds besides links and checks (a VIP it could not add), or null
     * @return the instance's priority and fault now
     */
    public Verdict evaluate(List<String> trackedInterfaces, Map<String, Integer> trackedChecks, int basePriority,
                            Reason.Fault otherFault) {
        return evaluate(trackedInterfaces, Map.of(), trackedChecks, basePriority, otherFault);
    }

    /**
     * An instance's priority and fault now, with weighted links.
     *
     * @param trackedInterfaces links tracked; carrier loss is a fault unless the link is in {@code weightedLinks}
     * @param weightedLinks     links whose state changes the priority (keepalived's {@code track_interface IF weight N})
     *                          or whose {@code reverse} inverts the fault
     * @param trackedChecks     health check name to its weight for this instance
     * @param basePriority      configured, or set by the API, before weights
     * @param otherFault        a fault the driver holds besides links and checks, or null
     */
    public Verdict evaluate(List<String> trackedInterfaces, Map<String, TrackedLink> weightedLinks,
                            Map<String, Integer> trackedChecks, int basePriority, Reason.Fault otherFault) {
        Reason.Fault fault = null;
        int linkWeights = 0;
        Reason linkReason = null;
        for (String iface : trackedInterfaces) {
            boolean up = linkUp.getOrDefault(iface, true);
            TrackedLink link = weightedLinks.getOrDefault(iface, new TrackedLink(iface, 0, false));
            if (fault == null && link.isFault(up)) {
                fault = new Reason.LinkDown(iface);
            }
            int c = link.contribution(up);
            if (c != 0) {
                linkWeights += c;
                if (!up && !(linkReason instanceof Reason.LinkDown)) {
                    linkReason = new Reason.LinkDown(iface);
                } else if (linkReason == null) {
                    linkReason = new Reason.LinkUp(iface);
                }
            }
        }
        // The links' and valued checks' sum rides along as one more entry, so that the whole total is clamped
        // once, as keepalived does.
        int[] weights = new int[trackedChecks.size() + 1];
        HealthState.Status[] status = new HealthState.Status[trackedChecks.size() + 1];
        Reason priorityReason = new Reason.PrioritySet(basePriority);
        int i = 0;
        for (Map.Entry<String, Integer> e : trackedChecks.entrySet()) {
            Check c = checks.get(e.getKey());
            if (c.spec.isValued()) {
                // Its contribution rides with the links' sum; here it adds nothing.
                weights[i] = 0;
                status[i] = HealthState.Status.HEALTHY;
                linkWeights += valueContribution(c.value, e.getValue());
                if (fault == null && valueFault(c.value, e.getValue())) {
                    fault = c.value == null ? new Reason.HealthNotYetKnown(e.getKey())
                            : new Reason.TrackedValueFault(e.getKey(), c.value);
                }
                if (c.lastChange != null) {
                    priorityReason = c.lastChange;
                }
                i++;
                continue;
            }
            weights[i] = e.getValue();
            status[i] = c.state.status();
            if (fault == null && PriorityCalculator.isFault(weights[i], status[i])) {
                fault = status[i] == HealthState.Status.UNKNOWN ? new Reason.HealthNotYetKnown(e.getKey())
                        : c.lastChange instanceof Reason.Fault f ? f : new Reason.HealthFailed(e.getKey(), c.spec.fall());
            }
            if (c.lastChange != null) {
                priorityReason = c.lastChange;
            }
            i++;
        }
        if (linkReason != null && priorityReason instanceof Reason.PrioritySet) {
            priorityReason = linkReason;
        }
        weights[trackedChecks.size()] = linkWeights;
        status[trackedChecks.size()] = linkWeights > 0 ? HealthState.Status.HEALTHY : HealthState.Status.FAILING;
        return new Verdict(PriorityCalculator.effectivePriority(basePriority, weights, status), priorityReason,
                fault != null ? fault : otherFault);
    }

    /**
     * The input that tells a machine its fault moved from {@code before} to {@code now} (each null for none): the
     * fault raised, or the last one cleared with its {@link Reason.Fault#cleared() clearing reason}, or null when
     * there was and is none.
     *
     * @param before the before
     * @param now the now
     * @return the input, or null if the fault did not change
     */
    public static Input.FaultChanged faultInput(Reason.Fault before, Reason.Fault now) {
        if (now != null) {
            return Input.FaultChanged.raised(now);
        }
        return before != null ? Input.FaultChanged.cleared(before) : null;
    }
}
