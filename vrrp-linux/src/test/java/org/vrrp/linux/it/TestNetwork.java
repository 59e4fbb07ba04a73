package org.vrrp.linux.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A throw-away topology of network namespaces: one "switch" namespace holding a Linux bridge per
 * segment, and one namespace per {@link Host}, each attached to a segment by a veth pair whose host end
 * is {@code eth<segment>} and whose switch end is a bridge port. Nothing is created in the root
 * namespace. Addresses come only from the documentation ranges: segment 0 uses 192.0.2.0/24 and
 * 2001:db8::/64, segment 1 uses 198.51.100.0/24 and 2001:db8:1::/64; host N gets .N / ::N and MAC
 * 02:00:00:00:0S:NN.
 *
 * <p>Names are {@code vit<pid>-<n>-<role>}, unique per JVM and per instance. {@link #close} deletes the
 * namespaces (which destroys every interface in them) after killing any process still inside, even if
 * the test failed; a shutdown hook does the same if the JVM exits first; and the first network of a JVM
 * removes leftovers of earlier runs whose JVM has died.
 *
 * <p>IPv6 duplicate address detection is off by default in host namespaces so link-local addresses
 * are usable at once; {@link Host#sysctl} turns it back on for tests that need it.
 *
 * <p>Not thread-safe: build the topology from the test thread.
 */
public final class TestNetwork implements AutoCloseable {
    /** Prefix of every namespace the harness creates. */
    public static final String PREFIX = "vit";
    private static final Pattern OURS = Pattern.compile("^" + PREFIX + "(\\d+)-\\d+-\\S+");
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final List<TestNetwork> OPEN = new ArrayList<>();
    private static boolean staleRemoved;

    private final String id;
    private final String switchNamespace;
    private final List<String> namespaces = new ArrayList<>();
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final List<Integer> segments = new ArrayList<>();
    private boolean closed;

    private TestNetwork() {
        this.id = PREFIX + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet();
        this.switchNamespace = id + "-sw";
    }

    /** Creates the switch namespace with segment 0's bridge; removes stale leftovers first. */
    public static TestNetwork create() {
        synchronized (OPEN) {
            if (!staleRemoved) {
                staleRemoved = true;
                removeStale();
                Runtime.getRuntime().addShutdownHook(new Thread(TestNetwork::closeAllOpen, "vit-cleanup"));
            }
        }
        TestNetwork net = new TestNetwork();
        synchronized (OPEN) {
            OPEN.add(net);
        }
        try {
            net.addNamespace(net.switchNamespace);
            net.segment(0);
            return net;
        } catch (RuntimeException | Error e) {
            net.close();
            throw e;
        }
    }

    /** Adds a host with {@code eth0} on segment 0, addressed and up. */
    public Host addHost(String name) {
        Host host = addBareHost(name);
        host.sysctl("net.ipv6.conf.all.accept_dad", "0");
        host.sysctl("net.ipv6.conf.default.accept_dad", "0");
        attach(host, 0);
        return host;
    }

    /**
     * Adds a host with only {@code lo} (up) and no connection: a namespace of its own for a test that
     * creates the interfaces it needs, e.g. one named like each interface a keepalived.conf mentions.
     */
    public Host addBareHost(String name) {
        if (hosts.containsKey(name) || !name.matches("[a-z0-9]{1,8}")) {
            throw new IllegalArgumentException("host name must be new and 1-8 of [a-z0-9], got " + name);
        }
        Host host = new Host(this, name, id + "-" + name, hosts.size() + 1);
        addNamespace(host.namespace());
        hosts.put(name, host);
        host.ip("link", "set", "lo", "up");
        return host;
    }

    /** Connects {@code host} to {@code segment} (0 or 1) with a new interface {@code eth<segment>}. */
    public String attach(Host host, int segment) {
        segment(segment);
        String ifname = "eth" + segment;
        String port = bridgePort(host, segment);
        ip(switchNamespace, "link", "add", port, "type", "veth", "peer", "name", ifname, "netns", host.namespace());
        ip(switchNamespace, "link", "set", port, "master", "br" + segment, "up");
        host.ip("link", "set", ifname, "address", host.mac(segment));
        host.ip("addr", "add", host.ipv4(segment) + "/24", "dev", ifname);
        host.ip("addr", "add", host.ipv6(segment) + "/64", "dev", ifname, "nodad");
        host.ip("link", "set", ifname, "up");
        // A test may send at once: wait until the link has carrier and the bridge forwards on the port,
        // or a first packet can vanish while the port is still coming up (seen on a loaded machine).
        Poll.until(Duration.ofSeconds(10), host.name() + " " + ifname + " carrier", () -> host.hasCarrier(ifname));
        Poll.until(Duration.ofSeconds(10), "bridge port " + port + " forwarding",
                () -> Command.runUnchecked(Command.DEFAULT_TIMEOUT, List.of("ip", "netns", "exec", switchNamespace,
                        "bridge", "link", "show", "dev", port)).stdout().contains("state forwarding"));
        return ifname;
    }

    /** Drops (false) or restores (true) carrier on a host interface by downing its bridge port. */
    public void setCarrier(Host host, int segment, boolean carrier) {
        ip(switchNamespace, "link", "set", bridgePort(host, segment), carrier ? "up" : "down");
    }

    /** The host of this name. */
    public Host host(String name) {
        Host h = hosts.get(name);
        if (h == null) {
            throw new IllegalArgumentException("no host " + name + "; hosts: " + hosts.keySet());
        }
        return h;
    }

    /** The namespace holding the bridges. */
    public String switchNamespace() {
        return switchNamespace;
    }

    /** The switch-side port of {@code host} on {@code segment}, in {@link #switchNamespace()}. */
    public String bridgePort(Host host, int segment) {
        return "p" + host.index() + "s" + segment;
    }

    private void segment(int segment) {
        if (segment < 0 || segment > 1) {
            throw new IllegalArgumentException("segments 0 and 1 exist (two documentation ranges), got " + segment);
        }
        if (!segments.contains(segment)) {
            // Snooping off: the bridge floods VRRP multicast like a dumb switch, with no MLD/IGMP querier.
            ip(switchNamespace, "link", "add", "br" + segment, "type", "bridge", "mcast_snooping", "0");
            ip(switchNamespace, "link", "set", "br" + segment, "up");
            segments.add(segment);
        }
    }

    private void addNamespace(String name) {
        if (closed) {
            throw new IllegalStateException("network closed");
        }
        Command.run("ip", "netns", "add", name);
        namespaces.add(name);
    }

    static void ip(String namespace, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", namespace));
        cmd.addAll(List.of(args));
        Command.runUnchecked(Command.DEFAULT_TIMEOUT, cmd).check();
    }

    /** Deletes everything this network created, hosts first. Idempotent; never throws. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> reversed = new ArrayList<>(namespaces);
        java.util.Collections.reverse(reversed);
        for (String ns : reversed) {
            deleteNamespace(ns);
        }
        synchronized (OPEN) {
            OPEN.remove(this);
        }
    }

    /** Kills what still runs inside (e.g. a keepalived a failed test did not stop), then deletes. */
    static void deleteNamespace(String ns) {
        Command.Result pids = Command.runUnchecked("ip", "netns", "pids", ns);
        for (String pid : pids.stdout().split("\\s+")) {
            if (!pid.isBlank()) {
                ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        Command.runUnchecked("ip", "netns", "delete", ns);
    }

    private static void closeAllOpen() {
        List<TestNetwork> open;
        synchronized (OPEN) {
            open = new ArrayList<>(OPEN);
        }
        open.forEach(TestNetwork::close);
    }

    /** Removes namespaces of earlier runs whose JVM is gone. Namespaces of live JVMs are left alone. */
    static void removeStale() {
        for (String ns : listNamespaces()) {
            Matcher m = OURS.matcher(ns);
            if (m.matches()) {
                long pid = Long.parseLong(m.group(1));
                boolean ownerAlive = pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).isPresent();
                if (!ownerAlive) {
                    deleteNamespace(ns);
                }
            }
        }
    }

    /** Names of all namespaces under /var/run/netns. */
    public static List<String> listNamespaces() {
        List<String> out = new ArrayList<>();
        for (String line : Command.run("ip", "netns", "list").stdout().split("\n")) {
            if (!line.isBlank()) {
                out.add(line.trim().split("\\s+")[0]);
            }
        }
        return out;
    }
}
