package io.javeze.deploy.packages;

import io.javeze.config.JavezeException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Checks a function's package before deploy makes its first change: the one place that decides whether a zip may be
 * deployed (a shared package validator can replace {@link #ZIP} here). A bad package is a one-line error naming it.
 */
@FunctionalInterface
public interface PackageValidator {
    /** @param handler the Lambda handler, {@code pkg.Class::method}; its class must be in the package */
    void validate(Path zip, String handler);

    /** A readable, non-empty zip with no absolute or {@code ..} entry names, holding the handler's class. */
    PackageValidator ZIP = (zip, handler) -> {
        String handlerClass = handler.split("::", 2)[0].replace('.', '/') + ".class";
        boolean found = false;
        int entries = 0;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                entries++;
                String normalized = name.replace('\\', '/');
                if (normalized.startsWith("/") || normalized.matches("^[A-Za-z]:.*")
                        || ("/" + normalized + "/").contains("/../")) {
                    throw new JavezeException(zip + ": entry \"" + name + "\" would be unpacked outside the function's directory; run `javeze build` again");
                }
                if (normalized.equals(handlerClass)) found = true;
            }
        } catch (ZipException e) {
            throw new JavezeException(zip + ": not a readable zip (" + e.getMessage() + "); run `javeze build` again", e);
        } catch (IOException e) {
            throw new JavezeException(zip + ": cannot read package: " + e.getMessage(), e);
        }
        if (entries == 0) throw new JavezeException(zip + ": the package is empty; run `javeze build` again");
        if (!found) throw new JavezeException(zip + ": has no class " + handlerClass + " for handler " + handler + "; run `javeze build` again");
    };
}
