package org.vrrp.examples.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keepalived.conf templates of {@code vrrp-examples/scenarios/conf/}, filled in: the integration
 * tests run the very files the scenario scripts run, so a config change is tested both ways.
 */
public final class ScenarioConf {
    private static final Pattern PLACEHOLDER = Pattern.compile("@[A-Z]+@");

    private ScenarioConf() {}

    /** The vrrp-examples module directory (failsafe runs in it; {@code basedir} when Maven sets it). */
    public static Path moduleDir() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }

    /** {@code template} with every {@code @KEY@} replaced; fails on a placeholder left unfilled. */
    public static String fill(String template, Map<String, String> values) {
        String text;
        try {
            text = Files.readString(moduleDir().resolve("scenarios/conf").resolve(template));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace("@" + e.getKey() + "@", e.getValue());
        }
        Matcher left = PLACEHOLDER.matcher(text);
        if (left.find()) {
            throw new IllegalArgumentException(template + ": " + left.group() + " not filled in");
        }
        return text;
    }
}
