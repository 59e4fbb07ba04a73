package org.vrrp.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a keepalived script string is executed. Immutable and thread-safe.
 *
 * <p>Like keepalived, a plain command is split into words at unquoted whitespace, with single or
 * double quotes grouping a word ({@code /usr/local/bin/check 'a b'} is two words) and run directly,
 * without a shell: the first word is the program (a path, or a name looked up in {@code PATH}).
 * A string that needs a shell to mean what it says (pipes, redirections, {@code ;}, {@code &&},
 * variables, globs, command substitution, backslashes) is run as {@code /bin/sh -c STRING} instead,
 * so {@code "pidof haproxy > /dev/null"} behaves the way its author expects.
 *
 * @param text     the string as configured
 * @param argv     the program and its arguments; for a shell command {@code /bin/sh -c text}
 * @param viaShell true when {@code text} is run by {@code /bin/sh -c}
 */
public record ScriptCommand(String text, List<String> argv, boolean viaShell) {
    private static final String SHELL = "/bin/sh";
    /** Characters that only mean something to a shell, outside single quotes. */
    private static final String SHELL_METACHARACTERS = "|&;<>()$`\\*?[]~{}\n";

    public ScriptCommand {
        Objects.requireNonNull(text, "text");
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty script command");
        }
    }

    /** Splits {@code text} the keepalived way; throws IllegalArgumentException for a blank or badly quoted string. */
    public static ScriptCommand parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("empty script command");
        }
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        boolean needsShell = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    needsShell |= quote == '"' && (c == '$' || c == '`' || c == '\\');
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c) && c != '\n') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                needsShell |= SHELL_METACHARACTERS.indexOf(c) >= 0;
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unterminated " + quote + " quote in script command: " + text);
        }
        if (word != null) {
            words.add(word.toString());
        }
        if (needsShell) {
            return new ScriptCommand(text, List.of(SHELL, "-c", text), true);
        }
        return new ScriptCommand(text, words, false);
    }

    /**
     * The command line with {@code extraArgs} appended as separate arguments. For a shell command
     * they become the positional parameters and are appended with {@code "$@"}, so they reach the
     * script unchanged whatever characters they hold.
     */
    public List<String> withArguments(List<String> extraArgs) {
        if (extraArgs.isEmpty()) {
            return argv;
        }
        List<String> command = new ArrayList<>();
        if (viaShell) {
            command.addAll(List.of(SHELL, "-c", text + " \"$@\"", "sh"));
        } else {
            command.addAll(argv);
        }
        command.addAll(extraArgs);
        return command;
    }
}
