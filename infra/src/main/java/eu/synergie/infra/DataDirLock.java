package eu.synergie.infra;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Our own lock on a server's data folder, taken before the server starts. Kafka in particular locks
 * its log dir only after the controller has written to it, so a second broker on the same dir
 * corrupts the first: we refuse the second start before it can.
 */
final class DataDirLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirLock acquire(String server, Path dir) {
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(dir.resolve("synergie.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldByThisJvm) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new ServerStartException(server, dir + " is in use by another running " + server
                        + " (stop it, or give this one another folder)", "");
            }
            return new DataDirLock(channel, lock);
        } catch (IOException e) {
            throw new ServerStartException(server, "cannot lock " + dir, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // released with the channel anyway
        }
    }
}
