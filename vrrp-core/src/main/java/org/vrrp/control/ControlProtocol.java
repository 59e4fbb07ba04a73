package org.vrrp.control;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The control socket's wire protocol, shared by the server and its clients.
 *
 * <p>A client connects to the Unix stream socket, writes one request line ending in {@code '\n'}
 * ({@code status}, {@code status json}, {@code set-priority INSTANCE N}, {@code resign INSTANCE}), and
 * reads the response until the server closes the connection: one connection, one request. A
 * response whose first line starts with {@link #ERROR_PREFIX} is a refusal, and is exactly one line.
 */
public final class ControlProtocol {
    private ControlProtocol() {}

    /** Where {@code vrrp run} listens unless told otherwise; its directory is created if missing. */
    public static final Path DEFAULT_SOCKET_PATH = Path.of("/run/vrrp/vrrp.sock");

    /** Requests are ASCII; UTF-8 so an instance name with other characters still round-trips. */
    public static final Charset CHARSET = StandardCharsets.UTF_8;

    /** Longest request line accepted, newline included; a longer one is refused without reading on. */
    public static final int MAX_REQUEST_BYTES = 512;

    /** First characters of a refusal. */
    public static final String ERROR_PREFIX = "error: ";

    /** What a client may ask, for error messages. */
    public static final String COMMANDS = "status, status json, set-priority INSTANCE N, resign INSTANCE";
}
