package org.vrrp.examples.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * keepalived's run against ours, for one scenario. Fails (lists why) when: keepalived itself did not
 * show the holders the scenario expects (the scenario is wrong, not the code); the holders of any VIP
 * differ, in membership or order; the role's transitions after the first fault differ; or a measured
 * takeover time is off by more than {@link Scenario#toleranceMillis}. A {@link Deviation} replaces the
 * last three by what it states.
 */
record Comparison(Scenario scenario, Runner.Result keepalived, Runner.Result ours, List<String> failures) {

    static Comparison of(Scenario s, Runner.Result keepalived, Runner.Result ours) {
        List<String> failures = new ArrayList<>();
        Timeline k = keepalived.timeline();
        Timeline o = ours.timeline();
        String first = s.vips().get(0);
        if (!k.holders(first).equals(s.keepalivedHolders())) {
            failures.add("the oracle: keepalived's holders of " + first + " were '" + k.holders(first)
                    + "', the scenario expects '" + s.keepalivedHolders() + "'");
        }
        Deviation d = s.deviation();
        for (String vip : s.vips()) {
            String expected = d != null && d.oursHolders() != null && vip.equals(first) ? d.oursHolders() : k.holders(vip);
            if (!o.holders(vip).equals(expected)) {
                failures.add("holders of " + vip + ": ours '" + o.holders(vip) + "', expected '" + expected + "'");
            }
        }
        String kt = k.transitionsAfterFirstFault(s.role());
        String ot = o.transitionsAfterFirstFault(s.role());
        if (d == null && !kt.equals(ot)) {
            failures.add(s.role() + "'s transitions after the first fault: ours '" + ot + "', keepalived '" + kt + "'");
        }
        List<Fault> faults = s.faults();
        for (int i = 0; i < faults.size(); i++) {
            if (!faults.get(i).measured()) {
                continue;
            }
            Double km = k.takeoverMillis(first, i);
            Double om = o.takeoverMillis(first, i);
            if (km == null || om == null) {
                if (!Objects.equals(km == null, om == null)) {
                    failures.add(faults.get(i) + ": holders changed after it in one run only (keepalived "
                            + ms(km) + ", ours " + ms(om) + ")");
                }
                continue;
            }
            double delta = om - km;
            if (d != null) {
                if (delta < d.minDeltaMillis() || delta > d.maxDeltaMillis()) {
                    failures.add(faults.get(i) + ": ours " + ms(om) + " vs keepalived " + ms(km) + ", the deviation ("
                            + d.reason() + ") expects ours - keepalived in [" + d.minDeltaMillis() + ", "
                            + d.maxDeltaMillis() + "] ms, got " + Math.round(delta));
                }
            } else if (Math.abs(delta) > s.toleranceMillis(Math.round(km))) {
                failures.add(faults.get(i) + ": takeover ours " + ms(om) + " vs keepalived " + ms(km) + " ("
                        + (delta > 0 ? "later" : "earlier") + " by " + Math.round(Math.abs(delta)) + " ms, tolerance "
                        + s.toleranceMillis(Math.round(km)) + " ms)");
            }
        }
        if (s.reassertAfterFault() != null) {
            Double kr = k.reassertMillis(s.role(), s.reassertAfterFault());
            Double or = o.reassertMillis(s.role(), s.reassertAfterFault());
            // Null: a's own periodic advert came first and b stepped back without another lower advert, so
            // this run did not exercise the rule (the takeover figures still compare).
            if (or != null && or > Math.max(Scenario.REASSERT_SLACK_MILLIS,
                    (kr == null ? 0 : kr) + Scenario.REASSERT_SLACK_MILLIS)) {
                failures.add("after " + faults.get(s.reassertAfterFault()) + ", " + s.role() + " answered a lower-priority"
                        + " advert after " + ms(or) + " ms, keepalived after " + ms(kr) + " ms (RFC 9568 6.4.3: a master"
                        + " sends an advert at once)");
            }
        }
        return new Comparison(s, keepalived, ours, List.copyOf(failures));
    }

    boolean passed() {
        return failures.isEmpty();
    }

    /** The reassert answer of each run, "keepalived ms / ours ms", or "-" where not exercised. */
    private String reassertNote() {
        Integer i = scenario.reassertAfterFault();
        return i == null ? "" : " (reassert " + ms(keepalived.timeline().reassertMillis(scenario.role(), i)) + " / "
                + ms(ours.timeline().reassertMillis(scenario.role(), i)) + " ms)";
    }

    /** One line of the results table. */
    String tableLine() {
        return String.format("%-34s | %-22s | %-22s | %-22s | %-22s | %s", scenario.name(),
                takeovers(keepalived.timeline()), takeovers(ours.timeline()), holders(keepalived.timeline()),
                holders(ours.timeline()), passed() ? (scenario.deviation() != null ? "PASS (deviation)" : "PASS")
                        : "FAIL") + reassertNote();
    }

    static String tableHeader() {
        return String.format("%-34s | %-22s | %-22s | %-22s | %-22s | %s", "scenario", "keepalived ms (wire)",
                "ours ms (wire)", "keepalived holders", "ours holders", "verdict");
    }

    /** Everything needed to judge a failure: the failures, both timelines in brief, the role's logs. */
    String report() {
        StringBuilder b = new StringBuilder(scenario.name() + ": " + scenario.why() + "\n");
        failures.forEach(f -> b.append("  FAIL ").append(f).append('\n'));
        for (Runner.Result r : List.of(keepalived, ours)) {
            Timeline t = r.timeline();
            b.append(r.ours() ? "  ours" : "  keepalived").append(": holders ")
                    .append(scenario.vips().stream().map(v -> v + " [" + t.holders(v) + "]").collect(Collectors.joining(" ")))
                    .append("; raw ").append(t.raw(scenario.vips().get(0))).append("; ").append(scenario.role())
                    .append(" transitions [").append(t.transitionsAfterFirstFault(scenario.role())).append("]\n");
        }
        if (!passed() || Boolean.getBoolean("differential.logs")) {
            ours.logs().forEach((router, log) -> b.append("  ours run, log of ").append(router)
                    .append(router.equals(scenario.role()) ? " (ours)" : " (keepalived)").append(":\n")
                    .append(tail(log, router.equals(scenario.role()) ? 40 : 15)).append('\n'));
        }
        return b.toString();
    }

    private String takeovers(Timeline t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < scenario.faults().size(); i++) {
            if (scenario.faults().get(i).measured()) {
                String first = scenario.vips().get(0);
                out.add(ms(t.takeoverMillis(first, i)) + " (" + ms(t.wireMillis(first, i)) + ")");
            }
        }
        return String.join(", ", out);
    }

    private String holders(Timeline t) {
        return scenario.vips().stream().map(t::holders).collect(Collectors.joining(" / "));
    }

    private static String ms(Double millis) {
        return millis == null ? "-" : Long.toString(Math.round(millis));
    }

    private static String tail(String log, int count) {
        String[] lines = log.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - count), lines.length));
    }
}
