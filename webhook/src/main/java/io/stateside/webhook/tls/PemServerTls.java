package io.stateside.webhook.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The server's TLS context from the two PEM files a Kubernetes TLS Secret holds: {@code tls.crt}
 * (the certificate, then any intermediates) and {@code tls.key} (its PKCS#8 private key, RSA or EC).
 * PEM rather than a Java key store because that is what cert-manager and openssl write.
 */
public final class PemServerTls {

  private static final Pattern PKCS8_KEY =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
  private static final char[] NO_PASSWORD = new char[0];

  private PemServerTls() {}

  public static SSLContext context(Path certificateChain, Path privateKey) throws IOException, GeneralSecurityException {
    List<? extends Certificate> chain = certificates(certificateChain);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("webhook", privateKey(privateKey, chain.get(0).getPublicKey().getAlgorithm()), NO_PASSWORD,
        chain.toArray(new Certificate[0]));
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, NO_PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  private static List<? extends Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      List<? extends Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (chain.isEmpty()) {
        throw new GeneralSecurityException(file + " holds no PEM certificate");
      }
      return chain;
    }
  }

  private static PrivateKey privateKey(Path file, String algorithm) throws IOException, GeneralSecurityException {
    Matcher pem = PKCS8_KEY.matcher(Files.readString(file, StandardCharsets.US_ASCII));
    if (!pem.find()) {
      throw new GeneralSecurityException(file + " holds no PKCS#8 private key (-----BEGIN PRIVATE KEY-----); "
          + "convert another key with: openssl pkcs8 -topk8 -nocrypt -in KEY -out " + file);
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.group(1));
    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
  }
}
