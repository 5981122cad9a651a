package io.fieldsync.accounting.sandbox;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code RULES.md}, the table of every rule the simulators enforce, stays honest: each row has a source and a known
 * kind, names classes that exist, and every class that marks a guess ({@code [U]}) in its comments has a guess row.
 */
class RulesTableTest {

    private static final Path TABLE = Path.of("RULES.md");
    private static final Path SOURCES = Path.of("src/main/java/io/fieldsync/accounting/sandbox");
    private static final List<String> HEADER = List.of("sandbox", "rule", "source", "kind", "code");
    private static final Set<String> SANDBOXES = Set.of("xero", "qbo", "both");
    private static final Set<String> KINDS = Set.of("documented", "SDK", "spec", "observed", "guess");

    private static List<Row> rows;

    record Row(int line, String sandbox, String rule, String source, String kind, List<String> code) {
    }

    @BeforeAll
    static void read() throws IOException {
        rows = parse(Files.readAllLines(TABLE, StandardCharsets.UTF_8));
    }

    @Test
    void theTableListsRulesOfBothSandboxes() {
        assertThat(rows).extracting(Row::sandbox).contains("xero", "qbo");
        assertThat(rows.size()).isGreaterThan(50);
    }

    @Test
    void everyRowNamesItsSandboxAKnownKindAndASource() {
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.sandbox()).as("line %d: sandbox", row.line()).isIn(SANDBOXES);
            assertThat(row.kind()).as("line %d: kind", row.line()).isIn(KINDS);
            assertThat(row.rule()).as("line %d: rule", row.line()).isNotBlank();
            assertThat(row.source()).as("line %d: source (write 'none' for a guess without one)", row.line())
                    .isNotBlank();
        });
    }

    @Test
    void aRuleWithoutASourceIsMarkedAsAGuess() {
        assertThat(rows).filteredOn(row -> row.source().toLowerCase(Locale.ROOT).startsWith("none"))
                .allSatisfy(row -> assertThat(row.kind()).as("line %d", row.line()).isEqualTo("guess"));
    }

    @Test
    void everyRowNamesClassesThatExist() {
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.code()).as("line %d: code", row.line()).isNotEmpty();
            assertThat(row.code()).allSatisfy(name -> assertThat(SOURCES.resolve(name.replace('.', '/') + ".java"))
                    .as("line %d names %s", row.line(), name).isRegularFile());
        });
    }

    @Test
    void noRuleIsListedTwice() {
        Set<String> seen = new HashSet<>();
        assertThat(rows).allSatisfy(row -> assertThat(seen.add(row.sandbox() + "|" + row.rule()))
                .as("line %d repeats a rule", row.line()).isTrue());
    }

    @Test
    void everyClassThatMarksAGuessHasAGuessRow() throws IOException {
        Set<String> named = rows.stream().filter(row -> row.kind().equals("guess"))
                .flatMap(row -> row.code().stream()).collect(Collectors.toSet());
        List<String> marking = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (Files.readString(file, StandardCharsets.UTF_8).contains("[U")) {
                    String relative = SOURCES.relativize(file).toString().replace('\\', '/');
                    marking.add(relative.substring(0, relative.length() - ".java".length()).replace('/', '.'));
                }
            }
        }

        assertThat(marking).isNotEmpty();
        assertThat(named).as("classes with [U] comments and a guess row").containsAll(marking);
    }

    @Test
    void theReadmePointsAtTheTable() throws IOException {
        assertThat(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8)).contains("(RULES.md)");
    }

    static List<Row> parse(List<String> lines) {
        List<Row> parsed = new ArrayList<>();
        boolean inTable = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (!line.startsWith("|")) {
                inTable = false;
                continue;
            }
            List<String> cells = cells(line);
            if (cells.equals(HEADER)) {
                inTable = true;
                continue;
            }
            if (!inTable || cells.stream().allMatch(c -> c.matches("-+"))) {
                continue;
            }
            assertThat(cells).as("line %d has the five columns %s", i + 1, HEADER).hasSize(HEADER.size());
            List<String> code = Stream.of(cells.get(4).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .toList();
            parsed.add(new Row(i + 1, cells.get(0), cells.get(1), cells.get(2), cells.get(3), code));
        }
        return parsed;
    }

    /** The cells of a Markdown table line; {@code \|} is a pipe inside a cell. */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return cells;
    }
}
