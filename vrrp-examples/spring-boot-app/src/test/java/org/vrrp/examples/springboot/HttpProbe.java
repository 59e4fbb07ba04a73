package org.vrrp.examples.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client of {@link SpringBootFailoverIT}, run in its own namespace: {@code GET url} every
 * {@code intervalMillis} (one at a time, a new connection each, as a fresh client would), until the
 * file {@code stopFile} exists. A request fails on any exception (refused, reset, 5 s connect or read
 * timeout) or a status other than 200. Prints each change of the answering host and each failure as
 * it happens, and each answer that comes more than 50 ms after the previous one, then one summary line:
 *
 * <pre>summary requests=N failed=N longest_gap_ms=X slowest_ms=X answers=a:N,b:N</pre>
 *
 * where the longest gap is the longest time between two consecutive successful answers, and the
 * slowest request is the slowest after the first (which pays for the probe's own cold start).
 */
public final class HttpProbe {
    private HttpProbe() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("http.keepAlive", "false");
        URI uri = URI.create(args[0]);
        Path stopFile = Path.of(args[1]);
        long intervalNanos = Long.parseLong(args[2]) * 1_000_000L;
        long start = System.nanoTime();
        long requests = 0;
        long failed = 0;
        long lastSuccess = -1;
        long longestGap = 0;
        long slowest = 0;
        String lastAnswer = null;
        Map<String, Long> answers = new TreeMap<>();
        long next = System.nanoTime();
        while (!Files.exists(stopFile)) {
            long sent = System.nanoTime();
            requests++;
            try {
                String answer = get(uri);
                long done = System.nanoTime();
                if (requests > 1) { // the first one pays for the probe's own cold start
                    slowest = Math.max(slowest, done - sent);
                }
                if (lastSuccess >= 0) {
                    longestGap = Math.max(longestGap, done - lastSuccess);
                    if (done - lastSuccess > 50_000_000L) {
                        System.out.printf("+%d ms answered by %s %.1f ms after the previous answer (request %d took"
                                + " %.1f ms)%n", (done - start) / 1_000_000, answer, (done - lastSuccess) / 1e6,
                                requests, (done - sent) / 1e6);
                    }
                }
                lastSuccess = done;
                answers.merge(answer, 1L, Long::sum);
                if (!answer.equals(lastAnswer)) {
                    System.out.printf("+%d ms answered by %s (request %d took %.1f ms)%n", (done - start) / 1_000_000,
                            answer, requests, (done - sent) / 1e6);
                    lastAnswer = answer;
                }
            } catch (IOException | RuntimeException e) {
                failed++;
                System.out.printf("+%d ms FAILED request %d after %.1f ms: %s%n", (System.nanoTime() - start) / 1_000_000,
                        requests, (System.nanoTime() - sent) / 1e6, e);
            }
            System.out.flush();
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } else {
                next = System.nanoTime();
            }
        }
        StringBuilder counts = new StringBuilder();
        answers.forEach((k, v) -> counts.append(counts.length() == 0 ? "" : ",").append(k).append(':').append(v));
        System.out.printf("summary requests=%d failed=%d longest_gap_ms=%.1f slowest_ms=%.1f answers=%s%n", requests,
                failed, longestGap / 1e6, slowest / 1e6, counts);
    }

    private static String get(URI uri) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout(5_000);
        c.setReadTimeout(5_000);
        try {
            int status = c.getResponseCode();
            if (status != 200) {
                throw new IOException("HTTP " + status);
            }
            try (InputStream in = c.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
        } finally {
            c.disconnect();
        }
    }
}
