package org.vrrp.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's notify FIFO: created, its script started with the path, lines in order, removed on close. */
@Timeout(30)
class NotifyFifoTest {
    @TempDir
    Path dir;

    @Test
    void linesAreKeepalivedsFormat() {
        assertEquals("INSTANCE \"VI_1\" MASTER 100\n", NotifyFifo.line(NotifyTarget.INSTANCE, "VI_1", "MASTER", 100));
        assertEquals("GROUP \"G\" BACKUP 0\n", NotifyFifo.line(NotifyTarget.GROUP, "G", "BACKUP", 0));
    }

    @Test
    void theScriptReadsEveryLineInOrderAndTheFifoItCreatedIsRemoved() throws Exception {
        Path fifo = dir.resolve("notify.fifo");
        Path out = dir.resolve("out");
        Path ready = dir.resolve("ready");
        // Opens the FIFO, says so, then reads it to end-of-file.
        Path reader = Scripts.write(dir, "reader.sh", "exec 3<\"$2\"; touch " + ready + "; cat <&3 >> " + out
                + "; echo \"first=$1\" >> " + out);
        NotifyFifo f = new NotifyFifo(fifo, Optional.of(reader + " arg"));
        assertFalse(Files.exists(fifo), "nothing is created before the first line");
        f.write(NotifyFifo.line(NotifyTarget.INSTANCE, "VI_1", "BACKUP", 100));
        assertTrue(Files.exists(fifo));
        for (int i = 0; i < 200 && !Files.exists(ready); i++) {
            Thread.sleep(25); // a reader that never opened the FIFO cannot see what was in it at close, as in keepalived
        }
        f.write(NotifyFifo.line(NotifyTarget.INSTANCE, "VI_1", "MASTER", 100));
        f.write(NotifyFifo.line(NotifyTarget.GROUP, "G", "MASTER", 0));
        f.write(NotifyFifo.line(NotifyTarget.INSTANCE, "VI_1", "STOP", 100));
        f.close();
        assertFalse(Files.exists(fifo), "the FIFO it created is removed");
        for (int i = 0; i < 100 && (!Files.exists(out) || !Files.readString(out).contains("first=")); i++) {
            Thread.sleep(50);
        }
        assertEquals(List.of("INSTANCE \"VI_1\" BACKUP 100", "INSTANCE \"VI_1\" MASTER 100", "GROUP \"G\" MASTER 0",
                "INSTANCE \"VI_1\" STOP 100", "first=arg"), Files.readAllLines(out),
                "the script got its own argument, then the FIFO's path, and read to end-of-file");
    }

    @Test
    void withoutAReaderWritesNeverBlockAndAnExistingFifoIsKept() throws Exception {
        Path fifo = dir.resolve("kept.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        NotifyFifo f = new NotifyFifo(fifo, Optional.empty());
        long t0 = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            f.write(NotifyFifo.line(NotifyTarget.INSTANCE, "VI_1", "MASTER", i));
        }
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "writes do not wait for a reader");
        f.close();
        assertTrue(Files.exists(fifo), "a FIFO that was there before is left");
    }
}
