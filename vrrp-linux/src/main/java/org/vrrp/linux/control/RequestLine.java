package org.vrrp.linux.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import org.vrrp.control.ControlProtocol;

/**
 * One request line read from a client with a deadline and a length limit.
 *
 * @param line    the request without its line ending, or null if there is none
 * @param problem why there is none, for a one-line error reply
 */
record RequestLine(String line, String problem) {

    /**
     * Reads up to a newline, the end of the stream, {@link ControlProtocol#MAX_REQUEST_BYTES} or the
     * deadline. The channel must have a receive timeout, so that a read returning 0 means it expired.
     */
    static RequestLine read(ReadableByteChannel channel, long deadlineNanos) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(ControlProtocol.MAX_REQUEST_BYTES);
        while (true) {
            int newline = indexOfNewline(buffer);
            if (newline >= 0) {
                return of(buffer, newline);
            }
            if (!buffer.hasRemaining()) {
                return new RequestLine(null, "request longer than " + ControlProtocol.MAX_REQUEST_BYTES + " bytes");
            }
            if (System.nanoTime() - deadlineNanos > 0) {
                return new RequestLine(null, "no request line within the time allowed");
            }
            int n = channel.read(buffer);
            if (n < 0) {
                return buffer.position() > 0 ? of(buffer, buffer.position())
                        : new RequestLine(null, "empty request (try: " + ControlProtocol.COMMANDS + ")");
            }
        }
    }

    private static int indexOfNewline(ByteBuffer buffer) {
        for (int i = 0; i < buffer.position(); i++) {
            if (buffer.get(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static RequestLine of(ByteBuffer buffer, int end) {
        String text = new String(buffer.array(), 0, end, ControlProtocol.CHARSET);
        return new RequestLine(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text, null);
    }
}
