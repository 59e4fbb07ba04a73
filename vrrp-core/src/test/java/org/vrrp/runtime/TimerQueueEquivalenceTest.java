package org.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vrrp.GarpConfig;
import org.vrrp.HealthCheckSpec;
import org.vrrp.InstanceBuilder;
import org.vrrp.StateChange;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpRouterConfig;
import org.vrrp.VrrpState;
import org.vrrp.packet.AddressFamily;
import org.vrrp.packet.ChecksumForm;
import org.vrrp.packet.VrrpCodec;
import org.vrrp.packet.VrrpPacket;
import org.vrrp.spi.LinkListener;
import org.vrrp.spi.PacketHandler;
import org.vrrp.spi.ReceivedPacket;
import org.vrrp.spi.VirtualAddress;
import org.vrrp.spi.VrrpChannel;

/**
 * The engine's timer queue ({@link InstanceTimers}) against the scan it replaced: a real {@link RouterEngine} on a
 * virtual clock gets random inputs through every door it has (adverts heard, priority changes, resignations, link
 * and health changes, reloads, VIPs the kernel refuses, timers, a hand-over) and after every one its
 * {@link RouterEngine#nextDeadlineNanos()} must be the minimum over all instances of their machine's deadline and
 * their VIP fault's retry, read from each instance directly. Two sync groups make one instance's input move
 * another's timers, which is where a queue that only re-keys the instance it fed would go wrong.
 */
class TimerQueueEquivalenceTest {
    private static final String[] NAMES = {"A", "B", "C", "D", "E", "F"};
    private static final InetAddress PEER_ETH0 = RecordingStack.address("192.0.2.2");
    private static final InetAddress PEER_ETH1 = RecordingStack.address("198.51.100.2");
    private static final InetAddress GROUP = RecordingStack.address("224.0.0.18");

    private final ArrayDeque<Runnable> protocolTasks = new ArrayDeque<>();
    private final Map<String, PacketHandler> handlers = new HashMap<>();
    private final Map<String, LinkListener> links = new HashMap<>();
    /** VIPs the stack refuses to add now: the instance goes to FAULT for {@link VipFault#RETRY_NANOS}. */
    private final Set<String> refused = new HashSet<>();
    private long nowNanos = 1_000_000_000L;

    /**
     * Six instances on eth0 and eth1 (VRIDs 1-3 on each): sync groups G1 = A (eth0) + C (eth1), whose A tracks
     * eth2's link, and G2 = B (eth0) + D (eth1), whose D tracks a pushed health check with weight 0 (FAULT); E
     * tracks another check with a weight, F has a preempt delay, C refreshes its announcements. The variant changes
     * what a reload changes: interval, priority, a VIP.
     */
    private static VrrpRouterConfig config(int variant) {
        Duration interval = Duration.ofMillis(variant % 2 == 0 ? 100 : 200);
        VrrpRouter.Builder b = VrrpRouter.builder().priority(100).version(3).advertisementInterval(interval)
                .shutdownHook(false)
                .healthCheck(HealthCheckSpec.pushed("svc")).healthCheck(HealthCheckSpec.pushed("lb"));
        b.instance("A", i -> common(i, "eth0", 1, "192.0.2.101/32").priority(150).trackInterface("eth2"));
        b.instance("B", i -> common(i, "eth0", 2, "192.0.2.102/32").initialState(VrrpState.MASTER));
        b.instance("C", i -> common(i, "eth1", 1, "198.51.100.101/32").priority(150)
                .garp(new GarpConfig(20, 2, 30, 1, 1)));
        b.instance("D", i -> common(i, "eth1", 2, "198.51.100.102/32").trackHealthCheck("svc"));
        b.instance("E", i -> {
            common(i, "eth0", 3, "192.0.2.103/32").priority(variant % 3 == 0 ? 90 : 120).trackHealthCheck("lb", -30);
            if (variant % 4 == 1) {
                i.vip("192.0.2.113/32");
            }
        });
        b.instance("F", i -> common(i, "eth1", 3, "198.51.100.103/32").preemptDelay(Duration.ofMillis(250)));
        return b.syncGroup("G1", "A", "C").syncGroup("G2", "B", "D").build();
    }

    private static InstanceBuilder common(InstanceBuilder i, String ifname, int vrid, String vip) {
        return i.interfaceName(ifname).virtualRouterId(vrid).vip(vip).trackOnlyNamedHealthChecks();
    }

    @Test
    void afterEveryRandomInputTheNextDeadlineIsTheEarliestOfAllInstances() throws Exception {
        for (long seed = 1; seed <= 40; seed++) {
            run(seed);
        }
    }

    private void run(long seed) throws Exception {
        Random random = new Random(seed);
        protocolTasks.clear();
        handlers.clear();
        links.clear();
        refused.clear();
        RouterEngine engine = new RouterEngine(config(0), new TestStack(), () -> nowNanos, protocolTasks::add,
                (StateChange change) -> { }, () -> Instant.EPOCH);
        engine.start();
        List<String> steps = new ArrayList<>();
        check(engine, seed, steps, "start");
        for (int step = 0; step < 600; step++) {
            String what = randomInput(engine, random, step);
            runProtocolTasks();
            steps.add(what);
            check(engine, seed, steps, what);
        }
        engine.shutdown();
        assertEquals(Long.MAX_VALUE, engine.nextDeadlineNanos(), "seed " + seed + ": no timer after shutdown");
    }

    private String randomInput(RouterEngine engine, Random random, int step) throws IOException {
        String name = NAMES[random.nextInt(NAMES.length)];
        switch (random.nextInt(step > 550 ? 11 : 10)) {
            case 0, 1, 2 -> {
                // As the protocol loop: to the next deadline (or a while before it), run what is due.
                long next = engine.nextDeadlineNanos();
                long to = next == Long.MAX_VALUE || random.nextInt(4) == 0
                        ? nowNanos + random.nextInt(300_000_000) : next;
                nowNanos = Math.max(nowNanos, to);
                engine.onTimeout(nowNanos);
                return "timeout at " + nowNanos;
            }
            case 3, 4 -> {
                int priority = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(254);
                int interval = random.nextInt(6) == 0 ? 50 : engine.instance(name).machine.config().advertIntervalCentis();
                hear(engine.instance(name), priority, interval);
                return "advert for " + name + " at priority " + priority + ", interval " + interval + " cs";
            }
            case 5 -> {
                String target = random.nextInt(4) == 0 ? null : name;
                int priority = 1 + random.nextInt(254);
                engine.setPriority(target, priority);
                return "priority " + priority + " for " + target;
            }
            case 6 -> {
                String target = random.nextInt(4) == 0 ? null : name;
                if (random.nextBoolean()) {
                    engine.resign(target);
                    return "resign " + target;
                }
                boolean up = random.nextBoolean();
                links.get("eth2").onLinkChange("eth2", up);
                return "eth2 " + (up ? "up" : "down");
            }
            case 7 -> {
                String check = random.nextBoolean() ? "svc" : "lb";
                boolean healthy = random.nextBoolean();
                engine.onHealthResult(check, healthy, true);
                return check + (healthy ? " healthy" : " failing");
            }
            case 8 -> {
                int variant = random.nextInt(6);
                engine.reconfigure(config(variant));
                return "reload variant " + variant;
            }
            case 9 -> {
                String vip = random.nextBoolean() ? "192.0.2.102/32" : "198.51.100.101/32";
                if (!refused.remove(vip)) {
                    refused.add(vip);
                }
                nowNanos += random.nextInt(20_000_000);
                return "stack refuses " + refused + ", now " + nowNanos;
            }
            default -> {
                long wait = engine.beginHandOver();
                return "hand-over, at most " + wait + " ns";
            }
        }
    }

    /** The scan the timer queue replaced, over the instances themselves. */
    private static long earliestOfAll(RouterEngine engine) {
        long t = Long.MAX_VALUE;
        for (String n : NAMES) {
            RouterInstance inst = engine.instance(n);
            t = Math.min(t, Math.min(inst.machine.pollTimeoutNanos(), inst.vipFault.retryNanos()));
        }
        return t;
    }

    private static void check(RouterEngine engine, long seed, List<String> steps, String what) {
        long expected = earliestOfAll(engine);
        long actual = engine.nextDeadlineNanos();
        if (expected != actual) {
            StringBuilder states = new StringBuilder();
            for (String n : NAMES) {
                RouterInstance inst = engine.instance(n);
                states.append(' ').append(n).append('=').append(inst.machine.state())
                        .append('@').append(inst.machine.pollTimeoutNanos());
            }
            List<String> last = steps.subList(Math.max(0, steps.size() - 5), steps.size());
            assertEquals(expected, actual, "seed " + seed + " after step " + steps.size() + " (" + what + "), the last"
                    + " steps " + last + "; instances" + states);
        }
    }

    /** A peer's advert for {@code inst}'s VRID with the VIPs it has now, through the channel as received. */
    private void hear(RouterInstance inst, int priority, int intervalCentis) {
        String ifname = inst.machine.config().interfaceName();
        InetAddress peer = ifname.equals("eth0") ? PEER_ETH0 : PEER_ETH1;
        VrrpPacket p = VrrpPacket.v3(AddressFamily.IPV4, inst.machine.config().vrid(), priority, intervalCentis,
                inst.machine.config().vips().stream().map(VirtualAddress::address).toList());
        ByteBuf out = Unpooled.buffer();
        VrrpCodec.encode(p, ChecksumForm.IPV4_PSEUDO_HEADER, peer.getAddress(), GROUP.getAddress(), out);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        handlers.get(ifname).onPacket(new ReceivedPacket(ifname, peer, GROUP, 255, bytes));
    }

    private void runProtocolTasks() {
        Runnable task;
        while ((task = protocolTasks.poll()) != null) {
            task.run();
        }
    }

    /** Keeps each interface's packet handler and link listener; refuses the VIPs in {@link #refused}. */
    private final class TestStack extends SilentStack {
        @Override
        public VrrpChannel openChannel(String interfaceName, AddressFamily family, List<InetAddress> unicastPeers,
                                       PacketHandler handler) {
            handlers.put(interfaceName, handler);
            InetAddress local = RecordingStack.address(interfaceName.equals("eth0") ? "192.0.2.1" : "198.51.100.1");
            return new StubChannel(interfaceName, family, local, message -> { });
        }

        @Override
        public void addAddresses(List<VirtualAddress> addresses, AddOutcome outcome) {
            for (VirtualAddress a : addresses) {
                if (refused.contains(a.address().getHostAddress() + "/" + a.prefixLength())) {
                    outcome.failed(a, new IOException("refused by the test"));
                } else {
                    outcome.done(a, true);
                }
            }
        }

        @Override
        public boolean watchLink(String interfaceName, LinkListener listener) {
            links.put(interfaceName, listener);
            return true;
        }
    }
}
