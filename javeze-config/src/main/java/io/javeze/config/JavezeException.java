package io.javeze.config;

/**
 * A problem the user can fix: bad configuration, a missing package, a rejected flag.
 * The message is one line that names what is wrong and where; the CLI prints it without a stack trace.
 */
public class JavezeException extends RuntimeException {
    public JavezeException(String message) {
        super(message);
    }

    public JavezeException(String message, Throwable cause) {
        super(message, cause);
    }
}
