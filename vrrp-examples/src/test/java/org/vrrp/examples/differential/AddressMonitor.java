package org.vrrp.examples.differential;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vrrp.linux.it.BackgroundProcess;
import org.vrrp.linux.it.Host;
import org.vrrp.linux.it.Poll;

/**
 * Who holds which address, as the kernel of one router's namespace reports it: {@code ip -ts -o monitor
 * address} timestamps each RTM_NEWADDR / RTM_DELADDR as it arrives, and a snapshot taken when the
 * monitor starts gives the addresses already there (an owner's). Thread-safe like {@link BackgroundProcess}.
 */
public final class AddressMonitor implements AutoCloseable {
    private static final Pattern EVENT = Pattern.compile(
            "^\\[(\\S+)\\] (Deleted )?\\d+: \\S+\\s+inet6? ([0-9a-fA-F.:]+)/\\d+");
    private static final Pattern ADDRESS = Pattern.compile("\\sinet6? ([0-9a-fA-F.:]+)/\\d+");
    /** Added and removed on lo to prove the monitor listens before anything else happens. */
    private static final String PROBE = "192.0.2.249";

    /** An address appearing ({@code added}) or going on {@code router}, at {@code micros} since the epoch. */
    public record Event(long micros, String router, String address, boolean added) {
    }

    private final String router;
    private final BackgroundProcess monitor;
    private final List<Event> initial = new ArrayList<>();

    private AddressMonitor(String router, BackgroundProcess monitor) {
        this.router = router;
        this.monitor = monitor;
    }

    public static AddressMonitor start(Host host, String router, Path log) {
        BackgroundProcess p = new BackgroundProcess(host, "ip monitor address", log, "ip", "-ts", "-o", "monitor",
                "address");
        AddressMonitor m = new AddressMonitor(router, p);
        try {
            // The monitor subscribes some time after it starts: probe until it reports the probe.
            Poll.until(Duration.ofSeconds(20), "ip monitor in " + host + " listening", () -> {
                host.ip("addr", "add", PROBE + "/32", "dev", "lo");
                host.ip("addr", "del", PROBE + "/32", "dev", "lo");
                return p.log().contains(PROBE);
            });
            long now = Clock.nowMicros();
            Matcher a = ADDRESS.matcher(host.exec("ip", "-o", "addr", "show").stdout());
            while (a.find()) {
                m.initial.add(new Event(now, router, a.group(1), true));
            }
            return m;
        } catch (RuntimeException | Error e) {
            p.close();
            throw e;
        }
    }

    /** The snapshot at start, then every change so far, in order. */
    public List<Event> events() {
        List<Event> out = new ArrayList<>(initial);
        for (String line : monitor.log().split("\n")) {
            Matcher m = EVENT.matcher(line);
            if (m.find()) {
                long micros = Clock.micros(LocalDateTime.parse(m.group(1)).atZone(ZoneId.systemDefault()).toInstant());
                out.add(new Event(micros, router, m.group(3), m.group(2) == null));
            }
        }
        return out;
    }

    @Override
    public void close() {
        monitor.close();
    }
}
