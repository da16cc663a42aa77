package io.javeze.deploy.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link DeployProcess} in a JVM of its own with the CLI launcher's flags and {@code -Xmx256m}, timed from its
 * launch to its exit, with its output kept. (ScaleBenchmark launches its own the same way; it can use this one.)
 */
final class DeployLaunch {
    private DeployLaunch() {}

    /**
     * @param wall   seconds from launching the JVM to its exit
     * @param main   seconds in its main(), or -1 when it failed
     * @param output every line it printed but the result line
     */
    record Result(int exit, double wall, double main, int calls, int writes, int steps, int chain, long sent, long rssKb,
                  List<String> output) {
        boolean ok() {
            return exit == 0 && main >= 0;
        }

        /** Its last line that names an error, for a one-line report of a failed deploy. */
        String error() {
            for (int i = output.size() - 1; i >= 0; i--) {
                String line = output.get(i);
                if (line.contains("Exception") || line.toLowerCase(java.util.Locale.ROOT).contains("error")) return line.strip();
            }
            return output.isEmpty() ? "exit " + exit : output.get(output.size() - 1).strip();
        }
    }

    static Result run(String endpoint, Path app, String... jvmArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx256m"));
        command.addAll(List.of(jvmArgs));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DeployProcess.class.getName(), endpoint, app.toString()));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("result ")) result = line;
                else output.add(line);
            }
        }
        int exit = p.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        if (result == null) return new Result(exit, wall, -1, 0, 0, 0, 0, 0, 0, output);
        String[] r = result.split(" ");
        return new Result(exit, wall, Double.parseDouble(r[1]), Integer.parseInt(r[2]), Integer.parseInt(r[3]), Integer.parseInt(r[4]),
                Integer.parseInt(r[5]), Long.parseLong(r[6]), Long.parseLong(r[7]), output);
    }
}
