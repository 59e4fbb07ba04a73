package org.vrrp.config.keepalived;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.vrrp.GarpConfig;
import org.vrrp.HealthCheckSpec;
import org.vrrp.InstanceBuilder;
import org.vrrp.StateChange;
import org.vrrp.VrrpListener;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;
import org.vrrp.script.NotifyScriptRunner;
import org.vrrp.script.NotifyState;
import org.vrrp.script.NotifyTarget;

/**
 * Turns a parsed keepalived.conf into a {@link VrrpRouter.Builder}: one router running every
 * {@code vrrp_instance}, its {@code vrrp_sync_group}s and {@code vrrp_script}s, with notify scripts
 * run by a {@link NotifyScriptRunner}. What the library does not do is returned as warnings naming
 * the file, line and keyword, never silently dropped.
 *
 * <p>Stateless and thread-safe.
 */
public final class KeepalivedMapping {
    private KeepalivedMapping() {}

    /**
     * The result: a builder ready to {@code start()} (the caller may add listeners or a control
     * socket first), and what was not carried over.
     */
    public record Result(VrrpRouter.Builder builder, List<String> warnings) {
        /**
         * Copies the warnings, so the result is immutable.
         *
         * @param builder the builder
         * @param warnings the warnings
         */
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * @param config the config
     * @param notifier runs the notify scripts; owned by the caller, who closes it after the router
     * @return the router builder and what the mapping reports
     */
    public static Result toBuilder(KeepalivedConfig config, NotifyScriptRunner notifier) {
        Objects.requireNonNull(notifier, "notifier");
        List<String> warnings = new ArrayList<>();
        VrrpRouter.Builder b = VrrpRouter.builder();
        config.netNamespace().ifPresent(b::networkNamespace);
        Set<String> disabled = new HashSet<>();
        for (VrrpScriptDef script : config.scripts()) {
            Optional<String> problem = script.healthCheck().command().programProblem();
            if (problem.isPresent()) {
                // keepalived 2.2.7 checks each script once when it loads the file and disables a missing one:
                // "Disabling track script NAME since not found/accessible". The instances that track it go on
                // as if it were not there; here it stays declared, always healthy, with weight 0.
                warnings.add(script.location() + ": vrrp_script " + script.name() + ": " + problem.get()
                        + ": the script is disabled, as keepalived does; instances tracking it ignore it");
                disabled.add(script.name());
                b.healthCheck(HealthCheckSpec.polled(script.name(), () -> true)
                        .withInterval(Duration.ofMillis(script.intervalMillis())).withWeight(0));
                continue;
            }
            b.healthCheck(HealthCheckSpec.polled(script.name(), script.healthCheck())
                    .withInterval(Duration.ofMillis(script.intervalMillis()))
                    .withTimeout(Duration.ofMillis(script.timeoutMillis()))
                    .withFall(script.fall()).withRise(script.rise()).withWeight(script.weight()));
            if (script.weightReverse() || script.initFail()) {
                warnings.add(script.location() + ": vrrp_script " + script.name()
                        + ": 'reverse' and 'init_fail' are not supported; the check starts not yet known (it runs at"
                        + " once and its first result counts) and its weight applies as written");
            }
        }
        for (VrrpInstanceDef inst : config.instances()) {
            b.instance(inst.name(), i -> mapInstance(config, inst, i, warnings, disabled));
            if (!inst.notifyScripts().isEmpty()) {
                b.listener(onlyFor(inst.name(), notifier.listenerFor(inst.name(), inst.notifyScripts())));
            }
        }
        for (VrrpSyncGroupDef group : config.syncGroups()) {
            b.syncGroup(group.name(), group.instanceNames().toArray(String[]::new));
            if (!group.notifyScripts().isEmpty()) {
                b.listener(new GroupNotifier(group, notifier));
            }
        }
        return new Result(b, warnings);
    }

    private static void mapInstance(KeepalivedConfig config, VrrpInstanceDef d, InstanceBuilder i, List<String> warnings,
                                    Set<String> disabledScripts) {
        i.interfaceName(d.interfaceName())
                .virtualRouterId(d.virtualRouterId())
                .priority(d.priority())
                .version(d.version())
                .advertisementInterval(Duration.ofMillis(d.advertIntervalCentis() * 10L))
                .preempt(d.preempt())
                .preemptDelay(Duration.ofMillis(d.preemptDelayMillis()))
                // keepalived 2.2.7 (vrrp_init_state) starts a non-owner in BACKUP whatever its state line and
                // takes over only after Master_Down_Interval without a master; the owner goes MASTER at once.
                .initialState(VrrpState.BACKUP)
                .dontTrackPrimary(d.dontTrackPrimary())
                .checksumWithIpv4PseudoHeader(!d.v3ChecksumAsV2())
                .garp(garp(d.garp(), d.family() == org.vrrp.packet.AddressFamily.IPV4
                        ? config.globalDefs().garpIntervalMicros() : config.globalDefs().gnaIntervalMicros()));
        d.authPass().ifPresent(i::authentication);
        for (VirtualIpAddress v : d.virtualAddresses()) {
            String text = v.address().getHostAddress() + "/" + v.prefixLength();
            if (v.device().isPresent()) {
                i.vip(text, v.device().get());
            } else {
                i.vip(text);
            }
        }
        d.unicastPeers().forEach(p -> i.unicastPeer(p.getHostAddress()));
        for (TrackedInterface t : d.trackInterfaces()) {
            i.trackInterface(t.name());
            if (t.weight() != 0 || t.reverse()) {
                warnings.add(t.location() + ": track_interface " + t.name() + " weight " + t.weight()
                        + ": weighted interface tracking is not supported; carrier loss puts the instance in FAULT");
            }
        }
        List<TrackedScript> scripts = new ArrayList<>(d.trackScripts());
        config.syncGroupOf(d.name()).ifPresent(g -> {
            scripts.addAll(g.trackScripts());
            g.trackInterfaces().forEach(t -> i.trackInterface(t.name()));
        });
        for (TrackedScript t : scripts) {
            if (disabledScripts.contains(t.name())) {
                i.trackHealthCheck(t.name(), 0);
                continue;
            }
            i.trackHealthCheck(t.name(), t.weight());
            if (t.reverse()) {
                warnings.add(t.location() + ": track_script " + t.name() + " reverse: not supported, ignored");
            }
        }
        if (!d.excludedAddresses().isEmpty()) {
            warnings.add(d.locationOf("virtual_ipaddress_excluded") + ": virtual_ipaddress_excluded is not supported"
                    + " yet: those addresses are NOT added on becoming master");
        }
        d.sourceAddress().ifPresent(a -> warnings.add(d.locationOf("unicast_src_ip") + ": unicast_src_ip/mcast_src_ip "
                + a.getHostAddress() + " is not supported: adverts go out from the interface's primary address"));
    }

    private static GarpConfig garp(GarpSettings g, int intervalMicros) {
        return new GarpConfig(g.masterDelaySeconds() * 100, Math.max(1, g.masterRepeat()),
                g.masterRefreshSeconds() * 100, Math.max(1, g.masterRefreshRepeat()), (intervalMicros + 9_999) / 10_000);
    }

    /** Passes on only the transitions of one instance: a router with several instances tells all listeners of all. */
    static VrrpListener onlyFor(String instanceName, VrrpListener inner) {
        return new VrrpListener() {
            @Override
            public void stateChanged(StateChange change) {
                if (change.instance().equals(instanceName)) {
                    inner.stateChanged(change);
                }
            }
        };
    }

    /**
     * Runs a sync group's notify scripts (type GROUP) once the whole group has reached a state, as
     * keepalived does, rather than once per member.
     */
    private static final class GroupNotifier implements VrrpListener {
        private final VrrpSyncGroupDef group;
        private final NotifyScriptRunner notifier;
        private final Map<String, VrrpState> memberStates = new HashMap<>();
        private VrrpState notified;

        GroupNotifier(VrrpSyncGroupDef group, NotifyScriptRunner notifier) {
            this.group = group;
            this.notifier = notifier;
        }

        @Override
        public synchronized void stateChanged(StateChange change) {
            if (!group.instanceNames().contains(change.instance())) {
                return;
            }
            memberStates.put(change.instance(), change.to());
            Map<String, VrrpState> view = new LinkedHashMap<>();
            for (String member : group.instanceNames()) {
                view.put(member, memberStates.get(member));
            }
            boolean allSame = view.values().stream().allMatch(s -> s == change.to());
            if (allSame && notified != change.to()) {
                notified = change.to();
                notifier.submit(NotifyTarget.GROUP, group.name(), NotifyState.of(change.to()), change.priority(),
                        group.notifyScripts());
            }
        }
    }
}
