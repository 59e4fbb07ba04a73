package org.vrrp.control;

import java.util.Arrays;
import java.util.List;

/** A parsed control request. Immutable. */
public sealed interface ControlCommand {

    /**
     * Whether the command changes the router, and so needs root or the router's own user.
     *
     * @return whether the command changes the router, and so needs root or the router's own user
     */
    boolean mutating();

    /** {@code status} or {@code status json}: every instance's state and counters. */
    record Status(boolean json) implements ControlCommand {
        @Override
        public boolean mutating() {
            return false;
        }
    }

    /** {@code set-priority INSTANCE N}: the instance's configured priority, 1..255. */
    record SetPriority(String instance, int priority) implements ControlCommand {
        @Override
        public boolean mutating() {
            return true;
        }
    }

    /** {@code resign INSTANCE}: planned handover, see {@code VrrpRouter.resign}. */
    record Resign(String instance) implements ControlCommand {
        @Override
        public boolean mutating() {
            return true;
        }
    }

    /**
     * Parses one request line (words separated by blanks).
     *
     * @param line the line
     * @return the parsed command
     * @throws IllegalArgumentException with a one-line message for the client
     */
    static ControlCommand parse(String line) {
        List<String> words = line.isBlank() ? List.of() : Arrays.asList(line.trim().split("\\s+"));
        if (words.isEmpty()) {
            throw new IllegalArgumentException("empty request (try: " + ControlProtocol.COMMANDS + ")");
        }
        String verb = words.get(0);
        switch (verb) {
            case "status" -> {
                if (words.size() == 1) {
                    return new Status(false);
                }
                if (words.size() == 2 && words.get(1).equals("json")) {
                    return new Status(true);
                }
                throw new IllegalArgumentException("usage: status [json]");
            }
            case "set-priority" -> {
                if (words.size() != 3) {
                    throw new IllegalArgumentException("usage: set-priority INSTANCE N");
                }
                return new SetPriority(words.get(1), priority(words.get(2)));
            }
            case "resign" -> {
                if (words.size() != 2) {
                    throw new IllegalArgumentException("usage: resign INSTANCE");
                }
                return new Resign(words.get(1));
            }
            default -> throw new IllegalArgumentException("unknown command '" + printable(verb) + "' (try: "
                    + ControlProtocol.COMMANDS + ")");
        }
    }

    private static int priority(String text) {
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("priority must be a number in 1..255, got '" + printable(text) + "'");
        }
        if (value < 1 || value > 255) {
            throw new IllegalArgumentException("priority must be in 1..255, got " + value);
        }
        return value;
    }

    /** The text with control characters replaced, so an echo of it cannot break the one-line reply. */
    private static String printable(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
