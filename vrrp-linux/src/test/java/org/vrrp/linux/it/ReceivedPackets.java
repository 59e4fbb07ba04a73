package org.vrrp.linux.it;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.vrrp.spi.PacketHandler;
import org.vrrp.spi.ReceivedPacket;

/**
 * A {@link PacketHandler} that queues what the adapter delivers (on its I/O thread) for the test thread
 * to wait on. Thread-safe.
 */
public final class ReceivedPackets implements PacketHandler {
    private final BlockingQueue<ReceivedPacket> queue = new LinkedBlockingQueue<>();

    @Override
    public void onPacket(ReceivedPacket packet) {
        queue.add(packet);
    }

    /** The next packet matching {@code wanted}, skipping others; fails after {@code timeout}. */
    public ReceivedPacket await(Duration timeout, String what, Predicate<ReceivedPacket> wanted) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                ReceivedPacket p = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                if (p == null) {
                    throw new AssertionError("no " + what + " received within " + timeout);
                }
                if (wanted.test(p)) {
                    return p;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The next packet, whatever it is. */
    public ReceivedPacket await(Duration timeout) {
        return await(timeout, "packet", p -> true);
    }

    /** Whatever arrived so far, or null; does not wait. */
    public ReceivedPacket poll() {
        return queue.poll();
    }
}
