package com.deskpost.ingest.directory;

import com.deskpost.ingest.auth.Authenticator;
import com.deskpost.ingest.auth.IngestClients.Client;
import com.deskpost.ingest.directory.DirectoryRows.Batch;
import com.deskpost.ingest.directory.DirectoryRows.Outcome;
import com.deskpost.ingest.directory.ImportRows.Row;
import com.deskpost.ingest.events.EventProducer;
import com.deskpost.ingest.web.ApiException;
import com.deskpost.ingest.web.JsonRequests;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/directory/{members|locations}}: a bulk import of the member or location directory, for
 * operators whose systems send no webhooks. The body is CSV with a header row ({@code text/csv}) or a JSON
 * array of flat objects ({@code application/json}), the columns README "Importing the directory" lists. The
 * whole file is checked first: any problem answers 422 with every problem (row, column, what to fix) and
 * nothing is published; else each row is published to facility.members / facility.locations (202, with the
 * count). {@code dry_run=true} checks and answers without publishing. The client needs the topic granted, as
 * for {@code POST /api/v1/events/{topic}}.
 */
@RestController
class DirectoryImportController {

    private final Authenticator authenticator;
    private final JsonRequests requests;
    private final EventProducer producer;
    private final Clock clock = Clock.systemUTC();

    DirectoryImportController(Authenticator authenticator, EventProducer producer,
            @Value("${deskpost.ingest.directory.max-import-size:20MB}") DataSize maxImportSize) {
        this.authenticator = authenticator;
        this.producer = producer;
        this.requests = new JsonRequests(maxImportSize);
    }

    @PostMapping(path = "/api/v1/directory/{kind}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> importRows(@PathVariable("kind") String kind,
            @RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun, HttpServletRequest request) {
        byte[] body = requests.body(request);
        Client client = authenticator.authenticate(JsonRequests.credentials(request), body);
        Topic<?> topic = switch (kind) {
            case "members" -> Topics.FACILITY_MEMBERS;
            case "locations" -> Topics.FACILITY_LOCATIONS;
            default -> throw new ApiException(HttpStatus.NOT_FOUND, "unknown_directory",
                    "No directory " + kind + ": import to /api/v1/directory/members or /api/v1/directory/locations");
        };
        Authenticator.authorize(client, topic);
        Batch batch = new Batch("directory-import:" + client.id(), clock.instant(), UUID.randomUUID().toString());
        List<Row> rows = rows(request, body);
        return topic == Topics.FACILITY_MEMBERS
                ? publish(Topics.FACILITY_MEMBERS, client, DirectoryRows.members(rows, batch), dryRun, batch)
                : publish(Topics.FACILITY_LOCATIONS, client, DirectoryRows.locations(rows, batch), dryRun, batch);
    }

    private <V extends SpecificRecord> ResponseEntity<Map<String, Object>> publish(Topic<V> topic, Client client,
            Outcome<V> outcome, boolean dryRun, Batch batch) {
        if (!outcome.problems().isEmpty()) {
            List<Map<String, Object>> problems = outcome.problems().stream().map(problem -> {
                Map<String, Object> each = new LinkedHashMap<>();
                each.put("row", problem.row());
                if (problem.column() != null) {
                    each.put("column", problem.column());
                }
                each.put("message", problem.message());
                return each;
            }).toList();
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_rows", outcome.problems().size()
                    + " problem(s) in the file; nothing was imported. Fix them and send the whole file again.",
                    Map.of("problems", problems));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("topic", topic.name());
        answer.put("rows", outcome.records().size());
        answer.put("dry_run", dryRun);
        if (!dryRun) {
            producer.produceAll(topic, outcome.records(), client.id());
            answer.put("published", outcome.records().size());
            answer.put("correlation_id", batch.correlationId());
        }
        return ResponseEntity.status(dryRun ? HttpStatus.OK : HttpStatus.ACCEPTED).body(answer);
    }

    private static List<Row> rows(HttpServletRequest request, byte[] body) {
        MediaType type;
        try {
            type = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
        } catch (InvalidMediaTypeException malformed) {
            type = null;
        }
        if (type != null && type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
            return ImportRows.json(body);
        }
        if (type != null && ("text".equals(type.getType()) && "csv".equals(type.getSubtype()))) {
            return ImportRows.csv(body);
        }
        throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Send the directory as"
                + " CSV with a header row (Content-Type: text/csv) or as a JSON array of objects (Content-Type:"
                + " application/json); got " + request.getContentType());
    }
}
