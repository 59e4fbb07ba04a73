package org.vrrp.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real /bin/sh scripts: exit status is health; a hung script is killed with its children. */
@Timeout(30)
class ScriptHealthCheckTest {
    private static final Duration SHORT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void exitZeroIsHealthy() throws Exception {
        Path ok = Scripts.write(dir, "ok.sh", "exit 0");
        assertTrue(new ScriptHealthCheck(ok.toString(), SHORT).check());
    }

    @Test
    void nonZeroExitIsUnhealthy() throws Exception {
        Path fail = Scripts.write(dir, "fail.sh", "exit 1");
        assertFalse(new ScriptHealthCheck(fail.toString(), SHORT).check());
    }

    @Test
    void argumentsReachTheScript() throws Exception {
        Path check = Scripts.write(dir, "args.sh", "[ \"$1\" = 'a b' ] && [ \"$2\" = c ]");
        assertTrue(new ScriptHealthCheck(check + " 'a b' c", SHORT).check());
        assertFalse(new ScriptHealthCheck(check + " a b c", SHORT).check());
    }

    @Test
    void shellSyntaxIsRunByTheShell() throws Exception {
        Path marker = Files.writeString(dir.resolve("marker"), "x");
        assertTrue(new ScriptHealthCheck("test -f " + marker + " && exit 0 || exit 1", SHORT).check());
        assertFalse(new ScriptHealthCheck("test -f " + dir.resolve("absent") + " && exit 0 || exit 1", SHORT).check());
    }

    @Test
    void missingProgramIsUnhealthy() throws Exception {
        assertFalse(new ScriptHealthCheck(dir.resolve("no-such-script").toString(), SHORT).check());
    }

    @Test
    void plentyOfOutputDoesNotBlock() throws Exception {
        // 4 MiB on stdout and stderr: far beyond a pipe buffer, so this would hang if output were not drained.
        Path chatty = Scripts.write(dir, "chatty.sh", "head -c 4194304 /dev/zero; head -c 4194304 /dev/zero >&2; exit 0");
        assertTrue(new ScriptHealthCheck(chatty.toString(), Duration.ofSeconds(20)).check());
    }

    @Test
    void scriptPastItsTimeoutFailsAndItsProcessTreeIsGone() throws Exception {
        Path pids = dir.resolve("pids");
        Path hang = Scripts.write(dir, "hang.sh", "sleep 60 &\necho $$ $! > " + pids + "\nwait");
        long start = System.nanoTime();
        assertFalse(new ScriptHealthCheck(hang.toString(), Duration.ofMillis(1500)).check());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0,
                "returned soon after the timeout, not after the script's 60 s");
        List<Long> both = List.of(Files.readString(pids).trim().split(" ")).stream().map(Long::valueOf).toList();
        assertEquals(2, both.size());
        for (long pid : both) {
            assertFalse(Scripts.alive(pid), "process " + pid + " is still running");
        }
    }
}
