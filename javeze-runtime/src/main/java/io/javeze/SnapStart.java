package io.javeze;

/**
 * Lambda SnapStart for one function, on {@link Route#snapStart()}, {@link Auth#snapStart()} and
 * {@link Subscriber#snapStart()}: {@code ON} or {@code OFF} override javeze.toml's {@code [lambda] snap_start};
 * {@code DEFAULT} follows it.
 */
public enum SnapStart {
    /** Follow javeze.toml's {@code [lambda] snap_start} (off unless set). */
    DEFAULT,
    /** Published versions of this function are snapshotted after init and restored on cold starts. */
    ON,
    /** Never SnapStart this function, whatever javeze.toml says. */
    OFF
}
