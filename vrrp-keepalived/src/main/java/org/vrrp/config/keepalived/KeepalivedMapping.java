package org.vrrp.config.keepalived;

import java.nio.file.Path;
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
import org.vrrp.script.NotifyFifo;
import org.vrrp.script.TrackFileCheck;
import org.vrrp.script.TrackProcessCheck;
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
        config.globalDefs().vrrpRtPriority().ifPresent(b::realtimePriority);
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
            if (script.initFail()) {
                warnings.add(script.location() + ": vrrp_script " + script.name() + ": 'init_fail' is not supported;"
                        + " the check starts not yet known (it runs at once and its first result counts)");
            }
        }
        Trackers trackers = new Trackers(config, b, disabled);
        for (VrrpInstanceDef inst : config.instances()) {
            b.instance(inst.name(), i -> {
                mapInstance(config, inst, i, warnings);
                trackers.track(inst, i);
            });
            if (!inst.notifyScripts().isEmpty()) {
                b.listener(onlyFor(inst.name(), notifier.listenerFor(inst.name(), inst.notifyScripts())));
            }
        }
        for (VrrpScriptDef script : config.scripts()) {
            if (!disabled.contains(script.name()) && !trackers.runs(script.name())) {
                // keepalived 2.2.7 (vrrp_complete_init): "Warning - script NAME is not used", and it is not run
                warnings.add(script.location() + ": vrrp_script " + script.name() + " is not used by any vrrp_instance"
                        + " or vrrp_sync_group: it is not run, as keepalived does");
            }
        }
        List<NotifyFifo> fifos = new ArrayList<>();
        for (NotifyFifoDef f : config.globalDefs().notifyFifos()) {
            fifos.add(notifier.fifo(Path.of(f.path()), f.script()));
        }
        if (!fifos.isEmpty()) {
            // Registered before the group listeners: an instance's line comes before its group's, as in keepalived.
            b.listener(new FifoNotifier(fifos));
        }
        for (VrrpSyncGroupDef group : config.syncGroups()) {
            b.syncGroup(group.name(), group.instanceNames().toArray(String[]::new));
            if (!group.notifyScripts().isEmpty()) {
                b.listener(new GroupNotifier(group, (state, priority) -> notifier.submit(NotifyTarget.GROUP,
                        group.name(), NotifyState.of(state), priority, group.notifyScripts())));
            }
            if (!fifos.isEmpty()) {
                // keepalived writes a group's line with priority 0 (vrrp_notify.c)
                b.listener(new GroupNotifier(group, (state, priority) -> fifos.forEach(f -> f.write(
                        NotifyFifo.line(NotifyTarget.GROUP, group.name(), NotifyState.of(state).name(), 0)))));
            }
        }
        return new Result(b, warnings);
    }

    /**
     * The list without an address written again with the same prefix on the same device (keepalived's own
     * sample {@code keepalived.conf.vrrp} does, to add a label). keepalived 2.2.7 accepts it, adds the
     * address once (the kernel refuses the second) and counts it twice in its adverts; here it is added and
     * advertised once, with a warning.
     */
    private static List<VirtualIpAddress> withoutRepeats(VrrpInstanceDef d, String keyword,
                                                         List<VirtualIpAddress> addresses, List<String> warnings) {
        Map<String, VirtualIpAddress> first = new LinkedHashMap<>();
        for (VirtualIpAddress v : addresses) {
            String key = addressText(v) + " dev " + v.device().orElse(d.interfaceName());
            VirtualIpAddress earlier = first.putIfAbsent(key, v);
            if (earlier != null) {
                warnings.add(v.location() + ": " + keyword + " " + v.address().getHostAddress() + " of vrrp_instance "
                        + d.name() + " is already listed (line " + earlier.location().line() + "): this entry is"
                        + " ignored" + v.label().map(l -> ", its label " + l + " too").orElse("") + ". keepalived"
                        + " counts it twice in its adverts, so a keepalived peer with this list drops ours: list it"
                        + " once");
            }
        }
        return List.copyOf(first.values());
    }

    private static void mapInstance(KeepalivedConfig config, VrrpInstanceDef d, InstanceBuilder i, List<String> warnings) {
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
                .advertiseBeforeSteppingDown(d.higherPrioSendAdvert())
                .garp(garp(d.garp(), d.family() == org.vrrp.packet.AddressFamily.IPV4
                        ? config.globalDefs().garpIntervalMicros() : config.globalDefs().gnaIntervalMicros()));
        d.authPass().ifPresent(i::authentication);
        d.virtualMacName().ifPresent(name -> i.virtualMac(true).virtualMacName(name)
                .vmacTransmitBase(d.vmacTransmitBase()));
        if (d.family() == org.vrrp.packet.AddressFamily.IPV6 && d.unicastPeers().isEmpty()
                && !d.virtualAddresses().isEmpty() && !d.virtualAddresses().get(0).address().isLinkLocalAddress()) {
            // keepalived 2.2.7 (vrrp_complete_instance) says so at INFO and runs it, outside strict mode
            VirtualIpAddress first = d.virtualAddresses().get(0);
            warnings.add(first.location() + ": vrrp_instance " + d.name() + ": the first IPv6 VIP address should be"
                    + " link local (keepalived's note, RFC 9568 5.2.9); " + first.address().getHostAddress()
                    + " is advertised first, as keepalived does, and routers that enforce the RFC drop these adverts");
        }
        for (VirtualIpAddress v : withoutRepeats(d, "virtual_ipaddress", d.virtualAddresses(), warnings)) {
            if (v.label().isPresent()) {
                i.vip(addressText(v), v.device().orElse(d.interfaceName()), v.label().get());
            } else {
                i.vip(addressText(v), v.device().orElse(d.interfaceName()));
            }
        }
        for (VirtualIpAddress v : withoutRepeats(d, "virtual_ipaddress_excluded", d.excludedAddresses(), warnings)) {
            if (v.label().isPresent()) {
                i.excludedVip(addressText(v), v.device().orElse(d.interfaceName()), v.label().get());
            } else {
                i.excludedVip(addressText(v), v.device().orElse(d.interfaceName()));
            }
        }
        d.unicastPeers().forEach(p -> i.unicastPeer(p.getHostAddress()));
        d.sourceAddress().ifPresent(a -> i.sourceAddress(a.getHostAddress()));
        List<TrackedInterface> links = new ArrayList<>(d.trackInterfaces());
        config.syncGroupOf(d.name()).ifPresent(g -> links.addAll(g.trackInterfaces()));
        for (TrackedInterface t : links) {
            // keepalived (vrrp_track.c): weight 0 = FAULT while down; else +weight while up if positive,
            // +weight (a minus) while down if negative, negated by reverse.
            i.trackInterface(t.name(), t.weight(), t.reverse());
            if (t.weight() == 0 && t.reverse()) {
                warnings.add(t.location() + ": track_interface " + t.name() + " reverse without a weight is not"
                        + " supported: carrier loss puts the instance in FAULT");
            }
        }
    }

    /**
     * track_script, track_file and vrrp_track_process: one router check per tracker that some instance lists
     * (keepalived runs a script and reads a file only when something tracks them), named {@code NAME} (a
     * vrrp_script), {@code track_file NAME} / {@code track_process NAME}. An entry's {@code reverse} (keepalived's
     * multiplier -1: what the weight adds is negated, and with weight 0 the instance is in FAULT while the check
     * succeeds) is a check of the same tracker with the opposite verdict, {@code NAME (reverse)}, tracked with the
     * weight negated; for track_file with a weight it is the weight negated.
     */
    private static final class Trackers {
        private final Map<String, VrrpScriptDef> scripts = new LinkedHashMap<>();
        private final Set<String> disabledScripts;
        private final Map<String, VrrpTrackFileDef> files = new LinkedHashMap<>();
        private final Map<String, VrrpTrackProcessDef> processes = new LinkedHashMap<>();
        private final Map<String, TrackFileCheck> fileChecks = new HashMap<>();
        private final Map<String, TrackProcessCheck> processChecks = new HashMap<>();
        private final java.util.Set<String> registered = new java.util.HashSet<>();
        private final VrrpRouter.Builder builder;
        private final KeepalivedConfig config;

        Trackers(KeepalivedConfig config, VrrpRouter.Builder builder, Set<String> disabledScripts) {
            this.config = config;
            this.builder = builder;
            this.disabledScripts = disabledScripts;
            config.scripts().forEach(sc -> scripts.put(sc.name(), sc));
            config.trackFiles().forEach(f -> files.put(f.name(), f));
            config.trackProcesses().forEach(p -> processes.put(p.name(), p));
        }

        void track(VrrpInstanceDef inst, InstanceBuilder i) {
            // keepalived: an instance follows only the trackers it lists
            i.trackOnlyNamedHealthChecks();
            List<TrackedScript> tracked = new ArrayList<>(inst.trackScripts());
            config.syncGroupOf(inst.name()).ifPresent(g -> tracked.addAll(g.trackScripts()));
            for (TrackedScript t : tracked) {
                if (disabledScripts.contains(t.name())) {
                    i.trackHealthCheck(t.name(), 0);
                } else if (t.reverse()) {
                    String name = t.name() + " (reverse)";
                    register(name, () -> reversed(name, scripts.get(t.name())));
                    i.trackHealthCheck(name, -t.weight());
                } else {
                    register(t.name(), () -> straight(scripts.get(t.name())));
                    i.trackHealthCheck(t.name(), t.weight());
                }
            }
            for (TrackedEntry e : inst.trackFiles()) {
                VrrpTrackFileDef def = files.get(e.name());
                int weight = e.weight().orElse(def.weight());
                boolean reverse = e.reverse().orElse(def.reverse());
                TrackFileCheck read = fileChecks.computeIfAbsent(def.name(), n -> new TrackFileCheck(
                        Path.of(def.file()), def.initValue(), def.initOverwrite()));
                if (reverse && weight == 0) {
                    // weight 0 reverse: FAULT while the value is 0
                    String name = "track_file " + def.name() + " (reverse)";
                    register(name, () -> HealthCheckSpec.polledValue(name, () -> read.value() == 0 ? 1 : 0));
                    i.trackHealthCheck(name, 0);
                } else {
                    String name = "track_file " + def.name();
                    register(name, () -> HealthCheckSpec.polledValue(name, read));
                    i.trackHealthCheck(name, reverse ? -weight : weight);
                }
            }
            for (TrackedEntry e : inst.trackProcesses()) {
                VrrpTrackProcessDef def = processes.get(e.name());
                int weight = e.weight().orElse(def.weight());
                boolean reverse = e.reverse().orElse(def.reverse());
                TrackProcessCheck count = processChecks.computeIfAbsent(def.name(), n -> new TrackProcessCheck(
                        def.process(), def.params(), TrackProcessCheck.ParamMatch.valueOf(def.paramMatch().name()),
                        def.fullCommand(), def.quorum(), def.quorumMax(), Duration.ofMillis(def.forkDelayMillis()),
                        Duration.ofMillis(def.terminateDelayMillis())));
                // reverse (keepalived's multiplier -1) is the opposite verdict with the weight negated
                String name = "track_process " + def.name() + (reverse ? " (reverse)" : "");
                register(name, () -> HealthCheckSpec.polled(name, reverse ? count.inverted() : count));
                i.trackHealthCheck(name, reverse ? -weight : weight);
            }
        }

        private static HealthCheckSpec straight(VrrpScriptDef script) {
            return HealthCheckSpec.polled(script.name(), script.healthCheck())
                    .withInterval(Duration.ofMillis(script.intervalMillis()))
                    .withTimeout(Duration.ofMillis(script.timeoutMillis()))
                    .withFall(script.fall()).withRise(script.rise()).withWeight(script.weight());
        }

        /**
         * The script's opposite verdict: healthy while the script fails (a run that cannot start or times out is a
         * failure, so healthy here), with fall and rise swapped, since keepalived counts them on the script's own
         * results before applying the multiplier.
         */
        private static HealthCheckSpec reversed(String name, VrrpScriptDef script) {
            org.vrrp.script.ScriptHealthCheck run = script.healthCheck();
            return HealthCheckSpec.polled(name, () -> {
                try {
                    return !run.check();
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    return true;
                }
            }).withInterval(Duration.ofMillis(script.intervalMillis()))
                    .withTimeout(Duration.ofMillis(script.timeoutMillis()))
                    .withFall(script.rise()).withRise(script.fall()).withWeight(-script.weight());
        }

        /** Whether a check of vrrp_script {@code name}, straight or reversed, was registered: some instance tracks it. */
        boolean runs(String name) {
            return registered.contains(name) || registered.contains(name + " (reverse)");
        }

        private void register(String name, java.util.function.Supplier<HealthCheckSpec> spec) {
            if (registered.add(name)) {
                builder.healthCheck(spec.get());
            }
        }
    }

    private static String addressText(VirtualIpAddress v) {
        return v.address().getHostAddress() + "/" + v.prefixLength();
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

            @Override
            public void masterHeardLowerPriority(org.vrrp.LowerPriorityAdvert advert) {
                if (advert.instance().equals(instanceName)) {
                    inner.masterHeardLowerPriority(advert);
                }
            }
        };
    }

    /**
     * Writes keepalived's notify FIFO lines of every instance: its transitions ({@code INSTANCE "VI_1" MASTER 100},
     * STOP on close) and the lower-priority adverts it hears as master ({@code MASTER_RX_LOWER_PRI}), in order.
     */
    private static final class FifoNotifier implements VrrpListener {
        private final List<NotifyFifo> fifos;

        FifoNotifier(List<NotifyFifo> fifos) {
            this.fifos = List.copyOf(fifos);
        }

        @Override
        public void stateChanged(StateChange change) {
            write(NotifyFifo.line(NotifyTarget.INSTANCE, change.instance(), NotifyState.of(change.to()).name(),
                    change.priority()));
        }

        @Override
        public void masterHeardLowerPriority(org.vrrp.LowerPriorityAdvert advert) {
            write(NotifyFifo.line(NotifyTarget.INSTANCE, advert.instance(), "MASTER_RX_LOWER_PRI",
                    advert.ourPriority()));
        }

        private void write(String line) {
            fifos.forEach(f -> f.write(line));
        }
    }

    /**
     * Acts once the whole sync group has reached a state, as keepalived does, rather than once per member:
     * runs the group's notify scripts (type GROUP), or writes its FIFO line.
     */
    private static final class GroupNotifier implements VrrpListener {
        private final VrrpSyncGroupDef group;
        private final java.util.function.BiConsumer<VrrpState, Integer> action;
        private final Map<String, VrrpState> memberStates = new HashMap<>();
        private VrrpState notified;

        GroupNotifier(VrrpSyncGroupDef group, java.util.function.BiConsumer<VrrpState, Integer> action) {
            this.group = group;
            this.action = action;
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
                action.accept(change.to(), change.priority());
            }
        }
    }
}
