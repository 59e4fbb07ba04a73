package org.vrrp.linux.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The JUnit extension behind {@link RequiresRoot}. When something is missing the class is disabled with
 * the reason (reported as skipped), unless {@value #REQUIRED_PROPERTY} is true: then the class is
 * enabled and fails in {@code beforeAll} with the same reason.
 */
public final class RootGate implements ExecutionCondition, BeforeAllCallback {
    /** System property that turns a skip into a failure. */
    public static final String REQUIRED_PROPERTY = "vrrp.it.required";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String missing = missing(context);
        if (missing.isEmpty() || required()) {
            return ConditionEvaluationResult.enabled("root and tools present, or integration tests required");
        }
        return ConditionEvaluationResult.disabled(describe(context, missing) + "; skipped (set -D"
                + REQUIRED_PROPERTY + "=true to make this a failure)");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String missing = missing(context);
        if (!missing.isEmpty()) {
            throw new AssertionError(describe(context, missing) + " (failing instead of skipping because -D"
                    + REQUIRED_PROPERTY + "=true)");
        }
    }

    private static boolean required() {
        return Boolean.parseBoolean(System.getProperty(REQUIRED_PROPERTY, "false"));
    }

    private static String describe(ExtensionContext context, String missing) {
        return context.getRequiredTestClass().getSimpleName() + " needs " + missing;
    }

    private static String missing(ExtensionContext context) {
        RequiresRoot annotation = context.getRequiredTestClass().getAnnotation(RequiresRoot.class);
        return missing(annotation == null ? new String[0] : annotation.tools());
    }
    /** What is missing, as a phrase, or the empty string. */
    static String missing(String... tools) {
        List<String> missing = new ArrayList<>();
        if (!isRoot()) {
            missing.add("root (network namespaces and raw sockets): run the build as root, e.g. in CI or a VM");
        }
        List<String> required = new ArrayList<>(List.of("ip"));
        required.addAll(List.of(tools));
        for (String tool : required) {
            if (!Command.onPath(tool)) {
                missing.add("`" + tool + "` on the PATH (apt-get install -y " + packageOf(tool) + ")");
            }
        }
        return String.join(" and ", missing);
    }

    private static String packageOf(String tool) {
        return switch (tool) {
            case "ip" -> "iproute2";
            case "ping" -> "iputils-ping";
            case "nft" -> "nftables";
            default -> tool;
        };
    }

    /** Effective uid 0, read from /proc so no native code is needed to decide whether to skip. */
    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] fields = line.substring(4).trim().split("\\s+");
                    return fields.length > 1 && fields[1].equals("0");
                }
            }
        } catch (IOException e) {
            return false; // no /proc: not Linux, so not runnable either
        }
        return false;
    }
}
