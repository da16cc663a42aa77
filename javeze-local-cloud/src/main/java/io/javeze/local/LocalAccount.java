package io.javeze.local;

/** The fixed identity of the local cloud. */
public final class LocalAccount {
    public static final String ID = "000000000000";

    private LocalAccount() {}
}
