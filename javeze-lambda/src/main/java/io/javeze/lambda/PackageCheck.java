package io.javeze.lambda;

import io.javeze.config.JavezeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * What every package must be before anything is written to AWS: a readable zip with at least one file, no entry that
 * would unpack outside the function's directory ({@code ../}, absolute paths, drive letters), no symbolic links, and,
 * for Java handlers, the handler's class at the package root or in a {@code lib/} jar. Both deployers call
 * {@link #verify} for every package before their first write.
 */
public final class PackageCheck {
    private PackageCheck() {}

    /**
     * @param handler {@code package.Class::method} or {@code package.Class}; null to skip the class check (custom runtimes)
     * @throws JavezeException one line naming the file and what is wrong with it
     */
    public static void verify(Path zip, String handler) {
        if (!Files.isRegularFile(zip)) {
            throw new JavezeException(zip + ": no such package file");
        }
        String handlerClass = handler == null ? null : classFile(handler);
        boolean found = handlerClass == null;
        int files = 0;
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            Enumeration<ZipArchiveEntry> entries = file.getEntries();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                String name = entry.getName();
                if (unsafe(name)) {
                    throw new JavezeException(zip + ": entry \"" + name + "\" would unpack outside the function's directory");
                }
                if (entry.isUnixSymlink()) {
                    throw new JavezeException(zip + ": entry \"" + name + "\" is a symbolic link; Lambda packages must hold real files");
                }
                if (entry.isDirectory()) {
                    continue;
                }
                files++;
                if (!found && name.equals(handlerClass)) {
                    found = true;
                } else if (!found && name.startsWith("lib/") && name.endsWith(".jar")) {
                    try (InputStream in = file.getInputStream(entry)) {
                        found = jarHolds(in, handlerClass);
                    }
                }
            }
        } catch (IOException e) {
            throw new JavezeException(zip + ": not a readable zip file (" + e.getMessage() + ")", e);
        }
        if (files == 0) {
            throw new JavezeException(zip + ": the package is empty");
        }
        if (!found) {
            throw new JavezeException(zip + ": handler " + handler + " not found: no " + handlerClass
                    + " at the package root or in a lib/ jar");
        }
    }

    static String classFile(String handler) {
        int method = handler.indexOf("::");
        String className = method >= 0 ? handler.substring(0, method) : handler;
        return className.replace('.', '/') + ".class";
    }

    static boolean unsafe(String name) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
            return true;
        }
        for (String part : n.split("/")) {
            if (part.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static boolean jarHolds(InputStream jar, String classFile) throws IOException {
        ZipArchiveInputStream in = new ZipArchiveInputStream(jar);
        ZipArchiveEntry entry;
        while ((entry = in.getNextEntry()) != null) {
            if (entry.getName().equals(classFile)) {
                return true;
            }
        }
        return false;
    }
}
