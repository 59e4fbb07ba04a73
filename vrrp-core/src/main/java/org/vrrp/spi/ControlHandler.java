package org.vrrp.spi;

/**
 * Answers one request line of the control protocol ({@link org.vrrp.control.ControlProtocol}). Called by a control
 * socket server on its own thread, never on a router's protocol thread; must be thread-safe.
 */
@FunctionalInterface
public interface ControlHandler {
    /**
     * @param requestLine the request without its line ending
     * @param peer        who sent it, for authorization
     * @return the whole response, each line ending in {@code '\n'}; a refusal is one line starting
     *         with {@code ERROR: ...}
     */
    String handle(String requestLine, ControlPeer peer);
}
