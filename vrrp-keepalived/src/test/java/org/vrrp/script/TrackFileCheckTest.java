package org.vrrp.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's track_file reading: strtol base 0, missing = 0, init_file, out of range ignored. */
class TrackFileCheckTest {
    @TempDir
    Path dir;

    @Test
    void numbersAreReadAsCsStrtolWithBaseZero() {
        assertEquals(42, TrackFileCheck.strtol("42\n"));
        assertEquals(-7, TrackFileCheck.strtol("  -7 apples"));
        assertEquals(26, TrackFileCheck.strtol("0x1a"));
        assertEquals(8, TrackFileCheck.strtol("010"));
        assertEquals(0, TrackFileCheck.strtol("abc"));
        assertEquals(0, TrackFileCheck.strtol(""));
        assertEquals(5, TrackFileCheck.strtol("+5"));
    }

    @Test
    void aMissingFileIsZeroAndTheValueFollowsTheFile() throws Exception {
        Path file = dir.resolve("prio");
        TrackFileCheck check = new TrackFileCheck(file, OptionalLong.empty(), false);
        assertEquals(0, check.value());
        Files.writeString(file, "3\n");
        assertEquals(3, check.value());
        Files.writeString(file, "");
        assertEquals(0, check.value());
    }

    @Test
    void initFileWritesOnlyAMissingFileUnlessOverwrite() throws Exception {
        Path missing = dir.resolve("missing");
        assertEquals(5, new TrackFileCheck(missing, OptionalLong.of(5), false).value());
        Path present = dir.resolve("present");
        Files.writeString(present, "9");
        assertEquals(9, new TrackFileCheck(present, OptionalLong.of(5), false).value());
        assertEquals(5, new TrackFileCheck(present, OptionalLong.of(5), true).value());
        TrackFileCheck once = new TrackFileCheck(present, OptionalLong.of(1), true);
        assertEquals(1, once.value());
        Files.writeString(present, "2");
        assertEquals(2, once.value(), "init_file is applied at the first read only");
    }

    @Test
    void aNumberOutsideThirtyTwoBitsIsRefused() throws Exception {
        Path file = dir.resolve("big");
        Files.writeString(file, "99999999999");
        assertThrows(IOException.class, () -> new TrackFileCheck(file, OptionalLong.empty(), false).value());
        Files.writeString(file, "2147483648");
        assertEquals(2147483648L, new TrackFileCheck(file, OptionalLong.empty(), false).value(), "keepalived allows +1");
    }
}
