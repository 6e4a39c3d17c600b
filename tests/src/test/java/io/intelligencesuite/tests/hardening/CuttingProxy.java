package io.intelligencesuite.tests.hardening;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a database that drops a connection once the server has sent it more than
 * {@code cutAfterBytes}, after stalling for {@code stallMillis} (time in which the run's other
 * reads and writes go on): the database going away in the middle of a result set, as a network
 * failure or a restarted server does. Connections that stay under the limit (logins, small queries)
 * pass untouched. {@link #cuts()} counts the connections it dropped.
 */
final class CuttingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int targetPort;
  private final long cutAfterBytes;
  private final long stallMillis;
  private final AtomicInteger cuts = new AtomicInteger();

  CuttingProxy(int targetPort, long cutAfterBytes, long stallMillis) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.targetPort = targetPort;
    this.cutAfterBytes = cutAfterBytes;
    this.stallMillis = stallMillis;
    Thread accept = new Thread(this::accept, "cutting-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return server.getLocalPort();
  }

  int cuts() {
    return cuts.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket db = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        pump(client, db, Long.MAX_VALUE);
        pump(db, client, cutAfterBytes);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** Copies {@code from} to {@code to}; past {@code limit} bytes, closes both ends mid-stream. */
  private void pump(Socket from, Socket to, long limit) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[8192];
              long sent = 0;
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                  if (sent + n > limit) {
                    out.write(buf, 0, (int) (limit - sent));
                    out.flush();
                    Thread.sleep(stallMillis);
                    cuts.incrementAndGet();
                    break;
                  }
                  out.write(buf, 0, n);
                  sent += n;
                }
              } catch (IOException e) {
                // the other direction closed the pair
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "cutting-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
