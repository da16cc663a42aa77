package io.javeze.processor;

import io.javeze.config.AppResource;
import io.javeze.config.JavezeConfig;
import io.javeze.config.JavezeException;
import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.ManifestStore;
import io.javeze.config.openapi.OpenApiDocument;
import io.javeze.config.openapi.OpenApiRoute;
import io.javeze.processor.Model.Function;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;

/**
 * javeze's annotation processor: validates {@code @Route}, {@code @Auth}, {@code @Subscriber}, {@code @Schedule} and {@code @Publisher}
 * methods, generates one Lambda handler class per function ({@code <package>.javeze.<Name>Function}) and writes
 * {@code .javeze/manifest.json} when the project has a {@code javeze.toml}.
 */
public final class JavezeProcessor extends AbstractProcessor {
    private static final List<String> ANNOTATIONS = List.of(
            "io.javeze.Route", "io.javeze.Auth", "io.javeze.Subscriber", "io.javeze.Schedule", "io.javeze.Publisher",
            "io.javeze.Publishers");
    private static final List<String> FUNCTION_ANNOTATIONS = List.of("io.javeze.Route", "io.javeze.Auth", "io.javeze.Subscriber",
            "io.javeze.Schedule");
    private static final String PRIME = "io.javeze.Prime";

    private final List<Function> functions = new ArrayList<>();
    private final Set<String> seenMethods = new LinkedHashSet<>();
    /** Every type whose source javac compiles in this run, nested ones included. */
    private final Set<String> compiledTypes = new LinkedHashSet<>();
    /** {@code [http] openapi}: decided in the first round, where the route's handler class is generated. */
    private Boolean openApi;
    private final Map<String, List<String>> uses = new java.util.HashMap<>();
    private Map<String, AppResource> declared;
    private boolean checkResources;
    private Problems problems;
    private MethodAnalyzer analyzer;
    private AppValidator validator;
    private PrimeValidator primes;

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        problems = new Problems(env.getMessager());
        analyzer = new MethodAnalyzer(env, problems);
        validator = new AppValidator(problems, env.getElementUtils());
        primes = new PrimeValidator(problems, env.getElementUtils(), env.getTypeUtils());
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        Set<String> supported = new LinkedHashSet<>(ANNOTATIONS);
        supported.add(PRIME);
        return supported;
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(ProjectLocator.OPTION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (openApi == null) openApi = startOpenApi();
        for (Element root : round.getRootElements()) collectTypes(root);
        List<Function> added = new ArrayList<>();
        for (ExecutableElement method : annotatedMethods(round)) {
            Function f = analyzer.analyze(method);
            if (f != null) added.add(f);
        }
        TypeElement prime = processingEnv.getElementUtils().getTypeElement(PRIME);
        if (prime != null) {
            for (Element element : round.getElementsAnnotatedWith(prime)) {
                if (element.getKind() == ElementKind.METHOD) primes.check((ExecutableElement) element, FUNCTION_ANNOTATIONS);
            }
        }
        List<Function> accepted = validator.unique(functions, added);
        for (Function f : accepted) {
            generate(f);
        }
        functions.addAll(accepted);
        // checked in the round that compiled the element, so the error points at its source line
        UsesAnalyzer.collect(accepted, declaredResources(), problems, uses);
        if (round.processingOver()) {
            finish();
        }
        return false;
    }

    /** Whether javeze.toml turns {@code GET /openapi.json} on; if so, its handler class is generated now. */
    private boolean startOpenApi() {
        Path projectDir = ProjectLocator.locate(processingEnv.getOptions().get(ProjectLocator.OPTION), processingEnv.getFiler());
        if (projectDir == null) return false;
        boolean on;
        try {
            on = io.javeze.config.JavezeConfig.load(projectDir).openApi();
        } catch (JavezeException e) {
            return false; // finish() reports the configuration's problem once
        }
        if (!on) return false;
        String name = OpenApiRoute.HANDLER_CLASS;
        int dot = name.lastIndexOf('.');
        try (Writer writer = processingEnv.getFiler().createSourceFile(name).openWriter()) {
            writer.write("package " + name.substring(0, dot) + ";\n\n"
                    + "/** GET " + OpenApiRoute.PATH + " ([http] openapi = true in javeze.toml). Generated by javeze. */\n"
                    + "@javax.annotation.processing.Generated(\"io.javeze.processor.JavezeProcessor\")\n"
                    + "public final class " + name.substring(dot + 1) + " extends io.javeze.runtime.OpenApiHandler {}\n");
        } catch (IOException e) {
            problems.error("cannot write generated handler " + name + ": " + e.getMessage());
        }
        return true;
    }

    /** The manifest with {@code GET /openapi.json}, and its document written to the class output; null after an error. */
    private Manifest withOpenApi(Manifest manifest) {
        Manifest served = OpenApiRoute.addTo(manifest);
        if (served == null) {
            problems.error("javeze.toml: [http] openapi = true adds the function '" + OpenApiRoute.FUNCTION + "' serving "
                    + OpenApiRoute.ROUTE_KEY + ", but the app has a function or route of that name already; rename it or drop the key");
            return null;
        }
        try {
            var file = processingEnv.getFiler().createResource(javax.tools.StandardLocation.CLASS_OUTPUT, "", OpenApiRoute.RESOURCE);
            try (Writer writer = file.openWriter()) {
                writer.write(OpenApiDocument.toJson(OpenApiDocument.of(served)));
            }
        } catch (IOException e) {
            problems.error("cannot write " + OpenApiRoute.RESOURCE + ": " + e.getMessage());
            return null;
        }
        return served;
    }

    /** javeze.toml's {@code [resources]}, or null when there is no readable javeze.toml (finish reports why). */
    private Map<String, AppResource> declaredResources() {
        if (declared == null) {
            Path projectDir = ProjectLocator.locate(processingEnv.getOptions().get(ProjectLocator.OPTION), processingEnv.getFiler());
            try {
                declared = projectDir == null ? Map.of() : JavezeConfig.load(projectDir).permissions().resources();
                checkResources = projectDir != null;
            } catch (JavezeException e) {
                declared = Map.of();
            }
        }
        return checkResources ? declared : null;
    }

    private void collectTypes(Element element) {
        if (!(element instanceof TypeElement type)) return;
        compiledTypes.add(type.getQualifiedName().toString());
        for (Element enclosed : type.getEnclosedElements()) collectTypes(enclosed);
    }

    /** Methods carrying any javeze annotation, each once, in a stable order. */
    private List<ExecutableElement> annotatedMethods(RoundEnvironment round) {
        List<ExecutableElement> methods = new ArrayList<>();
        for (String name : ANNOTATIONS) {
            TypeElement annotation = processingEnv.getElementUtils().getTypeElement(name);
            if (annotation == null) continue;
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                if (element.getKind() != ElementKind.METHOD) continue;
                ExecutableElement method = (ExecutableElement) element;
                String key = method.getEnclosingElement() + "#" + method;
                if (seenMethods.add(key)) methods.add(method);
            }
        }
        methods.sort(Comparator.comparing((ExecutableElement m) -> m.getEnclosingElement().toString()).thenComparing(Object::toString));
        return methods;
    }

    private void generate(Function f) {
        try {
            JavaFileObject file = processingEnv.getFiler().createSourceFile(f.generatedClass(), f.method());
            try (Writer writer = file.openWriter()) {
                writer.write(HandlerWriter.write(f));
            }
        } catch (IOException e) {
            problems.error(f.method(), "cannot write generated handler " + f.generatedClass() + ": " + e.getMessage());
        }
    }

    private void finish() {
        Path projectDir = ProjectLocator.locate(processingEnv.getOptions().get(ProjectLocator.OPTION), processingEnv.getFiler());
        Manifest existing = projectDir == null ? null : ManifestBuilder.existing(projectDir);
        Set<String> seenNames = new HashSet<>();
        functions.forEach(f -> seenNames.add(f.name()));
        List<FunctionSpec> kept = IncrementalManifest.kept(existing, compiledTypes, seenNames, processingEnv.getElementUtils());
        Map<String, String> authorizers = validator.resolveAuthorizers(functions, IncrementalManifest.authorizers(kept));
        if (projectDir == null) {
            if (!functions.isEmpty()) {
                problems.note("javeze: no javeze.toml found above the class output and no -A" + ProjectLocator.OPTION
                        + " option; generated " + functions.size() + " handler(s) but wrote no manifest");
            }
            return;
        }
        if (problems.errors() > 0) return;
        try {
            JavezeConfig config = JavezeConfig.load(projectDir);
            var built = ManifestBuilder.build(config.serviceName(), functions, authorizers, analyzer.schemas().components(),
                    ManifestBuilder.existingDeployed(projectDir));
            built = UsesAnalyzer.apply(built, uses);
            var manifest = IncrementalManifest.merge(built, existing, kept, analyzer.schemas());
            if (problems.errors() > 0) return;
            if (Boolean.TRUE.equals(openApi)) manifest = withOpenApi(manifest);
            if (manifest == null) return;
            config.checkFunctionNames(manifest.functions().stream().map(FunctionSpec::name).toList());
            ManifestBuilder.write(projectDir, manifest);
            problems.note("javeze: wrote " + ManifestStore.path(projectDir) + " (" + manifest.functions().size() + " functions"
                    + (kept.isEmpty() ? "" : ", " + kept.size() + " of them from classes not compiled in this run") + ")");
        } catch (JavezeException e) {
            problems.error(e.getMessage());
        }
    }
}
