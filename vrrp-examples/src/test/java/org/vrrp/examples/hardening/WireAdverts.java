package org.vrrp.examples.hardening;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vrrp.linux.it.Host;
import org.vrrp.linux.it.PacketCapture;

/**
 * The VRRP adverts on the wire as a third host sees them: tcpdump in its namespace with the kernel's
 * capture timestamps ({@code -tt}, wall-clock seconds), so the figures do not depend on how fast any
 * JVM runs. The filter keeps only packets from the given senders, in the kernel, so a flood from other
 * sources does not reach tcpdump. Thread-safe like {@link PacketCapture}.
 */
public final class WireAdverts implements AutoCloseable {
    private static final Pattern LINE = Pattern.compile(
            "^(\\d+)\\.(\\d{6}) IP (\\S+) > 224\\.0\\.0\\.18: VRRPv(\\d), Advertisement, vrid (\\d+), prio (\\d+)");

    /** One advert: capture time in microseconds since the epoch, source, VRID and priority. */
    public record Advert(long epochMicros, String source, int vrid, int priority) {
    }

    private final PacketCapture tcpdump;

    private WireAdverts(PacketCapture tcpdump) {
        this.tcpdump = tcpdump;
    }

    /** Starts capturing VRRP adverts from {@code sources} on {@code ifname}; returns once tcpdump listens. */
    public static WireAdverts start(Host observer, String ifname, String... sources) {
        String filter = "ip proto 112 and (" + String.join(" or ",
                Arrays.stream(sources).map(s -> "src host " + s).toList()) + ")";
        return new WireAdverts(PacketCapture.start(observer, ifname, List.of("-tt", "-B", "4096"), filter));
    }

    /** Every advert captured so far, in capture order. */
    public List<Advert> adverts() {
        List<Advert> out = new ArrayList<>();
        for (String line : tcpdump.output().split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                out.add(new Advert(Long.parseLong(m.group(1)) * 1_000_000 + Long.parseLong(m.group(2)), m.group(3),
                        Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6))));
            }
        }
        return out;
    }

    /** The adverts from {@code source}. */
    List<Advert> from(String source) {
        return adverts().stream().filter(a -> a.source().equals(source)).toList();
    }

    /**
     * The longest time in [fromMicros, toMicros] without an advert in {@code adverts}, in ms: gaps between
     * consecutive adverts, and from the window's start to the first and from the last to its end, so
     * that silence at either edge counts too.
     */
    static double longestGapMillis(List<Advert> adverts, long fromMicros, long toMicros) {
        long worst = 0;
        long previous = fromMicros;
        for (Advert a : adverts) {
            if (a.epochMicros() < fromMicros || a.epochMicros() > toMicros) {
                continue;
            }
            worst = Math.max(worst, a.epochMicros() - previous);
            previous = a.epochMicros();
        }
        worst = Math.max(worst, toMicros - previous);
        return worst / 1000.0;
    }

    /** What tcpdump printed, for failure messages. */
    public String text() {
        return tcpdump.output();
    }

    @Override
    public void close() {
        tcpdump.close();
    }
}
