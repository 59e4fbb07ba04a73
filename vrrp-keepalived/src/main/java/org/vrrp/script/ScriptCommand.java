package org.vrrp.script;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

    /**
     * Checks that the command is not empty and copies the argument vector.
     *
     * @param text the string as configured
     * @param argv the program and its arguments; for a shell command {@code /bin/sh -c text}
     * @param viaShell true when {@code text} is run by {@code /bin/sh -c}
     */
    public ScriptCommand {
        Objects.requireNonNull(text, "text");
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty script command");
        }
    }

    /**
     * Splits {@code text} the keepalived way; throws IllegalArgumentException for a blank or badly quoted string.
     *
     * @param text the text
     * @return the parsed command
     */
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
     *
     * @param extraArgs the extra args
     * @return the argument vector with {@code extraArgs} appended
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

    /** keepalived's search path when the environment has no PATH. */
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /**
     * Why the program of this command cannot run, as keepalived checks it when it loads a file (it then
     * disables a vrrp_script): "/x/check.sh does not exist", "... is not executable", or empty when it
     * can. The program is the first word; for a command run by the shell, the first word of the text
     * when it is a plain path or name, else nothing is checked.
     *
     * @return what is wrong with the program, if anything
     */
    public Optional<String> programProblem() {
        String program = viaShell ? firstPlainWord(text) : argv.get(0);
        if (program == null) {
            return Optional.empty();
        }
        if (program.contains("/")) {
            Path path;
            try {
                path = Path.of(program);
            } catch (RuntimeException e) {
                return Optional.of(program + " is not a valid path");
            }
            if (!Files.exists(path)) {
                return Optional.of(program + " does not exist");
            }
            if (Files.isDirectory(path) || !Files.isExecutable(path)) {
                return Optional.of(program + " is not executable");
            }
            return Optional.empty();
        }
        String pathVariable = System.getenv("PATH");
        for (String dir : (pathVariable == null || pathVariable.isEmpty() ? DEFAULT_PATH : pathVariable).split(":")) {
            try {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.empty();
                }
            } catch (RuntimeException e) {
                return Optional.of(program + " is not a valid program name");
            }
        }
        return Optional.of(program + " is not found in PATH");
    }

    private static String firstPlainWord(String text) {
        String word = text.strip().split("\\s+", 2)[0];
        return word.matches("[A-Za-z0-9_./+@%:,=-]+") ? word : null;
    }
}
