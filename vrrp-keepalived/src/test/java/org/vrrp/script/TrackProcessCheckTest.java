package org.vrrp.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's vrrp_track_process over a made-up /proc: names, command lines, zombies, quorum, delays. */
class TrackProcessCheckTest {
    @TempDir
    Path proc;
    private final AtomicLong clock = new AtomicLong();

    private void process(int pid, String comm, char state, String... argv) throws Exception {
        Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(dir.resolve("stat"), pid + " (" + comm + ") " + state + " 1 1 1 0 -1");
        Files.write(dir.resolve("cmdline"), (String.join("\0", argv) + (argv.length > 0 ? "\0" : ""))
                .getBytes(StandardCharsets.UTF_8));
    }

    private TrackProcessCheck check(String process, List<String> params, TrackProcessCheck.ParamMatch match,
                                    boolean full, int quorum, int quorumMax, long delayMillis) {
        return new TrackProcessCheck(proc, process, params, match, full, quorum, quorumMax,
                Duration.ofMillis(delayMillis), Duration.ofMillis(delayMillis), clock::get);
    }

    @Test
    void theNameIsMatchedExactlyAndZombiesDoNotCount() throws Exception {
        process(100, "haproxy", 'S', "/usr/sbin/haproxy", "-f", "/etc/haproxy.cfg");
        process(101, "haproxy", 'Z');
        process(102, "haproxy-wrapper", 'S', "haproxy-wrapper");
        Files.createDirectories(proc.resolve("self"));
        TrackProcessCheck name = check("haproxy", List.of(), TrackProcessCheck.ParamMatch.NONE, false, 1,
                Integer.MAX_VALUE, 0);
        assertEquals(1, name.count());
        assertTrue(name.check());
        assertEquals(0, check("hapro", List.of(), TrackProcessCheck.ParamMatch.NONE, false, 1, 9, 0).count(),
                "no prefix match, as keepalived (pgrep would)");
    }

    @Test
    void parametersAreComparedAsParamMatchSays() throws Exception {
        process(200, "nginx", 'S', "/usr/sbin/nginx", "-c", "/etc/nginx.conf", "-g", "daemon off;");
        String path = "/usr/sbin/nginx";
        assertEquals(0, check(path, List.of("-c", "/etc/nginx.conf"), TrackProcessCheck.ParamMatch.EXACT, true, 1, 9, 0)
                .count());
        assertEquals(1, check(path, List.of("-c", "/etc/nginx.conf"), TrackProcessCheck.ParamMatch.PARTIAL, true, 1,
                9, 0).count());
        assertEquals(1, check(path, List.of("-c", "/etc/ng"), TrackProcessCheck.ParamMatch.INITIAL, true, 1, 9, 0)
                .count());
        assertEquals(1, check(path, List.of("-c", "/etc/nginx.conf", "-g", "daemon off;"),
                TrackProcessCheck.ParamMatch.EXACT, true, 1, 9, 0).count());
        assertEquals(1, check(path, List.of(), TrackProcessCheck.ParamMatch.NONE, true, 1, 9, 0).count(),
                "full_command: the first word of the command line");
        assertEquals(0, check("nginx", List.of(), TrackProcessCheck.ParamMatch.NONE, true, 1, 9, 0).count());
    }

    @Test
    void quorumAndQuorumMaxBoundTheCount() throws Exception {
        process(300, "worker", 'S', "worker");
        process(301, "worker", 'R', "worker");
        assertFalse(check("worker", List.of(), TrackProcessCheck.ParamMatch.NONE, false, 3, 9, 0).check());
        assertTrue(check("worker", List.of(), TrackProcessCheck.ParamMatch.NONE, false, 2, 2, 0).check());
        assertFalse(check("worker", List.of(), TrackProcessCheck.ParamMatch.NONE, false, 1, 1, 0).check(),
                "quorum_max 1: two is too many");
        assertFalse(check("worker", List.of(), TrackProcessCheck.ParamMatch.NONE, false, 0, 0, 0).check(),
                "quorum_max 0: failure while any runs");
    }

    @Test
    void aChangeCountsOnlyOnceItHasLastedTheDelay() throws Exception {
        process(400, "svc", 'S', "svc");
        TrackProcessCheck c = check("svc", List.of(), TrackProcessCheck.ParamMatch.NONE, false, 1, 9, 1000);
        assertTrue(c.check(), "the first result counts at once");
        Files.delete(proc.resolve("400/stat"));
        Files.delete(proc.resolve("400/cmdline"));
        Files.delete(proc.resolve("400"));
        assertTrue(c.check(), "lost, but not yet for terminate_delay");
        clock.addAndGet(Duration.ofMillis(999).toNanos());
        assertTrue(c.check());
        clock.addAndGet(Duration.ofMillis(1).toNanos());
        assertFalse(c.check(), "lost for the whole delay");
        assertTrue(c.inverted().check(), "reverse: the opposite verdict");
    }
}
