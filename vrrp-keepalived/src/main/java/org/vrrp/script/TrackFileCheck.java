package org.vrrp.script;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;
import org.vrrp.ValueCheck;

/**
 * keepalived's {@code track_file}: the number written at the start of a file, read as keepalived does
 * (track_file.c): the first 127 bytes, as C's {@code strtol} with base 0 (leading blanks, a sign, {@code 0x} for
 * hexadecimal, a leading 0 for octal; what follows the number is ignored; no number is 0); a file that does not
 * exist, or is empty, is 0; a number outside the 32-bit range is ignored (the previous value stays). On the first
 * read, {@code init_file} writes its value if the file does not exist (or always, with {@code overwrite}).
 *
 * <p>keepalived reads the file when inotify reports a change; this is read each time the router polls it.
 * Thread-safe.
 */
public final class TrackFileCheck implements ValueCheck {
    private static final int MAX_BYTES = 127;

    private final Path file;
    private final OptionalLong initValue;
    private final boolean overwrite;
    private boolean initialised;

    /**
     * A check of this file.
     *
     * @param file      the file
     * @param initValue {@code init_file VALUE}, or empty for no {@code init_file}
     * @param overwrite {@code init_file ... overwrite}
     */
    public TrackFileCheck(Path file, OptionalLong initValue, boolean overwrite) {
        this.file = Objects.requireNonNull(file, "file");
        this.initValue = Objects.requireNonNull(initValue, "initValue");
        this.overwrite = overwrite;
    }

    @Override
    public synchronized long value() throws IOException {
        if (!initialised) {
            initialised = true;
            if (initValue.isPresent() && (overwrite || !Files.exists(file))) {
                Files.writeString(file, initValue.getAsLong() + "\n");
            }
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(MAX_BYTES);
        } catch (NoSuchFileException e) {
            return 0;
        }
        long value = strtol(new String(head, StandardCharsets.ISO_8859_1));
        if (value < Integer.MIN_VALUE || value > (long) Integer.MAX_VALUE + 1) {
            throw new IOException("invalid number " + value + " read from " + file + ", ignored");
        }
        return value;
    }

    /** C's {@code strtol(text, NULL, 0)}, saturating far outside the long range (then rejected by the caller). */
    static long strtol(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (i + 1 < n && text.charAt(i) == '0' && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X')
                && i + 2 < n && Character.digit(text.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (i < n && text.charAt(i) == '0') {
            radix = 8;
        }
        long value = 0;
        while (i < n) {
            int d = Character.digit(text.charAt(i), radix);
            if (d < 0) {
                break;
            }
            if (value > (Long.MAX_VALUE - d) / radix) {
                return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            value = value * radix + d;
            i++;
        }
        return negative ? -value : value;
    }
}
