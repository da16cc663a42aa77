package io.javeze.local.exec;

import io.javeze.config.JavezeException;
import java.util.Locale;

/** How function instances are isolated from the host: {@code --isolation auto|bubblewrap|none}. */
public enum IsolationMode {
    /** A bubblewrap sandbox where one works, else unsandboxed with a warning at start-up. */
    AUTO,
    /** A bubblewrap sandbox, or the local cloud refuses to start. */
    BUBBLEWRAP,
    /** Unsandboxed: functions run as the user, with the user's view of the files (benchmarks, debugging). */
    NONE;

    public static IsolationMode parse(String value, String where) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new JavezeException(where + ": unknown isolation '" + value + "' (auto, bubblewrap or none)");
        }
    }
}
