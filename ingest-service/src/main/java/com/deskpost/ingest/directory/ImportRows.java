package com.deskpost.ingest.directory;

import com.deskpost.ingest.web.ApiException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * The rows of a directory import, as column name to text, numbered as the operator sees them: in CSV the file's
 * line (the header is line 1), in JSON the array index. A list cell holds its items separated by {@code ;} in
 * CSV, or a JSON array. Malformed files are refused whole (400) before any row is looked at.
 */
final class ImportRows {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final CsvMapper CSV = CsvMapper.builder().build();

    /** One row: its number and its cells (absent, blank and null cells are left out). */
    record Row(int number, Map<String, String> cells) {
    }

    private ImportRows() {
    }

    static List<Row> csv(byte[] body) {
        String text = utf8(body);
        List<Row> rows = new ArrayList<>();
        CsvSchema header = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> read = CSV.readerForMapOf(String.class).with(header)
                .readValues(text)) {
            int line = 1; // the header; a row is numbered by its line, so a cell holding a line break shifts the rest
            while (read.hasNextValue()) {
                rows.add(new Row(++line, nonBlank(read.nextValue())));
            }
        } catch (JacksonException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "malformed_csv", "The body is not CSV with a header row: "
                    + e.getOriginalMessage());
        }
        return rows;
    }

    static List<Row> json(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(utf8(body));
        } catch (JacksonException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "malformed_json", "The body is not valid JSON: "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "malformed_json",
                    "Send a JSON array of objects, one per row, e.g. [{\"member_id\": \"M-1\", ...}]");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode row = root.get(i);
            if (!row.isObject()) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "malformed_json", "$[" + i + "] is not an object");
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> cell : row.properties()) {
                String text = text(cell.getValue(), "$[" + i + "]." + cell.getKey());
                if (text != null && !text.isBlank()) {
                    cells.put(cell.getKey(), text.strip());
                }
            }
            rows.add(new Row(i, cells));
        }
        return rows;
    }

    /** A list cell's items: {@code a;b} in CSV, already joined from a JSON array. */
    static List<String> items(String cell) {
        if (cell == null) {
            return List.of();
        }
        return java.util.Arrays.stream(cell.split(";")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    private static String text(JsonNode value, String path) {
        if (value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isString()) {
                    throw new ApiException(HttpStatus.BAD_REQUEST, "malformed_json", path + " must be a list of strings");
                }
                items.add(item.asString());
            }
            return String.join(";", items);
        }
        if (!value.isValueNode()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "malformed_json", path + " must be a string or a list of"
                    + " strings, not an object");
        }
        return value.asString();
    }

    private static Map<String, String> nonBlank(Map<String, String> cells) {
        Map<String, String> kept = new LinkedHashMap<>();
        cells.forEach((column, value) -> {
            if (value != null && !value.isBlank()) {
                kept.put(column.strip(), value.strip());
            }
        });
        return kept;
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "not_utf8", "The file is not UTF-8: save it as UTF-8"
                    + " (in a spreadsheet: CSV UTF-8) and send it again");
        }
    }
}
