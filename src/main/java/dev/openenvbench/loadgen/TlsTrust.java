package dev.openenvbench.loadgen;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * The TLS client context of a run's https/wss connections: the JDK's trusted authorities and
 * hostname check by default, the authorities of {@code --ca-cert} instead (hostname still checked),
 * or no check at all with {@code --insecure}.
 */
final class TlsTrust {
  private TlsTrust() {}

  /**
   * @throws IllegalArgumentException the {@code --ca-cert} file holds no certificate (one line)
   */
  static SslContext context(Connection c) {
    SslContextBuilder b = SslContextBuilder.forClient();
    if (c.insecure()) {
      b.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
    } else {
      b.endpointIdentificationAlgorithm("HTTPS");
      if (c.caCert() != null) b.trustManager(certificates(c));
    }
    try {
      return b.build();
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a TLS client context: " + e.getMessage(), e);
    }
  }

  private static X509Certificate[] certificates(Connection c) {
    try (InputStream in = Files.newInputStream(c.caCert())) {
      X509Certificate[] certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
              .map(X509Certificate.class::cast)
              .toArray(X509Certificate[]::new);
      if (certs.length == 0) throw new GeneralSecurityException("no certificate in it");
      return certs;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "--ca-cert " + c.caCert() + ": not a PEM certificate file (" + e.getMessage() + ")");
    }
  }
}
