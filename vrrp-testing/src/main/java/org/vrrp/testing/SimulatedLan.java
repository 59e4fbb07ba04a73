package org.vrrp.testing;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.vrrp.StateChange;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;
import org.vrrp.runtime.Ticker;
import org.vrrp.spi.ReceivedPacket;

/**
 * A LAN of simulated hosts running real routers (the same engine, state machine and codec as in
 * production) on a virtual clock that jumps to the next event, so that minutes of VRRP run in
 * milliseconds, without root, deterministically for a given seed.
 *
 * <p>Hosts attach interfaces to named segments. Packets cross a segment with a delay drawn from
 * [{@link #delay min, max}], may be lost ({@link #lossRate}), and can be cut between two hosts in one
 * or both directions ({@link #partitionOneWay}, {@link #partition}, {@link #heal}); links can lose
 * carrier ({@link #setLink}). Listener callbacks run on the simulation's thread, in order.
 *
 * <pre>{@code
 * SimulatedLan lan = new SimulatedLan(42);
 * SimulatedRouter a = lan.host("a").attach("eth0", "lan", "192.0.2.1").start(builderA);
 * SimulatedRouter b = lan.host("b").attach("eth0", "lan", "192.0.2.2").start(builderB);
 * lan.runFor(Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>Not thread-safe: one thread drives it. A failure message should include {@link #seed()}.
 */
public final class SimulatedLan {
    private static final long START_NANOS = 1_000_000_000L;
    private static final long MAX_STEPS_PER_RUN = 50_000_000L;

    private final long seed;
    private final Random random;
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private final Map<String, SimulatedHost> hosts = new LinkedHashMap<>();
    private final List<SimulatedRouter> routers = new ArrayList<>();
    private final Set<String> cutDirections = new HashSet<>();
    private final Set<String> blockedSegments = new HashSet<>();
    /** Last arrival time per (sending interface, receiving interface): a segment does not reorder one sender's frames. */
    private final Map<String, Long> lastArrivalNanos = new java.util.HashMap<>();
    private final List<StateChange> transitions = new ArrayList<>();
    private long nowNanos = START_NANOS;
    private long eventSequence;
    private double lossRate;
    private long minDelayNanos = 100_000;
    private long maxDelayNanos = 500_000;

    /** @param seed the seed of the LAN's randomness (loss, delay); the same seed replays the same run */
    public SimulatedLan(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /**
     * The seed this LAN's randomness (loss, delay) came from; print it when a test fails.
     *
     * @return the seed this LAN's randomness (loss, delay) came from; print it when a test fails
     */
    public long seed() {
        return seed;
    }

    /**
     * The virtual clock, as a {@link Ticker}.
     *
     * @return the virtual clock, as a {@link Ticker}
     */
    public Ticker ticker() {
        return () -> nowNanos;
    }

    /**
     * Virtual time since the LAN was created.
     *
     * @return the virtual time since the LAN was created
     */
    public Duration elapsed() {
        return Duration.ofNanos(nowNanos - START_NANOS);
    }

    Instant wallClock() {
        return Instant.EPOCH.plusNanos(nowNanos);
    }

    /**
     * The host of this name, created on first use.
     *
     * @param name the host's name
     * @return the host of this name, created on first use
     */
    public SimulatedHost host(String name) {
        return hosts.computeIfAbsent(name, n -> new SimulatedHost(this, n));
    }

    /**
     * Probability 0..1 that any one packet is lost.
     *
     * @param probability the probability
     * @return this LAN
     */
    public SimulatedLan lossRate(double probability) {
        if (probability < 0 || probability > 1) {
            throw new IllegalArgumentException("loss rate must be in 0..1, got " + probability);
        }
        this.lossRate = probability;
        return this;
    }

    /**
     * Each packet takes between {@code min} and {@code max} to arrive (uniform).
     *
     * @param min the shortest delay
     * @param max the longest delay
     * @return this LAN
     */
    public SimulatedLan delay(Duration min, Duration max) {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("delay needs 0 <= min <= max, got " + min + ", " + max);
        }
        this.minDelayNanos = min.toNanos();
        this.maxDelayNanos = max.toNanos();
        return this;
    }

    /**
     * Packets from {@code from} no longer reach {@code to} (the other direction still works).
     *
     * @param from the sending host's name
     * @param to the receiving host's name
     */
    public void partitionOneWay(String from, String to) {
        cutDirections.add(from + "->" + to);
    }

    /**
     * Packets no longer pass between the two hosts, either way.
     *
     * @param a one host's name
     * @param b the other host's name
     */
    public void partition(String a, String b) {
        partitionOneWay(a, b);
        partitionOneWay(b, a);
    }

    /**
     * Drops every packet on a segment, as a firewall that eats IP protocol 112 on both routers' interfaces
     * there would (the hosts still have carrier).
     *
     * @param segment the segment
     */
    public void blockSegment(String segment) {
        blockedSegments.add(segment);
    }

    /** Ends every partition and segment block. */
    public void heal() {
        cutDirections.clear();
        blockedSegments.clear();
    }

    /**
     * Sets carrier on a host's interface; the host's routers hear of it as from the kernel.
     *
     * @param hostName the host name
     * @param interfaceName the interface name
     * @param up whether the link is up
     */
    public void setLink(String hostName, String interfaceName, boolean up) {
        SimulatedHost.Interface itf = hosts.get(hostName).iface(interfaceName);
        if (itf.up == up) {
            return;
        }
        itf.up = up;
        for (var listener : List.copyOf(itf.linkListeners)) {
            schedule(0, () -> listener.onLinkChange(interfaceName, up));
        }
    }

    /**
     * Every transition of every router so far, in order.
     *
     * @return every transition of every router so far, in order
     */
    public List<StateChange> transitions() {
        return List.copyOf(transitions);
    }

    /**
     * Names of hosts whose address table holds {@code address} now (the simulated kernel's view).
     *
     * @param address the address
     * @return the names of the hosts that have {@code address}
     */
    public List<String> hostsHolding(String address) {
        InetAddress a = SimulatedHost.parse(address);
        List<String> names = new ArrayList<>();
        for (SimulatedHost h : hosts.values()) {
            if (h.holds(a)) {
                names.add(h.name());
            }
        }
        return names;
    }

    /**
     * Names of the hosts whose instance of this name is MASTER now.
     *
     * @param instanceName the instance name
     * @return the names of the hosts where {@code instanceName} is MASTER
     */
    public List<String> mastersOf(String instanceName) {
        List<String> names = new ArrayList<>();
        for (SimulatedRouter r : routers) {
            if (!r.isClosed() && r.instanceNames().contains(instanceName) && r.state(instanceName) == VrrpState.MASTER) {
                names.add(r.host().name());
            }
        }
        return names;
    }

    /**
     * Advances virtual time by {@code duration}, running everything due.
     *
     * @param duration the duration
     */
    public void runFor(Duration duration) {
        runUntil(() -> false, duration);
    }

    /**
     * The same as {@link #runFor}: moves the virtual clock on by {@code duration}, running everything due.
     *
     * @param duration the duration
     */
    public void advance(Duration duration) {
        runFor(duration);
    }

    /**
     * Shorthand for a host {@code hostName} with one interface {@code eth0} on segment {@code "lan"} at
     * {@code ipv4}, running {@code builder}'s router.
     *
     * @param hostName the host name
     * @param ipv4 the IPv4
     * @param builder the builder
     * @return the started router
     */
    public SimulatedRouter start(String hostName, String ipv4, VrrpRouter.Builder builder) {
        return host(hostName).attach("eth0", "lan", ipv4).start(builder);
    }

    /** Closes every router still running (priority 0 from masters, VIPs removed), as at the end of a test. */
    public void closeAll() {
        for (SimulatedRouter r : routers) {
            r.close();
        }
    }

    /**
     * Runs until {@code condition} holds (checked after every step) or {@code max} has passed.
     *
     * @param condition what to wait for
     * @param max the most virtual time to run
     * @return whether the condition held
     */
    public boolean runUntil(BooleanSupplier condition, Duration max) {
        long end = nowNanos + max.toNanos();
        long steps = 0;
        while (!condition.getAsBoolean()) {
            long next = nextEventNanos();
            if (next > end) {
                nowNanos = end;
                return false;
            }
            nowNanos = Math.max(nowNanos, next);
            step();
            if (++steps > MAX_STEPS_PER_RUN) {
                throw new IllegalStateException("simulation made no progress after " + steps + " steps at "
                        + elapsed() + " (seed " + seed + ")");
            }
        }
        return true;
    }

    private long nextEventNanos() {
        long t = events.isEmpty() ? Long.MAX_VALUE : events.peek().atNanos;
        for (SimulatedRouter r : routers) {
            t = Math.min(t, r.nextDeadlineNanos());
        }
        return t;
    }

    private void step() {
        if (!events.isEmpty() && events.peek().atNanos <= nowNanos) {
            events.poll().task.run();
            return;
        }
        for (SimulatedRouter r : routers) {
            if (r.nextDeadlineNanos() <= nowNanos) {
                r.onTimeout(nowNanos);
            }
        }
    }

    void schedule(long delayNanos, Runnable task) {
        events.add(new Event(nowNanos + delayNanos, eventSequence++, task));
    }

    int hostIndex(SimulatedHost host) {
        return new ArrayList<>(hosts.values()).indexOf(host);
    }

    void register(SimulatedRouter router) {
        routers.add(router);
    }

    void recordTransition(StateChange change) {
        transitions.add(change);
    }

    /** Sends a packet from {@code from}'s interface to every other interface on its segment that may hear it. */
    void transmit(SimulatedHost from, SimulatedHost.Interface out, InetAddress source, InetAddress destination,
                  byte[] message) {
        if (!out.up || blockedSegments.contains(out.segment)) {
            return;
        }
        for (SimulatedHost to : hosts.values()) {
            if (to == from || cutDirections.contains(from.name() + "->" + to.name())) {
                continue;
            }
            for (SimulatedHost.Interface in : to.interfaces()) {
                if (!in.segment.equals(out.segment) || !in.up) {
                    continue;
                }
                if (!destination.isMulticastAddress() && !destination.equals(in.ipv4) && !destination.equals(in.ipv6)) {
                    continue;
                }
                if (lossRate > 0 && random.nextDouble() < lossRate) {
                    continue;
                }
                long delay = minDelayNanos + (maxDelayNanos > minDelayNanos
                        ? (long) (random.nextDouble() * (maxDelayNanos - minDelayNanos)) : 0);
                String path = from.name() + "/" + out.name + "->" + to.name() + "/" + in.name;
                long arrival = Math.max(nowNanos + delay, lastArrivalNanos.getOrDefault(path, Long.MIN_VALUE));
                lastArrivalNanos.put(path, arrival);
                ReceivedPacket p = new ReceivedPacket(in.name, source, destination, 255, message.clone());
                schedule(arrival - nowNanos, () -> {
                    if (in.up) {
                        in.deliver(p);
                    }
                });
            }
        }
    }

    private record Event(long atNanos, long sequence, Runnable task) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Long.compare(atNanos, o.atNanos);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    /** Starts a router on {@code host}; used by {@link SimulatedHost#start}. */
    SimulatedRouter startRouter(SimulatedHost host, VrrpRouter.Builder builder) {
        SimulatedRouter r = new SimulatedRouter(this, host, builder.build());
        register(r);
        r.start();
        return r;
    }
}
