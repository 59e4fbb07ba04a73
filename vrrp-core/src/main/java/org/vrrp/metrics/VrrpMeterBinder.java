package org.vrrp.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.vrrp.InstanceSpec;
import org.vrrp.InstanceStats;
import org.vrrp.LatenessHistogram;
import org.vrrp.RouterStats;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;
import org.vrrp.packet.DecodeError;

/**
 * Binds a router's {@link VrrpRouter#stats()} to a Micrometer registry:
 *
 * <pre>{@code new VrrpMeterBinder(router).bindTo(registry);}</pre>
 *
 * <p>Meters (Prometheus names; tag {@code instance} is the instance name):
 * <ul>
 * <li>{@code vrrp_state{instance}} gauge: {@link #stateValue} (0 INITIALIZE, 1 BACKUP, 2 MASTER, 3 FAULT)</li>
 * <li>{@code vrrp_transitions_total{instance}}, {@code vrrp_became_master_total{instance}}</li>
 * <li>{@code vrrp_adverts_sent_total}, {@code vrrp_adverts_received_total},
 *     {@code vrrp_adverts_priority_zero_sent_total}, {@code vrrp_adverts_priority_zero_received_total} (by instance)</li>
 * <li>{@code vrrp_errors_total{instance,reason}}: adverts an instance dropped or flagged, reason {@code ttl},
 *     {@code version}, {@code auth}, {@code interval}, {@code address-list}</li>
 * <li>{@code vrrp_receive_errors_total{reason}}: packets dropped before reaching an instance, reason a
 *     {@link DecodeError#wireName()} ({@code bad-checksum}, {@code truncated}, ...) or {@code unknown-vrid}</li>
 * <li>{@code vrrp_priority_effective{instance}}, {@code vrrp_priority_configured{instance}} gauges</li>
 * <li>{@code vrrp_timer_lateness_seconds}: the worst lateness of the protocol thread so far;
 *     {@code vrrp_timer_late_wakeups_total}: wake-ups later than half the shortest advert interval;
 *     {@code vrrp_timer_wakeups_total{lateness}}: every timer wake-up by lateness, {@code lateness} one of
 *     {@code lt_100us}, {@code lt_500us}, ..., {@code lt_25000us}, {@code ge_25000us}
 *     ({@link RouterStats#timerLateness()})</li>
 * </ul>
 *
 * <p>Reading: meters read a shared snapshot of {@code stats()} that is refreshed when older than
 * {@code maxSnapshotAge} (default 1 s), so one scrape costs one hop to the protocol thread, never a
 * lock on it. After the router is closed they keep its final figures. Thread-safe; bind once per
 * registry. Two routers in one registry need an extra distinguishing tag ({@link #VrrpMeterBinder(VrrpRouter,
 * Iterable, Duration)}), as their instance names may clash.
 *
 * <p>Micrometer is an optional dependency of vrrp-core: only this package loads it.
 */
public final class VrrpMeterBinder implements MeterBinder {
    /** Error reasons counted per instance, in the order of {@code vrrp_errors_total}. */
    static final List<String> INSTANCE_ERROR_REASONS = List.of("ttl", "version", "auth", "interval", "address-list",
            "own-address", "vip-add", "unknown-peer");
    /** The reason for packets whose VRID no instance runs on that interface. */
    static final String UNKNOWN_VRID = "unknown-vrid";

    private final List<String> instanceNames;
    private final Tags commonTags;
    private final StatsSnapshot snapshot;

    /**
     * Binds with no extra tags and snapshots at most 1 s old.
     *
     * @param router the router
     */
    public VrrpMeterBinder(VrrpRouter router) {
        this(router, Tags.empty(), Duration.ofSeconds(1));
    }

    /**
     * @param router the router
     * @param tags           added to every meter (e.g. {@code router=edge1})
     * @param maxSnapshotAge how stale a reading may be; {@link Duration#ZERO} reads the router every time
     */
    public VrrpMeterBinder(VrrpRouter router, Iterable<Tag> tags, Duration maxSnapshotAge) {
        this(router.config().instances().stream().map(InstanceSpec::name).toList(), router::stats, tags,
                maxSnapshotAge);
    }

    /** For any source of stats, e.g. a {@code SimulatedRouter} in tests. */
    VrrpMeterBinder(List<String> instanceNames, Supplier<RouterStats> stats, Iterable<Tag> tags,
                    Duration maxSnapshotAge) {
        this.instanceNames = List.copyOf(instanceNames);
        this.commonTags = Tags.of(tags);
        this.snapshot = new StatsSnapshot(Objects.requireNonNull(stats, "stats"), System::nanoTime,
                maxSnapshotAge.toNanos());
    }

    /**
     * The value of {@code vrrp_state} for a state; fixed, whatever the enum's order.
     *
     * @param state the state
     * @return the value of {@code vrrp_state} for a state; fixed, whatever the enum's order
     */
    public static int stateValue(VrrpState state) {
        return switch (state) {
            case INITIALIZE -> 0;
            case BACKUP -> 1;
            case MASTER -> 2;
            case FAULT -> 3;
        };
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : instanceNames) {
            bindInstance(registry, name);
        }
        for (DecodeError e : DecodeError.values()) {
            String rule = e.wireName();
            routerCounter(registry, "vrrp.receive.errors", "VRRP packets dropped before reaching an instance",
                    s -> s.receiveErrors().getOrDefault(rule, 0L), Tag.of("reason", rule));
        }
        routerCounter(registry, "vrrp.receive.errors", "VRRP packets dropped before reaching an instance",
                RouterStats::unknownVridPackets, Tag.of("reason", UNKNOWN_VRID));
        routerCounter(registry, "vrrp.timer.late.wakeups",
                "protocol thread wake-ups later than half the shortest advert interval", RouterStats::lateWakeups);
        List<Long> bounds = LatenessHistogram.BOUNDS_MICROS;
        for (int b = 0; b <= bounds.size(); b++) {
            int bucket = b;
            String lateness = b < bounds.size() ? "lt_" + bounds.get(b) + "us" : "ge_" + bounds.get(b - 1) + "us";
            routerCounter(registry, "vrrp.timer.wakeups", "protocol thread timer wake-ups by lateness",
                    s -> s.timerLateness().counts().get(bucket), Tag.of("lateness", lateness));
        }
        // Strong reference: function counters hold the snapshot weakly; this gauge keeps it alive.
        TimeGauge.builder("vrrp.timer.lateness", snapshot, TimeUnit.NANOSECONDS,
                        s -> s.get().maxTimerLatenessNanos())
                .description("worst lateness of the VRRP protocol thread since the router started")
                .tags(commonTags).strongReference(true).register(registry);
    }

    private void bindInstance(MeterRegistry registry, String name) {
        Tags tags = commonTags.and("instance", name);
        Gauge.builder("vrrp.state", snapshot, s -> stateValue(instance(s, name).state()))
                .description("VRRP state: 0 INITIALIZE, 1 BACKUP, 2 MASTER, 3 FAULT")
                .tags(tags).strongReference(true).register(registry);
        gauge(registry, "vrrp.priority.effective", "priority after health-check weights", name, tags,
                i -> i.effectivePriority());
        gauge(registry, "vrrp.priority.configured", "priority as configured or last set", name, tags,
                i -> i.configuredPriority());
        counter(registry, "vrrp.transitions", "state changes", name, tags, InstanceStats::transitions);
        counter(registry, "vrrp.became.master", "times the instance became MASTER", name, tags,
                InstanceStats::becameMaster);
        counter(registry, "vrrp.adverts.sent", "adverts sent", name, tags, InstanceStats::advertsSent);
        counter(registry, "vrrp.adverts.received", "adverts received for this VRID", name, tags,
                InstanceStats::advertsReceived);
        counter(registry, "vrrp.adverts.priority.zero.sent", "priority-0 adverts sent", name, tags,
                InstanceStats::priorityZeroSent);
        counter(registry, "vrrp.adverts.priority.zero.received", "priority-0 adverts received", name, tags,
                InstanceStats::priorityZeroReceived);
        List<ToLongFunction<InstanceStats>> errors = List.of(InstanceStats::ttlErrors, InstanceStats::versionErrors,
                InstanceStats::authErrors, InstanceStats::intervalErrors, InstanceStats::addressListErrors,
                InstanceStats::ownAddressAdverts, InstanceStats::vipAddErrors, InstanceStats::unknownPeerErrors);
        for (int k = 0; k < errors.size(); k++) {
            counter(registry, "vrrp.errors", "adverts the instance dropped or flagged, by reason", name,
                    tags.and("reason", INSTANCE_ERROR_REASONS.get(k)), errors.get(k));
        }
    }

    private void gauge(MeterRegistry registry, String meter, String description, String name, Tags tags,
                       ToDoubleFunction<InstanceStats> value) {
        Gauge.builder(meter, snapshot, s -> value.applyAsDouble(instance(s, name)))
                .description(description).tags(tags).strongReference(true).register(registry);
    }

    private void counter(MeterRegistry registry, String meter, String description, String name, Tags tags,
                         ToLongFunction<InstanceStats> value) {
        FunctionCounter.builder(meter, snapshot, s -> value.applyAsLong(instance(s, name)))
                .description(description).tags(tags).register(registry);
    }

    private void routerCounter(MeterRegistry registry, String meter, String description,
                               ToLongFunction<RouterStats> value, Tag... tags) {
        FunctionCounter.builder(meter, snapshot, s -> value.applyAsLong(s.get()))
                .description(description).tags(commonTags.and(tags)).register(registry);
    }

    private static InstanceStats instance(StatsSnapshot snapshot, String name) {
        return snapshot.get().instance(name);
    }
}
