package org.vrrp.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void helpListsEveryCommand() {
        CommandRun run = CommandRun.of("--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("usage: vrrp <command>"), run.out());
        for (Command command : Main.COMMANDS) {
            // Names are padded to one column, so a short name is followed by more than two spaces.
            assertTrue(run.out().matches("(?s).*\\n  " + command.name() + " {2,}" + java.util.regex.Pattern.quote(
                    command.summary()) + "\\n.*"), run.out());
        }
        assertEquals(run.out(), CommandRun.of("-h").out());
    }

    @Test
    void commandHelpPrintsItsUsage() {
        CommandRun run = CommandRun.of("decode", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("usage: vrrp decode FILE.pcap [--json]\n"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void unknownCommandIsOneLineAndExitTwo() {
        CommandRun run = CommandRun.of("frobnicate");
        assertEquals(2, run.exitCode());
        assertEquals(List.of("vrrp: unknown command 'frobnicate' (try 'vrrp --help')"), run.errLines());
        assertEquals("", run.out());
    }

    @Test
    void noCommandIsOneLineAndExitTwo() {
        CommandRun run = CommandRun.of();
        assertEquals(2, run.exitCode());
        assertEquals(1, run.errLines().size());
    }

    @Test
    void commandNamesAreUnique() {
        assertEquals(Main.COMMANDS.size(), Main.COMMANDS.stream().map(Command::name).distinct().count());
    }
}
