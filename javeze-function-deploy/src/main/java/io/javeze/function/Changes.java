package io.javeze.function;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Records each change a deploy makes, and with --dry-run records it without making it. */
final class Changes {
    private final boolean dryRun;
    private final Consumer<String> progress;
    private final List<String> made = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    Changes(boolean dryRun, Consumer<String> progress) {
        this.dryRun = dryRun;
        this.progress = progress;
    }

    boolean dryRun() {
        return dryRun;
    }

    void apply(String description, Runnable action) {
        made.add(description);
        if (!dryRun) {
            progress.accept(description);
            action.run();
        }
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    List<String> made() {
        return made;
    }

    List<String> warnings() {
        return warnings;
    }
}
