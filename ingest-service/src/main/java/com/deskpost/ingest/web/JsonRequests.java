package com.deskpost.ingest.web;

import com.deskpost.ingest.auth.Credentials;
import com.deskpost.schemas.json.InvalidJsonException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;

/**
 * Reads a request the way signature checks need it: the raw body bytes, exactly as sent, capped
 * at the configured size (413 beyond it, before anything else is looked at), and the JSON
 * content type checked (415).
 */
public final class JsonRequests {

    private final DataSize maxBody;

    public JsonRequests(DataSize maxBody) {
        this.maxBody = maxBody;
    }

    /** The raw body, or 413. */
    public byte[] body(HttpServletRequest request) {
        long limit = maxBody.toBytes();
        if (request.getContentLengthLong() > limit) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the request body", e);
        }
    }

    /** 415 unless the body is declared JSON ({@code application/json} or any {@code +json} type). */
    public static void requireJson(HttpServletRequest request) {
        String declared = request.getContentType();
        boolean json = false;
        if (declared != null) {
            try {
                MediaType type = MediaType.parseMediaType(declared);
                json = type.isCompatibleWith(MediaType.APPLICATION_JSON)
                        || "application".equals(type.getType()) && type.getSubtype().endsWith("+json");
            } catch (InvalidMediaTypeException malformed) {
                json = false;
            }
        }
        if (!json) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "Send the event as JSON with Content-Type: application/json (got " + declared + ")");
        }
    }

    /** The body as text; JSON is UTF-8 (RFC 8259), and anything else is refused rather than mangled. */
    public static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw InvalidJsonException.malformed("the body is not UTF-8 text", 1, 1, e);
        }
    }

    public static Credentials credentials(HttpServletRequest request) {
        return new Credentials(request.getHeader(HttpHeaders.AUTHORIZATION),
                request.getHeader(Credentials.CLIENT_HEADER), request.getHeader(Credentials.SIGNATURE_HEADER));
    }

    private ApiException tooLarge() {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large",
                "The body is larger than " + maxBody.toKilobytes() + " KB; send one event per request "
                        + "(deskpost.ingest.max-body-size)");
    }
}
