package org.vrrp.tool;

import java.io.PrintStream;
import java.util.List;

/**
 * One sub-command of the {@code vrrp} tool. To add one, implement this and add one line to
 * {@link Main#COMMANDS}. {@code --help} / {@code -h} is handled by {@link Main} before {@link #run}.
 *
 * <p>Implementations keep no state between runs; {@link Main} calls {@link #run} on the main thread.
 */
public interface Command {
    /** Exit code: success. */
    int EXIT_OK = 0;
    /** Exit code: the command ran and failed (missing file, unreadable capture, ...). */
    int EXIT_FAILURE = 1;
    /** Exit code: the command line was wrong. */
    int EXIT_USAGE = 2;

    /**
     * The word after {@code vrrp}, e.g. {@code "decode"}.
     *
     * @return the word after {@code vrrp}
     */
    String name();

    /**
     * One line for {@code vrrp --help}.
     *
     * @return the summary
     */
    String summary();

    /**
     * Full usage text for {@code vrrp NAME --help}, starting with the synopsis line.
     *
     * @return the usage
     */
    String usage();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command name
     * @param out  where results go
     * @param err  where one-line errors go, prefixed {@code "vrrp NAME: "}
     * @return the exit code
     * @throws UsageException if the arguments are wrong; {@link Main} prints its message and exits with
     *                        {@link #EXIT_USAGE}
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws UsageException;
}
