package org.vrrp.control;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vrrp.RouterStats;
import org.vrrp.VrrpRouter;
import org.vrrp.spi.ControlHandler;
import org.vrrp.spi.ControlPeer;

/**
 * The control protocol bound to a router: parses a request, checks the peer may run it, runs it
 * through the router's public API and formats the answer. Knows nothing of sockets.
 *
 * <p>Thread-safe; each call blocks for at most the router's API timeout (the work itself runs on the
 * protocol thread, which this never is).
 */
public final class ControlService implements ControlHandler {
    private static final Logger LOG = LoggerFactory.getLogger("org.vrrp.control");

    /**
     * What the service needs of a router; the router's runtime in production, which checks as {@link VrrpRouter}
     * does. Called from the control
     * server's thread; an {@link IllegalArgumentException} (unknown instance) becomes a one-line error.
     */
    public interface Target {
        /**
         * As {@link VrrpRouter#stats()}.
         *
         * @return a snapshot of the router's stats
         */
        RouterStats stats();

        /**
         * As {@link VrrpRouter#setPriority(String, int)}.
         *
         * @param instance the instance
         * @param priority the priority
         */
        void setPriority(String instance, int priority);

        /**
         * As {@link VrrpRouter#resign(String)}.
         *
         * @param instance the instance
         */
        void resign(String instance);
    }

    private final Target target;
    private final ControlAuthorization authorization;

    /**
     * A service that runs commands on {@code target} for the peers {@code authorization} allows.
     *
     * @param target the target
     * @param authorization the authorization
     */
    public ControlService(Target target, ControlAuthorization authorization) {
        this.target = target;
        this.authorization = authorization;
    }

    @Override
    public String handle(String requestLine, ControlPeer peer) {
        ControlCommand command;
        try {
            command = ControlCommand.parse(requestLine);
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
        String refusal = authorization.refusal(command, peer);
        if (refusal != null) {
            LOG.warn("control socket: refused '{}' from uid {} pid {}", requestLine, peer.uid(), peer.pid());
            return error(refusal);
        }
        try {
            return run(command, peer);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return error(e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("control socket: '{}' failed", requestLine, e);
            return error(e.toString());
        }
    }

    private String run(ControlCommand command, ControlPeer peer) {
        if (command instanceof ControlCommand.Status s) {
            RouterStats stats = target.stats();
            return s.json() ? StatusJson.format(stats) : StatusText.format(stats);
        }
        if (command instanceof ControlCommand.SetPriority p) {
            target.setPriority(p.instance(), p.priority());
            LOG.info("({}) priority set to {} through the control socket by uid {} pid {}", p.instance(),
                    p.priority(), peer.uid(), peer.pid());
            return "ok: " + p.instance() + " priority set to " + p.priority() + "\n";
        }
        if (command instanceof ControlCommand.Resign r) {
            target.resign(r.instance());
            LOG.info("({}) resigned through the control socket by uid {} pid {}", r.instance(), peer.uid(),
                    peer.pid());
            return "ok: " + r.instance() + " resigned (priority 1 until set-priority)\n";
        }
        throw new AssertionError("unhandled command " + command);
    }

    /** One line, whatever the message holds. */
    private static String error(String message) {
        return ControlProtocol.ERROR_PREFIX + message.replace('\n', ' ').replace('\r', ' ') + "\n";
    }
}
