package org.vrrp.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptCommandTest {

    @Test
    void plainCommandIsSplitIntoWordsAndRunWithoutShell() {
        ScriptCommand c = ScriptCommand.parse("/usr/bin/killall -0 haproxy");
        assertFalse(c.viaShell());
        assertEquals(List.of("/usr/bin/killall", "-0", "haproxy"), c.argv());
    }

    @Test
    void quotesGroupAWord() {
        assertEquals(List.of("/bin/check", "a b", "c d", "e"), ScriptCommand.parse("/bin/check 'a b' \"c d\"  e").argv());
        assertEquals(List.of("x", ""), ScriptCommand.parse("x ''").argv());
    }

    @Test
    void shellSyntaxRunsThroughBinSh() {
        for (String text : List.of("pidof nginx > /dev/null", "a | b", "a && b", "a; b", "echo $HOME", "ls *.pid",
                "echo `date`", "echo \"$HOME\"")) {
            ScriptCommand c = ScriptCommand.parse(text);
            assertTrue(c.viaShell(), text);
            assertEquals(List.of("/bin/sh", "-c", text), c.argv());
        }
    }

    @Test
    void metacharactersInsideSingleQuotesNeedNoShell() {
        ScriptCommand c = ScriptCommand.parse("/bin/grep 'a|b' /etc/file");
        assertFalse(c.viaShell());
        assertEquals(List.of("/bin/grep", "a|b", "/etc/file"), c.argv());
    }

    @Test
    void extraArgumentsAreAppendedAsSeparateWords() {
        assertEquals(List.of("/bin/n", "x", "INSTANCE", "VI 1", "MASTER", "100"),
                ScriptCommand.parse("/bin/n x").withArguments(List.of("INSTANCE", "VI 1", "MASTER", "100")));
        assertEquals(List.of("/bin/sh", "-c", "a | b \"$@\"", "sh", "GROUP", "G"),
                ScriptCommand.parse("a | b").withArguments(List.of("GROUP", "G")));
    }

    @Test
    void blankOrBadlyQuotedIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ScriptCommand.parse("  "));
        assertThrows(IllegalArgumentException.class, () -> ScriptCommand.parse("/bin/x 'open"));
    }
}
