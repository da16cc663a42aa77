package io.javeze.cli.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javeze.build.permissions.FunctionGrants;
import io.javeze.config.manifest.ManifestStore;
import io.javeze.deploy.DeployReport;
import io.javeze.deploy.exec.StepListener;
import io.javeze.deploy.plan.Step;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** What deploy and remove print: progress as each change finishes, then the result as text or one JSON object. */
public final class Output {
    enum Format { text, json }

    private Output() {}

    /** Progress lines go to stdout for text and to stderr for JSON, which keeps stdout one JSON document. */
    public static StepListener progress(PrintWriter out) {
        return new StepListener() {
            @Override
            public void finished(Step step, Duration took) {
                synchronized (out) {
                    out.printf(Locale.ROOT, "  ✓ %s (%.1f s)%n", step.action().describe(), took.toMillis() / 1000.0);
                    out.flush();
                }
            }

            @Override
            public void failed(Step step, Throwable error) {
                synchronized (out) {
                    out.printf("  ✗ %s%n", step.action().describe());
                    out.flush();
                }
            }
        };
    }

    static void json(PrintWriter out, DeployReport report) {
        try {
            out.println(ManifestStore.json().writeValueAsString(report));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void plan(PrintWriter out, DeployReport report, String verb) {
        if (report.plan().isEmpty()) {
            out.println("No changes: " + verb + " would change nothing.");
        } else {
            out.println("Plan (" + report.plan().size() + " changes, nothing done: --dry-run):");
            report.plan().forEach(line -> out.println("  " + line));
        }
        permissions(out, report);
        out.flush();
    }

    /** Per function, what it is granted beyond logging, topics and queues, and why (call sites, javeze.toml lines). */
    static void permissions(PrintWriter out, DeployReport report) {
        List<FunctionGrants.Result> granted = report.permissions().stream().filter(g -> !g.statements().isEmpty()).toList();
        if (granted.isEmpty()) return;
        out.println("Permissions (beyond logging, topics and queues):");
        for (FunctionGrants.Result g : granted) {
            out.println("  " + g.function() + ":");
            for (FunctionGrants.Statement s : g.statements()) {
                out.println("    " + s.effect() + " " + String.join(", ", s.actions()) + " on " + String.join(", ", s.resources()));
                s.sources().forEach(source -> out.println("      from " + source));
            }
        }
    }

    /** Calls javeze could not scope to a declared resource: granted nothing, so they fail on AWS until declared. */
    static void warnings(PrintWriter err, DeployReport report) {
        report.warnings().forEach(w -> err.println("warning: " + w));
        err.flush();
    }

    public static void deployed(PrintWriter out, DeployReport report) {
        if (report.plan().isEmpty()) {
            out.println("No changes: everything is up to date.");
        }
        out.println();
        out.println("🚀 Deployment complete!");
        if (report.apiId() != null) {
            out.println("API Gateway ID: " + report.apiId());
            out.println("API URL: " + report.apiUrl());
            out.println();
            out.println("Available endpoints:");
            for (DeployReport.Endpoint e : report.endpoints()) {
                out.println("  " + e.method() + " " + e.path() + " -> " + e.url());
            }
        }
        out.flush();
    }
}
