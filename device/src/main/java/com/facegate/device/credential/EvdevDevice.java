package com.facegate.device.credential;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.NativeLong;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * A Linux event device ({@code /dev/input/eventN}), opened and grabbed through libc: EVIOCGRAB makes the door
 * its only reader, so a wedge reader's keystrokes (a card number, a PIN) never reach a console or login prompt.
 * Java cannot ioctl by itself; jnr-ffi, already on the door's classpath for the systemd socket
 * (jnr-unixsocket), binds libc without a JNI build. Reads wait in poll(2) with a timeout, so the reading thread
 * notices {@code close()} and stale entries without blocking forever in read(2).
 */
public final class EvdevDevice implements EventSource {
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final short POLLIN = 1;
    /** _IOW('E', 0x90, int): grab (1) or release (0) the device for this file descriptor. */
    static final long EVIOCGRAB = 0x40044590L;

    /** The few libc calls used; each saves errno for the error message. */
    public interface LibC {
        @SaveError
        int open(String path, int flags);

        @SaveError
        int ioctl(int fd, NativeLong request, int arg);

        @SaveError
        int poll(@In @Out byte[] fds, NativeLong nfds, int timeoutMillis);

        @SaveError
        @ssize_t
        long read(int fd, @Out byte[] buf, @size_t long count);

        int close(int fd);

        String strerror(int errno);
    }

    private static final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    }

    private final Path path;
    private final int fd;
    private boolean closed;

    private EvdevDevice(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /**
     * Opens {@code path} read-only and, if {@code grab}, takes it exclusively: an error if someone else holds it
     * (EBUSY) or it is no event device (ENOTTY, EINVAL), since reading ungrabbed would echo cards to a console.
     */
    public static EvdevDevice open(Path path, boolean grab) throws IOException {
        try {
            return openWith(libc(), path, grab);
        } catch (LinkageError e) {
            // jnr-ffi reports a missing native provider only on the first call, not when the library loads.
            throw new IOException("libc not available through jnr-ffi: " + e.getMessage(), e);
        }
    }

    private static EvdevDevice openWith(LibC c, Path path, boolean grab) throws IOException {
        int fd = c.open(path.toString(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            throw new IOException("cannot open " + path + ": " + error(c));
        }
        if (grab && c.ioctl(fd, NativeLong.valueOf(EVIOCGRAB), 1) != 0) {
            String why = error(c);
            c.close(fd);
            throw new IOException("cannot grab " + path + " (EVIOCGRAB): " + why);
        }
        return new EvdevDevice(path, fd);
    }

    @Override
    public synchronized int read(byte[] buf, int timeoutMillis) throws IOException {
        if (closed) {
            return -1;
        }
        LibC c = libc();
        byte[] pollFd = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(fd).putShort(POLLIN)
                .putShort((short) 0).array();
        int ready = c.poll(pollFd, NativeLong.valueOf(1), timeoutMillis);
        if (ready < 0) {
            throw new IOException("poll " + path + ": " + error(c));
        }
        if (ready == 0) {
            return 0;
        }
        long n = c.read(fd, buf, buf.length);
        if (n < 0) {
            throw new IOException("read " + path + ": " + error(c)); // ENODEV: unplugged
        }
        return n == 0 ? -1 : (int) n;
    }

    /** Closing the descriptor also releases the grab. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Holder.LIBC.close(fd); // loaded: open() succeeded
        }
    }

    private static LibC libc() throws IOException {
        try {
            return Holder.LIBC;
        } catch (LinkageError e) {
            throw new IOException("libc not available through jnr-ffi: " + e.getMessage(), e);
        }
    }

    private static String error(LibC c) {
        int errno = LastError.getLastError(Runtime.getRuntime(c));
        return c.strerror(errno) + " (errno " + errno + ")";
    }
}
