package io.javeze.processor;

import io.javeze.Auth;
import io.javeze.Publisher;
import io.javeze.Route;
import io.javeze.Schedule;
import io.javeze.config.manifest.ScheduleSpec;
import io.javeze.config.schedule.ScheduleExpression;
import io.javeze.Subscriber;
import io.javeze.config.Naming;
import io.javeze.config.manifest.FunctionKind;
import io.javeze.processor.Model.Argument;
import io.javeze.processor.Model.Function;
import io.javeze.processor.Model.ResultKind;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Validates one annotated method and describes its function; every problem is reported on the offending element. */
final class MethodAnalyzer {
    static final String SIGV4_SIGNER = "software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner";
    static final String URL_CONNECTION_CLIENT = "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient";

    private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_-]{0,63}");
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,200}");
    private static final Pattern IDENTITY_SOURCE = Pattern.compile("\\$(request\\.(header|querystring)|context|stageVariables)\\.[^\\s]+");
    static final String REQUEST = "io.javeze.Request";
    static final String HTTP_EVENT = "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent";
    private static final String AUTH_EVENT = "com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent";
    static final String CONTEXT = "com.amazonaws.services.lambda.runtime.Context";
    private static final String AUTH_REQUEST = "io.javeze.AuthRequest";
    static final String AUTH_RESULT = "io.javeze.AuthResult";
    static final String RESPONSE = "io.javeze.Response";
    private static final String SCHEDULED_EVENT = "io.javeze.ScheduledEvent";

    private final Elements elements;
    private final Types types;
    private final JavaTypes javaTypes;
    private final Problems problems;
    private final RouteAnalyzer routes;
    private final JsonSchemas schemas;

    MethodAnalyzer(ProcessingEnvironment env, Problems problems) {
        this.elements = env.getElementUtils();
        this.types = env.getTypeUtils();
        this.javaTypes = new JavaTypes(types);
        this.problems = problems;
        this.schemas = new JsonSchemas(types, elements, problems);
        this.routes = new RouteAnalyzer(env, problems, javaTypes, this, schemas);
    }

    /** The JSON Schemas of the records and POJOs the analysed routes take and return. */
    JsonSchemas schemas() {
        return schemas;
    }

    /** The function the method defines, or null after reporting why it cannot be one. */
    Function analyze(ExecutableElement method) {
        Route route = method.getAnnotation(Route.class);
        Auth auth = method.getAnnotation(Auth.class);
        Subscriber subscriber = method.getAnnotation(Subscriber.class);
        Schedule schedule = method.getAnnotation(Schedule.class);
        int kinds = (route != null ? 1 : 0) + (auth != null ? 1 : 0) + (subscriber != null ? 1 : 0) + (schedule != null ? 1 : 0);
        if (kinds == 0) {
            problems.error(method, mirror(method, "io.javeze.Publisher"),
                    "@Publisher belongs on a @Route, @Subscriber or @Schedule method");
            return null;
        }
        if (kinds > 1) {
            problems.error(method, "a method can be only one of @Route, @Auth, @Subscriber and @Schedule");
            return null;
        }
        int before = problems.errors();
        checkCallable(method);
        if (route != null) return routes.analyze(method, route, before);
        if (auth != null) return auth(method, auth, before);
        if (schedule != null) return schedule(method, schedule, before);
        return subscriber(method, subscriber, before);
    }

    private Function auth(ExecutableElement method, Auth auth, int before) {
        AnnotationMirror mirror = mirror(method, "io.javeze.Auth");
        String name = functionName(method, mirror, auth.name());
        checkSizes(method, mirror, auth.memorySize(), auth.timeout());
        if (auth.identitySources().length == 0) {
            problems.error(method, mirror, "@Auth identitySources must name at least one source, e.g. \"$request.header.Authorization\"");
        }
        for (String source : auth.identitySources()) {
            if (!IDENTITY_SOURCE.matcher(source).matches()) {
                problems.error(method, mirror, "@Auth identity source \"" + source + "\" must look like $request.header.Name, "
                        + "$request.querystring.name, $context.name or $stageVariables.name");
            }
        }
        if (auth.resultTtlSeconds() < 0 || auth.resultTtlSeconds() > 3600) {
            problems.error(method, mirror, "@Auth resultTtlSeconds must be between 0 and 3600, got " + auth.resultTtlSeconds());
        }
        List<Argument> arguments = new ArrayList<>();
        for (VariableElement parameter : method.getParameters()) {
            String javaName = parameter.getSimpleName().toString();
            TypeMirror type = parameter.asType();
            if (javaTypes.isType(type, AUTH_REQUEST)) {
                arguments.add(new Argument(javaName, type.toString(), "call.request()", null));
            } else if (javaTypes.isType(type, AUTH_EVENT)) {
                arguments.add(new Argument(javaName, type.toString(), "(" + type + ") " + HandlerWriter.AWS_EVENT, null));
            } else if (javaTypes.isType(type, CONTEXT)) {
                arguments.add(new Argument(javaName, type.toString(), "call.context()", null));
            } else {
                problems.error(parameter, "@Auth parameter '" + javaName + "' has unsupported type " + type
                        + "; an auth handler takes io.javeze.AuthRequest (and optionally the Lambda Context)");
            }
        }
        TypeMirror returns = method.getReturnType();
        ResultKind result = null;
        if (javaTypes.isType(returns, AUTH_RESULT)) {
            result = ResultKind.AUTH_RESULT;
        } else if (returns.getKind() == TypeKind.BOOLEAN || javaTypes.isType(returns, "java.lang.Boolean")) {
            result = ResultKind.AUTH_BOOLEAN;
        } else {
            problems.error(method, mirror, "@Auth method returns unsupported type " + returns + "; return io.javeze.AuthResult or boolean");
        }
        if (method.getAnnotationsByType(Publisher.class).length > 0) {
            problems.error(method, mirror(method, "io.javeze.Publisher"), "@Publisher belongs on a @Route, @Subscriber or @Schedule method, not on @Auth");
        }
        if (problems.errors() > before) return null;
        return new Function(name, FunctionKind.AUTH, method, mirror, owner(method), positive(auth.memorySize()), positive(auth.timeout()),
                List.of(), arguments, result, returns.toString(), null,
                new Model.Authorizer(List.of(auth.identitySources()), auth.resultTtlSeconds()), null, snapStart(auth.snapStart()), null);
    }

    private Function subscriber(ExecutableElement method, Subscriber subscriber, int before) {
        AnnotationMirror mirror = mirror(method, "io.javeze.Subscriber");
        String name = functionName(method, mirror, subscriber.name());
        checkSizes(method, mirror, subscriber.memorySize(), subscriber.timeout());
        checkTopic(method, mirror, subscriber.topic(), "@Subscriber");
        if (subscriber.batchSize() < 1 || subscriber.batchSize() > 10000) {
            problems.error(method, mirror, "@Subscriber batchSize must be between 1 and 10000, got " + subscriber.batchSize());
        }
        if (subscriber.maxReceiveCount() < 1 || subscriber.maxReceiveCount() > 1000) {
            problems.error(method, mirror, "@Subscriber maxReceiveCount must be between 1 and 1000, got " + subscriber.maxReceiveCount());
        }
        List<String> publishes = publishes(method);
        List<Argument> arguments = new ArrayList<>();
        String messageType = null;
        for (VariableElement parameter : method.getParameters()) {
            String javaName = parameter.getSimpleName().toString();
            TypeMirror type = parameter.asType();
            if (javaTypes.isType(type, CONTEXT)) {
                arguments.add(new Argument(javaName, type.toString(), "context", null));
                continue;
            }
            if (messageType != null) {
                problems.error(parameter, "@Subscriber parameter '" + javaName + "' is a second message parameter; a subscriber takes one message (and optionally the Lambda Context)");
                continue;
            }
            messageType = type.toString();
            String expression = javaTypes.isType(type, "java.lang.String") ? "message" : messageExpression(type);
            if (expression == null) {
                problems.error(parameter, "@Subscriber message parameter '" + javaName + "' has unsupported type " + type
                        + "; use String (raw message), a record or POJO, List<T> or Map<String, Object>");
                continue;
            }
            arguments.add(new Argument(javaName, type.toString(), expression, null));
        }
        if (messageType == null) {
            problems.error(method, mirror, "@Subscriber method has no message parameter; add one, e.g. String message or a record decoded from JSON");
        }
        if (method.getReturnType().getKind() != TypeKind.VOID) {
            problems.error(method, mirror, "@Subscriber method must return void; throw an exception to fail (and retry) a message");
        }
        if (problems.errors() > before) return null;
        return new Function(name, FunctionKind.SUBSCRIBER, method, mirror, owner(method), positive(subscriber.memorySize()),
                positive(subscriber.timeout()), publishes, arguments, ResultKind.VOID, "void", null, null,
                new Model.Subscription(subscriber.topic(), messageType, subscriber.batchSize(), subscriber.maxReceiveCount()),
                snapStart(subscriber.snapStart()), null);
    }

    private Function schedule(ExecutableElement method, Schedule schedule, int before) {
        AnnotationMirror mirror = mirror(method, "io.javeze.Schedule");
        String name = functionName(method, mirror, schedule.name());
        checkSizes(method, mirror, schedule.memorySize(), schedule.timeout());
        String problem = ScheduleExpression.problem(schedule.value());
        if (problem != null) {
            problems.error(method, mirror, "@Schedule expression \"" + schedule.value() + "\": " + problem);
        }
        String timezone = schedule.timezone().isEmpty() ? null : schedule.timezone();
        if (timezone != null) {
            try {
                java.time.ZoneId.of(timezone);
            } catch (java.time.DateTimeException e) {
                problems.error(method, mirror, "@Schedule timezone \"" + timezone + "\" is not an IANA time zone such as \"Europe/Paris\" or \"UTC\"");
            }
        }
        List<String> publishes = publishes(method);
        List<Argument> arguments = new ArrayList<>();
        for (VariableElement parameter : method.getParameters()) {
            String javaName = parameter.getSimpleName().toString();
            TypeMirror type = parameter.asType();
            if (javaTypes.isType(type, CONTEXT)) {
                arguments.add(new Argument(javaName, type.toString(), "context", null));
            } else if (javaTypes.isType(type, SCHEDULED_EVENT)) {
                arguments.add(new Argument(javaName, type.toString(), "event", null));
            } else {
                problems.error(parameter, "@Schedule parameter '" + javaName + "' has unsupported type " + type
                        + "; a scheduled method takes no parameter, io.javeze.ScheduledEvent and/or the Lambda Context");
            }
        }
        if (method.getReturnType().getKind() != TypeKind.VOID) {
            problems.error(method, mirror, "@Schedule method must return void; throw an exception to fail the run (Scheduler retries it)");
        }
        if (problems.errors() > before) return null;
        return new Function(name, FunctionKind.SCHEDULE, method, mirror, owner(method), positive(schedule.memorySize()),
                positive(schedule.timeout()), publishes, arguments, ResultKind.VOID, "void", null, null, null,
                snapStart(schedule.snapStart()), new ScheduleSpec(schedule.value(), timezone));
    }

    /** The annotation's SnapStart override for the manifest: null follows javeze.toml. */
    static Boolean snapStart(io.javeze.SnapStart value) {
        return switch (value) {
            case ON -> Boolean.TRUE;
            case OFF -> Boolean.FALSE;
            case DEFAULT -> null;
        };
    }

    /** Public method; static, or in a public concrete class with a public no-argument constructor; not generic. */
    void checkCallable(ExecutableElement method) {
        TypeElement owner = owner(method);
        if (!method.getModifiers().contains(Modifier.PUBLIC)) {
            problems.error(method, "handler method " + method.getSimpleName() + " must be public");
        }
        if (!method.getTypeParameters().isEmpty()) {
            problems.error(method, "handler method " + method.getSimpleName() + " must not be generic");
        }
        for (TypeMirror thrown : method.getThrownTypes()) {
            if (!types.isAssignable(thrown, elements.getTypeElement("java.lang.Exception").asType())) {
                problems.error(method, "handler method " + method.getSimpleName() + " may throw exceptions, not " + thrown);
            }
        }
        for (Element e = owner; e instanceof TypeElement type; e = e.getEnclosingElement()) {
            if (!type.getModifiers().contains(Modifier.PUBLIC)) {
                problems.error(method, "class " + type.getQualifiedName() + " must be public for the generated handler to call "
                        + method.getSimpleName());
                return;
            }
            if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)
                    && type.getEnclosingElement().getKind() == ElementKind.CLASS) {
                problems.error(method, "class " + type.getQualifiedName() + " must be static (a nested class the handler can create)");
                return;
            }
            if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
                problems.error(method, "handler methods must be in a top-level or static nested class");
                return;
            }
        }
        if (method.getModifiers().contains(Modifier.STATIC)) return;
        if (owner.getKind() != ElementKind.CLASS || owner.getModifiers().contains(Modifier.ABSTRACT)) {
            problems.error(method, "handler method " + method.getSimpleName() + " must be static, or " + owner.getQualifiedName()
                    + " must be a concrete class with a public no-argument constructor");
            return;
        }
        boolean publicNoArg = ElementFilter.constructorsIn(owner.getEnclosedElements()).stream()
                .anyMatch(c -> c.getParameters().isEmpty() && c.getModifiers().contains(Modifier.PUBLIC));
        if (!publicNoArg) {
            problems.error(method, "handler method " + method.getSimpleName() + " is not static, so " + owner.getQualifiedName()
                    + " needs a public no-argument constructor (the function creates one instance); or make the method static");
        }
    }

    private String messageExpression(TypeMirror type) {
        JavaTypes.JsonShape shape = javaTypes.jsonShape(type);
        if (shape == null) return null;
        return switch (shape.kind()) {
            case BEAN -> "Json.read(message, " + shape.classLiteral() + ")";
            case LIST -> "Json.readList(message, " + shape.classLiteral() + ")";
            case MAP -> "Json.readMap(message)";
        };
    }

    List<String> publishes(ExecutableElement method) {
        Publisher[] publishers = method.getAnnotationsByType(Publisher.class);
        if (publishers.length == 0) return List.of();
        AnnotationMirror mirror = mirror(method, "io.javeze.Publisher");
        if (mirror == null) mirror = mirror(method, "io.javeze.Publishers");
        TreeSet<String> topics = new TreeSet<>();
        for (Publisher publisher : publishers) {
            checkTopic(method, mirror, publisher.topic(), "@Publisher");
            topics.add(publisher.topic());
        }
        if (elements.getTypeElement(SIGV4_SIGNER) == null || elements.getTypeElement(URL_CONNECTION_CLIENT) == null) {
            problems.error(method, mirror, "@Publisher needs the AWS SDK's SigV4 signer and HTTP client on the class path: add the "
                    + "dependencies software.amazon.awssdk:http-auth-aws and software.amazon.awssdk:url-connection-client to the project's pom.xml");
        }
        return List.copyOf(topics);
    }

    private void checkTopic(ExecutableElement method, AnnotationMirror mirror, String topic, String annotation) {
        if (!TOPIC_NAME.matcher(topic).matches()) {
            problems.error(method, mirror, annotation + " topic \"" + topic + "\" must be 1-200 letters, digits, '-' or '_'");
        }
    }

    String functionName(ExecutableElement method, AnnotationMirror mirror, String explicit) {
        String name = explicit.isEmpty() ? Naming.kebab(method.getSimpleName().toString()) : explicit;
        if (!FUNCTION_NAME.matcher(name).matches()) {
            problems.error(method, mirror, "function name \"" + name + "\" must be 1-64 letters, digits, '-' or '_', starting with a letter or digit");
        }
        return name;
    }

    void checkSizes(ExecutableElement method, AnnotationMirror mirror, int memorySize, int timeout) {
        if (memorySize != 0 && (memorySize < 128 || memorySize > 10240)) {
            problems.error(method, mirror, "memorySize must be between 128 and 10240 MB (or 0 for the javeze.toml default), got " + memorySize);
        }
        if (timeout != 0 && (timeout < 1 || timeout > 900)) {
            problems.error(method, mirror, "timeout must be between 1 and 900 seconds (or 0 for the javeze.toml default), got " + timeout);
        }
    }

    static Integer positive(int value) {
        return value > 0 ? value : null;
    }

    static TypeElement owner(ExecutableElement method) {
        return (TypeElement) method.getEnclosingElement();
    }

    static AnnotationMirror mirror(Element element, String annotationType) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(annotationType)) {
                return mirror;
            }
        }
        return null;
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }
}
