package org.vrrp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimerMathTest {
    @Test
    void v2OneSecondPriority100GivesMasterDown3609Millis() {
        // RFC 3768: Skew_Time = (256 - 100) / 256 s = 0.609375 s; Master_Down = 3 + skew.
        assertEquals(609_375, TimerMath.skewMicros(2, 100, 100));
        assertEquals(3_609_375, TimerMath.masterDownMicros(2, 100, 100));
    }

    @Test
    void v3HundredCentisPriority200GivesMasterDown3219Millis() {
        assertEquals(218_750, TimerMath.skewMicros(3, 200, 100));
        assertEquals(3_218_750, TimerMath.masterDownMicros(3, 200, 100));
    }

    @Test
    void skewIsNeverTruncatedToZeroForSubSecondIntervals() {
        // v3 at 50 ms and priority 254: (2 * 5 cs) / 256 = 0.039 cs, which integer centiseconds would make 0.
        assertEquals(390, TimerMath.skewMicros(3, 254, 5));
    }

    @Test
    void v2SkewTimeIsNotScaledByTheAdvertInterval() {
        // RFC 3768 6.1: Skew_Time = (256 - Priority) / 256 seconds; keepalived computes it the same way.
        assertEquals(609_375, TimerMath.skewMicros(2, 100, 500));
        assertEquals(15_609_375, TimerMath.masterDownMicros(2, 100, 500));
        assertEquals(21_218_750, TimerMath.masterDownMicros(2, 200, 700));
    }

    @Test
    void v3SkewTimeIsScaledByTheMasterAdvertInterval() {
        // RFC 9568 6.1: Skew_Time = ((256 - Priority) * Master_Adver_Interval) / 256.
        assertEquals(3_046_875, TimerMath.skewMicros(3, 100, 500));
        assertEquals(18_046_875, TimerMath.masterDownMicros(3, 100, 500));
    }

    @Test
    void centisConvertToNanos() {
        assertEquals(1_000_000_000L, TimerMath.centisToNanos(100));
    }
}
