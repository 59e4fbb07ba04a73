package org.vrrp.protocol;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vrrp.HealthCheckSpec;
import org.vrrp.Reason;

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
            next.put(spec.name(), new Check(spec, state, old != null ? old.lastChange : null));
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
     * What a check adds to the priority now with this weight (0 when it adds nothing).
     *
     * @param checkName the check name
     * @param weight the weight
     * @return what a check adds to the priority now with this weight (0 when it adds nothing)
     */
    public int contribution(String checkName, int weight) {
        return PriorityCalculator.contribution(weight, checks.get(checkName).state.status());
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
        Reason.Fault fault = null;
        for (String iface : trackedInterfaces) {
            if (!linkUp.getOrDefault(iface, true)) {
                fault = new Reason.LinkDown(iface);
                break;
            }
        }
        int[] weights = new int[trackedChecks.size()];
        HealthState.Status[] status = new HealthState.Status[trackedChecks.size()];
        Reason priorityReason = new Reason.PrioritySet(basePriority);
        int i = 0;
        for (Map.Entry<String, Integer> e : trackedChecks.entrySet()) {
            Check c = checks.get(e.getKey());
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
