package org.vrrp.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes small /bin/sh scripts for the tests. */
final class Scripts {
    private Scripts() {}

    /** An executable {@code #!/bin/sh} script named {@code name} in {@code dir} with {@code body}. */
    static Path write(Path dir, String name, String body) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** True while a process with this pid exists and has not terminated. */
    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
