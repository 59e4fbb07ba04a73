package org.vrrp.script;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's notify FIFO ({@code notify_fifo} / {@code vrrp_notify_fifo}): one line per event, in the order
 * given, in keepalived's format (vrrp_notify.c): {@code INSTANCE "VI_1" MASTER 100}, {@code GROUP "G" BACKUP 0},
 * {@code INSTANCE "VI_1" MASTER_RX_LOWER_PRI 100}.
 *
 * <p>As keepalived (lib/notify.c): on first use the FIFO is created (mode 0644) if missing, the
 * {@code notify_fifo_script} is started with the path as its last argument and left running, and the FIFO is
 * opened for reading and writing, so that opening never waits for a reader. A line that finds the pipe full
 * (no reader, or a slow one) is dropped with a warning, as keepalived's non-blocking write drops it; here the
 * writes happen on a thread of the FIFO's own, so the caller never blocks. {@link #close} writes what is queued,
 * closes the FIFO, removes it if it created it (the script then reads end-of-file), and stops the script if it
 * has not ended after a grace period.
 *
 * <p>Thread-safe.
 */
public final class NotifyFifo implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyFifo.class);
    private static final int QUEUE_LINES = 1024;
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final String STOP = "";

    private final Path path;
    private final Optional<String> script;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_LINES);
    private boolean opened;
    private boolean closed;
    private boolean created;
    private FileChannel channel;
    private Process scriptProcess;
    private Thread writer;
    private long dropped;

    /**
     * @param path   the FIFO
     * @param script the {@code notify_fifo_script}, run with {@code path} appended
     */
    public NotifyFifo(Path path, Optional<String> script) {
        this.path = Objects.requireNonNull(path, "path");
        this.script = Objects.requireNonNull(script, "script");
    }

    /**
     * The FIFO's path.
     *
     * @return the path
     */
    public Path path() {
        return path;
    }

    /**
     * The {@code notify_fifo_script}, if any.
     *
     * @return the script
     */
    public Optional<String> script() {
        return script;
    }

    /**
     * {@code INSTANCE "NAME" STATE PRIORITY} or {@code GROUP "NAME" STATE PRIORITY}, newline-terminated.
     *
     * @param target INSTANCE or GROUP
     * @param name the instance's or group's name
     * @param state MASTER, BACKUP, FAULT, STOP or an event such as MASTER_RX_LOWER_PRI
     * @param priority the effective priority (0 for a group)
     * @return the line
     */
    public static String line(NotifyTarget target, String name, String state, int priority) {
        return target.name() + " \"" + name + "\" " + state + " " + priority + "\n";
    }

    /**
     * Queues one line (opening the FIFO first if this is the first); never blocks.
     *
     * @param line the line, newline-terminated
     */
    public synchronized void write(String line) {
        if (closed) {
            return;
        }
        if (!opened) {
            opened = true;
            open();
        }
        if (channel == null) {
            return; // could not be opened: said once
        }
        if (!queue.offer(line)) {
            if (dropped++ == 0) {
                LOG.warn("notify FIFO {}: {} lines waiting, nobody reads them; dropping lines (as keepalived)", path,
                        QUEUE_LINES);
            }
        }
    }

    private void open() {
        try {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                ProcessRunner.Outcome made = ProcessRunner.run(List.of("mkfifo", "-m", "644", path.toString()),
                        Duration.ofSeconds(5));
                if (!made.succeeded()) {
                    LOG.warn("notify FIFO {} could not be created (mkfifo {}); no lines are written", path, made);
                    return;
                }
                created = true;
            }
            if (script.isPresent()) {
                List<String> command = ScriptCommand.parse(script.get()).withArguments(List.of(path.toString()));
                scriptProcess = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                        "/dev/null"))).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            }
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("notify FIFO {} could not be opened: {}; no lines are written", path, e.getMessage());
            unlinkIfCreated();
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        writer = new Thread(this::writeLoop, "vrrp-notify-fifo");
        writer.setDaemon(true);
        writer.start();
    }

    private void writeLoop() {
        try {
            while (true) {
                String line = queue.take();
                if (line == STOP) {
                    return;
                }
                ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
        } catch (IOException e) {
            LOG.warn("notify FIFO {}: write failed, no further lines: {}", path, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is queued (bounded wait), closes and removes the FIFO, then ends the script. Idempotent. */
    @Override
    public void close() {
        Thread w;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            w = writer;
        }
        try {
            if (w != null) {
                queue.offer(STOP, GRACE.toMillis(), TimeUnit.MILLISECONDS);
                w.join(GRACE.toMillis());
                w.interrupt();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            LOG.warn("notify FIFO {}: close failed: {}", path, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        unlinkIfCreated();
        if (scriptProcess != null) {
            try {
                if (!scriptProcess.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    ProcessRunner.killTree(scriptProcess);
                }
            } catch (InterruptedException e) {
                ProcessRunner.killTree(scriptProcess);
                Thread.currentThread().interrupt();
            }
        }
    }

    private void unlinkIfCreated() {
        if (created) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.warn("notify FIFO {} could not be removed: {}", path, e.getMessage());
            }
            created = false;
        }
    }
}
