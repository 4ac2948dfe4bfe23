package eu.synergie.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Port choice: a configured port, or a free one on the loopback when the configuration says 0. A free port is taken
 * below Linux's ephemeral range (32768–60999), where the kernel also picks the local ports of outgoing connections: a
 * port chosen there and bound minutes later (the gateway's, named in Keycloak's realm before the gateway starts) was
 * once taken meanwhile by one of the hundreds of connections the tests open. A port is also handed out once per JVM:
 * "free now" says nothing of a port another component of the same run was given and has not bound yet (an agency
 * desk's, named in the gateway's configuration long before the desk starts, was once taken so by a server started in
 * between).
 */
public final class Ports {

    private static final int LOWEST = 20_000;
    private static final int ABOVE_HIGHEST = 32_768;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    static int orFree(int configured) {
        return configured > 0 ? configured : free();
    }

    /** A port free now on the loopback, outside the ephemeral range where the machine has one. */
    public static int free() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(LOWEST, ABOVE_HIGHEST);
            if (HANDED_OUT.contains(candidate)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(candidate)) {
                    return candidate;
                }
            } catch (IOException taken) {
                // another one
            }
        }
        for (int attempt = 0; attempt < 200; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free port on the loopback", e);
            }
        }
        throw new IllegalStateException("no free port on the loopback that this JVM has not handed out already");
    }
}
