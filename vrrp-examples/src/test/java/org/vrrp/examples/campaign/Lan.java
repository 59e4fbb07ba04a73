package org.vrrp.examples.campaign;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vrrp.examples.differential.AddressMonitor;
import org.vrrp.examples.hardening.WireAdverts;
import org.vrrp.linux.it.BackgroundProcess;
import org.vrrp.linux.it.Host;
import org.vrrp.linux.it.IpJson;
import org.vrrp.linux.it.Poll;
import org.vrrp.linux.it.TestNetwork;

/**
 * The campaign's network: one segment (a bridge in the switch namespace), routers r1..rN and a client
 * {@code cl} that pings every VIP twice a second (so its neighbour table has an entry to follow). Each
 * router namespace has, besides the harness's own addresses, a secondary 192.0.2.(100+N)/24 in the VIP
 * subnet that no router adds (promote_secondaries on); an {@code ip monitor address} per router
 * timestamps every address change; tcpdump on the client records the adverts on the wire. Built and closed from one thread; {@link #close} stops everything,
 * also after a failure.
 */
final class Lan implements AutoCloseable {
    /** JVM start-up on a loaded 2-core machine, or keepalived's. */
    static final Duration READY = Duration.ofSeconds(60);

    /** Which implementation runs in each role. */
    enum Impl {
        OURS, KEEPALIVED,
        /** keepalived in the last role, ours in the others. */
        MIXED
    }

    final TestNetwork net;
    final Host client;
    private final Map<String, RouterSlot> slots = new LinkedHashMap<>();
    private final Map<String, AddressMonitor> monitors = new LinkedHashMap<>();
    private final Deque<AutoCloseable> open = new ArrayDeque<>();
    private WireAdverts wire;
    /** ARP on the client's link with MACs ({@code -e}): who announced which VIP when, for a failing round's evidence. */
    private org.vrrp.linux.it.PacketCapture arp;

    private Lan(TestNetwork net, Host client) {
        this.net = net;
        this.client = client;
    }

    static Lan start(Impl impl, int routers, Path dir) {
        TestNetwork net = TestNetwork.create();
        Lan lan = null;
        try {
            List<Host> hosts = new ArrayList<>();
            for (int i = 1; i <= routers; i++) {
                Host h = net.addHost("r" + i);
                h.sysctl("net.ipv4.conf.all.promote_secondaries", "1");
                h.ip("addr", "add", foreignSecondary(h) + "/24", "dev", "eth0");
                hosts.add(h);
            }
            lan = new Lan(net, net.addHost("cl"));
            for (String vip : List.of(RouterConf.VIP1, RouterConf.VIPS2.get(0), RouterConf.VIPS2.get(1))) {
                lan.open.push(new BackgroundProcess(lan.client, "ping " + vip, dir.resolve("ping-" + vip + ".log"),
                        "ping", "-n", "-i", "0.5", vip));
            }
            lan.wire = WireAdverts.start(lan.client, "eth0", hosts.stream().map(Host::ipv4).toArray(String[]::new));
            lan.open.push(lan.wire);
            lan.arp = org.vrrp.linux.it.PacketCapture.start(lan.client, "eth0", List.of("-tt", "-e", "-B", "4096"), "arp");
            lan.open.push(lan.arp);
            for (Host h : hosts) {
                AddressMonitor m = AddressMonitor.start(h, h.name(), dir.resolve(h.name() + "-addr.log"));
                lan.open.push(m);
                lan.monitors.put(h.name(), m);
            }
            for (Host h : hosts) {
                boolean keepalived = impl == Impl.KEEPALIVED || (impl == Impl.MIXED && h.index() == routers);
                RouterSlot s = new RouterSlot(h.name(), h.index(), h, keepalived, dir);
                lan.slots.put(h.name(), s);
                lan.open.push(s);
                s.spawn(Set.of());
            }
            lan.awaitReady();
            return lan;
        } catch (RuntimeException | Error e) {
            if (lan != null) {
                lan.close();
            } else {
                net.close();
            }
            throw e;
        }
    }

    /** 192.0.2.(100+N): an address in the VIP subnet no router adds; it must never go. */
    static String foreignSecondary(Host h) {
        return "192.0.2." + (100 + h.index());
    }

    /** The addresses the harness gave {@code r}: never deleted by a router. */
    static List<String> foreignAddresses(RouterSlot r) {
        return List.of(r.host.ipv4(), foreignSecondary(r.host), r.host.ipv6());
    }

    List<RouterSlot> slots() {
        return List.copyOf(slots.values());
    }

    RouterSlot slot(String name) {
        RouterSlot s = slots.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no router " + name + " in this campaign; routers: " + slots.keySet());
        }
        return s;
    }

    Map<String, AddressMonitor> monitors() {
        return monitors;
    }

    /** The VRRP adverts the client has seen on the wire (tcpdump, kernel timestamps). */
    List<WireAdverts.Advert> adverts() {
        return wire.adverts();
    }

    /** What tcpdump printed on the client so far, VRRP adverts and ARP, each line starting with its {@code -tt} time. */
    List<String> wireLines() {
        List<String> out = new ArrayList<>(List.of(wire.text().split("\n")));
        out.addAll(List.of(arp.output().split("\n")));
        return out;
    }

    /** The switch-side port of {@code r}'s eth0, as TestNetwork names it. */
    String bridgePort(RouterSlot r) {
        return "p" + r.index + "s0";
    }

    /** Waits until every router is alive and has started working; fails if one exits. */
    void awaitReady() {
        for (RouterSlot s : slots.values()) {
            Poll.until(READY, s + " ready", () -> {
                if (!s.process.isAlive()) {
                    throw new AssertionError(s + " exited while starting:\n" + tail(s.process.log()));
                }
                return s.ready();
            });
        }
    }

    /**
     * As {@link #awaitReady}, but a router that exited on its own is a {@link Invariant#NO_CRASH}
     * violation (unless the sampler reported it already) and is started again, so the campaign goes on.
     */
    void awaitReady(Tally tally) {
        for (RouterSlot s : slots.values()) {
            Boolean ready = Poll.until(READY, s + " ready or exited",
                    () -> s.process.isAlive() ? Boolean.valueOf(s.ready()) : null, r -> r == null || r);
            if (ready == null) {
                RouterSlot.Incarnation inc = s.incarnation();
                if (!inc.crashReported) {
                    inc.crashReported = true;
                    tally.violation(Invariant.NO_CRASH, s + " exited on its own\n" + tail(s.process.log()));
                }
                s.process.close();
                inc.endMicros = org.vrrp.examples.differential.Clock.nowMicros();
                s.spawn(vipsOn(s));
                awaitReady(tally);
                return;
            }
        }
    }

    /** The addresses of the VIP pool on {@code r}'s eth0, from the kernel. */
    Set<String> vipsOn(RouterSlot r) {
        Set<String> out = new HashSet<>();
        for (IpJson.KernelAddress a : r.host.addresses("eth0")) {
            if (RouterConf.ALL_VIPS.contains(a.address())) {
                out.add(a.address());
            }
        }
        return out;
    }

    /** VIP -> MAC in the client's neighbour table now (usable entries only). */
    Map<String, String> clientNeighbours() {
        String json = client.exec("ip", "-j", "neigh", "show", "dev", "eth0").stdout();
        Map<String, String> out = new LinkedHashMap<>();
        for (String vip : RouterConf.ALL_VIPS) {
            int at = json.indexOf("\"dst\":\"" + vip + "\"");
            if (at >= 0) {
                int end = json.indexOf('}', at);
                IpJson.neighbourMac("[{" + json.substring(at, end + 1) + "]").ifPresent(mac -> out.put(vip, mac));
            }
        }
        return out;
    }

    /** The last 3,000 characters of a log, for a violation report. */
    static String tail(String log) {
        return log.length() <= 3000 ? log : "..." + log.substring(log.length() - 3000);
    }

    @Override
    public void close() {
        while (!open.isEmpty()) {
            try {
                open.pop().close();
            } catch (Exception ignored) {
                // keep closing the rest; the namespaces go with the network regardless
            }
        }
        net.close();
    }
}
