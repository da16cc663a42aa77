package io.javeze.processor;

import io.javeze.config.manifest.FunctionKind;
import io.javeze.config.manifest.ParameterSpec;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** What the processor learned about the application's annotated methods. */
final class Model {
    private Model() {}

    /**
     * One function: an annotated method and the handler class generated for it.
     *
     * @param annotation the @Route/@Auth/@Subscriber mirror, where errors about the function point
     * @param arguments  one entry per method parameter, in order
     * @param call       how the generated code turns the method's result into the handler's answer
     */
    record Function(
            String name,
            FunctionKind kind,
            ExecutableElement method,
            AnnotationMirror annotation,
            TypeElement owner,
            Integer memorySize,
            Integer timeout,
            List<String> publishes,
            List<Argument> arguments,
            ResultKind result,
            String resultType,
            Route route,
            Authorizer authorizer,
            Subscription subscription,
            Boolean snapStart,
            io.javeze.config.manifest.ScheduleSpec schedule) {

        String generatedPackage() {
            String pkg = packageOf(owner);
            return pkg.isEmpty() ? "javeze" : pkg + ".javeze";
        }

        String generatedSimpleName() {
            StringBuilder out = new StringBuilder();
            for (String part : name.split("[-_]+")) {
                if (part.isEmpty()) continue;
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
            if (out.length() == 0 || !Character.isJavaIdentifierStart(out.charAt(0))) out.insert(0, 'F');
            return out + "Function";
        }

        String generatedClass() {
            return generatedPackage() + "." + generatedSimpleName();
        }

        String handler() {
            return generatedClass() + "::handleRequest";
        }

        String source() {
            return owner.getQualifiedName() + "#" + method.getSimpleName();
        }

        boolean isStatic() {
            return method.getModifiers().contains(javax.lang.model.element.Modifier.STATIC);
        }

        private static String packageOf(TypeElement type) {
            javax.lang.model.element.Element e = type;
            while (!(e instanceof javax.lang.model.element.PackageElement)) e = e.getEnclosingElement();
            return ((javax.lang.model.element.PackageElement) e).getQualifiedName().toString();
        }
    }

    /**
     * A method parameter and the Java expression that produces it in the generated handler.
     *
     * @param spec null for parameters the manifest does not describe (subscriber messages are described by the topic)
     */
    record Argument(String javaName, String type, String expression, ParameterSpec spec) {}

    enum ResultKind { VOID, TEXT, JSON, BYTES, RESPONSE, OPTIONAL_TEXT, OPTIONAL_JSON, OPTIONAL_BYTES, OPTIONAL_RESPONSE,
        AUTH_RESULT, AUTH_BOOLEAN }

    /**
     * @param auth          {@code auth = true}
     * @param authorizerRef the {@code authorizer} attribute, empty if not given
     * @param authContext   whether a parameter reads the authorizer context
     * @param response      what a success answers, for the manifest
     */
    record Route(String method, PathTemplate path, boolean auth, String authorizerRef, boolean authContext,
                 io.javeze.config.manifest.ResponseSpec response) {
        String routeKey() {
            return method + " " + path.path();
        }
    }

    record Authorizer(List<String> identitySources, int resultTtlSeconds) {}

    record Subscription(String topic, String messageType, int batchSize, int maxReceiveCount) {}
}
