package io.javeze.function;

import io.javeze.config.JavezeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The javeze-maven-plugin's {@code deploy-function} settings in a project's pom.xml, for {@code javeze function
 * deploy}, as cargo-lambda reads {@code [package.metadata.lambda.deploy]} from Cargo.toml: the plugin's
 * {@code <configuration>} (plugin level, then a {@code deploy-function} execution's, which wins), then the POM's
 * {@code javeze.*} properties. Flags win over both; {@link #applyTo} fills only what the user did not give.
 */
public final class PomConfiguration {
    private static final String PLUGIN = "javeze-maven-plugin";
    private static final Set<String> MAPS = Set.of("env", "tags");
    private static final Set<String> LISTS = Set.of("layers", "compatibleRuntimes", "include");
    private static final Set<String> TEXT = Set.of("name", "zip", "handler", "role", "memory", "timeout", "runtime", "tracing",
            "snapStart", "dependencyLayer", "envFile", "mergeEnv", "enableFunctionUrl", "disableFunctionUrl", "description", "alias", "logRetention", "s3Bucket",
            "s3Key", "extension", "internal", "subnetIds", "securityGroupIds", "retryAttempts", "dryRun", "output", "region", "profile", "endpointUrl", "local");
    /** Settings of the plugin's other goals, which may share the plugin-level configuration. */
    private static final Set<String> OTHER_GOALS = Set.of("skip", "concurrency", "deleteLogs");
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private final Path pom;
    private final Map<String, String> text = new HashMap<>();
    private final Map<String, Map<String, String>> maps = new HashMap<>();
    private final Map<String, List<String>> lists = new HashMap<>();

    private PomConfiguration(Path pom) {
        this.pom = pom;
    }

    /** The settings in {@code projectDir/pom.xml}; none when there is no pom.xml or it does not use the plugin. */
    public static PomConfiguration read(Path projectDir) {
        Path pom = (projectDir == null ? Path.of("") : projectDir).resolve("pom.xml");
        PomConfiguration settings = new PomConfiguration(pom);
        if (!Files.isRegularFile(pom)) {
            return settings;
        }
        Element project = parse(pom).getDocumentElement();
        Map<String, String> properties = new HashMap<>();
        for (String key : List.of("groupId", "artifactId", "version")) {
            Element e = child(project, key);
            if (e != null) properties.put("project." + key, e.getTextContent().trim());
        }
        properties.put("project.basedir", pom.toAbsolutePath().getParent().toString());
        properties.put("basedir", properties.get("project.basedir"));
        Element props = child(project, "properties");
        for (Element p : children(props)) {
            properties.put(p.getTagName(), p.getTextContent().trim());
        }
        for (var p : properties.entrySet()) {
            String name = p.getKey().startsWith("javeze.") ? p.getKey().substring("javeze.".length()) : null;
            if (name != null && (TEXT.contains(name) || MAPS.contains(name) || LISTS.contains(name))) {
                settings.set(name, settings.resolve(p.getValue(), properties, "<" + p.getKey() + ">"), true);
            }
        }
        for (String section : List.of("pluginManagement", "")) {
            Element build = child(project, "build");
            Element plugins = section.isEmpty() ? child(build, "plugins") : child(child(build, section), "plugins");
            for (Element plugin : children(plugins)) {
                Element artifact = child(plugin, "artifactId");
                if (artifact == null || !PLUGIN.equals(artifact.getTextContent().trim())) {
                    continue;
                }
                settings.configure(child(plugin, "configuration"), properties);
                for (Element execution : children(child(plugin, "executions"))) {
                    boolean deployFunction = children(child(execution, "goals")).stream()
                            .anyMatch(g -> "deploy-function".equals(g.getTextContent().trim()));
                    if (deployFunction) {
                        settings.configure(child(execution, "configuration"), properties);
                    }
                }
            }
        }
        return settings;
    }

    private void configure(Element configuration, Map<String, String> properties) {
        for (Element setting : children(configuration)) {
            String name = setting.getTagName();
            String where = "<" + name + "> in the " + PLUGIN + " configuration";
            if (MAPS.contains(name)) {
                Map<String, String> map = new LinkedHashMap<>();
                for (Element entry : children(setting)) {
                    map.put(entry.getTagName(), resolve(entry.getTextContent().trim(), properties, where));
                }
                maps.put(name, map);
                text.remove(name);
            } else if (LISTS.contains(name)) {
                List<String> list = new ArrayList<>();
                for (Element item : children(setting)) {
                    list.add(resolve(item.getTextContent().trim(), properties, where));
                }
                if (list.isEmpty() && !setting.getTextContent().isBlank()) {
                    list.add(resolve(setting.getTextContent().trim(), properties, where));
                }
                lists.put(name, list);
                text.remove(name);
            } else if (TEXT.contains(name)) {
                set(name, resolve(setting.getTextContent().trim(), properties, where), false);
            } else if (!OTHER_GOALS.contains(name)) {
                throw new JavezeException(pom + ": " + where + " is not a deploy-function setting");
            }
        }
    }

    /** @param property a {@code javeze.*} property: the map and list forms are the flags' comma-separated text */
    private void set(String name, String value, boolean property) {
        if (property && MAPS.contains(name)) {
            Map<String, String> map = new LinkedHashMap<>();
            for (String pair : value.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new JavezeException(pom + ": <javeze." + name + "> must be K=V[,K=V...], got \"" + value + "\"");
                }
                map.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
            maps.put(name, map);
        } else if (property && LISTS.contains(name)) {
            lists.put(name, List.of(value));
        } else {
            text.put(name, value);
        }
    }

    private String resolve(String value, Map<String, String> properties, String where) {
        Matcher m = PROPERTY.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String resolved = properties.get(m.group(1));
            if (resolved == null || resolved.contains("${")) {
                throw new JavezeException(pom + ": " + where + ": cannot resolve ${" + m.group(1) + "} (only the POM's own"
                        + " <properties> and project.groupId/artifactId/version/basedir are read; pass the value as a flag)");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        return m.appendTail(out).toString();
    }

    /** Fills in every setting the user's flags left unset. */
    public void applyTo(FunctionDeployOptions o) {
        Path base = pom.toAbsolutePath().getParent();
        if (o.name == null) o.name = text.get("name");
        if (o.zip == null && text.containsKey("zip")) o.zip = base.resolve(text.get("zip"));
        if (o.handler == null) o.handler = text.get("handler");
        if (o.iamRole == null) o.iamRole = text.get("role");
        if (o.memory == null) o.memory = number("memory");
        if (o.timeout == null) o.timeout = number("timeout");
        if (o.runtime == null) o.runtime = text.get("runtime");
        if (o.tracing == null) o.tracing = text.get("tracing");
        if (o.snapStart == null && text.containsKey("snapStart")) o.snapStart = flag("snapStart");
        if (o.envVars == null && o.envVar.isEmpty() && maps.containsKey("env")) o.envVar = pairs(maps.get("env"));
        if (o.envFile == null && text.containsKey("envFile")) o.envFile = base.resolve(text.get("envFile"));
        o.mergeEnv |= flag("mergeEnv");
        if (o.tags == null && o.tag.isEmpty() && maps.containsKey("tags")) o.tag = pairs(maps.get("tags"));
        if (o.layers == null && lists.containsKey("layers")) o.layers = lists.get("layers");
        o.dependencyLayer |= flag("dependencyLayer");
        o.enableFunctionUrl |= flag("enableFunctionUrl");
        o.disableFunctionUrl |= flag("disableFunctionUrl");
        if (o.description == null) o.description = text.get("description");
        if (o.alias == null) o.alias = text.get("alias");
        if (o.logRetention == null) o.logRetention = number("logRetention");
        if (o.s3Bucket == null) o.s3Bucket = text.get("s3Bucket");
        if (o.s3Key == null) o.s3Key = text.get("s3Key");
        o.extension |= flag("extension");
        o.internal |= flag("internal");
        if (o.compatibleRuntimes.isEmpty() && lists.containsKey("compatibleRuntimes")) {
            o.compatibleRuntimes = new ArrayList<>(lists.get("compatibleRuntimes"));
        }
        if (o.include.isEmpty() && lists.containsKey("include")) {
            o.include = lists.get("include").stream().map(base::resolve).toList();
        }
        if (o.subnetIds == null) o.subnetIds = text.get("subnetIds");
        if (o.securityGroupIds == null) o.securityGroupIds = text.get("securityGroupIds");
        if (o.retryAttempts == null) o.retryAttempts = number("retryAttempts");
        o.dryRun |= flag("dryRun");
        if (o.outputFormat == null) o.outputFormat = text.get("output");
        // where the calls go is one choice: any target flag replaces all of the POM's (--profile with <local> would clash)
        if (o.region == null && o.profile == null && o.endpointUrl == null && !o.local) {
            o.region = text.get("region");
            o.profile = text.get("profile");
            o.endpointUrl = text.get("endpointUrl");
            o.local = flag("local");
        }
    }

    private Integer number(String name) {
        String value = text.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new JavezeException(pom + ": <" + name + "> must be a whole number, got \"" + value + "\"");
        }
    }

    private boolean flag(String name) {
        String value = text.get(name);
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.isEmpty() || value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new JavezeException(pom + ": <" + name + "> must be true or false, got \"" + value + "\"");
    }

    private static List<String> pairs(Map<String, String> map) {
        List<String> pairs = new ArrayList<>();
        map.forEach((k, v) -> pairs.add(k + "=" + v));
        return pairs;
    }

    private static Document parse(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // a POM has no DTD; refusing one keeps external entities out
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setNamespaceAware(false);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // fatal errors throw; nothing printed to stderr
            return builder.parse(pom.toFile());
        } catch (SAXParseException e) {
            throw new JavezeException(pom + ":" + e.getLineNumber() + ": not a well-formed POM: " + e.getMessage());
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new JavezeException(pom + ": cannot read: " + e.getMessage());
        }
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Element e : children(parent)) {
            if (e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }
}
