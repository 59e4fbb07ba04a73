package org.vrrp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimerMathTest {
    @Test
    void v2OneSecondPriority100GivesMasterDown3609Millis() {
        // RFC 3768: Skew_Time = (256 - 100) / 256 s = 0.609375 s; Master_Down = 3 + skew.
        assertEquals(609_375, TimerMath.skewMicros(100, 100));
        assertEquals(3_609_375, TimerMath.masterDownMicros(100, 100));
    }

    @Test
    void v3HundredCentisPriority200GivesMasterDown3219Millis() {
        assertEquals(218_750, TimerMath.skewMicros(200, 100));
        assertEquals(3_218_750, TimerMath.masterDownMicros(200, 100));
    }

    @Test
    void skewIsNeverTruncatedToZeroForSubSecondIntervals() {
        // v3 at 50 ms and priority 254: (2 * 5 cs) / 256 = 0.039 cs, which integer centiseconds would make 0.
        assertEquals(390, TimerMath.skewMicros(254, 5));
    }

    @Test
    void centisConvertToNanos() {
        assertEquals(1_000_000_000L, TimerMath.centisToNanos(100));
    }
}
