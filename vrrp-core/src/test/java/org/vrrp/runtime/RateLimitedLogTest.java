package org.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** Per-key limits, and the bound on peers named per condition that forged sources cannot get round. */
class RateLimitedLogTest {
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    private final List<String> lines = new ArrayList<>();
    private long now = 1_000;
    private final RateLimitedLog log = new RateLimitedLog(capturing(lines), () -> now, MINUTE);

    private static Logger capturing(List<String> lines) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("warn") && args.length == 1) {
                        lines.add((String) args[0]);
                        return null;
                    }
                    if (method.getName().startsWith("is")) {
                        return true;
                    }
                    throw new AssertionError("unexpected call " + method);
                });
    }

    @Test
    void aKeyLogsOncePerPeriodAndThenCountsTheRepeats() {
        log.warn("late-wakeup", "late");
        log.warn("late-wakeup", "late");
        log.warn("late-wakeup", "late");
        assertEquals(List.of("late"), lines);
        now += MINUTE;
        log.warn("late-wakeup", "late");
        assertEquals(List.of("late", "late (2 more like this since the last report)"), lines);
    }

    @Test
    void forgedSourcesCannotMultiplyTheLinesOfOneCondition() {
        for (int peer = 0; peer < 1_000; peer++) {
            log.warn("VI_1:ttl@192.0.2." + peer, "ttl from " + peer);
        }
        assertEquals(RateLimitedLog.PEERS_PER_PERIOD, lines.size(), lines.toString());
        log.warn("VI_1:auth@192.0.2.7", "auth from 7");
        assertEquals("auth from 7", lines.get(lines.size() - 1), "another condition has its own budget");

        now += MINUTE;
        log.warn("VI_1:ttl@192.0.2.999", "ttl from 999");
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("ttl from 999 (995 more about other peers left out"), last);
    }

    @Test
    void aPeerAlreadyNamedIsStillLimitedPerKey() {
        log.warn("VI_1:ttl@192.0.2.1", "one");
        now += 1;
        log.warn("VI_1:ttl@192.0.2.1", "one");
        assertEquals(List.of("one"), lines);
    }
}
