package io.intelligencesuite.pipelines.local;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/** The JDK HTTP server on 127.0.0.1 and a free port, daemon threads: what each local API fake needs. */
final class LoopbackHttpServer {
  private LoopbackHttpServer() {}

  static HttpServer start(String threadName, int threads, HttpHandler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", handler);
    server.start();
    return server;
  }
}
