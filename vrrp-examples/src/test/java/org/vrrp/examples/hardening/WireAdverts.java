package org.vrrp.examples.hardening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vrrp.linux.it.BackgroundProcess;
import org.vrrp.linux.it.Host;

/**
 * The VRRP adverts on the wire as a third host sees them: tcpdump in its namespace with the kernel's
 * capture timestamps ({@code -tt}, wall-clock seconds), so the figures do not depend on how fast any
 * JVM runs. The filter keeps only packets from the given senders, in the kernel, so a flood from other
 * sources does not reach tcpdump. Thread-safe like {@link BackgroundProcess}.
 */
public final class WireAdverts implements AutoCloseable {
    private static final Pattern LINE = Pattern.compile(
            "^(\\d+)\\.(\\d{6}) IP (\\S+) > 224\\.0\\.0\\.18: VRRPv(\\d), Advertisement, vrid (\\d+), prio (\\d+)");

    /** One advert: capture time in microseconds since the epoch, source, VRID and priority. */
    public record Advert(long epochMicros, String source, int vrid, int priority) {
    }

    private final Path log;
    private final BackgroundProcess tcpdump;

    private WireAdverts(Path log, BackgroundProcess tcpdump) {
        this.log = log;
        this.tcpdump = tcpdump;
    }

    /** Starts capturing VRRP adverts from {@code sources} on {@code ifname}; returns once tcpdump listens. */
    public static WireAdverts start(Host observer, String ifname, String... sources) {
        Path file;
        try {
            file = Files.createTempFile("vrrp-hard-tcpdump", ".txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String filter = "ip proto 112 and (" + String.join(" or ",
                java.util.Arrays.stream(sources).map(s -> "src host " + s).toList()) + ")";
        BackgroundProcess p = new BackgroundProcess(observer, "tcpdump", file, "tcpdump", "-i", ifname, "-n", "-tt",
                "-l", "-B", "4096", filter);
        WireAdverts w = new WireAdverts(file, p);
        try {
            p.awaitLog("listening on", Duration.ofSeconds(10));
        } catch (RuntimeException | Error e) {
            w.close();
            throw e;
        }
        return w;
    }

    /** Every advert captured so far, in capture order. */
    public List<Advert> adverts() {
        List<Advert> out = new ArrayList<>();
        for (String line : tcpdump.log().split("\n")) {
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
        return tcpdump.log();
    }

    @Override
    public void close() {
        tcpdump.close();
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // harmless
        }
    }
}
