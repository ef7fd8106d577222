package com.deskpost.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** For the tests of the fixed-port variants: a port free right now, so they still use random ports. */
final class FreePorts {

    private FreePorts() {
    }

    static int find() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
