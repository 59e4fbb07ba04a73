package org.vrrp.runtime;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Ids {@code 0..capacity-1}, each with at most one deadline, ordered earliest first: an indexed binary min-heap.
 * Each id knows its slot in the heap, so that moving a deadline is O(log n) and not a search; the earliest is
 * O(1). An id without a deadline ({@link Long#MAX_VALUE}) is not in the heap at all, so that idle instances cost
 * nothing.
 *
 * <p>Arrays of primitives, allocated once: re-keying on every advert of 1,000 instances must not allocate.
 *
 * <p>Not thread-safe: the protocol thread owns it.
 */
final class DeadlineHeap {
    /** "No deadline": the id is not in the heap. */
    static final long NONE = Long.MAX_VALUE;
    private static final int ABSENT = -1;

    /** Heap order: {@code heap[0]} has the earliest deadline; {@code heap[i]}'s children are at 2i+1 and 2i+2. */
    private final int[] heap;
    /** By id: its index in {@link #heap}, or {@link #ABSENT}. */
    private final int[] slotOfId;
    /** By id: its deadline in nanoseconds, meaningful while it is in the heap. */
    private final long[] deadlineNanosOfId;
    private int size;
    /** Scratch for {@link #forEachDue}: the slots still to look at. */
    private final int[] pendingSlots;

    /** @param capacity how many ids: 0..capacity-1 */
    DeadlineHeap(int capacity) {
        heap = new int[capacity];
        slotOfId = new int[capacity];
        Arrays.fill(slotOfId, ABSENT);
        deadlineNanosOfId = new long[capacity];
        pendingSlots = new int[capacity];
    }

    /**
     * Gives {@code id} a deadline, moves it, or ({@link #NONE}) takes it out.
     *
     * @param id the id
     * @param deadlineNanos its deadline, or {@link #NONE}
     */
    void set(int id, long deadlineNanos) {
        int slot = slotOfId[id];
        if (deadlineNanos == NONE) {
            if (slot != ABSENT) {
                removeAt(slot);
            }
            return;
        }
        if (slot == ABSENT) {
            slot = size++;
            heap[slot] = id;
            slotOfId[id] = slot;
            deadlineNanosOfId[id] = deadlineNanos;
            siftUp(slot);
            return;
        }
        long old = deadlineNanosOfId[id];
        deadlineNanosOfId[id] = deadlineNanos;
        if (deadlineNanos < old) {
            siftUp(slot);
        } else if (deadlineNanos > old) {
            siftDown(slot);
        }
    }

    /** @return the earliest deadline, or {@link #NONE} when no id has one */
    long earliestNanos() {
        return size == 0 ? NONE : deadlineNanosOfId[heap[0]];
    }

    /** @return {@code id}'s deadline, or {@link #NONE} */
    long deadlineNanos(int id) {
        return slotOfId[id] == ABSENT ? NONE : deadlineNanosOfId[id];
    }

    /** @return how many ids have a deadline */
    int size() {
        return size;
    }

    /**
     * Calls {@code action} with every id whose deadline is at or before {@code nowNanos}, in no particular order,
     * visiting only those and their children: O(due), not O(size). {@code action} must not change the heap.
     */
    void forEachDue(long nowNanos, IntConsumer action) {
        if (size == 0 || deadlineNanosOfId[heap[0]] > nowNanos) {
            return;
        }
        int pending = 0;
        pendingSlots[pending++] = 0;
        while (pending > 0) {
            int slot = pendingSlots[--pending];
            action.accept(heap[slot]);
            // A child's deadline is never before its parent's: a child that is not due has no due descendant.
            for (int child = 2 * slot + 1; child <= 2 * slot + 2 && child < size; child++) {
                if (deadlineNanosOfId[heap[child]] <= nowNanos) {
                    pendingSlots[pending++] = child;
                }
            }
        }
    }

    private void removeAt(int slot) {
        int id = heap[slot];
        slotOfId[id] = ABSENT;
        size--;
        if (slot == size) {
            return;
        }
        // The last one fills the hole and goes up or down from there.
        int last = heap[size];
        heap[slot] = last;
        slotOfId[last] = slot;
        siftUp(slot);
        siftDown(slotOfId[last]);
    }

    private void siftUp(int slot) {
        int id = heap[slot];
        long deadline = deadlineNanosOfId[id];
        while (slot > 0) {
            int parent = (slot - 1) / 2;
            int parentId = heap[parent];
            if (deadlineNanosOfId[parentId] <= deadline) {
                break;
            }
            place(parentId, slot);
            slot = parent;
        }
        place(id, slot);
    }

    private void siftDown(int slot) {
        int id = heap[slot];
        long deadline = deadlineNanosOfId[id];
        while (true) {
            int child = 2 * slot + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && deadlineNanosOfId[heap[child + 1]] < deadlineNanosOfId[heap[child]]) {
                child++;
            }
            if (deadlineNanosOfId[heap[child]] >= deadline) {
                break;
            }
            place(heap[child], slot);
            slot = child;
        }
        place(id, slot);
    }

    private void place(int id, int slot) {
        heap[slot] = id;
        slotOfId[id] = slot;
    }
}
