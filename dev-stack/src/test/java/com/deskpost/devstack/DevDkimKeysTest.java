package com.deskpost.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevDkimKeysTest {

    @Test
    void everySampleSenderDomainGetsAKeyDeliveryCanReadAndTheDnsRecordsToPublishForIt() throws Exception {
        // Given the sample locations (four sender domains)
        DevDkimKeys keys = new DevDkimKeys(SampleFacility.locations());

        // When the dev-stack hands delivery its settings
        List<String> settings = Arrays.asList(keys.deliverySettings());

        // Then each domain has a selector and a PKCS#8 PEM private key
        assertThat(settings).filteredOn(s -> s.contains("].domain=")).hasSize(4)
                .anyMatch(s -> s.endsWith("=ldn-1.deskpost.example"));
        String pem = settings.stream().filter(s -> s.startsWith("--deskpost.delivery.dkim.keys[0].private-key="))
                .findFirst().orElseThrow();
        String base64 = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27, pem.indexOf("-----END"));
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(base64)));
        assertThat(key.getModulus().bitLength()).isEqualTo(2048);

        // and the DNS records name every domain's DKIM key and DMARC policy, and the bounce domain's SPF and MX
        List<String> records = keys.dnsRecords("bounce.example.com", "relay.example.com", "mx.example.com");
        assertThat(records).filteredOn(r -> r.contains("._domainkey.") && r.contains("v=DKIM1; k=rsa; p=")).hasSize(4);
        assertThat(records).filteredOn(r -> r.startsWith("_dmarc.")).hasSize(4);
        assertThat(records).contains("bounce.example.com. MX 10 mx.example.com.",
                "bounce.example.com. TXT \"v=spf1 a:relay.example.com -all\"");
    }
}
