import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Puts a PEM certificate (chain) and its PKCS#8 PEM private key into the Payara domain's keystore
 * under an alias (s1as: the one the HTTPS and admin listeners use), replacing the self-signed
 * certificate. Run by init_0_vigia.sh with Java's source launcher, since keytool cannot import a
 * PEM private key and the Payara image has no openssl.
 *
 * <pre>java ImportCertificate.java KEYSTORE STOREPASS ALIAS CERT.pem KEY.pem</pre>
 */
public final class ImportCertificate {

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("usage: ImportCertificate KEYSTORE STOREPASS ALIAS CERT.pem KEY.pem");
      System.exit(2);
    }
    Path keystoreFile = Path.of(args[0]);
    char[] password = args[1].toCharArray();
    Certificate[] chain;
    try (var in = Files.newInputStream(Path.of(args[3]))) {
      chain = CertificateFactory.getInstance("X.509").generateCertificates(in).toArray(Certificate[]::new);
    }
    if (chain.length == 0) throw new IllegalArgumentException("no certificate in " + args[3]);
    PrivateKey key = privateKey(Files.readString(Path.of(args[4])), chain[0].getPublicKey().getAlgorithm());

    KeyStore keystore = KeyStore.getInstance(keystoreFile.toFile(), password);
    keystore.setKeyEntry(args[2], key, password, chain);
    Path next = keystoreFile.resolveSibling(keystoreFile.getFileName() + ".new");
    try (var out = Files.newOutputStream(next)) {
      keystore.store(out, password);
    }
    Files.move(next, keystoreFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    System.out.println("[vigia] HTTPS certificate: " + ((java.security.cert.X509Certificate) chain[0]).getSubjectX500Principal());
  }

  private static PrivateKey privateKey(String pem, String algorithm) throws Exception {
    if (pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN EC PRIVATE KEY")) {
      throw new IllegalArgumentException(
          "the key is PKCS#1/SEC1; give it as PKCS#8 (BEGIN PRIVATE KEY): openssl pkcs8 -topk8 -nocrypt");
    }
    String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body));
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(spec);
    } catch (InvalidKeySpecException e) {
      throw new IllegalArgumentException("the key does not match the certificate's " + algorithm + " key", e);
    }
  }
}
