package org.vrrp.control;

import org.vrrp.spi.ControlPeer;

/**
 * Who may do what on the control socket: anyone who can open the socket file may read status;
 * only root (uid 0) or the user the router runs as may change it.
 */
public final class ControlAuthorization {
    private final long routerUid;

    /** @param routerUid the effective uid of the process that runs the router */
    public ControlAuthorization(long routerUid) {
        this.routerUid = routerUid;
    }

    /**
     * Null if {@code peer} may run {@code command}, else why not, in one line.
     *
     * @param command the command
     * @param peer the peer
     * @return why the peer may not run the command, or null if it may
     */
    public String refusal(ControlCommand command, ControlPeer peer) {
        if (!command.mutating() || peer.uid() == 0 || (peer.uid() != ControlPeer.UNKNOWN && peer.uid() == routerUid)) {
            return null;
        }
        String who = peer.uid() == ControlPeer.UNKNOWN ? "a peer whose uid could not be read" : "uid " + peer.uid();
        return "permission denied: changing the router needs root or uid " + routerUid + " (the router's user); "
                + "request came from " + who;
    }
}
