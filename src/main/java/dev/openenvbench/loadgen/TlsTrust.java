package dev.openenvbench.loadgen;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * What a run's https/wss connections trust: the JDK's authorities and hostname check by default,
 * the authorities of {@code --ca-cert} instead (hostname still checked), or anything at all with
 * {@code --insecure}. The same trust for the sessions and the side requests on Netty ({@link
 * #context}: the pre-flight's {@code /health}, the scrapes of {@code /metrics}) and for those on
 * the JDK's HTTP client ({@code /metadata}, the server watch), through the process's default {@link
 * SSLContext} while the run lasts ({@link #installDefault}).
 */
final class TlsTrust {
  private TlsTrust() {}

  /** The sessions' TLS client context. */
  static SslContext context(Connection c) {
    SslContextBuilder b =
        SslContextBuilder.forClient()
            .endpointIdentificationAlgorithm(c.insecure() ? null : "HTTPS");
    TrustManager tm = trustManager(c);
    if (tm != null) b.trustManager(tm);
    try {
      return b.build();
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a TLS client context: " + e.getMessage(), e);
    }
  }

  /**
   * The TLS handler of a wss session's connection, stamping {@code t.tlsDone} when its handshake
   * completes: the TLS handshake is a phase of its own, between the TCP connect and the upgrade.
   */
  static SslHandler timed(
      ClientTransport transport, Channel ch, Target target, SessionTimeline t, SessionContext ctx) {
    SslHandler h = transport.ssl().newHandler(ch.alloc(), target.host(), target.port());
    h.handshakeFuture()
        .addListener(
            f -> {
              if (f.isSuccess()) t.tlsDone = ctx.clock().nanoTime();
            });
    return h;
  }

  /** Set on a pooled https connection once a session has claimed the wait for its handshake. */
  private static final AttributeKey<Boolean> HANDSHAKE_CLAIMED =
      AttributeKey.valueOf("openenv-bench.tls-handshake-claimed");

  /**
   * Runs {@code then} on a pooled HTTP connection once its TLS handshake is done. The first session
   * to acquire a new https connection waits for the handshake and has it timed ({@code stamp}, as
   * wss stamps its own), so that its reset round trip no longer hides it; a session that reuses the
   * connection goes on at once and has no handshake of its own (null). A failed handshake fails the
   * session that waited for it as a connect error. Plain http goes on at once.
   */
  static void afterHandshake(
      Channel ch, Runnable stamp, Consumer<SessionFailure> fail, Runnable then) {
    SslHandler ssl = ch.pipeline().get(SslHandler.class);
    if (ssl == null || ch.attr(HANDSHAKE_CLAIMED).setIfAbsent(Boolean.TRUE) != null) {
      then.run();
      return;
    }
    ssl.handshakeFuture()
        .addListener(
            f -> {
              if (f.isSuccess()) {
                stamp.run();
                then.run();
              } else {
                fail.accept(Failures.onConnect(f.cause()));
              }
            });
  }

  /**
   * Makes the run's trust the process's default until the returned handle is closed; nothing
   * changes when it is the JDK's own.
   */
  static Installed installDefault(Connection c) {
    TrustManager tm = trustManager(c);
    if (tm == null) return () -> {};
    try {
      SSLContext previous = SSLContext.getDefault();
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {tm}, null);
      SSLContext.setDefault(ctx);
      return () -> SSLContext.setDefault(previous);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create a TLS context: " + e.getMessage(), e);
    }
  }

  /**
   * The trust manager of {@code --insecure} or {@code --ca-cert}, null for the JDK's.
   *
   * @throws IllegalArgumentException the {@code --ca-cert} file holds no certificate (one line)
   */
  static TrustManager trustManager(Connection c) {
    if (c.insecure()) return new TrustAll();
    if (c.caCert() == null) return null;
    try (InputStream in = Files.newInputStream(c.caCert())) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, cert);
      }
      if (i == 0) throw new GeneralSecurityException("no certificate in it");
      TrustManagerFactory f =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      f.init(store);
      return f.getTrustManagers()[0];
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "--ca-cert " + c.caCert() + ": not a PEM certificate file (" + e.getMessage() + ")");
    }
  }

  /** Puts the JDK's default back. */
  interface Installed extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Trusts every certificate and skips the hostname check: an extended trust manager, or the JDK
   * would wrap it in one that still checks the hostname.
   */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
