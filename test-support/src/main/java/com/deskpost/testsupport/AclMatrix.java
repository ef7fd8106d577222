package com.deskpost.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Deskpost's Kafka ACL matrix (platform's {@code deskpost/kafka-acls.txt}, DESIGN section 4): who may
 * read and write which topic, group and transactional id. The same file drives
 * {@code docker/kafka/create-principals.sh}; this is its one Java reader, for the tests' broker.
 * A line is {@code principal operations resource pattern name}; operations are comma-separated and
 * spelt as kafka-acls.sh spells them ({@code Read}, {@code DescribeConfigs}).
 */
public record AclMatrix(List<Grant> grants) {

    /** The classpath resource platform ships. */
    public static final String RESOURCE = "deskpost/kafka-acls.txt";
    /** The name kafka-acls.sh and Kafka give the one cluster resource. */
    public static final String CLUSTER_NAME = "kafka-cluster";

    /** One line of the matrix: allow {@code principal} these operations on the resources the pattern names. */
    public record Grant(String principal, Set<AclOperation> operations, ResourceType resource, PatternType pattern,
            String name) {

        /** Kafka's bindings for this grant, allowed from any host. */
        public List<AclBinding> bindings() {
            ResourcePattern resourcePattern = new ResourcePattern(resource, name, pattern);
            return operations.stream()
                    .map(operation -> new AclBinding(resourcePattern, new AccessControlEntry(
                            "User:" + principal, "*", operation, AclPermissionType.ALLOW)))
                    .toList();
        }
    }

    private static final Set<AclOperation> IMPLY_DESCRIBE =
            EnumSet.of(AclOperation.READ, AclOperation.WRITE, AclOperation.DELETE, AclOperation.ALTER);

    public AclMatrix {
        grants = List.copyOf(grants);
    }

    /** The matrix on the classpath (platform's resource). */
    public static AclMatrix load() {
        try (InputStream in = AclMatrix.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath: it ships in the platform module");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    /** Parses the matrix text; a malformed line fails with its number. */
    public static AclMatrix parse(String text) {
        List<Grant> grants = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length != 5) {
                throw new IllegalArgumentException("Line " + (i + 1) + " of the ACL matrix has " + fields.length
                        + " fields, not 5 (principal operations resource pattern name): " + line);
            }
            grants.add(new Grant(fields[0], operations(fields[1], i + 1), resource(fields[2], i + 1),
                    pattern(fields[3], i + 1), fields[4]));
        }
        return new AclMatrix(grants);
    }

    /** Every principal the matrix names, sorted. */
    public SortedSet<String> principals() {
        return grants.stream().map(Grant::principal).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The grants of one principal. */
    public List<Grant> grantsOf(String principal) {
        return grants.stream().filter(grant -> grant.principal().equals(principal)).toList();
    }

    /**
     * Whether some grant allows {@code principal} this operation on the named resource, as the broker's
     * authorizer matches: literal names exactly, prefixed ones by prefix, {@code All} any operation, and
     * Read, Write, Delete or Alter on a resource Describe too (DescribeConfigs with AlterConfigs).
     */
    public boolean allows(String principal, AclOperation operation, ResourceType resource, String name) {
        return grantsOf(principal).stream()
                .filter(grant -> grant.resource() == resource)
                .filter(grant -> grant.pattern() == PatternType.LITERAL ? grant.name().equals(name)
                        : name.startsWith(grant.name()))
                .anyMatch(grant -> grant.operations().contains(AclOperation.ALL)
                        || grant.operations().contains(operation)
                        || operation == AclOperation.DESCRIBE && grant.operations().stream().anyMatch(IMPLY_DESCRIBE::contains)
                        || operation == AclOperation.DESCRIBE_CONFIGS && grant.operations().contains(AclOperation.ALTER_CONFIGS));
    }

    /** Every ACL binding of the matrix. */
    public List<AclBinding> bindings() {
        return grants.stream().flatMap(grant -> grant.bindings().stream()).toList();
    }

    private static Set<AclOperation> operations(String field, int line) {
        Set<AclOperation> operations = EnumSet.noneOf(AclOperation.class);
        for (String name : field.split(",")) {
            // kafka-acls.sh spells them in camel case (DescribeConfigs), the enum in upper snake case.
            AclOperation operation = AclOperation.fromString(
                    name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
            if (operation == AclOperation.UNKNOWN || operation == AclOperation.ANY) {
                throw new IllegalArgumentException("Line " + line + " of the ACL matrix names no Kafka operation: "
                        + name);
            }
            operations.add(operation);
        }
        return operations;
    }

    private static ResourceType resource(String field, int line) {
        return switch (field) {
            case "topic" -> ResourceType.TOPIC;
            case "group" -> ResourceType.GROUP;
            case "transactional-id" -> ResourceType.TRANSACTIONAL_ID;
            case "cluster" -> ResourceType.CLUSTER;
            default -> throw new IllegalArgumentException("Line " + line + " of the ACL matrix: resource " + field
                    + " is none of " + Arrays.asList("topic", "group", "transactional-id", "cluster"));
        };
    }

    private static PatternType pattern(String field, int line) {
        return switch (field) {
            case "literal" -> PatternType.LITERAL;
            case "prefixed" -> PatternType.PREFIXED;
            default -> throw new IllegalArgumentException("Line " + line + " of the ACL matrix: pattern " + field
                    + " is neither literal nor prefixed");
        };
    }
}
