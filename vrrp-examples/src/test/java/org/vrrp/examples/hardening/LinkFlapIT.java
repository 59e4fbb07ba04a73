package org.vrrp.examples.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vrrp.examples.it.VrrpRunProcess;
import org.vrrp.linux.it.Host;
import org.vrrp.linux.it.Poll;
import org.vrrp.linux.it.RequiresRoot;
import org.vrrp.linux.it.TestNetwork;

/**
 * Issue 7, link flapping: the master's carrier goes down and up every 200 ms for 10 s (its bridge port
 * downed and upped), while a sampler reads its state over the control socket and its addresses from
 * the kernel. Proves: the router process survives and keeps answering, no sample finds the VIP on it
 * while it is not MASTER (in FAULT in particular), it logs no error, and once the link stays up the
 * pair settles to one MASTER holding the VIP: A (200, preempt) again, B (100) BACKUP without it.
 */
@RequiresRoot
@Timeout(180)
class LinkFlapIT {
    private static final String VIP = "192.0.2.100";

    @Test
    void flappingTheMastersLinkEvery200msFor10sLeavesNoVipOnANonMasterAndSettles() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            try (MasterAndBackup pair = MasterAndBackup.start(a, b)) {
                VrrpRunProcess ra = pair.master;
                VrrpRunProcess rb = pair.backup;
                long transitionsBefore = VrrpRunProcess.number(ra.instance("VI_51"), "transitions");

                AtomicBoolean flapping = new AtomicBoolean(true);
                AtomicInteger samples = new AtomicInteger();
                AtomicInteger faultSamples = new AtomicInteger();
                List<String> violations = new CopyOnWriteArrayList<>();
                Thread sampler = new Thread(() -> {
                    while (flapping.get()) {
                        String state = ra.instance("VI_51").get("state");
                        boolean hasVip = a.address("eth0", VIP).isPresent();
                        samples.incrementAndGet();
                        if ("FAULT".equals(state)) {
                            faultSamples.incrementAndGet();
                        }
                        // Read after the state: A cannot get back to MASTER within one sample, since
                        // from BACKUP it waits its whole Master_Down_Interval (3.2 s) for that.
                        if (!"MASTER".equals(state) && hasVip) {
                            violations.add(state + " with the VIP at " + java.time.Instant.now());
                        }
                    }
                }, "flap-sampler");
                sampler.start();
                try {
                    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    boolean up = true;
                    while (System.nanoTime() < end) {
                        up = !up;
                        net.setCarrier(a, 0, up);
                        Thread.sleep(200);
                    }
                } finally {
                    net.setCarrier(a, 0, true);
                    flapping.set(false);
                    sampler.join(10_000);
                }
                long flapTransitions = VrrpRunProcess.number(ra.instance("VI_51"), "transitions") - transitionsBefore;
                System.out.printf("link flap: %d samples, %d in FAULT, %d transitions of A during the flap%n",
                        samples.get(), faultSamples.get(), flapTransitions);
                assertEquals(List.of(), violations, ra.log());
                assertTrue(faultSamples.get() > 0, "the flapping put A in FAULT\n" + ra.log());
                assertTrue(ra.isAlive() && rb.isAlive());

                // Settles: B took over while A flapped; A (200) preempts it again once its link stays up.
                Poll.until(Duration.ofSeconds(15), "A MASTER with the VIP, B BACKUP without", () ->
                        "MASTER".equals(ra.instance("VI_51").get("state"))
                                && "BACKUP".equals(rb.instance("VI_51").get("state"))
                                && a.address("eth0", VIP).isPresent() && b.address("eth0", VIP).isEmpty());
                Thread.sleep(4_000); // a Master_Down_Interval more: nothing moves any more
                assertEquals("MASTER", ra.instance("VI_51").get("state"));
                assertEquals("BACKUP", rb.instance("VI_51").get("state"));
                assertTrue(a.address("eth0", VIP).isPresent() && b.address("eth0", VIP).isEmpty());
                assertFalse(ra.log().contains("[ERROR]"), ra.log());
                assertFalse(rb.log().contains("[ERROR]"), rb.log());
            }
        }
    }

}
