package org.vrrp.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vrrp.Reason;
import org.vrrp.StateChange;
import org.vrrp.VrrpListener;
import org.vrrp.VrrpState;

/** Real scripts that append their arguments to a file: the file shows what keepalived would have passed, in order. */
@Timeout(30)
class NotifyScriptRunnerTest {
    private static final long AWAIT_SECONDS = 20;

    @TempDir
    Path dir;
    private Path log;
    private Path record;
    private NotifyScriptRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        log = dir.resolve("calls.log");
        // One line per call: every argument followed by '|', so empty and spaced arguments stay visible.
        record = Scripts.write(dir, "record.sh", "printf '%s|' \"$@\" >> " + log + "\necho >> " + log);
        runner = new NotifyScriptRunner(Duration.ofSeconds(5));
    }

    @AfterEach
    void tearDown() {
        runner.close();
    }

    private NotifyScripts allScripts() {
        return new NotifyScripts(Optional.of(record + " generic"), Optional.of(record + " master"),
                Optional.of(record + " backup"), Optional.of(record + " fault"), Optional.of(record + " stop"));
    }

    private static StateChange change(VrrpState from, VrrpState to, long sequence, int priority) {
        return new StateChange("router", from, to, new Reason.MasterDown(), sequence, Instant.EPOCH, priority);
    }

    private List<String> calls() throws Exception {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private void await(CompletableFuture<Void> done) throws Exception {
        done.get(AWAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void listenerRunsStateScriptThenGenericNotifyWithTypeNameStatePriority() throws Exception {
        VrrpListener listener = runner.listenerFor("VI_1", allScripts());
        listener.stateChanged(change(VrrpState.INITIALIZE, VrrpState.BACKUP, 1, 100));
        listener.stateChanged(change(VrrpState.BACKUP, VrrpState.MASTER, 2, 150));
        listener.stateChanged(change(VrrpState.MASTER, VrrpState.FAULT, 3, 150));
        listener.stateChanged(change(VrrpState.FAULT, VrrpState.INITIALIZE, 4, 150));
        await(runner.whenIdle(NotifyTarget.INSTANCE, "VI_1"));
        assertEquals(List.of(
                "backup|", "generic|INSTANCE|VI_1|BACKUP|100|",
                "master|", "generic|INSTANCE|VI_1|MASTER|150|",
                "fault|", "generic|INSTANCE|VI_1|FAULT|150|",
                "stop|", "generic|INSTANCE|VI_1|STOP|150|"), calls());
    }

    @Test
    void groupEventsPassGroup() throws Exception {
        await(runner.submit(NotifyTarget.GROUP, "SG 1", NotifyState.MASTER, 200, allScripts()));
        assertEquals(List.of("master|", "generic|GROUP|SG 1|MASTER|200|"), calls());
    }

    @Test
    void eventsOfOneInstanceRunOneAtATimeInOrder() throws Exception {
        // The first script is slow: without per-instance ordering the second event's line would come first.
        Path slow = Scripts.write(dir, "slow.sh", "sleep 1\n" + record + " \"$@\"");
        NotifyScripts scripts = new NotifyScripts(Optional.empty(), Optional.of(slow + " first"),
                Optional.of(record + " second"), Optional.empty(), Optional.empty());
        runner.submit(NotifyTarget.INSTANCE, "VI_1", NotifyState.MASTER, 100, scripts);
        CompletableFuture<Void> second = runner.submit(NotifyTarget.INSTANCE, "VI_1", NotifyState.BACKUP, 100, scripts);
        await(second);
        assertEquals(List.of("first|", "second|"), calls());
    }

    @Test
    void submitDoesNotBlockTheCaller() throws Exception {
        Path slow = Scripts.write(dir, "slow.sh", "sleep 3");
        NotifyScripts scripts = new NotifyScripts(Optional.empty(), Optional.of(slow.toString()), Optional.empty(),
                Optional.empty(), Optional.empty());
        long start = System.nanoTime();
        CompletableFuture<Void> done = runner.submit(NotifyTarget.INSTANCE, "VI_1", NotifyState.MASTER, 1, scripts);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(2)) < 0);
        assertFalse(done.isDone(), "the script takes 3 s");
        await(done);
    }

    @Test
    void scriptPastTheTimeoutIsKilledAndLaterScriptsStillRun() throws Exception {
        runner.close();
        runner = new NotifyScriptRunner(Duration.ofMillis(1500));
        Path pid = dir.resolve("pid");
        Path hang = Scripts.write(dir, "hang.sh", "echo $$ > " + pid + "\nexec sleep 60");
        NotifyScripts scripts = new NotifyScripts(Optional.of(record + " generic"), Optional.of(hang.toString()),
                Optional.empty(), Optional.empty(), Optional.empty());
        await(runner.submit(NotifyTarget.INSTANCE, "VI_1", NotifyState.MASTER, 7, scripts));
        assertFalse(Scripts.alive(Long.parseLong(Files.readString(pid).trim())), "hung notify script was killed");
        assertEquals(List.of("generic|INSTANCE|VI_1|MASTER|7|"), calls());
    }

    @Test
    void failingOrMissingScriptsAreLoggedNotThrown() throws Exception {
        Path fail = Scripts.write(dir, "fail.sh", "exit 3");
        NotifyScripts scripts = new NotifyScripts(Optional.of(record + " generic"), Optional.of(fail.toString()),
                Optional.of(dir.resolve("missing.sh").toString()), Optional.empty(), Optional.empty());
        runner.submit(NotifyTarget.INSTANCE, "VI_1", NotifyState.MASTER, 1, scripts);
        await(runner.submit(NotifyTarget.INSTANCE, "VI_1", NotifyState.BACKUP, 1, scripts));
        assertEquals(List.of("generic|INSTANCE|VI_1|MASTER|1|", "generic|INSTANCE|VI_1|BACKUP|1|"), calls());
    }

    @Test
    void closeKillsRunningScriptsAndIsIdempotent() throws Exception {
        runner.close();
        // close() lets a running script finish for one timeout (2 s, ample for it to start), then kills it.
        runner = new NotifyScriptRunner(Duration.ofSeconds(2));
        Path pid = dir.resolve("pid");
        Path started = dir.resolve("started");
        Path hang = Scripts.write(dir, "hang.sh", "echo $$ > " + pid + "\nmv " + pid + " " + started + "\nexec sleep 60");
        NotifyScripts scripts = new NotifyScripts(Optional.empty(), Optional.of(hang.toString()), Optional.empty(),
                Optional.empty(), Optional.empty());
        CompletableFuture<Void> done = runner.submit(NotifyTarget.INSTANCE, "VI_1", NotifyState.MASTER, 1, scripts);
        runner.close();
        runner.close();
        await(done);
        assertTrue(Files.exists(started), "the script started before close() gave up waiting");
        assertFalse(Scripts.alive(Long.parseLong(Files.readString(started).trim())));
        CompletableFuture<Void> afterClose = runner.submit(NotifyTarget.INSTANCE, "VI_1", NotifyState.BACKUP, 1, scripts);
        await(afterClose);
        assertTrue(afterClose.isDone());
    }
}
