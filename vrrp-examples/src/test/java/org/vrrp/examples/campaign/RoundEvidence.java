package org.vrrp.examples.campaign;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vrrp.examples.differential.AddressMonitor;
import org.vrrp.examples.differential.Clock;

/**
 * What a failing round leaves to explain it, merged in time order: the client's capture (VRRP adverts and ARP
 * with MACs), every router's address changes, and the lines the routers now running logged. A violation names
 * "+N ms of the round"; each line here carries the same offset. Found necessary when two violations of a
 * 2-hour run could not be explained afterwards, and replays passed (seeds 275 and 119 of the runs of
 * 2026-12-01). Stateless.
 */
final class RoundEvidence {
    /** {@code tcpdump -tt}: seconds.micros at the start of the line. */
    private static final Pattern TCPDUMP_TIME = Pattern.compile("^(\\d+)\\.(\\d{6}) ");
    /** Our log and keepalived's console log start with an ISO-8601 instant. */
    private static final Pattern LOG_TIME = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\S+Z) ");

    private record Line(long micros, String text) {
    }

    private RoundEvidence() {
    }

    /** The evidence of [fromMicros, toMicros], one line per event: offset in the round, source, text. */
    static String collect(Lan lan, long fromMicros, long toMicros) {
        List<Line> lines = new ArrayList<>();
        for (String l : lan.wireLines()) {
            Matcher m = TCPDUMP_TIME.matcher(l);
            if (m.find()) {
                lines.add(new Line(Long.parseLong(m.group(1)) * 1_000_000 + Long.parseLong(m.group(2)),
                        "client wire  " + l.substring(m.end())));
            }
        }
        lan.monitors().values().forEach(mon -> {
            for (AddressMonitor.Event e : mon.events()) {
                lines.add(new Line(e.micros(), e.router() + " kernel  " + (e.added() ? "added " : "deleted ")
                        + e.address()));
            }
        });
        for (RouterSlot r : lan.slots()) {
            for (String l : r.process.log().split("\n")) {
                Matcher m = LOG_TIME.matcher(l);
                if (m.find()) {
                    try {
                        lines.add(new Line(Clock.micros(Instant.parse(m.group(1))), r.name + " log  "
                                + l.substring(m.end())));
                    } catch (DateTimeParseException e) {
                        // not a timestamp after all: a continuation line, left out
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder("# round started at " + Instant.ofEpochSecond(fromMicros / 1_000_000,
                fromMicros % 1_000_000 * 1000) + "; routers' logs: only of the processes running at the end\n");
        lines.stream().filter(l -> l.micros >= fromMicros && l.micros <= toMicros)
                .sorted(Comparator.comparingLong(Line::micros))
                .forEach(l -> out.append(String.format(java.util.Locale.ROOT, "+%9.3f ms  %s%n",
                        (l.micros - fromMicros) / 1000.0, l.text)));
        return out.toString();
    }
}
