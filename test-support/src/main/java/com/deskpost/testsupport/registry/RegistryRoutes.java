package com.deskpost.testsupport.registry;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;

/** Maps the Confluent REST subset onto {@link RegistryStore}, with Confluent's paths and JSON shapes. */
final class RegistryRoutes {

    /** A request after routing: decoded path parameters, query parameters and the raw body. */
    record Call(List<String> params, Map<String, String> query, byte[] body) {
        String param(int index) {
            return params.get(index);
        }
    }

    /** What to answer: a status and the response body. */
    record Reply(int status, String body) {
    }

    private interface Handler {
        Object handle(Call call) throws IOException;
    }

    private record Route(String method, Pattern path, Handler handler) {
    }

    private static final String SEGMENT = "([^/]+)";

    private final RegistryStore store = new RegistryStore();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Route> routes = List.of(
            route("GET", "/subjects", call -> store.subjects()),
            route("POST", "/subjects/" + SEGMENT + "/versions", this::register),
            route("GET", "/subjects/" + SEGMENT + "/versions", call -> store.versions(call.param(0))),
            route("GET", "/subjects/" + SEGMENT + "/versions/" + SEGMENT,
                    call -> describe(store.version(call.param(0), call.param(1)))),
            route("GET", "/subjects/" + SEGMENT + "/versions/" + SEGMENT + "/schema",
                    call -> new RawJson(store.version(call.param(0), call.param(1)).schema().toString())),
            route("POST", "/subjects/" + SEGMENT,
                    call -> describe(store.lookUp(call.param(0), schemaIn(call)))),
            route("GET", "/schemas/ids/(\\d+)",
                    call -> fields("schema", store.schema(Integer.parseInt(call.param(0))).toString())),
            route("GET", "/schemas/ids/(\\d+)/versions", call -> store.usesOf(Integer.parseInt(call.param(0)))),
            route("POST", "/compatibility/subjects/" + SEGMENT + "/versions/" + SEGMENT, this::checkCompatibility),
            route("GET", "/config", call -> fields("compatibilityLevel", store.globalLevel())),
            route("PUT", "/config", call -> {
                CompatibilityLevel level = levelIn(call);
                store.globalLevel(level);
                return fields("compatibility", level);
            }),
            route("GET", "/config/" + SEGMENT, this::subjectConfig),
            route("PUT", "/config/" + SEGMENT, call -> {
                CompatibilityLevel level = levelIn(call);
                store.subjectLevel(call.param(0), level);
                return fields("compatibility", level);
            }));

    /** Answers one request; never throws for a request the registry refuses. */
    Reply dispatch(String method, String rawPath, Map<String, String> query, byte[] body) throws IOException {
        String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        try {
            boolean pathKnown = false;
            for (Route route : routes) {
                Matcher matcher = route.path().matcher(path);
                if (!matcher.matches()) {
                    continue;
                }
                pathKnown = true;
                if (route.method().equals(method)) {
                    Object result = route.handler().handle(new Call(decodedGroups(matcher), query, body));
                    String text = result instanceof RawJson raw ? raw.text() : json.writeValueAsString(result);
                    return new Reply(200, text);
                }
            }
            throw pathKnown ? RegistryException.methodNotAllowed(method, path) : RegistryException.noRoute(method, path);
        } catch (RegistryException e) {
            return new Reply(e.status(), json.writeValueAsString(fields("error_code", e.errorCode(), "message", e.getMessage())));
        }
    }

    private Object register(Call call) throws IOException {
        return fields("id", store.register(call.param(0), schemaIn(call)));
    }

    private Object checkCompatibility(Call call) throws IOException {
        List<String> problems = store.compatibilityProblems(call.param(0), call.param(1), schemaIn(call));
        return problems.isEmpty()
                ? fields("is_compatible", true)
                : fields("is_compatible", false, "messages", problems);
    }

    private Object subjectConfig(Call call) {
        String subject = call.param(0);
        CompatibilityLevel level = store.subjectLevel(subject).orElseGet(() -> {
            if (Boolean.parseBoolean(call.query().get("defaultToGlobal"))) {
                return store.globalLevel();
            }
            throw RegistryException.subjectLevelNotConfigured(subject);
        });
        return fields("compatibilityLevel", level);
    }

    private Schema schemaIn(Call call) throws IOException {
        JsonNode request = bodyOf(call);
        JsonNode schemaType = request.get("schemaType");
        if (schemaType != null && !schemaType.isNull() && !"AVRO".equals(schemaType.asText())) {
            throw RegistryException.invalidSchema("of type " + schemaType.asText() + ": this registry serves AVRO only");
        }
        JsonNode references = request.get("references");
        if (references != null && references.size() > 0) {
            throw RegistryException.invalidSchema("with references: this registry does not support schema references");
        }
        JsonNode schema = request.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw RegistryException.unprocessable("Request body must be a JSON object with a \"schema\" string");
        }
        try {
            return new Schema.Parser().parse(schema.asText());
        } catch (RuntimeException e) {
            throw RegistryException.invalidSchema(schema.asText() + ": " + e.getMessage());
        }
    }

    private CompatibilityLevel levelIn(Call call) throws IOException {
        JsonNode level = bodyOf(call).get("compatibility");
        if (level == null || !level.isTextual()) {
            throw RegistryException.unprocessable("Request body must be a JSON object with a \"compatibility\" string");
        }
        return CompatibilityLevel.parse(level.asText());
    }

    private JsonNode bodyOf(Call call) throws IOException {
        try {
            JsonNode node = json.readTree(call.body());
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            throw RegistryException.unprocessable("Request body is not JSON: " + e.getOriginalMessage());
        }
        throw RegistryException.unprocessable("Request body must be a JSON object");
    }

    private Map<String, Object> describe(RegistryStore.Registered registered) {
        return fields("subject", registered.subject(), "version", registered.version(),
                "id", registered.id(), "schema", registered.schema().toString());
    }

    private static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return fields;
    }

    private static List<String> decodedGroups(Matcher matcher) {
        List<String> groups = new ArrayList<>();
        for (int i = 1; i <= matcher.groupCount(); i++) {
            // URLDecoder follows form encoding, where '+' means space; in a path it is a literal '+'.
            try {
                groups.add(URLDecoder.decode(matcher.group(i).replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw RegistryException.unprocessable("Malformed percent-encoding in path segment '"
                        + matcher.group(i) + "': " + e.getMessage());
            }
        }
        return groups;
    }

    private static Route route(String method, String path, Handler handler) {
        return new Route(method, Pattern.compile(path), handler);
    }

    /** A body that is already JSON, such as a raw schema. */
    private record RawJson(String text) {
    }
}
