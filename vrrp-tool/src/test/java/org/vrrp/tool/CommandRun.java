package org.vrrp.tool;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** The outcome of one {@code vrrp ...} run through {@link Main#run}. */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exitCode = Main.run(args, o, e);
        }
        return new CommandRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    List<String> outLines() {
        return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
    }

    List<String> errLines() {
        return err.isEmpty() ? List.of() : Arrays.asList(err.split("\n"));
    }
}
