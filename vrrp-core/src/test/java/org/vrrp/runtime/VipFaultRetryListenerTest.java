package org.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vrrp.Reason;
import org.vrrp.spi.VirtualAddress;

/**
 * A VIP fault tells the engine's timer queue whenever its retry time moves (set, and cleared when due), and only
 * then. The engine's own paths also feed the machine right after each, so the equivalence test alone would not
 * notice a missing call here.
 */
class VipFaultRetryListenerTest {
    @Test
    void theRetryListenerIsToldWhenTheRetryIsSetAndWhenItClears() {
        VipFault fault = new VipFault();
        int[] told = {0};
        fault.setRetryListener(() -> told[0]++);
        fault.set(new Reason.VipNotAdded(new VirtualAddress(RecordingStack.address("192.0.2.254"), 24, "eth0"), "EPERM"), 1_000L);
        assertEquals(1, told[0], "set");
        assertEquals(1_000L + VipFault.RETRY_NANOS, fault.retryNanos());
        assertFalse(fault.retryDue(1_000L + VipFault.RETRY_NANOS - 1));
        assertEquals(1, told[0], "not due yet: the retry did not move");
        assertTrue(fault.retryDue(1_000L + VipFault.RETRY_NANOS));
        assertEquals(2, told[0], "cleared");
        assertEquals(Long.MAX_VALUE, fault.retryNanos());
    }
}
