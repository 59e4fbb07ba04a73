package org.vrrp.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vrrp.spi.ControlPeer;

class ControlCommandTest {

    private static String refusal(String line) {
        return assertThrows(IllegalArgumentException.class, () -> ControlCommand.parse(line)).getMessage();
    }

    @Test
    void parsesEveryCommandWithExtraBlanks() {
        assertEquals(new ControlCommand.Status(false), ControlCommand.parse("status"));
        assertEquals(new ControlCommand.Status(true), ControlCommand.parse("  status   json "));
        assertEquals(new ControlCommand.SetPriority("VI_1", 90), ControlCommand.parse("set-priority VI_1 90"));
        assertEquals(new ControlCommand.Resign("VI_OUT"), ControlCommand.parse("resign\tVI_OUT"));
    }

    @Test
    void onlyTheChangingCommandsAreMutating() {
        assertFalse(new ControlCommand.Status(true).mutating());
        assertTrue(new ControlCommand.SetPriority("VI_1", 1).mutating());
        assertTrue(new ControlCommand.Resign("VI_1").mutating());
    }

    @Test
    void badRequestsGetOneLineThatSaysWhatIsAllowed() {
        assertEquals("unknown command 'reboot' (try: status, status json, set-priority INSTANCE N, resign INSTANCE)",
                refusal("reboot now"));
        assertEquals("unknown command 'a?b' (try: status, status json, set-priority INSTANCE N, resign INSTANCE)",
                refusal("a\u0007b"));
        assertTrue(refusal("").startsWith("empty request"));
        assertEquals("usage: status [json]", refusal("status xml"));
        assertEquals("usage: set-priority INSTANCE N", refusal("set-priority VI_1"));
        assertEquals("usage: resign INSTANCE", refusal("resign"));
        assertEquals("priority must be in 1..255, got 256", refusal("set-priority VI_1 256"));
        assertEquals("priority must be in 1..255, got 0", refusal("set-priority VI_1 0"));
        assertEquals("priority must be a number in 1..255, got 'high'", refusal("set-priority VI_1 high"));
    }

    @Test
    void onlyRootAndTheRoutersUserMayChangeAnythingWhileAnyoneMayRead() {
        ControlAuthorization auth = new ControlAuthorization(1000);
        ControlCommand resign = new ControlCommand.Resign("VI_1");
        assertNull(auth.refusal(resign, new ControlPeer(0, 1)));
        assertNull(auth.refusal(resign, new ControlPeer(1000, 1)));
        assertEquals("permission denied: changing the router needs root or uid 1000 (the router's user); request came"
                + " from uid 1001", auth.refusal(resign, new ControlPeer(1001, 1)));
        assertTrue(auth.refusal(new ControlCommand.SetPriority("VI_1", 9), ControlPeer.unknown())
                .endsWith("request came from a peer whose uid could not be read"));
        assertNull(auth.refusal(new ControlCommand.Status(true), new ControlPeer(1001, 1)));
        assertNull(auth.refusal(new ControlCommand.Status(false), ControlPeer.unknown()));
    }
}
