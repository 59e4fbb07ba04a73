package org.vrrp.tool;

import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.vrrp.linux.LinuxNetworkProvider;
import org.vrrp.packet.AddressFamily;
import org.vrrp.packet.DecodeResult;
import org.vrrp.packet.VrrpCodec;
import org.vrrp.spi.NetworkStack;
import org.vrrp.spi.ReceivedPacket;
import org.vrrp.spi.VrrpChannel;

/**
 * {@code vrrp watch -i IFACE [--netns NAME] [--once DURATION]}: a live table of the VRRP routers heard on
 * a segment, with the anomalies between them ({@link WatchTable}).
 *
 * <p>It listens through the library's own Linux adapter, so it sees exactly what a router on that
 * interface would receive (TTL included), but never sends: the channel is opened only to receive. The
 * socket joins 224.0.0.18 / ff02::12 and does not see its own host's sends, so watch from another host
 * (namespace) on the segment than the routers.
 */
final class WatchCommand implements Command {
    /** How often the live table is redrawn. */
    private static final Duration REDRAW = Duration.ofSeconds(1);

    @Override
    public String name() {
        return "watch";
    }

    @Override
    public String summary() {
        return "live table of the VRRP routers heard on an interface, with anomalies";
    }

    @Override
    public String usage() {
        return "usage: vrrp watch -i IFACE [--netns NAME] [--once DURATION]\n"
                + "\n"
                + "Listens for VRRP adverts (IPv4, and IPv6 when IFACE has a link-local address) on IFACE and\n"
                + "shows one line per sender and VRID: state (master: heard within 3 intervals; resigned:\n"
                + "priority 0; silent), priority, interval, version, auth, checksum form, virtual addresses,\n"
                + "last seen, packet count, and the anomalies of the VRID: two masters, TTL not 255, and\n"
                + "interval, version, auth, v3 IPv4 checksum form or address list differing between senders.\n"
                + "Decode errors are counted by rule. Senders silent for 60 s are dropped.\n"
                + "\n"
                + "Sends nothing. Does not see adverts sent by its own host: run it on another host.\n"
                + "\n"
                + "  -i IFACE          the interface (needs an IPv4 address)\n"
                + "  --netns NAME      listen in the network namespace /var/run/netns/NAME\n"
                + "  --once DURATION   listen this long (e.g. 5s, 1500ms), print one table and exit\n"
                + "\n"
                + "Without --once the table is redrawn every second (in place on a terminal, appended\n"
                + "otherwise) until SIGINT or SIGTERM (exit status 0). With --once, a signal prints the\n"
                + "table at once.\n"
                + "Needs CAP_NET_RAW (and CAP_SYS_ADMIN for --netns). Exit status: 0, 1 when the interface\n"
                + "or namespace cannot be opened, 2 for bad arguments.\n";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        String iface = null;
        String netns = null;
        Duration once = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-i", "--interface" -> iface = value(args, ++i, a);
                case "--netns" -> netns = value(args, ++i, a);
                case "--once" -> once = duration(value(args, ++i, a));
                default -> throw new UsageException("unknown argument '" + a + "'");
            }
        }
        if (iface == null) {
            throw new UsageException("-i IFACE is required");
        }
        WatchTable table = new WatchTable();
        NetworkStack stack;
        try {
            stack = new LinuxNetworkProvider().open(netns);
        } catch (IOException | RuntimeException e) {
            err.println("vrrp watch: " + e.getMessage());
            return EXIT_FAILURE;
        }
        List<VrrpChannel> channels = new ArrayList<>();
        try {
            channels.add(stack.openChannel(iface, AddressFamily.IPV4, List.of(), p -> record(table, p)));
        } catch (IOException | RuntimeException e) {
            err.println("vrrp watch: " + e.getMessage());
            stack.close();
            return EXIT_FAILURE;
        }
        try {
            channels.add(stack.openChannel(iface, AddressFamily.IPV6, List.of(), p -> record(table, p)));
        } catch (IOException | RuntimeException e) {
            // IPv4 alone is still useful (most keepalived setups); say why IPv6 is missing.
            err.println("vrrp watch: IPv6 not watched: " + e.getMessage());
        }
        Thread closer = new Thread(() -> close(stack, channels), "vrrp-watch-shutdown");
        Runtime.getRuntime().addShutdownHook(closer); // for exits other than our signals
        CountDownLatch stop = new CountDownLatch(1);
        // SIGTERM/SIGINT end the loop below, so that the exit status is 0 rather than the JVM's 143/130.
        Signals.onTerminate(stop::countDown);
        try {
            if (once != null) {
                stop.await(once.toMillis(), TimeUnit.MILLISECONDS);
                WatchTable.render(table.rows(System.currentTimeMillis()), table.errors()).forEach(out::println);
                out.flush();
                return EXIT_OK;
            }
            boolean terminal = System.console() != null;
            do {
                List<String> lines = WatchTable.render(table.rows(System.currentTimeMillis()), table.errors());
                if (terminal) {
                    // Home and clear, then the table: a redraw in place like top(1).
                    out.print("\033[H\033[2J");
                    out.println("vrrp watch " + iface + (netns == null ? "" : " in " + netns) + "  (Ctrl-C to stop)");
                } else {
                    out.println("--- " + java.time.Instant.now());
                }
                lines.forEach(out::println);
                out.flush();
            } while (!stop.await(REDRAW.toMillis(), TimeUnit.MILLISECONDS));
            return EXIT_OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_OK;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(closer);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down (a signal we do not own, e.g. under -Xrs); close anyway.
            }
            close(stack, channels);
        }
    }

    /** On the adapter's I/O thread: decode and record; must not block. */
    private static void record(WatchTable table, ReceivedPacket p) {
        DecodeResult result = VrrpCodec.decode(Unpooled.wrappedBuffer(p.message()), p.source(), p.destination());
        table.record(System.currentTimeMillis(), p.source(), p.ttl(), result);
    }

    private static void close(NetworkStack stack, List<VrrpChannel> channels) {
        channels.forEach(VrrpChannel::close);
        try {
            stack.close();
        } catch (Exception e) {
            // Exiting anyway; nothing to tell the user that helps.
        }
    }

    private static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    /** {@code 5s}, {@code 1500ms}, {@code 2m} or plain seconds. */
    static Duration duration(String text) throws UsageException {
        String t = text.toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return positive(Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2))), text);
            } else if (t.endsWith("s")) {
                return positive(Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000)),
                        text);
            } else if (t.endsWith("m")) {
                return positive(Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1))), text);
            }
            return positive(Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000)), text);
        } catch (NumberFormatException e) {
            throw new UsageException("bad duration '" + text + "' (e.g. 5s, 1500ms)");
        }
    }

    private static Duration positive(Duration d, String text) throws UsageException {
        if (d.isNegative() || d.isZero()) {
            throw new UsageException("duration must be positive, got '" + text + "'");
        }
        return d;
    }
}
