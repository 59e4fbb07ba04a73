package org.vrrp.runtime;

import java.util.BitSet;
import java.util.function.IntConsumer;
import java.util.function.IntToLongFunction;

/**
 * The running instances' next deadlines, kept in a {@link DeadlineHeap} so that a wake-up of the protocol thread
 * touches only the instances that are due: with 1,000 instances, scanning all of them twice per wake-up was a
 * quarter of the protocol thread's CPU (issue 17 item 5).
 *
 * <p>How it stays true: an instance's deadline is never read from the heap without first asking the instance
 * again whenever it may have changed. Whatever can change it (its machine, a sync group moving it through
 * another member's input, its VIP fault) calls {@link #mayHaveChanged(int)}, which only marks it; the marked
 * ones are re-keyed, from {@code deadlineOf}, before every read ({@link #nextDeadlineNanos}, {@link #firstDue},
 * {@link #nextDue}). Marking costs a flag test, so the sources call it on every change without knowing
 * whether the deadline moved, and no caller has to remember which instances an input touched.
 *
 * <p>Instances are ids 0..n-1, their places in the router's instance list. Not thread-safe: the protocol thread
 * owns it.
 */
final class InstanceTimers {
    private final IntToLongFunction deadlineOf;
    private final DeadlineHeap heap;
    /** Instances marked since the last re-keying, each once: {@link #marked} says which are in the list. */
    private final int[] markedIds;
    private final boolean[] marked;
    private int markedCount;

    /** The due pass in progress ({@link #firstDue}): its time, and the instances due by then not yet handed out. */
    private long passNowNanos = Long.MIN_VALUE;
    private final BitSet duePass;
    /** {@code duePass::set}, made once: a method reference made per wake-up would allocate. */
    private final IntConsumer addToPass;

    /**
     * Every instance starts marked: its first deadline is read at the first read.
     *
     * @param instanceCount how many instances, ids 0..instanceCount-1
     * @param deadlineOf an instance's earliest deadline now (nanoseconds), or {@link Long#MAX_VALUE}
     */
    InstanceTimers(int instanceCount, IntToLongFunction deadlineOf) {
        this.deadlineOf = deadlineOf;
        this.heap = new DeadlineHeap(instanceCount);
        this.markedIds = new int[instanceCount];
        this.marked = new boolean[instanceCount];
        this.duePass = new BitSet(instanceCount);
        this.addToPass = duePass::set;
        for (int id = 0; id < instanceCount; id++) {
            mayHaveChanged(id);
        }
    }

    /**
     * The instance's deadline may have moved; it is read again before the next answer. Cheap and idempotent.
     *
     * @param id the instance
     */
    void mayHaveChanged(int id) {
        if (!marked[id]) {
            marked[id] = true;
            markedIds[markedCount++] = id;
        }
    }

    /** @return the earliest deadline of any instance, or {@link Long#MAX_VALUE} */
    long nextDeadlineNanos() {
        rekeyMarked();
        return heap.earliestNanos();
    }

    /**
     * Starts a pass over the instances due by {@code nowNanos}, in id order.
     *
     * @return the lowest id due, or -1
     */
    int firstDue(long nowNanos) {
        duePass.clear();
        passNowNanos = nowNanos;
        rekeyMarked();
        heap.forEachDue(nowNanos, addToPass);
        return nextDue(-1);
    }

    /**
     * The next instance of the pass after {@code afterId}: one that was due when the pass started, or that the
     * handling of an earlier one made due. One that became due with a lower id waits for the next pass: the
     * list-order scan this replaced handled those the same way, so what is sent when did not change.
     *
     * @return the lowest due id above {@code afterId}, or -1
     */
    int nextDue(int afterId) {
        rekeyMarked();
        int id = duePass.nextSetBit(afterId + 1);
        if (id >= 0) {
            duePass.clear(id);
        }
        return id;
    }

    private void rekeyMarked() {
        for (int i = 0; i < markedCount; i++) {
            int id = markedIds[i];
            marked[id] = false;
            long deadline = deadlineOf.applyAsLong(id);
            heap.set(id, deadline);
            // Made due by an earlier instance's handling in this pass. Outside a pass this may set stale bits:
            // harmless, the next pass starts by clearing them.
            if (deadline <= passNowNanos) {
                duePass.set(id);
            }
        }
        markedCount = 0;
    }
}
