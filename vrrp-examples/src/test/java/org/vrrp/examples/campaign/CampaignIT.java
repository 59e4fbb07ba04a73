package org.vrrp.examples.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vrrp.examples.it.ScenarioConf;
import org.vrrp.linux.it.RequiresRoot;

/**
 * The bounded campaign CI runs (issue 15 item 4): four {@code vrrp run} routers and a client on one
 * segment, rounds of up to 12 overlapping random faults in 25 s each, every invariant of
 * {@link Invariant} checked from outside. Rounds: the regression schedules of
 * {@code campaign/schedules/regression-*.txt} (violations the campaign found, fixed), two fixed seeds
 * (the same schedules every build) and
 * one fresh seed, printed, so that CI keeps exploring (seed 1510 stops r1, the usual master of VRID 51,
 * with SIGTERM); a failure names the seed and the file holding the
 * schedule to replay ({@code vrrp-examples/campaign/run.sh --replay FILE}).
 */
@RequiresRoot(tools = {"nft", "ping", "tcpdump"})
@Timeout(420)
class CampaignIT {
    private static final List<Long> FIXED_SEEDS = List.of(1510L, 1524L);

    @Test
    void overlappingRandomFaultsBreakNoInvariant() throws Exception {
        long fresh = System.nanoTime() & 0xffff_ffffL;
        System.out.println("CampaignIT: fixed seeds " + FIXED_SEEDS + ", fresh seed " + fresh);
        Path out = Files.createDirectories(Path.of("target", "campaign"));
        List<Path> regressions;
        try (java.util.stream.Stream<Path> files = Files.list(ScenarioConf.moduleDir().resolve("campaign/schedules"))) {
            regressions = files.filter(f -> f.getFileName().toString().startsWith("regression-")).sorted().toList();
        }
        Campaign.Options o = new Campaign.Options(Lan.Impl.OURS, 4, -1, -1, 0, 25_000, 12, out, null, false,
                java.util.stream.Stream.concat(FIXED_SEEDS.stream(), java.util.stream.Stream.of(fresh)).toList(),
                regressions);
        Campaign.Result r = Campaign.run(o);
        assertTrue(r.tally().faultsApplied() >= 20, "the rounds applied faults:\n" + r.tally().report());
        // NEIGHBOUR_AFTER_HEAL is a known gap (see Invariant): reported in the output, not failed on.
        assertEquals(List.of(), r.tally().violations().stream()
                .filter(v -> v.invariant() != Invariant.NEIGHBOUR_AFTER_HEAL)
                .map(v -> v.invariant() + ": " + v.detail()).collect(Collectors.toList()), "seeds " + FIXED_SEEDS + " and " + fresh + "; schedules in "
                + r.failures() + "\n" + r.tally().report());
    }
}
