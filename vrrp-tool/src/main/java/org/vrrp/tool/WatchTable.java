package org.vrrp.tool;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.vrrp.packet.AddressFamily;
import org.vrrp.packet.ChecksumForm;
import org.vrrp.packet.DecodeResult;
import org.vrrp.packet.VrrpPacket;

/**
 * What {@code vrrp watch} has heard on a segment: per VRID and family, the last advert of every sender,
 * and the anomalies between them. Pure state with an explicit clock (milliseconds passed in), so the
 * anomaly rules are tested without a network.
 *
 * <p>Only masters send adverts, so every sender with priority above 0 heard within three of its
 * intervals is a master: two of them on one VRID is a split brain (or a firewall eating one side's
 * adverts). The other anomalies are the configuration mismatches that make keepalived and RFC routers
 * ignore each other's adverts: TTL not 255 (RFC 9568 5.2: discard), intervals, versions, v2 auth, and
 * the v3 IPv4 checksum form (RFC 9568 covers the message only; keepalived and FRR add a pseudo-header).
 *
 * <p>Thread-safe: the I/O thread records while the main thread renders.
 */
final class WatchTable {
    /** Senders not heard for this long are dropped from the table (a master that left a minute ago is history). */
    static final long FORGET_AFTER_MILLIS = 60_000;
    /** A sender is a current master while heard within this many of its own intervals (RFC: Master_Down ~ 3). */
    static final int LIVE_INTERVALS = 3;

    private record Key(AddressFamily family, int vrid) {}

    /** The last advert of one sender on one VRID. */
    private static final class Sender {
        final InetAddress source;
        VrrpPacket packet;
        ChecksumForm checksumForm;
        int ttl;
        long lastSeenMillis;
        long count;

        Sender(InetAddress source) {
            this.source = source;
        }

        boolean isLive(long now) {
            return now - lastSeenMillis <= (long) LIVE_INTERVALS * packet.advertIntervalCentis() * 10;
        }
    }

    private final Map<Key, Map<InetAddress, Sender>> senders = new TreeMap<>(
            Comparator.comparing(Key::vrid).thenComparing(Key::family));
    /** Decode errors by rule name, with the last source that broke it. */
    private final Map<String, Long> errorCounts = new TreeMap<>();
    private final Map<String, InetAddress> errorSources = new HashMap<>();

    /** Records one received message and how it decoded. */
    synchronized void record(long nowMillis, InetAddress source, int ttl, DecodeResult result) {
        if (result instanceof DecodeResult.Failed failed) {
            String reason = failed.error().wireName();
            errorCounts.merge(reason, 1L, Long::sum);
            errorSources.put(reason, source);
            return;
        }
        DecodeResult.Ok ok = (DecodeResult.Ok) result;
        Key key = new Key(ok.packet().family(), ok.packet().vrid());
        Sender s = senders.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(source, Sender::new);
        s.packet = ok.packet();
        s.checksumForm = ok.checksumForm();
        s.ttl = ttl;
        s.lastSeenMillis = nowMillis;
        s.count++;
    }

    /** One row per sender: what it last said, and the anomalies of its VRID (plus its own TTL). */
    record Row(int vrid, AddressFamily family, String source, String state, int priority, int intervalCentis,
               int version, String auth, String checksum, List<String> addresses, long lastSeenMillisAgo,
               long packets, List<String> anomalies) {}

    /** The current rows, by VRID then family then most recently heard; drops senders silent for a minute. */
    synchronized List<Row> rows(long nowMillis) {
        List<Row> rows = new ArrayList<>();
        senders.values().forEach(m -> m.values().removeIf(s -> nowMillis - s.lastSeenMillis > FORGET_AFTER_MILLIS));
        senders.values().removeIf(Map::isEmpty);
        for (Map.Entry<Key, Map<InetAddress, Sender>> e : senders.entrySet()) {
            List<Sender> list = new ArrayList<>(e.getValue().values());
            list.sort(Comparator.comparingLong((Sender s) -> s.lastSeenMillis).reversed()
                    .thenComparing(s -> s.source.getHostAddress()));
            List<String> vridAnomalies = vridAnomalies(list, nowMillis);
            for (Sender s : list) {
                List<String> anomalies = new ArrayList<>(vridAnomalies);
                if (s.ttl >= 0 && s.ttl != 255) {
                    anomalies.add(0, "ttl " + s.ttl + " (must be 255)");
                }
                rows.add(new Row(e.getKey().vrid(), e.getKey().family(), s.source.getHostAddress(), state(s, nowMillis),
                        s.packet.priority(), s.packet.advertIntervalCentis(), s.packet.version(), auth(s.packet),
                        s.checksumForm.wireName(),
                        s.packet.addresses().stream().map(InetAddress::getHostAddress).toList(),
                        nowMillis - s.lastSeenMillis, s.count, anomalies));
            }
        }
        return rows;
    }

    /** Decode errors by rule name, e.g. {@code bad-checksum=3 (last from 192.0.2.9)}. */
    synchronized List<String> errors() {
        return errorCounts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() + " (last from "
                + errorSources.get(e.getKey()).getHostAddress() + ")").toList();
    }

    private static String state(Sender s, long now) {
        if (!s.isLive(now)) {
            return "silent";
        }
        return s.packet.priority() == 0 ? "resigned" : "master";
    }

    private static String auth(VrrpPacket p) {
        if (p.version() == 3) {
            return "-";
        }
        return switch (p.authType()) {
            case VrrpPacket.AUTH_NONE -> "none";
            case VrrpPacket.AUTH_SIMPLE_TEXT -> "pass:" + p.authText();
            default -> "type " + p.authType();
        };
    }

    /**
     * Anomalies between the senders of one VRID: live masters are compared for split brain; the
     * configuration fields are compared over every sender still in the table, since a backup that
     * took over a minute ago with another interval is still a misconfiguration worth showing.
     */
    private static List<String> vridAnomalies(List<Sender> list, long now) {
        List<String> out = new ArrayList<>();
        List<Sender> masters = list.stream().filter(s -> s.isLive(now) && s.packet.priority() > 0).toList();
        if (masters.size() > 1) {
            out.add("two masters (" + masters.stream().map(s -> s.source.getHostAddress())
                    .collect(Collectors.joining(", ")) + ")");
        }
        addIfDiffer(out, "interval mismatch", list, s -> s.packet.advertIntervalCentis() + "cs");
        addIfDiffer(out, "version mismatch", list, s -> "v" + s.packet.version());
        List<Sender> v2 = list.stream().filter(s -> s.packet.version() == 2).toList();
        addIfDiffer(out, "auth mismatch", v2, s -> auth(s.packet));
        List<Sender> v3v4 = list.stream()
                .filter(s -> s.packet.version() == 3 && s.packet.family() == AddressFamily.IPV4).toList();
        addIfDiffer(out, "checksum form mismatch", v3v4, s -> s.checksumForm.wireName());
        addIfDiffer(out, "address list mismatch", list, s -> s.packet.addresses().stream()
                .map(InetAddress::getHostAddress).sorted().collect(Collectors.joining(",")));
        return out;
    }

    private static void addIfDiffer(List<String> out, String what, List<Sender> list,
                                    java.util.function.Function<Sender, String> field) {
        Set<String> values = new LinkedHashSet<>();
        list.forEach(s -> values.add(field.apply(s)));
        if (values.size() > 1) {
            out.add(what + " (" + String.join(" / ", values) + ")");
        }
    }

    /** The table as text lines: a header, one line per row, then decode errors if any. */
    static List<String> render(List<Row> rows, List<String> errors) {
        String[] header = {"VRID", "FAM", "SOURCE", "STATE", "PRIO", "INTERVAL", "VER", "AUTH", "CHECKSUM",
                "VIPS", "LAST", "PKTS", "ANOMALIES"};
        List<String[]> cells = new ArrayList<>();
        cells.add(header);
        for (Row r : rows) {
            cells.add(new String[] {Integer.toString(r.vrid()), r.family() == AddressFamily.IPV4 ? "ipv4" : "ipv6",
                    r.source(), r.state(), Integer.toString(r.priority()), String.format(java.util.Locale.ROOT, "%.2fs", r.intervalCentis() / 100.0),
                    "v" + r.version(), r.auth(), r.checksum(), String.join(",", r.addresses()),
                    seconds(r.lastSeenMillisAgo()) + " ago", Long.toString(r.packets()),
                    r.anomalies().isEmpty() ? "-" : String.join("; ", r.anomalies())});
        }
        int[] width = new int[header.length];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] line : cells) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                sb.append(line[i]);
                if (i < line.length - 1) {
                    sb.append(" ".repeat(width[i] - line[i].length() + 2));
                }
            }
            lines.add(sb.toString());
        }
        if (rows.isEmpty()) {
            lines.add("(no VRRP advertisement heard yet)");
        }
        if (!errors.isEmpty()) {
            lines.add("decode errors: " + String.join(", ", errors));
        }
        return lines;
    }

    /** Milliseconds as seconds with one decimal ({@code 1.0s}); VRRP intervals are centiseconds. */
    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }
}
