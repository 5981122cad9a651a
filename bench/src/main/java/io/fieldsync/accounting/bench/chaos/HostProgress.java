package io.fieldsync.accounting.bench.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.TreeSet;

/**
 * The host's own durable memory of which steps the integration acknowledged: one line per acknowledged step, appended
 * and forced to disk before the host moves on. After a {@code kill -9} the host makes every step this log does not
 * name; a step that was acknowledged but not yet written here is simply made again, which the integration must take as
 * the repeat it is (same document, same content). Steps may be acknowledged out of order (an edit waits for its
 * document to sync while other customers' documents go on). A torn last line (the kill hit the write) is ignored.
 */
final class HostProgress implements AutoCloseable {

    private static final String PREFIX = "ack ";

    private final FileChannel channel;
    private final Set<Integer> acknowledged;

    private HostProgress(FileChannel channel, Set<Integer> acknowledged) {
        this.channel = channel;
        this.acknowledged = acknowledged;
    }

    static HostProgress open(Path file) {
        try {
            Set<Integer> done = acknowledgedIn(file);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            if (channel.size() > 0 && !endsWithNewline(file)) {
                // the previous process died in the middle of a line: end it, so the next record starts clean
                channel.write(ByteBuffer.wrap("\n".getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            return new HostProgress(channel, done);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the host's progress log " + file, e);
        }
    }

    /** The steps the log at {@code file} records as acknowledged, without opening it for writing. */
    static Set<Integer> acknowledgedIn(Path file) throws IOException {
        Set<Integer> done = new TreeSet<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int step = parse(line);
                if (step >= 0) {
                    done.add(step);
                }
            }
        }
        return done;
    }

    /** How many steps were acknowledged. */
    synchronized int count() {
        return acknowledged.size();
    }

    synchronized boolean isAcknowledged(int index) {
        return acknowledged.contains(index);
    }

    /** Records that step {@code index} was acknowledged; on disk when this returns. */
    synchronized void acknowledge(int index, String what) {
        try {
            channel.write(ByteBuffer.wrap((PREFIX + index + " " + what + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the host's progress log", e);
        }
        acknowledged.add(index);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The step a line names, or -1 for anything else; a line is whole only with its description after the index. */
    private static int parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return -1;
        }
        String rest = line.substring(PREFIX.length());
        int space = rest.indexOf(' ');
        if (space < 0) {
            return -1;
        }
        try {
            return Integer.parseInt(rest.substring(0, space));
        } catch (NumberFormatException torn) {
            return -1;
        }
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return bytes.length == 0 || bytes[bytes.length - 1] == '\n';
    }
}
