package io.javeze.function;

/** What to do with the function URL: {@code --enable-function-url}, {@code --disable-function-url}, or neither. */
public enum FunctionUrlChange {
    ENABLE,
    DISABLE,
    KEEP
}
