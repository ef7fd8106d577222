package com.deskpost.audit.processing;

import com.deskpost.platform.api.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * The records of processing (GDPR art. 30) over HTTP, for the operator's DPO and a supervisory authority: JSON, or
 * CSV (one row per activity, what all share repeated on each) for a spreadsheet. Under /api/v1/audit, so it needs
 * the scope read like the rest of the audit API.
 */
@RestController
@ApiDocs
@Tag(name = "Records of processing", description = "The GDPR art. 30 register of the mail Deskpost sends. Scope: read")
class RecordsOfProcessingController {

    static final String PATH = "/api/v1/audit/records-of-processing";
    static final String TEXT_CSV = "text/csv";
    private static final CsvMapper CSV = CsvMapper.builder().build();
    private static final String DESCRIPTION = """
            One entry per processing activity: each communication type (the draft's event type), each category's
            default for types not listed, each kind of audit row that concerns no mail (agent calls, paused senders,
            bounces...) and one for rows that name none. Each entry gives its purpose, lawful basis (art. 6(1)) and
            why, the categories of data subjects and of personal data, and how many audit rows were stored under it
            (each row stores its activity, basis and purpose, covered by its hash). Recipients, transfers, retention
            and security measures are the same for every activity. The entries come from deskpost.processing.""";

    private final ProcessingRegister register;
    private final Clock clock = Clock.systemUTC();

    RecordsOfProcessingController(ProcessingRegister register) {
        this.register = register;
    }

    @GetMapping(path = PATH, produces = "application/json")
    @Operation(operationId = "getRecordsOfProcessing", summary = "The records of processing (GDPR art. 30)",
            description = DESCRIPTION)
    @ApiResponse(responseCode = "200", description = "The register; with Accept: text/csv one CSV row per activity",
            content = {@Content(mediaType = "application/json", schema = @Schema(implementation = Register.class)),
                @Content(mediaType = TEXT_CSV)})
    Register json() {
        return register.register(clock);
    }

    @GetMapping(path = PATH, produces = TEXT_CSV)
    @Operation(hidden = true)
    String csv() {
        Register answer = register.register(clock);
        CsvSchema.Builder columns = CsvSchema.builder();
        List.of("id", "covers", "purpose", "lawfulBasis", "article", "whyThisBasis", "dataSubjects", "personalData",
                "rowsStored", "controller", "recipients", "transfers", "retention", "securityMeasures")
                .forEach(columns::addColumn);
        List<Map<String, Object>> rows = answer.activities().stream().map(entry -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", entry.id());
            row.put("covers", entry.covers());
            row.put("purpose", entry.purpose());
            row.put("lawfulBasis", entry.lawfulBasis());
            row.put("article", entry.article());
            row.put("whyThisBasis", entry.whyThisBasis());
            row.put("dataSubjects", String.join("; ", entry.dataSubjects()));
            row.put("personalData", String.join("; ", entry.personalData()));
            row.put("rowsStored", entry.rowsStored());
            row.put("controller", answer.controller());
            row.put("recipients", String.join("; ", answer.recipients()));
            row.put("transfers", answer.transfers());
            row.put("retention", String.join("; ", answer.retention().stream()
                    .map(kept -> kept.what() + ": " + kept.keep() + " (" + kept.setting() + ")").toList()));
            row.put("securityMeasures", String.join("; ", answer.securityMeasures()));
            return row;
        }).toList();
        return CSV.writer(columns.build().withHeader()).writeValueAsString(rows);
    }
}
