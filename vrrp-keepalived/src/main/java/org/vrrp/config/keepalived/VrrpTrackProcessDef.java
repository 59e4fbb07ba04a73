package org.vrrp.config.keepalived;

import java.util.List;
import java.util.Objects;

/**
 * {@code vrrp_track_process NAME { }}: how many processes of a kind run. Immutable and thread-safe.
 *
 * @param name                 the tracker's name
 * @param process              {@code process NAME|PATH [PARAM ...]}: the process name (as in /proc/PID/stat), or
 *                             with parameters or {@code full_command} the command's first word
 * @param params               the parameters after it
 * @param paramMatch           {@code param_match}: how the parameters are compared
 * @param fullCommand          compare with the command line rather than the process name: with parameters,
 *                             {@code param_match} or {@code full_command}
 * @param weight               {@code weight N [reverse]}: default 1, -254..254
 * @param reverse              {@code reverse} after the weight
 * @param quorum               {@code quorum}: fewest processes for success, default 1
 * @param quorumMax            {@code quorum_max}: most processes for success, default unlimited
 * @param forkDelayMillis      {@code fork_delay} (or {@code delay}): how long quorum must hold before it counts
 * @param terminateDelayMillis {@code terminate_delay} (or {@code delay}): how long its loss must last before it counts
 * @param location             where the block starts
 */
public record VrrpTrackProcessDef(String name, String process, List<String> params, ParamMatch paramMatch,
                                  boolean fullCommand, int weight, boolean reverse, int quorum, int quorumMax,
                                  int forkDelayMillis, int terminateDelayMillis, SourceLocation location) {
    /** keepalived's param_match. */
    public enum ParamMatch {
        /** no parameters given: any */
        NONE,
        /** exactly these parameters (the default once parameters are given) */
        EXACT,
        /** these first, more allowed */
        PARTIAL,
        /** these first, the last one may be longer, more allowed */
        INITIAL
    }

    /**
     * Checks that the components are present.
     *
     * @param name the tracker's name
     * @param process the process name or path
     * @param params the parameters after it
     * @param paramMatch how the parameters are compared
     * @param fullCommand compare with the command line
     * @param weight {@code weight N}
     * @param reverse {@code reverse}
     * @param quorum fewest processes for success
     * @param quorumMax most processes for success
     * @param forkDelayMillis {@code fork_delay}
     * @param terminateDelayMillis {@code terminate_delay}
     * @param location where the block starts
     */
    public VrrpTrackProcessDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(process, "process");
        params = List.copyOf(params);
        Objects.requireNonNull(paramMatch, "paramMatch");
        Objects.requireNonNull(location, "location");
    }
}
