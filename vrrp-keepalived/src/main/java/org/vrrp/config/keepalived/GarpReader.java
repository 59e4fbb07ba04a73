package org.vrrp.config.keepalived;

import java.util.OptionalInt;

/**
 * The gratuitous ARP repeat keywords, shared by global_defs ({@code vrrp_garp_*}) and vrrp_instance
 * ({@code garp_*}): records what was written, then resolves it against the level above. Not thread-safe.
 */
final class GarpReader {
    private final Values values;
    private OptionalInt masterDelay = OptionalInt.empty();
    private OptionalInt masterRepeat = OptionalInt.empty();
    private OptionalInt masterRefresh = OptionalInt.empty();
    private OptionalInt masterRefreshRepeat = OptionalInt.empty();
    private OptionalInt lowerPrioDelay = OptionalInt.empty();
    private OptionalInt lowerPrioRepeat = OptionalInt.empty();

    GarpReader(Values values) {
        this.values = values;
    }

    /** Takes {@code node} when {@code keyword} (without a {@code vrrp_} prefix) is a garp repeat keyword. */
    boolean accept(ConfigNode node, String keyword) {
        switch (keyword) {
            case "garp_master_delay": masterDelay = nonNegative(node); return true;
            case "garp_master_repeat": masterRepeat = nonNegative(node); return true;
            case "garp_master_refresh": masterRefresh = nonNegative(node); return true;
            case "garp_master_refresh_repeat": masterRefreshRepeat = nonNegative(node); return true;
            case "garp_lower_prio_delay": lowerPrioDelay = nonNegative(node); return true;
            case "garp_lower_prio_repeat": lowerPrioRepeat = nonNegative(node); return true;
            default: return false;
        }
    }

    /** keepalived's {@code vrrp_min_garp}: one message, no second burst. */
    void minimal() {
        masterDelay = OptionalInt.of(0);
        masterRepeat = OptionalInt.of(1);
        masterRefreshRepeat = OptionalInt.of(1);
        lowerPrioDelay = OptionalInt.of(0);
        lowerPrioRepeat = OptionalInt.of(1);
    }

    /** What was written here, the rest from {@code inherited}; lower-priority values default to the master ones as in keepalived. */
    GarpSettings resolve(GarpSettings inherited) {
        int delay = masterDelay.orElse(inherited.masterDelaySeconds());
        int repeat = masterRepeat.orElse(inherited.masterRepeat());
        return new GarpSettings(delay, repeat,
                masterRefresh.orElse(inherited.masterRefreshSeconds()),
                masterRefreshRepeat.orElse(inherited.masterRefreshRepeat()),
                lowerPrioDelay.orElse(masterDelay.isPresent() ? delay : inherited.lowerPrioDelaySeconds()),
                lowerPrioRepeat.orElse(masterRepeat.isPresent() ? repeat : inherited.lowerPrioRepeat()));
    }

    private OptionalInt nonNegative(ConfigNode node) {
        return values.intInRange(node, 0, Integer.MAX_VALUE);
    }
}
