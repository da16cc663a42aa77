package io.javeze.local.exec;

/** A deployment package or layer that cannot be unpacked safely. */
final class InvalidPackageException extends Exception {
    InvalidPackageException(String message) {
        super(message);
    }
}
