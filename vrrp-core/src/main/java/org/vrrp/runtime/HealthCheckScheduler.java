package org.vrrp.runtime;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vrrp.HealthCheckSpec;

/**
 * Runs polled health checks on threads of their own, never the protocol thread: each check at once,
 * then every interval, cut off at its timeout (then counted as failed and interrupted), with results posted to
 * the protocol thread. Thread-safe.
 */
public final class HealthCheckScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthCheckScheduler.class);

    /** Where results go; called on a health-check thread. */
    @FunctionalInterface
    public interface ResultSink {
        /**
         * Called on a check's thread with each result.
         *
         * @param checkName the check that ran
         * @param healthy whether it passed
         */
        void onResult(String checkName, boolean healthy);
    }

    private final ScheduledExecutorService timer;
    private final ExecutorService runners;

    /** @param threadNamePrefix e.g. {@code vrrp-VI_51-health}; threads are named from it */
    public HealthCheckScheduler(String threadNamePrefix) {
        AtomicInteger n = new AtomicInteger();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, threadNamePrefix + "-timer"));
        this.runners = Executors.newCachedThreadPool(r -> daemon(r, threadNamePrefix + "-" + n.incrementAndGet()));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Schedules every polled check of {@code specs}; pushed checks need no thread.
     *
     * @param specs the specs
     * @param sink the sink
     */
    public void schedule(Collection<HealthCheckSpec> specs, ResultSink sink) {
        for (HealthCheckSpec spec : specs) {
            if (spec.isPushed()) {
                continue;
            }
            long periodMillis = spec.interval().toMillis();
            // First run at once, as keepalived runs a vrrp_script at start: until it reports, a weight-0
            // check holds its instances in FAULT and a weighted one adds nothing.
            timer.scheduleWithFixedDelay(() -> sink.onResult(spec.name(), runOnce(spec)), 0, periodMillis,
                    TimeUnit.MILLISECONDS);
        }
    }

    private boolean runOnce(HealthCheckSpec spec) {
        Future<Boolean> f = runners.submit(() -> spec.check().check());
        try {
            return f.get(spec.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            LOG.debug("health check {} timed out after {}", spec.name(), spec.timeout());
            return false;
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.debug("health check {} failed: {}", spec.name(), e.toString());
            return false;
        }
    }

    /** Stops scheduling and interrupts running checks; does not wait (see {@link #awaitTermination}). */
    @Override
    public void close() {
        timer.shutdownNow();
        runners.shutdownNow();
    }

    /**
     * Waits up to {@code bound} for the threads to end after {@link #close}. A check that ignores
     * interrupts keeps its thread until it returns: false then.
     *
     * @param bound the bound
     * @return whether every thread ended within {@code bound}
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public boolean awaitTermination(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        return timer.awaitTermination(bound.toNanos(), TimeUnit.NANOSECONDS)
                && runners.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
}
