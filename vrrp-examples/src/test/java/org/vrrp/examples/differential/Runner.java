package org.vrrp.examples.differential;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.vrrp.examples.hardening.WireAdverts;
import org.vrrp.linux.it.Host;
import org.vrrp.linux.it.Poll;
import org.vrrp.linux.it.ScratchDirectory;
import org.vrrp.linux.it.TestNetwork;

/**
 * Runs a scenario once, with keepalived or with ours in the role under test (every other router is
 * keepalived): builds the namespaces, starts the observers, then the routers one by one (each settles
 * before the next starts), plays the fault script, and returns what was observed. Everything it started
 * is stopped and every namespace deleted, also on failure.
 */
final class Runner {
    /** JVM start-up plus an election on a loaded 2-core machine. */
    private static final Duration SETTLE = Duration.ofSeconds(40);

    /** One run's observations and the logs to show on failure. */
    record Result(boolean ours, Timeline timeline, Map<String, String> logs) {
    }

    private Runner() {
    }

    static Result run(Scenario s, boolean ours) throws Exception {
        Path dir = Files.createTempDirectory("vrrp-diff-");
        Deque<AutoCloseable> open = new ArrayDeque<>();
        try (TestNetwork net = TestNetwork.create()) {
            Map<String, Host> hosts = new LinkedHashMap<>();
            TreeSet<Integer> segments = new TreeSet<>();
            Map<String, String> routerOfAddress = new HashMap<>();
            for (RouterSpec r : s.routers()) {
                Host h = net.addHost(r.name());
                r.segments().stream().filter(seg -> seg != 0).forEach(h::attach);
                if (r.extraAddress() != null) {
                    h.sysctl("net.ipv4.conf.all.promote_secondaries", "1");
                    h.ip("addr", "add", r.extraAddress(), "dev", "eth0");
                    routerOfAddress.put(r.extraAddress().replaceAll("/\\d+$", ""), r.name());
                }
                hosts.put(r.name(), h);
                segments.addAll(r.segments());
                r.segments().forEach(seg -> routerOfAddress.put(h.ipv4(seg), r.name()));
            }
            Host obs = net.addHost("obs");
            List<WireAdverts> wires = new ArrayList<>();
            for (int seg : segments) {
                String ifname = seg == 0 ? "eth0" : obs.attach(seg);
                String subnet = obs.ipv4(seg).substring(0, obs.ipv4(seg).lastIndexOf('.') + 1); // a /24
                String[] sources = routerOfAddress.keySet().stream().filter(a -> a.startsWith(subnet))
                        .toArray(String[]::new);
                wires.add(push(open, WireAdverts.start(obs, ifname, sources)));
            }
            Map<String, AddressMonitor> monitors = new LinkedHashMap<>();
            Map<String, NotifyLog> notify = new LinkedHashMap<>();
            for (RouterSpec r : s.routers()) {
                monitors.put(r.name(), push(open, AddressMonitor.start(hosts.get(r.name()), r.name(),
                        dir.resolve(r.name() + "-addr.log"))));
                notify.put(r.name(), NotifyLog.create(r.name(), dir, r.healthy()));
            }
            Map<String, RouterProcess> routers = new LinkedHashMap<>();
            for (RouterSpec r : s.routers()) {
                boolean underTest = ours && r.name().equals(s.role());
                RouterProcess p = push(open, RouterProcess.start(underTest, hosts.get(r.name()),
                        notify.get(r.name()).fill(r.conf())));
                routers.put(r.name(), p);
                if (r.settlesIn() != null) {
                    try {
                        Poll.until(SETTLE, r.name() + " in " + r.settlesIn(), () -> notify.get(r.name()).allIn(r.settlesIn()));
                    } catch (AssertionError e) {
                        throw new AssertionError((underTest ? "ours: " : "keepalived: ") + e.getMessage() + "; notify: "
                                + notify.get(r.name()).transitions() + "\nlog:\n" + p.log(), e);
                    }
                }
            }
            Faults faults = new Faults(net, hosts, routers, notify);
            List<Long> instants = new ArrayList<>();
            long start = Clock.nowMicros();
            for (Fault f : s.faults()) {
                Clock.sleepUntil(start + f.atMillis() * 1000);
                if (f.alignedToAdvert() && s.alignOffsetMillis() > 0) {
                    Clock.sleepUntil(nextAdvert(wires, Clock.nowMicros()) + s.alignOffsetMillis() * 1000);
                }
                instants.add(Clock.nowMicros());
                faults.apply(f, notify.get(f.router()).fill(f.conf() == null ? "" : f.conf()));
            }
            Clock.sleepUntil(start + s.lengthMillis() * 1000);
            long end = Clock.nowMicros();
            List<AddressMonitor.Event> vipEvents = monitors.values().stream().flatMap(m -> m.events().stream())
                    .filter(e -> s.vips().contains(e.address())).toList();
            List<NotifyLog.Transition> transitions = notify.values().stream().flatMap(n -> n.transitions().stream())
                    .toList();
            List<WireAdverts.Advert> adverts = wires.stream().flatMap(w -> w.adverts().stream())
                    .sorted(Comparator.comparingLong(WireAdverts.Advert::epochMicros)).toList();
            Map<String, String> logs = new LinkedHashMap<>();
            routers.forEach((name, p) -> logs.put(name, p.log()));
            return new Result(ours, new Timeline(vipEvents, transitions, adverts, routerOfAddress, instants, end),
                    logs);
        } finally {
            while (!open.isEmpty()) {
                try {
                    open.pop().close();
                } catch (Exception ignored) {
                    // keep closing the rest; the namespaces go with the network regardless
                }
            }
            ScratchDirectory.deleteTree(dir);
        }
    }

    /** The capture time of the first advert (priority > 0) on any segment at or after {@code fromMicros}. */
    private static long nextAdvert(List<WireAdverts> wires, long fromMicros) {
        return Poll.until(Duration.ofSeconds(15), "an advert on the wire", () -> wires.stream()
                .flatMap(w -> w.adverts().stream()).filter(a -> a.priority() > 0 && a.epochMicros() >= fromMicros)
                .mapToLong(WireAdverts.Advert::epochMicros).min().orElse(-1), t -> t >= 0);
    }

    private static <T extends AutoCloseable> T push(Deque<AutoCloseable> open, T resource) {
        open.push(resource);
        return resource;
    }
}
