package io.fieldsync.accounting.bench.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The journal's JDBC URL exactly as the feature ships it (the {@code url} of the {@code org.ops4j.datasource-accounting}
 * configuration in {@code karaf-feature}'s features.xml), with {@code ${karaf.data}} pointed at the run's data folder.
 * Read from the feature rather than copied, so that the run always tests the durability settings users get.
 */
final class ShippedJournalUrl {

    private static final Pattern CONFIG = Pattern.compile("<config\\s+name=\"org\\.ops4j\\.datasource-accounting\"[^>]*>(.*?)</config>",
            Pattern.DOTALL);
    private static final Pattern URL = Pattern.compile("(?m)^\\s*url\\s*=\\s*(\\S.*?)\\s*$");

    private ShippedJournalUrl() {
    }

    static String read(Path featureXml, Path karafData) {
        String features;
        try {
            features = Files.readString(featureXml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped datasource configuration in " + featureXml, e);
        }
        Matcher config = CONFIG.matcher(features);
        if (!config.find()) {
            throw new IllegalStateException("no org.ops4j.datasource-accounting configuration in " + featureXml);
        }
        Matcher url = URL.matcher(config.group(1));
        if (!url.find()) {
            throw new IllegalStateException("the org.ops4j.datasource-accounting configuration in " + featureXml + " has no url");
        }
        String shipped = url.group(1);
        if (!shipped.startsWith("jdbc:h2:")) {
            throw new IllegalStateException("the shipped journal is not H2 (" + shipped + "); the chaos run drives the embedded default");
        }
        return shipped.replace("${karaf.data}", karafData.toAbsolutePath().toString().replace('\\', '/'));
    }
}
