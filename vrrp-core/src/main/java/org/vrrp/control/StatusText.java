package org.vrrp.control;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.vrrp.InstanceStats;
import org.vrrp.LatenessHistogram;
import org.vrrp.RouterStats;
import org.vrrp.StateChange;

/**
 * {@code status}: what a person reads first (who is master and why), then the counters. One block per
 * instance, then two lines for the router; not meant for parsing (use {@link StatusJson}).
 */
public final class StatusText {
    private StatusText() {}

    /**
     * The whole response, each line ending in a newline.
     *
     * @param stats the stats
     * @return the whole response, each line ending in a newline
     */
    public static String format(RouterStats stats) {
        StringBuilder out = new StringBuilder();
        for (InstanceStats i : stats.instances()) {
            instance(i, out);
        }
        out.append(String.format(Locale.ROOT, "router: late wake-ups %d (worst %.1f ms); dropped before an instance: checksum %d,"
                        + " version %d, vrid %d, length %d, other %d%n", stats.lateWakeups(),
                stats.maxTimerLatenessNanos() / 1e6, stats.checksumErrors(), stats.versionErrors(), stats.vridErrors(),
                stats.lengthErrors(), otherReceiveErrors(stats)));
        lateness(stats.timerLateness(), out);
        return out.toString();
    }

    /** {@code router: timer wake-ups by lateness: <0.1 ms 812, <0.5 ms 3, ..., >=25 ms 0}. */
    private static void lateness(LatenessHistogram h, StringBuilder out) {
        StringJoiner buckets = new StringJoiner(", ", "router: timer wake-ups by lateness: ", "\n");
        List<Long> bounds = h.upperBoundsMicros();
        for (int b = 0; b < bounds.size(); b++) {
            buckets.add(String.format(Locale.ROOT, "<%s ms %d", millis(bounds.get(b)), h.counts().get(b)));
        }
        buckets.add(String.format(Locale.ROOT, ">=%s ms %d", millis(bounds.get(bounds.size() - 1)),
                h.counts().get(bounds.size())));
        out.append(buckets);
    }

    /** 100 -> "0.1", 25000 -> "25". */
    private static String millis(long micros) {
        return BigDecimal.valueOf(micros, 3).stripTrailingZeros().toPlainString();
    }

    private static void instance(InstanceStats i, StringBuilder out) {
        out.append(String.format(Locale.ROOT, "%s: %s for %s", i.name(), i.state(), seconds(i.timeInState().toMillis())));
        StateChange last = i.lastTransition();
        if (last != null) {
            out.append(" (").append(last.from()).append(" -> ").append(last.to()).append(": ")
                    .append(last.reason()).append(')');
        }
        out.append('\n');
        out.append("  priority ").append(i.effectivePriority()).append(" effective, ")
                .append(i.configuredPriority()).append(" configured");
        StringJoiner health = new StringJoiner(", ", " (", ")").setEmptyValue("");
        for (Map.Entry<String, Integer> c : i.healthContributions().entrySet()) {
            health.add(c.getKey() + " " + (c.getValue() >= 0 ? "+" : "") + c.getValue());
        }
        out.append(health).append('\n');
        out.append("  master ").append(i.masterAddress() == null ? "none heard" : i.masterAddress().getHostAddress())
                .append(" priority ").append(i.masterPriority())
                .append(String.format(Locale.ROOT, " interval %.2f s%n", i.masterAdvertIntervalCentis() / 100.0));
        out.append(String.format(Locale.ROOT, "  transitions %d, became master %d; adverts sent %d, received %d;"
                        + " priority 0 sent %d, received %d%n", i.transitions(), i.becameMaster(), i.advertsSent(),
                i.advertsReceived(), i.priorityZeroSent(), i.priorityZeroReceived()));
        out.append(String.format(Locale.ROOT, "  dropped: ttl %d, version %d, auth %d, interval %d, unknown peer %d;"
                        + " address-list mismatches %d%n", i.ttlErrors(), i.versionErrors(), i.authErrors(),
                i.intervalErrors(), i.unknownPeerErrors(), i.addressListErrors()));
        if (!i.peerChecksumForms().isEmpty()) {
            StringJoiner peers = new StringJoiner(", ", "  peer checksum forms: ", "\n");
            i.peerChecksumForms().forEach((peer, form) -> peers.add(peer + " " + form));
            out.append(peers);
        }
    }

    private static long otherReceiveErrors(RouterStats s) {
        long all = s.receiveErrors().values().stream().mapToLong(Long::longValue).sum();
        return all + s.unknownVridPackets() - s.checksumErrors() - s.versionErrors() - s.vridErrors()
                - s.lengthErrors();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
