package io.javeze.local.http;

/** The wire protocols of the services the local cloud speaks. */
public enum Protocol {
    REST_JSON,
    AWS_JSON,
    QUERY,
    REST_XML;

    public static Protocol fromModel(String name) {
        return switch (name) {
            case "rest-json" -> REST_JSON;
            case "json" -> AWS_JSON;
            case "query" -> QUERY;
            case "rest-xml" -> REST_XML;
            default -> throw new IllegalArgumentException("unknown protocol " + name);
        };
    }
}
