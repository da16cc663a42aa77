package io.javeze.local.exec;

import java.nio.file.Path;

/**
 * The isolation in force for function instances, found once at start-up.
 *
 * @param bubblewrap the {@code bwrap} executable, or null when functions run unsandboxed
 * @param version    bubblewrap's version, e.g. {@code 0.8.0}
 * @param modern     bubblewrap 0.8 or newer: {@code /tmp} capped at Lambda's 512 MB, no nested user namespaces
 * @param reason     why there is no sandbox (null when there is one)
 */
public record Isolation(Path bubblewrap, String version, boolean modern, String reason) {

    public static Isolation sandboxed(Path bubblewrap, String version, boolean modern) {
        return new Isolation(bubblewrap, version, modern, null);
    }

    public static Isolation none(String reason) {
        return new Isolation(null, null, false, reason);
    }

    public boolean sandboxed() {
        return bubblewrap != null;
    }

    /** One line for {@code javeze local status}. */
    public String describe() {
        if (sandboxed()) {
            return "bubblewrap " + version + " (read-only /var/task and /opt, private /tmp"
                    + (modern ? " of 512 MB" : "") + ", no host files)";
        }
        return "none - functions run as " + System.getProperty("user.name") + " and can read and write your files ("
                + reason + ")";
    }

    /** The start-up warning when functions are not sandboxed, naming what is not isolated. */
    public String warning() {
        return sandboxed() ? null : "warning: functions are not sandboxed (" + reason + "): they run as "
                + System.getProperty("user.name") + " and can read your files, the local cloud's state (other functions' "
                + "code and environment variables) and write anywhere you can";
    }
}
