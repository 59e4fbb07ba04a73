package org.vrrp.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vrrp.GarpConfig;
import org.vrrp.InstanceConfig;
import org.vrrp.Reason;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpRouterConfig;
import org.vrrp.packet.VrrpPacket;
import org.vrrp.spi.VirtualAddress;

/**
 * The machine's side of the runtime's timer queue: whenever {@link VirtualRouterMachine#pollTimeoutNanos()} of a
 * machine moves, its deadline listener was told during that call, whichever machine the input was for. Three
 * machines, two of them in a sync group (whose inputs move each other), get random inputs through every entry
 * point: each input kind, timeouts, reloads and advert phases.
 */
class DeadlineListenerTest {
    private static final InetAddress LOCAL0 = addr("192.0.2.1");
    private static final InetAddress LOCAL1 = addr("198.51.100.1");
    private static final InetAddress PEER0 = addr("192.0.2.2");
    private static final InetAddress PEER1 = addr("198.51.100.2");

    /** A and C on eth0, B on eth1; the variant changes what a reload changes: interval, a VIP, the GARP refresh. */
    private static List<InstanceConfig> configs(int variant) {
        VrrpRouterConfig c = VrrpRouter.builder().priority(100).version(3)
                .advertisementInterval(Duration.ofMillis(variant % 2 == 0 ? 100 : 300)).shutdownHook(false)
                .instance("A", i -> i.interfaceName("eth0").virtualRouterId(1).vip("192.0.2.101/32")
                        .preemptDelay(Duration.ofMillis(variant % 3 == 0 ? 0 : 200)))
                .instance("B", i -> {
                    i.interfaceName("eth1").virtualRouterId(1).vip("198.51.100.101/32")
                            .garp(new GarpConfig(10, 2, variant % 2 == 0 ? 25 : 0, 1, 1));
                    if (variant % 4 == 1) {
                        i.vip("198.51.100.111/32");
                    }
                })
                .instance("C", i -> i.interfaceName("eth0").virtualRouterId(3).vip("192.0.2.103/32"))
                .build();
        return c.instances().stream().map(s -> s.protocol()).toList();
    }

    @Test
    void everyMoveOfAMachinesDeadlineIsToldToItsListener() {
        for (long seed = 1; seed <= 60; seed++) {
            run(seed);
        }
    }

    private void run(long seed) {
        Random random = new Random(seed);
        ActionQueue actions = new ActionQueue();
        List<InstanceConfig> configs = configs(0);
        VirtualRouterMachine[] machines = {
            new VirtualRouterMachine(configs.get(0), LOCAL0, actions),
            new VirtualRouterMachine(configs.get(1), LOCAL1, actions),
            new VirtualRouterMachine(configs.get(2), LOCAL0, actions)};
        SyncGroup group = new SyncGroup("G");
        group.add(machines[0]);
        group.add(machines[1]);
        boolean[] told = new boolean[machines.length];
        long[] seen = new long[machines.length];
        for (int i = 0; i < machines.length; i++) {
            int id = i;
            machines[i].setDeadlineListener(() -> told[id] = true);
            seen[i] = machines[i].pollTimeoutNanos();
        }
        long now = 1_000_000_000L;
        boolean[] fault = new boolean[machines.length];
        for (int step = 0; step < 800; step++) {
            int target = random.nextInt(machines.length);
            VirtualRouterMachine m = machines[target];
            String what;
            switch (random.nextInt(12)) {
                case 0 -> {
                    m.handle(new Input.Start(), now);
                    what = "start";
                }
                case 1, 2, 3 -> {
                    long next = Long.MAX_VALUE;
                    for (VirtualRouterMachine each : machines) {
                        next = Math.min(next, each.pollTimeoutNanos());
                    }
                    now = next == Long.MAX_VALUE || random.nextBoolean() ? now + random.nextInt(400_000_000)
                            : Math.max(now, next);
                    m.handleTimeout(now);
                    what = "timeout at " + now;
                }
                case 4, 5 -> {
                    int priority = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(254);
                    InstanceConfig c = m.config();
                    VrrpPacket p = VrrpPacket.v3(c.family(), c.vrid(), priority,
                            random.nextInt(5) == 0 ? 50 : c.advertIntervalCentis(),
                            c.vips().stream().map(VirtualAddress::address).toList());
                    m.handleAdvert(p, c.interfaceName().equals("eth0") ? PEER0 : PEER1, 255, null, now);
                    what = "advert at priority " + priority;
                }
                case 6 -> {
                    fault[target] = !fault[target];
                    m.handle(new Input.FaultChanged(fault[target], fault[target] ? new Reason.LinkDown("test")
                            : new Reason.LinkUp("test")), now);
                    what = "fault " + fault[target];
                }
                case 7 -> {
                    int priority = 1 + random.nextInt(254);
                    m.handle(new Input.PriorityChanged(priority, new Reason.PrioritySet(priority)), now);
                    what = "priority " + priority;
                }
                case 8 -> {
                    Input input = switch (random.nextInt(3)) {
                        case 0 -> new Input.Resign(new Reason.Operator("test"));
                        case 1 -> new Input.HandOver();
                        default -> new Input.Shutdown();
                    };
                    m.handle(input, now);
                    what = input.getClass().getSimpleName();
                }
                case 9, 10 -> {
                    int variant = random.nextInt(6);
                    m.reconfigure(configs(variant).get(target), now);
                    what = "reload variant " + variant;
                }
                default -> {
                    long phase = now + random.nextInt(100_000_000);
                    m.setAdvertPhase(phase);
                    what = "phase " + phase;
                }
            }
            while (actions.poll() != null) {
                // The actions are not what this test looks at; the queue must not grow without end.
            }
            for (int i = 0; i < machines.length; i++) {
                long deadline = machines[i].pollTimeoutNanos();
                int id = i;
                long before = seen[i];
                String where = "seed " + seed + " step " + step + " (" + what + " to " + m.name() + ")";
                assertTrue(deadline == before || told[i], () -> machines[id].name() + "'s deadline moved from "
                        + before + " to " + deadline + " untold, " + where + "; now " + machines[id].state());
                seen[i] = deadline;
                told[i] = false;
            }
        }
    }

    private static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
