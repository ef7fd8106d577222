package com.deskpost.schemas.serde;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.Schema;

/**
 * Client for the Confluent Schema Registry REST API, hand-written because no io.confluent
 * artifacts are on Maven Central.
 *
 * <p>Works with any server of that API (Confluent, Apicurio's ccompat, Karapace, Redpanda).
 * Answers are cached: ids are immutable, and a schema's id under a subject never changes, so
 * a producer or consumer calls the registry once per schema. Thread-safe.
 */
public final class SchemaRegistryClient {

    private final RegistryHttp http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {
    }

    /** @param baseUrl the registry's base URL, e.g. {@code http://localhost:8081} */
    public SchemaRegistryClient(String baseUrl) {
        this(baseUrl, null);
    }

    /**
     * @param baseUrl the registry's base URL, e.g. {@code http://localhost:8081}
     * @param userInfo {@code user:password} sent as HTTP basic auth, as Confluent's {@code basic.auth.user.info};
     *        null or blank for a registry without login
     */
    public SchemaRegistryClient(String baseUrl, String userInfo) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String trimmed = baseUrl.trim().replaceAll("/+$", "");
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Schema registry URL '" + baseUrl + "' is not a URL: " + e.getMessage(), e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("Schema registry URL '" + baseUrl
                    + "' must be a single http(s) URL such as http://localhost:8081");
        }
        String login = userInfo == null || userInfo.isBlank() ? null : userInfo.strip();
        if (login != null && login.indexOf(':') < 1) {
            throw new IllegalArgumentException("Schema registry user info must be user:password, with a user name");
        }
        this.http = new RegistryHttp(trimmed, login);
    }

    /** The registry's base URL, without a trailing slash. */
    public String baseUrl() {
        return http.baseUrl();
    }

    /**
     * Registers {@code schema} under {@code subject} (POST /subjects/{subject}/versions) and
     * returns its global id; registering a schema already there returns the existing id.
     *
     * @throws SchemaRegistryException if the registry refuses it (409: incompatible) or is unreachable
     */
    public int register(String subject, Schema schema) {
        return idOf(subject, schema, "/subjects/" + encode(subject) + "/versions");
    }

    /**
     * Finds the id of {@code schema} already registered under {@code subject} (POST
     * /subjects/{subject}), without registering it.
     *
     * @throws SchemaRegistryException with status 404 if it is not registered there
     */
    public int lookUp(String subject, Schema schema) {
        return idOf(subject, schema, "/subjects/" + encode(subject));
    }

    /**
     * The schema with this global id (GET /schemas/ids/{id}).
     *
     * @throws SchemaRegistryException with status 404 if no schema has the id
     */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = http.get("/schemas/ids/" + id);
        String url = http.baseUrl() + "/schemas/ids/" + id;
        String type = answer.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new SchemaRegistryException("Schema id " + id + " at " + url + " is a " + type
                    + " schema, not Avro", url, 200, 0, "schemaType " + type, null);
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(answer.path("schema").asText());
        } catch (RuntimeException e) {
            throw new SchemaRegistryException("Schema id " + id + " at " + url + " is not a valid Avro schema: "
                    + e.getMessage(), url, 200, 0, e.getMessage(), e);
        }
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced == null ? schema : raced;
    }

    private int idOf(String subject, Schema schema, String path) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = http.post(path, http.json().createObjectNode().put("schema", schema.toString()));
        if (!answer.path("id").canConvertToInt()) {
            String url = http.baseUrl() + path;
            throw new SchemaRegistryException("POST " + url + " answered without a schema id: " + answer,
                    url, 200, 0, "no id in " + answer, null);
        }
        int id = answer.get("id").asInt();
        idsBySubjectSchema.putIfAbsent(key, id);
        return id;
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
