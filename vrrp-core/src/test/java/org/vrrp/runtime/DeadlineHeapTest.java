package org.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The timer queue's heap against a plain reference (a map of the deadlines and a sorted set of them): after every
 * random insert, move (earlier, later, unchanged) and removal, the earliest deadline, each id's deadline, the size
 * and the set of ids due by a random time agree.
 */
class DeadlineHeapTest {
    private static final int IDS = 40;

    @Test
    void randomInsertsMovesAndRemovalsAgreeWithASortedReference() {
        for (long seed = 1; seed <= 50; seed++) {
            Random random = new Random(seed);
            DeadlineHeap heap = new DeadlineHeap(IDS);
            Map<Integer, Long> reference = new HashMap<>();
            for (int step = 0; step < 2_000; step++) {
                int id = random.nextInt(IDS);
                // Few distinct values, so that equal deadlines (ties) are common, as phases make them.
                long deadline = random.nextInt(8) == 0 ? DeadlineHeap.NONE : random.nextInt(50);
                heap.set(id, deadline);
                if (deadline == DeadlineHeap.NONE) {
                    reference.remove(id);
                } else {
                    reference.put(id, deadline);
                }
                String where = "seed " + seed + " step " + step + " (id " + id + " -> " + deadline + ")";
                assertEquals(new TreeSet<>(reference.values()).stream().findFirst().orElse(DeadlineHeap.NONE),
                        heap.earliestNanos(), "earliest, " + where);
                assertEquals(reference.size(), heap.size(), "size, " + where);
                for (int i = 0; i < IDS; i++) {
                    assertEquals(reference.getOrDefault(i, DeadlineHeap.NONE), heap.deadlineNanos(i),
                            "id " + i + ", " + where);
                }
                long now = random.nextInt(55);
                TreeSet<Integer> due = new TreeSet<>();
                heap.forEachDue(now, due::add);
                TreeSet<Integer> expected = new TreeSet<>();
                reference.forEach((i, d) -> {
                    if (d <= now) {
                        expected.add(i);
                    }
                });
                assertEquals(expected, due, "due by " + now + ", " + where);
            }
        }
    }

    @Test
    void anEmptyHeapHasNoDeadlineAndNothingDue() {
        DeadlineHeap heap = new DeadlineHeap(3);
        assertEquals(DeadlineHeap.NONE, heap.earliestNanos());
        heap.set(1, DeadlineHeap.NONE);
        assertEquals(0, heap.size(), "removing an id that has no deadline changes nothing");
        heap.forEachDue(Long.MAX_VALUE - 1, id -> {
            throw new AssertionError("nothing is due, got " + id);
        });
    }
}
