package com.deskpost.delivery.subject;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Another Deskpost service a subject access export reads a part from, over its authenticated JSON API. Every way a
 * call can fail becomes a {@link SubjectPartUnavailable} saying what to check: the service not answering, refusing
 * delivery's credentials (naming the settings), or answering an error.
 */
final class RemoteService {

    private final String service;
    private final URI base;
    private final String credentialSettings;
    private final RestClient http;

    /**
     * @param authorization the Authorization header every call carries
     * @param credentialSettings the settings that hold delivery's credentials there, named when they are refused
     */
    RemoteService(String service, URI base, String authorization, String credentialSettings, Duration timeout) {
        this.service = service;
        this.base = base;
        this.credentialSettings = credentialSettings;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        this.http = RestClient.builder().requestFactory(requests)
                .defaultHeader(HttpHeaders.AUTHORIZATION, authorization)
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE).build();
    }

    String service() {
        return service;
    }

    /** GET {@code path} with the query parameters (each encoded), read as {@code type}. */
    <T> T get(String path, Map<String, String> query, ParameterizedTypeReference<T> type) {
        try {
            T body = http.get().uri(uri(path, query)).retrieve().body(type);
            if (body == null) {
                throw new SubjectPartUnavailable(service, service + " answered " + path + " with no body", null);
            }
            return body;
        } catch (HttpStatusCodeException refused) {
            int status = refused.getStatusCode().value();
            String reason = status == 401 || status == 403
                    ? service + " refused delivery's credentials (HTTP " + status + "): check " + credentialSettings
                    : service + " answered HTTP " + status + " to " + path + ": " + refused.getResponseBodyAsString();
            throw new SubjectPartUnavailable(service, reason, refused);
        } catch (ResourceAccessException unreachable) {
            throw new SubjectPartUnavailable(service, service + " did not answer at " + base + " ("
                    + unreachable.getMostSpecificCause() + "): retry once it is up, or check its URL in "
                    + "deskpost.subject-access", unreachable);
        } catch (RestClientException unreadable) {
            throw new SubjectPartUnavailable(service, service + " answered " + path + " with something that is not "
                    + "the JSON expected (" + unreadable.getMessage() + "): are delivery and " + service
                    + " of the same release?", unreadable);
        }
    }

    private URI uri(String path, Map<String, String> query) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUri(base).path(path);
        // As template variables, encoded after the template: an address's '+' arrives as '+', not as a space.
        query.keySet().forEach(name -> uri.queryParam(name, "{" + name + "}"));
        return uri.encode().buildAndExpand(query).toUri();
    }
}
