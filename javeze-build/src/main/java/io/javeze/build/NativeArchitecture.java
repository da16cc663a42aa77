package io.javeze.build;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/** Reads the machine an ELF shared library is built for from its header. */
public final class NativeArchitecture {
    public static final String X86_64 = "x86_64";
    public static final String ARM64 = "arm64";

    private static final int EM_X86_64 = 62;
    private static final int EM_AARCH64 = 183;
    private static final int HEADER_BYTES = 20;

    private NativeArchitecture() {}

    /** True for names a native library loader would load: {@code libx.so}, {@code libx.so.1}. */
    public static boolean isSharedLibraryName(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.endsWith(".so") || name.contains(".so.");
    }

    /**
     * The Lambda architecture of an ELF file, or empty when the bytes are not ELF or are for a machine Lambda
     * does not run (32-bit ARM, i386, ...); such files cannot decide a package's architecture.
     */
    public static Optional<String> ofElf(byte[] file) {
        if (file.length < HEADER_BYTES || file[0] != 0x7f || file[1] != 'E' || file[2] != 'L' || file[3] != 'F') {
            return Optional.empty();
        }
        ByteOrder order = file[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int machine = Short.toUnsignedInt(ByteBuffer.wrap(file, 18, 2).order(order).getShort());
        return switch (machine) {
            case EM_X86_64 -> Optional.of(X86_64);
            case EM_AARCH64 -> Optional.of(ARM64);
            default -> Optional.empty();
        };
    }
}
