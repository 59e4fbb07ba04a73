package org.vrrp.linux.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vrrp.spi.NetworkStack;

/** Carrier loss: downing the bridge end of a host's veth clears LOWER_UP on the host end (pitfall 8). */
@RequiresRoot
@Timeout(60)
class LinkWatchIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void listenerHearsTheCurrentStateThenCarrierLossThenRecovery() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            try (NetworkStack stack = a.openStack()) {
                BlockingQueue<String> events = new LinkedBlockingQueue<>();
                Thread[] callbackThread = new Thread[1];
                boolean up = stack.watchLink("eth0", (name, isUp) -> {
                    callbackThread[0] = Thread.currentThread();
                    events.add(name + (isUp ? " up" : " down"));
                });
                assertTrue(up);
                assertEquals("eth0 up", next(events), "the current state comes first");
                assertTrue(callbackThread[0] != Thread.currentThread(), "listeners run on the I/O thread");

                net.setCarrier(a, 0, false);
                assertEquals("eth0 down", next(events));
                assertFalse(a.hasCarrier("eth0"), "the kernel agrees");

                net.setCarrier(a, 0, true);
                assertEquals("eth0 up", next(events));

                a.setLinkUp("eth0", false); // administratively down: IFF_UP goes too
                assertEquals("eth0 down", next(events));
                a.setLinkUp("eth0", true);
                assertEquals("eth0 up", next(events));
            }
        }
    }

    @Test
    void watchingAnUnknownInterfaceNamesItAndTheExistingOnes() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            try (NetworkStack stack = a.openStack()) {
                IOException e = assertThrows(IOException.class, () -> stack.watchLink("nosuch0", (n, u) -> { }));
                assertTrue(e.getMessage().contains("'nosuch0'") && e.getMessage().contains("eth0, lo"), e.getMessage());
            }
        }
    }

    private static String next(BlockingQueue<String> events) throws InterruptedException {
        String e = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (e == null) {
            throw new AssertionError("no link event within " + WAIT);
        }
        return e;
    }
}
