package io.vigia.agent.ship;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How the agent recognises the real monitor over HTTPS: the system trust store (the default), the
 * CA certificates of a PEM file, or one pinned server certificate (its SHA-256 fingerprint).
 */
public abstract sealed class ServerTrust {

  private ServerTrust() {}

  /** The TLS context to connect with. */
  public abstract SSLContext sslContext();

  /** What an operator reads in the log. */
  public abstract String describe();

  public static ServerTrust systemDefault() {
    return new SystemDefault();
  }

  /** Trusts the CA certificates (one or more, PEM) in {@code pem}, and only them. */
  public static ServerTrust caFile(Path pem) {
    return new CaFile(pem);
  }

  /**
   * Accepts only a server whose leaf certificate has this SHA-256 fingerprint, whoever signed it.
   *
   * @param fingerprint 64 hex digits, upper or lower case, with or without colons
   */
  public static ServerTrust pinned(String fingerprint) {
    return new Pinned(parseFingerprint(fingerprint));
  }

  static byte[] parseFingerprint(String text) {
    String hex = text.replace(":", "").replace(" ", "").trim().toLowerCase(Locale.ROOT);
    if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException(
          "pin.sha256 must be 64 hex digits (colons allowed), got '" + text + "'");
    }
    return HexFormat.of().parseHex(hex);
  }

  /** The SHA-256 fingerprint of a certificate, colon-separated upper-case hex (keytool style). */
  public static String fingerprint(Certificate cert) {
    try {
      return HexFormat.ofDelimiter(":")
          .withUpperCase()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class SystemDefault extends ServerTrust {
    @Override
    public SSLContext sslContext() {
      try {
        return SSLContext.getDefault();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("this JVM has no default TLS context", e);
      }
    }

    @Override
    public String describe() {
      return "system trust store";
    }
  }

  private static final class CaFile extends ServerTrust {
    private final Path pem;

    CaFile(Path pem) {
      this.pem = pem;
    }

    @Override
    public SSLContext sslContext() {
      try (InputStream in = Files.newInputStream(pem)) {
        Collection<? extends Certificate> certs =
            CertificateFactory.getInstance("X.509").generateCertificates(in);
        if (certs.isEmpty()) {
          throw new IllegalArgumentException("ca.file " + pem + " holds no certificate");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (Certificate c : certs) {
          store.setCertificateEntry("ca-" + i++, c);
        }
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read ca.file " + pem + ": " + e.getMessage());
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException(
            "ca.file " + pem + " is not a PEM certificate file: " + e.getMessage());
      }
    }

    @Override
    public String describe() {
      return "CA file " + pem;
    }
  }

  /**
   * Checks the leaf certificate's fingerprint and nothing else: the pin names the one certificate
   * the monitor serves, which is a stronger statement than any CA or host name check (and lets a
   * self-signed monitor be reached by its IP address). Being an {@link X509ExtendedTrustManager},
   * it is used as is by the JDK, without the host name check the JDK adds to plain ones.
   */
  private static final class Pinned extends ServerTrust {
    private final byte[] sha256;

    Pinned(byte[] sha256) {
      this.sha256 = sha256;
    }

    @Override
    public SSLContext sslContext() {
      try {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new PinTrustManager(sha256)}, null);
        return ctx;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String describe() {
      return "pinned certificate SHA-256 "
          + HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256);
    }
  }

  private static final class PinTrustManager extends X509ExtendedTrustManager {
    private final byte[] sha256;

    PinTrustManager(byte[] sha256) {
      this.sha256 = sha256;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
      if (chain == null || chain.length == 0) {
        throw new CertificateException("the server sent no certificate");
      }
      byte[] actual;
      try {
        actual = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
      } catch (NoSuchAlgorithmException e) {
        throw new CertificateException(e);
      }
      if (!MessageDigest.isEqual(actual, sha256)) {
        throw new CertificateException(
            "server certificate SHA-256 "
                + fingerprint(chain[0])
                + " does not match pin.sha256 "
                + HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256));
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("the agent accepts no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("the agent accepts no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("the agent accepts no clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
