package io.javeze.cli.logs;

import java.io.PrintWriter;
import java.util.Collection;

/** Prints log lines as {@code function | message}, labels padded so that messages line up. */
public final class LinePrinter {
    private final PrintWriter out;
    private int width;

    public LinePrinter(PrintWriter out, Collection<String> labels) {
        this.out = out;
        labels.forEach(this::widen);
    }

    public void widen(String label) {
        width = Math.max(width, Math.min(label.length(), 24));
    }

    public void print(LogFollower.Line line) {
        print(line.label(), line.message());
    }

    public void print(String label, String message) {
        synchronized (out) {
            out.printf("%-" + Math.max(width, 1) + "s | %s%n", label, message);
            out.flush();
        }
    }
}
