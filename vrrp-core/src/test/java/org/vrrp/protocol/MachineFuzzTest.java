package org.vrrp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vrrp.GarpConfig;
import org.vrrp.InstanceConfig;
import org.vrrp.Reason;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;
import org.vrrp.fuzz.FuzzCorpus;
import org.vrrp.packet.AddressFamily;
import org.vrrp.packet.DecodeResult;
import org.vrrp.packet.InternetChecksum;
import org.vrrp.packet.KeepalivedCaptures.CapturedVrrp;
import org.vrrp.packet.KeepalivedCaptures;
import org.vrrp.packet.VrrpCodec;

/**
 * Coverage-guided fuzzing of the state machine's packet input (issue 7 item 2) with Jazzer: one
 * {@link VirtualRouterMachine}, started, then driven by a script of steps read from the fuzzer's bytes,
 * adverts decoded from fuzzer bytes (only those that decode reach the machine, as in the runtime)
 * interleaved with timeouts, clock jumps, priority changes, faults, resigns and restarts. After every
 * step the invariants of {@link #checkStep} must hold.
 *
 * <p>Input layout (documented because the seeds and saved findings are in it):
 * <pre>
 * byte 0    config: bits 0-1 which keepalived capture's instance (v2-auth-pass, v2-noauth-3vips,
 *           v3-ipv4-50cs, v3-ipv6); bit 2 no preempt; bit 3 preempt delay 3 s; bit 4 start as MASTER;
 *           bit 5 no reassert on lower priority; bit 6 GARP refresh every 2 s with 10 ms gaps
 * byte 1    our priority (0 read as 1; 255 is the address owner)
 * then steps, each an op byte whose low 3 bits are:
 *   0 advert: peer byte (bits 0-1 the sender: keepalived's address, one above ours, one below, ours;
 *             bit 2 TTL 254; bit 3 leave the checksum as it is, else it is fixed up so that the
 *             fuzzer reaches the machine), length byte, that many message bytes
 *   1 the machine's next timeout fires (clock jumps to pollTimeoutNanos)
 *   2 the clock advances by the next 2 bytes in centiseconds, then handleTimeout
 *   3 priority change to the next byte (0 read as 1)
 *   4 fault toggles
 *   5 resign
 *   6 shutdown, then start again
 *   7 the clock advances by the next byte in microseconds, then handleTimeout (timer edges)
 * </pre>
 */
class MachineFuzzTest {
    private static final long T0 = 1_000_000_000L;
    private static final long NONE = Long.MAX_VALUE;
    private static final List<String> CAPTURES = KeepalivedCaptures.NAMES;
    /** The configs of the keepalived captures' instances (see their .conf), in {@link #CAPTURES} order. */
    private static final List<InstanceConfig> BASE_CONFIGS = List.of(
            config(VrrpRouter.builder().virtualRouterId(1).vip("192.0.2.254/24").authentication("passwd")),
            config(VrrpRouter.builder().virtualRouterId(51).vip("192.0.2.100/24").vip("192.0.2.101/24")
                    .vip("192.0.2.102/24")),
            config(VrrpRouter.builder().version(3).virtualRouterId(4).advertisementInterval(Duration.ofMillis(500))
                    .vip("192.0.2.4/24")),
            config(VrrpRouter.builder().virtualRouterId(7).vip("fe80::7/64").vip("2001:db8::7/64")));
    /** keepalived's address in the captures, then one above ours, one below, ours (a reflected advert). */
    private static final List<List<InetAddress>> PEERS = List.of(
            List.of(addr("192.0.2.251"), addr("192.0.2.253"), addr("192.0.2.2"), addr("192.0.2.252")),
            List.of(addr("fe80::ff:fe00:a"), addr("fe80::ff:fe00:c"), addr("fe80::1"), addr("fe80::ff:fe00:b")));

    private static InstanceConfig config(VrrpRouter.Builder builder) {
        return builder.interfaceName("eth0").priority(100).build().instances().get(0).protocol();
    }

    private static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void packetInput(byte[] input) {
        if (input.length < 2) {
            return;
        }
        new Run(input).run();
    }

    /** One fuzz input played against a fresh machine, with what the invariants need to remember. */
    private static final class Run {
        private final byte[] input;
        private int at = 2;
        private final InstanceConfig config;
        private final VirtualRouterMachine machine;
        private final List<InetAddress> peers;
        private long now = T0;
        private boolean fault;
        /** Whether the VIPs are on, as the AddAddresses and RemoveAddresses actions so far say. */
        private boolean vipsAdded;
        private final StringBuilder trace = new StringBuilder();

        Run(byte[] input) {
            this.input = input;
            int flags = input[0] & 0xff;
            InstanceConfig base = BASE_CONFIGS.get(flags & 3);
            int priority = Math.max(1, input[1] & 0xff);
            GarpConfig garp = (flags & 0x40) != 0 ? new GarpConfig(100, 2, 200, 2, 1) : base.garp();
            config = new InstanceConfig(base.name(), base.interfaceName(), base.family(), base.version(),
                    base.vrid(), priority, base.advertIntervalCentis(), (flags & 0x04) == 0,
                    (flags & 0x08) != 0 ? 300 : 0, (flags & 0x10) != 0, base.authData(), base.vips(),
                    base.unicastPeers(), base.v3Ipv4ChecksumForm(), (flags & 0x20) == 0, garp);
            peers = PEERS.get(config.family() == AddressFamily.IPV4 ? 0 : 1);
            machine = new VirtualRouterMachine(config, peers.get(3));
        }

        void run() {
            step("start", () -> machine.handle(new Input.Start(), now));
            while (at < input.length) {
                int op = input[at++] & 7;
                switch (op) {
                    case 0 -> advert();
                    case 1 -> {
                        long deadline = machine.pollTimeoutNanos();
                        if (deadline != NONE) {
                            now = Math.max(now, deadline);
                        }
                        timeout("next timeout");
                    }
                    case 2 -> {
                        now += TimerMath.centisToNanos(next() << 8 | next());
                        timeout("advance");
                    }
                    case 3 -> {
                        int priority = Math.max(1, next());
                        step("priority " + priority, () -> machine.handle(
                                new Input.PriorityChanged(priority, new Reason.PrioritySet(priority)), now));
                    }
                    case 4 -> {
                        fault = !fault;
                        step("fault " + fault, () -> machine.handle(new Input.FaultChanged(fault, fault ? new Reason.LinkDown("fuzz") : new Reason.LinkUp("fuzz")), now));
                    }
                    case 5 -> step("resign", () -> machine.handle(new Input.Resign(new Reason.Operator("resign")), now));
                    case 6 -> {
                        step("shutdown", () -> machine.handle(new Input.Shutdown(), now));
                        step("start", () -> machine.handle(new Input.Start(), now));
                    }
                    default -> {
                        now += next() * 1_000L;
                        timeout("nudge");
                    }
                }
            }
        }

        private int next() {
            return at < input.length ? input[at++] & 0xff : 0;
        }

        private void advert() {
            int peer = next();
            int length = Math.min(next(), input.length - at);
            byte[] message = new byte[length];
            System.arraycopy(input, at, message, 0, length);
            at += length;
            InetAddress source = peers.get(peer & 3);
            byte[] destination = config.family() == AddressFamily.IPV4
                    ? new byte[] {(byte) 224, 0, 0, 18} : addr("ff02::12").getAddress();
            if ((peer & 8) == 0) {
                fixChecksum(message, source.getAddress(), destination);
            }
            DecodeResult result = VrrpCodec.decode(Unpooled.wrappedBuffer(message), config.family(),
                    source.getAddress(), destination);
            if (result instanceof DecodeResult.Ok ok && ok.packet().vrid() == config.vrid()) {
                // The runtime hands a machine only the adverts for its VRID.
                int ttl = (peer & 4) == 0 ? 255 : 254;
                step("advert " + ok.packet() + " from " + source.getHostAddress() + " ttl " + ttl, () ->
                        machine.handle(new Input.AdvertReceived(ok.packet(), source, ttl, ok.checksumForm()), now));
            }
        }

        /**
         * handleTimeout(now), then as a driver would: while the next timeout is due, call it again. The
         * next timeout must never be in the past, and may be "now" only a few times in a row (becoming
         * master at a deadline schedules the first announcements for that same instant), else the
         * driver would spin.
         */
        private void timeout(String what) {
            for (int call = 1; ; call++) {
                step(what + " to " + (now - T0) + " ns", () -> machine.handleTimeout(now));
                long deadline = machine.pollTimeoutNanos();
                assertTrue(deadline >= now, () -> "after handleTimeout(" + now + ") the next timeout " + deadline
                        + " is in the past" + trace);
                if (deadline > now) {
                    return;
                }
                int calls = call;
                assertTrue(calls < 3, () -> "after " + calls + " calls of handleTimeout(" + now
                        + ") a timeout is still due now, so a driver would spin" + trace);
            }
        }

        private void step(String what, Runnable input) {
            VrrpState before = machine.state();
            trace.append("\n  ").append(what).append(" in ").append(before);
            input.run();
            checkStep(before);
            trace.append(" -> ").append(machine.state());
        }

        /**
         * The invariants, over the actions one step emitted: transitions chain from the state before
         * to the state after; the VIPs are added only when off and removed only when on; an advert of
         * priority > 0 is sent only with the VIPs on (as master); a priority-0 advert only by a master
         * that leaves MASTER in the same step; announcements only with the VIPs on; and at the end
         * MASTER if and only if the VIPs are on.
         */
        private void checkStep(VrrpState before) {
            List<Action> actions = new ArrayList<>();
            for (Action a = machine.pollAction(); a != null; a = machine.pollAction()) {
                actions.add(a);
            }
            VrrpState state = before;
            boolean leftMaster = false;
            boolean sentPriorityZero = false;
            for (Action a : actions) {
                if (a instanceof Action.Transition t) {
                    assertEquals(state, t.from(), () -> "transition " + t + " does not start where we were" + trace);
                    assertFalse(t.from() == t.to(), () -> "transition to the same state " + t + trace);
                    leftMaster |= t.from() == VrrpState.MASTER;
                    state = t.to();
                } else if (a instanceof Action.AddAddresses) {
                    assertFalse(vipsAdded, () -> "VIPs added twice" + trace);
                    vipsAdded = true;
                } else if (a instanceof Action.RemoveAddresses) {
                    assertTrue(vipsAdded, () -> "VIPs removed while not added" + trace);
                    vipsAdded = false;
                } else if (a instanceof Action.SendAdvert s) {
                    assertTrue(vipsAdded, () -> "advert " + s.packet() + " sent while not master" + trace);
                    assertEquals(config.vrid(), s.packet().vrid());
                    sentPriorityZero |= s.packet().priority() == 0;
                } else if (a instanceof Action.Announce) {
                    assertTrue(vipsAdded, () -> "announcement while not master" + trace);
                }
            }
            VrrpState after = machine.state();
            VrrpState emitted = state;
            assertNotNull(after);
            assertEquals(emitted, after, () -> "the transitions end in " + emitted + " but the machine is in " + after
                    + trace);
            assertEquals(after == VrrpState.MASTER, vipsAdded,
                    () -> after + " with the VIPs " + (vipsAdded ? "on" : "off") + trace);
            if (sentPriorityZero) {
                assertTrue(leftMaster && after != VrrpState.MASTER,
                        () -> "priority-0 advert sent without leaving MASTER" + trace);
            }
            assertTrue(after != VrrpState.FAULT || fault, () -> "FAULT without a fault" + trace);
        }
    }

    /** Writes the checksum the message's version and family call for (keepalived's forms). */
    private static void fixChecksum(byte[] message, byte[] source, byte[] destination) {
        if (message.length < 8) {
            return;
        }
        message[6] = 0;
        message[7] = 0;
        int version = (message[0] & 0xff) >>> 4;
        long sum = 0;
        if (version == 3) {
            sum = InternetChecksum.add(sum, source);
            sum = InternetChecksum.add(sum, destination);
            sum = InternetChecksum.addWord(sum, 112);
            sum = InternetChecksum.addWord(sum, message.length);
        }
        int checksum = InternetChecksum.finish(InternetChecksum.add(sum, message));
        message[6] = (byte) (checksum >>> 8);
        message[7] = (byte) checksum;
    }

    /**
     * The seeds: for each capture, its instance at priority 100 (keepalived's peer is higher or lower)
     * hearing each of the capture's adverts in order, with the next timeout firing after each, then the
     * same with preempt off and start as MASTER. Fails if one is missing; see {@link FuzzCorpus}.
     */
    @Test
    void corpusHoldsTheKeepalivedAdverts() throws IOException {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        for (int c = 0; c < CAPTURES.size(); c++) {
            for (int flags : new int[] {0, 0x04 | 0x10}) {
                ByteArrayOutputStream seed = new ByteArrayOutputStream();
                seed.write(c | flags);
                seed.write(100);
                for (CapturedVrrp packet : KeepalivedCaptures.vrrpPackets(CAPTURES.get(c))) {
                    seed.write(0);
                    seed.write(8); // keepalived's address; the checksum as captured
                    seed.write(packet.message().length);
                    seed.write(packet.message());
                    seed.write(1);
                }
                seeds.put("seed-" + CAPTURES.get(c) + "-flags" + flags, seed.toByteArray());
            }
        }
        FuzzCorpus.check(MachineFuzzTest.class, "packetInput", seeds);
    }
}
