package org.vrrp.runtime;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol thread of one router: sleeps until the engine's earliest deadline or a posted task,
 * whichever comes first, and measures how late it wakes. Everything the engine does runs here.
 *
 * <p>Thread-safety: {@link #post} and {@link #call} from any thread.
 */
public final class ProtocolLoop implements TaskPoster {
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolLoop.class);

    /** Lateness beyond which the wake-up is taken for a pause of the whole JVM rather than jitter. */
    private static final long PAUSE_NANOS = 5_000_000L;
    /** How long the protocol thread gives the I/O thread, after a pause, to hand over what it reads. */
    private static final long IO_CATCH_UP_NANOS = 2_000_000L;

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Ticker ticker;
    private final Thread thread;
    private volatile RouterEngine engine;
    private volatile boolean running = true;

    /**
     * @param threadName the protocol thread's name, e.g. {@code vrrp-VI_51-protocol}
     * @param ticker the clock deadlines are read from
     */
    public ProtocolLoop(String threadName, Ticker ticker) {
        this.ticker = ticker;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
        // Adverts are the one thing here that must be on time.
        this.thread.setPriority(Thread.MAX_PRIORITY);
    }

    /**
     * Starts the thread driving {@code engineToDrive}.
     *
     * @param engineToDrive the engine to drive
     */
    public void start(RouterEngine engineToDrive) {
        this.engine = engineToDrive;
        thread.start();
    }

    @Override
    public void post(Runnable task) {
        queue.add(task);
    }

    /**
     * Runs {@code task} on the protocol thread and waits for it (at most {@code timeoutMillis}).
     *
     * @param task the task
     * @param timeoutMillis the timeout millis
     * @param <T> the type of t
     * @return the task's result
     * @throws Exception what the task threw, or a timeout or interruption while waiting for it
     */
    public <T> T call(Callable<T> task, long timeoutMillis) throws Exception {
        if (Thread.currentThread() == thread) {
            return task.call();
        }
        FutureTask<T> f = new FutureTask<>(task);
        post(f);
        try {
            return f.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        } catch (TimeoutException e) {
            throw new IllegalStateException("the protocol thread did not answer within " + timeoutMillis + " ms", e);
        }
    }

    /**
     * Stops the thread after the tasks already posted, and waits for it. Idempotent.
     *
     * @throws InterruptedException if the calling thread is interrupted while waiting for the protocol thread to end
     */
    public void stop() throws InterruptedException {
        if (!thread.isAlive()) {
            running = false;
            return;
        }
        post(() -> running = false);
        if (Thread.currentThread() != thread) {
            thread.join(5_000);
        }
    }

    /** @return whether the calling thread is this loop's protocol thread */
    public boolean isProtocolThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Runs every task already queued, then waits up to {@link #IO_CATCH_UP_NANOS} for the I/O thread,
     * just resumed too, to queue what it finds in the socket buffers.
     */
    private void drainInput() throws InterruptedException {
        long until = ticker.nanoTime() + IO_CATCH_UP_NANOS;
        while (true) {
            Runnable task = queue.poll();
            if (task == null) {
                long left = until - ticker.nanoTime();
                task = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                if (task == null) {
                    return;
                }
            }
            task.run();
        }
    }

    private void run() {
        while (running) {
            try {
                long deadline = engine.nextDeadlineNanos();
                long now = ticker.nanoTime();
                if (deadline <= now) {
                    long lateness = now - deadline;
                    if (lateness > PAUSE_NANOS) {
                        // The JVM was paused (GC, SIGSTOP, starved CPU), and so was the I/O thread: adverts
                        // that arrived meanwhile wait in the socket buffer. Let them in before the overdue
                        // timers run, or a backup would take over from a master it has in fact heard.
                        drainInput();
                        if (engine.nextDeadlineNanos() > ticker.nanoTime()) {
                            engine.onLateWakeup(lateness);
                            continue;
                        }
                    }
                    engine.onLateWakeup(lateness);
                    engine.onTimeout(ticker.nanoTime());
                    continue;
                }
                Runnable task = deadline == Long.MAX_VALUE ? queue.take()
                        : queue.poll(deadline - now, TimeUnit.NANOSECONDS);
                if (task != null) {
                    long lateness = deadline == Long.MAX_VALUE ? 0 : ticker.nanoTime() - deadline;
                    task.run();
                    if (lateness > PAUSE_NANOS) {
                        // Paused while waiting (SIGSTOP, GC) and woken by input the I/O thread queued as both
                        // resumed, not by the deadline: the pause was as long all the same. That input (an
                        // advert, say) may move the overdue deadline, and the next turn would then report only
                        // the lateness of some later timer. So: the rest of the input in, the lateness said
                        // once, then the timers still overdue.
                        drainInput();
                        engine.onLateWakeup(lateness);
                        if (engine.nextDeadlineNanos() <= ticker.nanoTime()) {
                            engine.onTimeout(ticker.nanoTime());
                        }
                    }
                }
            } catch (InterruptedException e) {
                // Only stop() ends the loop: a stray interrupt must not silence the router.
                Thread.interrupted();
            } catch (RuntimeException | Error e) {
                LOG.error("unexpected error on the protocol thread; the router carries on", e);
            }
        }
    }
}
