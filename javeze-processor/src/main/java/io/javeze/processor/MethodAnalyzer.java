package io.javeze.processor;

import io.javeze.Auth;
import io.javeze.AuthContext;
import io.javeze.Body;
import io.javeze.Cookie;
import io.javeze.Header;
import io.javeze.Publisher;
import io.javeze.Query;
import io.javeze.Route;
import io.javeze.Subscriber;
import io.javeze.config.Naming;
import io.javeze.config.manifest.FunctionKind;
import io.javeze.config.manifest.ParameterSpec;
import io.javeze.config.manifest.ParameterSpec.Source;
import io.javeze.processor.Model.Argument;
import io.javeze.processor.Model.Function;
import io.javeze.processor.Model.ResultKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Validates one annotated method and describes its function; every problem is reported on the offending element. */
final class MethodAnalyzer {
    static final String SNS_CLIENT = "software.amazon.awssdk.services.sns.SnsClient";
    static final String URL_CONNECTION_CLIENT = "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient";

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY");
    private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_-]{0,63}");
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,200}");
    private static final Pattern IDENTITY_SOURCE = Pattern.compile("\\$(request\\.(header|querystring)|context|stageVariables)\\.[^\\s]+");
    private static final String REQUEST = "io.javeze.Request";
    private static final String HTTP_EVENT = "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent";
    private static final String AUTH_EVENT = "com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent";
    private static final String CONTEXT = "com.amazonaws.services.lambda.runtime.Context";
    private static final String AUTH_REQUEST = "io.javeze.AuthRequest";
    private static final String AUTH_RESULT = "io.javeze.AuthResult";
    private static final String RESPONSE = "io.javeze.Response";

    private final Elements elements;
    private final Types types;
    private final ValueTypes values;
    private final Problems problems;

    MethodAnalyzer(ProcessingEnvironment env, Problems problems) {
        this.elements = env.getElementUtils();
        this.types = env.getTypeUtils();
        this.values = new ValueTypes(types);
        this.problems = problems;
    }

    /** The function the method defines, or null after reporting why it cannot be one. */
    Function analyze(ExecutableElement method) {
        Route route = method.getAnnotation(Route.class);
        Auth auth = method.getAnnotation(Auth.class);
        Subscriber subscriber = method.getAnnotation(Subscriber.class);
        int kinds = (route != null ? 1 : 0) + (auth != null ? 1 : 0) + (subscriber != null ? 1 : 0);
        if (kinds == 0) {
            problems.error(method, mirror(method, "io.javeze.Publisher"),
                    "@Publisher belongs on a @Route or @Subscriber method");
            return null;
        }
        if (kinds > 1) {
            problems.error(method, "a method can be only one of @Route, @Auth and @Subscriber");
            return null;
        }
        int before = problems.errors();
        checkCallable(method);
        if (route != null) return route(method, route, before);
        if (auth != null) return auth(method, auth, before);
        return subscriber(method, subscriber, before);
    }

    private Function route(ExecutableElement method, Route route, int before) {
        AnnotationMirror mirror = mirror(method, "io.javeze.Route");
        String httpMethod = route.method().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(httpMethod)) {
            problems.error(method, mirror, "@Route method \"" + route.method() + "\" must be one of " + new TreeSet<>(METHODS));
        }
        PathTemplate path = null;
        try {
            path = PathTemplate.parse(route.path());
        } catch (IllegalArgumentException e) {
            problems.error(method, mirror, "@Route path \"" + route.path() + "\" " + e.getMessage());
        }
        String name = functionName(method, mirror, route.name());
        checkSizes(method, mirror, route.memorySize(), route.timeout());
        List<String> publishes = publishes(method);

        List<Argument> arguments = new ArrayList<>();
        Set<String> boundPathVariables = new HashSet<>();
        boolean body = false;
        boolean authContext = false;
        for (VariableElement parameter : method.getParameters()) {
            String javaName = parameter.getSimpleName().toString();
            TypeMirror type = parameter.asType();
            String typeName = type.toString();
            Query query = parameter.getAnnotation(Query.class);
            Header header = parameter.getAnnotation(Header.class);
            Cookie cookie = parameter.getAnnotation(Cookie.class);
            AuthContext context = parameter.getAnnotation(AuthContext.class);
            Body bodyAnnotation = parameter.getAnnotation(Body.class);
            int sources = (query != null ? 1 : 0) + (header != null ? 1 : 0) + (cookie != null ? 1 : 0)
                    + (context != null ? 1 : 0) + (bodyAnnotation != null ? 1 : 0);
            if (sources > 1) {
                problems.error(parameter, "parameter '" + javaName + "' can have only one of @Query, @Header, @Cookie, @AuthContext and @Body");
                continue;
            }
            if (query != null) {
                arguments.add(named(parameter, Source.QUERY, "query", "query parameter", query.value(), query.required(), query.defaultValue()));
            } else if (header != null) {
                arguments.add(named(parameter, Source.HEADER, "header", "header", header.value(), header.required(), header.defaultValue()));
            } else if (cookie != null) {
                arguments.add(named(parameter, Source.COOKIE, "cookie", "cookie", cookie.value(), cookie.required(), cookie.defaultValue()));
            } else if (context != null) {
                authContext = true;
                arguments.add(named(parameter, Source.AUTH_CONTEXT, "authContext", "authorizer context value", context.value(), context.required(), context.defaultValue()));
            } else if (isType(type, REQUEST)) {
                arguments.add(new Argument(javaName, typeName, "call.request()", spec(javaName, Source.REQUEST, typeName, false, null)));
            } else if (isType(type, HTTP_EVENT)) {
                arguments.add(new Argument(javaName, typeName, "call.event()", spec(javaName, Source.REQUEST, typeName, false, null)));
            } else if (isType(type, CONTEXT)) {
                arguments.add(new Argument(javaName, typeName, "call.context()", spec(javaName, Source.REQUEST, typeName, false, null)));
            } else if (bodyAnnotation == null && path != null && path.variables().contains(javaName)) {
                boundPathVariables.add(javaName);
                String conversion = values.isOptional(type) ? null
                        : values.conversion(type, "call.path(\"" + javaName + "\")", quote("path parameter '" + javaName + "'"));
                if (conversion == null) {
                    problems.error(parameter, "path parameter '" + javaName + "' has unsupported type " + typeName + "; use " + ValueTypes.SUPPORTED.replace(", or Optional of these", ""));
                    continue;
                }
                arguments.add(new Argument(javaName, typeName, conversion, spec(javaName, Source.PATH, typeName, true, null)));
            } else if (bodyAnnotation == null && values.isValue(type)) {
                if (path == null) continue; // the path's own error says enough
                problems.error(parameter, "parameter '" + javaName + "' matches no {" + javaName + "} in path \""
                        + route.path() + "\"; add {" + javaName + "} to the path or annotate it with @Query, @Header or @Cookie");
            } else {
                boolean required = bodyAnnotation == null || bodyAnnotation.required();
                if (body) {
                    problems.error(parameter, "parameter '" + javaName + "' is a second request body; a route has at most one body parameter "
                            + "(annotate values with @Query, @Header or @Cookie)");
                    continue;
                }
                body = true;
                if (httpMethod.equals("GET") || httpMethod.equals("HEAD")) {
                    problems.error(parameter, "parameter '" + javaName + "' is a request body, but " + httpMethod
                            + " requests have no body; use POST/PUT/PATCH or bind it with @Query");
                    continue;
                }
                String expression = bodyExpression(type, required);
                if (expression == null) {
                    problems.error(parameter, "request body parameter '" + javaName + "' has unsupported type " + typeName
                            + "; use a record or POJO, List<T>, Map<String, Object>, or @Body String / byte[]");
                    continue;
                }
                arguments.add(new Argument(javaName, typeName, expression, spec(javaName, Source.BODY, typeName, required, null)));
            }
        }
        if (path != null) {
            for (String variable : path.variables()) {
                if (!boundPathVariables.contains(variable) && method.getParameters().stream().noneMatch(p -> p.getSimpleName().contentEquals(variable))) {
                    problems.error(method, mirror, "path variable {" + variable + "} in \"" + route.path()
                            + "\" has no method parameter named '" + variable + "'");
                }
            }
        }
        ResultKind result = routeResult(method);
        if (problems.errors() > before) return null;
        var routeModel = new Model.Route(httpMethod, path, route.auth() || !route.authorizer().isEmpty(), route.authorizer(), authContext);
        return new Function(name, FunctionKind.ROUTE, method, mirror, owner(method), positive(route.memorySize()), positive(route.timeout()),
                publishes, arguments, result, method.getReturnType().toString(), routeModel, null, null);
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
            if (isType(type, AUTH_REQUEST)) {
                arguments.add(new Argument(javaName, type.toString(), "call.request()", null));
            } else if (isType(type, AUTH_EVENT)) {
                arguments.add(new Argument(javaName, type.toString(), "call.event()", null));
            } else if (isType(type, CONTEXT)) {
                arguments.add(new Argument(javaName, type.toString(), "call.context()", null));
            } else {
                problems.error(parameter, "@Auth parameter '" + javaName + "' has unsupported type " + type
                        + "; an auth handler takes io.javeze.AuthRequest (and optionally the Lambda Context)");
            }
        }
        TypeMirror returns = method.getReturnType();
        ResultKind result = null;
        if (isType(returns, AUTH_RESULT)) {
            result = ResultKind.AUTH_RESULT;
        } else if (returns.getKind() == TypeKind.BOOLEAN || isType(returns, "java.lang.Boolean")) {
            result = ResultKind.AUTH_BOOLEAN;
        } else {
            problems.error(method, mirror, "@Auth method returns unsupported type " + returns + "; return io.javeze.AuthResult or boolean");
        }
        if (method.getAnnotationsByType(Publisher.class).length > 0) {
            problems.error(method, mirror(method, "io.javeze.Publisher"), "@Publisher belongs on a @Route or @Subscriber method, not on @Auth");
        }
        if (problems.errors() > before) return null;
        return new Function(name, FunctionKind.AUTH, method, mirror, owner(method), positive(auth.memorySize()), positive(auth.timeout()),
                List.of(), arguments, result, returns.toString(), null,
                new Model.Authorizer(List.of(auth.identitySources()), auth.resultTtlSeconds()), null);
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
            if (isType(type, CONTEXT)) {
                arguments.add(new Argument(javaName, type.toString(), "context", null));
                continue;
            }
            if (messageType != null) {
                problems.error(parameter, "@Subscriber parameter '" + javaName + "' is a second message parameter; a subscriber takes one message (and optionally the Lambda Context)");
                continue;
            }
            messageType = type.toString();
            String expression = isType(type, "java.lang.String") ? "message" : messageExpression(type);
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
                new Model.Subscription(subscriber.topic(), messageType, subscriber.batchSize(), subscriber.maxReceiveCount()));
    }

    /** Public method; static, or in a public concrete class with a public no-argument constructor; not generic. */
    private void checkCallable(ExecutableElement method) {
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

    private ResultKind routeResult(ExecutableElement method) {
        TypeMirror type = method.getReturnType();
        if (type.getKind() == TypeKind.VOID) return ResultKind.VOID;
        TypeMirror optional = null;
        if (type.getKind() == TypeKind.DECLARED && types.erasure(type).toString().equals("java.util.Optional")) {
            var args = ((DeclaredType) type).getTypeArguments();
            optional = args.size() == 1 ? args.get(0) : null;
            if (optional == null) {
                problems.error(method, "route returns a raw Optional; give it a type argument");
                return null;
            }
        }
        TypeMirror value = optional == null ? type : optional;
        String unsupported = unsupportedResult(value);
        if (unsupported != null) {
            problems.error(method, "route returns unsupported type " + type + ": " + unsupported);
            return null;
        }
        boolean isOptional = optional != null;
        if (isType(value, "java.lang.String")) return isOptional ? ResultKind.OPTIONAL_TEXT : ResultKind.TEXT;
        if (isType(value, RESPONSE)) return isOptional ? ResultKind.OPTIONAL_RESPONSE : ResultKind.RESPONSE;
        if (value.getKind() == TypeKind.ARRAY && value.toString().equals("byte[]")) {
            return isOptional ? ResultKind.OPTIONAL_BYTES : ResultKind.BYTES;
        }
        return isOptional ? ResultKind.OPTIONAL_JSON : ResultKind.JSON;
    }

    private String unsupportedResult(TypeMirror type) {
        switch (type.getKind()) {
            case TYPEVAR, WILDCARD -> {
                return "a type variable cannot be serialized; return a concrete type";
            }
            case ERROR, NONE, NULL, EXECUTABLE, INTERSECTION, UNION -> {
                return "not a value type";
            }
            default -> { }
        }
        if (type.getKind() == TypeKind.DECLARED) {
            for (String async : List.of("java.util.concurrent.Future", "java.util.concurrent.CompletionStage", "java.util.stream.BaseStream")) {
                TypeElement asyncType = elements.getTypeElement(async);
                if (asyncType != null && types.isAssignable(types.erasure(type), types.erasure(asyncType.asType()))) {
                    return "asynchronous or stream results are not supported; return the value itself";
                }
            }
            if (isType(type, AUTH_RESULT)) return "io.javeze.AuthResult is for @Auth methods";
        }
        return null;
    }

    private Argument named(VariableElement parameter, Source source, String callMethod, String kind, String annotated,
                           boolean required, String defaultValue) {
        String javaName = parameter.getSimpleName().toString();
        String name = annotated.isEmpty() ? javaName : annotated;
        TypeMirror type = parameter.asType();
        boolean hasDefault = !defaultValue.equals(Query.NONE);
        boolean optional = values.isOptional(type);
        boolean effectiveRequired = required && !hasDefault && !optional;
        String what = quote(kind + " '" + name + "'");
        String raw = "call." + callMethod + "(" + quote(name) + ", " + effectiveRequired + ", " + (hasDefault ? quote(defaultValue) : "null") + ")";
        String conversion = values.conversion(type, raw, what);
        if (conversion == null) {
            problems.error(parameter, kind + " '" + name + "' has unsupported type " + type + "; use " + ValueTypes.SUPPORTED);
        } else if (type.getKind().isPrimitive() && !effectiveRequired && !hasDefault) {
            problems.error(parameter, "optional " + kind + " '" + name + "' of primitive type " + type
                    + " needs a defaultValue; or use " + types.boxedClass((javax.lang.model.type.PrimitiveType) type).getSimpleName()
                    + " or Optional");
        }
        return new Argument(javaName, type.toString(), conversion, spec(name, source, type.toString(), effectiveRequired, hasDefault ? defaultValue : null));
    }

    private String bodyExpression(TypeMirror type, boolean required) {
        if (isType(type, "java.lang.String")) return "call.bodyText(" + required + ")";
        if (type.getKind() == TypeKind.ARRAY && type.toString().equals("byte[]")) return "call.bodyBytes(" + required + ")";
        JsonShape shape = jsonShape(type);
        if (shape == null) return null;
        return switch (shape.kind()) {
            case BEAN -> "call.body(" + shape.classLiteral() + ", " + required + ")";
            case LIST -> "call.bodyList(" + shape.classLiteral() + ", " + required + ")";
            case MAP -> "call.bodyMap(" + required + ")";
        };
    }

    private String messageExpression(TypeMirror type) {
        JsonShape shape = jsonShape(type);
        if (shape == null) return null;
        return switch (shape.kind()) {
            case BEAN -> "Json.read(message, " + shape.classLiteral() + ")";
            case LIST -> "Json.readList(message, " + shape.classLiteral() + ")";
            case MAP -> "Json.readMap(message)";
        };
    }

    private record JsonShape(JsonKind kind, String classLiteral) {}

    private enum JsonKind { BEAN, LIST, MAP }

    /** How JSON decodes into the type: a record/POJO, a {@code List} of one, or {@code Map<String, Object>}; null if it cannot. */
    private JsonShape jsonShape(TypeMirror type) {
        if (type.getKind() != TypeKind.DECLARED) return null;
        DeclaredType declared = (DeclaredType) type;
        TypeElement element = (TypeElement) declared.asElement();
        String erased = types.erasure(type).toString();
        List<? extends TypeMirror> args = declared.getTypeArguments();
        if (erased.equals("java.util.List") && args.size() == 1 && args.get(0).getKind() == TypeKind.DECLARED
                && ((DeclaredType) args.get(0)).getTypeArguments().isEmpty()) {
            return new JsonShape(JsonKind.LIST, types.erasure(args.get(0)) + ".class");
        }
        if (erased.equals("java.util.Map") && args.size() == 2 && isType(args.get(0), "java.lang.String")
                && isType(args.get(1), "java.lang.Object")) {
            return new JsonShape(JsonKind.MAP, null);
        }
        boolean concreteUserType = args.isEmpty() && (element.getKind() == ElementKind.CLASS || element.getKind() == ElementKind.RECORD)
                && !element.getModifiers().contains(Modifier.ABSTRACT) && !erased.startsWith("java.")
                && !values.isValue(type) && !isType(type, REQUEST) && !isType(type, RESPONSE) && !isType(type, HTTP_EVENT);
        return concreteUserType ? new JsonShape(JsonKind.BEAN, erased + ".class") : null;
    }

    private List<String> publishes(ExecutableElement method) {
        Publisher[] publishers = method.getAnnotationsByType(Publisher.class);
        if (publishers.length == 0) return List.of();
        AnnotationMirror mirror = mirror(method, "io.javeze.Publisher");
        if (mirror == null) mirror = mirror(method, "io.javeze.Publishers");
        TreeSet<String> topics = new TreeSet<>();
        for (Publisher publisher : publishers) {
            checkTopic(method, mirror, publisher.topic(), "@Publisher");
            topics.add(publisher.topic());
        }
        if (elements.getTypeElement(SNS_CLIENT) == null || elements.getTypeElement(URL_CONNECTION_CLIENT) == null) {
            problems.error(method, mirror, "@Publisher needs the AWS SDK SNS client on the class path: add the dependencies "
                    + "software.amazon.awssdk:sns and software.amazon.awssdk:url-connection-client to the project's pom.xml");
        }
        return List.copyOf(topics);
    }

    private void checkTopic(ExecutableElement method, AnnotationMirror mirror, String topic, String annotation) {
        if (!TOPIC_NAME.matcher(topic).matches()) {
            problems.error(method, mirror, annotation + " topic \"" + topic + "\" must be 1-200 letters, digits, '-' or '_'");
        }
    }

    private String functionName(ExecutableElement method, AnnotationMirror mirror, String explicit) {
        String name = explicit.isEmpty() ? Naming.kebab(method.getSimpleName().toString()) : explicit;
        if (!FUNCTION_NAME.matcher(name).matches()) {
            problems.error(method, mirror, "function name \"" + name + "\" must be 1-64 letters, digits, '-' or '_', starting with a letter or digit");
        }
        return name;
    }

    private void checkSizes(ExecutableElement method, AnnotationMirror mirror, int memorySize, int timeout) {
        if (memorySize != 0 && (memorySize < 128 || memorySize > 10240)) {
            problems.error(method, mirror, "memorySize must be between 128 and 10240 MB (or 0 for the javeze.toml default), got " + memorySize);
        }
        if (timeout != 0 && (timeout < 1 || timeout > 900)) {
            problems.error(method, mirror, "timeout must be between 1 and 900 seconds (or 0 for the javeze.toml default), got " + timeout);
        }
    }

    private boolean isType(TypeMirror type, String qualifiedName) {
        return type.getKind() == TypeKind.DECLARED && types.erasure(type).toString().equals(qualifiedName);
    }

    private static ParameterSpec spec(String name, Source source, String type, boolean required, String defaultValue) {
        return new ParameterSpec(name, source, type, required, defaultValue);
    }

    private static Integer positive(int value) {
        return value > 0 ? value : null;
    }

    private static TypeElement owner(ExecutableElement method) {
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
