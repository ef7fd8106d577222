package com.deskpost.bench;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Delivery's DKIM settings for the bench: one RSA 2048 key (what operators publish today) for each sender domain. */
final class DkimKeys {

    private DkimKeys() {
    }

    static String[] settings(List<String> domains) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(rsa2048().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        List<String> settings = new ArrayList<>();
        for (int i = 0; i < domains.size(); i++) {
            String key = "--deskpost.delivery.dkim.keys[" + i + "].";
            settings.add(key + "domain=" + domains.get(i));
            settings.add(key + "selector=bench");
            settings.add(key + "private-key=" + pem);
        }
        return settings.toArray(String[]::new);
    }

    private static java.security.PrivateKey rsa2048() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("No RSA in this JVM", e);
        }
    }
}
